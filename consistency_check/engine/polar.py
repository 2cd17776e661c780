"""Rule-less yes/no contradictions: one place denies what another affirms.

A sentence that negates a verb ("we don't offer notary services", "points
never expire", "usage is not included") is compared with sentences that use
the same verb without a negation ("we offer free notary services", "points
expire 3 years after they are earned"). They disagree when the rest of
their words are about the same thing (weighted overlap of subject terms,
same names and scope, no contrasting modifiers). Sentences a yes/no rule
already reads are left to that rule.

Two more ways of saying yes or no are read:

* **Answers**: "Yes." or "No." answering a yes/no question ("Do you serve
  Dunmore County? Yes.", a heading "Can I pay by cheque?" over "No, ...")
  affirms or denies the question's own predicate, with the question's words
  as its subject (and, after "Yes", the sentence that goes on to explain).
* **Availability**: "is available" and "offer" say the same thing, and a yes
  to "Can I ...?" says the thing is available, so "Zelle isn't available"
  is denied by "Can I send money with Zelle? Yes."

A domain every member of which is meant ("on any plan", "for all
accounts") is not a subject of its own: the claim covers the named plans
or accounts of the other side.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from consistency_check.engine.claims import Claim
from consistency_check.engine.compare import group_findings, locale_key
from consistency_check.engine.subject import SubjectIndex, label_numbers, names_conflict
from consistency_check.engine.text import clauses, sentences, span_containing
from consistency_check.engine.words import contrasting, one_sided_modifier, ruleset_defaults, stem, terms
from consistency_check.facts.polarity import is_negated
from consistency_check.model import Finding, Statement
from consistency_check.rules import RuleSet

CONFIDENCE = 0.5
_DEFAULTS = ruleset_defaults()
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
#: A bound after a negated verb: "can't weigh more than 20 lbs", "must not exceed 7 kg", "may not stay longer than 30
#: days".
_LIMIT = re.compile(
    r"(?:\s+(?:(?:more|less|fewer|longer|later|earlier|heavier|bigger|larger|higher|lower)\s+than|over|under|beyond"
    r"|in\s+excess\s+of)|(?<=exceed)|(?<=exceeds))\s+(?:a\s+total\s+of\s+|the\s+)?[$€£]?\d",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?:that|which|who)\s+$", re.IGNORECASE)
# An adjective right before a noun names a kind of thing, it asserts nothing: "available shipping methods".
_ATTRIBUTIVE = re.compile(
    r"[a-z]+(?:able|ible)\s+(?!(?:to|in|at|on|for|from|with|by|of|and|or|but|as|through|until|via|when|if|only|now"
    r"|today|online|here|there|again)\b)[a-z]",
    re.IGNORECASE,
)
_PREDICATE_BEFORE = re.compile(
    r"\b(?:is|are|be|been|was|were|remains?|stays?|becomes?)\s+(?:[a-z]+ly\s+|now\s+|also\s+|still\s+)?$", re.IGNORECASE
)
# Predicates that say nothing on their own.
_WEAK = frozenset(
    "be have do get go know need want see find make take give use like apply sure able hesitate worry forget wait "
    "miss".split()
)
_WORD = re.compile(r"[A-Za-z]+")
# Conditions, questions and examples state no policy of their own.
_NOT_A_CLAIM = re.compile(
    r"\b(?:if|unless|whether|when|without|asking|ask|asks|for example|such as|e\.g|i\.e)\b|\?",
    re.IGNORECASE,
)
#: Stems that say one thing: the thing is there to be had.
_SYNONYMS = {"offer": "availabl"}
_AVAILABLE = "availabl"
#: "is unavailable" denies availability as "is not available" does (a passing outage, "temporarily", does not).
_UNAVAILABLE = re.compile(r"\b(?:is|are|remains?|be)\s+(?:currently\s+|still\s+)?unavailable\b", re.IGNORECASE)
#: "on any plan", "for all accounts": a domain meant in full, not a subject.
_EVERY = re.compile(
    r"\b(?:on|in|with|for|at|across|under|from|to)\s+(?:any|all|every|each)\s+([A-Za-z]+)", re.IGNORECASE
)

# A yes/no question: an auxiliary, then the rest (no negation, no alternatives, no condition).
_QUESTION = re.compile(r"^[\W_]*(?:q\s*[:.]\s*)?(do|does|can|will|is|are)\s+([^?]+?)\s*\?[\W_]*$", re.IGNORECASE)
_QUESTION_NOT = re.compile(r"\b(?:not|no|never|or|if|unless|whether|when|without)\b|n['’]t\b", re.IGNORECASE)
# "Yes." / "No, ..." opening an answer ("No fees apply" is no answer).
_ANSWER = re.compile(r"[\W_]*(yes|no)(?:[.,!;:]|\s+[–—-]\s|\s*$)", re.IGNORECASE)
_PRONOUNS = frozenset("i you we they it he she".split())
_ADVERBS = frozenset("also still ever currently really actually now usually always even only just".split())
_BE = frozenset("is are".split())
_CAN = frozenset({"can"})
# A yes with a condition or an exception ("Yes, as long as ...", "Yes, but only ...") is no plain yes.
_QUALIFIED_YES = re.compile(r"\b(?:as long as|provided|except|only|but|some|most)\b", re.IGNORECASE)
#: A pronoun standing for what the sentence is about ("We don't waive it").
_PRONOUN_OBJECT = re.compile(r"\b(?:it|them|this|that)\b", re.IGNORECASE)
#: A sentence that opens on a condition ("If you carry comprehensive coverage, …").
_CONDITION = re.compile(r"[\W_]*(?:if|when|as long as|provided)\b", re.IGNORECASE)
_PARTICIPLE = re.compile(r"[a-z]{3,}(?:ed|able|ible)$")
#: After a modal or a negated auxiliary comes a verb: how the corpus tells verbs for questions without a pronoun.
_AFTER_MODAL = re.compile(
    r"\b(?:can|will|may|must|should|could|would|cannot|(?:do|does|did)(?:\s+not|n['’]t)|can['’]t|won['’]t)\s+([a-z]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Side:
    """A yes or a no, with the words that say what about and who does it."""

    claim: Claim
    verb: str
    own: frozenset[str]
    full: frozenset[str]
    context: str
    actor: frozenset[str]
    #: The words that state it: the predicate's clause, or the question an answer answers.
    clause: str
    answer: bool = False


Denial = _Side


class PolarHook(Protocol):
    """What a caller may watch or decide in :func:`polar_findings` (see :mod:`consistency_check.incremental`)."""

    def seen(
        self, negatives: list[Denial], plain: list[tuple[Statement, int, int]], affirmed: list[tuple[Statement, str]]
    ) -> None:
        """The denials found, the sentences that deny nothing, and the answers that affirm a verb ("Yes.")."""

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
    statements = [s for s in statements if not s.dynamic and s.text]
    negatives, plain = _denials(statements, claimed)
    by_stem: dict[str, list[tuple[Statement, int, int, int, int]]] = defaultdict(list)
    answers = _answers(statements, claimed)
    negatives.extend(a for a in answers if a.claim.value == "no")
    if hook is not None:
        hook.seen(negatives, plain, [(a.claim.statement, a.verb) for a in answers if a.claim.value == "yes"])
    if not negatives:
        return []
    verbs = {n.verb for n in negatives}
    for stmt, s0, s1 in plain:  # where the denied verbs are used without a negation (as :func:`_words` reads them)
        for w in _WORD.finditer(stmt.text, s0, s1):
            word = _canon(stem(w.group(0)))
            if word in verbs:
                by_stem[word].append((stmt, s0, s1, w.start(), w.end()))
    yes_answers: dict[str, list[_Side]] = defaultdict(list)
    for answer in answers:
        if answer.claim.value == "yes" and answer.verb in verbs:
            yes_answers[answer.verb].append(answer)
    pairs: list[tuple[Claim, Claim]] = []
    denials: dict[str, list[_Side]] = defaultdict(list)
    for negative in negatives:
        denials[negative.verb].append(negative)
    sets_by_verb = {verb: [n.full for n in negs] for verb, negs in denials.items()}
    too_common = hook.too_common if hook is not None else lambda verb, hits: hits > MAX_BUCKET
    cand_by_verb = {
        verb: _affirmations(
            verb, by_stem.get(verb, []), yes_answers.get(verb, []), negs, sets_by_verb[verb], too_common
        )
        for verb, negs in denials.items()
    }
    if hook is not None:
        index = hook.index(sets_by_verb)
    else:
        index = SubjectIndex.build([s for sets in sets_by_verb.values() for s in sets])
    for neg in negatives:
        pairs.extend((neg.claim, pos.claim) for pos in cand_by_verb[neg.verb] if _denies(neg, pos, names, scope, index))
    return _cluster(pairs, index)


def _denies(
    neg: _Side,
    pos: _Side,
    names: Callable[[Claim], frozenset[str]],
    scope: Callable[[str], tuple[object, ...]],
    index: SubjectIndex,
) -> bool:
    """Whether the denial ``neg`` and the affirmation ``pos`` say opposite things of one subject."""
    if locale_key(pos.claim.statement.locale) != locale_key(neg.claim.statement.locale):
        return False
    if not (neg.own & pos.full) or not (pos.own & neg.full) or names_conflict(names(neg.claim), names(pos.claim)):
        return False
    if len(neg.own & pos.own) < MIN_SHARED or index.similarity(neg.own, pos.own) < MIN_OVERLAP:
        return False
    if not _same_actor(neg, pos) or label_numbers(neg.claim) != label_numbers(pos.claim):
        return False
    if scope(neg.context) != scope(pos.context) or contrasting(neg.context, pos.context, "yesno"):
        return False
    return not ((neg.answer or pos.answer) and _narrower(neg, pos))


def _denials(
    statements: list[Statement], claimed: set[tuple[int, int]]
) -> tuple[list[_Side], list[tuple[Statement, int, int]]]:
    """Every sentence's denials ("we do not charge a fee"), and the sentences that deny nothing."""
    negatives: list[_Side] = []
    plain: list[tuple[Statement, int, int]] = []
    for stmt in statements:
        text = stmt.text
        for s0, s1 in sentences(text):
            if (id(stmt), s0) in claimed or _NOT_A_CLAIM.search(text, s0, s1):
                continue
            found_negation = False
            for m in _NEGATED_VERB.finditer(text, s0, s1):
                verb = _canon(stem(m.group(1)))
                if m.group(1).lower() in _WEAK or verb in _WEAK or len(verb) < 3:
                    continue
                clause = span_containing(clauses(text, s0, s1), m.start())
                if not text[clause[0] : m.start()].strip(" \t\"'“‘(*_-"):
                    continue  # "Don't mark up the content": an instruction, not a statement of policy
                if _RELATIVE.search(text, max(clause[0], m.start() - 8), m.start()):
                    continue  # "methods that don't offer tracking" picks out some methods, it denies nothing
                if _LIMIT.match(text, m.end()):
                    # "can't weigh more than 20 lbs" sets a limit ("can weigh up to 20 lbs"), it denies nothing
                    continue
                found_negation = True
                negatives.append(_side(_claim(stmt, text, (s0, s1), (m.start(), m.end()), "no", verb)))
            for m in _UNAVAILABLE.finditer(text, s0, s1):
                found_negation = True
                negatives.append(_side(_claim(stmt, text, (s0, s1), (m.start(), m.end()), "no", _AVAILABLE)))
            if not found_negation:
                plain.append((stmt, s0, s1))
    return negatives, plain


def plain_uses(
    plain: list[tuple[Statement, int, int]], affirmed: list[tuple[Statement, str]]
) -> dict[int, Counter[str]]:
    """Per statement (by identity), how often each verb is used without a negation.

    ``plain`` and ``affirmed`` are what :func:`polar_findings` tells :meth:`PolarHook.seen`: the sentences
    that deny nothing, and the verbs "Yes." answers affirm. The counts add up over statements: the
    changed-file path keeps them to know which verbs are used where.
    """
    out: dict[int, Counter[str]] = defaultdict(Counter)
    for stmt, s0, s1 in plain:
        uses = out[id(stmt)]
        for word, _, _ in _words(stmt.text, s0, s1):
            uses[word] += 1
    for stmt, verb in affirmed:
        out[id(stmt)][verb] += 1
    return out


def _words(text: str, start: int, end: int) -> Iterator[tuple[str, int, int]]:
    """The words of ``text[start:end]``, each as the stem a denied verb is compared by, with its span."""
    for w in _WORD.finditer(text, start, end):
        yield _canon(stem(w.group(0))), w.start(), w.end()


def _canon(word_stem: str) -> str:
    """One stem for words that say the same yes or no ("offer" and "available")."""
    return _SYNONYMS.get(word_stem, word_stem)


def _affirmations(
    verb: str,
    hits: list[tuple[Statement, int, int, int, int]],
    answers: list[_Side],
    negs: list[_Side],
    all_sets: list[frozenset[str]],
    too_common: Callable[[str, int], bool] = lambda verb, hits: hits > MAX_BUCKET,
) -> list[_Side]:
    """The sentences that use ``verb`` without negating it, in the order the denials of ``verb`` meet them.

    A denial is compared with the uses of its verb in every other statement;
    uses in the first denial's own statement come last, and only when
    another statement denies it too. Each use counts once per denial it is
    compared with in the term weights (``all_sets``), as rare words are
    what makes two sentences about the same thing. Answers ("Yes.") that
    affirm ``verb`` count as uses.
    """
    if too_common(verb, len(hits) + len(answers)):
        return []
    first = negs[0].claim.statement
    denials_in = Counter(id(n.claim.statement) for n in negs)
    kept: list[_Side] = []
    later: list[_Side] = []
    for stmt, s0, s1, w0, w1 in hits:
        times = len(negs) - denials_in[id(stmt)]
        if not times or is_negated(stmt.text, w0, w1) or _PURPOSE.search(stmt.text, max(0, w0 - 4), w0):
            continue  # "the process it uses to verify" asserts nothing about verifying
        if _ATTRIBUTIVE.match(stmt.text, w0) and not _PREDICATE_BEFORE.search(stmt.text, max(0, w0 - 24), w0):
            continue
        pos = _side(_claim(stmt, stmt.text, (s0, s1), (w0, w1), "yes", verb))
        (later if stmt is first else kept).append(pos)
        all_sets.extend([pos.full] * times)
    for answer in answers:
        times = len(negs) - denials_in[id(answer.claim.statement)]
        if times:
            (later if answer.claim.statement is first else kept).append(answer)
            all_sets.extend([answer.full] * times)
    return kept + later


def _narrower(neg: _Side, pos: _Side) -> bool:
    """The denial is about a kind of the thing affirmed: "street parking is not available" does not deny
    "Is parking available? Yes." (the words of an answer's question count, not those of its explanation)."""
    other = pos.clause if pos.answer else pos.context
    return one_sided_modifier(neg.clause, neg.clause, "", other, "yesno", _DEFAULTS)


def _same_actor(neg: _Side, pos: _Side) -> bool:
    """Whoever does it must be the same: "we do not charge a fee" is not denied by "integrators charge a fee"."""
    return all(not side.actor or side.actor & other.full for side, other in ((neg, pos), (pos, neg)))


def _claim(stmt: Statement, text: str, sent: tuple[int, int], span: tuple[int, int], value: str, verb: str) -> Claim:
    return Claim(
        stmt,
        "yesno",
        value,
        "",
        "",
        (),
        None,
        verb,
        text[sent[0] : sent[1]],
        text[span[0] : span[1]],
        (),
        False,
        span=span,
    )


def _side(claim: Claim) -> _Side:
    """A sentence's yes or no: terms of the clause holding the predicate, and those plus the question's (the verb left
    out)."""
    stmt = claim.statement
    text = stmt.text
    verb = claim.obj
    start = text.find(claim.quote)
    clause = span_containing(clauses(text, start, start + len(claim.quote)), claim.span[0]) if start >= 0 else (0, 0)
    said = text[clause[0] : clause[1]] or claim.quote
    own = _subject_terms(said, verb)
    referent = ""
    if not own and start >= 0 and _PRONOUN_OBJECT.search(said):
        # "… the deductible still applies to chip repairs. We don't waive it.": what "it" is, the sentence
        # before says (its words are the subject; the qualifiers that count are still those of the clause).
        before = [sp for sp in sentences(text) if sp[1] <= start]
        if before:
            referent = text[before[-1][0] : before[-1][1]]
            own = _subject_terms(referent, verb)
    question = _subject_terms(stmt.question, verb)
    actor = frozenset(terms(text[clause[0] : claim.span[0]], "yesno")) - {verb} if start >= 0 else frozenset()
    return _Side(claim, verb, own, own | question, referent + " " + said + " . " + stmt.question, actor, said)


def _subject_terms(text: str, verb: str) -> frozenset[str]:
    """Terms of ``text`` but the verb and any domain meant in full ("on any plan")."""
    every = {stem(m.group(1)) for m in _EVERY.finditer(text)}
    return frozenset(t for t in terms(text, "yesno") if _canon(t) != verb and t != "un" + verb and t not in every)


def _verb_lexicon(statements: list[Statement]) -> frozenset[str]:
    """Stems the corpus uses as verbs: the words after a modal or a negated auxiliary ("can send", "doesn't charge")."""
    return frozenset(stem(m.group(1)) for s in statements for m in _AFTER_MODAL.finditer(s.text))


def _answers(statements: list[Statement], claimed: set[tuple[int, int]]) -> list[_Side]:
    """Every "Yes."/"No." that answers a yes/no question, read as the question's predicate affirmed or denied."""
    out: list[_Side] = []
    lexicon: frozenset[str] | None = None
    for stmt in statements:
        text = stmt.text
        spans = sentences(text)
        pairs: list[tuple[str, int, int]] = []  # (question, answer sentence index, where the question starts)
        if spans and stmt.question:
            pairs.append((stmt.question, 0, spans[0][0]))
        for i in range(len(spans) - 1):
            pairs.append((text[spans[i][0] : spans[i][1]], i + 1, spans[i][0]))
        for question, i, q_start in pairs:
            a0, a1 = spans[i]
            answer = _ANSWER.match(text, a0, a1)
            q = _QUESTION.match(question) if answer else None
            if not answer or not q or _QUESTION_NOT.search(q.group(2)) or (id(stmt), a0) in claimed:
                continue
            if lexicon is None:
                lexicon = _verb_lexicon(statements)
            out.extend(_answer_sides(stmt, q.group(1).lower(), q.group(2), answer, spans, i, q_start, lexicon))
    return out


def _answer_sides(
    stmt: Statement,
    aux: str,
    rest: str,
    answer: re.Match[str],
    spans: list[tuple[int, int]],
    i: int,
    q_start: int,
    lexicon: frozenset[str],
) -> list[_Side]:
    """The yes or no of one answer, for the question's verb (and for availability, after "Can ...?")."""
    words = _WORD.findall(rest)
    at = _predicate(aux, words, lexicon)
    if at is None:
        return []
    verb = _canon(stem(words[at]))
    if words[at].lower() in _WEAK or verb in _WEAK or len(verb) < 3:
        return []
    value = "yes" if answer.group(1).lower() == "yes" else "no"
    text = stmt.text
    a0, a1 = spans[i]
    # After "Yes" the answer goes on to say what is affirmed; after "No" it mostly offers something else.
    end = a1
    if value == "yes" and not text[answer.end() : a1].strip() and i + 1 < len(spans):
        end = spans[i + 1][1]
        if _CONDITION.match(text, spans[i + 1][0]):
            # "Yes. If your state requires it, we can file …": a yes on a condition is still a yes to the
            # question (a flat no elsewhere contradicts it); what the condition says is not its subject.
            end = a1
    said = text[answer.end() : end]
    if _NOT_A_CLAIM.search(text, answer.end(), end) or (value == "yes" and _QUALIFIED_YES.search(said)):
        return []
    # Words of the answer that state the verb with the answer's own polarity ("Yes, we offer ...", "No, we don't ship
    # ...").
    said_stems = {
        _canon(stem(w.group(0)))
        for w in _WORD.finditer(text, answer.end(), end)
        if is_negated(text, w.start(), w.end()) == (value == "no")
    }
    verbs = [verb] + ([_AVAILABLE] if aux in _CAN and verb != _AVAILABLE else [])
    in_text = q_start < a0
    quote = text[q_start if in_text else a0 : end]
    actor = frozenset(terms(" ".join(words[:at]), "yesno")) if words[0].lower() not in _PRONOUNS else frozenset()
    heading = frozenset(terms(stmt.question, "yesno")) if in_text else frozenset()
    out = []
    for v in verbs:
        if v in said_stems:
            continue  # the answer says it in words of its own ("Yes, we offer ..."): read as a sentence
        own = _subject_terms(rest, v) - {verb} | (_subject_terms(said, v) if value == "yes" else frozenset())
        span = (answer.start(1), answer.end(1))
        claim = Claim(stmt, "yesno", value, "", "", (), None, v, quote, answer.group(1), (), False, span=span)
        context = rest + " . " + (said if value == "yes" else "") + " . " + stmt.question
        out.append(_Side(claim, v, own, own | (heading - {v, verb}), context, actor - {verb}, rest, answer=True))
    return out


def _predicate(aux: str, words: list[str], lexicon: frozenset[str]) -> int | None:
    """Where the question's predicate is: the verb after a pronoun ("do you serve"), a participle
    after "is"/"are" ("are returns accepted"), or a word the corpus uses as a verb."""
    if not words:
        return None
    if words[0].lower() in _PRONOUNS:
        at = 1
        while at < len(words) and words[at].lower() in _ADVERBS:
            at += 1
        if at + 1 < len(words) and words[0].lower() in ("i", "we") and words[at + 1].lower() == "you":
            return None  # "Can I help you ...?" offers help, it asks after no policy
        return at if at < len(words) else None
    for at in range(1, len(words)):
        word = words[at].lower()
        if aux in _BE:
            if _PARTICIPLE.match(word):
                return at
        elif word == word.lower() and words[at] == word and stem(word) in lexicon:
            return at
    return None


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
        said = [{t for t in terms(c.quote, "yesno") if _canon(t) != verb} for c in group]
        shared = set.intersection(*said)
        # Words every side uses name the subject best; the rarest first.
        words = sorted(set.union(*said), key=lambda t: (t not in shared, -index.idf.get(t, 0.0), t))[:3]
        subject = " ".join(words + [verb])
        grouped = [
            Claim(c.statement, c.kind, c.value, "", "", (), None, "", c.quote, c.surface, (), False, span=c.span)
            for c in group
        ]
        findings.extend(group_findings(grouped, CONFIDENCE, subject=subject))
    return findings
