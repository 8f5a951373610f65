#!/usr/bin/env python3
"""PyTorch and JAX peers of `marginscope bench`: LMCL loss and dL/dcos in float64.

`marginscope bench` writes each batch it times to DIR as two raw little-endian
files, BxC.labels (int64, B values) and BxC.cosines (float64, B*C values), and
runs this script on the same batches (as it runs bench_numpy.py).

Usage:
    bench_peers.py --dir DIR --sizes 256x1000,1024x5994 [--scale 30] [--margin 0.35]
                   [--warmup 1] [--runs 7]

Rows (each run only when its module imports, else reported as skipped):
  PyTorch autograd, 1 and 2 threads: F.cross_entropy on s*(cos - m*onehot), then
      backward(); the gradient is a fresh tensor each call, as autograd makes it.
  PyTorch fused, 1 and 2 threads: the same loss and full gradient written by hand
      in place into one kept tensor (mul, shift by the row maximum, exp_, scale),
      the fastest PyTorch formulation we know.
  JAX jit(value_and_grad): the same loss, compiled by XLA (threads as XLA chooses).

Prints one JSON object per line: {"name", "size", "threads", "compare", "median_ms",
"loss"} or {"name", "size", "skipped"}. "compare" names the MarginScope row the
peer is set beside ("lmcl" fresh output, "lmcl kept"; "1t" with one thread); the
loss lets the caller check that both compute the same thing.
"""

import argparse
import json
import sys
import time

try:
    import numpy as np
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.stderr.write(f"bench_peers.py: NumPy is not available ({error})\n")
    sys.exit(3)


def median_ms(once, warmup, runs):
    for _ in range(warmup):
        once()
    times = []
    value = 0.0
    for _ in range(runs):
        start = time.perf_counter()
        value = once()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    n = len(times)
    median = times[n // 2] if n % 2 else (times[n // 2 - 1] + times[n // 2]) / 2
    return median, value


def torch_rows(cos_np, labels_np, s, m, warmup, runs, size):
    try:
        import torch
        import torch.nn.functional as F
    except ImportError as error:
        for threads in (1, 2):
            for kind in ("autograd", "fused"):
                print(json.dumps({"name": f"PyTorch {kind}, {threads} thread{'s' if threads > 1 else ''}",
                                  "size": size, "skipped": f"torch does not import ({error})"}), flush=True)
        return
    cos = torch.from_numpy(cos_np)
    labels = torch.from_numpy(labels_np)
    b = cos.shape[0]
    rows = torch.arange(b)
    onehot_margin = torch.zeros_like(cos)
    onehot_margin[rows, labels] = m
    target = cos[rows, labels]
    kept = torch.empty_like(cos)

    def autograd():
        x = cos.detach().requires_grad_(True)
        loss = F.cross_entropy(s * (x - onehot_margin), labels)
        loss.backward()
        return float(loss.detach())

    def fused():
        z = torch.mul(cos, s, out=kept)
        z[rows, labels] -= s * m
        zmax = z.amax(dim=1, keepdim=True)
        z.sub_(zmax)
        z.exp_()
        total = z.sum(dim=1)
        loss = (zmax.squeeze(1) + total.log() - s * (target - m)).mean()
        z.mul_((s / b / total).unsqueeze(1))
        z[rows, labels] -= s / b
        return float(loss)

    for threads in (1, 2):
        torch.set_num_threads(threads)
        suffix = "1t" if threads == 1 else ""
        for kind, once, compare in (("autograd", autograd, "lmcl"), ("fused", fused, "lmcl kept")):
            median, loss = median_ms(once, warmup, runs)
            print(json.dumps({"name": f"PyTorch {kind}, {threads} thread{'s' if threads > 1 else ''}",
                              "size": size, "threads": threads, "compare": (compare + " " + suffix).strip(),
                              "median_ms": median, "loss": loss}), flush=True)


def jax_row(cos_np, labels_np, s, m, warmup, runs, size):
    try:
        import jax
        jax.config.update("jax_enable_x64", True)
        import jax.numpy as jnp
    except ImportError as error:
        print(json.dumps({"name": "JAX jit(value_and_grad)", "size": size,
                          "skipped": f"jax does not import ({error})"}), flush=True)
        return
    cos = jnp.asarray(cos_np)
    labels = jnp.asarray(labels_np)
    onehot = jax.nn.one_hot(labels, cos.shape[1], dtype=jnp.float64)

    def loss_fn(x):
        z = s * (x - m * onehot)
        return jnp.mean(jax.nn.logsumexp(z, axis=1) - jnp.sum(z * onehot, axis=1))

    step = jax.jit(jax.value_and_grad(loss_fn))

    def once():
        loss, grad = step(cos)
        grad.block_until_ready()
        return float(loss)

    median, loss = median_ms(once, warmup, runs)
    print(json.dumps({"name": "JAX jit(value_and_grad)", "size": size, "threads": 0, "compare": "lmcl",
                      "median_ms": median, "loss": loss}), flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--sizes", required=True)
    ap.add_argument("--scale", type=float, default=30.0)
    ap.add_argument("--margin", type=float, default=0.35)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    for size in a.sizes.split(","):
        b, c = (int(v) for v in size.split("x"))
        labels = np.fromfile(f"{a.dir}/{size}.labels", dtype="<i8")
        cos = np.fromfile(f"{a.dir}/{size}.cosines", dtype="<f8").reshape(b, c)
        torch_rows(cos, labels, a.scale, a.margin, a.warmup, a.runs, size)
        jax_row(cos, labels, a.scale, a.margin, a.warmup, a.runs, size)


if __name__ == "__main__":
    main()
