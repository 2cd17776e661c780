#!/usr/bin/env python3
"""Where each planted contradiction of an organisation stands in the linkage engine's pipeline.

For every contradiction of ``truth.yaml``, the furthest stage two of its sides (mentions at its
locations giving two of its values) reach:

- ``unread``: fewer than two of its values are read as mentions at its locations (reading or
  extraction: the value, its kind or its location);
- ``unpaired``: the values are read but no two sides giving different values are a candidate pair
  (blocking);
- ``low``: the best pair of its sides is scored below the threshold (the figure is its probability);
- ``paired``: a pair of its sides is scored at or above the threshold (whether a finding follows is
  ``score.py``'s to say: grouping, the third-value test and the match of values decide).

Each organisation is scored by ``--weights-dir DIR/<org>.json`` when it exists (a leave-one-out
model), else by the shipped model. Read it after a first run is recorded, never before.

Usage:  python benchmarks/accuracy/misses.py [--at 0.7] [--weights-dir DIR] [--list] ORG_DIR [ORG_DIR ...]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pairs import corpus_mentions, memberships, truth_sides  # noqa: E402

from consistency_check.engine.evidence import CorpusStats  # noqa: E402
from consistency_check.engine.linkage import Model, candidates, conflict, part_indices, score_parts  # noqa: E402

STAGES = ("unread", "unpaired", "low", "paired")


def stages(folder: Path, at: float) -> list[tuple[int, str, float]]:
    """(truth index, stage, best probability) of each labelled contradiction of ``folder``."""
    mentions = corpus_mentions(folder)
    truth = truth_sides(folder)
    member = [set(ts) for ts in memberships(mentions, truth)]
    values_of: dict[int, set[str]] = {}
    for m, ts in zip(mentions, member, strict=True):
        for t in ts:
            values_of.setdefault(t, set()).add(m.value)
    paired: set[int] = set()
    for index in part_indices(mentions):
        part = [mentions[i] for i in index]
        stats = CorpusStats()
        stats.add(part)
        for i, j in candidates(part, stats):
            a, b = index[i], index[j]
            if conflict(mentions[a], mentions[b]):
                paired |= member[a] & member[b]
    links, _ = score_parts(mentions, Model.load())
    best: dict[int, float] = {}
    for link in links:
        if conflict(mentions[link.a], mentions[link.b]):
            for t in member[link.a] & member[link.b]:
                best[t] = max(best.get(t, 0.0), link.probability)
    out = []
    for t in range(len(truth)):
        p = best.get(t, 0.0)
        if len(values_of.get(t, ())) < 2:
            stage = "unread"
        elif t not in paired:
            stage = "unpaired"
        else:
            stage = "paired" if p >= at else "low"
        out.append((t, stage, p))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("orgs", nargs="+", type=Path)
    ap.add_argument("--at", type=float, default=0.7, help="the threshold a pair must reach (default 0.7)")
    ap.add_argument("--weights-dir", type=Path, help="score each organisation with DIR/<org>.json when it exists")
    ap.add_argument("--list", action="store_true", help="one line per planted contradiction")
    args = ap.parse_args(argv)
    total: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = {}
    for folder in args.orgs:
        os.environ.pop("CONSISTENCY_CHECK_WEIGHTS", None)
        if args.weights_dir is not None and (args.weights_dir / f"{folder.name}.json").is_file():
            os.environ["CONSISTENCY_CHECK_WEIGHTS"] = str(args.weights_dir / f"{folder.name}.json")
        items = (yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8")) or {}).get("contradictions") or []
        counts: Counter[str] = Counter()
        for t, stage, p in stages(folder, args.at):
            kind = str(items[t].get("kind", "?"))
            counts[stage] += 1
            by_kind.setdefault(kind, Counter())[stage] += 1
            if args.list:
                print(f"  {items[t]['id']:<18}{kind:<10}{stage:<10}{p:5.2f}  {items[t].get('subject', '')}")
        total += counts
        print(f"{folder.name}: " + ", ".join(f"{s} {counts[s]}" for s in STAGES), flush=True)
    print("all: " + ", ".join(f"{s} {total[s]}" for s in STAGES))
    for kind in sorted(by_kind):
        print(f"  {kind:<10}" + ", ".join(f"{s} {by_kind[kind][s]}" for s in STAGES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
