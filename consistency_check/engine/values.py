"""When two canonical values of one kind state the same thing although they are written differently.

Both engines ask it: the classic engine of the values each statement of a group gives
(:func:`~consistency_check.engine.compare.disagree`), the linkage engine of the two sides of a link
(:func:`~consistency_check.engine.linkage.conflict`). A range agrees with either of its ends ("from $29.99 to
$32.99" and "$32.99", "1-2 days" and "1 day"); a date written without its year is the same day with it
("August 20" and "August 20, 2026", "June 16 to August 20" and "June 16 – August 20, 2026").
"""

from __future__ import annotations

import functools
import math
import re

from consistency_check.facts.durations import days_of

#: A canonical range: "5-7 business days", "10-20%", "$10.00-$250.00", "£10.00-£250.00", "CAD 10.00-CAD 250.00".
_RANGE = re.compile(
    r"^(?P<pre>[$€£¥]?|[A-Z]{3} )(?P<lo>[\d.,]+)(?P<unit1>%?)-(?:[$€£¥]|[A-Z]{3} )?(?P<hi>[\d.,]+)(?P<rest>.*)$"
)
#: Kinds whose canonical values may be ranges (``"5-7 business days"``, ``"2026-06-01..2026-08-31"``).
RANGE_KINDS = frozenset({"date", "duration", "money", "percent"})


def range_ends(kind: str, value: str) -> tuple[str, ...]:
    """The two ends of a range value as single values of its kind ("5-7 business days": "5 business days",
    "7 business days"; "2026-06-01..2026-08-31": both dates), or the value alone."""
    if kind == "date" and ".." in value:
        return tuple(value.split("..", 1))
    m = _RANGE.match(value) if kind in RANGE_KINDS and kind != "date" else None
    if m is None:
        return (value,)
    rest = m.group("unit1") + m.group("rest")
    return tuple(m.group("pre") + n + _singular(n, rest) for n in (m.group("lo"), m.group("hi")))


def _singular(number: str, unit: str) -> str:
    """A range's unit as one end of it writes it: "1-2 days" has the ends "1 day" and "2 days"."""
    return unit[:-1] if number == "1" and unit.endswith("s") and unit[:1] == " " else unit


def same_date(a: str, b: str) -> bool:
    """Two canonical dates are one when they are equal, or one is written without its year ("--08-20") and they
    fall on the same day of the year."""
    return a == b or ((a.startswith("--") or b.startswith("--")) and a[-5:] == b[-5:])


def agree(kind: str, a: str, b: str) -> bool:
    """Whether two canonical values of ``kind`` state the same thing: equal, one range's ends each the same as
    the other's, or one value an end of the other (a range)."""
    if a == b:
        return True
    if kind == "url":
        return _site_and_page(a, b) or _site_and_page(b, a)
    if kind == "duration" and (_working_days(a, b) or _working_days(b, a)):
        return True
    if kind not in RANGE_KINDS:
        return False
    same = same_date if kind == "date" else str.__eq__
    ends_a, ends_b = range_ends(kind, a), range_ends(kind, b)
    if len(ends_a) != len(ends_b):
        return any(same(x, y) for x in ends_a for y in ends_b)
    return all(same(x, y) for x, y in zip(ends_a, ends_b, strict=True))


_BUSINESS_DAYS = re.compile(r"(\d+) business days?")
_CALENDAR = re.compile(r"\d+ (?:days?|weeks?)")


def _working_days(a: str, b: str) -> bool:
    """Whether ``a``, a number of business days, and ``b``, of calendar days or weeks, are one length said two ways:
    the same number ("2 business days" and "2-day shipping") or its whole weeks ("10 business days" and "two
    weeks")."""
    working = _BUSINESS_DAYS.fullmatch(a)
    if working is None or _CALENDAR.fullmatch(b) is None:
        return False
    length, working_length = days_of(b), days_of(a)
    return length is not None and working_length is not None and length[0] in (int(working.group(1)), working_length[0])


#: Kinds whose values are amounts: how far apart two of them are says something of whether they are one fact.
AMOUNT_KINDS = frozenset({"count", "duration", "money", "percent", "rate"})
_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?")


@functools.lru_cache(maxsize=4096)
def amount(kind: str, value: str) -> tuple[float, float] | None:
    """The least and greatest amount a canonical value of an amount kind states (a length in days), or ``None``
    when it states none: "$49.00" (49, 49), "3-5 business days" (4.2, 7), "2 points per $1.00" (2, 2)."""
    if kind not in AMOUNT_KINDS:
        return None
    if kind == "duration":
        return days_of(value)
    numbers = [float(n.replace(",", "")) for n in _AMOUNT.findall(value.split(" per ")[0])]
    return (min(numbers), max(numbers)) if numbers else None


def ratio(kind: str, a: str, b: str) -> float | None:
    """How many times the greater of two amounts is the lesser (1.0 when two ranges overlap; ``math.inf`` when
    one is nothing and the other something), or ``None`` when either states no amount."""
    x, y = amount(kind, a), amount(kind, b)
    if x is None or y is None:
        return None
    low, high = (x, y) if x[1] <= y[1] else (y, x)
    if high[0] <= low[1]:
        return 1.0
    return high[0] / low[1] if low[1] > 0 else math.inf


def _site_and_page(site: str, page: str) -> bool:
    """Whether ``site`` is a whole web site and ``page`` a page of it ("example.com" and "example.com/help"): "our
    website, example.com, under Help" and the help page's address say one thing."""
    return "/" not in site and page.startswith(site + "/")


__all__ = ["AMOUNT_KINDS", "RANGE_KINDS", "agree", "amount", "range_ends", "ratio", "same_date"]
