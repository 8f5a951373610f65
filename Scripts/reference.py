#!/usr/bin/env python3
"""Independent float64 reference for `marginscope compute` (numpy).

Written from DESIGN.md section 1, not from the Swift code, so that the CLI
tests can cross-check the Swift implementation against it.

Usage (a subset of `marginscope compute`'s options):
    reference.py --loss softmax --logits 2,1,0.5 --target 2
    reference.py --loss cosface --scale 30 --margin 0.35 --cosines 0.8,0.3 --target 0
    reference.py --loss bdlmcl --scale 30 --margin 0.35 --top-k 2 --unselected excluded --angles 30,60,90
    reference.py --loss bdlmcl --scale 30 --margin 0.35 --top-k 2 --batch FILE --gradients

Writes JSON. One sample: loss, probabilities, logits, gradient (dL/dlogits for
softmax, dL/dcos otherwise) and, for bdlmcl, rank/selected/counts/appliedMargin.
Batch: loss, samples [{label, rank, selected, counts, margin, loss}] and, with
--gradients, the B x C gradient of the batch loss with respect to the cosines.
"""

import argparse
import json
import sys

import numpy as np


def log_sum_exp(z, axis=-1):
    """LSE(z) = M + log sum exp(z - M), M = max z (never exp of an unshifted value)."""
    m = np.max(z, axis=axis, keepdims=True)
    return (m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))).squeeze(axis)


def softmax_cross_entropy(x, y):
    """Section 1.1: p = softmax(x), L = LSE(x) - x_y, dL/dx = p - onehot(y)."""
    lse = log_sum_exp(x)
    p = np.exp(x - lse)
    onehot = np.zeros_like(x)
    onehot[y] = 1.0
    return p, lse - x[y], p - onehot


def cosine_logits(cos, labels, s, margins):
    """Section 1.2: z_ij = s * (cos_ij - m_i * 1[j = y_i]) for a B x C array."""
    z = s * cos.copy()
    rows = np.arange(cos.shape[0])
    z[rows, labels] = s * (cos[rows, labels] - margins)
    return z


def ranks(cos, labels, m):
    """Section 1.3: rank = 1 + #{j != y : cos_j > cos_y - m} (margin-adjusted scores)."""
    rows = np.arange(cos.shape[0])
    adjusted_target = cos[rows, labels] - m
    beats = cos > adjusted_target[:, None]
    beats[rows, labels] = False
    return 1 + beats.sum(axis=1)


def batch_loss(cos, labels, kind, s, m, k, unselected):
    """Per-sample terms, the batch loss (mean over counting samples) and dL/dcos."""
    b, c = cos.shape
    rows = np.arange(b)
    if kind == "normface":
        m = 0.0
    r = ranks(cos, labels, m)
    if kind == "bdlmcl":
        selected = (r > 1) & (r <= k)
        counts = selected | (unselected == "no-margin")
    else:
        selected = np.ones(b, dtype=bool)
        counts = np.ones(b, dtype=bool)
    margins = np.where(selected, m, 0.0)
    z = cosine_logits(cos, labels, s, margins)
    lse = log_sum_exp(z, axis=1)
    p = np.exp(z - lse[:, None])
    terms = lse - z[rows, labels]
    n = int(counts.sum())
    loss = float(terms[counts].sum() / n) if n > 0 else 0.0
    onehot = np.zeros_like(cos)
    onehot[rows, labels] = 1.0
    # Selection is a step function, held fixed when differentiating (section 1.3).
    grad = s * (p - onehot) * counts[:, None]
    grad = grad / n if n > 0 else np.zeros_like(cos)
    return r, selected, counts, margins, terms, loss, grad, z, p


def read_batch(path):
    text = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
    rows = [line.strip() for line in text.splitlines()]
    rows = [line for line in rows if line and not line.startswith("#")]
    try:
        float(rows[0].split(",")[0])
    except ValueError:
        rows = rows[1:]
    data = [[field.strip() for field in line.split(",")] for line in rows]
    labels = np.array([int(r[0]) for r in data], dtype=np.int64)
    cos = np.array([[float(v) for v in r[1:]] for r in data], dtype=np.float64)
    return labels, cos


def floats(values):
    return [float(v) for v in values]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--loss", required=True, choices=["softmax", "normface", "cosface", "bdlmcl"])
    ap.add_argument("--scale", type=float, default=30.0)
    ap.add_argument("--margin", type=float, default=0.35)
    ap.add_argument("--target", type=int, default=0)
    ap.add_argument("--logits")
    ap.add_argument("--cosines")
    ap.add_argument("--angles")
    ap.add_argument("--top-k", type=int, default=2)
    ap.add_argument("--unselected", default="no-margin", choices=["no-margin", "excluded"])
    ap.add_argument("--batch")
    ap.add_argument("--gradients", action="store_true")
    a = ap.parse_args()
    s, m = a.scale, (0.0 if a.loss == "normface" else a.margin)

    if a.batch is not None:
        labels, cos = read_batch(a.batch)
        r, selected, counts, margins, terms, loss, grad, _, _ = batch_loss(
            cos, labels, a.loss, s, m, a.top_k, a.unselected)
        out = {
            "kind": a.loss,
            "loss": loss,
            "samples": [
                {"label": int(labels[i]), "rank": int(r[i]), "selected": bool(selected[i]),
                 "counts": bool(counts[i]), "margin": float(margins[i]), "loss": float(terms[i])}
                for i in range(len(labels))
            ],
        }
        if a.gradients:
            out["gradient"] = [floats(row) for row in grad]
    elif a.loss == "softmax":
        x = np.array([float(v) for v in a.logits.split(",")])
        p, loss, grad = softmax_cross_entropy(x, a.target)
        out = {"kind": a.loss, "inputs": floats(x), "logits": floats(x),
               "probabilities": floats(p), "loss": float(loss), "gradient": floats(grad)}
    else:
        if a.angles is not None:
            cos = np.cos(np.deg2rad(np.array([float(v) for v in a.angles.split(",")])))
        else:
            cos = np.array([float(v) for v in a.cosines.split(",")])
        labels = np.array([a.target])
        r, selected, counts, margins, terms, loss, grad, z, p = batch_loss(
            cos[None, :], labels, a.loss, s, m, a.top_k, a.unselected)
        out = {"kind": a.loss, "inputs": floats(cos), "logits": floats(z[0]),
               "probabilities": floats(p[0]), "loss": loss, "gradient": floats(grad[0])}
        if a.loss == "bdlmcl":
            out.update({"rank": int(r[0]), "selected": bool(selected[0]), "counts": bool(counts[0]),
                        "appliedMargin": float(margins[0])})
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
