#!/usr/bin/env python3
"""The network of MarginScope's Training target in NumPy (float64), for `marginscope bench`.

Same model and step as Sources/Training: x -> tanh(x W1 + b1) -> e = a W2 + b2 (2-D) ->
CosFace on the unit circle (cos theta_j = W_j.e / (|W_j| |e|), z_j = s cos theta_j,
z_y = s (cos theta_y - m)), mean loss over the batch, full-batch SGD with momentum
(v <- mu v - lr grad, p <- p + v), gradients by hand. The bench hands over, per case,
raw little-endian files written by the Swift side: NAME.inputs (float64, n x d),
NAME.labels (int64, n) and NAME.parameters (float64, the flat layout
[W1 (d x h) | b1 | W2 (h x 2) | b2 | W (C x 2)]), so both sides start from the same numbers.

Prints one JSON object per case: name, size, median_ms (one epoch), and loss (the mean
loss after --epochs epochs from the given start), which the bench compares with its own.
"""
import argparse
import json
import time

import numpy as np


def unpack(p, d, h, c):
    i = 0
    w1 = p[i:i + d * h].reshape(d, h); i += d * h
    b1 = p[i:i + h]; i += h
    w2 = p[i:i + 2 * h].reshape(h, 2); i += 2 * h
    b2 = p[i:i + 2]; i += 2
    wc = p[i:i + 2 * c].reshape(c, 2)
    return w1, b1, w2, b2, wc


def loss_and_gradient(p, x, y, d, h, c, scale, margin):
    w1, b1, w2, b2, wc = unpack(p, d, h, c)
    n = x.shape[0]
    a = np.tanh(x @ w1 + b1)
    e = a @ w2 + b2
    e_norm = np.sqrt((e * e).sum(1, keepdims=True))
    u = e / e_norm
    w_norm = np.sqrt((wc * wc).sum(1, keepdims=True))
    wn = wc / w_norm
    z = scale * (u @ wn.T)
    rows = np.arange(n)
    z[rows, y] -= scale * margin
    top = z.max(1, keepdims=True)
    ex = np.exp(z - top)
    total = ex.sum(1, keepdims=True)
    loss = float(np.mean(np.log(total[:, 0]) + top[:, 0] - z[rows, y]))
    g = ex / total
    g[rows, y] -= 1
    g *= scale / n
    du = g @ wn
    de = (du - (du * u).sum(1, keepdims=True) * u) / e_norm
    dwn = g.T @ u
    dwc = (dwn - (dwn * wn).sum(1, keepdims=True) * wn) / w_norm
    dw2 = a.T @ de
    db2 = de.sum(0)
    dh = (de @ w2.T) * (1 - a * a)
    dw1 = x.T @ dh
    db1 = dh.sum(0)
    return loss, np.concatenate([dw1.ravel(), db1, dw2.ravel(), db2, dwc.ravel()])


def train(p, x, y, d, h, c, args, epochs):
    v = np.zeros_like(p)
    for _ in range(epochs):
        _, grad = loss_and_gradient(p, x, y, d, h, c, args.scale, args.margin)
        v = args.momentum * v - args.learning_rate * grad
        p = p + v
    return p


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--cases", required=True, help="comma-separated name:n:d:h:C")
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("--margin", type=float, required=True)
    parser.add_argument("--learning-rate", type=float, required=True)
    parser.add_argument("--momentum", type=float, required=True)
    parser.add_argument("--epochs", type=int, required=True, help="epochs before the loss is reported")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--runs", type=int, default=7, help="timed runs of --epochs epochs each")
    args = parser.parse_args()
    for case in args.cases.split(","):
        name, n, d, h, c = case.split(":")
        n, d, h, c = int(n), int(d), int(h), int(c)
        x = np.fromfile(f"{args.dir}/{name}.inputs", dtype="<f8").reshape(n, d)
        y = np.fromfile(f"{args.dir}/{name}.labels", dtype="<i8")
        start = np.fromfile(f"{args.dir}/{name}.parameters", dtype="<f8")
        final = train(start.copy(), x, y, d, h, c, args, args.epochs)
        loss, _ = loss_and_gradient(final, x, y, d, h, c, args.scale, args.margin)
        for _ in range(args.warmup):
            train(start.copy(), x, y, d, h, c, args, args.epochs)
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            train(start.copy(), x, y, d, h, c, args, args.epochs)
            times.append((time.perf_counter() - t0) * 1000 / args.epochs)
        print(json.dumps({"name": "train epoch", "size": name, "median_ms": float(np.median(times)), "loss": loss}),
              flush=True)


if __name__ == "__main__":
    main()
