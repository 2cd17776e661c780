#!/usr/bin/env python3
"""Dump the engine's candidate pairs of every labelled corpus, with their comparison vectors and labels.

For fitting and checking the linkage model (see ``fit.py``). A corpus is an
accuracy organisation (``truth.yaml``) or a real-world corpus (``known.yaml``).
A pair of mentions whose values disagree is labelled 1 when both sides are
sides of one labelled contradiction stating different values, else 0. Pairs of
equal values are written with label ``null`` (they tell how restatements look).

Usage:  python benchmarks/accuracy/pairs.py OUT.jsonl CORPUS_DIR [CORPUS_DIR ...]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import score  # noqa: E402
from score import answer_of, canonical, same_value  # noqa: E402

from consistency_check.config import load_config  # noqa: E402
from consistency_check.discovery import from_config  # noqa: E402
from consistency_check.engine.claims import claims_of  # noqa: E402
from consistency_check.engine.evidence import CorpusStats, compare  # noqa: E402
from consistency_check.engine.linkage import (  # noqa: E402
    Link,
    Model,
    candidates,
    conflict,
    part_indices,
    structure_levels,
)
from consistency_check.engine.mention import build_mentions  # noqa: E402
from consistency_check.engine.proposition import polar_mentions  # noqa: E402
from consistency_check.engine.subject import Lexicon  # noqa: E402
from consistency_check.engine.values import range_ends  # noqa: E402
from consistency_check.pipeline import read_source  # noqa: E402
from consistency_check.rules import load_rules  # noqa: E402


def corpus_mentions(folder: Path):  # type: ignore[no-untyped-def]
    """The mentions of a corpus, read as ``check`` reads it."""
    config = load_config(folder / "consistency-check.yaml")
    ruleset = load_rules(config.rule_dirs, config.root)
    files, _ = from_config(config)
    statements = [s for src in files for s in read_source(src, config).statements]
    lexicon = Lexicon.learn(statements)
    claims = [c for s in statements for c in claims_of(s, ruleset)]
    return build_mentions(claims, ruleset, lexicon) + polar_mentions(statements, ruleset, lexicon)


def _loc(m) -> str:  # type: ignore[no-untyped-def]
    loc = m.claim.statement.location
    return f"{loc.path}:{loc.line}" if loc.line is not None else f"{loc.path}#{loc.pointer}"


#: A side of a labelled contradiction: its location, its value's canonical form ('*': any value), the value as the
#: truth file writes it and the contradiction's kind.
Side = tuple[str, str, str, str]


def truth_sides(folder: Path) -> list[list[Side]]:
    """For each labelled contradiction, its sides. The truth file's values are read as ``score.py`` reads them (a
    national phone number as one of the organisation's country)."""
    from consistency_check.facts.bridge import country_of

    score.REGION = country_of(load_config(folder / "consistency-check.yaml").locale) or "US"
    out: list[list[Side]] = []
    if (folder / "truth.yaml").is_file():
        data = yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8")) or {}
        for c in data.get("contradictions") or []:
            # A yes/no value carries its writer's note of why ("no (cards only)"): the side is its yes or no.
            kind = str(c.get("kind", ""))
            values = [(answer_of(str(v)) if kind == "yesno" else canonical(str(v)), str(v)) for v in c["values"]]
            locs = [str(x) for x in c["locations"]]
            locs = [loc.split(":")[0] + ":" + loc.split(":")[1].split("-")[0] if ":" in loc else loc for loc in locs]
            out.append([(loc, v, raw, kind) for loc in locs for v, raw in values])
    elif (folder / "known.yaml").is_file():
        data = yaml.safe_load((folder / "known.yaml").read_text(encoding="utf-8")) or {}
        for c in data.get("contradictions") or []:
            out.append([(f"{s['path']}:{s['line']}", "*", "*", "") for s in c["sides"]])
    return out


def _hours_parts(value: str) -> frozenset[tuple[str, str]] | None:
    """The (day, hours) parts of an opening-hours value as a truth file writes it ("Sat 10:00-18:00", "Sun closed")."""
    from consistency_check.facts import extract_facts

    facts = [f for f in extract_facts(value) if f.kind == "hours"]
    return frozenset(p for f in facts for p in f.parts) or None


def _hours_in(parts: frozenset[tuple[str, str]], given: tuple[tuple[str, str], ...]) -> bool:
    """Whether a schedule's (day, hours) parts give a truth value's: hours a truth file writes without their day
    ("11:00 AM-5:00 PM": day ``*``, the subject names the day) are given by any day with those hours, as
    ``score.same_value`` reads them."""
    hours_given = {h for _, h in given}
    return all((day, h) in given if day != "*" else h in hours_given for day, h in parts)


def _truth_hours(sides: list[Side]) -> frozenset[str] | None:
    """The opening hours an hours contradiction's values give (``None`` for another kind, or values it cannot read)."""
    out: set[str] = set()
    for _, v, _, kind in sides:
        if kind != "hours":
            return None
        parts = _hours_parts(v)
        if not parts:
            return None
        out |= {h for _, h in parts}
    return frozenset(out) or None


def _differ_on(a, b, hours: frozenset[str] | None) -> bool:  # type: ignore[no-untyped-def]
    """Whether two sides of one labelled contradiction differ on what it is about: two schedules on a day where each
    gives one of its hours (not on another day the two also give differently)."""
    if hours is None or a.kind != "hours":
        return True
    days_b = dict(b.claim.parts)
    return any(day in days_b and h != days_b[day] and h in hours and days_b[day] in hours for day, h in a.claim.parts)


def _in(m, sides: list[Side], lines: dict[str, range]) -> bool:  # type: ignore[no-untyped-def]
    """Whether mention ``m`` is one of ``sides``: at a side's location (a real corpus's side: a line of its
    statement), giving that side's value."""
    loc = _loc(m)
    span = lines.get(loc)
    values: set[str] | None = None
    for where, v, raw, kind in sides:
        if v == "*":
            path, _, line = where.rpartition(":")
            if where == loc or (path == m.path and span is not None and line.isdigit() and int(line) in span):
                return True
            continue
        if where != loc:
            continue
        if values is None:
            values = {canonical(m.value)} | {canonical(e) for e in range_ends(m.kind, m.value)}
        if v in values or same_value(kind, raw, m.value):
            return True
        parts = _hours_parts(v) if m.kind == "hours" else None
        if parts and _hours_in(parts, m.claim.parts):
            return True
    return False


def memberships(mentions, truth: list[list[Side]]) -> list[list[int]]:  # type: ignore[no-untyped-def]
    """For each mention, the labelled contradictions (indices of ``truth``) it is a side of."""
    lines = {}
    for m in mentions:
        loc = m.claim.statement.location
        if loc.line is not None:
            lines[_loc(m)] = range(loc.line, (loc.end_line or loc.line) + 3)
    return [[t for t, sides in enumerate(truth) if _in(m, sides, lines)] for m in mentions]


STAGE1: Path | None = None


def main() -> int:
    global STAGE1
    args = sys.argv[1:]
    if args[0] == "--stage1":
        STAGE1 = Path(args[1])  # per-corpus first-pass models (fit.py --loo-dir): add the structure levels
        args = args[2:]
    out = Path(args[0])
    with out.open("w", encoding="utf-8") as fh:
        for folder in map(Path, args[1:]):
            mentions = corpus_mentions(folder)
            truth = truth_sides(folder)
            member = memberships(mentions, truth)
            hours_of = [_truth_hours(sides) for sides in truth]
            # A location holding several statements with the value (a knowledge-base article on one JSON line)
            # does not say which of them the label means: such mentions are left unlabelled.
            crowd = Counter((_loc(m), m.value) for m, ts in zip(mentions, member, strict=True) if ts)
            ambiguous = [bool(ts) and crowd[(_loc(m), m.value)] > 1 for m, ts in zip(mentions, member, strict=True)]
            n = 0
            pairs: list[tuple[int, int]] = []
            vectors: list[tuple[str, ...]] = []
            # The values and the yes/no statements, each blocked and weighed with its own statistics (as the engine
            # does: linkage.score_parts).
            for index in part_indices(mentions):
                part = [mentions[i] for i in index]
                stats = CorpusStats()
                stats.add(part)
                local = list(candidates(part, stats))
                found = [compare(part[i], part[j], stats) for i, j in local]
                if STAGE1 is not None:
                    model = Model.from_dict(json.loads((STAGE1 / f"{folder.name}.json").read_text()))
                    links = [Link(i, j, v, model.probability(v)) for (i, j), v in zip(local, found, strict=True)]
                    levels = structure_levels(part, links, stats)
                    found = [v + extra for v, extra in zip(found, levels, strict=False)]
                pairs.extend((index[i], index[j]) for i, j in local)
                vectors.extend(found)
            for (i, j), vector in zip(pairs, vectors, strict=False):
                a, b = mentions[i], mentions[j]
                differ = conflict(a, b)
                label = None
                if differ:
                    shared = set(member[i]) & set(member[j])
                    label = int(any(_differ_on(a, b, hours_of[t]) for t in shared))
                    if label and (ambiguous[i] or ambiguous[j]):
                        label = None
                elif a.value != b.value:
                    continue
                if label is None and differ:
                    continue  # neither equal nor disagreeing (hours of different days)
                rec = {
                    "corpus": folder.name,
                    "i": i,
                    "j": j,
                    "ca": a.channel,
                    "cb": b.channel,
                    "pa": a.path,
                    "pb": b.path,
                    "vector": vector,
                    "label": label,
                    "a": _loc(a),
                    "b": _loc(b),
                    "va": a.value,
                    "vb": b.value,
                    "qa": a.claim.quote[:200],
                    "qb": b.claim.quote[:200],
                    "Qa": a.claim.statement.question[:80],
                    "Qb": b.claim.statement.question[:80],
                    "ta": member[i],
                    "tb": member[j],
                }
                fh.write(json.dumps(rec) + "\n")
                n += 1
            print(f"{folder.name}: {len(mentions)} mentions, {n} pairs, {len(truth)} labelled", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
