"""Policy values: typed like the engine's facts, and compared with a claim as the rule says.

A person writes a policy value as text ("30 days", "$49", "Mon-Sat 9am-9pm;
Sun closed", "help@example.com", yes/no). :func:`parse_value` reads it with the
same fact extractors as the sources, so "two weeks" in a policy and "14 days"
in a chatbot answer are the same value. :func:`judge_value` then says whether
a claimed value agrees with the expected ones under the rule's comparison:

``equal``      the claim gives the policy value;
``one-of``     the policy lists several accepted values and the claim gives one of them;
``at-most``    the claim promises no more than the policy ("within 14 days" under a 30-day policy);
``at-least``   the claim asks no less than the policy (a threshold of $59 under a $49 policy).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from consistency_check.engine.compare import render_hours, role_class
from consistency_check.facts import extract_facts
from consistency_check.model import Fact
from consistency_check.rules import Rule

COMPARE_MODES = ("equal", "one-of", "at-most", "at-least")
_YES = frozenset({"yes", "true", "y", "allowed", "accepted"})
_NO = frozenset({"no", "false", "n", "not allowed", "not accepted"})
_DURATION = re.compile(
    r"^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))? (minute|hour|day|business day|business hour|month|year)s?$"
)
_DURATION_BASE = {
    "minute": ("calendar", 1.0),
    "hour": ("calendar", 60.0),
    "day": ("calendar", 1440.0),
    "business day": ("business", 1.0),
    "business hour": ("business-hour", 1.0),
    "month": ("month", 1.0),
    "year": ("month", 12.0),
}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class PolicyValueError(Exception):
    """A policy value that cannot be read as the rule's kind of fact."""


def parse_value(raw: object, rule: Rule, region: str = "US") -> Fact:
    """The typed fact a policy value states for ``rule``; raise :class:`PolicyValueError` when it states none.

    YAML booleans and yes/no words are accepted for yes/no rules; every other
    kind is read by the fact extractors. Opening hours written in several
    pieces ("Mon-Fri 8am-8pm, Sat 10am-4pm, Sun closed") are merged.
    """
    kind = rule.fact
    text = _as_text(raw)
    if kind == "yesno":
        word = " ".join(text.lower().split())
        if word in _YES:
            return Fact("yesno", "yes", text, (0, len(text)))
        if word in _NO:
            return Fact("yesno", "no", text, (0, len(text)))
        raise PolicyValueError(f"'{text}' is not yes or no (rule {rule.name} states a yes/no fact)")
    facts = [f for f in extract_facts(text, region=region) if f.kind == kind]
    if not facts:
        raise PolicyValueError(
            f"'{text}' is not {_article(kind)} {_kind_word(kind)} (rule {rule.name} compares {_kind_word(kind)}s)"
        )
    if kind == "hours":
        return _merge_hours(facts, text)
    if len(facts) > 1:
        found = ", ".join(f"'{f.text}'" for f in facts)
        raise PolicyValueError(
            f"'{text}' gives {len(facts)} values ({found}); give one (a list needs a rule with compare: one-of)"
        )
    fact = facts[0]
    if rule.units and fact.unit not in rule.units:
        raise PolicyValueError(
            f"'{text}' is in {fact.unit} units; rule {rule.name} only compares {', '.join(rule.units)}"
        )
    if fact.role and not rule.accepts_role(fact.role):
        raise PolicyValueError(f"'{text}' reads as a '{fact.role}' value, which rule {rule.name} does not compare")
    return fact


def _as_text(raw: object) -> str:
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    return str(raw).strip()


def _article(kind: str) -> str:
    return "an" if _kind_word(kind)[0] in "aeiou" else "a"


def _kind_word(kind: str) -> str:
    return {"hours": "opening-hours value", "yesno": "yes/no value", "url": "web address", "count": "count"}.get(
        kind, kind
    )


def _merge_hours(facts: list[Fact], text: str) -> Fact:
    parts: dict[str, str] = {}
    for fact in facts:
        parts.update(dict(fact.parts))
    units = {f.unit for f in facts if f.unit}
    merged = tuple(parts.items())
    return Fact(
        "hours", render_hours(merged), text, (0, len(text)), next(iter(units)) if len(units) == 1 else "", "", merged
    )


@dataclass(frozen=True)
class Comparability:
    """Whether a claim can be judged against an expected value, and why not."""

    ok: bool
    unit_mismatch: bool = False


def comparable(expected: Fact, kind: str, unit: str, role: str) -> Comparability:
    """Whether a claim of ``kind``/``unit``/``role`` talks about the same quantity as ``expected``.

    Business and calendar days are never equated: a claim in the other unit
    can be judged, and always disagrees (``unit_mismatch``). Months and days,
    or two currencies, are not compared at all.
    """
    if kind != expected.kind:
        return Comparability(False)
    if expected.role and role and role_class(kind, expected.role) != role_class(kind, role):
        return Comparability(False)
    if kind == "duration":
        if unit == expected.unit:
            return Comparability(True)
        if {unit, expected.unit} == {"business", "calendar"}:
            return Comparability(True, unit_mismatch=True)
        return Comparability(False)
    if kind == "hours":
        return Comparability(not unit or not expected.unit or unit == expected.unit)
    if kind in ("money", "count", "rate"):
        return Comparability(unit == expected.unit)
    return Comparability(True)


def judge_value(expected: Sequence[Fact], value: str, mode: str) -> bool:
    """Whether ``value`` agrees with the expected values under ``mode`` (see the module docstring)."""
    if mode in ("at-most", "at-least"):
        claimed = bounds(expected[0].kind, value)
        for exp in expected:
            limit = bounds(exp.kind, exp.value)
            if claimed is None or limit is None or claimed[0] != limit[0]:
                if value == exp.value:
                    return True
                continue
            if mode == "at-most" and claimed[2] <= limit[2]:
                return True
            if mode == "at-least" and claimed[1] >= limit[1]:
                return True
        return False
    return any(value == exp.value for exp in expected)


def bounds(kind: str, value: str) -> tuple[str, float, float] | None:
    """``(class, low, high)`` of a canonical value that can be ordered; ``None`` otherwise.

    Durations in minutes, business days or months; money, percentages and
    counts by their number; dates by their day number.
    """
    if kind == "duration":
        m = _DURATION.match(value)
        if not m:
            return None
        cls, base = _DURATION_BASE[m.group(3)]
        low = float(m.group(1)) * base
        high = float(m.group(2)) * base if m.group(2) else low
        return (cls, low, high)
    if kind in ("money", "percent", "count"):
        nums = [float(n.replace(",", "")) for n in _NUMBER.findall(value)]
        if not nums:
            return None
        return ("", min(nums), max(nums))
    if kind == "date":
        ends = [_day_number(p) for p in value.split("..")]
        if any(e is None for e in ends):
            return None
        days = [e for e in ends if e is not None]
        return ("", float(min(days)), float(max(days)))
    return None


def _day_number(iso: str) -> int | None:
    m = _ISO.match(iso)
    if not m:
        return None
    from datetime import date

    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).toordinal()
    except ValueError:
        return None


def hours_disagreement(expected: Fact, claimed: dict[str, set[str]]) -> tuple[str, ...]:
    """Days on which the claimed hours (every value a statement gives per day) miss the policy's."""
    want = dict(expected.parts)
    if "*" in want:
        return tuple(d for d, values in claimed.items() if want["*"] not in values)
    return tuple(d for d, values in claimed.items() if d in want and want[d] not in values)
