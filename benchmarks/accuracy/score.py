#!/usr/bin/env python3
"""Score consistency-check against the labelled accuracy corpus.

For every organisation folder under ``benchmarks/accuracy/`` that holds a
``truth.yaml``, run ``python -m consistency_check check <org> --format json
--exit-zero``, match findings to the planted contradictions and print
per-kind and overall precision / recall / F1.

Matching rule: a truth contradiction is matched by at most one finding whose
set of location values equals the truth ``values`` set and whose locations
include, for each value, at least one of the truth locations stated for it
(any truth location whose line carries that value).  Unmatched findings are
false positives, except parse problems (CC001/CC002), listed separately.

Usage:  python benchmarks/accuracy/score.py [--json] [ORG ...]
Always exits 0; thresholds belong to the tests.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PARSE_CODES = frozenset({"CC001", "CC002"})
UNKNOWN_KIND = "(unattributed)"


@dataclass(frozen=True)
class Loc:
    """``path:line``, or ``path#pointer`` for a source with no lines (a Word document's paragraphs and tables)."""

    path: str
    line: int
    pointer: str = ""

    @classmethod
    def parse(cls, text: str) -> Loc:
        if "#" in text:
            path, _, pointer = text.partition("#")
            return cls(path, 0, pointer)
        path, _, line = text.rpartition(":")
        return cls(path, int(line.partition("-")[0]))  # "12-14": a statement's lines, as statements.py prints them

    def __str__(self) -> str:
        return f"{self.path}#{self.pointer}" if self.pointer else f"{self.path}:{self.line}"


@dataclass
class TruthItem:
    org: str
    id: str
    kind: str
    subject: str
    values: list[str]
    locations: list[Loc]


@dataclass
class Finding:
    org: str
    code: str
    subject: str
    locations: list[tuple[Loc, str]]  # (location, value)
    confidence: float = 1.0

    @property
    def values(self) -> frozenset[str]:
        return frozenset(v for _, v in self.locations)

    def describe(self) -> dict[str, Any]:
        return {
            "org": self.org,
            "code": self.code,
            "subject": self.subject,
            "confidence": self.confidence,
            "values": sorted(self.values),
            "locations": [f"{loc} = {val}" for loc, val in self.locations],
        }


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f1, 3),
        }


@dataclass
class OrgResult:
    org: str
    matched: list[tuple[TruthItem, Finding]] = field(default_factory=list)
    missed: list[TruthItem] = field(default_factory=list)
    false_positives: list[Finding] = field(default_factory=list)
    parse_problems: list[Finding] = field(default_factory=list)
    error: str | None = None


def load_truth(org_dir: Path) -> list[TruthItem]:
    data = yaml.safe_load((org_dir / "truth.yaml").read_text(encoding="utf-8")) or {}
    return [
        TruthItem(
            org=org_dir.name,
            id=str(c["id"]),
            kind=str(c["kind"]),
            subject=str(c.get("subject", "")),
            values=[str(v) for v in c["values"]],
            locations=[Loc.parse(str(x)) for x in c["locations"]],
        )
        for c in data.get("contradictions") or []
    ]


def _norm_path(path: str, org_dir: Path) -> str:
    p = Path(path)
    if p.is_absolute():
        with contextlib.suppress(ValueError):
            p = p.resolve().relative_to(org_dir.resolve())
    return p.as_posix().removeprefix("./")


#: A folder of models each fitted without one corpus (fit.py --loo-dir): each organisation is scored by its own.
WEIGHTS_DIR: Path | None = None
#: The confidence from which findings are scored (``--min-confidence``).
MIN_CONFIDENCE: float | None = None  # None: the engine's default threshold
#: The engine compared with (``--engine``).
ENGINE = "linkage"


def run_engine(org_dir: Path) -> list[Finding]:
    cmd = [sys.executable, "-m", "consistency_check", "check", str(org_dir), "--format", "json", "--exit-zero"]
    cmd += ["--engine", ENGINE] + ([] if MIN_CONFIDENCE is None else ["--min-confidence", str(MIN_CONFIDENCE)])
    env = dict(os.environ)
    if WEIGHTS_DIR is not None and (WEIGHTS_DIR / f"{org_dir.name}.json").is_file():  # else the shipped model
        env["CONSISTENCY_CHECK_WEIGHTS"] = str(WEIGHTS_DIR / f"{org_dir.name}.json")
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False, env=env)
    try:
        doc = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(
            f"engine output is not JSON (exit {proc.returncode}): {exc}; stderr: {proc.stderr.strip()[:500]}"
        ) from exc
    findings: list[Finding] = []
    for f in doc.get("findings") or []:
        locs = [
            (
                Loc(
                    _norm_path(str(loc.get("path", "")), org_dir),
                    int(loc.get("line") or 0),
                    "" if loc.get("line") else str(loc.get("pointer") or ""),
                ),
                str(loc.get("value", "")),
            )
            for loc in f.get("locations") or []
        ]
        findings.append(
            Finding(
                org_dir.name, str(f.get("code", "")), str(f.get("subject", "")), locs, float(f.get("confidence", 1.0))
            )
        )
    return findings


_DURATION = re.compile(r"^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?\s+(business\s+)?(minute|hour|day|week)s?$")
_MINUTES = {"minute": 1, "hour": 60, "day": 1440, "week": 10080}


def canonical(value: str) -> str:
    """One spelling per value: as the tool's own extractors read it ("$49" = "$49.00", "(800) 555-0142" =
    "+18005550142"), and durations of minutes, hours, calendar days and weeks in minutes ("1 hour" = "60 minutes").

    Truth files are written by hand, findings by the tool: a value is read the way a policy value is, a national
    phone number as one of the organisation's country (:data:`REGION`).
    """
    aside = _ASIDE.fullmatch(value)
    if aside is not None and _extracted(aside.group(1), REGION) != aside.group(1):
        value = aside.group(1)  # "three weeks (21 days)": the value, without the writer's restatement of it
    value = _extracted(value, REGION)
    m = _DURATION.match(value.strip().lower())
    if not m or m.group(3):
        return value
    low, high, unit = float(m.group(1)), m.group(2), m.group(4)
    span = f"{low * _MINUTES[unit]:g}" + (f"-{float(high) * _MINUTES[unit]:g}" if high else "")
    return f"{span} min"


#: The country of the organisation being scored (from its config's locale): its truth file writes phone numbers
#: the way its customers dial them ("03069 990123" in a British organisation).
REGION = "US"


@cache
def _extracted(value: str, region: str = "US") -> str:
    """The canonical value of the one fact ``value`` states, or ``value`` itself (yes/no, hours, several facts)."""
    if value.strip().lower() in ("yes", "no"):
        return value.strip().lower()
    from consistency_check.facts import extract_facts, format_number, parse_number

    number = parse_number(value.strip().lower())
    if number is not None and value.strip().isalpha():  # a count written as a word ("two")
        return format_number(number)

    facts = extract_facts(value, region=region)
    if len(facts) != 1 or facts[0].kind == "hours":
        return value
    start, end = facts[0].span
    if facts[0].kind == "date" and _WEEKDAY_BEFORE.fullmatch(value, 0, start):
        start = 0  # a date written with its weekday ("Monday 5 January 2026") is the date
    if (start, end) != (0, len(value)):
        return value
    return facts[0].value


#: A weekday a truth file writes before a date ("Monday 5 January 2026", "Friday, November 28").
_WEEKDAY_BEFORE = re.compile(
    r"\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)?[\s,.]*", re.IGNORECASE
)
_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\.?|(\d{1,2}):(\d{2})", re.IGNORECASE)
_DAYS = re.compile(r"^\s*[A-Za-z]{3}")


def _bare_hours(text: str) -> list[str]:
    """The opening and closing times of hours a truth file writes with bare numbers ("9 to 5": 09:00, 17:00), read
    as the tool reads them in a sentence naming days."""
    from consistency_check.facts import extract_facts

    for fact in extract_facts(f"{text} daily", region=REGION):
        if fact.kind == "hours" and fact.parts:
            return _clock_times(fact.parts[0][1])
    return []


def _clock_times(text: str) -> list[str]:
    """The clock times written in ``text`` as ``HH:MM`` ("8:00 PM", "20:00", "8pm": "20:00")."""
    out = []
    for m in _CLOCK.finditer(text):
        if m.group(3):
            h, mins = int(m.group(1)) % 12 + (12 if m.group(3).lower() == "p" else 0), int(m.group(2) or 0)
        else:
            h, mins = int(m.group(4)), int(m.group(5))
        out.append(f"{h % 24:02d}:{mins:02d}")  # midnight: "12:00 AM" and the engine's closing "24:00" alike
    return out


_ONE_DIGIT_HOUR = re.compile(r"(?<!\d)(\d:\d\d)")
_WEEK = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _schedule(value: str) -> dict[str, str]:
    """A canonical schedule ("Mon-Fri 09:00-17:00; Sat-Sun closed") as the hours of each day it names."""
    out: dict[str, str] = {}
    for part in value.split(";"):
        days, _, hours = part.strip().partition(" ")
        for span in days.split(","):
            first, _, last = span.partition("-")
            if first not in _WEEK or (last and last not in _WEEK):
                return {}
            lo, hi = _WEEK.index(first), _WEEK.index(last or first)
            for n in range(lo, hi + 1) if lo <= hi else [*range(lo, 7), *range(0, hi + 1)]:
                out[_WEEK[n]] = _ONE_DIGIT_HOUR.sub(r"0\1", hours.strip())  # "9:00-13:00" is "09:00-13:00"
    return out


def answer_of(truth_value: str) -> str:
    """The yes or no of a truth file's yes/no value, without the writer's note of why ("no (non-refundable)")."""
    return truth_value.strip().lower().split(" ", 1)[0].strip("(),.;:")


_ASIDE = re.compile(r"(.*?\S)\s*\([^()]*\)\s*")
#: A count a truth file writes as a ratio ("1 per 10 students"): the engine reads the number of things for each one.
_ONE_PER = re.compile(r"\s*(?:1|one)\s+(?:per|for\s+every|for\s+each|to\s+every)\s+(\d+)\b", re.IGNORECASE)
_PER_UNIT = re.compile(r"\s+(?:per|each|every)\s+|\s+an?\s+[a-z]|/[a-z]", re.IGNORECASE)
_RANGE_MINUTES = re.compile(r"([\d.]+)-([\d.]+) min")


#: A writer's note after a truth value, in brackets at its end ("14 days (two weeks)", "$45 (incl. GST)").
_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


@cache
def _of_kind(kind: str, value: str) -> str | None:
    """The one fact of ``kind`` a truth value states beside other words (a date and its time), as the tool reads it;
    ``None`` when the value is that fact alone, or does not state exactly one of that kind."""
    from consistency_check.facts import extract_facts

    facts = extract_facts(value, region=REGION)
    own = [f for f in facts if f.kind == kind]
    if len(own) != 1 or (len(facts) == 1 and own[0].span == (0, len(value))):
        return None
    return own[0].value


def _same_date(truth_value: str, found: str) -> bool:
    """Whether a finding's date is a truth date written otherwise: an end of a range, or without its year."""
    if ".." in canonical(truth_value) and ".." not in found:
        return found in canonical(truth_value).split("..")  # the end of a range the finding gives alone
    if ".." in found and ".." not in truth_value:
        return canonical(truth_value) in found.split("..")  # the end of a range the two sides differ on
    if found.startswith("--") and ".." not in found:
        return canonical(truth_value)[4:] == found[1:]  # a date said without its year ("--05-31") is the truth's
    return False


def same_value(kind: str, truth_value: str, found: str) -> bool:
    """Whether a finding's value is a truth value. Opening hours written in a truth file without their days ("9:00
    AM-5:00 PM", or only the time that differs: "8:00 PM") are the day's hours a finding gives for the days it names
    (the truth's subject names the day): the same range, or a range opening or closing at that time."""
    if canonical(found) == canonical(truth_value):
        return True
    if kind not in ("yesno", "hours") and (own := _of_kind(kind, truth_value)) is not None:
        return same_value(kind, own, found)  # "May 15, 2026, 11:59 PM PT": the date, with the time the writer added
    if kind == "yesno":  # "no (non-refundable)": the answer, with the writer's note of why
        return answer_of(truth_value) == found.strip().lower()
    if (bare := _NOTE.sub("", truth_value)) != truth_value and bare.strip():
        return same_value(kind, bare, found)  # "14 days (two weeks)": the value, with the writer's other wording
    if kind == "date":
        return _same_date(truth_value, found)
    if kind == "count" and (ratio := _ONE_PER.match(truth_value)) is not None:
        return ratio.group(1) == canonical(found)
    if kind == "rate" and (unit := _PER_UNIT.search(truth_value)) is not None:
        # A rate the engine reads as an amount for each unit ("$40 per lane per hour", "£6 a knife": $40.00, £6.00) is
        # the truth's rate.
        return canonical(truth_value[: unit.start()]) == canonical(found)
    if kind == "duration" and (ends := _RANGE_MINUTES.fullmatch(canonical(found))) is not None:
        # The end of a range the two sides differ on ("1 to 8 weeks" against "1 to 10 weeks": 8 weeks, 10 weeks).
        return canonical(truth_value) in (f"{ends.group(1)} min", f"{ends.group(2)} min")
    if kind != "hours":
        return False
    if _DAYS.match(truth_value):
        # "Sat 09:00-13:00" against a schedule giving those days those hours ("Mon-Fri 09:00-17:00; Sat 09:00-13:00")
        # A day with two windows ("08:00-12:00, 16:00-20:00") gives the truth's when one of them is it.
        want, got = _schedule(truth_value), _schedule(found)
        return bool(want) and all(hours in (got.get(day) or "").split(", ") for day, hours in want.items())
    want = _clock_times(truth_value) or _bare_hours(truth_value)
    for part in re.split(r"[;,]", found):
        got = _clock_times(part)
        if len(want) == 2 and got[:2] == want:
            return True
        if len(want) == 1 and len(got) >= 2 and want[0] in (got[0], got[-1]):
            return True
    return False


def matches(truth: TruthItem, finding: Finding) -> bool:
    # A finding on opening hours quotes each side's whole schedule: sides giving one disagreement (Sunday closed or
    # open) may give several schedules, which differ on other days too. Each must still give a truth value.
    if truth.kind != "hours" and len({canonical(v) for v in finding.values}) != len(
        {canonical(v) for v in truth.values}
    ):
        return False
    if not all(any(same_value(truth.kind, t, f) for f in finding.values) for t in truth.values):
        return False
    if not all(any(same_value(truth.kind, t, f) for t in truth.values) for f in finding.values):
        return False
    truth_locs = set(truth.locations)
    for value in truth.values:
        if not any(loc in truth_locs for loc, v in finding.locations if same_value(truth.kind, value, v)):
            return False
    return True


def score_org(org_dir: Path) -> OrgResult:
    global REGION
    from consistency_check.config import load_config
    from consistency_check.facts.bridge import country_of

    REGION = country_of(load_config(org_dir / "consistency-check.yaml").locale) or "US"
    result = OrgResult(org_dir.name)
    truth = load_truth(org_dir)
    try:
        findings = run_engine(org_dir)
    except RuntimeError as exc:
        result.error = str(exc)
        result.missed = truth
        return result
    scored = []
    for f in findings:
        (result.parse_problems if f.code in PARSE_CODES else scored).append(f)
    used: set[int] = set()
    for t in truth:
        # The most confident finding stating it: a report read from a threshold keeps it when it keeps any (another
        # finding stating it too is one more finding, not the one that found it).
        hits = [i for i, f in enumerate(scored) if i not in used and matches(t, f)]
        hit = max(hits, key=lambda i: scored[i].confidence or 1.0) if hits else None
        if hit is None:
            result.missed.append(t)
        else:
            used.add(hit)
            result.matched.append((t, scored[hit]))
    result.false_positives = [f for i, f in enumerate(scored) if i not in used]
    return result


def tally(results: list[OrgResult]) -> dict[str, Counts]:
    per_kind: dict[str, Counts] = {}
    overall = Counts()
    for r in results:
        for t, _ in r.matched:
            per_kind.setdefault(t.kind, Counts()).tp += 1
            overall.tp += 1
        for t in r.missed:
            per_kind.setdefault(t.kind, Counts()).fn += 1
            overall.fn += 1
        for _ in r.false_positives:
            per_kind.setdefault(UNKNOWN_KIND, Counts()).fp += 1
            overall.fp += 1
    table = dict(sorted(per_kind.items(), key=lambda kv: (kv[0] == UNKNOWN_KIND, kv[0])))
    table["overall"] = overall
    return table


def report(results: list[OrgResult]) -> dict[str, Any]:
    return {
        "table": {k: c.as_dict() for k, c in tally(results).items()},
        "orgs": {
            r.org: {"tp": len(r.matched), "fn": len(r.missed), "fp": len(r.false_positives), "error": r.error}
            for r in results
        },
        "misses": [
            {
                "org": t.org,
                "id": t.id,
                "kind": t.kind,
                "subject": t.subject,
                "values": t.values,
                "locations": [str(loc) for loc in t.locations],
            }
            for r in results
            for t in r.missed
        ],
        "matched": [
            {"org": t.org, "id": t.id, "kind": t.kind, "confidence": f.confidence}
            for r in results
            for t, f in r.matched
        ],
        "false_positives": [f.describe() for r in results for f in r.false_positives],
        "parse_problems": [f.describe() for r in results for f in r.parse_problems],
    }


def print_text(rep: dict[str, Any]) -> None:
    print(f"{'kind':<14}{'TP':>5}{'FP':>5}{'FN':>5}{'prec':>8}{'recall':>8}{'F1':>8}")
    for kind, c in rep["table"].items():
        if kind == "overall":
            print("-" * 53)
        print(f"{kind:<14}{c['tp']:>5}{c['fp']:>5}{c['fn']:>5}{c['precision']:>8.3f}{c['recall']:>8.3f}{c['f1']:>8.3f}")
    print()
    for org, o in rep["orgs"].items():
        line = f"{org}: TP {o['tp']}  FP {o['fp']}  FN {o['fn']}"
        print(line + (f"  ERROR: {o['error']}" if o["error"] else ""))
    sections = (
        ("Misses", "misses"),
        ("False positives", "false_positives"),
        ("Parse problems (not scored)", "parse_problems"),
    )
    for title, key in sections:
        items = rep[key]
        print(f"\n{title} ({len(items)}):")
        for it in items:
            head = it.get("id") or it.get("code")
            print(f"  [{it['org']}] {head} {it.get('kind', '')} {it['subject']!r} values={it['values']}")
            for loc in it["locations"]:
                print(f"      {loc}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("orgs", nargs="*", help="organisation folders (default: all)")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument(
        "--min-confidence", type=float, help="score findings from this confidence (default: the engine's, 0.75 or 0.5)"
    )
    ap.add_argument(
        "--weights-dir", type=Path, help="score each organisation with DIR/<org>.json (leave-one-out models)"
    )
    ap.add_argument("--engine", default="linkage", choices=("classic", "linkage"), help="default: the tool's")
    args = ap.parse_args(argv)
    global WEIGHTS_DIR, MIN_CONFIDENCE, ENGINE
    ENGINE = args.engine
    WEIGHTS_DIR = args.weights_dir
    MIN_CONFIDENCE = args.min_confidence
    names = args.orgs or sorted(p.name for p in HERE.iterdir() if (p / "truth.yaml").is_file())
    results = [score_org(Path(n) if "/" in n and Path(n).is_dir() else HERE / n) for n in names]
    rep = report(results)
    if args.json:
        print(json.dumps(rep, indent=2))
    else:
        print_text(rep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
