#!/usr/bin/env python3
"""Add the second pass's structure levels to a pairs file (from ``pairs.py``), with each corpus's first-pass model.

The same computation as the engine's (:func:`consistency_check.engine.linkage.structure_levels`), run on the
pairs already written (every candidate pair of a corpus, equal values included), so nothing is read again.

Usage:  python benchmarks/accuracy/structure.py PAIRS.jsonl FIRST_PASS_DIR OUT.jsonl
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

from consistency_check.engine.linkage import Link, Model, structure_levels


def main() -> int:
    src, models, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    by_corpus: dict[str, list[dict]] = defaultdict(list)  # type: ignore[type-arg]
    for line in src.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_corpus[row["corpus"]].append(row)
    with out.open("w", encoding="utf-8") as fh:
        for corpus, rows in by_corpus.items():
            model = Model.from_dict(json.loads((models / f"{corpus}.json").read_text(encoding="utf-8")))
            size = 1 + max(max(r["i"], r["j"]) for r in rows)
            mentions: list[SimpleNamespace] = [SimpleNamespace(value=None, channel="", path="") for _ in range(size)]
            for r in rows:
                mentions[r["i"]] = SimpleNamespace(value=r["va"], channel=r["ca"], path=r["pa"])
                mentions[r["j"]] = SimpleNamespace(value=r["vb"], channel=r["cb"], path=r["pb"])
            links = [Link(r["i"], r["j"], tuple(r["vector"]), model.probability(tuple(r["vector"]))) for r in rows]
            for r, extra in zip(rows, structure_levels(mentions, links), strict=True):  # type: ignore[arg-type]
                r["vector"] = list(r["vector"]) + list(extra)
                fh.write(json.dumps(r) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
