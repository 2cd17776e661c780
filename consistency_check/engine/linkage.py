"""Linking mentions: candidate pairs by blocking, each scored from its comparison vector, grouped into findings.

1. **Blocking**: two mentions are a candidate pair when they share a key
   (kind, unit class, role class, language) and a term that is not too common
   (see :data:`MAX_BLOCK`), so the work grows with the corpus, not its square.
2. **Scoring**: the comparison vector (:func:`~consistency_check.engine.evidence.compare`)
   gives the log-odds that the two state one fact, summed from the weight of
   each level (:class:`Model`); its logistic is the probability a finding carries.
3. **Grouping**: mentions linked with at least :data:`LINK` probability form
   groups; two values of a group that a pair links directly with at least the
   reporting threshold are a contradiction, with every mention of either value
   in the group as a side.
"""

from __future__ import annotations

import dataclasses
import heapq
import json
import math
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from consistency_check.engine.address import numbered_apart
from consistency_check.engine.claims import Claim
from consistency_check.engine.compare import BOUNDS
from consistency_check.engine.evidence import CorpusStats, compare
from consistency_check.engine.mention import Mention
from consistency_check.engine.values import agree, range_ends, same_date
from consistency_check.model import Finding, Statement

#: Terms shared by more mentions of one key than this are too common to block on.
MAX_BLOCK = 150
#: How many of its rarest terms a mention is filed under for blocking. Four left a value in a long clause filed
#: under incidental words ("weekday", "come", "open" around "Maker, which at $89 per month"), never beside the
#: restatements of its fact: over 118 organisations, leave-one-out at 0.75, five found 23 more planted contradictions
#: with no more false findings (six and eight: 29 and 41 more, with 10 more false), at the same speed.
BLOCK_TERMS = 5
#: How many of the mentions sharing a block with it a mention is compared with: the closest by shared block terms.
NEIGHBOURS = 12
#: The same for a yes/no statement: the clauses stating one proposition share its rarest words, and a corpus holds
#: many yes/no clauses (41,813 beside 71,554 values at 100k statements: at twelve, 58% of the pairs). Over the 50
#: organisations, twelve find no more contradictions than four at any threshold (and one more false one at 0.7).
POLAR_NEIGHBOURS = 4
#: The weight of sharing a rule, in choosing a mention's closest neighbours (a rare term weighs its idf).
RULE_WEIGHT = 2.0
#: The weight of naming one day, for opening hours: the day is what two schedules are compared on, and a sentence
#: giving hours often has no other word ("On Sundays we're open 11 to 5.").
DAY_WEIGHT = 0.5
#: Probability of a link that joins two mentions into one group, and of one that joins two mentions of one value.
LINK = 0.5
LINK_SAME = 0.3
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class Model:
    """Weights of the evidence levels: log-odds that two mentions with different values state one fact.

    ``structure`` weighs, in a second pass, what the first pass's links say about
    the corpus around a pair (:func:`structure_levels`); ``None``: one pass only.
    """

    bias: float
    weights: Mapping[str, float]
    structure: Model | None = None
    #: Pairs of fields whose levels are also weighed together ("place:cross&q:same": the same question in two
    #: channels says more than in two answers of one section, where it is the same heading anyway).
    crosses: tuple[tuple[str, str], ...] = ()
    _memo: dict[tuple[str, ...], float] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def load(cls) -> Model:
        """The shipped model (``weights.json`` beside this module)."""
        other = os.environ.get("CONSISTENCY_CHECK_WEIGHTS")  # a model fitted without the corpus at hand (fit.py)
        if other:
            data = json.loads(Path(other).read_text("utf-8"))
        else:
            data = json.loads(resources.files("consistency_check.engine").joinpath("weights.json").read_text("utf-8"))
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Model:
        """A model from its JSON form: ``bias``, ``weights`` and optionally ``structure`` (the same form)."""
        weights = data["weights"]
        second = data.get("structure")
        crosses = data.get("crosses") or ()
        return cls(
            float(data["bias"]),
            {str(k): float(v) for k, v in weights.items()},
            cls.from_dict(second) if isinstance(second, Mapping) else None,
            tuple((str(a), str(b)) for a, b in crosses),
        )

    def levels(self, vector: tuple[str, ...]) -> tuple[str, ...]:
        """The evidence levels weighed for ``vector``: its own and those of the crossed fields."""
        return expand(vector, self.crosses)

    def logit(self, vector: tuple[str, ...]) -> float:
        """The log-odds of one comparison vector."""
        return self.bias + sum(self.weights.get(level, 0.0) for level in self.levels(vector))

    def probability(self, vector: tuple[str, ...]) -> float:
        """The probability that the two mentions state one fact (worked out once per distinct vector)."""
        known = self._memo.get(vector)
        if known is None:
            known = self._memo[vector] = 1.0 / (1.0 + math.exp(-self.logit(vector)))
        return known

    def forget(self) -> None:
        """Drop the probabilities worked out so far, and the vectors they are kept under (a run's scoring is done)."""
        self._memo.clear()
        if self.structure is not None:
            self.structure.forget()


#: Pairs of yes/no statements are weighed by levels of their own ("yesno|q:same"): whether two clauses say one
#: thing yes and no is told by other evidence than whether two values are one fact's, and fitting the two on
#: shared weights let the many yes/no pairs move every value's weights.
OWN_LEVELS = "yesno|"
_OWN_KINDS = frozenset({"kind:yesno"})


def expand(vector: tuple[str, ...], crosses: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The levels weighed for ``vector``: its own, with a joint level for each pair of crossed fields
    ("place:cross&q:same"), each a yes/no pair's own (:data:`OWN_LEVELS`)."""
    if crosses:
        by_field = {level.partition(":")[0]: level for level in vector}
        vector += tuple(by_field[a] + "&" + by_field[b] for a, b in crosses if a in by_field and b in by_field)
    if vector and vector[0] in _OWN_KINDS:
        return tuple(OWN_LEVELS + level for level in vector)
    return vector


def candidates(mentions: list[Mention], stats: CorpusStats) -> Iterator[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of mentions of one key: each mention with its closest neighbours.

    Each mention is filed under its :data:`BLOCK_TERMS` rarest terms (of its own words and question) and
    under its rule (opening hours also under each day they name, a shared day weighing :data:`DAY_WEIGHT` over
    the number of days the wider of the two names); a term that more than :data:`MAX_BLOCK` mentions are filed
    under is too common to block on. Of the mentions sharing a block with it, a mention is paired with the
    :data:`NEIGHBOURS` (a yes/no statement: :data:`POLAR_NEIGHBOURS`) that share the most weight of block terms
    with it (and with those that count it among theirs): the comparison costs a few pairs per mention however
    often a fact is restated, and the closest restatements of a fact are all the grouping needs. Two mentions of
    one statement are never a pair: a writer does not contradict a sentence away; nor are a least and a most ("at
    least 2 players", "up to 8 players"): two limits of one thing, never one value said twice.
    """
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        by_key[m.key].append(i)
    statement_of = [m.claim.statement for m in mentions]
    for key in sorted(by_key):
        members = by_key[key]
        filed, blocks, days = _file(mentions, members, stats, statement_of)
        weight = {term: _block_weight(term, stats) for term, block in blocks.items() if 2 <= len(block) <= MAX_BLOCK}
        bound = {i: BOUNDS[mentions[i].claim.role] for i in members if mentions[i].claim.role in BOUNDS}
        pairs: set[tuple[int, int]] = set()
        most = POLAR_NEIGHBOURS if key[0] == "yesno" else NEIGHBOURS
        of_statement: dict[int, list[int]] = defaultdict(list)  # each statement's mentions of this key
        for i in members:
            of_statement[id(statement_of[i])].append(i)
        for i in members:
            shared = _sharing(i, filed, blocks, weight, days)
            for j in of_statement[id(statement_of[i])]:  # itself, and the values of its own statement
                shared.pop(j, None)
            if bound.get(i):
                for j in [j for j in shared if bound.get(j, bound[i]) != bound[i]]:
                    shared.pop(j)
            near = heapq.nlargest(most, shared, key=shared.__getitem__) if len(shared) > most else shared
            pairs.update((i, j) if i < j else (j, i) for j in near)
        pairs.update(_page_restatements(mentions, members, pairs, statement_of))
        yield from sorted(pairs)


def _file(
    mentions: list[Mention], members: list[int], stats: CorpusStats, statement_of: list[Statement]
) -> tuple[dict[int, list[str]], dict[str, list[int]], dict[int, int]]:
    """The block terms each mention of one key is filed under, the mentions filed under each term, and how many
    days each opening hours names."""
    blocks: dict[str, list[int]] = defaultdict(list)
    filed: dict[int, list[str]] = {}
    days: dict[int, int] = {}
    words = {i: mentions[i].local | mentions[i].question for i in members}
    shared_by = _shared_terms(words, statement_of)
    for i in members:
        m = mentions[i]
        terms = sorted(words[i] & shared_by, key=stats.rarity)[:BLOCK_TERMS]
        if m.rule:
            terms.append("\0rule:" + m.rule)
        if m.kind == "hours":
            named = {"\0day:" + day for day, _ in m.claim.parts if day}
            days[i] = len(named)
            terms.extend(sorted(named))
        filed[i] = terms
        for term in terms:
            blocks[term].append(i)
    return filed, blocks, days


def _sharing(
    i: int,
    filed: dict[int, list[str]],
    blocks: dict[str, list[int]],
    weight: dict[str, float],
    days: dict[int, int],
) -> dict[int, float]:
    """The weight of block terms each mention shares with mention ``i``."""
    shared: dict[int, float] = {}
    get = shared.get
    for term in filed[i]:
        w = weight.get(term)
        if w is None:
            continue
        if term.startswith("\0day:"):  # the days two schedules share, of the most either names
            for j in blocks[term]:
                shared[j] = get(j, 0.0) + w / max(days[i], days[j])
        else:
            for j in blocks[term]:
                shared[j] = get(j, 0.0) + w
    return shared


def _block_weight(term: str, stats: CorpusStats) -> float:
    """What sharing a block term weighs in choosing a mention's neighbours: a day its own, a rule its own, a word
    its idf."""
    if term.startswith("\0day:"):
        return DAY_WEIGHT
    return RULE_WEIGHT if term.startswith("\0") else stats.idf(term)


#: Of the mentions of one page that give a value, how many a mention of that value elsewhere is also compared with.
PAGE_RESTATEMENTS = 2


def _page_restatements(
    mentions: list[Mention], members: list[int], pairs: set[tuple[int, int]], statement_of: list[Statement]
) -> Iterator[tuple[int, int]]:
    """For a pair whose values differ, the other side's value where the first side's page gives it too: a page that
    gives both values tells two things apart (two items of a list, two rows, an example beside the rule), and
    whether the other side matches that place at least as well says which of the two it is about."""
    in_section: dict[tuple[tuple[str, str, str], str], list[int]] = defaultdict(list)
    for i in members:
        in_section[(mentions[i].section, mentions[i].claim.value)].append(i)
    for i, j in list(pairs):
        a, b = mentions[i], mentions[j]
        if a.claim.value == b.claim.value or a.path == b.path:
            continue
        for mine, other in ((a, j), (b, i)):
            same = in_section.get((mine.section, mentions[other].claim.value), ())
            for c in same[:PAGE_RESTATEMENTS]:
                if statement_of[c] is not statement_of[other]:
                    yield (c, other) if c < other else (other, c)


def _shared_terms(words: dict[int, frozenset[str]], statement_of: list[Statement]) -> set[str]:
    """The terms (``words``: each mention's, by its index) that mentions of at least two statements use: a term
    only one statement uses blocks nothing, and filing under it would take the place of one that pairs."""
    first: dict[str, Statement] = {}
    shared: set[str] = set()
    for i, terms in words.items():
        stmt = statement_of[i]
        for term in terms:
            if first.setdefault(term, stmt) is not stmt:
                shared.add(term)
    return shared


def conflict(a: Mention, b: Mention) -> bool:
    """Whether two mentions' values disagree.

    Opening hours disagree on a day both give; a date written without its year is the same date with
    it; a period and a day said as neither its start nor its end are two things (a session's dates and its
    visiting day); a range agrees with either of its ends ("from $29.99 to $32.99" and "$32.99"); and a statement
    that also states the other value agrees with it (it gives both, for two things it tells apart), as a
    statement giving several values agrees in the classic engine (:func:`~.compare.disagree`).
    """
    if a.value == b.value:
        return False
    if a.kind == "hours":
        days_a, days_b = dict(a.claim.parts), dict(b.claim.parts)
        differ = [d for d in set(days_a) & set(days_b) if days_a[d] != days_b[d]]
        # Two windows of one day that never overlap are two things (the day rate's hours and the night
        # rate's, a morning session and an afternoon one), not one schedule written two ways; nor is one window
        # against a day of several that holds it whole (a table's morning session against "9 to 12:30 or 1:30 to 5").
        return any(_overlap(days_a[d], days_b[d]) and not _part_of(days_a[d], days_b[d]) for d in differ)
    va, vb = a.value, b.value
    if a.kind == "date" and (".." in va) != (".." in vb):
        day = b if ".." in va else a
        if day.claim.role not in ("until", "from"):
            return False  # "Session B: July 19 - August 1" and "Visiting Day: July 26"
    if a.kind == "url" and numbered_apart(va, vb):
        return False  # two issues, articles or videos of one site: two documents, not one page given two ways
    if (
        a.kind == "date"
        and ".." not in va + vb
        and not (_YEAR.search(a.claim.surface) and _YEAR.search(b.claim.surface))
    ):
        return va[-5:] != vb[-5:]  # "October 1" and "October 1, 2013" are one date
    if agree(a.kind, va, vb):  # a range and one of its ends; a range with and without its year
        return False
    return not (_states(a, b) or _states(b, a))


def _states(a: Mention, b: Mention) -> bool:
    """Whether ``a``'s statement also gives ``b``'s value (its sentence's other facts among them): it says both,
    each of something it tells apart."""
    unit = b.claim.unit
    return any(f.kind == b.kind and f.value == b.value and f.unit == unit for f in a.claim.statement.facts)


def _minutes_of(hours: str) -> list[tuple[int, int]]:
    """The ranges of one day's canonical hours ("09:00-12:00, 13:00-17:00") in minutes, a range past midnight
    ending on the next day; none for "closed"."""
    out = []
    for part in hours.split(", "):
        start, sep, end = part.partition("-")
        if not sep or ":" not in start or ":" not in end:
            continue
        lo = int(start[:2]) * 60 + int(start[3:5])
        hi = int(end[:2]) * 60 + int(end[3:5])
        out.append((lo, hi if hi > lo else hi + 24 * 60))
    return out


def _part_of(a: str, b: str) -> bool:
    """Whether one day's hours are some of the other's windows, each as it is ("09:00-12:30" of
    "09:00-12:30, 13:30-17:00")."""
    parts_a, parts_b = set(a.split(", ")), set(b.split(", "))
    return parts_a != parts_b and (parts_a <= parts_b or parts_b <= parts_a)


def _overlap(a: str, b: str) -> bool:
    """Whether two canonical hours of one day share a minute, or either is not a time range ("closed")."""
    ranges_a, ranges_b = _minutes_of(a), _minutes_of(b)
    if not ranges_a or not ranges_b:
        return True
    return any(lo < hi2 and lo2 < hi for lo, hi in ranges_a for lo2, hi2 in ranges_b)


def disagreement(a: Mention, b: Mention) -> tuple[str, ...]:
    """What two conflicting mentions disagree on, the same however each writes the rest: their two values, or, for
    opening hours, the days they give different hours and each side's hours on those days (a schedule that also
    gives Sunday disagrees with another on Saturday the way one that does not does)."""
    if a.kind != "hours":
        return tuple(sorted((a.value, b.value)))
    days_a, days_b = dict(a.claim.parts), dict(b.claim.parts)
    days = [d for d in days_a if d in days_b and days_a[d] != days_b[d]]
    low, high = sorted((";".join(days_a[d] for d in days), ";".join(days_b[d] for d in days)))
    return (",".join(days), low, high)


def states(m: Mention, what: tuple[str, ...]) -> bool:
    """Whether ``m`` states one side of a :func:`disagreement`."""
    if m.kind != "hours":
        return m.value in what
    days = dict(m.claim.parts)
    names = what[0].split(",")
    return all(d in days for d in names) and ";".join(days[d] for d in names) in what[1:]


@dataclass(frozen=True, slots=True)
class Link:
    """A scored candidate pair."""

    a: int
    b: int
    vector: tuple[str, ...]
    probability: float


def score(
    mentions: list[Mention], stats: CorpusStats, model: Model, complete: Callable[[Mention], None] | None = None
) -> list[Link]:
    """Every candidate pair likely enough to matter (:data:`KEEP`) with its comparison vector and probability
    (both passes when the model has two). ``complete`` fills in the fields of a mention made with only its
    blocking fields (:class:`~consistency_check.engine.mention.MentionBuilder`) when a pair first holds it."""
    # A corpus's pairs give few distinct vectors (8,425 of 96,039 at 10k statements): each is kept once.
    vectors: dict[tuple[str, ...], tuple[str, ...]] = {}
    links = []
    for i, j in candidates(mentions, stats):
        a, b = mentions[i], mentions[j]
        if complete is not None:
            if not a.complete:
                complete(a)
            if not b.complete:
                complete(b)
        vector = compare(a, b, stats)
        vector = vectors.setdefault(vector, vector)
        links.append(Link(i, j, vector, model.probability(vector)))
    links = _apart(mentions, links)
    if model.structure is None:
        model.forget()
        return [link for link in links if link.probability >= KEEP]
    second = model.structure
    vectors.clear()
    out = []
    for link, extra in zip(links, structure_levels(mentions, links, stats), strict=True):
        vector = link.vector + extra
        vector = vectors.setdefault(vector, vector)
        probability = second.probability(vector)
        if probability >= KEEP:
            out.append(Link(link.a, link.b, vector, probability))
    model.forget()  # the vectors of the pairs dropped are kept by nothing else
    return out


def part_indices(mentions: list[Mention]) -> list[list[int]]:
    """The indices of the value mentions and of the yes/no mentions: the two parts :func:`score_parts` scores
    apart."""
    values: list[int] = []
    polar: list[int] = []
    for i, m in enumerate(mentions):
        (polar if m.kind == "yesno" else values).append(i)
    return [values, polar]


def score_parts(
    mentions: list[Mention], model: Model, complete: Callable[[Mention], None] | None = None
) -> tuple[list[Link], list[CorpusStats]]:
    """:func:`score` of each part of ``mentions`` (:func:`part_indices`: the values, the yes/no statements), each
    with the corpus statistics of its own mentions, as links between ``mentions``; and each part's statistics. A
    corpus holds more yes/no clauses than values, and their words would set the weight of every value's words
    (which terms block, which words a pair shares are rare)."""
    links: list[Link] = []
    stats_of: list[CorpusStats] = []
    for index in part_indices(mentions):
        part = [mentions[i] for i in index]
        stats = CorpusStats()
        stats.add(part)
        links.extend(
            Link(index[link.a], index[link.b], link.vector, link.probability)
            for link in score(part, stats, model, complete)
        )
        stats_of.append(stats)
    return links, stats_of


def _apart(mentions: list[Mention], links: list[Link]) -> list[Link]:
    """``links`` less those whose two sides one side's own page tells apart: a page that also gives the other
    side's value, in a place the other side matches at least as well (two items of a list, two rows of a table,
    an example beside the rule), says the other side is about that place's thing, not a different value of its
    own (:func:`_page_restatements` makes those places candidates)."""
    restated: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for link in links:
        if mentions[link.a].claim.value == mentions[link.b].claim.value:
            restated[link.a].append((link.b, link.probability))
            restated[link.b].append((link.a, link.probability))
    rows: dict[tuple[tuple[str, str, str], str], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.row_terms:
            rows[(m.section, m.claim.value)].append(i)

    def other_row(mine: Mention, other: Mention) -> bool:
        """Whether ``other`` names a row of ``mine``'s table that gives its value, and not ``mine``'s row."""
        named = rows.get((mine.section, other.value))
        if not named:
            return False
        said = other.words | other.local
        if mine.row_terms <= said:
            return False
        return any(mentions[c].key == mine.key and mentions[c].row_terms <= said for c in named)

    def told_apart(link: Link) -> bool:
        if mentions[link.a].path == mentions[link.b].path:
            return False  # a page that gives both values for one thing contradicts itself
        for mine, other in ((link.a, link.b), (link.b, link.a)):
            section = mentions[mine].section
            for c, p in restated.get(other, ()):
                if c != mine and p >= link.probability and mentions[c].section == section:
                    return True
            if mentions[mine].row_terms and other_row(mentions[mine], mentions[other]):
                return True
        return False

    return [
        link for link in links if mentions[link.a].claim.value == mentions[link.b].claim.value or not told_apart(link)
    ]


def structure_levels(mentions: list[Mention], links: list[Link], stats: CorpusStats) -> list[tuple[str, ...]]:
    """What the first pass's links say around each pair, as evidence levels of a second pass.

    - ``best``: is each side the other's closest match in its document? A page states a fact once: of
      the values of one page that look like a given value, the one stating the same fact is the closest.
    - ``sup``: is each side's value restated in other channels? A contradiction is usually one place
      against a fact the others restate; two facts that merely look alike are each restated under
      their own words.
    - ``clus``: how much of what one side says about its value do the restatements of the other side's
      value say between them ("enrolment charge" against "joining fee", "joining fee", "enrolment fee")?
    - ``own``: do the restatements of one side's value all use a word the other side never does (the
      qualifier each restates consistently: "Gold" in every place giving 14 points)?
    """
    top: list[dict[str, float]] = [{} for _ in mentions]  # per mention: the other side's document -> best probability
    restated: list[list[int]] = [[i] for i in range(len(mentions))]
    value = [m.claim.value for m in mentions]
    path = [m.path for m in mentions]
    for link in links:
        i, j, p = link.a, link.b, link.probability
        top_i, top_j = top[i], top[j]
        if p > top_i.get(path[j], 0.0):
            top_i[path[j]] = p
        if p > top_j.get(path[i], 0.0):
            top_j[path[i]] = p
        if p >= LINK_SAME and value[i] == value[j]:
            restated[i].append(j)
            restated[j].append(i)
    # How many channels restate each mention's value (the mention's own included), worked out once per mention.
    channels = [len({mentions[j].channel for j in group}) if len(group) > 1 else 1 for group in restated]
    profiles: dict[int, tuple[frozenset[str], frozenset[str]]] = {}

    def profile(i: int) -> tuple[frozenset[str], frozenset[str]]:
        """The words the restatements of mention ``i``'s value use between them, and those every one of them uses."""
        if i not in profiles:
            words = [mentions[j].local | mentions[j].question for j in restated[i]]
            profiles[i] = (frozenset().union(*words), frozenset.intersection(*words))
        return profiles[i]

    out: list[tuple[str, ...]] = []
    distinct: dict[tuple[str, ...], tuple[str, ...]] = {}
    for link in links:
        i, j, p = link.a, link.b, link.probability
        best_a = p >= top[i].get(path[j], 0.0) - 1e-9
        best_b = p >= top[j].get(path[i], 0.0) - 1e-9
        best = "best:both" if best_a and best_b else "best:one" if best_a or best_b else "best:none"
        fewer, more = (channels[i], channels[j]) if channels[i] <= channels[j] else (channels[j], channels[i])
        support = "sup:lone" if more == 1 else "sup:one" if fewer == 1 else "sup:both"
        if value[i] == value[j]:
            levels = (best, support, "clus:na", "own:na")
            out.append(distinct.setdefault(levels, levels))
            continue
        a, b = mentions[i], mentions[j]
        cover = 0.0
        own = False
        for mine, other in ((link.a, b), (link.b, a)):
            if len(restated[mine]) > 1:
                said = other.local | other.question
                if said:
                    union, common = profile(mine)
                    cover = max(cover, stats.weight(said & union) / max(stats.weight(said), 1e-9))
                    own = own or any(stats.idf(w) > OWN_WORD and w not in other.statement for w in common)
        clus = "clus:none" if cover == 0 else "clus:hi" if cover >= 0.75 else "clus:mid" if cover >= 0.4 else "clus:lo"
        levels = (best, support, clus, "own:yes" if own else "own:no")
        out.append(distinct.setdefault(levels, levels))
    return out


#: Weight a word shared by every restatement of a value must have to count as that value's own qualifier.
OWN_WORD = 2.5


def groups(mentions: list[Mention], links: list[Link]) -> list[list[int]]:
    """Mentions joined by links (union-find), each group in index order.

    Two mentions stating the same value join at :data:`LINK_SAME` (that they agree is evidence too: the
    model weighs what two mentions say around their values, not the values), two others at :data:`LINK`.
    """
    count = len(mentions)
    parent = list(range(count))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for link in links:
        same = mentions[link.a].value == mentions[link.b].value
        if link.probability >= (LINK_SAME if same else LINK):
            ra, rb = find(link.a), find(link.b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    out: dict[int, list[int]] = defaultdict(list)
    for i in range(count):
        out[find(i)].append(i)
    return [members for members in out.values() if len(members) > 1]


#: Probability from which a link between two values is a possible contradiction (shown from ``--min-confidence``).
REPORT = 0.1
#: Links less likely than this neither group mentions nor report anything: a run keeps only the others.
KEEP = min(REPORT, LINK_SAME, LINK)


def subject_words(a: Mention, b: Mention, stats: CorpusStats | None = None) -> str:
    """What two linked mentions are about, in the words they use: the rarest words both say of their values."""
    from consistency_check.engine.words import spelled

    shared = (a.local | a.question) & (b.local | b.question) or (a.local & b.words) or (b.local & a.words)
    ranked = sorted(shared, key=lambda t: (-(stats.idf(t) if stats else 0.0), t))[:4]
    texts = [m.claim.statement.question + " " + m.claim.statement.text for m in (a, b)]
    return spelled(ranked, texts)


def contradictions(
    mentions: list[Mention],
    links: list[Link],
    report: float = REPORT,
    stats: CorpusStats | None = None,
    grouped: list[list[int]] | None = None,
) -> list[Finding]:
    """Findings for the values that confident links join: one per pair of values linked directly.

    Each finding quotes every mention of either value in their group; its
    confidence is that of the best direct link between the two values. ``grouped``: the
    :func:`groups` of these links, when the caller has them.
    """
    from consistency_check.engine.compare import group_findings

    group_of: dict[int, int] = {}
    for n, members in enumerate(groups(mentions, links) if grouped is None else grouped):
        for i in members:
            group_of[i] = n
    members_of: dict[int, list[int]] = defaultdict(list)
    for i, n in group_of.items():
        members_of[n].append(i)
    dated = _dated(mentions, members_of)
    differing = [link for link in links if conflict(mentions[link.a], mentions[link.b])]
    closer = _closer_elsewhere(mentions, differing)
    best: dict[tuple[int, tuple[str, ...]], Link] = {}
    for link in differing:
        if link.probability < report or group_of.get(link.a) is None or closer(link):
            continue
        a, b = mentions[link.a], mentions[link.b]
        n = group_of[link.a]
        what = disagreement(a, b)
        if a.kind == "date":  # a date said without its year is the group's date with it: one disagreement
            what = tuple(sorted(dated.get((n, v), v) for v in what))
        key = (n, what)
        if key not in best or link.probability > best[key].probability:
            best[key] = link
    out: list[Finding] = []
    for (n, what), link in sorted(best.items(), key=lambda kv: kv[0]):
        sides = [
            m
            for m in (mentions[i] for i in sorted(members_of[n]))
            if states(m, what) or (m.kind == "date" and dated.get((n, m.value)) in what)
        ]
        rules = {m.claim.rule.code if m.claim.rule else "" for m in sides}
        claims = [m.claim if len(rules) == 1 else dataclasses.replace(m.claim, rule=None, scope=()) for m in sides]
        # A side giving a date without its year gives the group's date with it (the quote shows how it says it).
        claims = [
            dataclasses.replace(c, value=dated[(n, c.value)]) if c.kind == "date" and (n, c.value) in dated else c
            for c in claims
        ]
        why = reasons(link.vector)
        subject = (
            None if len(rules) == 1 and "" not in rules else subject_words(mentions[link.a], mentions[link.b], stats)
        )
        out.extend(
            dataclasses.replace(f, evidence=why)
            for f in group_findings(_differing_ends(claims), round(link.probability, 2), subject=subject or None)
        )
    return out


#: How much likelier a side's link to a third value must be for the side to be that value's contradiction only
#: (over the 80 organisations, leave-one-out, at 0.7: 0.1 keeps 1,170 found with 95 false, 0 keeps 1,163 with 78;
#: without the test, 1,171 with 110).
CLOSER = 0.0


def _closer_elsewhere(mentions: list[Mention], differing: list[Link]) -> Callable[[Link], bool]:
    """Whether one side of a link of ``differing`` (links whose values disagree) is linked likelier (by
    :data:`CLOSER`) to a third value: a group of three values holds two things (a member's 60 days and everyone's
    30, against a stale 45), and the stale one contradicts the value of the thing it is about, not the other's."""
    most: dict[int, dict[str, float]] = defaultdict(dict)
    for link in differing:
        a, b = mentions[link.a], mentions[link.b]
        for i, other in ((link.a, b.value), (link.b, a.value)):
            if link.probability > most[i].get(other, 0.0):
                most[i][other] = link.probability

    def closer(link: Link) -> bool:
        values = (mentions[link.a].value, mentions[link.b].value)
        return any(
            p > link.probability + CLOSER
            for i in (link.a, link.b)
            for value, p in most[i].items()
            if value not in values
        )

    return closer


def _dated(mentions: list[Mention], members_of: Mapping[int, list[int]]) -> dict[tuple[int, str], str]:
    """For each group, a date said without its year ("--05-31") and the one date of that day with its year the
    group states ("2026-05-31"), when it states exactly one: the same date, written two ways."""
    out: dict[tuple[int, str], str] = {}
    for n, members in members_of.items():
        dates = {mentions[i].value for i in members if mentions[i].kind == "date" and ".." not in mentions[i].value}
        full = [d for d in dates if not d.startswith("--")]
        for bare in dates.difference(full):
            same = [d for d in full if same_date(bare, d)]
            if len(same) == 1:
                out[(n, bare)] = same[0]
    return out


#: What a level of a comparison vector says about two mentions, in a finding's words, strongest evidence first.
REASONS: tuple[tuple[str, str], ...] = (
    ("rule:same", "one rule names both"),
    ("table:same", "same table row"),
    ("table:named", "the table row is named in the other statement"),
    ("q:same", "same question or heading"),
    ("q:hi", "same question or heading"),
    ("theme:same", "both say it of the same thing"),
    ("loc:same", "same words around the value"),
    ("loc:hi", "same words around the value"),
    ("q:mid", "similar question or heading"),
    ("loc:mid", "similar words around the value"),
    ("sent:same", "same sentence"),
    ("sent:hi", "similar sentence"),
    ("addr:kin", "the addresses are named for the same thing"),
    ("name:same", "same names"),
    ("qual:same", "same qualifiers"),
    ("hqual:same", "same qualifiers in the headings"),
    ("co:agree", "the sentences agree on another fact"),
    ("best:both", "each side is the other's closest match in its page"),
)
_REASON_OF = dict(REASONS)
_REASON_RANK = {level: n for n, (level, _) in enumerate(REASONS)}


def reasons(vector: tuple[str, ...], most: int = 3) -> tuple[str, ...]:
    """Why two mentions were judged to state one fact: what their comparison vector shares, strongest first."""
    out: list[str] = []
    for level in sorted((v for v in vector if v in _REASON_OF), key=_REASON_RANK.__getitem__):
        phrase = _REASON_OF[level]
        if phrase not in out:
            out.append(phrase)
    return tuple(out[:most])


def _differing_ends(claims: list[Claim]) -> list[Claim]:
    """Date ranges that share one end, given as the end they differ on ("June 1 – August 31" and "June 1 –
    September 15": the offer ends on 2026-08-31 or on 2026-09-15)."""
    ends = {c.value: range_ends(c.kind, c.value) for c in claims}
    if any(c.kind != "date" or len(ends[c.value]) != 2 for c in claims):
        return claims
    for keep in (1, 0):
        shared = {e[1 - keep] for e in ends.values()}
        if len(shared) == 1 and len({e[keep] for e in ends.values()}) > 1:
            return [dataclasses.replace(c, value=ends[c.value][keep]) for c in claims]
    return claims
