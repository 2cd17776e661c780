"""Calendar dates: "December 1, 2026", "Dec. 1", "1 December 2026", "12/1/2026", "2026-12-01".

Canonical value: ISO ``2026-12-01``; without a year, the ``year`` argument
is used when given, else the ISO partial ``--12-01``; month and year alone
("December 2026") is ``2026-12``. Ranges ("Nov 20 – Dec 1, 2026",
"December 1-5", "from Nov 20 to Dec 1", "between ... and ...") are
``2026-11-20..2026-12-01``; a start without a year takes the end's year.
Numeric dates need a year (so "1/2" and "24/7" are not dates) and read
month/day in region US, day/month elsewhere (unless only one order is valid).
Month names must be capitalised ("may" and "march" are verbs).

Roles: ``until`` (through, until, till, by, no later than, ends, expires,
valid through), ``from`` (from, starting, beginning, effective, as of),
``before``/``after``; plain dates and ranges ``""``.
"""

from __future__ import annotations

import calendar
import re

from consistency_check.facts.common import DASH, fold, make_fact
from consistency_check.model import Fact

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
#: A month's name or its abbreviation ("Sept.", "November"), case-insensitive patterns only.
MONTH_NAME = _MONTH
_ORD = r"(?:st|nd|rd|th)?"
#: A day of the week, in full or cut short, with its comma ("Tuesday,", "Thurs.", "sun").
WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
_YEAR = r"(?:19|20|21)\d{2}"
#: Between the two days of one month's range: a dash, or a word ("September 15 to 17", "15 through 17 May").
_DAY_SEP = rf"(?:\s*{DASH}\s*|\s+(?:to|through|thru|until|till)\s+)"
#: After a range's last day said with a word: not an amount or a time ("May 5 to 10 days later", "at 9 to 10:30").
_NOT_AMOUNT = r"(?![\d:.]|\s*(?:%|[ap]\.?m\b|(?:days?|nights?|weeks?|months?|years?|hours?|minutes?|people|persons?"
_NOT_AMOUNT += r"|guests?|players?|adults?|children|kids|times|percent)\b))"
_TOKEN_RE = re.compile(
    rf"(?<!\w)(?:"
    rf"(?P<m1>{_MONTH})\s*(?P<d1>\d{{1,2}}){_ORD}(?:{_DAY_SEP}(?P<e1>\d{{1,2}}){_ORD}{_NOT_AMOUNT})?(?!\d)"
    rf"(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"|(?<![/.\-])(?:the\s+)?(?P<d2>\d{{1,2}}){_ORD}(?:{_DAY_SEP}(?P<e2>\d{{1,2}}){_ORD})?"
    rf"(?:\s+of)?\s+(?P<m2>{_MONTH})"
    rf"(?:,?\s+(?P<y2>{_YEAR}))?"
    rf"|(?P<m3>{_MONTH})\s+(?P<y3>{_YEAR})"
    rf"|(?<![/.\-])(?P<iy>{_YEAR})-(?P<im>\d{{2}})-(?P<id>\d{{2}})"
    rf"|(?<![/.\-])(?P<n1>\d{{1,2}})(?P<sep>[/.\-])(?P<n2>\d{{1,2}})(?P=sep)(?P<ny>{_YEAR}|\d{{2}}(?=\W|$))"
    rf")(?![\w/]|[.\-]\d)"
)
_NUMERIC_HINT_RE = re.compile(r"\d[/.\-]\d{1,2}[/.\-]\d")
_MONTH_HINTS = tuple(_MONTHS)
#: Between a range's two dates, each perhaps after its day of the week ("Tuesday, September 15 through Thursday,
#: September 17").
_GAP_RE = re.compile(rf"\s*(?:{DASH}|to|through|thru|until|till|and)\s*(?:{WEEKDAY}\s+)?")
_RANGE_START_RE = re.compile(r"\b(?:from|between)\s+$")
_ROLE_RE = re.compile(
    r"\b(?:(?P<until>through|thru|until|till|til|by|no\s+later\s+than|on\s+or\s+before|ends?(?:\s+on)?|ending(?:\s+on)?"
    r"|expires?(?:\s+on)?|valid\s+(?:through|until|till|thru)|runs\s+(?:through|until)|finish(?:es)?(?:\s+on)?)"
    r"|(?P<from>from|starting(?:\s+(?:on|from))?|beginning(?:\s+on)?|begins?(?:\s+on)?|starts?(?:\s+(?:on|from))?"
    r"|effective(?:\s+(?:on|from))?|as\s+of|commencing(?:\s+on)?|commences?(?:\s+on)?|on\s+or\s+after)"
    r"|(?P<before>before|prior\s+to)|(?P<after>after))"
    # a weekday before the date: "by Sunday, March 15"
    rf"(?:\s+(?:on\s+)?{WEEKDAY})?\s+$"
)

_Ymd = tuple[int | None, int, int | None]


def _month(raw: str) -> int | None:
    """The month number of a month name, which must be capitalised."""
    if not raw[:1].isupper():
        return None
    return _MONTHS.get(raw[:3].lower())


def _valid(y: int | None, m: int, d: int | None) -> bool:
    if not 1 <= m <= 12:
        return False
    if d is None:
        return True
    days = calendar.monthrange(y if y is not None else 2024, m)[1]
    return 1 <= d <= days


def _token(m: re.Match[str], region: str, text: str) -> list[_Ymd] | None:
    """One or two dates (a same-month range) for a token match on ``fold(text)``; ``None`` when invalid."""
    g = m.group

    def written(name: str) -> str:
        return text[m.start(name) : m.end(name)]

    if g("iy"):
        dates: list[_Ymd] = [(int(g("iy")), int(g("im")), int(g("id")))]
    elif g("ny"):
        a, b, y = int(g("n1")), int(g("n2")), int(g("ny"))
        y = y + 2000 if y < 100 else y
        month_first = region.upper() == "US"
        if (month_first and a > 12 >= b) or (not month_first and b > 12 >= a):
            month_first = not month_first
        dates = [(y, a, b) if month_first else (y, b, a)]
    elif g("m3"):
        mon = _month(written("m3"))
        if mon is None:
            return None
        dates = [(int(g("y3")), mon, None)]
    else:
        mon = _month(written("m1" if g("m1") else "m2"))
        if mon is None:
            return None
        year_text = g("y1") or g("y2")
        year = int(year_text) if year_text else None
        dates = [(year, mon, int(g("d1") or g("d2")))]
        end = g("e1") or g("e2")
        if end:
            dates.append((year, mon, int(end)))
    if not all(_valid(*d) for d in dates):
        return None
    return dates


def _render(date: _Ymd) -> str:
    """ISO text for a date: ``2026-12-01``, ``--12-01`` without a year, ``2026-12`` without a day."""
    y, m, d = date
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}" if y is not None else f"--{m:02d}-{d:02d}"


def _fill_years(start: _Ymd, end: _Ymd, year: int | None) -> tuple[_Ymd, _Ymd] | None:
    """Give a range's ends their years; ``None`` when the range runs backwards."""
    (ys, ms, ds), (ye, me, de) = start, end
    forward = (ms, ds or 0) <= (me, de or 0)
    if ys is None and ye is None and year is not None:
        ys, ye = year, year if forward else year + 1
    elif ys is None and ye is not None:
        ys = ye if forward else ye - 1
    elif ye is None and ys is not None:
        ye = ys if forward else ys + 1
    if ys is not None and ye is not None and (ys, ms, ds or 0) >= (ye, me, de or 0):
        return None
    if ys is None and ye is None and (ms, ds or 0) == (me, de or 0):
        return None
    return (ys, ms, ds), (ye, me, de)


_Token = tuple[int, int, list[_Ymd]]


def _merge_ranges(low: str, tokens: list[_Token]) -> list[_Token]:
    """Join "Nov 20 – Dec 1", "from X to Y" and "between X and Y" into one token with two dates."""
    out: list[_Token] = []
    for tok in tokens:
        if out and len(out[-1][2]) == 1 and len(tok[2]) == 1 and out[-1][2][0][2] and tok[2][0][2]:
            prev = out[-1]
            gap = _GAP_RE.fullmatch(low, prev[1], tok[0])
            lead = _RANGE_START_RE.search(low, max(0, prev[0] - 10), prev[0])
            is_and = gap is not None and gap.group().strip() == "and"
            if gap is not None and (not is_and or (lead is not None and lead.group().startswith("between"))):
                start = lead.start() if lead else prev[0]
                out[-1] = (start, tok[1], [prev[2][0], tok[2][0]])
                continue
        out.append(tok)
    return out


def extract_dates(text: str, region: str = "US", year: int | None = None, low: str | None = None) -> list[Fact]:
    """Every date or date range in ``text`` (see the module docstring)."""
    low = fold(text) if low is None else low
    has_numeric = ("/" in low or "-" in low or "." in low) and _NUMERIC_HINT_RE.search(low) is not None
    if not has_numeric and not any(w in low for w in _MONTH_HINTS):
        return []
    tokens: list[_Token] = []
    for m in _TOKEN_RE.finditer(low):
        got = _token(m, region, text)
        if got is not None:
            tokens.append((m.start(), m.end(), got))
    facts: list[Fact] = []
    for start, end, dates in _merge_ranges(low, tokens):
        if len(dates) == 2:
            filled = _fill_years(dates[0], dates[1], year)
            if filled is None:
                continue
            value, role = f"{_render(filled[0])}..{_render(filled[1])}", ""
        else:
            y, mo, d = dates[0]
            value = _render((year if y is None and d is not None and year is not None else y, mo, d))
            pre = _ROLE_RE.search(low, max(0, start - 30), start)
            role = next((k for k in ("until", "from", "before", "after") if pre and pre.group(k)), "")
            if pre and role:
                start = pre.start()
        facts.append(make_fact("date", value, text, start, end, "", role))
    return facts


__all__ = ["MONTH_NAME", "WEEKDAY", "extract_dates"]
