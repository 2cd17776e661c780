"""Yes/no statements as mentions: a clause saying that something is, or is not, allowed, included, offered,
required, refundable, expiring, combinable or transferable.

A yes/no mention is a clause holding one of a small set of predicates (the
knowledge here is which words say the same thing: "permitted", "welcome",
"fine" and "OK" all allow; "comes with", "part of" and "covered" all include),
its value ``yes`` or ``no`` as the clause affirms or denies it. Its fields are
those of any mention (:mod:`consistency_check.engine.mention`): the words of its
clause without the predicate and the negation, its question, names,
qualifiers and place. Two mentions of one predicate class with different values
are compared like any other pair: they contradict when the model links them,
that is when they say it of the same thing, not merely with the same verb.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from consistency_check.engine.claims import EXAMPLE, Claim
from consistency_check.engine.mention import Mention, build_mentions
from consistency_check.engine.subject import Lexicon
from consistency_check.engine.text import clauses, sentences
from consistency_check.facts.bridge import language_of, yes_no_bridge
from consistency_check.facts.polarity import is_negated
from consistency_check.model import Statement
from consistency_check.rules import RuleSet

#: Predicate words by what they say; each class is compared only with itself.
PREDICATES: dict[str, tuple[str, ...]] = {
    "allow": (
        "allowed",
        "allow",
        "allows",
        "permitted",
        "welcome",
        "ok",
        "okay",
        "fine",
        "accepted",
        "accept",
        "accepts",
        "eligible",
        "can bring",
        "may bring",
        "can use",
        "may use",
        "off limits",
        "prohibited",
        "forbidden",
        "banned",
    ),
    "include": (
        "included",
        "include",
        "includes",
        "comes with",
        "come with",
        "part of",
        "covered",
        "covers",
        "cover",
    ),
    "offer": ("offered", "offer", "offers", "available", "provided", "provide", "provides", "supported", "supports"),
    "require": ("required", "require", "requires", "mandatory", "needed", "need", "needs", "optional"),
    "refund": ("refundable", "refunded", "refund", "refunds", "non-refundable", "nonrefundable"),
    "expire": ("expire", "expires", "expiring", "expired", "expiration"),
    "combine": (
        "combine",
        "combined",
        "combinable",
        "stack",
        "stacked",
        "stackable",
        "used together",
        "in conjunction",
    ),
    "transfer": ("transferable", "transferrable", "transferred", "non-transferable", "nontransferable"),
}
#: Predicates that deny by themselves ("off limits", "optional": not required, "non-refundable").
_DENYING = frozenset(
    {
        "off limits",
        "prohibited",
        "forbidden",
        "banned",
        "optional",
        "non-refundable",
        "nonrefundable",
        "non-transferable",
        "nontransferable",
    }
)
_CLASS = {word: name for name, words in PREDICATES.items() for word in words}
_BY_FIRST: dict[str, list[str]] = {}
for _word in sorted(_CLASS, key=len, reverse=True):
    _BY_FIRST.setdefault(_word[0], []).append(re.escape(_word).replace(r"\ ", r"\s+"))
#: The predicates, longest first within each first letter: no character matches two different letters, so
#: the same predicate wins as in one list longest first, and the engine skips most offsets at the first letter.
_PREDICATE = re.compile(
    r"(?<![\w-])(?:" + "|".join("(?:" + "|".join(group) + ")" for group in _BY_FIRST.values()) + r")(?![\w-])",
    re.IGNORECASE,
)


#: "Allow" before an amount of time asks the reader to wait ("allow 7-14 business days", "please allow up to 48
#: hours"): it permits nothing.
_ALLOW_TIME = re.compile(
    r"\s+(?:up\s+to\s+|at\s+least\s+|about\s+|around\s+|approximately\s+)?"
    r"(?:\d[\d\s\-\u2013]*(?:to\s+\d+\s*)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several|an?"
    r"|extra|additional|enough|plenty\s+of)\s+)?(?:(?:more|extra|additional|business|working|calendar)\s+)?"
    r"(?:time|days?|hours?|minutes?|weeks?|months?)\b",
    re.IGNORECASE,
)
#: A question asking yes or no ("Is the fee refundable?", "Can I bring my dog?"), not one that asks which.
_POLAR_QUESTION = re.compile(
    r"^\W*(?:q\s*[:.]\s*)?(?P<aux>do|does|can|could|may|will|is|are)\s+(?P<rest>[^?]+?)\s*\?\W*$", re.IGNORECASE
)
_NOT_POLAR = re.compile(r"\b(?:not|no|never|if|unless|whether|when|without|how|what|which)\b|n['’]t\b", re.IGNORECASE)
#: "or" before a second predicate asks about two things ("Is the fee refundable or transferable?"): a no denies
#: both, a yes affirms one without saying which. Before a second name it asks one thing ("Can I use my student or
#: NHS discount?").
_OR = re.compile(r"\bor\b", re.IGNORECASE)
_ALTERNATIVE = re.compile(r"\s+[a-z]+(?:able|ible|ed)\b", re.IGNORECASE)
#: An answer's first word saying yes or no ("No.", "Yes, ...", "Yep!", "Sorry, no:").
_ANSWER = re.compile(
    r"\W*(?:sorry,?\s+)?(?P<word>yes|yep|yeah|yup|no|nope|absolutely|of\s+course|certainly|definitely|sure)\b"
    r"(?=\s*[.,!;:\u2013\u2014-]|\s*$)",
    re.IGNORECASE,
)
#: An answer that regrets before it says what ("Sorry, we aren't able to ship there", "Unfortunately, pets can't
#: stay"): a no when its first clause denies.
_REGRET = re.compile(
    r"\W*(?P<word>sorry|unfortunately|i['’]m\s+sorry|i['’]m\s+afraid|we['’]re\s+sorry)\b", re.IGNORECASE
)
_YES = frozenset({"yes", "yep", "yeah", "yup", "absolutely", "of course", "certainly", "definitely", "sure"})
#: "Can I ...?" and "May I ...?" ask whether something is allowed.
_PERMISSION = frozenset({"can", "could", "may"})


def _regretted(text: str) -> re.Match[str] | None:
    """The regret opening an answer whose first clause then denies ("Sorry, we aren't able to ship to APO/FPO
    addresses"), as a no; ``None`` otherwise."""
    regret = _REGRET.match(text)
    if regret is None:
        return None
    clause = next(iter(clauses(text, *next(iter(sentences(text)), (0, len(text))))), (0, len(text)))
    words = list(re.finditer(r"[A-Za-z'’]+", text[regret.end() : max(clause[1], regret.end() + 1)]))
    if words and words[0].group(0).lower() in ("not", "no"):
        return regret  # "Unfortunately not, ..."
    if not any(is_negated(text, regret.end() + w.start(), regret.end() + w.end()) for w in words[1:8]):
        return None
    return regret


def answer_claim(stmt: Statement) -> Claim | None:
    """The yes or no a statement's first word gives to its yes/no question ("Is the application fee refundable?" /
    "No. ..."), as a claim of the question's predicate (or, after "Can I ...?", of its being allowed)."""
    q = _POLAR_QUESTION.match(stmt.question)
    if q is None or _NOT_POLAR.search(q.group("rest")):
        return None
    answer = _ANSWER.match(stmt.text) or _regretted(stmt.text)
    if answer is None:
        return None
    alternative = _OR.search(q.group("rest"))
    yes = " ".join(answer.group("word").lower().split()) in _YES
    if alternative is not None and yes and _ALTERNATIVE.match(q.group("rest"), alternative.end()):
        return None  # "Is it refundable or transferable? Yes.": one of the two, not said which (a no denies both)
    found = _PREDICATE.search(q.group("rest"))
    if found is not None:
        word = " ".join(found.group(0).lower().split())
        cls, denied = _CLASS[word], word in _DENYING
    elif q.group("aux").lower() in _PERMISSION:
        cls, denied = "allow", False
    else:
        return None
    if not yes:
        denied = not denied
    sentence = next(iter(sentences(stmt.text)), (0, len(stmt.text)))
    # The quote is the question and its answer: the words the yes or no is about are the question's.
    quote = stmt.question.strip() + " " + stmt.text[sentence[0] : sentence[1]]
    span = (answer.start("word"), answer.end("word"))
    return Claim(
        stmt,
        "yesno",
        "no" if denied else "yes",
        cls,
        "",
        (),
        None,
        "",
        quote,
        answer.group("word"),
        (),
        False,
        span=span,
    )


#: A clause opening on a condition ("If the website won't accept a code, ...", "unless we cancelled").
_CONDITION = re.compile(r"[\W_]*(?:(?:and|but|or|so)\s+)?(?:if|unless|whether)\b", re.IGNORECASE)
#: "Welcome" before a noun names a thing ("your welcome discount", "a welcome pack"), it allows nothing; before a
#: preposition or an adverb it does ("dogs welcome on the patio", "walk-ins welcome anytime").
_WELCOME_NOUN = re.compile(
    r"\s+(?!(?:to|on|in|at|with|for|from|here|there|inside|outside|aboard|anytime|any|always|too|back|again|and|or"
    r"|but|as|if|when|until|during|throughout|provided|so|all|every|each|onboard)\b)[a-z]"
)
#: A clause opening on "Welcome to ..." or saying only "Welcome!" greets ("Hi, and welcome to Kestrel Dental").
_GREETING = re.compile(r"[\W_]*(?:(?:hi|hello|hey|and|a\s+(?:warm|big))[\s,!.]+)*", re.IGNORECASE)
#: After a greeting's "welcome": a place ("to Kestrel Dental") or nothing ("Welcome!").
_TO = re.compile(r"\s+to\b|[\W_]*$", re.IGNORECASE)
#: Predicates that are also nouns: alone in a clause, a heading's noun ("Refunds", "Offers"); after a determiner,
#: a thing named ("a full refund", "the offer", "your cover"). Neither says a yes or no.
_NOUN_FORMS = frozenset({"refund", "refunds", "offer", "offers", "expiration", "cover", "stack", "need", "needs"})
_DETERMINER = re.compile(r"\b(?:a|an|the|your|our|their|its|this|that|full|partial)\s+$", re.IGNORECASE)


def _predicate(text: str, start: int, end: int) -> tuple[re.Match[str], str, bool] | None:
    """The predicate a clause says yes or no about, its word, and whether the clause denies it: the first predicate
    the clause negates, else its first ("Other animals, including pets in carriers, are not allowed": not
    allowed). ``None`` when the clause holds none, or only a predicate that asserts nothing there."""
    first: tuple[re.Match[str], str, bool] | None = None
    for m in _PREDICATE.finditer(text, start, end):
        word = " ".join(m.group(0).lower().split())
        if _CLASS[word] == "allow" and _ALLOW_TIME.match(text, m.end()):
            continue  # "allow 7-14 business days": time to wait, not a permission
        if word == "welcome" and (
            _WELCOME_NOUN.match(text, m.end(), end)
            or (_GREETING.fullmatch(text, start, m.start()) and _TO.match(text, m.end(), end))
        ):
            continue  # "your welcome discount"; "Welcome to Kestrel Dental", a greeting
        if word in _NOUN_FORMS and (
            _DETERMINER.search(text, max(start, m.start() - 12), m.start())
            or not text[start:end].strip(" \t*-:.|").lower().replace(word, "").strip()
        ):
            continue
        denied = word in _DENYING
        # A predicate denying by its own prefix ("non-refundable") is negated only by words before it: its
        # "non-" is the denial it already gives, not a second one.
        negated = is_negated(text, m.start(), m.start() if word.startswith("non") else m.end())
        if negated:
            return m, word, not denied
        if first is None:
            first = m, word, denied
    return first


def _same(start: int, end: int) -> tuple[int, int]:
    return start, end


def polar_claims(statements: Iterable[Statement], examples: bool = False) -> Iterator[Claim]:
    """A yes/no claim for each clause holding a predicate (the one it negates, else its first: :func:`_predicate`),
    valued by whether the clause denies it, and for each yes or no answering a yes/no question (see
    :func:`answer_claim`). Questions and clauses opening on a condition state none."""
    for stmt in statements:
        if stmt.dynamic or not stmt.text:
            continue
        if stmt.question and (answered := answer_claim(stmt)) is not None:
            yield answered
        # In a language with a table, the words saying yes or no are read as their English ("no es reembolsable":
        # "not es refundable"); quotes and spans are the statement's own words.
        bridged = yes_no_bridge(stmt.text, language_of(stmt.locale)) if stmt.locale else None
        text = bridged.text if bridged is not None else stmt.text
        origin = bridged.origin if bridged is not None else _same
        if _PREDICATE.search(text) is None:
            continue  # most statements hold no predicate: one look is cheaper than splitting them into clauses
        for s0, s1 in sentences(text):
            if not examples and EXAMPLE.search(text, s0, s1):
                continue
            if text[s0:s1].rstrip().endswith("?"):
                continue  # a question asks, it states nothing (its answer is read by answer_claim)
            q0, q1 = origin(s0, s1)
            quote = stmt.text[q0:q1]
            for c0, c1 in clauses(text, s0, s1):
                if _CONDITION.match(text, c0, c1):
                    continue  # "if the website won't accept a code": a case, not a policy
                found = _predicate(text, c0, c1)
                if found is None:
                    continue
                m, word, denied = found
                p0, p1 = origin(m.start(), m.end())
                yield Claim(
                    stmt,
                    "yesno",
                    "no" if denied else "yes",
                    _CLASS[word],
                    "",
                    (),
                    None,
                    "",
                    quote,
                    stmt.text[p0:p1],
                    (),
                    False,
                    span=(p0, p1),
                )


def polar_mentions(statements: Iterable[Statement], ruleset: RuleSet, lexicon: Lexicon) -> list[Mention]:
    """The yes/no mentions of ``statements`` (their key holds the predicate class: see :func:`polar_claims`)."""
    return build_mentions(polar_claims(statements), ruleset, lexicon, polar=True)
