"""Opening hours: day sets paired with time ranges, "closed", "24/7", time zones.

One fact per hours expression ("Monday to Saturday 9am–9pm and Sunday
10am–6pm" is one fact spanning the whole expression). ``parts`` holds one
``(day, "HH:MM-HH:MM" | "closed")`` pair per day named, days ``mon``..``sun``
in week order; ``value`` is derived from ``parts`` by folding runs of
consecutive days with equal hours: ``Mon-Fri 08:00-20:00; Sat-Sun closed``.
Times with no day at all give ``parts == (("*", "09:00-21:00"),)`` and value
``09:00-21:00``; a day set and a time range named apart in one clause ("On
Saturdays the phone team is available from 9 AM to 5 PM") are joined.
``unit`` is the time zone (``ET``, ``PST``, "Eastern" → ``ET``) or ``""``.
Later statements override earlier ones for a day ("daily 9-5, Sunday
10-4"); "except Sundays" removes those days. A day set with no time ("open
7 days a week", "open Monday to Saturday") is a fact with role ``days``, a
value like ``Mon-Sun`` and no ``parts``, so it never contradicts a day's
hours. A day with two ranges ("weekdays 8am-12pm and 4pm-8pm", "8-12 and 2-6 on weekdays") keeps
both, in order: ``Mon-Fri 08:00-12:00, 16:00-20:00``; a second range that does not start after the
first ends is another day's ("9am-5pm and 10am-2pm on Saturdays" gives Saturday 10-2, as before).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from consistency_check.facts.clock import (
    OPEN_CLOSE_RE,
    RANGE_RE,
    SPOKEN_RANGE_RE,
    closing_after,
    has_time_hint,
    open_close_range,
    parse_range,
    spoken_range,
)
from consistency_check.facts.common import DASH, fold, make_fact
from consistency_check.model import Fact

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY = (
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b"
    r"|(?:mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)s?\b(?:\.(?=\s*(?:[\-\u2013\u2014\d]|to\b|through\b|thru\b)))?)"
)
_DAY_ITEM = rf"{_DAY}(?:\s*(?:{DASH}|to\b|through\b|thru\b|until\b|till\b)\s*{_DAY})?"
_ATOM_RE = re.compile(
    rf"\b(?=[motwfsdeaw7r2cgupbhjnk])(?:(?P<days>(?:on\s+)?{_DAY_ITEM}(?:\s*(?:,|&|\band\b|/|\+)\s*{_DAY_ITEM})*)"
    r"|(?P<named>\b(?:(?:7|seven)\s+days\s+(?:a|per|each)\s+week|every\s+day|daily|week\s?days|weekdays?"
    r"|(?:the\s+)?weekends?|all\s+week(?:\s+long)?|(?P<mf>m\s?[\-\u2013]\s?f))\b)"
    r"|(?P<allday>\b24\s*(?:/|x)\s*7(?:\s*/\s*365)?\b"
    r"|\b(?:open|available|staffed)\s+24\s*(?:hours|hrs)(?:\s+(?:a|per)\s+day)?\b"
    r"|\b24\s*(?:hours|hrs)\s+(?:a|per)\s+day\b|\b(?:a)?round[\s\-]the[\s\-]clock\b)"
    r"|(?P<closed>\bclosed\b)"
    r"|(?P<tz>(?P<tzcode>et|est|edt|ct|cst|cdt|mt|mst|mdt|pt|pst|pdt|akst|akdt|hst|gmt|utc|bst|cet|cest|eet"
    r"|eest|wet|aest|aedt|acst|awst|nzst|nzdt|jst|sgt)\b"
    r"|\b(?P<tzname>eastern|central|mountain|pacific)(?:\s+(?:standard\s+|daylight\s+)?time)?\b))"
)
_DAY_TOKEN_RE = re.compile(_DAY, re.IGNORECASE)
_DAY_RANGE_SEP_RE = re.compile(rf"\s*(?:{DASH}|to|through|thru|until|till)\s*", re.IGNORECASE)
_HINT_WORDS = (
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "daily",
    "every",
    "week",
    "closed",
    "noon",
    "midday",
    "midnight",
    "clock",
    "24/7",
    "24x7",
    "24 hours",
    "24 hrs",
    "m-f",
    "m\u2013f",
)


def has_hours_hint(low: str) -> bool:
    """Cheap test: could ``low`` (folded text) hold opening hours at all?"""
    return has_time_hint(low) or any(w in low for w in _HINT_WORDS)


_GAP_RE = re.compile(
    r"(?:[\s,;:|&()\-\u2013\u2014/]|\b(?:and|or|from|on|open|opens|is|are|we're|we’re|we\s+are|at|hours|also"
    r"|plus|only|the|but|then|except|excluding|with)\b)*"
)
_EXCEPT_RE = re.compile(r"\b(?:except|excluding)\b")
_CUE_RE = re.compile(r"\b(?:open|opens|available|staffed|reachable|operating|operate)\b[^.;:!?]{0,20}$")
_FULL_DAY_NAMES = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_INHERENT_RE = re.compile(r"(?:7|seven)\s", re.IGNORECASE)
_SQUEEZE_RE = re.compile(r"[\s\-\u2013]+")
_TZ_NAMES = {"eastern": "ET", "central": "CT", "mountain": "MT", "pacific": "PT"}
_MAX_GAP = 30
_MAX_CLAUSE_GAP = 60
_DIGIT_RE = re.compile(r"\d")
_CLAUSE_END_RE = re.compile(r"[.;!?\n]|\b(?:but|except|however|while|whereas)\b")


_Payload = str | bool | tuple[list[str], bool]
"""What an hours atom holds, by kind: ``time``, ``tz`` and ``closed`` a string; ``allday`` whether it names the
whole week ("24/7"); ``days`` the days named and whether the words state opening by themselves ("7 days a week")."""
_Atom = tuple[int, int, str, _Payload, str]
"""``(start, end, kind, payload, gap before)`` of one hours atom in a group."""


@dataclass
class _Group:
    """Interpretation state of one hours expression."""

    start: int
    end: int = 0
    assigned: dict[str, str] = field(default_factory=dict)
    pending_days: list[str] | None = None
    pending_time: str | None = None
    pending_all: bool = False
    pending_end: int = 0
    pending_closed: bool = False
    days_only: list[str] = field(default_factory=list)
    inherent: bool = False
    tz: str = ""
    #: Whether the expression names its days before their times ("Mon-Fri 9-5") or after ("9-5 Mon-Fri"), once
    #: known; and the days given hours last.
    days_first: bool | None = None
    last_days: list[str] = field(default_factory=list)


def _day_of(token: str) -> str | None:
    """``mon``..``sun`` for a day token; abbreviations must be capitalised ("Sat", not "sat")."""
    t = token.lower().rstrip(".")
    if len(t) > 3 and t.endswith("s") and t[:-1] not in ("tue", "thur"):
        t = t[:-1]
    if t not in _FULL_DAY_NAMES and not token[0].isupper():
        return None
    return t[:3]


def _expand(text: str) -> list[str] | None:
    """Days named by a day-set atom, in the order written; ``None`` when a token is not a day."""
    out: list[str] = []
    tokens = list(_DAY_TOKEN_RE.finditer(text))
    i = 0
    while i < len(tokens):
        first = _day_of(tokens[i].group())
        if first is None:
            return None
        if i + 1 < len(tokens) and _DAY_RANGE_SEP_RE.fullmatch(text, tokens[i].end(), tokens[i + 1].start()):
            last = _day_of(tokens[i + 1].group())
            if last is None:
                return None
            a, b = DAYS.index(first), DAYS.index(last)
            out.extend(DAYS[a : b + 1] if a <= b else DAYS[a:] + DAYS[: b + 1])
            i += 2
        else:
            out.append(first)
            i += 1
    return out


def _named(text: str) -> list[str]:
    """Days of a named set: weekdays and "M-F" are Mon-Fri, weekends Sat-Sun, the rest every day."""
    t = _SQUEEZE_RE.sub("", text.lower())
    if "weekday" in t or t == "mf":
        return list(DAYS[:5])
    if "weekend" in t:
        return list(DAYS[5:])
    return list(DAYS)


def render_hours(parts: tuple[tuple[str, str], ...]) -> str:
    """``Mon-Fri 09:00-17:00; Sun closed`` from per-day parts; ``*`` parts render as the bare range."""
    if parts and parts[0][0] == "*":
        return parts[0][1]
    chunks: list[str] = []
    i = 0
    while i < len(parts):
        j = i
        while (
            j + 1 < len(parts)
            and parts[j + 1][1] == parts[i][1]
            and DAYS.index(parts[j + 1][0]) == DAYS.index(parts[j][0]) + 1
        ):
            j += 1
        first, last = parts[i][0].capitalize(), parts[j][0].capitalize()
        chunks.append(f"{first if i == j else f'{first}-{last}'} {parts[i][1]}".rstrip())
        i = j + 1
    return "; ".join(chunks)


def _assign(group: _Group, days: list[str], value: str, end: int) -> None:
    """Give ``days`` their hours (later statements win) and stretch the group to ``end``."""
    for d in days:
        group.assigned[d] = value
    group.last_days = list(days)
    group.end = max(group.end, end)


#: Between two time ranges of the same days ("8am-12pm and 4pm-8pm"): the days have split hours.
_SPLIT_GAP_RE = re.compile(r"[\s,&+/]*(?:\b(?:and|or|also)\b)?[\s,]*(?:\bfrom\b)?\s*")


def _split_hours(first: str, second: str) -> str:
    """Two ranges of one day, in order: ``08:00-12:00, 16:00-20:00``."""
    return f"{first}, {second}"


def _later(first: str | None, second: str) -> bool:
    """Whether the range ``second`` starts when or after the last range of ``first`` ends, the same day
    ("8am-12pm and 4pm-8pm"; not "9am-5pm and 10am-2pm", which are two days' hours)."""
    if not first:
        return False
    last = first.rsplit(", ", 1)[-1].split("-")
    nxt = second.split("-")
    return len(last) == 2 and len(nxt) == 2 and last[0] < last[1] <= nxt[0] < nxt[1]


def _feed(group: _Group, kind: str, payload: _Payload, gap: str, end: int) -> None:
    """Apply one atom to the group (see the module docstring for the pairing rules)."""
    if kind == "tz":
        if not group.tz and (group.assigned or group.pending_time):
            group.tz = str(payload)
        if group.tz == payload:
            group.end = max(group.end, end)
    elif kind == "days":
        assert isinstance(payload, tuple)  # a days atom holds (days, inherent)
        _feed_days(group, payload[0], payload[1], gap, end)
    elif group.pending_days is not None:
        _assign(group, group.pending_days, "00:00-24:00" if kind == "allday" else str(payload), end)
        group.pending_days = None
        group.days_first = True if group.days_first is None else group.days_first
    elif kind == "closed":
        group.pending_closed = True
    elif kind == "time" and _SPLIT_GAP_RE.fullmatch(gap) and _second_range(group, str(payload)):
        # A second range for the same days: after the days' first range when days come first
        # ("Mon-Fri 8-12 and 4-8"), or before the days they both precede ("8-12 and 4-8 on weekdays").
        if group.pending_time:
            group.pending_time = _split_hours(group.pending_time, str(payload))
        else:
            for d in group.last_days:
                group.assigned[d] = _split_hours(group.assigned[d], str(payload))
        group.end = max(group.end, end)
    else:
        group.pending_time = "00:00-24:00" if kind == "allday" else str(payload)
        group.pending_all = kind == "allday" and bool(payload)
        group.pending_end = end
        if not group.assigned:
            group.end = max(group.end, end)


def _feed_days(group: _Group, days: list[str], inherent: bool, gap: str, end: int) -> None:
    """Apply a day-set atom: days after "except" lose their hours; days take a pending "closed" or time."""
    group.inherent = group.inherent or inherent
    if _EXCEPT_RE.search(gap):
        for d in days:
            group.assigned.pop(d, None)
        group.pending_days = list(days)
        group.end = max(group.end, end)
    elif group.pending_closed:
        _assign(group, days, "closed", end)
        group.pending_closed = False
    elif group.pending_time and group.pending_days is None:
        _assign(group, days, group.pending_time, end)
        group.pending_time, group.pending_all = None, False
        group.days_first = False if group.days_first is None else group.days_first
    else:
        group.pending_days = (group.pending_days or []) + list(days)
        group.days_only.extend(days)
        if not group.assigned:
            group.end = max(group.end, end)


def _second_range(group: _Group, value: str) -> bool:
    """Whether the range ``value`` is a later range of the days the previous range is for."""
    if group.pending_time:
        return not group.pending_all and _later(group.pending_time, value)
    return bool(group.days_first and group.last_days) and all(
        _later(group.assigned.get(d), value) for d in group.last_days
    )


def _atoms(text: str, low: str) -> list[tuple[int, int, str, _Payload]]:
    """``(start, end, kind, payload)`` for every hours atom in ``text``, in order, non-overlapping."""
    found: list[tuple[int, int, str, _Payload]] = []
    for m in OPEN_CLOSE_RE.finditer(low) if "open" in low and "clos" in low else ():
        value = open_close_range(m)
        if value is not None:
            found.append((m.start(), m.end(), "time", value))
    for m in RANGE_RE.finditer(low):
        if any(s < m.end() and m.start() < e for s, e, _, _ in found):
            continue
        value = parse_range(m)
        if value is not None:
            found.append((m.start(), m.end(), "time", value))
    for m in _ATOM_RE.finditer(low):
        if any(s < m.end() and m.start() < e for s, e, _, _ in found):
            continue
        if m.group("days"):
            days = _expand(text[m.start("days") : m.end("days")])
            if days:
                found.append((m.start(), m.end(), "days", (days, False)))
        elif m.group("named"):
            if m.group("mf") and text[m.start("mf")] + text[m.end("mf") - 1] != "MF":
                continue
            inherent = bool(_INHERENT_RE.match(m.group("named")))
            found.append((m.start(), m.end(), "days", (_named(m.group("named")), inherent)))
        elif m.group("allday"):
            found.append((m.start(), m.end(), "allday", "7" in m.group("allday")))
        elif m.group("closed"):
            found.append((m.start(), m.end(), "closed", "closed"))
        else:
            g = "tzname" if m.group("tzname") else "tzcode"
            written = text[m.start(g) : m.end(g)]
            if (g == "tzcode" and not written.isupper()) or not written[0].isupper():
                continue
            found.append((m.start(), m.end(), "tz", _TZ_NAMES.get(written.lower(), written.upper())))
    found.sort(key=lambda a: a[0])
    return _with_spoken(low, found)


_NEXT_WORD_RE = re.compile(r"\s+([a-z]+)")
_PREVIOUS_WORD_RE = re.compile(r"([a-z]+)\W*$")
_DAY_WORD = (
    r"week(?:day|end)s?"
    r"|(?:mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday)s?"
)
#: Words that may stand after a spoken range of hours; any other word makes it something else ("3 to 5 guests",
#: "2 to 4 weeks").
_CONTINUES_RE = re.compile(
    rf"(?:on|and|or|every|each|daily|from|at|then|except|but|with|in|during|closed|we|it|they|the|{_DAY_WORD})"
)
#: Words that make the numbers after them a count or a measure, not hours ("ages 4 to 6", "groups of 8 to 10").
_NOT_LEADS_RE = re.compile(
    r"(?:of|ages?|aged|grades?|sizes?|levels?|rows?|steps?|groups?|teams?|sections?|chapters?|pages?|rooms?|floors?"
    r"|zones?|gates?|tables?|seats?|people|persons?|kids|children|adults|guests|years|months|weeks|days|numbers?|no)"
)


def _with_spoken(low: str, found: list[tuple[int, int, str, _Payload]]) -> list[tuple[int, int, str, _Payload]]:
    """``found`` with the spoken time ranges ("9 to 6", "eight to five") that stand right beside a day set
    ("Monday to Friday, 9 to 6", "10 to 5 on Saturdays") between words that may surround opening hours:
    without its days, or after a noun, such a range could be anything ("ages 4 to 6", "3 to 5 guests")."""
    days = [(s, e) for s, e, kind, _ in found if kind == "days"]
    if not days:
        return found
    spoken: list[tuple[int, int, str, _Payload]] = []
    for m in SPOKEN_RANGE_RE.finditer(low):
        if any(s < m.end() and m.start() < e for s, e, _, _ in found):
            continue
        # A range said "from 9 until noon" names its hours by itself: it is the days' also past other words of
        # their clause ("on Saturdays we're here from 9 until noon"), as a range with am/pm is.
        said_from = low.startswith(("from", "between"), m.start())
        after_days = any(
            e <= m.start() and (_joins(low, e, m.start()) or (said_from and _clause_of_words(low, e, m.start())))
            for _, e in days
        )
        before_days = any(m.end() <= s and _joins(low, m.end(), s) for s, _ in days)
        following = _NEXT_WORD_RE.match(low, m.end())
        preceding = _PREVIOUS_WORD_RE.search(low, max(0, m.start() - 24), m.start())
        fits = (following is None or _CONTINUES_RE.fullmatch(following.group(1)) is not None) and (
            after_days or preceding is None or _NOT_LEADS_RE.fullmatch(preceding.group(1)) is None
        )
        # A second range of the days, said with its part of the day ("7:30 to 10 in the morning or 4 to 6 in
        # the afternoon"), is theirs too.
        second = bool(m.group("sp") or m.group("ep")) and any(
            kind == "time" and e <= m.start() and _SPLIT_GAP_RE.fullmatch(low, e, m.start())
            for _, e, kind, _ in found + spoken
        )
        value = spoken_range(m) if fits and (after_days or before_days or second) else None
        if value is not None:
            spoken.append((m.start(), m.end(), "time", value))
    return sorted(found + spoken, key=lambda a: a[0]) if spoken else found


def _one_clause(low: str, start: int, end: int) -> bool:
    """Whether the words between ``start`` and ``end`` stay in one clause (see :func:`_merge_days_then_times`)."""
    between = low[start:end]
    return len(between) <= _MAX_CLAUSE_GAP and not _CLAUSE_END_RE.search(between)


def _clause_of_words(low: str, start: int, end: int) -> bool:
    """:func:`_one_clause`, with no number between (a number there is what the range may count: "3 coaches")."""
    return _one_clause(low, start, end) and not _DIGIT_RE.search(low, start, end)


def _joins(low: str, start: int, end: int) -> bool:
    """Whether the words between ``start`` and ``end`` join two atoms of one hours expression."""
    return end - start <= _MAX_GAP and _GAP_RE.fullmatch(low, start, end) is not None


def extract_hours(text: str, low: str | None = None) -> list[Fact]:
    """Every opening-hours expression in ``text`` as one ``hours`` fact."""
    low = fold(text) if low is None else low
    facts: list[Fact] = []
    if not has_hours_hint(low):
        return facts
    atoms = _atoms(text, low)
    groups: list[list[_Atom]] = []
    prev_end = -1
    for start, end, kind, payload in atoms:
        gap = low[prev_end:start] if prev_end >= 0 else ""
        joined = prev_end >= 0 and len(gap) <= _MAX_GAP and _GAP_RE.fullmatch(gap)
        if joined:
            groups[-1].append((start, end, kind, payload, gap))
        else:
            groups.append([(start, end, kind, payload, "")])
        prev_end = end
    for atoms_in in _merge_days_then_times(low, groups):
        fact = _interpret(text, low, atoms_in)
        if fact is not None:
            facts.append(fact)
    return [_with_early_close(text, low, f) for f in facts]


#: Right after a schedule, days it names that close at another time: "Mon–Fri 8:00–20:00 (Fri until 18:00)",
#: "9am-8pm, Fridays until 6pm" (not when a place or a season scopes them: "Thursdays until 7 PM at two centers").
_EARLY_DAYS_RE = re.compile(rf"\s*[(,;]?\s*(?:but\s+|and\s+|except\s+)?(?:on\s+)?(?P<days>{_DAY_ITEM})")


_SCOPED_RE = re.compile(r"\s+(?:at|in|for|during|from|between|on)\s")


def _with_early_close(text: str, low: str, fact: Fact) -> Fact:
    """``fact`` with the closing time of days that the words right after it say close earlier (see
    :data:`_EARLY_DAYS_RE`); the fact then spans those words."""
    days = _EARLY_DAYS_RE.match(low, fact.span[1])
    if not fact.parts or fact.parts[0][0] == "*" or days is None:
        return fact
    named = _expand(text[days.start("days") : days.end("days")])
    closing = closing_after(low, days.end())
    hours = dict(fact.parts)
    if not named or closing is None or not all("-" in hours.get(d, "") for d in named):
        return fact
    if _SCOPED_RE.match(low, closing[0]):
        return fact  # "Thursdays until 7:00 PM at Capitol City": some places' hours, not the schedule's
    for d in named:
        hours[d] = hours[d].split("-")[0] + "-" + closing[1]
    parts = tuple((d, hours[d]) for d in DAYS if d in hours)
    end = closing[0] + (1 if text[closing[0] : closing[0] + 1] == ")" else 0)
    return make_fact("hours", render_hours(parts), text, fact.span[0], end, fact.unit, fact.role, parts)


def _merge_days_then_times(low: str, groups: list[list[_Atom]]) -> list[list[_Atom]]:
    """Join a day set with no hours yet to the time range that follows it in the same clause.

    "On Saturdays the phone team is available from 9 AM to 5 PM" names its
    day and its hours apart, as does "weekdays 9 to 5:30, and on Saturdays
    we're here from 9 until noon"; the words between must not end the clause.
    """
    out: list[list[_Atom]] = []
    for group in groups:
        if (
            out
            and out[-1][-1][2] == "days"
            and all(a[2] in ("time", "tz") for a in group)
            and group[0][2] == "time"
            and _one_clause(low, out[-1][-1][1], group[0][0])
        ):
            out[-1] = out[-1] + group
            continue
        out.append(group)
    return out


def _interpret(text: str, low: str, atoms: list[_Atom]) -> Fact | None:
    """The hours fact one group of adjacent atoms states, if any."""
    group = _Group(start=atoms[0][0])
    for _start, end, kind, payload, gap in atoms:
        _feed(group, kind, payload, gap, end)
    if group.pending_time and group.pending_all and group.pending_days is None:
        _assign(group, list(DAYS), group.pending_time, group.pending_end)
    if group.assigned:
        parts = tuple((d, group.assigned[d]) for d in DAYS if d in group.assigned)
        return make_fact("hours", render_hours(parts), text, group.start, group.end, group.tz, "", parts)
    if group.pending_time and not group.days_only:
        parts = (("*", group.pending_time),)
        return make_fact("hours", group.pending_time, text, group.start, group.end, group.tz, "", parts)
    if group.days_only and all(a[2] == "days" for a in atoms):
        cue = _CUE_RE.search(low, max(0, group.start - 40), group.start)
        if not (cue or group.inherent):
            return None
        days = tuple((d, "") for d in DAYS if d in group.days_only)
        start = cue.start() if cue else group.start
        return make_fact("hours", render_hours(days).replace("; ", ", "), text, start, group.end, "", "days")
    return None


def days_named(heading: str) -> tuple[str, ...]:
    """The days a heading names ("Saturday appointments": ``sat``; "Weekend hours": ``sat``, ``sun``;
    "Monday to Friday": ``mon``..``fri``), in week order; empty when it names none or says something else
    about them ("closed on Sundays")."""
    low = heading.lower()
    if not has_hours_hint(low) and "week" not in low:
        return ()
    days: set[str] = set()
    for m in _ATOM_RE.finditer(low):
        if m.group("days"):
            found = _expand(heading[m.start("days") : m.end("days")])
            if found is None:
                return ()
            days.update(found)
        elif m.group("named") and not m.group("mf"):
            named = _named(m.group("named"))
            if len(named) == len(DAYS):
                return ()  # "every day", "daily": not a day of its own
            days.update(named)
        elif m.group("closed"):
            return ()
    return tuple(d for d in DAYS if d in days)


def on_days_named(facts: tuple[Fact, ...], heading: str) -> tuple[Fact, ...]:
    """``facts`` with hours said without their days given the days their heading names: under "Saturday
    appointments", "We run appointments from 8 AM to noon" is Saturday's hours."""
    if not any(f.kind == "hours" and f.parts and all(d == "*" for d, _ in f.parts) for f in facts):
        return facts
    days = days_named(heading)
    if not days:
        return facts
    out = []
    for f in facts:
        if f.kind == "hours" and f.parts and all(d == "*" for d, _ in f.parts):
            parts = tuple((d, ", ".join(v for _, v in f.parts)) for d in days)
            f = dataclasses.replace(f, value=render_hours(parts), parts=parts)
        out.append(f)
    return tuple(out)


__all__ = ["DAYS", "days_named", "extract_hours", "on_days_named", "render_hours"]
