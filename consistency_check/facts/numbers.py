"""Numbers as customers read them: numerals, number words and "thirty (30)".

The regex fragments here are shared by every numeric extractor so that
"thirty days", "thirty (30) days" and "30 days" are recognised by one grammar.
:func:`parse_number` turns any text the fragments match into its value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import lru_cache

NUMBER_WORDS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
"""Number words 0-90; compounds ("forty-five"), "hundred" and "dozen" are handled by :func:`parse_number`."""

ARTICLES: frozenset[str] = frozenset({"a", "an"})
"""Articles that mean one before a unit ("a week"), never a count on their own."""

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_BELOW_100 = rf"(?:(?:{_TENS})(?:[-\u2010\u2011 ](?:{_UNITS}))?|{_TEENS}|{_UNITS}|zero)"

WORD_NUMBER = (
    rf"\b(?:(?:{_UNITS}|a)\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?"
    rf"|{_BELOW_100}|(?:a\s+)?dozen)\b"
)
"""Regex fragment: a number written in words, zero to nine hundred ninety-nine, or "a dozen"."""

INTEGER = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?![.,]\d)"
"""Regex fragment: a whole numeral, with optional thousands commas ("1,000")."""

DECIMAL = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?![.,]\d)"
"""Regex fragment: a numeral with an optional decimal part ("1.5", "1,299.99")."""

NUMBER = rf"(?:{WORD_NUMBER}(?:\s*\(\s*{INTEGER}\s*\))?|{DECIMAL}(?:\s*\(\s*{WORD_NUMBER}\s*\))?)"
"""Regex fragment: a numeral or number word, optionally doubled in parentheses ("thirty (30)")."""

WHOLE_NUMBER = rf"(?:{WORD_NUMBER}(?:\s*\(\s*{INTEGER}\s*\))?|{INTEGER}(?:\s*\(\s*{WORD_NUMBER}\s*\))?)"
"""Regex fragment: like :data:`NUMBER` but whole numbers only."""

NO_SPLIT = rf"(?![-\u2010\u2011](?:{_UNITS})\b)"
"""Regex fragment, after a number: the number is not the first half of a compound ("forty-five")."""

LEFT = r"(?<![\w$€£¥₹#@/:.+\-\u2010\u2011\u2012\u2013\u2014\u2212])(?<!\d,)"
"""Regex fragment: a number must not continue a word, code, amount or path."""

_START_RE = re.compile(LEFT + rf"(?=\d|(?:{_TENS}|{_TEENS}|{_UNITS}|zero|an?|half|dozen)\b)")
_PAREN_RE = re.compile(r"(.+?)\s*\(\s*(.+?)\s*\)")
_DIGITS_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_SPLIT_RE = re.compile(r"[\s\-\u2010\u2011]+")


def parse_number(text: str) -> float | None:
    """The value of a numeral or number word ("30", "1,299.99", "forty-five", "a dozen", "thirty (30)").

    Articles ("a", "an") are one, "half" is 0.5. A doubled form whose two
    halves disagree ("thirty (31)") is ``None``, as is anything unparseable.
    """
    s = text.strip().replace("\u00a0", " ").lower()
    if not s:
        return None
    paren = _PAREN_RE.fullmatch(s)
    if paren:
        outer, inner = parse_number(paren.group(1)), parse_number(paren.group(2))
        return outer if outer is not None and outer == inner else None
    if _DIGITS_RE.fullmatch(s):
        try:
            value = float(s.replace(",", ""))
        except ValueError:  # pragma: no cover - the regex admits only numerals
            return None
        return value if math.isfinite(value) else None  # a numeral of hundreds of digits is no quantity
    return _parse_words(s)


def _parse_words(s: str) -> float | None:
    tokens = [t for t in _SPLIT_RE.split(s) if t]
    if not tokens:
        return None
    if tokens in (["a"], ["an"]):
        return 1.0
    if tokens in (["half"], ["a", "half"]):
        return 0.5
    if tokens[-1] == "dozen":
        head = tokens[:-1]
        if head in ([], ["a"]):
            return 12.0
        mult = _parse_words(" ".join(head))
        return None if mult is None else mult * 12
    total = 0
    if "hundred" in tokens:
        i = tokens.index("hundred")
        head = tokens[:i]
        if head == ["a"]:
            hundreds = 1
        elif len(head) == 1 and head[0] in NUMBER_WORDS and 1 <= NUMBER_WORDS[head[0]] <= 9:
            hundreds = NUMBER_WORDS[head[0]]
        else:
            return None
        total = hundreds * 100
        tokens = tokens[i + 1 :]
        if tokens and tokens[0] == "and":
            tokens = tokens[1:]
        if not tokens:
            return float(total)
    below = _below_hundred(tokens)
    return None if below is None else float(total + below)


def _below_hundred(tokens: list[str]) -> int | None:
    if len(tokens) == 1:
        return NUMBER_WORDS.get(tokens[0])
    if len(tokens) == 2:
        tens, unit = NUMBER_WORDS.get(tokens[0]), NUMBER_WORDS.get(tokens[1])
        if tens is not None and unit is not None and tens >= 20 and tens % 10 == 0 and 1 <= unit <= 9:
            return tens + unit
    return None


@lru_cache(maxsize=32)
def number_starts(low: str) -> tuple[int, ...]:
    """Offsets where a numeral, number word, article or "half" starts in lowercase ``low``."""
    return tuple(m.start() for m in _START_RE.finditer(low))


QUALIFIER_ENDS: frozenset[str] = frozenset(
    {
        "within",
        "under",
        "than",
        "to",
        "most",
        "of",
        "maximum",
        "max",
        "least",
        "minimum",
        "min",
        "over",
        "between",
        "above",
        "below",
        "limit",
    }
)
"""Last words of the qualifiers extractors look for before a number ("up to", "more than", "a maximum of")."""


def _qualifier_starts(low: str, p: int) -> tuple[list[int], int]:
    """Starts of the up to four words before offset ``p`` (farthest first) and where the last ends.

    Empty when the last word cannot end a qualifier.
    """
    lo = max(0, p - 40)
    window = low[lo:p]
    words = window.split()
    if not words or words[-1].rstrip(".") not in QUALIFIER_ENDS:
        return [], p
    starts: list[int] = []
    pos = len(window)
    for word in reversed(words[-4:]):
        pos = window.rfind(word, 0, pos)
        starts.append(lo + pos)
    starts.reverse()
    return starts, lo + len(window.rstrip())


def match_numbers(
    pattern: re.Pattern[str], low: str, qualifier: re.Pattern[str] | None = None
) -> Iterator[re.Match[str]]:
    """Non-overlapping matches of ``pattern`` that start at a number, or at a qualifier right before one.

    Matching only at these few offsets is much faster than scanning every
    offset with ``finditer``. ``qualifier`` must fully match the one to four
    words before the number for ``pattern`` (which accepts the qualifier as an
    optional prefix) to be tried from there.
    """
    done = -1
    for p in number_starts(low):
        if p < done:
            continue
        m = None
        if qualifier is not None:
            starts, end = _qualifier_starts(low, p)
            if starts:
                for q in starts:
                    if q >= done and qualifier.fullmatch(low, q, end):
                        m = pattern.match(low, q)
                        break
        if m is None:
            m = pattern.match(low, p)
        if m is not None and m.end() > m.start():
            done = m.end()
            yield m


def format_number(value: float) -> str:
    """A number as canonical text: no trailing zeros, no thousands separators ("12.5", "15", "1000")."""
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


__all__ = [
    "ARTICLES",
    "DECIMAL",
    "INTEGER",
    "LEFT",
    "NO_SPLIT",
    "NUMBER",
    "NUMBER_WORDS",
    "WHOLE_NUMBER",
    "WORD_NUMBER",
    "format_number",
    "match_numbers",
    "number_starts",
    "parse_number",
]
