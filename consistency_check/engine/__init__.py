"""The contradiction engine: claims from statements, grouped by subject and scope, compared."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from consistency_check.model import Finding, Statement
from consistency_check.rules import RuleSet

if TYPE_CHECKING:
    from consistency_check.engine.claims import Claim


class Judge(Protocol):
    """An authority claims are judged against before channels are compared (the policy)."""

    def judge(self, claims: list[Claim]) -> tuple[list[Finding], list[Claim]]:
        """Findings against the authority, and the claims it leaves for channel-to-channel comparison."""


def check(statements: Iterable[Statement], ruleset: RuleSet, judge: Judge | None = None) -> list[Finding]:
    """Every disagreement among ``statements`` (facts already attached).

    With a ``judge``, claims it judges are reported against it and not
    compared among channels again.
    """
    from consistency_check.engine.align import generic_findings
    from consistency_check.engine.claims import claims_of
    from consistency_check.engine.compare import rule_findings

    claims = [c for stmt in statements for c in claims_of(stmt, ruleset)]
    judged: list[Finding] = []
    if judge is not None:
        judged, claims = judge.judge(claims)
    findings = rule_findings(claims)
    findings.extend(generic_findings([c for c in claims if c.rule is None]))
    return judged + findings
