"""The contradiction engine: claims from statements, grouped by subject and scope, compared."""

from __future__ import annotations

from collections.abc import Iterable

from consistency_check.model import Finding, Statement
from consistency_check.rules import RuleSet


def check(statements: Iterable[Statement], ruleset: RuleSet) -> list[Finding]:
    """Every disagreement among ``statements`` (facts already attached)."""
    from consistency_check.engine.align import generic_findings
    from consistency_check.engine.claims import claims_of
    from consistency_check.engine.compare import rule_findings

    claims = [c for stmt in statements for c in claims_of(stmt, ruleset)]
    findings = rule_findings(claims)
    findings.extend(generic_findings([c for c in claims if c.rule is None]))
    return findings
