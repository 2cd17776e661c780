"""The contradiction engine: claims from statements, grouped by subject and scope, compared."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from consistency_check.model import CheckedSubject, Finding, Statement
from consistency_check.rules import RuleSet


@dataclass(frozen=True)
class Analysis:
    """What the engine found: the findings, and every subject it compared (agreeing or not)."""

    findings: list[Finding]
    subjects: list[CheckedSubject]


def analyse(statements: Iterable[Statement], ruleset: RuleSet) -> Analysis:
    """Compare ``statements`` (facts already attached): findings plus the subjects checked."""
    from consistency_check.engine.align import generic_findings
    from consistency_check.engine.claims import claims_of
    from consistency_check.engine.compare import checked_subjects, group_findings, rule_groups

    claims = [c for stmt in statements for c in claims_of(stmt, ruleset)]
    groups = rule_groups(claims)
    findings = [finding for group in groups for finding in group_findings(group, confidence=1.0)]
    findings.extend(generic_findings([c for c in claims if c.rule is None]))
    return Analysis(findings, checked_subjects(groups))


def check(statements: Iterable[Statement], ruleset: RuleSet) -> list[Finding]:
    """Every disagreement among ``statements`` (facts already attached)."""
    return analyse(statements, ruleset).findings
