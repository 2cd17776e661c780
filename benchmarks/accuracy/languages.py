#!/usr/bin/env python3
"""Found / planted of multilingual organisations per language pair, per kind and per reach.

A report of ``score.py --json --min-confidence 0.0`` says which planted contradictions were found and at which
probability; this reads, for each planted contradiction, the languages its sides are stated in (the mentions
the engine reads at its locations, as ``misses.py`` does) and sorts it:

- ``within``: one language states both values somewhere: a comparison within that language can find it;
- ``across, linked``: no language states both, and an export links two versions of one answer stating both
  (``CC102`` can align them);
- ``across, unlinked``: no language states both and no export links versions stating both (only an alignment
  by content across languages could find it);
- ``unread``: fewer than two of its values are read at its locations.

The language pair of one stated across languages is the languages of its two values, the odd one first
("de>en,fr": German says one value, English and French the other); per pair the figures are over the
contradictions that pair states.

Usage:  python benchmarks/accuracy/languages.py REPORT.json ORG_DIR [ORG_DIR ...] [--at 0.75 0.5]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pairs import corpus_mentions, memberships, truth_sides  # noqa: E402

from consistency_check.facts.bridge import language_of  # noqa: E402

REACHES = ("within", "across, linked", "across, unlinked", "unread")


def reach(folder: Path) -> list[tuple[str, str, str, str]]:
    """(id, kind, reach, language pair) of each planted contradiction of ``folder``."""
    mentions = corpus_mentions(folder)
    truth = (yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8")) or {}).get("contradictions") or []
    sides: dict[int, list] = defaultdict(list)  # type: ignore[type-arg]
    for m, ts in zip(mentions, memberships(mentions, truth_sides(folder)), strict=True):
        for t in ts:
            sides[t].append(m)
    out = []
    for i, c in enumerate(truth):
        ms = sides.get(i, [])
        langs: dict[str, set[str]] = defaultdict(set)  # value: languages
        for m in ms:
            langs[m.value].add(language_of(m.claim.statement.locale) or "en")
        by_lang: dict[str, set[str]] = defaultdict(set)
        for value, ls in langs.items():
            for lang in ls:
                by_lang[lang].add(value)
        if len(langs) < 2:
            out.append((str(c["id"]), str(c["kind"]), "unread", ""))
            continue
        if any(len(values) > 1 for values in by_lang.values()):
            out.append((str(c["id"]), str(c["kind"]), "within", ""))
            continue
        linked = any(
            len({m.value for m in ms if m.claim.statement.translation == answer}) > 1
            for answer in {m.claim.statement.translation for m in ms if m.claim.statement.translation}
        )
        sets = sorted((sorted(ls) for ls in langs.values()), key=lambda ls: (len(ls), ls))
        pair = ",".join(sets[0]) + ">" + ",".join(sorted({lang for ls in sets[1:] for lang in ls}))
        out.append((str(c["id"]), str(c["kind"]), "across, linked" if linked else "across, unlinked", pair))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report", type=Path)
    ap.add_argument("orgs", type=Path, nargs="+")
    ap.add_argument("--at", type=float, nargs="+", default=[0.75, 0.5])
    args = ap.parse_args(argv)
    rep = json.loads(args.report.read_text(encoding="utf-8"))
    found = {(m["org"], m["id"]): m["confidence"] or 1.0 for m in rep["matched"]}
    rows = [(folder.name, *row) for folder in args.orgs for row in reach(folder)]
    heads = "".join(f"{'found@' + str(t):>12}" for t in args.at)
    for title, key in (("reach", 3), ("kind, across languages", 2), ("language pair", 4)):
        groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for org, cid, kind, where, pair in rows:
            label = (org, cid, kind, where, pair)[key]
            if key != 3 and not where.startswith("across"):
                continue
            groups[label].append((org, cid))
        print(f"{title:<28}{'planted':>8}{heads}")
        order = REACHES if key == 3 else sorted(groups)
        for label in order:
            members = groups.get(label, [])
            cells = "".join(f"{sum(1 for m in members if found.get(m, -1.0) >= t):>12}" for t in args.at)
            print(f"  {label:<26}{len(members):>8}{cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
