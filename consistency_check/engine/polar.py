"""Rule-less yes/no contradictions: one place denies what another affirms.

A sentence that negates a verb ("we don't offer notary services", "points
never expire", "usage is not included") is compared with sentences that use
the same verb without a negation ("we offer free notary services", "points
expire 3 years after they are earned"). They disagree when the rest of
their words are about the same thing (weighted overlap of subject terms,
same names and scope, no contrasting modifiers). Sentences a yes/no rule
already reads are left to that rule.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Protocol

from consistency_check.engine.claims import Claim
from consistency_check.engine.compare import group_findings, locale_key
from consistency_check.engine.subject import SubjectIndex, contrasting, label_numbers, names_conflict, stem, terms
from consistency_check.engine.text import clauses, sentences, span_containing
from consistency_check.facts.polarity import is_negated
from consistency_check.model import Finding, Statement
from consistency_check.rules import RuleSet

CONFIDENCE = 0.5
#: Weighted overlap of the two clauses' terms (relative to the smaller), and how many terms they must share.
MIN_OVERLAP = 0.5
MIN_SHARED = 2
MAX_BUCKET = 400

_AUX = r"(?:do|does|did|is|are|was|were|will|can|could|would|should|has|have|had|may|must)"
_NEGATED_VERB = re.compile(
    rf"\b(?:{_AUX}\s+not|{_AUX}n['’]t|cannot|can['’]t|won['’]t|never|no\s+longer)\s+(?:(?:be|been|get|yet|currently|always)\s+)*([a-z]+)",
    re.IGNORECASE,
)
_PURPOSE = re.compile(r"\bto\s+$", re.IGNORECASE)
# Predicates that say nothing on their own.
_WEAK = frozenset(
    "be have do get go know need want see find make take give use like apply sure able hesitate worry forget wait miss".split()
)
_WORD = re.compile(r"[A-Za-z]+")
# Conditions, questions and examples state no policy of their own.
_NOT_A_CLAIM = re.compile(
    r"\b(?:if|unless|whether|when|without|asking|ask|asks|for example|such as|e\.g|i\.e)\b|\?",
    re.IGNORECASE,
)


Denial = tuple[Claim, frozenset[str], frozenset[str], str]


class PolarHook(Protocol):
    """What a caller may watch or decide in :func:`polar_findings` (see :mod:`consistency_check.incremental`)."""

    def seen(self, negatives: list[Denial], plain: list[tuple[Statement, int, int]]) -> None:
        """The denials found, and the sentences that deny nothing."""

    def too_common(self, verb: str, hits: int) -> bool:
        """Whether ``verb`` is used too often (``hits`` times here) to compare its uses."""

    def index(self, sets_by_verb: dict[str, list[frozenset[str]]]) -> SubjectIndex:
        """The term weights, from the term sets each denied verb brings."""


def polar_findings(
    statements: Iterable[Statement],
    ruleset: RuleSet,
    claimed: set[tuple[int, int]],
    names: Callable[[Claim], frozenset[str]],
    scope: Callable[[str], tuple[object, ...]],
    hook: PolarHook | None = None,
) -> list[Finding]:
    """Findings for sentences that deny what other sentences affirm.

    ``claimed`` holds (statement id, sentence start) pairs a yes/no rule has read.
    """
    negatives: list[tuple[Claim, frozenset[str], frozenset[str], str]] = []
    by_stem: dict[str, list[tuple[Statement, int, int, int, int]]] = defaultdict(list)
    plain: list[tuple[Statement, int, int]] = []
    for stmt in statements:
        if stmt.dynamic or not stmt.text:
            continue
        text = stmt.text
        for s0, s1 in sentences(text):
            if (id(stmt), s0) in claimed or _NOT_A_CLAIM.search(text, s0, s1):
                continue
            found_negation = False
            for m in _NEGATED_VERB.finditer(text, s0, s1):
                verb = stem(m.group(1))
                if m.group(1).lower() in _WEAK or verb in _WEAK or len(verb) < 3:
                    continue
                clause = span_containing(clauses(text, s0, s1), m.start())
                if not text[clause[0] : m.start()].strip(" \t\"'“‘(*_-"):
                    continue  # "Don't mark up the content": an instruction, not a statement of policy
                found_negation = True
                claim = _claim(stmt, text, (s0, s1), (m.start(), m.end()), "no", verb)
                negatives.append((claim, *_terms(claim, verb), verb))
            if not found_negation:
                plain.append((stmt, s0, s1))
    if hook is not None:
        hook.seen(negatives, plain)
    if not negatives:
        return []
    verbs = {n[3] for n in negatives}
    for stmt, s0, s1 in plain:  # where the denied verbs are used without a negation
        for w in _WORD.finditer(stmt.text, s0, s1):
            word = stem(w.group(0))
            if word in verbs:
                by_stem[word].append((stmt, s0, s1, w.start(), w.end()))
    pairs: list[tuple[Claim, Claim]] = []
    denials: dict[str, list[tuple[Claim, frozenset[str], frozenset[str], str]]] = defaultdict(list)
    for negative in negatives:
        denials[negative[3]].append(negative)
    sets_by_verb = {verb: [n[2] for n in negs] for verb, negs in denials.items()}
    too_common = hook.too_common if hook is not None else lambda verb, hits: hits > MAX_BUCKET
    cand_by_verb = {
        verb: _affirmations(verb, by_stem.get(verb, []), negs, sets_by_verb[verb], too_common) for verb, negs in denials.items()
    }
    if hook is not None:
        index = hook.index(sets_by_verb)
    else:
        index = SubjectIndex.build([s for sets in sets_by_verb.values() for s in sets])
    for neg, own_n, full_n, verb in negatives:
        for pos, own_p, full_p in cand_by_verb[verb]:
            if locale_key(pos.statement.locale) != locale_key(neg.statement.locale):
                continue
            if not (own_n & full_p) or not (own_p & full_n) or names_conflict(names(neg), names(pos)):
                continue
            if len(own_n & own_p) < MIN_SHARED or index.similarity(own_n, own_p) < MIN_OVERLAP:
                continue
            if not _same_actor(neg, pos, full_n, full_p) or label_numbers(neg) != label_numbers(pos):
                continue
            if scope(_context(neg)) != scope(_context(pos)) or contrasting(_context(neg), _context(pos), "yesno"):
                continue
            pairs.append((neg, pos))
    return _cluster(pairs, index)


def _affirmations(
    verb: str,
    hits: list[tuple[Statement, int, int, int, int]],
    negs: list[tuple[Claim, frozenset[str], frozenset[str], str]],
    all_sets: list[frozenset[str]],
    too_common: Callable[[str, int], bool] = lambda verb, hits: hits > MAX_BUCKET,
) -> list[tuple[Claim, frozenset[str], frozenset[str]]]:
    """The sentences that use ``verb`` without negating it, in the order the denials of ``verb`` meet them.

    A denial is compared with the uses of its verb in every other statement;
    uses in the first denial's own statement come last, and only when
    another statement denies it too. Each use counts once per denial it is
    compared with in the term weights (``all_sets``), as rare words are
    what makes two sentences about the same thing.
    """
    if too_common(verb, len(hits)):
        return []
    first = negs[0][0].statement
    denials_in = Counter(id(n[0].statement) for n in negs)
    kept: list[tuple[Claim, frozenset[str], frozenset[str]]] = []
    later: list[tuple[Claim, frozenset[str], frozenset[str]]] = []
    for stmt, s0, s1, w0, w1 in hits:
        times = len(negs) - denials_in[id(stmt)]
        if not times or is_negated(stmt.text, w0, w1) or _PURPOSE.search(stmt.text, max(0, w0 - 4), w0):
            continue  # "the process it uses to verify" asserts nothing about verifying
        pos = _claim(stmt, stmt.text, (s0, s1), (w0, w1), "yes", verb)
        own_p, full_p = _terms(pos, verb)
        (later if stmt is first else kept).append((pos, own_p, full_p))
        all_sets.extend([full_p] * times)
    return kept + later


def _same_actor(neg: Claim, pos: Claim, full_n: frozenset[str], full_p: frozenset[str]) -> bool:
    """Whoever does it must be the same: "we do not charge a fee" is not denied by "integrators charge a fee"."""
    for claim, other in ((neg, full_p), (pos, full_n)):
        text = claim.statement.text
        start = text.find(claim.quote)
        clause = span_containing(clauses(text, start, start + len(claim.quote)), claim.span[0]) if start >= 0 else (0, 0)
        actor = frozenset(terms(text[clause[0] : claim.span[0]], "yesno")) - {claim.obj}
        if actor and not actor & other:
            return False
    return True


def _claim(stmt: Statement, text: str, sent: tuple[int, int], span: tuple[int, int], value: str, verb: str) -> Claim:
    return Claim(
        stmt, "yesno", value, "", "", (), None, verb, text[sent[0] : sent[1]], text[span[0] : span[1]], (), False, span=span
    )


def _terms(claim: Claim, verb: str) -> tuple[frozenset[str], frozenset[str]]:
    """Terms of the clause holding the predicate, and those plus the question's (the verb left out)."""
    text = claim.statement.text
    start = text.find(claim.quote)
    clause = span_containing(clauses(text, start, start + len(claim.quote)), claim.span[0]) if start >= 0 else (0, 0)
    own = frozenset(t for t in terms(text[clause[0] : clause[1]] or claim.quote, "yesno") if t != verb)
    question = frozenset(t for t in terms(claim.statement.question, "yesno") if t != verb)
    return own, own | question


def _context(claim: Claim) -> str:
    """The clause holding the predicate, and the question: where its qualifiers are."""
    text = claim.statement.text
    start = text.find(claim.quote)
    if start < 0:
        return claim.quote + " . " + claim.statement.question
    clause = span_containing(clauses(text, start, start + len(claim.quote)), claim.span[0])
    return text[clause[0] : clause[1]] + " . " + claim.statement.question


def _cluster(pairs: list[tuple[Claim, Claim]], index: SubjectIndex) -> list[Finding]:
    parent: dict[tuple[int, int], tuple[int, int]] = {}
    claim_of: dict[tuple[int, int], Claim] = {}

    def key(c: Claim) -> tuple[int, int]:
        k = (id(c.statement), c.span[0])
        claim_of.setdefault(k, c)
        parent.setdefault(k, k)
        return k

    def find(k: tuple[int, int]) -> tuple[int, int]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for neg, pos in pairs:
        a, b = key(neg), key(pos)
        parent[find(a)] = find(b)
    groups: dict[tuple[int, int], list[Claim]] = defaultdict(list)
    for k in parent:
        groups[find(k)].append(claim_of[k])
    findings = []
    for group in groups.values():
        verb = group[0].obj
        words = sorted(
            {t for c in group for t in terms(c.quote, "yesno") if t != verb}, key=lambda t: (-index.idf.get(t, 0.0), t)
        )[:3]
        subject = " ".join(words + [verb])
        grouped = [Claim(c.statement, c.kind, c.value, "", "", (), None, "", c.quote, c.surface, (), False, span=c.span) for c in group]
        findings.extend(group_findings(grouped, CONFIDENCE, subject=subject))
    return findings
