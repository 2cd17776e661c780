"""Every check in force, documented: the built-in checks plus the subject rules.

``consistency-check rules`` and ``explain`` print it, and the pipeline puts it
on the report so that formats carrying rule metadata (SARIF) describe exactly
the rules that ran, user rules included.
"""

from __future__ import annotations

from pathlib import Path

from consistency_check.checks import BUILTIN_CHECKS
from consistency_check.model import RuleInfo
from consistency_check.rules import RuleSet


def _first_sentence(text: str) -> str:
    """The first sentence of ``text``, ending with a full stop."""
    return text.split(". ")[0].rstrip(".") + "." if text else ""


def rule_catalogue(ruleset: RuleSet | None) -> tuple[RuleInfo, ...]:
    """The built-in checks and the rules of ``ruleset``, sorted by code."""
    infos = [
        RuleInfo(c.code, c.name, c.severity, c.summary, c.description, "", (c.bad,), (c.good,), "")
        for c in BUILTIN_CHECKS
    ]
    for rule in ruleset.rules if ruleset else ():
        source = "built-in rules/" + Path(rule.path).name if rule.builtin else rule.path
        infos.append(
            RuleInfo(
                rule.code,
                rule.name,
                rule.severity,
                _first_sentence(rule.description),
                rule.description,
                rule.fact,
                rule.examples_bad,
                rule.examples_good,
                source,
            )
        )
    return tuple(sorted(infos, key=lambda info: info.code))
