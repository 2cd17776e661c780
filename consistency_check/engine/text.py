"""Sentence and clause boundaries, computed as character spans of the original text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from consistency_check.model import Fact

_ABBREV = re.compile(
    r"\b(?:a\.m|p\.m|e\.g|i\.e|etc|approx|vs|no|nos|dept|st|mr|mrs|ms|dr|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|u\.s|inc|ltd|co)\.$",
    re.IGNORECASE,
)
_TITLE_ABBREV = re.compile(r"\b(?:e\.g|i\.e|vs|no|nos|mr|mrs|ms|dr|st|approx)\.$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([A-Z][a-z]+)")
_CALENDAR = {
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
}
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s+|$)|\n+")
#: A script's cue before the words to say: a condition or an instruction, then a colon and a quotation
#: ('If a customer asks when to come back: "…"', 'Tell them: "…"'); a label before a quotation ("Golden Years: "…"") is no cue.
_LEAD_IN = re.compile(
    r"[\W_]*(?:if|when|whenever|once|after|before|say|tell|ask|explain|answer|reply|respond)\b[^:\"“\n]*:\s*(?=[\"“])",
    re.IGNORECASE,
)
# Strong clause boundaries: a value after one of these belongs to a new clause.
_CLAUSE_BREAK = re.compile(
    r";|\s[–—]\s|\s-\s|,\s*(?=(?:and|but|while|whereas|or|except|excluding|unless|though|although|however|otherwise|plus)\b)"
    r"|\s(?=(?:but|whereas|while|except|excluding|unless|although|though|however|otherwise)\b)|\(|\)"
    # "and we'll email you a label": a conjunction and a subject pronoun start an independent clause.
    r"|\s(?=(?:and|so)\s+(?:we|you|they|i)(?:['’](?:ll|re|ve|d))?\s)"
    # A chat answer's emoji before the next words ends a clause ("… until March 16 🌷 Travel between …").
    r"|(?<=\s)[\u2600-\u27bf\U0001f300-\U0001faff][\ufe0f\u2600-\u27bf\U0001f300-\U0001faff]*(?=\s+[^\W\d_])",
    re.IGNORECASE,
)

# A short aside in parentheses giving a figure for the word before it, the sentence going on after it
# ("seniors (62+) save 10%", "Group block (10+ rooms) | 30 days"), qualifies that word: it does not end
# the clause. (An acronym, "the Loan (FFEL) Program", is left a clause of its own as before.)
_SHORT_ASIDE = re.compile(r"(?<=\w)\s*\((?=[^()]*\d)[^()\s]+(?:\s[^()\s]+)?\)(?=\s+\w)")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of ``text``."""
    return list(_sentences(text))


@lru_cache(maxsize=1 << 16)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    # Several stages split the same texts (claims, yes/no pairs): once is enough.
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if m.group(0)[0] == "." and _ABBREV.search(text[max(0, m.start() - 8) : m.start() + 1]):
            nxt = _NEXT_WORD.match(text, end)
            if (
                not nxt
                or _TITLE_ABBREV.search(text[max(0, m.start() - 5) : m.start() + 1])
                or nxt.group(1).lower()[:3] in _CALENDAR
            ):
                continue
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return tuple(spans)


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans inside the sentence ``text[start:end]`` (parentheses are clauses of their own)."""
    return list(_clauses(text, start, end))


@lru_cache(maxsize=1 << 16)
def _clauses(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    pos = start
    lead = _LEAD_IN.match(text, start, end)
    if lead and not any(ch.isdigit() for ch in lead.group(0)):
        pos = lead.end()  # 'If a customer asks when to come back: "We're open …"': a stage direction, not the statement
    asides = [(m.start(), m.end()) for m in _SHORT_ASIDE.finditer(text, pos, end)]
    for m in _CLAUSE_BREAK.finditer(text, pos, end):
        if any(a <= m.start() < b for a, b in asides):
            continue
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end() if m.group(0) not in ("(",) else m.start() + 1
    if pos < end:
        spans.append((pos, end))
    return tuple(s for s in spans if text[s[0] : s[1]].strip()) or ((start, end),)


def comma_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Comma-separated parts of a clause (used to find the phrase closest to a value)."""
    parts = []
    pos = start
    for m in re.finditer(r",\s", text[start:end]):
        parts.append((pos, start + m.start()))
        pos = start + m.end()
    parts.append((pos, end))
    return parts


def span_containing(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The span that contains ``offset`` (or the last one starting before it)."""
    best = spans[0]
    for span in spans:
        if span[0] <= offset:
            best = span
        if span[0] <= offset < span[1]:
            return span
    return best


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_CONJ = re.compile(r"\b(?:or|and|but|plus|while|with)\b", re.IGNORECASE)


def value_segment(
    text: str, facts: Iterable[Fact], span: tuple[int, int], kind: str, clause: tuple[int, int]
) -> tuple[int, int]:
    """The part of ``clause`` that belongs to the value at ``span``.

    Other values of the same kind split the clause: words between two values
    go to the nearer one, or are split at a conjunction ("a balance of $1,000
    or direct deposits of $500"). A value of another kind shares the clause
    ("orders over $50 ship within 5 days") unless a coordinating conjunction
    starts another predicate between them ("earn 2 points per $1 and get 10% off").
    """
    start, end = span
    lo, hi = clause
    for fact in facts:
        if fact.span == span or not clause[0] <= fact.span[0] < clause[1]:
            continue
        if fact.kind != kind:
            if fact.span[1] <= start:
                lo = max(lo, _coordinated(text, fact.span[1], start, lo, after=True))
            elif fact.span[0] >= end:
                hi = min(hi, _coordinated(text, end, fact.span[0], hi))
            continue
        if fact.span[1] <= start:
            lo = max(lo, _split(text, fact.span[1], start))
        elif fact.span[0] >= end:
            hi = min(hi, _split(text, end, fact.span[0]))
    return lo, hi


_COORDINATION = re.compile(r",?\s+(?:and|but|while|whereas)\s+|;\s*", re.IGNORECASE)


def _coordinated(text: str, a: int, b: int, default: int, *, after: bool = False) -> int:
    """Where a conjunction in the gap ``text[a:b]`` between two values of different kinds starts a new predicate (else ``default``).

    ``after``: the position just past the conjunction (the clause to its right is kept).
    """
    m = _COORDINATION.search(text, a, b)
    if m is None:
        return default
    return m.end() if after else m.start()


def _split(text: str, a: int, b: int) -> int:
    """Where the gap ``text[a:b]`` between two values divides (at a comma, else a conjunction, else the middle)."""
    comma = text.find(",", a, b)
    if comma >= 0:
        return comma + 1
    conj = list(_CONJ.finditer(text, a, b))
    if conj:
        return conj[0].start()
    mid = (a + b) // 2
    while a < mid < b and not text[mid].isspace():
        mid += 1
    return mid
