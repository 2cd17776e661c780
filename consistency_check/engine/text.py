"""Sentence and clause boundaries, computed as character spans of the original text."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

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
#: ('If a customer asks when to come back: "…"', 'Tell them: "…"'); a label before a quotation
#: ("Golden Years: "…"") is no cue.
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

#: Up to this many values in a clause, each value's part is found by comparing it with every other
#: value of the clause (:func:`_segment_scan`, the rule as written). A clause of more values (a pasted
#: price list, a line of hundreds of figures) is indexed once (:class:`_ClauseValues`), which gives the
#: same parts in time near-linear in the clause's length: a value's part no longer rescans the clause
#: for every other value.
FEW_VALUES = 12


def value_segment(
    text: str, facts: Iterable[Fact], span: tuple[int, int], kind: str, clause: tuple[int, int]
) -> tuple[int, int]:
    """The part of ``clause`` that belongs to the value at ``span``.

    Other values of the same kind split the clause: words between two
    values go to the nearer one, or are split at a conjunction ("a balance of
    $1,000 or direct deposits of $500"). A value of another kind shares the clause
    ("orders over $50 ship within 5 days") unless a coordinating conjunction
    starts another predicate between them ("earn 2 points per $1 and get 10% off").
    """
    if not isinstance(facts, tuple) or len(facts) <= FEW_VALUES:
        return _segment_scan(text, facts, span, kind, clause)
    values = _clause_values(text, facts, clause)
    if isinstance(values, tuple):
        return _segment_scan(text, values, span, kind, clause)
    return values.segment(span, kind, clause)


def _segment_scan(
    text: str, facts: Iterable[Fact], span: tuple[int, int], kind: str, clause: tuple[int, int]
) -> tuple[int, int]:
    """:func:`value_segment` by comparing the value with every other value of the clause."""
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


_COORDINATION_TEXT = r",?\s+(?:and|but|while|whereas)\s+|;\s*"
_COORDINATION = re.compile(_COORDINATION_TEXT, re.IGNORECASE)


def _coordinated(text: str, a: int, b: int, default: int, *, after: bool = False) -> int:
    """Where a conjunction in the gap ``text[a:b]`` between two values of different kinds starts a new predicate
    (else ``default``).

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
    conj = _CONJ.search(text, a, b)
    if conj:
        return conj.start()
    mid = (a + b) // 2
    while a < mid < b and not text[mid].isspace():
        mid += 1
    return mid


#: Where :data:`_COORDINATION` matches (the whole match in group 1), and the shortest text it needs
#: there: a search that must end before that point does not find it.
_COORDINATION_AT = re.compile(f"(?=({_COORDINATION_TEXT}))", re.IGNORECASE)
_COORDINATION_SHORTEST = re.compile(r",?\s+(?:and|but|while|whereas)\s|;", re.IGNORECASE)
_WORD_CHAR = re.compile(r"\w")
#: Values of the same kind written against the word before them ("…and5", never in prose) make the
#: next ones worth a look too (a conjunction may run into the value); at most this many are looked at.
_MAX_GLUED = 8
#: The indexed values of the statements asked about last, by the identity of their facts: a comparison asks
#: about two statements in turn (and a corpus's statements one after the other), so a few are kept.
_MEMO: dict[int, tuple[tuple[Fact, ...], str, list[Fact], list[int], dict[tuple[int, int], Any]]] = {}
_MEMO_SIZE = 16


def _clause_values(text: str, facts: tuple[Fact, ...], clause: tuple[int, int]) -> tuple[Fact, ...] | _ClauseValues:
    """The values of ``facts`` that start in ``clause``: as they are when few, else indexed.

    A statement's values are sorted once, and each clause's index made once, for the few statements asked
    about last (:data:`_MEMO_SIZE`): two statements compared are asked about in turn.
    """
    entry = _MEMO.get(id(facts))
    if entry is None or entry[0] is not facts or entry[1] is not text:
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        ordered = sorted(facts, key=lambda f: f.span[0])
        entry = _MEMO[id(facts)] = (facts, text, ordered, [f.span[0] for f in ordered], {})
    _, _, ordered, starts, clauses = entry
    found = clauses.get(clause)
    if found is None:
        inside = tuple(ordered[bisect_left(starts, clause[0]) : bisect_left(starts, clause[1])])
        few = len(inside) <= FEW_VALUES or any(f.span[0] >= f.span[1] for f in inside)
        found = clauses[clause] = inside if few else _ClauseValues(text, inside, clause)
    return found


class _ClauseValues:
    """The values of one clause, sorted, giving :func:`value_segment` what :func:`_segment_scan` gives.

    Of the values of the same kind, the nearest before a value (and the one before that, when only one
    character separates them) and the nearest after it decide its bounds: the gap to a farther value
    divides no later (before) or no earlier (after). Of the values of other kinds, the farthest one
    after it decides (a search through a longer gap finds a conjunction no later), and before it the
    nearest one with a conjunction between them. Tests compare the two functions on random text.
    """

    def __init__(self, text: str, facts: tuple[Fact, ...], clause: tuple[int, int]) -> None:
        """Index ``facts`` (the values starting in ``clause``) of ``text``."""
        self.text = text
        self.facts = facts
        by_kind: dict[str, tuple[list[int], list[int]]] = {}
        for fact in facts:
            ends, starts = by_kind.setdefault(fact.kind, ([], []))
            ends.append(fact.span[1])
            starts.append(fact.span[0])
        for ends, starts in by_kind.values():
            ends.sort()
            starts.sort()
        self.by_kind = by_kind
        self.reach = max(clause[1], max(f.span[1] for f in facts))
        # Every place a coordinating conjunction matches, with the end of its match and the least text it needs.
        self.coord: list[int] = []
        self.coord_end: list[int] = []
        self.coord_needs: list[int] = []
        for m in _COORDINATION_AT.finditer(text, clause[0]):
            if m.start() >= self.reach:
                break
            self.coord.append(m.start())
            self.coord_end.append(m.end(1))
            self.coord_needs.append(_COORDINATION_SHORTEST.match(text, m.start()).end())  # type: ignore[union-attr]

    def segment(self, span: tuple[int, int], kind: str, clause: tuple[int, int]) -> tuple[int, int]:
        """The part of ``clause`` that belongs to the value at ``span`` of kind ``kind``."""
        start, end = span
        if start >= end or not clause[0] <= start <= self.reach:
            return _segment_scan(self.text, self.facts, span, kind, clause)
        lo, hi = self._same_kind(start, end, kind, clause)
        before, after = -1, -1
        for other, (ends, starts) in self.by_kind.items():
            if other != kind:
                if starts[-1] >= end:
                    after = max(after, starts[-1])
                if ends[0] <= start:
                    before = max(before, ends[bisect_right(ends, start) - 1])
        if after >= 0:
            at = self._coordination(end, after)
            if at is not None:
                hi = min(hi, self.coord[at])
        if before >= 0:
            at = self._coordination_before(start, kind)
            if at is not None:
                lo = max(lo, min(self.coord_end[at], start))
        return lo, hi

    def _same_kind(self, start: int, end: int, kind: str, clause: tuple[int, int]) -> tuple[int, int]:
        """The bounds the values of the value's own kind set (:func:`_split` of the nearest gaps)."""
        lo, hi = clause
        text = self.text
        ends, starts = self.by_kind.get(kind, ([], []))
        i = bisect_right(ends, start)
        if i:
            nearest = ends[i - 1]
            lo = max(lo, _split(text, nearest, start))
            j = bisect_left(ends, nearest)
            if j:  # one character between two values may divide at the middle of a longer gap
                lo = max(lo, _split(text, ends[j - 1], start))
        k = bisect_left(starts, end)
        glued = 0
        while k < len(starts):
            b = starts[k]
            hi = min(hi, _split(text, end, b))
            if glued == _MAX_GLUED or not (_WORD_CHAR.match(text, b - 1) and _WORD_CHAR.match(text, b)):
                break
            glued += 1
            k = bisect_right(starts, b)
        return lo, hi

    def _coordination_before(self, start: int, kind: str) -> int | None:
        """The first conjunction after the nearest value of another kind with one between it and ``start``."""
        last = self._last_coordination(start)
        if last is None:
            return None
        farthest = -1
        for other, (ends, _) in self.by_kind.items():
            n = bisect_right(ends, self.coord[last])
            if other != kind and n:
                farthest = max(farthest, ends[n - 1])
        return self._coordination(farthest, start) if farthest >= 0 else None

    def _coordination(self, a: int, b: int) -> int | None:
        """The index of the first conjunction that ``_COORDINATION.search(text, a, b)`` finds."""
        i = bisect_left(self.coord, a)
        while i < len(self.coord) and self.coord[i] < b:
            if self.coord_needs[i] <= b:
                return i
            i += 1
        return None

    def _last_coordination(self, b: int) -> int | None:
        """The index of the last conjunction a search ending at ``b`` can find."""
        i = bisect_left(self.coord, b) - 1
        while i >= 0 and self.coord_needs[i] > b:
            i -= 1
        return i if i >= 0 else None
