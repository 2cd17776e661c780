"""Fact mentions: each value a statement gives, as a record of everything but the value that says what it is about.

Deciding whether two values state the same fact is record linkage: a mention
carries fields (the question it answers, the words of its own clause, the words
right next to it, its qualifiers, the names it is stated for, its table row and
column, its document and section, the rule whose phrases name it), and two
mentions are compared field by field (:mod:`consistency_check.engine.evidence`)
without looking at their values. A contradiction is a confident link whose
values differ.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from consistency_check.engine.address import host, site
from consistency_check.engine.claims import EXAMPLE, Claim, row_label
from consistency_check.engine.compare import BOUNDED_KINDS, BOUNDS, locale_key, role_class
from consistency_check.engine.subject import Lexicon, names_memo, own_words
from consistency_check.engine.words import question_terms, terms
from consistency_check.facts.common import CHANGE_VERB, PERSON_NOUNS, singular
from consistency_check.model import Fact, Statement
from consistency_check.rules import RuleSet, any_generic_qualifier

_T = TypeVar("_T")

#: Content words on each side of a value that count as "next to" it.
NEAR = 4
#: Words of a statement's heading path or condition kept as its section ("Fees / Late payment").
_PATH_SEP = " / "
_CELL = " | "
_HEADER_CELL = re.compile(r"^\s*([^:|]{1,40}):\s")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: Words that mark a sentence as telling what was or will be, not what is ("was $10, now $12", "from 1 March").
_CHANGE = re.compile(
    r"\b(?:was|were|previously|formerly|used to|no longer|increas\w*|decreas\w*|rais\w*|reduc\w*|"
    rf"chang\w* (?:from|to)|{CHANGE_VERB}(?:\s+(?:up|down))?\s+from|effective|starting|beginning|from now on|"
    r"until then|old|new)\b",
    re.IGNORECASE,
)


_NONE: frozenset[str] = frozenset()
_NO_QUALS: frozenset[tuple[str, str]] = frozenset()


@dataclass(eq=False, slots=True)
class Mention:
    """One value of one statement, with the fields two mentions are compared on (see the module docstring)."""

    claim: Claim
    #: What two mentions must share to be compared at all: kind, unit class, role class, language.
    key: tuple[str, str, str, str]
    channel: str
    path: str
    #: The statement's section: its file, origin and question (one heading of one page).
    section: tuple[str, str, str]
    #: Table row label and column header of a value written in a table ("" elsewhere).
    row: str
    column: str
    #: The row label's words and numbers (see ``local``), empty outside tables.
    row_terms: frozenset[str]
    #: Content words (stems) of the value's own part of its sentence (its label, row and column included),
    #: and of its question and heading path.
    local: frozenset[str]
    question: frozenset[str]
    #: Scope qualifiers (dimension, value) in its question or heading path.
    heading_quals: frozenset[tuple[str, str]]
    #: The other facts of the sentence as (kind, value).
    others: frozenset[tuple[str, str]]
    # The fields below are filled in by MentionBuilder.complete, for a mention some candidate pair holds.
    complete: bool = False
    #: Content words of its whole sentence and of the words right next to it.
    #: (The sentence's and the statement's words are sorted tuples: a corpus has a set of them for nearly every
    #: statement, a tuple is a fifth of a set's size, and they are only compared whole or looked up in.)
    sentence: tuple[str, ...] = ()
    near: frozenset[str] = _NONE
    #: Content words of the whole statement (every sentence) and its question.
    statement: tuple[str, ...] = ()
    #: Scope qualifiers (dimension, value) written in the value's own words.
    quals: frozenset[tuple[str, str]] = _NO_QUALS
    names: frozenset[str] = _NONE
    #: The sentence illustrates or tells of a change ("for example", "was $10, now $12").
    example: bool = False
    changed: bool = False
    #: Other values of the same kind in the sentence.
    siblings: int = 0
    #: Of a yes/no mention, what its yes or no is said of (see :func:`theme`), and whether its clause bounds it by
    #: a condition or an amount ("refundable within 30 days", "not allowed unless ...").
    theme: frozenset[str] = _NONE
    scoped: bool = False

    @property
    def words(self) -> frozenset[str]:
        """Every content word the statement uses about this value: its sentence and question (made when asked:
        kept on every mention, the union was a set of its own for most of them)."""
        return self.question.union(self.sentence)

    @property
    def value(self) -> str:
        """The canonical value (two mentions agree when their values are equal)."""
        return self.claim.value

    @property
    def kind(self) -> str:
        """The fact kind."""
        return self.claim.kind

    @property
    def rule(self) -> str:
        """The code of the rule whose phrases name the value ("" when none does)."""
        return self.claim.rule.code if self.claim.rule is not None else ""


#: Nouns a count of people is said in: one channel's "guests" are another's "visitors", "players" or "jumpers", and
#: a children's party counts "children" where the booking page counts "jumpers". Who is counted is still said by
#: the words around the value; nouns naming a tier or a role ("members", "students", "instructors") are not here.
PEOPLE = frozenset(singular(w) for w in PERSON_NOUNS) | frozenset(
    "visitor participant attendee player jumper golfer diner camper rider swimmer skier patron child kid adult".split()
)


def mention_key(claim: Claim) -> tuple[str, str, str, str]:
    """Kind, unit class, role class and language: what two values must share to be compared."""
    unit = "" if claim.kind in ("duration", "hours") else claim.unit
    if claim.kind == "url":
        # Two pages of one site can contradict; two sites cannot. A site is its registered domain: the customer
        # portal at "portal.example.com" and the one at "example.com/portal" are one organisation's two answers.
        unit = site(host(claim.value, "url"))
    if claim.kind == "count" and unit in PEOPLE:
        unit = "person"  # "20 people", "20 guests", "parties of 20 jumpers": how many come is one count
    role = role_class(claim.kind, claim.role)
    if claim.kind in BOUNDED_KINDS and role in BOUNDS:
        # "at least 60 days' notice" and "30 days' notice", "book by December 19" and "the last day to book is
        # December 18": whether the bound matters is evidence
        role = ""
    if claim.kind == "money" and role.startswith("per:"):
        role = ""  # "$5 per item" and "$5": whether the unit matters is evidence, not a block
    return (claim.kind, unit, role, locale_key(claim.statement.locale))


def build_mentions(
    claims: Iterable[Claim], ruleset: RuleSet, lexicon: Lexicon, *, polar: bool = False
) -> list[Mention]:
    """A complete mention for every value claim; with ``polar``, for every yes/no claim instead (see
    :mod:`consistency_check.engine.proposition`)."""
    builder = MentionBuilder(ruleset, lexicon)
    out = builder.records(claims, polar=polar)
    for m in out:
        builder.complete(m)
    return out


class MentionBuilder:
    """Makes mentions in two steps: what blocking and the corpus's counts read (key, section, table cell, own
    words, question), for every value; the rest (sentence, statement, words next to the value, qualifiers,
    names), only for a mention a candidate pair holds. Most values of a corpus are paired with nothing (at 100k
    statements, 61,310 of 113,367 mentions): their other fields would be worked out for no comparison."""

    def __init__(
        self, ruleset: RuleSet, lexicon: Lexicon, names: Callable[[Claim], frozenset[str]] | None = None
    ) -> None:
        """``names``: the names of each claim's sentence and question (:func:`~.subject.names_memo` of ``lexicon``),
        shared with whatever worked them out for the same claims before."""
        self._ruleset = ruleset
        self._lexicon = lexicon
        self._names = names or names_memo(lexicon)
        self._shared = _Shared(ruleset, lexicon)

    def records(self, claims: Iterable[Claim], *, polar: bool = False) -> list[Mention]:
        """A mention for every value claim (``polar``: every yes/no claim), its blocking fields filled in;
        :meth:`complete` fills in the rest."""
        shared = self._shared
        return [
            _record(claim, shared)
            for claim in claims
            if (claim.kind == "yesno") == polar and not claim.statement.dynamic
        ]

    def complete(self, m: Mention) -> None:
        """Fill in the fields :meth:`records` left out (once; a complete mention is left as it is)."""
        if m.complete:
            return
        claim = m.claim
        own, labelled = _own_and_label(claim)
        shared = self._shared
        # The names in the value's own words ("Elite members get 3 passes and Flex members get 1": 3 is Elite's),
        # else those of its sentence and question.
        found = self._lexicon.names_in(own)
        names = found | shared.question_names(claim.statement.question) if found else self._names(claim)
        stmt = claim.statement
        text = stmt.text
        kind = claim.kind
        sent = max(text.find(claim.quote), 0)
        facts_in_sentence = [f for f in stmt.facts if sent <= f.span[0] < sent + len(claim.quote)]
        m.sentence, m.example, m.changed = shared.sentence(claim.quote, kind)
        m.near = shared.keep(_near(text, claim.span, (sent, sent + len(claim.quote)), facts_in_sentence, kind))
        m.statement = shared.statement(text, _heading(stmt), kind)
        m.quals = shared.keep(_qualifiers(own + " . " + labelled + " . " + m.column + " . " + m.row, self._ruleset))
        m.names = shared.keep(names)
        m.siblings = sum(1 for f in facts_in_sentence if f.kind == kind and f.span != claim.span)
        if kind == "yesno":
            m.theme = shared.keep(theme(claim))
            m.scoped = bool(_SCOPE.search(own))
        m.complete = True


class _Shared:
    """What the mentions of one statement, sentence or heading share, worked out once for all of them."""

    def __init__(self, ruleset: RuleSet, lexicon: Lexicon) -> None:
        self.ruleset = ruleset
        self.lexicon = lexicon
        self._heading: dict[tuple[str, str], tuple[frozenset[str], frozenset[tuple[str, str]]]] = {}
        self._statement: dict[tuple[str, str, str], tuple[str, ...]] = {}
        self._sentence: dict[tuple[str, str], tuple[tuple[str, ...], bool, bool]] = {}
        self._names: dict[str, frozenset[str]] = {}
        self._pool: dict[object, object] = {}

    def keep(self, value: _T) -> _T:
        """``value``, or the equal value kept before: a corpus's mentions repeat few distinct sets and keys
        (at 10k statements, 6 keys and 13 qualifier sets for 7,288 mentions), and each is kept once."""
        return self._pool.setdefault(value, value)  # type: ignore[return-value]

    def heading(self, heading: str, kind: str) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
        """The terms of a heading path (question and condition) and its qualifiers."""
        key = (heading, kind)
        found = self._heading.get(key)
        if found is None:
            found = self._heading[key] = (
                frozenset(question_terms(heading, kind)),
                _qualifiers(heading, self.ruleset),
            )
        return found

    def statement(self, text: str, heading: str, kind: str) -> tuple[str, ...]:
        """The terms of a whole statement and its heading path (sorted)."""
        key = (text, heading, kind)
        found = self._statement.get(key)
        if found is None:
            found = self._statement[key] = tuple(sorted(self.heading(heading, kind)[0].union(terms(text, kind))))
        return found

    def sentence(self, quote: str, kind: str) -> tuple[tuple[str, ...], bool, bool]:
        """The terms of a sentence (sorted), whether it gives an example, and whether it tells of a change."""
        key = (quote, kind)
        found = self._sentence.get(key)
        if found is None:
            found = self._sentence[key] = (
                tuple(sorted(set(terms(quote, kind)))),
                bool(EXAMPLE.search(quote)),
                bool(_CHANGE.search(quote)),
            )
        return found

    def question_names(self, question: str) -> frozenset[str]:
        """The names in a question, in any case (lower-case intent names)."""
        found = self._names.get(question)
        if found is None:
            found = self._names[question] = self.lexicon.names_in(question, any_case=True)
        return found


#: Words that end the phrase a predicate takes ("included with every plan": "with" ends it).
_THEME_END = frozenset(
    "for on in at with to from by until if unless when as but so than within after before during per via without "
    "once while because".split()
)
#: Punctuation that ends a phrase.
_PHRASE_END = re.compile(r"[,.;:!?()|\u2013\u2014\"]|\s-\s")


#: Words that bound what a yes or no is said of: a condition, an exception, a time or an amount.
_SCOPE = re.compile(
    r"\b(?:unless|as long as|provided|except|only|if|when|after|before|within|until|under|over|inside|more than"
    r"|less than|at least|up to|once|between|without)\b|\d",
    re.IGNORECASE,
)


def theme(claim: Claim) -> frozenset[str]:
    """What a yes/no clause says its yes or no of: the phrase its predicate takes ("we don't accept cash": cash;
    "Economy doesn't come with tracking": tracking), else the phrase before it, its subject ("Saver tickets are
    non-refundable"); a yes or no answering a question, or a pronoun ("we'll refund it"), says it of what the
    question asks."""
    stmt = claim.statement
    text = stmt.text
    asked = stmt.question.strip()
    if asked and claim.quote.startswith(asked):  # a yes or no answering its question
        return frozenset(question_terms(asked, "yesno"))
    start, end = claim.span
    stop = _PHRASE_END.search(text, end)
    taken: list[str] = []
    for word in _WORD.finditer(text, end, stop.start() if stop else len(text)):
        if word.group(0).lower() in _THEME_END and (taken or word.group(0).lower() != "to"):
            break  # "allowed to bring a dog": what it takes is a verb's phrase
        taken.append(word.group(0))
    found = terms(" ".join(taken), "yesno")
    if not found:
        lo = max(text.find(claim.quote), 0)
        for punct in _PHRASE_END.finditer(text, lo, start):
            lo = punct.end()
        found = terms(text[lo:start], "yesno")
    if found:
        return frozenset(found)
    # Nothing but the predicate and pronouns ("we'll refund it", "that's fine"): what the question asks.
    return frozenset(question_terms(asked, "yesno"))


def _heading(stmt: Statement) -> str:
    """A statement's heading path: its condition, then its question."""
    return _PATH_SEP.join(x for x in (stmt.condition, stmt.question) if x)


def _own_and_label(claim: Claim) -> tuple[str, str]:
    """The words of the value's own part of its sentence, and the label its sentence opens with ("Fee: $5")."""
    own = own_words(claim)
    label = _LABEL.match(claim.quote)
    text = claim.statement.text
    labelled = label.group(1) if label and label.end() <= claim.span[0] - max(text.find(claim.quote), 0) + 1 else ""
    return own, labelled


def _record(claim: Claim, shared: _Shared) -> Mention:
    """A mention with the fields blocking and the corpus's counts read (see :class:`MentionBuilder`)."""
    stmt = claim.statement
    text = stmt.text
    kind = claim.kind
    row, column = _cell(claim)
    own, labelled = _own_and_label(claim)
    said = " ".join((own, labelled, column, row))
    # Numbers around a value name things ("7-Day Pass", "Zone 3", "Level 2"): they count as words.
    local = frozenset(terms(said, kind)) | _numbers(said)
    if kind == "count":
        local |= frozenset(terms(claim.surface, kind))  # "6 private swim lessons": what is counted
    sent = max(text.find(claim.quote), 0)
    question, heading_quals = shared.heading(_heading(stmt), kind)
    keep = shared.keep
    return Mention(
        claim=claim,
        key=keep(mention_key(claim)),
        channel=stmt.channel,
        path=stmt.location.path,
        section=keep((stmt.location.path, stmt.origin, stmt.question)),
        row=keep(row),
        column=keep(column),
        row_terms=keep(frozenset(terms(row, kind)) | _numbers(row)) if row else _NONE,
        local=keep(local),
        question=question,
        heading_quals=heading_quals,
        others=keep(
            frozenset(
                (f.kind, f.value)
                for f in stmt.facts
                if sent <= f.span[0] < sent + len(claim.quote) and f.span != claim.span
            )
        ),
    )


#: Numbers that name things: a dimension ("10x20") whole, else a number alone or before a word ("7-Day").
_NUMBER = re.compile(
    r"(?<![\w.,])\d+(?:\s?[x×]\s?\d+)+(?![\w])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])|(?<![\w.,])\d+(?=-?[A-Za-z])"
)


def _numbers(text: str) -> frozenset[str]:
    """The numbers naming things in ``text`` as terms ("#7", "#10x20": "10 × 20" written either way)."""
    return frozenset("#" + n.replace(" ", "").replace("×", "x") for n in _NUMBER.findall(text))


_LABEL = re.compile(r"^\W*([A-Za-z][\w '’/&()-]{0,40}?)\s*[:：]\s")


def _cell(claim: Claim) -> tuple[str, str]:
    """The row label and the column header of a value in a table row ("" and "" elsewhere)."""
    text = claim.statement.text
    label = row_label(text)
    if not label:
        return "", ""
    cell_start = text.rfind(_CELL, 0, claim.span[0])
    cell = text[cell_start + len(_CELL) if cell_start >= 0 else 0 : claim.span[0]]
    header = _HEADER_CELL.match(cell)
    return label, header.group(1).strip().lower() if header else ""


def _near(text: str, span: tuple[int, int], sentence: tuple[int, int], facts: list[Fact], kind: str) -> frozenset[str]:
    """Content words among the few words on each side of the value, in its sentence, up to another value of its kind."""
    lo, hi = sentence
    for f in facts:
        if f.kind == kind and f.span != span:
            if f.span[1] <= span[0]:
                lo = max(lo, f.span[1])
            elif f.span[0] >= span[1]:
                hi = min(hi, f.span[0])
    before = [w.group(0) for w in _WORD.finditer(text, lo, span[0])]
    after = [w.group(0) for w in _WORD.finditer(text, span[1], max(hi, span[1]))]
    left = terms(" ".join(before[-2 * NEAR :]), kind)[-NEAR:]
    right = terms(" ".join(after[: 2 * NEAR]), kind)[:NEAR]
    return frozenset(left + right)


def _qualifiers(text: str, ruleset: RuleSet) -> frozenset[tuple[str, str]]:
    """Scope qualifiers of the generic dimensions found in ``text``."""
    union = any_generic_qualifier(ruleset)
    if union is not None and not union.search(text):
        return frozenset()
    out = set()
    for name, dim in ruleset.dimensions.items():
        if not dim.generic:
            continue
        for _, value in dim.find(text):
            if value:
                out.add((name, value))
    return frozenset(out)
