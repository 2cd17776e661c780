"""Read a report of ``score.py --json --min-confidence 0.0`` at several thresholds.

A finding at confidence c is in the report read from threshold t when c >= t, so one run scored
from 0.0 gives the figures of every threshold: planted contradictions found, false findings,
precision and recall, overall, per organisation (``--orgs``) and per kind (``--kinds``); ``--calibration``
prints the calibration table of docs/linkage.md (how often the findings of each confidence band are true).

Usage:  python benchmarks/accuracy/thresholds.py REPORT.json [--at 0.5 0.7 0.9] [--orgs] [--kinds] [--calibration]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any


def _found_false(rep: dict[str, Any], t: float, org: str | None = None) -> tuple[int, int, int]:
    matched = [m for m in rep["matched"] if org is None or m["org"] == org]
    planted = len(matched) + sum(1 for m in rep["misses"] if org is None or m["org"] == org)
    found = sum(1 for m in matched if (m["confidence"] or 1.0) >= t)
    false = sum(1 for f in rep["false_positives"] if (org is None or f["org"] == org) and (f["confidence"] or 1.0) >= t)
    return found, false, planted


def _line(label: str, found: int, false: int, planted: int) -> str:
    p = found / (found + false) if found + false else 0.0
    r = found / planted if planted else 0.0
    return f"{label:<16}{found:>6}{false:>6}{planted:>8}{p:>7.2f}{r:>7.2f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("--at", type=float, nargs="+", default=[0.5, 0.7, 0.9])
    ap.add_argument("--orgs", action="store_true", help="one line per organisation too")
    ap.add_argument("--kinds", action="store_true", help="found / planted per kind too")
    ap.add_argument("--calibration", action="store_true", help="the calibration table (Markdown) too")
    args = ap.parse_args(argv)
    rep = json.loads(args.report.read_text(encoding="utf-8"))
    orgs = sorted({m["org"] for m in rep["matched"]} | {m["org"] for m in rep["misses"]})
    for t in args.at:
        print(f"at {t}:{'found':>11}{'false':>6}{'planted':>8}{'P':>7}{'R':>7}")
        print(_line("  all", *_found_false(rep, t)))
        if args.orgs:
            for org in orgs:
                print(_line(f"  {org}", *_found_false(rep, t, org)))
        if args.kinds:
            planted = Counter(m["kind"] for m in rep["matched"]) + Counter(m["kind"] for m in rep["misses"])
            found = Counter(m["kind"] for m in rep["matched"] if (m["confidence"] or 1.0) >= t)
            print("  per kind: " + ", ".join(f"{k} {found[k]}/{planted[k]}" for k in sorted(planted)))
    if args.calibration:
        print("\n".join(calibration(rep)))
    return 0


#: The confidence bands of the calibration table.
BANDS = ((0.1, 0.3), (0.3, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.0))


def calibration(rep: dict[str, Any]) -> list[str]:
    """The calibration table's lines: per band the findings, how many are true, and the figures at or above it."""
    found = [(m["confidence"] or 1.0, 1) for m in rep["matched"]]
    false = [(f["confidence"] or 1.0, 0) for f in rep["false_positives"]]
    items = found + false
    planted = len(rep["matched"]) + len(rep["misses"])
    lines = [
        "| confidence | findings | true | precision in the band | at or above: findings | precision | recall |",
        "|---|---|---|---|---|---|---|",
    ]
    for lo, hi in BANDS:
        band = [t for c, t in items if lo <= c < hi or (hi == 1.0 and c == 1.0)]
        above = [t for c, t in items if c >= lo]
        share = sum(band) / len(band) if band else 0.0
        lines.append(
            f"| {lo:.1f}–{hi:.1f} | {len(band)} | {sum(band)} | {share:.2f} | {len(above)} | "
            f"{sum(above) / len(above) if above else 0.0:.2f} | {sum(above) / planted if planted else 0.0:.2f} |"
        )
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
