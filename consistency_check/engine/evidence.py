"""The comparison vector of two mentions: field by field, how alike they are; of their values only how far apart
two amounts are (several times one another: seldom one fact gone out of date), never whether they agree.

Each field is compared into one of a few levels (``"q:hi"``: the two questions
share most of their weighted words). A level is a piece of evidence with a
weight (see :class:`~consistency_check.engine.linkage.Model`); their sum is the
log-odds that two mentions with different values state the same fact. Levels
are named so that a finding can say why its sides were judged to be about one thing.

What the corpus itself teaches (:class:`CorpusStats`) is counted, never listed
by hand: how many mentions use each word (rare words say more), and which words
tell apart the values that sit side by side in one section (the rows of a table,
the items of a list: "Learner's permit" and "Duplicate licence", "Gold" and
"Platinum"), so that the same words tell two mentions elsewhere apart. Both are
sums over sections, so they add up over files and can be taken apart again
(:meth:`CorpusStats.add`, :meth:`CorpusStats.remove`).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import repeat

from consistency_check.engine.address import ADDRESS_KINDS, kin
from consistency_check.engine.compare import BOUNDED_KINDS, BOUNDS, role_class
from consistency_check.engine.mention import Mention
from consistency_check.engine.values import ratio

#: A mention's terms: a set, or a sorted tuple where a corpus keeps one for nearly every statement.
Terms = frozenset[str] | tuple[str, ...]

#: Words one side of a sibling pair says and the other does not, at most, for them to be a contrast.
CONTRAST_WORDS = 3


#: The fewest mentions a corpus's word weights are worked out over: in a corpus of a few statements every word is
#: in most of them and would weigh nearly nothing, so that a sentence restated word for word with another value
#: would count as sharing little (the weights of a corpus of 50 mentions or more are its own).
FEWEST_MENTIONS = 50


@dataclass
class CorpusStats:
    """Counts the comparison learns from the corpus: term use, and the contrasts between sibling values."""

    df: Counter[str] = field(default_factory=Counter)
    total: int = 0
    contrasts: Counter[tuple[str, str]] = field(default_factory=Counter)
    _idf: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    _sums: dict[Terms, float] = field(default_factory=dict, repr=False, compare=False)
    #: The weight of a term no mention files under (0: the weights are not worked out yet).
    _unseen: float = field(default=0.0, repr=False, compare=False)

    def add(self, mentions: Iterable[Mention], sign: int = 1) -> None:
        """Count ``mentions`` in (``sign=-1``: out); the contrasts are counted per section."""
        self._idf.clear()
        self._sums.clear()
        self._unseen = 0.0  # weights are worked out again on first use
        sections: dict[tuple[object, ...], list[Mention]] = defaultdict(list)
        for m in mentions:
            for term in m.local | m.question:
                self.df[term] += sign
            self.total += sign
            sections[(m.section, m.key)].append(m)
        for members in sections.values():
            for pair in sibling_contrasts(members):
                self.contrasts[pair] += sign
        if sign < 0:
            self.df += Counter()  # drop what no mention uses any more
            self.contrasts += Counter()

    def remove(self, mentions: Iterable[Mention]) -> None:
        """Count ``mentions`` out (the inverse of :meth:`add`)."""
        self.add(mentions, -1)

    def idf(self, term: str) -> float:
        """The weight of ``term``: rare words say more about what a value is about."""
        if not self._unseen:
            self._fill()
        return self._idf.get(term, self._unseen)

    def weight(self, terms: Iterable[str]) -> float:
        """The summed weight of ``terms`` (a term no mention files under weighs as a term used once)."""
        if not self._unseen:
            self._fill()
        return sum(map(self._idf.get, terms, repeat(self._unseen)))

    def _fill(self) -> None:
        """Every counted term's weight, worked out at once (the comparison sums them hundreds of thousands of
        times); a term no mention files under weighs as one used once."""
        total = max(self.total, FEWEST_MENTIONS)
        self._idf.update((term, math.log(1 + total / max(n, 1))) for term, n in self.df.items())
        self._unseen = math.log(1 + total)

    def rarity(self, term: str) -> tuple[int, str]:
        """A sort key putting the rarest terms first (ties by the term)."""
        return (self.df.get(term, 0), term)

    def total_weight(self, terms: Terms) -> float:
        """The summed weight of a mention's term set, worked out once per set (a set is compared many times)."""
        known = self._sums.get(terms)
        if known is None:
            known = self._sums[terms] = self.weight(terms)
        return known


def sibling_contrasts(members: list[Mention]) -> Iterator[tuple[str, str]]:
    """Word pairs telling apart two values of one section that differ: the words each says and the other does not."""
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if a.value == b.value:
                continue
            only_a, only_b = a.local - b.local, b.local - a.local
            if 0 < len(only_a) <= CONTRAST_WORDS and 0 < len(only_b) <= CONTRAST_WORDS:
                for x in only_a:
                    for y in only_b:
                        yield (x, y) if x < y else (y, x)


def jaccard(a: Terms, b: Terms, stats: CorpusStats) -> float:
    """Weighted Jaccard similarity of two term sets (0 when either is empty); a sorted tuple of terms is a set too."""
    if not a or not b:
        return 0.0
    shared = (a if type(a) is frozenset else frozenset(a)).intersection(b)
    if not shared:
        return 0.0
    inter = stats.weight(shared)
    return inter / max(stats.total_weight(a) + stats.total_weight(b) - inter, 1e-9)


#: The levels of a similarity, from the most alike.
_CUTS = ((0.999, "same"), (0.6, "hi"), (0.35, "mid"), (0.15, "lo"), (1e-9, "weak"))


def _level(value: float) -> str:
    for cut, name in _CUTS:
        if value >= cut:
            return name
    return "diff"


def _grades(field: str) -> tuple[str, ...]:
    """A field's levels, from the most alike to the least ("q:same" ... "q:diff"), each string made once: the
    comparison names hundreds of thousands of levels, and a vector of shared strings is smaller."""
    return tuple(f"{field}:{name}" for _, name in _CUTS) + (f"{field}:diff",)


_Q, _LOC, _SENT, _STMT = _grades("q"), _grades("loc"), _grades("sent"), _grades("stmt")
_RANKS = tuple(enumerate(cut for cut, _ in _CUTS))


def _graded(a: Terms, b: Terms, stats: CorpusStats, grades: tuple[str, ...]) -> str:
    """The level of :func:`jaccard` of ``a`` and ``b`` among a field's ``grades`` (:func:`_grades`)."""
    value = jaccard(a, b, stats)
    for rank, cut in _RANKS:
        if value >= cut:
            return grades[rank]
    return grades[-1]


#: Weight of the words one side says about its value and the other never uses, above which they name something else.
OWN_WORDS = 3.0


def compare(a: Mention, b: Mention, stats: CorpusStats) -> tuple[str, ...]:
    """The comparison vector of two mentions of one key: one level per field."""
    q = "q:none" if not a.question or not b.question else _graded(a.question, b.question, stats, _Q)
    loc = "loc:empty" if not a.local or not b.local else _graded(a.local, b.local, stats, _LOC)
    sent = _graded(a.sentence, b.sentence, stats, _SENT)
    whole = _graded(a.statement, b.statement, stats, _STMT)
    if not a.near or not b.near:
        near = "near:empty"
    else:
        shared = len(a.near & b.near)
        near = "near:2" if shared >= 2 else "near:1" if shared else "near:0"
    # What each says of its value that the other never does (in its sentence or question).
    only_a, only_b = a.local.difference(b.sentence, b.question), b.local.difference(a.sentence, a.question)
    own_a, own_b = stats.weight(only_a), stats.weight(only_b)
    if own_a > OWN_WORDS and own_b > OWN_WORDS:
        diff = "diff:both"
    elif max(own_a, own_b) > OWN_WORDS:
        diff = "diff:one"
    else:
        diff = "diff:none"
    return (
        "kind:" + a.kind,
        q,
        loc,
        sent,
        whole,
        near,
        diff,
        _contrast(only_a, only_b, stats),
        _qualifiers(a.quals, b.quals, "qual"),
        _qualifiers(a.heading_quals, b.heading_quals, "hqual"),
        _names(a, b),
        _place(a, b),
        _table(a, b),
        _rule(a, b),
        "ex:yes" if a.example or b.example or a.changed or b.changed else "ex:no",
        "sib:yes" if a.siblings or b.siblings else "sib:no",
        _co(a, b),
        _address(a, b),
        _shared(a, b, stats),
        _magnitude(a, b),
        _bounds(a, b),
        _theme(a, b),
        _scope(a, b),
    )


def _scope(a: Mention, b: Mention) -> str:
    """Whether a yes and a no each bound what they say by a condition or an amount of their own (``scope:both``:
    "refundable within 30 days" and "no refund after 30 days" are one rule's two sides), one does, or neither."""
    if a.kind != "yesno":
        return "scope:na"
    if a.scoped and b.scoped:
        return "scope:both"
    return "scope:one" if a.scoped or b.scoped else "scope:none"


def _theme(a: Mention, b: Mention) -> str:
    """Whether two yes/no clauses say their yes and no of one thing (:func:`~.mention.theme`): a word of both
    themes (``theme:same``), each theme met in the other's words (``theme:both``), one (``theme:one``) or neither
    (``theme:none``). A yes and a no contradict when they are said of one thing, not merely with one verb."""
    if a.kind != "yesno":
        return "theme:na"
    if a.theme & b.theme:
        return "theme:same"
    in_b = not a.theme.isdisjoint(b.local) or not a.theme.isdisjoint(b.question)
    in_a = not b.theme.isdisjoint(a.local) or not b.theme.isdisjoint(a.question)
    if in_a and in_b:
        return "theme:both"
    return "theme:one" if in_a or in_b else "theme:none"


def _bounds(a: Mention, b: Mention) -> str:
    """Whether two durations, counts or dates bound their values alike: ``role:same``; ``role:apart`` (a least
    against a most, a start against an end: "at least 2 players" and "up to 8 players" are two limits of one thing);
    ``role:one`` (one is a bound, the other not: "at least 60 days' notice" and "30 days' notice" state one fact);
    ``role:na`` for other kinds."""
    if a.kind not in BOUNDED_KINDS:
        return "role:na"
    ra, rb = role_class(a.kind, a.claim.role), role_class(b.kind, b.claim.role)  # "within 30 days" is "30 days"
    if ra == rb:
        return "role:same"
    return "role:apart" if ra in BOUNDS and rb in BOUNDS else "role:one"


#: How many times one amount must be the other (:func:`~consistency_check.engine.values.ratio`) for the two to be
#: far apart: a value that went out of date is seldom several times the one that replaced it ("$45" and "$40",
#: "48 hours" and "7 days"), two different facts often are ("2-hour arrival windows" and "the next three weeks",
#: "$79 delivery" and "free on orders of $1,500"). Nearer than that says nothing either way: two prices of one
#: table are as near as a price and its stale copy.
APART = 5.0


_LEADING = re.compile(r"(\d+)\b")
#: The kinds whose amounts a sentence multiplies by a number it gives ("two people pay £170 between them", "four
#: guests pay £180 in total").
TIMES_KINDS = frozenset({"money"})


def _times_stated(a: Mention, b: Mention, times: float) -> bool:
    """Whether one amount is a whole number of times the other and either sentence gives that number (a count or a
    duration: "Two people on a half-day class pay £170 between them" against £85 a person): a total worked out,
    not a second value of one fact."""
    if a.kind not in TIMES_KINDS or math.isinf(times) or abs(times - round(times)) > 0.01:
        return False
    k = str(round(times))
    for m in (a, b):
        for kind, value in m.others:
            if kind in ("count", "duration") and (n := _LEADING.match(value)) is not None and n.group(1) == k:
                return True
    return False


def _magnitude(a: Mention, b: Mention) -> str:
    """Whether the two amounts are far apart ("mag:apart"), one of them is nothing ("mag:zero": "free" and "$5"),
    one is the other times a number either sentence gives ("mag:times": a total worked out), or neither ("mag:na",
    also when they are not amounts).

    Of two weekly schedules: whether they agree on some day both give ("mag:someday": a schedule gone out of
    date keeps most of its days), differ on the days both give in more than one way ("mag:noday": weekdays and
    Saturdays both, as two places' or two services' schedules do), or in one way only ("mag:oneway": one day,
    or one closing time of the same days: "Sun closed" and "Sun 10:00-17:00", "Mon-Fri 9-5" and "Mon-Fri 9-6"). Two
    schedules with no day in common (which never conflict) get "mag:oneway" too, as the model was fitted: giving
    them "mag:na" and refitting moved nothing over the corpus."""
    if a.kind == "hours":
        days_a, days_b = dict(a.claim.parts), dict(b.claim.parts)
        ways = {(days_a[d], days_b[d]) for d in days_a if d in days_b and d != "*"}
        if any(x == y for x, y in ways):
            return "mag:someday"
        return "mag:noday" if len(ways) > 1 else "mag:oneway"
    times = ratio(a.kind, a.value, b.value)
    if times is None:
        return "mag:na"
    if times >= 2 and _times_stated(a, b, times):
        return "mag:times"
    if times <= APART:
        return "mag:na"
    return "mag:zero" if math.isinf(times) else "mag:apart"


#: Cuts of the summed weight of the words two mentions share about their values: how much they agree on, not
#: what share of what they say (a long sentence restated word for word says more than two matching labels).
SHARED_CUTS = ((14.0, "share:top"), (8.0, "share:hi"), (4.0, "share:mid"), (1e-9, "share:lo"))


def _shared(a: Mention, b: Mention, stats: CorpusStats) -> str:
    """The level of :data:`SHARED_CUTS` the words both mentions say of their values (own words and question) reach."""
    said = stats.weight((a.local | a.question) & (b.local | b.question))
    for cut, name in SHARED_CUTS:
        if said >= cut:
            return name
    return "share:none"


def _address(a: Mention, b: Mention) -> str:
    """Links and mailboxes are named for what they are for: are the two named for the same thing?"""
    if a.kind not in ADDRESS_KINDS:
        return "addr:na"
    # A heading both sit under names neither address: each must be named by what its own side says.
    common = a.question & b.question
    return "addr:kin" if kin(a.value, a.words - common, b.value, b.words - common, a.kind) else "addr:other"


def _contrast(only_a: frozenset[str], only_b: frozenset[str], stats: CorpusStats) -> str:
    """Whether the words that tell the two apart (``only_a``, ``only_b``) are words that tell sibling values
    apart elsewhere in the corpus."""
    if not only_a or not only_b or not stats.contrasts:
        return "contrast:no"
    for x in only_a:
        for y in only_b:
            if stats.contrasts.get((x, y) if x < y else (y, x), 0) > 0:
                return "contrast:yes"
    return "contrast:no"


def _qualifiers(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]], name: str) -> str:
    if not a and not b:
        return name + ":none"
    if a == b:
        return name + ":same"
    dims_b = {d for d, _ in b}
    if any(d in dims_b and (d, v) not in b for d, v in a):
        return name + ":conflict"
    return name + ":one"


def _names(a: Mention, b: Mention) -> str:
    if not a.names and not b.names:
        return "name:none"
    if a.names == b.names:
        return "name:same"
    if not a.names or not b.names:
        return "name:one"
    if a.names < b.names or b.names < a.names:
        return "name:subset"
    return "name:conflict"


def _place(a: Mention, b: Mention) -> str:
    if a.section == b.section:
        return "place:section"
    if a.path == b.path:
        return "place:doc"
    if a.channel == b.channel:
        return "place:channel"
    return "place:cross"


def _table(a: Mention, b: Mention) -> str:
    """Table rows are about what their first cells name: two rows naming different things are two things."""
    if a.row and b.row:
        if a.row_terms == b.row_terms:
            return "table:cols" if a.column and b.column and a.column != b.column else "table:same"
        return "table:partrow" if a.row_terms & b.row_terms else "table:rows"
    if a.row or b.row:
        row, other = (a, b) if a.row else (b, a)
        return "table:named" if row.row_terms and row.row_terms <= other.words | other.local else "table:one"
    return "table:none"


def _rule(a: Mention, b: Mention) -> str:
    if a.rule and b.rule:
        return "rule:same" if a.rule == b.rule else "rule:diff"
    return "rule:one" if a.rule or b.rule else "rule:none"


def _co(a: Mention, b: Mention) -> str:
    """Other facts of the two sentences: one stated in both says they are about one thing; differing ones, not."""
    if not a.others or not b.others:
        return "co:none"
    if a.others & b.others:
        return "co:agree"
    kinds_a = {k for k, _ in a.others}
    if any(k in kinds_a for k, _ in b.others):
        return "co:differ"
    return "co:none"
