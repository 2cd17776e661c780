#!/usr/bin/env python3
"""What changed between two scores of the same organisations at one threshold.

Two reports of ``score.py --json --min-confidence 0.0`` (before and after a change, or two models) are read at
``--at``: how many planted contradictions each finds and how many of its findings are false, which planted
contradictions one finds and the other does not (with their kinds), and which false findings come or go.

Usage:  python benchmarks/accuracy/diff.py BEFORE.json AFTER.json [--at 0.75]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

Report = dict[str, Any]


def _found(report: Report, at: float) -> set[tuple[str, str]]:
    return {(m["org"], m["id"]) for m in report["matched"] if (m["confidence"] or 1.0) >= at}


def _false(report: Report, at: float) -> Counter[tuple[str, tuple[str, ...]]]:
    return Counter(
        (f["org"], tuple(sorted(f["values"]))) for f in report["false_positives"] if (f["confidence"] or 1.0) >= at
    )


def _changed(report: Report, mine: Counter[Any], other: Counter[Any], at: float) -> list[str]:
    """The false findings of ``report`` at ``at`` that the other report has fewer of."""
    out = []
    for f in report["false_positives"]:
        key = (f["org"], tuple(sorted(f["values"])))
        if (f["confidence"] or 1.0) >= at and mine[key] > other.get(key, 0):
            out.append(f"  {f['org']} {f['confidence']} {f['subject']!r} {f['values']} {f['locations'][:2]}")
    return out


def diff(before: Report, after: Report, at: float) -> list[str]:
    """The lines :func:`main` prints."""
    found_a, found_b = _found(before, at), _found(after, at)
    false_a, false_b = _false(before, at), _false(after, at)
    kinds = {(m["org"], m["id"]): m["kind"] for m in before["matched"] + after["matched"]}
    lost, gained = sorted(found_a - found_b), sorted(found_b - found_a)
    return [
        f"at {at}: found {len(found_a)} -> {len(found_b)}; false {sum(false_a.values())} -> {sum(false_b.values())}",
        f"lost ({dict(Counter(kinds.get(x) for x in lost))}): {lost}",
        f"gained ({dict(Counter(kinds.get(x) for x in gained))}): {gained}",
        "new false:",
        *_changed(after, false_b, false_a, at),
        "gone false:",
        *_changed(before, false_a, false_b, at),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--at", type=float, default=0.75, help="the threshold (default 0.75)")
    args = parser.parse_args()
    before, after = (json.loads(p.read_text(encoding="utf-8")) for p in (args.before, args.after))
    print("\n".join(diff(before, after, args.at)))


if __name__ == "__main__":
    main()
