"""Data-driven engine cases: pairs of statements that must (not) be reported as contradicting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from consistency_check.engine import check
from consistency_check.facts import extract_facts
from consistency_check.model import Location, Statement
from consistency_check.rules import load_rules

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "pairs.yaml").read_text(encoding="utf-8"))
RULES = load_rules([], Path("."))


def _statement(side: list[str], path: str, line: int = 1) -> Statement:
    channel, question, text = side
    return Statement(channel, "markdown", question, text, Location(path, line), "en-US", facts=extract_facts(text))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_pair(case: dict[str, Any]) -> None:
    # ``same_file``: both statements are lines of one document (a script's lines under one heading).
    a, b = (
        (Location("a.md", 1), Location("a.md", 2))
        if case.get("same_file")
        else (Location("a.md", 1), Location("b.md", 1))
    )
    statements = [_statement(case["a"], a.path, a.line or 1), _statement(case["b"], b.path, b.line or 1)]
    # Other statements of the same corpus, when the case depends on what else it holds.
    statements += [_statement(side, f"other{i}.md") for i, side in enumerate(case.get("others", []))]
    findings = [f for f in check(statements, RULES) if {a, b} <= {s.location for s in f.sides}]
    if case["expect"] == "conflict":
        assert findings, f"expected a contradiction between {case['a'][2]!r} and {case['b'][2]!r}"
    else:
        assert not findings, [f.message for f in findings]
