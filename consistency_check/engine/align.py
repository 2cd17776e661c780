"""Rule-less alignment: values about the same subject, found by their own words.

A value no rule claims is compared with others of the same kind when their
subject terms (see :mod:`consistency_check.engine.subject`) mostly coincide,
their names are the same, and no scope qualifier tells them apart. Candidate
pairs share one of the three rarest terms of each value (blocking, so the
cost grows with the corpus, not with its square); pairs are then scored
with weighted overlaps and joined into groups that are compared as a rule
group would be, at lower confidence.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar, cast

from consistency_check.engine.address import ADDRESS_KINDS, statement_words
from consistency_check.engine.address import kin as address_kin
from consistency_check.engine.claims import ANCHOR_WORDS, Claim, row_label, sentence_facts
from consistency_check.engine.compare import group_findings, locale_key, role_class
from consistency_check.engine.subject import (
    SubjectIndex,
    head_words,
    label_numbers,
    labels_agree,
    name_tokens,
    names_conflict,
    ordinals,
    own_words,
)
from consistency_check.engine.words import (
    contrasting,
    coordinated_terms,
    one_sided_modifier,
    question_terms,
    ruleset_defaults,
    spelled,
    stem,
    terms,
)
from consistency_check.facts.common import PERSON_NOUNS
from consistency_check.model import Finding
from consistency_check.rules import RuleSet, any_generic_qualifier

_T = TypeVar("_T")

GENERIC_CONFIDENCE = 0.6
#: Weighted overlap relative to the smaller term set, and weighted Jaccard, a pair must reach.
MIN_OVERLAP = 0.5
MIN_JACCARD = 0.25
#: Overlap at which the smaller term set counts as contained in the other.
CONTAINED = 0.99
#: Counts of the same noun need less agreement in the other words.
LOOSE_OVERLAP = 0.4
LOOSE_JACCARD = 0.15
#: Terms shared by more claims than this are too common to block on.
MAX_BUCKET = 200
_ATTRIBUTIVE = re.compile(r"^\S+[\s-]+(?:day|week|month|year|hour|minute)$", re.IGNORECASE)
_ANCHOR_AFTER = re.compile(
    rf"\s*{ANCHOR_WORDS}\s+((?:(?:the|your|my|our|a|an)\s+)?[\w'-]+(?:\s+[\w'-]+)?)", re.IGNORECASE
)
_EVERY = re.compile(r"\b(?:every|each|once|twice)\s+$", re.IGNORECASE)
_EXTRA = re.compile(
    r"\b(?:extend|extends|extended|extension|extensions|extra|additional|another|more)\b", re.IGNORECASE
)
# Contact details come in lists (one per department); without a rule naming the subject they are not compared.
SKIP_KINDS = frozenset({"yesno", "phone"})


@dataclass(frozen=True)
class Item:
    claim: Claim
    own: frozenset[str]
    full: frozenset[str]
    key: tuple[object, ...]
    names: frozenset[str]
    question: frozenset[str] = frozenset()
    #: Every word the statement uses about this value: own words, question and alternative phrasings.
    mentions: frozenset[str] = frozenset()
    #: The value's clause and question (see :func:`_context`).
    context: str = ""
    #: Scope qualifiers (dimension, values) found in the value's clause and question.
    scope: tuple[tuple[str, str], ...] = ()
    #: Dimensions of ``scope`` whose qualifiers, on one side only, do not separate two values.
    passing: frozenset[str] = frozenset()
    #: The scope vocabulary (for what the rest of the statement qualifies, see :func:`_stated_elsewhere`).
    rules: RuleSet | None = field(default=None, compare=False, repr=False)
    #: What a pair check worked out about this claim alone, kept for the next pair.
    derived: dict[str, object] = field(default_factory=dict, compare=False, repr=False)


def _derived(item: Item, name: str, make: Callable[[Claim], _T]) -> _T:
    """``make(item.claim)``, computed once per item."""
    if name not in item.derived:
        item.derived[name] = make(item.claim)
    return cast(_T, item.derived[name])


#: Term weights and block sizes for a list of items (see :func:`adopt_rules`); ``None`` sizes: the items' own.
Weigh = Callable[[list[Item]], tuple[SubjectIndex, Mapping[str, int] | None]]

#: Items already made, by claim identity (the claim is kept with its item, so the identity stays unique).
ItemMemo = dict[int, tuple[Claim, "Item | None"]]


def value_items(
    claims: list[Claim],
    ruleset: RuleSet,
    names: Callable[[Claim], frozenset[str]],
    tiers: frozenset[str],
    skip: frozenset[str],
    memo: ItemMemo | None = None,
) -> list[Item]:
    out = []
    for claim in claims:
        if claim.kind in skip:
            continue
        known = memo.get(id(claim)) if memo is not None else None
        if known is not None and known[0] is claim:
            if known[1] is not None:
                out.append(known[1])
            continue
        item = _item(claim, ruleset, names, tiers)
        if memo is not None:
            memo[id(claim)] = (claim, item)
        if item is not None:
            out.append(item)
    return out


def _item(
    claim: Claim, ruleset: RuleSet, names: Callable[[Claim], frozenset[str]], tiers: frozenset[str]
) -> Item | None:
    """A claim's subject terms, names and what it must share with another to be compared (``None``: not compared)."""
    if claim.kind == "url" and "/" not in claim.value:
        return None  # a bare site name ("schema.org") is a mention, not a page given for a purpose
    own_text = own_words(claim)
    question = frozenset(question_terms(claim.statement.question, claim.kind))
    # A labelled line ("Overweight (51-70 lb): +$100") is about its label. A value too short to have words
    # of its own ("The charge is $129 per order.") borrows its question's — unless it shares its sentence
    # with others of its kind ("it's $40 and $50 at the airport": which one the question asks about is not
    # said), or it is a bare link in a list of links.
    own = frozenset(terms(own_text, claim.kind))
    if claim.kind == "count":
        own |= frozenset(terms(claim.surface, claim.kind))  # "6 private swim lessons": what is counted
    own = own or _label(claim) or (question if claim.kind != "url" and _alone(claim) else frozenset())
    if own and claim.kind in ADDRESS_KINDS:
        own |= _address_terms(claim)
    if not own:
        return None
    context = _context(claim)
    scope = _scope(context, ruleset, bool(name_tokens(names(claim)) & tiers)) + _circumstance(claim)
    alternatives = frozenset(t for alt in claim.statement.alternatives[:50] for t in terms(alt, claim.kind))
    passing = frozenset(
        d for d, _ in scope if d in ruleset.dimensions and not ruleset.dimensions[d].one_sided_separates
    )
    return Item(
        claim,
        own,
        own | question,
        _compat(claim),
        names(claim),
        question,
        own | question | alternatives,
        context,
        scope,
        passing,
        ruleset,
    )


def _address_terms(claim: Claim) -> frozenset[str]:
    """The words of a link's path or an address's local part as written ("/outage-map", "returns@").

    Subject terms for similarity, unlike :func:`.address.address_words`, which reads every way of
    beginning something as one word to tell whether two addresses are named for the same thing.
    """
    named = claim.value.partition("/")[2] if claim.kind == "url" else claim.value.partition("@")[0]
    return frozenset(terms(re.sub(r"[/_.+=?&#-]+", " ", named), claim.kind))


def _candidates(
    items: list[Item], sides: list[bool] | None = None, sizes: Mapping[str, int] | None = None
) -> Iterator[tuple[int, int]]:
    """Pairs of items sharing a term that is not too common (each pair once, ``a < b``).

    Every term held by at most ``MAX_BUCKET`` items is a block; the cost is
    bounded by the number of items times the block size, never their square.
    With ``sides``, only pairs of items on different sides are made. With
    ``sizes`` (items holding each term in the whole corpus, when ``items``
    are a part of it), a block is too common by its size in the corpus.
    """
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for term in item.full:
            buckets[term].append(i)
    seen: set[tuple[int, int]] = set()
    for term in sorted(buckets):
        members = buckets[term]
        if len(members) < 2 or (len(members) if sizes is None else sizes.get(term, 0)) > MAX_BUCKET:
            continue
        if sides is None:
            pairs: Iterator[tuple[int, int]] = ((a, b) for pos, a in enumerate(members) for b in members[pos + 1 :])
        else:
            pairs = _cross_pairs(members, sides)
        for pair in pairs:
            if pair not in seen:
                seen.add(pair)
                yield pair


def _cross_pairs(members: list[int], sides: list[bool]) -> Iterator[tuple[int, int]]:
    """``(a, b)`` for ``a`` before ``b`` in ``members`` and on different sides, in the order of all pairs."""
    later = {True: [m for m in members if sides[m]], False: [m for m in members if not sides[m]]}
    for a in members:
        others = later[not sides[a]]
        for b in others[bisect_right(others, a) :]:
            yield a, b


def _may_align(a: Item, b: Item) -> bool:
    """Whether nothing but their words keeps two values from aligning: key, scope, role, names, section, sentence."""
    # Two values of one answer are two things it says ("we issue payment within 5 business days …
    # the money lands 1–2 business days after it's issued"): a writer does not contradict a sentence away.
    if a.key != b.key or a.claim.statement is b.claim.statement:
        return False
    if not _scopes_agree(a, b):
        return False
    if not _roles_agree(a, b) or not _per_agree(a, b):
        return False
    if names_conflict(a.names, b.names) or not _echoed(a, b) or not _echoed(b, a):
        return False
    if _same_section(a, b) and not (a.own - _derived(a, "anchor", _anchor_words)) & (
        b.own - _derived(b, "anchor", _anchor_words)
    ):
        return False
    # "$35 for the first and $45 for the second … it's $40 and $50 at the airport" also states the other
    # value ("$40 at the airport"): it agrees with it, and which of its own values answers the same thing is unclear.
    return not (
        b.claim.value in _derived(a, "sentence", _sentence_values)
        or a.claim.value in _derived(b, "sentence", _sentence_values)
    )


def _aligned(a: Item, b: Item, index: SubjectIndex, families: _Families | None = None) -> float | None:
    """How well two values align as statements about one subject (``None``: not at all)."""
    if not _may_align(a, b):
        return None
    drop_a, drop_b = _other_conjuncts(a, b), _other_conjuncts(b, a)
    own_a, full_a, own_b, full_b = a.own - drop_a, a.full - drop_a, b.own - drop_b, b.full - drop_b
    sim = max(index.similarity(full_a, full_b), index.similarity(own_a, own_b))
    jac = max(index.jaccard(full_a, full_b), index.jaccard(own_a, own_b))
    # Links and mailboxes are named for what they are for: two on one site named for the same thing,
    # each named in the other's statement, answer one question however differently they are worded
    # ("Use the coverage checker at …/network/coverage" / "See our live coverage map at …/coverage").
    address = a.claim.kind in ADDRESS_KINDS
    if address:
        if not address_kin(a.claim.value, _purpose(a), b.claim.value, _purpose(b), a.claim.kind):
            return None
        jac = max(jac, MIN_JACCARD)
    else:
        loose = a.claim.kind == "count" and a.claim.unit not in ("", "time")  # the counted noun already matches
        min_sim, min_jac = (LOOSE_OVERLAP, LOOSE_JACCARD) if loose else (MIN_OVERLAP, MIN_JACCARD)
        # A short statement whose words all recur in the other says the same thing with less context —
        # when what its question asks about recurs there too ("Renters | $500" under "Which deductible
        # should I choose?" is not "renters policies include $30,000 of property coverage").
        if (sim < min_sim or (jac < min_jac and (sim < CONTAINED or not _asked_alike(a, b)))) and not _row_named(a, b):
            return None
    if contrasting(a.context, b.context, a.claim.kind) or _opposed(a, b):
        return None
    # Two rows of tables are about what their first cells name ("Reconnection (business hours)" /
    # "Reconnection (after hours)").
    row_a, row_b = _derived(a, "row", _row), _derived(b, "row", _row)
    if row_a and row_b and row_a != row_b:
        return None
    # "Response Time: Target < 15 minutes" and "Resolution Time: Target < 24 hours": labelled lines
    # are about what their labels say.
    label_a, label_b = _derived(a, "label", _label), _derived(b, "label", _label)
    if label_a is not None and label_b is not None and not (label_a <= label_b or label_b <= label_a):
        return None
    # "Short-lived certificates are valid for six days": a qualifier one side puts on the shared
    # subject and the other never uses makes it an exception, not the same thing.
    # (An address's own name already says what it is for: the qualifiers and questions around it do not.)
    if not address and one_sided_modifier(
        own_words(a.claim, with_value=True),
        a.context,
        own_words(b.claim, with_value=True),
        b.context,
        a.claim.kind,
        ruleset_defaults(),
    ):
        return None
    # Numbers in the words around a value name things ("Level 1", "Question 44h"): they must agree.
    labels_a, labels_b = _derived(a, "labels", label_numbers), _derived(b, "labels", label_numbers)
    if (not address or (labels_a and labels_b)) and not labels_agree(labels_a, labels_b):
        return None
    # "first checked bag" and "2nd bag" are two items of a series.
    ord_a, ord_b = _derived(a, "ordinals", ordinals), _derived(b, "ordinals", ordinals)
    if ord_a and ord_b and not ord_a & ord_b:
        return None
    # Answers to two questions that each name something the other never mentions (in its answer,
    # question or alternative phrasings) are about different things: "Connecticut - State Deadline"
    # and "Montana - State Deadline", "Critical (Immediate)" and "High (30 minutes)". (A word joined to
    # one the other mentions is not missing from it: see _other_conjuncts.)
    if (
        not address
        and (a.question - b.mentions - drop_a)
        and (b.question - a.mentions - drop_b)
        and not _answers_agree(a, b, index, families)
    ):
        return None
    # "$300 bonus" is a bonus: a statement that never mentions one is about something else.
    head_a, head_b = _derived(a, "heads", head_words), _derived(b, "heads", head_words)
    if (head_a and not head_a & b.full) or (head_b and not head_b & a.full):
        return None
    return jac


_OPENING = frozenset(stem(w) for w in "begin begins start starts open opens".split())
_CLOSING = frozenset(stem(w) for w in "close closes end ends stop stops".split())


def _opposed(a: Item, b: Item) -> bool:
    """One value says when something begins, the other when it ends ("Boarding begins 40 min before
    departure" / "check-in closes 45 min before departure"): two moments, not one. (Opening hours state both.)"""
    if a.claim.kind == "hours":
        return False
    opens_a, closes_a = bool(a.own & _OPENING), bool(a.own & _CLOSING)
    opens_b, closes_b = bool(b.own & _OPENING), bool(b.own & _CLOSING)
    return (opens_a and not closes_a and closes_b and not opens_b) or (
        closes_a and not opens_a and opens_b and not closes_b
    )


#: A number standing alone in a sentence ("Gold at 50,000"), thousands separators allowed.
_BARE_NUMBER = re.compile(r"(?<![\w$€£.,])\d{1,3}(?:,\d{3})+(?![\w,])|(?<![\w$€£.,])\d+(?![\w.,%])")


def _sentence_values(claim: Claim) -> frozenset[str]:
    """The other values of the claim's kind its sentence states; for a count, every number it states
    ("Silver starts at 25,000 qualifying miles, Gold at 50,000": 50,000 is a count of the same miles)."""
    values = {f.value for f in sentence_facts(claim) or ()}
    if claim.kind == "count":
        values |= {m.group(0).replace(",", "") for m in _BARE_NUMBER.finditer(claim.quote)}
    values.discard(claim.value)
    return frozenset(values)


def _purpose(item: Item) -> frozenset[str]:
    """The words of an address's statement and question (see :func:`.address.statement_words`)."""
    return _derived(item, "purpose", lambda claim: statement_words(_context(claim), claim.kind))


#: Subject terms two answers must share, and their weighted overlap, to say the same thing whatever their questions.
AGREE_SHARED = 3
AGREE_OVERLAP = 0.5
#: Questions and values a set of words must recur with to be a template.
TEMPLATE_SPREAD = 3


def _answers_agree(a: Item, b: Item, index: SubjectIndex, families: _Families | None) -> bool:
    """Two answers whose own words say the same thing in detail are about one subject, however their questions are
    worded.

    "Debit card purchases made outside the U.S. carry a 3% foreign transaction
    fee" answers "…my debit card abroad?" and "…their debit card overseas":
    the questions differ, the answers do not. Answers written to a template
    ("For priority consideration, submit your application by …" under each
    state's deadline; the very same words under two questions) say nothing
    of their own: their questions tell them apart.
    """
    if a.own == b.own:
        return False  # the very same words under two questions: a template, whatever else the corpus holds
    shared = a.own & b.own
    overlap = index.similarity(a.own, b.own)
    # All of one answer's words in the other's ("you pay 20% down" / "after a 25% down payment") need fewer of them.
    if len(shared) < (AGREE_SHARED - 1 if overlap >= CONTAINED else AGREE_SHARED) or overlap < AGREE_OVERLAP:
        return False
    return families is None or not families.template(a.claim.kind, shared, a.names | b.names)


class _Families:
    """Which values' own words contain a given set of terms: a template's words recur with many questions and values.

    Values that name other things than the pair compared ("Main fares: $49 each way" next to "Basic fares:
    $99 each way") are told apart by their names, not by a template: they are not counted.
    """

    def __init__(self, items: list[Item]) -> None:
        self._items = items
        self._postings: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, item in enumerate(items):
            for term in item.own:
                self._postings[item.claim.kind, term].append(i)
        self._known: dict[tuple[str, frozenset[str], frozenset[str]], bool] = {}

    def template(self, kind: str, core: frozenset[str], names: frozenset[str] = frozenset()) -> bool:
        """True when the values of ``kind`` whose own words hold all of ``core`` (and whose names do not
        conflict with ``names``) answer 3+ questions with 3+ different values."""
        known = self._known.get((kind, core, names))
        if known is None:
            lists = sorted((self._postings.get((kind, t), []) for t in core), key=len)
            members = set(lists[0]) if lists else set()
            for other in lists[1:]:
                members.intersection_update(other)
            if names:
                members = {i for i in members if not names_conflict(self._items[i].names, names)}
            questions = {self._items[i].question for i in members}
            values = {self._items[i].claim.value for i in members}
            known = self._known[kind, core, names] = (
                len(questions) >= TEMPLATE_SPREAD and len(values) >= TEMPLATE_SPREAD
            )
        return known


_LABEL_LINE = re.compile(r"^\W*([A-Za-z][\w '’/&()-]{0,40}?)\s*[:：]\s")


_CIRCUMSTANCE = re.compile(
    r"^\W*(?:during|in the event of|in case of|in an? |whenever)\b([^,;:]{3,80}),", re.IGNORECASE
)


def _circumstance(claim: Claim) -> tuple[tuple[str, str], ...]:
    """A circumstance the value's sentence opens with ("During a declared catastrophe, first contact may take
    up to 72 hours"): a scope of its own, which a value stated without it does not share."""
    start = claim.statement.text.find(claim.quote)
    m = _CIRCUMSTANCE.match(claim.quote)
    if start < 0 or m is None or start + m.end() > claim.span[0]:
        return ()
    words = sorted(set(terms(m.group(1), claim.kind)))
    return (("circumstance", " ".join(words)),) if words else ()


def _scopes_agree(a: Item, b: Item) -> bool:
    """No dimension has different qualifiers on the two sides, and one on one side only is of a dimension
    whose one-sided qualifiers do not separate (``one_sided_separates: false`` in the scope vocabulary)."""
    da, db = dict(a.scope), dict(b.scope)
    for dim in da.keys() | db.keys():
        if dim in da and dim in db:
            if da[dim] != db[dim]:
                return False
        elif dim not in a.passing and dim not in b.passing:
            # "Postpaid devices can be unlocked after 60 days" / "… after 40 days on a postpaid line. Verify the
            # device is paid off first.": a qualifier the other answer states too, in another sentence, is no
            # exception to it.
            one, other = (da, b) if dim in da else (db, a)
            if (dim, one[dim]) not in _stated_elsewhere(other):
                return False
    return True


def _stated_elsewhere(item: Item) -> frozenset[tuple[str, str]]:
    """Scope qualifiers anywhere in the item's statement (every sentence) and its question, worked out once."""
    if "wider" not in item.derived:
        stmt = item.claim.statement
        item.derived["wider"] = (
            frozenset(_scope(stmt.text + " . " + stmt.question, item.rules, False)) if item.rules else frozenset()
        )
    return cast(frozenset[tuple[str, str]], item.derived["wider"])


def _label(claim: Claim) -> frozenset[str] | None:
    """The terms of a 'Label: value' line's label, or ``None`` when the sentence is not one."""
    m = _LABEL_LINE.match(claim.quote)
    if not m or m.end() > claim.span[0] - claim.statement.text.find(claim.quote) + 1:
        return None
    return frozenset(terms(m.group(1), claim.kind)) or None


def _row(claim: Claim) -> str:
    """The table-row label of the claim's statement ('' when it is no table row)."""
    return row_label(claim.statement.text)


def _row_named(a: Item, b: Item) -> bool:
    """One side is a table row whose label names what the other's value is a number of ("Reinstatement
    fee | $25" and "… plus the $35 reinstatement fee"): the label is the row's whole subject."""
    for row, other in ((a, b), (b, a)):
        label = _derived(row, "row", _row)
        if label and not _derived(other, "row", _row):
            words = frozenset(terms(label, row.claim.kind))
            if words and words <= _derived(other, "heads", head_words):
                return True
    return False


def _other_conjuncts(a: Item, b: Item) -> frozenset[str]:
    """Words of ``a``'s question joined by "and"/"or" to one that ``b`` mentions, and not mentioned by
    ``b`` themselves: a heading naming two things ("Counter and lounge hours") asks about each, so next to
    a statement about one of them ("When are ticket counters open?") the other says nothing."""
    pairs = _derived(a, "coordinated", lambda claim: coordinated_terms(claim.statement.question, claim.kind))
    return frozenset(w for w, other in pairs if other in b.mentions and w not in b.mentions)


def _asked_alike(a: Item, b: Item) -> bool:
    """The question of the side with fewer own words is about what the other mentions."""
    short, other = (a, b) if len(a.own) <= len(b.own) else (b, a)
    return short.question <= other.mentions


def _echoed(a: Item, b: Item) -> bool:
    """``a``'s own words are used by ``b`` — or ``a`` is its sentence's only value of its kind, so its
    question may carry its subject ("What's the number if my card is lost?" — "Call … right away")."""
    if a.own & b.full:
        return True
    if not (b.own & a.full):
        return False
    return _derived(a, "alone", _alone)


def _same_section(a: Item, b: Item) -> bool:
    """Two statements of one document under one heading: the heading says nothing about which of its
    answers two values are about; only their own words can ("the change fee is $119" and "I can add you
    to the standby list for $75", both under "Changes")."""
    sa, sb = a.claim.statement, b.claim.statement
    return bool(sa.question) and sa.question == sb.question and sa.location.path == sb.location.path


def _anchor_words(claim: Claim) -> frozenset[str]:
    """The words of the point a duration counts from or back from ("14 days before arrival"): two lines of
    one section sharing only that ("Block release: 21 days before arrival" / "Rooming list due 14 days before
    arrival") are about two things."""
    if claim.kind != "duration":
        return frozenset()
    m = _ANCHOR_AFTER.match(claim.statement.text, claim.span[1])
    return frozenset(terms(m.group(1), claim.kind)) if m else frozenset()


def _alone(claim: Claim) -> bool:
    """No other value of the claim's kind is in its sentence."""
    start = claim.statement.text.find(claim.quote)
    end = start + len(claim.quote)
    return not any(
        f.kind == claim.kind and f.span != claim.span and start <= f.span[0] < end for f in claim.statement.facts
    )


def _roles_agree(a: Item, b: Item) -> bool:
    """Roles must match, except a plain price and a price 'per X' when the plain one's sentence names X ("$79 … in one
    visit")."""
    ra, rb = a.claim.role, b.claim.role
    if role_class(a.claim.kind, ra) == role_class(b.claim.kind, rb):
        return True
    if a.claim.kind != "money" or "" not in (ra, rb):
        return False
    per, plain = (a, b) if ra else (b, a)
    unit = per.claim.role.partition(":")[2]
    return bool(unit) and stem(unit) in terms(plain.claim.quote, plain.claim.kind)


_PER = re.compile(r"\s*(?:per|each|every|an?)\s+([a-z]+)", re.IGNORECASE)
#: Ways of saying "each person": a count per passenger and per customer is one allowance.
_PER_PERSON = frozenset(stem(w) for w in PERSON_NOUNS | {"member", "adult"})
#: Other things a limit is counted per; a count per one of them and per another are different limits.
_PER_OTHER = frozenset(
    stem(w)
    for w in "flight trip journey segment day week month year order transaction purchase visit booking "
    "reservation room household account vehicle device line".split()
)


def _per_what(claim: Claim) -> str:
    """What a count is counted per ("2 pets per passenger" → "person", "4 withdrawals a month" → "month"), or ""
    when the word after "per" is not one of the known things ("per six-month term")."""
    m = _PER.match(claim.statement.text, claim.span[1])
    if m is None:
        return ""
    word = stem(m.group(1).lower())
    return "person" if word in _PER_PERSON else word if word in _PER_OTHER else ""


def _per_agree(a: Item, b: Item) -> bool:
    """Counts per different things are different limits: "2 pets per passenger; 4 pets per flight"."""
    if a.claim.kind != "count":  # both items have one kind (their keys match)
        return True
    per_a, per_b = _derived(a, "per", _per_what), _derived(b, "per", _per_what)
    return not per_a or not per_b or per_a == per_b


def generic_findings(
    claims: list[Claim],
    ruleset: RuleSet,
    names: Callable[[Claim], frozenset[str]] = lambda c: frozenset(),
    tiers: frozenset[str] = frozenset(),
    memo: ItemMemo | None = None,
    weigh: Weigh | None = None,
    clusters_out: list[list[Claim]] | None = None,
) -> list[Finding]:
    """Findings for groups of unmatched claims about the same subject that disagree.

    ``memo`` keeps what :func:`adopt_rules` worked out about the same claims.
    ``weigh`` gives the term weights and block sizes (by default those of
    these claims); ``clusters_out``, when given, receives every group of
    aligned claims (see :mod:`consistency_check.incremental`).
    """
    items = value_items(claims, ruleset, names, tiers, SKIP_KINDS, memo)
    index, sizes = (SubjectIndex.build([item.full for item in items]), None) if weigh is None else weigh(items)
    if len(items) < 2:
        return []
    families = _Families(items)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # A sentence giving two values of one kind ("2 pets per passenger; 4 pets per flight") answers another
    # statement with one of them at most: the one whose words it shares most.
    per_sentence = Counter((id(item.claim.statement), item.claim.kind) for item in items)
    shared = [per_sentence[id(item.claim.statement), item.claim.kind] > 1 for item in items]
    deferred: list[tuple[int, int, float]] = []
    for a, b in _candidates(items, None, sizes):
        if shared[a] or shared[b]:
            score = _aligned(items[a], items[b], index, families)
            if score is not None:
                deferred.append((a, b, score))
        elif find(a) != find(b) and _aligned(items[a], items[b], index, families) is not None:
            parent[find(a)] = find(b)
    for a, b in _best_of_sentences(items, deferred):
        parent[find(a)] = find(b)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        clusters[find(i)].append(i)
    if clusters_out is not None:
        clusters_out.extend([items[i].claim for i in members] for members in clusters.values())
    findings: list[Finding] = []
    for members in clusters.values():
        group = [items[i].claim for i in members]
        if len(members) < 2 or len({c.value for c in group}) < 2:
            continue
        findings.extend(
            group_findings(group, GENERIC_CONFIDENCE, subject=_subject_words([items[i] for i in members], index))
        )
    return findings


def _best_of_sentences(items: list[Item], edges: list[tuple[int, int, float]]) -> Iterator[tuple[int, int]]:
    """The aligned pairs ``edges`` whose each side is, among its sentence's values, the best aligned with the other."""
    best: dict[tuple[int, int], float] = {}
    for a, b, score in edges:
        for mine, other in ((a, b), (b, a)):
            key = (id(items[mine].claim.statement), other)
            best[key] = max(best.get(key, score), score)
    for a, b, score in edges:
        if score >= best[id(items[a].claim.statement), b] and score >= best[id(items[b].claim.statement), a]:
            yield a, b


def _context(claim: Claim) -> str:
    """The value's clause (value included) and its question: where its qualifiers are written."""
    return own_words(claim, with_value=True) + " . " + claim.statement.question


def adopt_rules(
    claims: list[Claim],
    ruleset: RuleSet,
    names: Callable[[Claim], frozenset[str]] = lambda c: frozenset(),
    tiers: frozenset[str] = frozenset(),
    memo: ItemMemo | None = None,
    weigh: Weigh | None = None,
    chosen: dict[int, Claim] | None = None,
) -> list[Claim]:
    """Give an unmatched value the rule of a matched one it closely aligns with.

    "A replacement debit card takes 5-7 business days by mail" names no
    delivery phrase, but it says what "Replacement debit cards arrive in
    7-10 business days" says about the same thing: it joins that rule's
    group (with that claim's scope) and is compared there. ``weigh`` is as
    for :func:`generic_findings`; ``chosen``, when given, receives the
    anchor of each claim given a rule (by the claim's identity).
    """
    items = value_items(claims, ruleset, names, tiers, frozenset({"yesno"}), memo)
    index, sizes = (SubjectIndex.build([item.full for item in items]), None) if weigh is None else weigh(items)
    if not items:
        return claims
    families = _Families(items)
    best: dict[int, tuple[float, int]] = {}
    for a, b in _candidates(items, [item.claim.rule is None for item in items], sizes):
        loose, anchor = (a, b) if items[a].claim.rule is None else (b, a)
        score = _aligned(items[loose], items[anchor], index, families)
        if score is not None and (loose not in best or score > best[loose][0]):
            best[loose] = (score, anchor)
    position = {id(item.claim): i for i, item in enumerate(items)}
    out = []
    for claim in claims:
        i = position.get(id(claim))
        if i is not None and i in best:
            anchor_claim = items[best[i][1]].claim
            if chosen is not None:
                chosen[id(claim)] = anchor_claim
            claim = dataclasses.replace(claim, rule=anchor_claim.rule, scope=anchor_claim.scope)
        out.append(claim)
    return out


def _compat(claim: Claim) -> tuple[str, str, str, str]:
    """What two values must share exactly: kind, unit, role family (prices 'per X' are checked pairwise), language."""
    unit = "" if claim.kind == "duration" else claim.unit
    if claim.kind == "url":
        unit = claim.value.split("/", 1)[0]  # two pages of one site for one purpose can contradict; two sites cannot
    role = role_class(claim.kind, claim.role)
    if claim.kind == "money" and role.startswith("per:"):
        role = ""
    if claim.kind == "duration" and _ATTRIBUTIVE.match(claim.surface) and head_words(claim):
        role = "attributive"  # "90 day certificates" names a kind of thing, it states no period
    elif claim.kind == "duration" and _EVERY.search(claim.statement.text, max(0, claim.span[0] - 12), claim.span[0]):
        role = "every"  # "renew every 60 days" is how often, not how long
    elif claim.kind == "duration" and _EXTRA.search(own_words(claim)):
        role = "extra"  # "extend your due date by up to 30 days" adds to a period, it is not the period
    return (claim.kind, unit, role, locale_key(claim.statement.locale))


def _scope(text: str, ruleset: RuleSet, programme: bool) -> tuple[tuple[str, str], ...]:
    """Every scope qualifier in the value's own words and question (any dimension)."""
    union = any_generic_qualifier(ruleset)
    if union is not None and not union.search(text):  # no dimension can find anything: skip them all
        return (("tier", "member"),) if programme and "tier" in ruleset.dimensions else ()
    out = []
    for name in sorted(ruleset.dimensions):
        if not ruleset.dimensions[name].generic:
            continue
        values = sorted({v for _, v in ruleset.dimensions[name].find(text) if v})
        if name == "tier" and programme and not values:
            values = ["member"]
        if values:
            out.append((name, ",".join(values)))
    return tuple(out)


def _subject_words(members: list[Item], index: SubjectIndex) -> str:
    """A short name for a group: the rarest terms most of its members share, in the words and order
    the statements use ("first response time")."""
    counts: Counter[str] = Counter(t for item in members for t in item.own)
    shared = [t for t, n in counts.items() if n * 2 > len(members)] or list(counts)
    shared.sort(key=lambda t: (-index.idf.get(t, 0.0), t))
    texts = [text for item in members for text in (item.claim.statement.text, item.claim.statement.question)]
    return spelled(shared[:4], texts) or " ".join(shared[:4])


def scope_of_text(text: str, ruleset: RuleSet) -> tuple[tuple[str, str], ...]:
    """Every scope qualifier in ``text`` (any dimension but the cut-off)."""
    return _scope(text, ruleset, False)
