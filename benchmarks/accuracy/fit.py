#!/usr/bin/env python3
"""Fit the linkage model on labelled pairs (from ``pairs.py``), report leave-one-corpus-out figures, write the weights.

The model is a logistic regression over the evidence levels of a comparison
vector (one-hot), with an L2 penalty. Leave-one-corpus-out: each corpus is
scored by a model fitted on all the others, so every figure is on a corpus the
model never saw. ``--write`` fits on every corpus and writes
``consistency_check/engine/weights.json``.

Usage:  python benchmarks/accuracy/fit.py PAIRS.jsonl [--write] [--l2 X] [--threshold P]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent.parent
WEIGHTS = REPO / "consistency_check" / "engine" / "weights.json"


#: How much a pair of a real help centre (an ``owner__repo`` corpus) weighs against one of a written organisation
#: (``--real-weight``): real content has few contradictions and many near misses the writers do not write.
REAL_WEIGHT = 1.0

#: Pairs of fields weighed together too (``--cross``), written into the model.
CROSSES: tuple[tuple[str, str], ...] = ()


def load(path: Path) -> list[dict]:  # type: ignore[type-arg]
    from consistency_check.engine.linkage import expand

    rows = [r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r["label"] is not None]
    for r in rows:
        r["vector"] = list(expand(tuple(r["vector"]), CROSSES))
    return rows


def design(rows: list[dict], levels: list[str]) -> np.ndarray:  # type: ignore[type-arg]
    index = {lv: i for i, lv in enumerate(levels)}
    x = np.zeros((len(rows), len(levels)))
    for r, row in enumerate(rows):
        for lv in row["vector"]:
            if lv in index:
                x[r, index[lv]] = 1.0
    return x


def fit(x: np.ndarray, y: np.ndarray, l2: float, weight: np.ndarray | None = None) -> tuple[float, np.ndarray]:  # type: ignore[type-arg]
    """Logistic regression by Newton's method (bias unpenalised)."""
    n, d = x.shape
    xb = np.hstack([np.ones((n, 1)), x])
    w = np.zeros(d + 1)
    sw = np.ones(n) if weight is None else weight
    pen = np.full(d + 1, l2)
    pen[0] = 1e-6
    for _ in range(50):
        p = 1 / (1 + np.exp(-(xb @ w)))
        grad = xb.T @ (sw * (p - y)) + pen * w
        h = (xb * (sw * p * (1 - p))[:, None]).T @ xb + np.diag(pen)
        step = np.linalg.solve(h, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


def fit_grouped(rows: list[dict], mask: np.ndarray, levels: list[str], l2: float) -> tuple[float, np.ndarray]:  # type: ignore[type-arg]
    """:func:`fit` on the distinct vectors of the rows in ``mask``, each weighted by how many rows have it.

    The same fit, far faster.
    """
    counts: dict[tuple[tuple[str, ...], int], float] = defaultdict(float)
    for row, keep in zip(rows, mask, strict=True):
        if keep:
            counts[(tuple(row["vector"]), int(row["label"]))] += REAL_WEIGHT if "__" in row["corpus"] else 1.0
    keys = list(counts)
    x = design([{"vector": v} for v, _ in keys], levels)
    y = np.array([label for _, label in keys], dtype=float)
    return fit(x, y, l2, np.array([counts[k] for k in keys], dtype=float))


def predict(x: np.ndarray, bias: float, coef: np.ndarray) -> np.ndarray:  # type: ignore[type-arg]
    return 1 / (1 + np.exp(-(bias + x @ coef)))


def evaluate(rows: list[dict], probs: np.ndarray, threshold: float) -> dict[str, dict[str, float]]:  # type: ignore[type-arg]
    """Per corpus: labelled contradictions with a positive pair at or above ``threshold``, and negative pairs
    above it."""
    out: dict[str, dict[str, float]] = defaultdict(lambda: {"truth": 0, "found": 0, "fp_pairs": 0, "tp_pairs": 0})
    best: dict[tuple[str, int], float] = {}
    truths: dict[str, set[int]] = defaultdict(set)
    for row, p in zip(rows, probs, strict=True):
        for t in set(row["ta"]) | set(row["tb"]):
            truths[row["corpus"]].add(t)
        if row["label"] == 1:
            for t in set(row["ta"]) & set(row["tb"]):
                best[(row["corpus"], t)] = max(best.get((row["corpus"], t), 0.0), float(p))
            if p >= threshold:
                out[row["corpus"]]["tp_pairs"] += 1
        elif p >= threshold:
            out[row["corpus"]]["fp_pairs"] += 1
    for (corpus, _), p in best.items():
        out[corpus]["found"] += p >= threshold
    for corpus, ts in truths.items():
        out[corpus]["truth"] = len(ts)
    return out


#: With ``--stage1-dir``: the first-pass models the fitted model is the second pass of
#: (DIR/<corpus>.json, DIR/_all.json).
STAGE1: Path | None = None


def write_model(path: Path, bias: float, coef: np.ndarray, levels: list[str], corpus: str = "_all") -> None:  # type: ignore[type-arg]
    data: dict[str, object] = {
        "bias": round(bias, 4),
        "weights": {lv: round(float(w), 4) for lv, w in zip(levels, coef, strict=True)},
        "crosses": [list(c) for c in CROSSES],
    }
    if STAGE1 is not None:
        first = json.loads((STAGE1 / f"{corpus}.json").read_text(encoding="utf-8"))
        data = {
            "bias": first["bias"],
            "weights": first["weights"],
            "crosses": first.get("crosses", []),
            "structure": data,
        }
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pairs", type=Path)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--loo-dir", type=Path, help="write each held-out corpus's model to DIR/<corpus>.json")
    ap.add_argument("--cross", nargs="*", default=[], help="fields weighed together, e.g. placexq tablexloc")
    ap.add_argument("--stage1-dir", type=Path, help="the models are second passes over the first-pass models in DIR")
    ap.add_argument("--exclude", nargs="*", default=[], help="corpora left out of fitting (scored only)")
    ap.add_argument("--real-weight", type=float, default=1.0, help="weight of a real help centre's pairs")
    args = ap.parse_args()
    global STAGE1, CROSSES, REAL_WEIGHT
    STAGE1 = args.stage1_dir
    REAL_WEIGHT = args.real_weight
    CROSSES = tuple(tuple(c.split("x", 1)) for c in args.cross)  # type: ignore[misc]
    rows = load(args.pairs)
    levels = sorted({lv for r in rows for lv in r["vector"]})
    corpora = sorted({r["corpus"] for r in rows})
    probs = np.zeros(len(rows))
    index = {lv: i for i, lv in enumerate(levels)}
    for corpus in corpora:
        held = np.array([r["corpus"] == corpus for r in rows])
        train = ~held & np.array([r["corpus"] not in args.exclude for r in rows])
        bias, coef = fit_grouped(rows, train, levels, args.l2)
        logit: dict[tuple[str, ...], float] = {}
        for n in np.flatnonzero(held):
            vector = tuple(rows[n]["vector"])
            if vector not in logit:
                logit[vector] = bias + sum(coef[index[lv]] for lv in vector if lv in index)
            probs[n] = 1 / (1 + math.exp(-logit[vector]))
        if args.loo_dir:
            args.loo_dir.mkdir(parents=True, exist_ok=True)
            write_model(args.loo_dir / f"{corpus}.json", bias, coef, levels, corpus)
    res = evaluate(rows, probs, args.threshold)
    print(f"leave-one-corpus-out, threshold {args.threshold}:")
    print(f"{'corpus':<42}{'truth':>6}{'found':>6}{'tp-pairs':>9}{'fp-pairs':>9}")
    total = defaultdict(float)
    for corpus in corpora:
        r = res[corpus]
        print(f"{corpus:<42}{r['truth']:>6}{r['found']:>6}{r['tp_pairs']:>9}{r['fp_pairs']:>9}")
        for k, v in r.items():
            total[k] += v
    print(
        f"{'total':<42}{total['truth']:>6.0f}{total['found']:>6.0f}{total['tp_pairs']:>9.0f}{total['fp_pairs']:>9.0f}"
    )
    bias, coef = fit_grouped(rows, np.ones(len(rows), dtype=bool), levels, args.l2)
    print("\nweights (all corpora):")
    for lv, w in sorted(zip(levels, coef, strict=True), key=lambda t: t[0]):
        print(f"  {lv:<22}{w:+.2f}")
    print(f"  {'(bias)':<22}{bias:+.2f}")
    if args.loo_dir:
        write_model(args.loo_dir / "_all.json", bias, coef, levels)
    if args.write:
        write_model(WEIGHTS, bias, coef, levels)
        print(f"written: {WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
