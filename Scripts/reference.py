#!/usr/bin/env python3
"""Independent float64 reference for `marginscope compute` (numpy).

Written from the formulas in Docs/Math.md, not from the Swift code, so that the
tests can cross-check the Swift implementation against it. The margin family
(arcface, sphereface, combined) is written here in the angle, theta = arccos(c),
where the Swift code works from the cosine with atan2: a different route to the
same numbers.

Usage (a subset of `marginscope compute`'s options):
    reference.py --loss softmax --logits 2,1,0.5 --target 2
    reference.py --loss cosface --scale 30 --margin 0.35 --cosines 0.8,0.3 --target 0
    reference.py --loss bdlmcl --scale 30 --margin 0.35 --top-k 2 --unselected excluded --angles 30,60,90
    reference.py --loss bdlmcl --scale 30 --margin 0.35 --top-k 2 --batch FILE --gradients
    reference.py --loss arcface --scale 64 --margin 0.5 --fallback sinmm --cosines 0.62,0.35
    reference.py --loss sphereface --scale 30 --margin 4 --lambda 5 --cosines 0.62,0.35
    reference.py --loss combined --scale 64 --m1 1 --m2 0.3 --m3 0.2 --cosines 0.62,0.35
    reference.py --loss bdlmcl --margin-type arcface --margin 0.5 --batch FILE

Writes JSON. One sample: loss, probabilities, logits, gradient (dL/dlogits for
softmax, dL/dcos otherwise; null where unbounded), angleGradient (dL/dtheta, for
the cosine losses) and, for bdlmcl, rank/selected/counts/appliedMargin.
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


def transform(c, t):
    """The target transform f(c), df/dc and df/dtheta, from theta = arccos(c).

    t = (kind, params): ("cosface", m), ("arcface", m, fallback), ("sphereface", m, lam),
    ("combined", m1, m2, m3). df/dc = (df/dtheta) / (-sin theta); +-inf where sin theta = 0
    and df/dtheta != 0 (a cone point); the limits at the ends are worked out by hand.
    """
    kind = t[0]
    theta = np.arccos(c)
    # np.sin(np.arccos(-1)) is 1.2e-16, not 0: the ends are recognised by the cosine.
    sin = 0.0 if abs(c) == 1 else np.sin(theta)
    if kind == "cosface":
        f, dtheta = c - t[1], -sin
    elif kind == "arcface":
        m, fallback = t[1], t[2]
        th = -np.cos(m)
        switch = {"none": None, "sinmm": th, "continuous": th, "easy": 0.0, "clip": th}[fallback]
        if m == 0 or switch is None or c > switch:
            f, dtheta = np.cos(theta + m), -np.sin(theta + m)
        elif fallback == "sinmm":
            f, dtheta = c - m * np.sin(m), -sin
        elif fallback == "continuous":
            f, dtheta = c - (1 - np.cos(m)), -sin
        elif fallback == "easy":
            f, dtheta = c, -sin
        else:
            return -1.0, 0.0, 0.0
        if m == 0:
            return c, 1.0, -sin
    elif kind == "sphereface":
        m, lam = t[1], t[2]
        k = min(int(np.floor(m * theta / np.pi)), m - 1)
        psi = (-1) ** k * np.cos(m * theta) - 2 * k
        dpsi = -(-1) ** k * m * np.sin(m * theta)
        f, dtheta = (lam * c + psi) / (1 + lam), (-lam * sin + dpsi) / (1 + lam)
        # At the ends psi'(c) = m^2 (Chebyshev: T_m'(+-1) = m^2 (+-1)^(m-1), times (-1)^k).
        if sin == 0:
            return f, (lam + m * m) / (1 + lam), 0.0
    else:
        m1, m2, m3 = t[1], t[2], t[3]
        f, dtheta = np.cos(m1 * theta + m2) - m3, -m1 * np.sin(m1 * theta + m2)
        if sin == 0:
            if c > 0 and m2 == 0:
                return f, m1 * m1, 0.0
            turns = m1 + m2 / np.pi
            if c < 0 and abs(turns - round(turns)) < 1e-12:
                return np.cos(round(turns) * np.pi) - m3, -((-1) ** round(turns)) * m1 * m1, 0.0
    if sin == 0:
        return f, (np.inf if dtheta < 0 else -np.inf) if dtheta != 0 else 1.0, dtheta
    return f, dtheta / -sin, dtheta


def target_scores(cos, labels, t):
    """f(cos theta_y) for every row."""
    rows = np.arange(cos.shape[0])
    return np.array([transform(cos[i, labels[i]], t)[0] for i in rows])


def ranks(cos, labels, scores):
    """rank = 1 + #{j != y : cos_j > f(cos_y)} (margin-adjusted scores)."""
    rows = np.arange(cos.shape[0])
    beats = cos > scores[:, None]
    beats[rows, labels] = False
    return 1 + beats.sum(axis=1)


def batch_loss(cos, labels, kind, s, t, k, unselected):
    """Per-sample terms, the batch loss (mean over counting samples), dL/dcos and dL/dtheta."""
    b, c = cos.shape
    rows = np.arange(b)
    if kind == "normface":
        t = ("cosface", 0.0)
    scores = target_scores(cos, labels, t)
    r = ranks(cos, labels, scores)
    if kind == "bdlmcl":
        selected = (r > 1) & (r <= k)
        counts = selected | (unselected == "no-margin")
    else:
        selected = np.ones(b, dtype=bool)
        counts = np.ones(b, dtype=bool)
    # Unselected samples keep their plain cosine (no margin): f(c) = c, f' = 1.
    target = cos[rows, labels]
    parts = [transform(target[i], t) if selected[i] else (target[i], 1.0, -np.sin(np.arccos(target[i])))
             for i in rows]
    z = s * cos.copy()
    z[rows, labels] = s * np.array([part[0] for part in parts])
    lse = log_sum_exp(z, axis=1)
    p = np.exp(z - lse[:, None])
    terms = lse - z[rows, labels]
    n = int(counts.sum())
    loss = float(terms[counts].sum() / n) if n > 0 else 0.0
    onehot = np.zeros_like(cos)
    onehot[rows, labels] = 1.0
    slope = np.ones_like(cos)
    slope[rows, labels] = [part[1] for part in parts]
    # Selection is a step function, held fixed when differentiating.
    with np.errstate(invalid="ignore"):
        grad = s * (p - onehot) * slope * counts[:, None]
    grad = grad / n if n > 0 else np.zeros_like(cos)
    angle = -np.sin(np.arccos(cos)) * s * p
    angle[rows, labels] = [s * (p[i, labels[i]] - 1) * parts[i][2] for i in rows]
    margins = np.where(selected, t[1], 0.0)
    return r, selected, counts, margins, terms, loss, grad, z, p, angle


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
    ap.add_argument("--loss", required=True,
                    choices=["softmax", "normface", "cosface", "arcface", "sphereface", "combined", "bdlmcl"])
    ap.add_argument("--scale", type=float, default=30.0)
    ap.add_argument("--margin", type=float, default=0.35)
    ap.add_argument("--fallback", default="sinmm", choices=["none", "sinmm", "continuous", "easy", "clip"])
    ap.add_argument("--lambda", dest="lam", type=float, default=0.0)
    ap.add_argument("--m1", type=float, default=1.0)
    ap.add_argument("--m2", type=float, default=0.0)
    ap.add_argument("--m3", type=float, default=0.0)
    ap.add_argument("--margin-type", default="cosface", choices=["cosface", "arcface", "sphereface", "combined"])
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
    kind = a.margin_type if a.loss == "bdlmcl" else {"normface": "cosface"}.get(a.loss, a.loss)
    t = {"cosface": ("cosface", m), "arcface": ("arcface", m, a.fallback),
         "sphereface": ("sphereface", int(round(m)), a.lam), "combined": ("combined", a.m1, a.m2, a.m3)}.get(kind)

    if a.batch is not None:
        labels, cos = read_batch(a.batch)
        r, selected, counts, margins, terms, loss, grad, _, _, _ = batch_loss(
            cos, labels, a.loss, s, t, a.top_k, a.unselected)
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
        r, selected, counts, margins, terms, loss, grad, z, p, angle = batch_loss(
            cos[None, :], labels, a.loss, s, t, a.top_k, a.unselected)
        out = {"kind": a.loss, "inputs": floats(cos), "logits": floats(z[0]),
               "probabilities": floats(p[0]), "loss": loss,
               "gradient": [float(g) if np.isfinite(g) else None for g in grad[0]],
               "angleGradient": floats(angle[0])}
        if a.loss == "bdlmcl":
            out.update({"rank": int(r[0]), "selected": bool(selected[0]), "counts": bool(counts[0]),
                        "appliedMargin": float(margins[0])})
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
