"""Yes/no statements as mentions: a clause saying that something is, or is not, allowed, included, offered,
required, refundable or expiring.

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
        "permit",
        "permits",
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
        "including",
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
}
#: Predicates that deny by themselves ("off limits", "optional": not required, "non-refundable").
_DENYING = frozenset({"off limits", "prohibited", "forbidden", "banned", "optional", "non-refundable", "nonrefundable"})
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


def polar_claims(statements: Iterable[Statement], examples: bool = False) -> Iterator[Claim]:
    """A yes/no claim for each clause holding a predicate (its first), valued by whether the clause denies it."""
    for stmt in statements:
        if stmt.dynamic or not stmt.text:
            continue
        text = stmt.text
        for s0, s1 in sentences(text):
            if not examples and EXAMPLE.search(text, s0, s1):
                continue
            quote = text[s0:s1]
            for c0, c1 in clauses(text, s0, s1):
                m = _PREDICATE.search(text, c0, c1)
                if m is None:
                    continue
                word = " ".join(m.group(0).lower().split())
                denied = word in _DENYING
                if is_negated(text, m.start(), m.end()):
                    denied = not denied
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
                    m.group(0),
                    (),
                    False,
                    span=(m.start(), m.end()),
                )


def polar_mentions(statements: Iterable[Statement], ruleset: RuleSet, lexicon: Lexicon) -> list[Mention]:
    """The yes/no mentions of ``statements`` (their key holds the predicate class: see :func:`polar_claims`)."""
    return build_mentions(polar_claims(statements), ruleset, lexicon, polar=True)
