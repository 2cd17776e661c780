"""What the yes/no step of the engine learns about each statement, for the changed-file path's index.

The counts themselves (names, common terms, term weights, verb uses) are the engine's own, which add up
over statements: :class:`~consistency_check.engine.subject.LexiconCounts`,
:func:`~consistency_check.engine.subject.term_counts`, :func:`~consistency_check.engine.polar.plain_uses`.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from consistency_check.engine.claims import Claim
    from consistency_check.engine.polar import Denial
    from consistency_check.engine.subject import SubjectIndex
    from consistency_check.model import Statement
    from consistency_check.rules import RuleSet


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


def polar_features(
    statements: list[Statement], claims: list[Claim], ruleset: RuleSet
) -> tuple[dict[int, list[str]], dict[int, Counter[str]]]:
    """The verbs each statement denies and the words it uses in sentences that deny nothing (by statement identity)."""
    from consistency_check.engine.align import scope_of_text
    from consistency_check.engine.polar import plain_uses, polar_findings

    claimed = {(id(c.statement), c.statement.text.find(c.quote)) for c in claims if c.kind == "yesno"}
    try:
        polar_findings(
            statements, ruleset, claimed, lambda c: frozenset(), lambda t: scope_of_text(t, ruleset), _Collect()
        )
    except _Seen as seen:
        negs: dict[int, list[str]] = {}
        for neg in seen.negatives:
            negs.setdefault(id(neg.claim.statement), []).append(neg.verb)
        return negs, plain_uses(seen.plain, seen.affirmed)
    raise AssertionError("polar_findings did not report what it found")  # pragma: no cover
