"""Corpus-wide counts kept in the index, which add up over statements: names, common terms, term weights, yes/no uses."""

from __future__ import annotations

import dataclasses
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from consistency_check.engine.claims import Claim
    from consistency_check.engine.polar import Denial
    from consistency_check.engine.subject import Lexicon, SubjectIndex
    from consistency_check.model import Statement
    from consistency_check.rules import RuleSet


@dataclass
class LexiconCounts:
    """What :meth:`Lexicon.learn` counts, kept so that statements can be added and taken away."""

    capital: Counter[str] = dataclasses.field(default_factory=Counter)
    lower: Counter[str] = dataclasses.field(default_factory=Counter)
    per_statement: Counter[str] = dataclasses.field(default_factory=Counter)
    tiers: Counter[str] = dataclasses.field(default_factory=Counter)
    total: int = 0

    def add(self, statements: Iterable[Statement], sign: int = 1) -> None:
        """Count ``statements`` in (``sign`` 1) or out (-1)."""
        from consistency_check.engine.subject import _case_words

        for stmt in statements:
            self.total += sign
            found: set[str] = set()
            for text in (stmt.text, stmt.question):
                if not text:
                    continue
                tiers, lower, capital = _case_words(text)
                for counter, words in ((self.tiers, tiers), (self.lower, lower), (self.capital, capital)):
                    for w in words:
                        counter[w] += sign
                found.update(capital)
            for w in found:
                self.per_statement[w] += sign

    def add_counts(self, other: LexiconCounts) -> None:
        """Count in what ``other`` counted (statements counted apart, in another process)."""
        for mine, theirs in (
            (self.capital, other.capital),
            (self.lower, other.lower),
            (self.per_statement, other.per_statement),
            (self.tiers, other.tiers),
        ):
            for word, n in theirs.items():
                mine[word] += n
        self.total += other.total

    def lexicon(self) -> Lexicon:
        """The lexicon these counts give (the same as :meth:`Lexicon.learn` over the same statements)."""
        from consistency_check.engine.subject import BRAND_SHARE, Lexicon

        total = self.total
        names = {
            w
            for w, n in self.capital.items()
            if n > 0 and self.lower[w] <= n and not (total >= 20 and self.per_statement[w] > BRAND_SHARE * total)
        }
        tiers = frozenset(w for w, n in self.tiers.items() if n > 0 and w in names)
        return Lexicon(frozenset(names), tiers, frozenset(w for w, n in self.capital.items() if n > 0))

    def to_json(self) -> dict[str, Any]:
        return {
            "capital": _positive(self.capital),
            "lower": _positive(self.lower),
            "per": _positive(self.per_statement),
            "tiers": _positive(self.tiers),
            "total": self.total,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LexiconCounts:
        return cls(
            Counter(data["capital"]),
            Counter(data["lower"]),
            Counter(data["per"]),
            Counter(data["tiers"]),
            int(data["total"]),
        )


def _positive(counter: Mapping[str, int]) -> dict[str, int]:
    return {k: v for k, v in counter.items() if v > 0}


def common_contribution(claim: Claim) -> set[str]:
    """The terms a claim counts for in :func:`~consistency_check.engine.subject.common_terms`."""
    from consistency_check.engine.subject import own_words
    from consistency_check.engine.words import terms

    return set(terms(own_words(claim), claim.kind)) | set(terms(claim.statement.question, claim.kind))


def common_from(df: Mapping[str, int], n: int, share: float = 0.05, minimum: int = 5) -> frozenset[str]:
    """:func:`~consistency_check.engine.subject.common_terms` from its counts."""
    return frozenset(t for t, c in df.items() if c >= minimum and c > share * n)


def index_from(df: Mapping[str, int], n: int, wanted: Iterable[str] | None = None) -> SubjectIndex:
    """:meth:`SubjectIndex.build` from its counts (only the ``wanted`` terms, when given)."""
    from consistency_check.engine.subject import SubjectIndex

    total = max(1, n)
    keys = df if wanted is None else wanted
    return SubjectIndex({t: math.log(1 + total / df[t]) for t in keys if df.get(t, 0) > 0})


def _plain_uses(
    plain: list[tuple[Statement, int, int]], affirmed: list[tuple[Statement, str]]
) -> dict[int, Counter[str]]:
    """Per statement (by identity), how often each verb is used without a negation (words of sentences that deny nothing, and "Yes." answers)."""
    from consistency_check.engine.polar import _WORD, _canon
    from consistency_check.engine.words import stem

    out: dict[int, Counter[str]] = defaultdict(Counter)
    for stmt, s0, s1 in plain:
        uses = out[id(stmt)]
        for w in _WORD.finditer(stmt.text, s0, s1):
            uses[_canon(stem(w.group(0)))] += 1
    for stmt, verb in affirmed:
        out[id(stmt)][verb] += 1
    return out


def _verb_counts(sets: list[frozenset[str]]) -> tuple[int, Counter[str]]:
    df: Counter[str] = Counter()
    for ts in sets:
        df.update(ts)
    return len(sets), df


# --------------------------------------------------------------------------- codec


class _Seen(Exception):
    """Stops :func:`polar_findings` once it has said what it found in a few statements."""

    def __init__(
        self, negatives: list[Denial], plain: list[tuple[Statement, int, int]], affirmed: list[tuple[Statement, str]]
    ) -> None:
        super().__init__()
        self.negatives = negatives
        self.plain = plain
        self.affirmed = affirmed


class _Collect:
    def seen(
        self, negatives: list[Denial], plain: list[tuple[Statement, int, int]], affirmed: list[tuple[Statement, str]]
    ) -> None:
        raise _Seen(negatives, plain, affirmed)

    def too_common(self, verb: str, hits: int) -> bool:  # pragma: no cover - never reached
        return False

    def index(self, sets_by_verb: dict[str, list[frozenset[str]]]) -> SubjectIndex:  # pragma: no cover - never reached
        raise AssertionError


def _polar_features(
    statements: list[Statement], claims: list[Claim], ruleset: RuleSet
) -> tuple[dict[int, list[str]], dict[int, Counter[str]]]:
    """The verbs each statement denies and the words it uses in sentences that deny nothing (by statement identity)."""
    from consistency_check.engine.align import scope_of_text
    from consistency_check.engine.polar import polar_findings

    claimed = {(id(c.statement), c.statement.text.find(c.quote)) for c in claims if c.kind == "yesno"}
    try:
        polar_findings(
            statements, ruleset, claimed, lambda c: frozenset(), lambda t: scope_of_text(t, ruleset), _Collect()
        )
    except _Seen as seen:
        negs: dict[int, list[str]] = {}
        for neg in seen.negatives:
            negs.setdefault(id(neg.claim.statement), []).append(neg.verb)
        return negs, _plain_uses(seen.plain, seen.affirmed)
    raise AssertionError("polar_findings did not report what it found")  # pragma: no cover
