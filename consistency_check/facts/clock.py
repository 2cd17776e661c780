"""Times of day and time ranges: "8am", "8 a.m.", "8:00 AM", "20:00", "noon", "9am-5pm".

Times are canonical ``HH:MM`` (24-hour). Midnight is ``00:00`` as an
opening time and ``24:00`` as a closing time. A bare hour is a time only
as the start of a range whose end has am/pm ("9-5pm" → ``09:00-17:00``);
a lone number is never a time. Single times are facts only after a cue word:
"until/by/before 3pm" → role ``until``, "from/after/opens at 9am" → ``from``,
"at 10am" → ``at``; they carry no ``parts`` so opening-hours comparison
ignores them.
"""

from __future__ import annotations

import re

from consistency_check.facts.common import DASH, fold, make_fact
from consistency_check.facts.numbers import NUMBER_WORDS
from consistency_check.model import Fact

#: Hours said in words, a clock time only with "a.m." or "p.m." after them ("six a.m.", "eleven pm").
_HOUR_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"


def time_pattern(p: str) -> str:
    """Regex fragment for one clock time, its groups prefixed with ``p``."""
    return (
        rf"(?:(?:12\s+)?(?P<{p}word>noon|midday|midnight)\b"
        rf"|(?P<{p}h>\d{{1,2}}|(?:{_HOUR_WORDS})(?=\s?[ap](?:\.\s?m\.?|\s?m)(?!\w)))(?:[:.](?P<{p}m>\d{{2}}))?"
        rf"(?:\s?(?P<{p}mer>[ap])(?:\.\s?m\.?|\s?m)|(?P<{p}mer1>[ap]))(?!\w)"
        rf"|(?P<{p}hh>\d{{1,2}}):(?P<{p}mm>\d{{2}})(?!\d))"
    )


_LEFT = r"(?<![\w:.$€£/\-])"
RANGE_RE = re.compile(
    rf"{_LEFT}(?:(?P<from>from|between)\s+)?"
    rf"(?:{time_pattern('a')}|(?P<bare>\d{{1,2}})(?=\s*(?:{DASH}|to\b|until\b|till\b|and\b)))"
    rf"\s*(?P<sep>{DASH}|to\b|until\b|till\b|til\b|through\b|thru\b|and\b)\s*{time_pattern('b')}"
)
"""A range of two clock times ("9am-5pm", "from 8 a.m. until 8 p.m.", "between 9 and 5pm")."""

_SINGLE_RE = re.compile(
    rf"\b(?P<cue>until|till|til|by|before|no\s+later\s+than|(?:opens?|opening)\s+at|(?:closes?|closing)\s+at"
    rf"|from|after|starting\s+(?:at|from)|at)\s+{_LEFT}{time_pattern('t')}"
)
_TIME_HINTS = ("am", "pm", "a.m", "p.m", "a. m", "p. m", ":", "noon", "midday", "midnight")


def has_time_hint(low: str) -> bool:
    """Cheap test: could ``low`` (folded text) hold a clock time at all?"""
    return any(w in low for w in _TIME_HINTS)


_UNTIL_CUES = ("until", "till", "til", "by", "before", "no", "close", "closes", "closing")
_FROM_CUES = ("from", "after", "starting", "open", "opens", "opening")


def _minutes(m: re.Match[str], p: str, closing: bool) -> int | None:
    """Minutes after midnight of the time in groups ``p``; ``None`` when not a valid time."""
    word = m.group(f"{p}word")
    if word:
        w = word.lower()
        if w == "midnight":
            return 24 * 60 if closing else 0
        return 12 * 60
    mer = _meridiem(m, p)
    if mer:
        hour = m.group(f"{p}h")
        h, mins = NUMBER_WORDS.get(hour) or int(hour), int(m.group(f"{p}m") or 0)
        if not 1 <= h <= 12 or mins > 59:
            return None
        total = (h % 12 + (12 if mer == "p" else 0)) * 60 + mins
    else:
        h, mins = int(m.group(f"{p}hh")), int(m.group(f"{p}mm"))
        if h > 24 or mins > 59 or (h == 24 and mins):
            return None
        total = h * 60 + mins
    if closing and total == 0:
        return 24 * 60
    return total


def _meridiem(m: re.Match[str], p: str) -> str:
    """``"a"``, ``"p"`` or ``""``: the half of the day the time in groups ``p`` names ("8am", "8 p.m.", "6:00p")."""
    mer = m.group(f"{p}mer") or m.group(f"{p}mer1")
    return mer.lower() if mer else ""


_CLOSES_RE = re.compile(
    rf"\s*(?:until|till|til|to|(?:closes?|closing)\s+at|(?:closes?|closing))\s+{_LEFT}{time_pattern('t')}"
)


def closing_after(low: str, pos: int) -> tuple[int, str] | None:
    """A closing time said right at ``low[pos:]`` ("until 6pm", "closes at 18:00"): where it ends and its ``HH:MM``."""
    m = _CLOSES_RE.match(low, pos)
    if m is None or (minutes := _minutes(m, "t", closing=True)) is None:
        return None
    return m.end(), hhmm(minutes)


def hhmm(minutes: int) -> str:
    """``HH:MM`` for minutes after midnight (``24:00`` allowed)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_range(m: re.Match[str]) -> str | None:
    """Canonical ``HH:MM-HH:MM`` for a :data:`RANGE_RE` match, or ``None`` when invalid."""
    if m.group("sep") == "and" and m.group("from") != "between":
        return None
    end = _minutes(m, "b", closing=True)
    if end is None:
        return None
    bmer = _meridiem(m, "b")
    if m.group("bare") is not None:
        if not bmer:
            return None
        h = int(m.group("bare"))
        if not 1 <= h <= 12:
            return None
        same = (h % 12 + (12 if bmer == "p" else 0)) * 60
        other = (h % 12 + (0 if bmer == "p" else 12)) * 60
        start = same if same < end else other
    else:
        opening = _minutes(m, "a", closing=False)
        if opening is None:
            return None
        start = opening
        if bmer and not _meridiem(m, "a") and m.group("ahh") and not m.group("ahh").startswith("0"):
            # "4:00–6:00p": the start takes the end's half of the day when that keeps it before the end.
            h = int(m.group("ahh"))
            if 1 <= h <= 12:
                same = (h % 12 + (12 if bmer == "p" else 0)) * 60 + int(m.group("amm"))
                start = same if same < end else start
        both_24h = not _meridiem(m, "a") and not bmer and not m.group("aword") and not m.group("bword")
        # "9:00-5:00" is a working day written without am/pm; "04:30-00:30" is a 24-hour clock past midnight.
        padded = (m.group("ahh") or "").startswith("0") or (m.group("bhh") or "").startswith("0")
        if both_24h and not padded and end <= start and start < 12 * 60 and end <= 12 * 60:
            end += 12 * 60
        elif (
            not bmer
            and not m.group("bword")
            and not (m.group("bhh") or "").startswith("0")
            and end <= start < end + 12 * 60
            and end <= 12 * 60
        ):
            end += 12 * 60  # "noon to 4:00", "1 PM to 4:30": a closing time said without pm after a time past noon
    part = _PART_AFTER.match(m.string, m.end())
    if part is not None and not _meridiem(m, "a") and not bmer and "morning" not in part.group(0):
        # "7:30 to 9:30 in the evening": the part of the day said after the range is both ends'
        if end < 12 * 60:
            end += 12 * 60
        if start + 12 * 60 < end:
            start += 12 * 60
    if start == end or (start > end and end > 12 * 60):
        return None
    return f"{hhmm(start)}-{hhmm(end)}"


_SPOKEN_HOUR = (
    r"(?:1[0-2]|0?[1-9])(?::[0-5]\d)?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midday|midnight"
)
_DAY_PART = r"\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night)"
#: A part of the day said right after a range of clock times ("7:30 to 9:30 in the evening").
_PART_AFTER = re.compile(_DAY_PART + r"\b", re.IGNORECASE)
SPOKEN_RANGE_RE = re.compile(
    rf"{_LEFT}(?:(?:from|between)\s+)?(?P<s>{_SPOKEN_HOUR})(?P<sp>{_DAY_PART})?\s*(?:{DASH}|\s(?:to|until|till|til|and)\s)\s*"
    rf"(?P<e>{_SPOKEN_HOUR})(?:(?P<ep>{_DAY_PART})|(?<=\S)(?(sp)\s?(?P<emer>[ap])\.?\s?m\b\.?))?"
    rf"(?![\w:.,%]\d|[\w:%$€£/]|\.\d|\s*(?:a\.?\s?m|p\.?\s?m|[ap]\b|hours?\b|hrs?\b|h\b|o['’]clock))"
)
"""A range of two hours said the way people say opening hours, with no am/pm ("9 to 6", "7:30 to 6", "from eight
until five", "10 to noon", "9 in the morning to 9 at night", and after a part of the day "6:30 in the morning to 6
PM"): a time range only beside the days it is for (see :func:`spoken_range`)."""
#: The earliest hour a spoken opening time is in the morning: "9 to 5" opens at 9 AM, "1 to 5" at 1 PM.
_MORNING_FROM = 5


def _spoken_minutes(word: str, part: str | None) -> int:
    """Minutes after midnight of a spoken hour as written (1-12, read as morning), or as its part of the day says."""
    word = word.lower()
    if word in ("noon", "midday"):
        return 12 * 60
    if word == "midnight":
        return 24 * 60
    hour, _, minutes = word.partition(":")
    h = NUMBER_WORDS.get(hour) or int(hour)
    if part is not None and "morning" not in part and h < 12:
        h += 12
    return h * 60 + int(minutes or 0)


def spoken_range(m: re.Match[str]) -> str | None:
    """Canonical ``HH:MM-HH:MM`` for a :data:`SPOKEN_RANGE_RE` match, read as a working day unless a part of the day
    is said: the opening hour is in the morning from 5 to 11 and in the afternoon from 1 to 4; the closing hour is
    the first of its two readings after the opening. ``None`` when both readings could be meant ("9 to 11": 11 AM
    or 11 PM) or the range does not read as opening hours ("11 to 9")."""
    start = _spoken_minutes(m.group("s"), m.group("sp"))
    end = _spoken_minutes(m.group("e"), m.group("ep"))
    said = m.group("emer")
    if said:  # "6:30 in the morning to 6 PM": the end says its half of the day
        hour = end // 60 % 12 + (12 if said.lower() == "p" else 0)
        end = (hour or 24) * 60 + end % 60
    if start >= 24 * 60:
        return None
    ep = m.group("ep")
    if m.group("sp") is None and ep is not None and "morning" not in ep and start + 12 * 60 < end < 24 * 60:
        start += 12 * 60  # "from 7:30 to 9 at night": the end's part of the day is the start's, before it in it
    elif m.group("sp") is None and start < _MORNING_FROM * 60:
        start += 12 * 60
    if ep is None and not said and end < 24 * 60:
        if end == 12 * 60:
            end = 12 * 60 if start < 12 * 60 else 24 * 60
        else:
            later = [t for t in (end, end + 12 * 60) if start < t <= 24 * 60]
            if len(later) != 1:
                return None
            end = later[0]
    if end <= start:
        return None
    return f"{hhmm(start)}-{hhmm(end)}"


_OPEN_AT = r"(?:we\s+|it\s+|they\s+|doors\s+)?(?:opens?|opening(?:\s+time)?)(?:\s+(?:at|from))?\s*[:\-]?\s*"
_CLOSE_AT = r"(?:we\s+|it\s+|they\s+|doors\s+)?(?:close[sd]?|closing(?:\s+time)?)(?:\s+(?:at|by))?\s*[:\-]?\s*"
OPEN_CLOSE_RE = re.compile(
    rf"{_LEFT}{_OPEN_AT}(?:{time_pattern('a')}|(?P<sa>{_SPOKEN_HOUR})(?![\w:.]\d))"
    rf"(?P<gap>[^.;!?\d]{{0,24}}?)"
    rf"{_CLOSE_AT}(?:{time_pattern('b')}|(?P<sb>{_SPOKEN_HOUR})(?![\w:.]\d))"
)
"""An opening and a closing time each said with its own verb or label ("we open at nine and close at five", "Open:
7:00 a.m. | Close: 7:30 p.m."): the verbs say both numbers are clock times, as a range's dash does."""


def open_close_range(m: re.Match[str]) -> str | None:
    """Canonical ``HH:MM-HH:MM`` for an :data:`OPEN_CLOSE_RE` match (a time said without am/pm read as a spoken
    range is, see :func:`spoken_range`), or ``None`` when it does not read as opening hours."""
    start = None if m.group("sa") else _minutes(m, "a", closing=False)
    end = None if m.group("sb") else _minutes(m, "b", closing=True)
    if (start is None and m.group("sa") is None) or (end is None and m.group("sb") is None):
        return None
    if start is None:
        start = _spoken_minutes(m.group("sa"), None)
        if start < _MORNING_FROM * 60:
            start += 12 * 60
    if end is None:
        spoken = _spoken_minutes(m.group("sb"), None)
        later = [t for t in (spoken, spoken + 12 * 60) if start < t <= 24 * 60]
        if len(later) != 1:
            return None
        end = later[0]
    if end <= start or start >= 24 * 60:
        return None
    return f"{hhmm(start)}-{hhmm(end)}"


def extract_times(text: str, low: str | None = None) -> list[Fact]:
    """Single clock times after a cue word ("until 3pm" → ``15:00`` role ``until``); see the module docstring."""
    low = fold(text) if low is None else low
    facts: list[Fact] = []
    if not has_time_hint(low):
        return facts
    for m in _SINGLE_RE.finditer(low):
        cue = m.group("cue").split()[0].lower()
        role = "until" if cue in _UNTIL_CUES else "from" if cue in _FROM_CUES else "at"
        minutes = _minutes(m, "t", closing=role == "until")
        if minutes is None:
            continue
        facts.append(make_fact("hours", hhmm(minutes), text, m.start(), m.end(), "", role))
    return facts


__all__ = [
    "OPEN_CLOSE_RE",
    "RANGE_RE",
    "SPOKEN_RANGE_RE",
    "extract_times",
    "has_time_hint",
    "hhmm",
    "open_close_range",
    "parse_range",
    "spoken_range",
    "time_pattern",
]
