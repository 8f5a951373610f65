#!/usr/bin/env python3
"""NumPy float64 peer of `marginscope bench`: LMCL and BD-LMCL loss and dL/dcos.

`marginscope bench` writes each batch it times to DIR as two raw little-endian
files, BxC.labels (int64, B values) and BxC.cosines (float64, B*C values), and
runs this script on the same batches, so both sides compute the same numbers.

Usage:
    bench_numpy.py --dir DIR --sizes 256x1000,1024x5994 [--scale 30] [--margin 0.35]
                   [--top-k 2] [--unselected no-margin] [--warmup 1] [--runs 7]

Prints one JSON object per line: {"name": "lmcl" | "bdlmcl" | "lmcl kept" |
"bdlmcl kept", "size": "BxC", "median_ms": ..., "loss": ...}; "kept" writes the
gradient into one array kept between calls (out=), like the Swift rows with a kept
buffer. The loss lets the caller check that both sides agree. Exit status 3 when
NumPy cannot be imported.

The computation is what one writes in NumPy from Docs/Math.md (whole-array
operations, the log-sum-exp shifted by the row maximum, exp in place), not a
deliberately slow one: it does the same work as the Swift kernel (ranks, the
selection, the per-sample terms, the mean and the full B x C gradient).
"""

import argparse
import json
import sys
import time

try:
    import numpy as np
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.stderr.write(f"bench_numpy.py: NumPy is not available ({error})\n")
    sys.exit(3)


def batch_loss(cos, labels, s, m, k, unselected, boundary, out=None):
    """The batch loss and its gradient with respect to the cosines (B x C), in `out` if given."""
    b = cos.shape[0]
    rows = np.arange(b)
    target = cos[rows, labels]
    # rank = 1 + #{j != y : cos_j > cos_y - m}; the comparison also counts the target
    # itself whenever c_y > c_y - m, so that one is taken off again.
    threshold = target - m
    above = (cos > threshold[:, None]).sum(axis=1) - (target > threshold)
    rank = 1 + above
    if boundary:
        selected = (rank > 1) & (rank <= k)
        counts = selected | (unselected == "no-margin")
    else:
        selected = np.ones(b, dtype=bool)
        counts = selected
    margins = np.where(selected, m, 0.0)
    z = np.multiply(cos, s, out=out)
    z[rows, labels] -= s * margins
    zmax = z.max(axis=1)
    z -= zmax[:, None]
    np.exp(z, out=z)
    total = z.sum(axis=1)
    # l_i = LSE(z_i) - z_iy = zmax + log(total) - s (c_y - m_i)
    terms = zmax + np.log(total) - s * (target - margins)
    n = int(counts.sum())
    loss = float(terms[counts].sum() / n) if n > 0 else 0.0
    # z now holds exp(z - max); p = that / total; dL/dcos = s (p - onehot), held on counting rows.
    weight = np.where(counts, s / n if n > 0 else 0.0, 0.0)
    z *= (weight / total)[:, None]
    z[rows, labels] -= weight
    return loss, z


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--sizes", required=True)
    ap.add_argument("--scale", type=float, default=30.0)
    ap.add_argument("--margin", type=float, default=0.35)
    ap.add_argument("--top-k", type=int, default=2)
    ap.add_argument("--unselected", default="no-margin", choices=["no-margin", "excluded"])
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    for size in a.sizes.split(","):
        b, c = (int(v) for v in size.split("x"))
        labels = np.fromfile(f"{a.dir}/{size}.labels", dtype="<i8")
        cos = np.fromfile(f"{a.dir}/{size}.cosines", dtype="<f8").reshape(b, c)
        kept = np.empty_like(cos)
        for name, boundary, out in (("lmcl", False, None), ("bdlmcl", True, None),
                                    ("lmcl kept", False, kept), ("bdlmcl kept", True, kept)):
            def once():
                return batch_loss(cos, labels, a.scale, a.margin, a.top_k, a.unselected, boundary, out)
            for _ in range(a.warmup):
                once()
            times = []
            loss = 0.0
            for _ in range(a.runs):
                start = time.perf_counter()
                loss, _ = once()
                times.append((time.perf_counter() - start) * 1000)
            times.sort()
            median = times[len(times) // 2] if len(times) % 2 else (times[len(times) // 2 - 1] + times[len(times) // 2]) / 2
            print(json.dumps({"name": name, "size": size, "median_ms": median, "loss": loss}), flush=True)


if __name__ == "__main__":
    main()
