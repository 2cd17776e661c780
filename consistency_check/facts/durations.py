"""Durations: "30 days", "two weeks", "3-5 business days", "up to 10 days", "1-year".

Canonical values (``unit`` is the comparability class):

* ``calendar`` — minutes, hours, days, weeks: normalised to the largest of
  day/hour/minute that divides exactly ("48 hours" → ``2 days``, "two weeks"
  → ``14 days``, "90 minutes" → ``90 minutes``).
* ``month`` — months and years: whole years become years ("24 months" →
  ``2 years``), otherwise months ("18 months").
* ``business`` — business/working days or hours, kept as written
  ("5 business days", "1 business day").

Ranges render as ``5-7 days`` (both ends in one unit). "same day" is
``0 days`` and "next day" ``1 day`` (``business`` when "same/next business
day"). Frequencies are not durations: "2 hours a day", "7 days a week",
"twice a week", "four free withdrawals a month". Ages count as durations
("18 years or older" → ``18 years``, role ``min``); two numbers joined by "or" or "and" before one unit are
read as their range ("6 or 12 months", "10 and 11 year olds": ``10-11 years``), a falling pair ("50 and
30 days") as its last number only. "a couple of days" and
"overnight" are not durations.
Roles: ``max`` (within, up to, no more than, or less), ``min`` (at least,
more than, over, or more, or older, "30+"), else ``""``.
"""

from __future__ import annotations

import re

from consistency_check.facts.common import (
    DASH,
    MAX_AFTER,
    MAX_BEFORE,
    MIN_AFTER,
    MIN_BEFORE,
    fold,
    is_label_number,
    make_fact,
    prev_word,
    spread_over,
    threshold_role,
)
from consistency_check.facts.numbers import (
    LEFT,
    NO_SPLIT,
    NUMBER,
    NUMBER_WORDS,
    format_number,
    match_numbers,
    parse_number,
)
from consistency_check.model import Fact

_UNIT = (
    r"(?:(?:business|working|banking)[\s\-]+(?:days?|hours?)|week[\s\-]?days|minutes?|mins?|hours?|hrs?|h"
    r"|(?:calendar[\s\-]+)?(?:days?|weeks?|months?|years?)|wks?|fortnights?|yrs?)"
)
_SEP = r"(?:\s*[-\u2010\u2011]\s*|\s+|(?<=[\d)]))"
_QMAX = rf"(?:within|under|no\s+later\s+than|{MAX_BEFORE})"
_QMIN = rf"(?:over|longer\s+than|{MIN_BEFORE})"
_FREQ = r"(?!\s+(?:a|an|per|each|every)\s+(?:day|week|month|year|hour|night)s?\b)"

_DURATION_RE = re.compile(
    rf"{LEFT}(?:(?P<qmax>{_QMAX})\s+|(?P<qmin>{_QMIN})\s+)?"
    rf"(?:between\s+(?P<b1>{NUMBER})\s+and\s+(?P<b2>{NUMBER}){_SEP}(?P<bu>{_UNIT})"
    rf"|(?P<r1>{NUMBER}){NO_SPLIT}\s*(?:{DASH}|\bto\b|\bthrough\b|\bor\b|(?P<rand>\band\b))\s*(?P<r2>{NUMBER}){_SEP}(?P<ru>{_UNIT})"
    rf"|(?P<half>half\s+an?|a\s+half|half)[\s\-]+(?P<hu>hour|year)"
    rf"|(?P<quarter>an?|one|three)\s+quarters?\s+of\s+an?\s+(?P<qu>hour|year)"
    rf"|(?P<n>{NUMBER}|\ban?\b)(?P<nhalf>\s+and\s+a\s+half)?(?P<plus>\+)?"
    rf"(?:\s+or\s+(?:(?P<omax>less|fewer)|(?P<omin>more|longer)))?{_SEP}(?P<u>{_UNIT})"
    rf"(?P<uhalf>\s+and\s+a\s+half)?)"
    rf"(?![\w\-\u2010\u2011]){_FREQ}"
    rf"(?:\s+(?:of\s+age|old))?"
    rf"(?:\s+(?P<smax>{MAX_AFTER})|\s+(?P<smin>{MIN_AFTER}))?(?!\w)"
)
_QUALIFIER_RE = re.compile(rf"between|{_QMAX}|{_QMIN}")
_SAME_NEXT_RE = re.compile(
    r"\b(?P<which>same|next)[\s\-\u2010\u2011]+(?:(?P<biz>business|working)[\s\-]+)?day\b(?![\w\-])"
)
#: "same-day standby", "next-day delivery": a hyphenated "same/next day" before a noun names a service.
_ATTRIBUTIVE_NEXT = re.compile(r"[ \t]+([A-Za-z]+)")
_NOT_NOUNS = frozenset(
    "if and or to for as after before when by at in on of from you we it your our the a an is are was will can "
    "with without within until unless once".split()
)


def _named_service(text: str, m: re.Match[str]) -> bool:
    """Whether a "same/next day" match is the first half of a service's name, not a period.

    Hyphenated before a noun ("same-day standby", "next-day delivery") or in
    title case ("Same Day Standby") it names a kind of service, and "the same
    day as" another names a day; "ship the same day" and "ready the next
    business day if …" state a period.
    """
    surface = text[m.start() : m.end()]
    nxt = _ATTRIBUTIVE_NEXT.match(text, m.end())
    if m.group("which").lower() == "same" and nxt is not None and nxt.group(1).lower() == "as":
        return True  # "on the same day as your recycling" names a day, not a period
    if nxt is None or nxt.group(1).lower() in _NOT_NOUNS:
        return False
    hyphenated = "-" in surface or "\u2010" in surface or "\u2011" in surface
    title = surface[:1].isupper() and nxt.group(1)[:1].isupper()
    return hyphenated or title


_HINT_RE = re.compile(r"min|h|day|week|wk|fortnight|month|year|yr")

_CALENDAR_MINUTES = {"minute": 1, "hour": 60, "day": 1440, "week": 10080, "fortnight": 20160}
_MONTHS = {"month": 1, "year": 12}
_ABBREV = {
    "min": "minute",
    "mins": "minute",
    "hr": "hour",
    "hrs": "hour",
    "h": "hour",
    "wk": "week",
    "wks": "week",
    "yr": "year",
    "yrs": "year",
}
_FREQ_PREV = frozenset(
    {
        "once",
        "twice",
        "thrice",
        "times",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "per",
    }
)


def _unit_of(raw: str) -> tuple[str, str, float]:
    """``(class, unit name, base)`` for a unit word: base is minutes, months or 1 (business)."""
    u = " ".join(raw.lower().replace("-", " ").replace("\u2010", " ").replace("\u2011", " ").split())
    if u.startswith(("business", "working", "banking")) or (u.startswith("week") and "day" in u):
        return ("business", "business hour" if "hour" in u else "business day", 1.0)
    u = _ABBREV.get(u.removeprefix("calendar "), u.removeprefix("calendar "))
    if u.endswith("s") and u[:-1] in _CALENDAR_MINUTES | _MONTHS:
        u = u[:-1]
    if u in _MONTHS:
        return ("month", u, float(_MONTHS[u]))
    return ("calendar", u, float(_CALENDAR_MINUTES[u]))


def render_duration(cls: str, name: str, base: float, amounts: list[float]) -> str | None:
    """Canonical text for one amount or a range of two amounts in one unit; ``None`` when not whole."""
    if cls == "business":
        counts, unit = amounts, name
    else:
        totals = [a * base for a in amounts]
        if any(abs(t - round(t)) > 1e-9 or t < 0 for t in totals):
            return None
        ints = [round(t) for t in totals]
        steps = ((1440, "day"), (60, "hour"), (1, "minute")) if cls == "calendar" else ((12, "year"), (1, "month"))
        size, unit = next((s, n) for s, n in steps if all(i % s == 0 for i in ints))
        counts = [i / size for i in ints]
    if len(counts) == 2:
        if counts[0] >= counts[1]:
            return None
        return f"{format_number(counts[0])}-{format_number(counts[1])} {unit}s"
    return f"{format_number(counts[0])} {unit}{'' if counts[0] == 1 else 's'}"


def _amounts(m: re.Match[str]) -> tuple[list[float | None], str] | None:
    """The number(s) of a match and the raw unit word."""
    if m.group("bu"):
        return [parse_number(m.group("b1")), parse_number(m.group("b2"))], m.group("bu")
    if m.group("ru"):
        return [parse_number(m.group("r1")), parse_number(m.group("r2"))], m.group("ru")
    if m.group("hu"):
        return [0.5], m.group("hu")
    if m.group("qu"):
        return [0.75 if m.group("quarter").lower() == "three" else 0.25], m.group("qu")
    n = parse_number(m.group("n"))
    if n is not None and (m.group("nhalf") or m.group("uhalf")):
        if m.group("nhalf") and m.group("uhalf"):
            return None
        n += 0.5
    return [n], m.group("u")


def _is_frequency(text: str, m: re.Match[str]) -> bool:
    """'twice a week', '7 days a week': an article-led unit after a count is a frequency."""
    n = m.group("n")
    if not n or n.lower() not in ("a", "an"):
        return False
    before = prev_word(text, m.start("n"))
    if before in _FREQ_PREV:
        return True
    tail = text[max(0, m.start("n") - 12) : m.start("n")].rstrip()
    if tail and (tail[-1].isdigit() or tail[-1] in "%"):
        return True
    words = text[max(0, m.start("n") - 60) : m.start("n")].lower().split()
    counted = any(w[:1].isdigit() or w in NUMBER_WORDS for w in words[-5:-1])
    return bool(words) and words[-1].endswith("s") and counted


def extract_durations(text: str, low: str | None = None) -> list[Fact]:
    """Every duration in ``text`` (see the module docstring); ``low`` is ``fold(text)`` when the caller has it."""
    low = fold(text) if low is None else low
    facts: list[Fact] = []
    if not _HINT_RE.search(low):
        return facts
    for m in match_numbers(_DURATION_RE, low, _QUALIFIER_RE):
        if not (m.group("qmax") or m.group("qmin")) and is_label_number(text, m.start()):
            continue
        if _is_frequency(text, m):
            continue
        if m.group("u") and m.group("u").lower() == "h" and not text[m.start("u") - 1].isdigit():
            continue
        got = _amounts(m)
        if got is None or any(a is None for a in got[0]):
            continue
        amounts = [a for a in got[0] if a is not None]
        start = m.start()
        if m.group("rand") and amounts[0] >= amounts[1]:
            # "10 and 11 year olds" lists two ages (read as their range); "50 and 30 days" says two things
            amounts, start = amounts[1:], m.start("r2")
        cls, name, base = _unit_of(got[1])
        value = render_duration(cls, name, base, amounts)
        if value is None:
            continue
        qmin = m.group("qmin") and not spread_over(low, m.group("qmin"), m.start())
        role = threshold_role(
            bool(m.group("qmax") or m.group("smax") or m.group("omax")),
            bool(qmin or m.group("smin") or m.group("omin") or m.group("plus")),
        )
        facts.append(make_fact("duration", value, text, start, m.end(), cls, role))
    for m in _SAME_NEXT_RE.finditer(low) if ("same" in low or "next" in low) else ():
        if _named_service(text, m):
            continue
        cls = "business" if m.group("biz") else "calendar"
        days = 0.0 if m.group("which").lower() == "same" else 1.0
        value = render_duration(cls, "business day" if m.group("biz") else "day", 1440.0, [days])
        if value is not None:
            facts.append(make_fact("duration", value, text, m.start(), m.end(), cls))
    return _compounds(text, facts) if len(facts) > 1 or "sec" in low else facts


#: Between the parts of one length of time: "2 hours and 15 minutes", "1 hr 30 min" (a comma lists two).
_JOINT_RE = re.compile(r"\s+(?:(?:and|&)\s+)?")
_SECONDS_RE = re.compile(r"\s*(?:,\s*|(?:and|&)\s+)?\d+\s*(?:seconds?|secs?|s)\b", re.IGNORECASE)


def _size(value: str) -> tuple[str, float] | None:
    """The class and size (minutes or months) of a single length of time such as ``2 hours``."""
    count, _, unit = value.partition(" ")
    amount = parse_number(count)
    if amount is None or "-" in count or unit.startswith("business"):
        return None
    cls, _, base = _unit_of(unit)
    return cls, amount * base


#: Bases of each class of length in a day (1,440 minutes, a thirtieth of a month, a business day being about 1.4
#: days), to set lengths of every class side by side.
_BASES_PER_DAY = {"calendar": 1440.0, "month": 1 / 30, "business": 1 / 1.4}


def days_of(value: str) -> tuple[float, float] | None:
    """The least and greatest length a canonical duration states, in days ("3-5 business days": 4.2 to 7.0,
    "2 hours": 1/12), or ``None`` when it is not one."""
    count, _, unit = value.partition(" ")
    low, _, high = count.partition("-")
    a, b = parse_number(low), parse_number(high or low)
    if a is None or b is None or not unit or ("hour" in unit and unit.startswith("business")):
        return None
    try:
        cls, _, base = _unit_of(unit)
    except KeyError:
        return None
    per_day = _BASES_PER_DAY[cls]
    return a * base / per_day, b * base / per_day


def _compounds(text: str, facts: list[Fact]) -> list[Fact]:
    """Lengths of time said in two units are one ("2 hours and 15 minutes" is 135 minutes); one said down to
    the second is not read ("1 minute 40 seconds" is not a minute)."""
    out: list[Fact] = []
    for fact in sorted(facts, key=lambda f: f.span):
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.role.startswith("range")
            and _JOINT_RE.fullmatch(text, prev.span[1], fact.span[0])
        ):
            first, second = _size(prev.value), _size(fact.value)
            if first and second and first[0] == second[0] and first[1] > second[1] and not fact.role:
                value = render_duration(first[0], "", 1.0, [first[1] + second[1]])
                if value is not None:
                    start = prev.span[0]
                    out[-1] = make_fact("duration", value, text, start, fact.span[1], prev.unit, prev.role)
                    continue
        out.append(fact)
    return [f for f in out if not _SECONDS_RE.match(text, f.span[1])]


__all__ = ["days_of", "extract_durations", "render_duration"]
