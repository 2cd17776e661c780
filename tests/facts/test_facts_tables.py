"""Table-driven tests: equivalent phrasings share one value; whole sentences yield exactly the listed facts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from consistency_check.facts import extract_facts
from consistency_check.model import Fact

HERE = Path(__file__).parent
EQUIVALENCES: list[dict[str, Any]] = yaml.safe_load((HERE / "equivalences.yaml").read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))


def _extract(text: str, spec: dict[str, Any]) -> tuple[Fact, ...]:
    headings = tuple(spec.get("headings", ()))
    return extract_facts(text, region=spec.get("region", "US"), year=spec.get("year"), headings=headings)


def _equivalence_params() -> list[Any]:
    params = []
    for group in EQUIVALENCES:
        for text in group["texts"]:
            params.append(pytest.param(group, text, id=f"{group['kind']}:{group['value']}:{text}"))
    return params


def _describe(facts: tuple[Fact, ...]) -> list[tuple[str, str, str, str, str]]:
    return [(f.kind, f.value, f.role, f.unit, f.text) for f in facts]


@pytest.mark.parametrize(("group", "text"), _equivalence_params())
def test_equivalent_phrasings_share_one_value(group: dict[str, Any], text: str) -> None:
    the_one_fact(_extract(text, group), group)


def the_one_fact(facts: tuple[Fact, ...], group: dict[str, Any]) -> Fact:
    """The one fact of the group's kind among ``facts``, checked against the group's value, unit and role."""
    of_kind = [f for f in facts if f.kind == group["kind"]]
    assert len(of_kind) == 1, _describe(facts)
    fact = of_kind[0]
    assert fact.value == str(group["value"]), _describe(facts)
    if "unit" in group:
        assert fact.unit == group["unit"], _describe(facts)
    if "role" in group:
        assert fact.role == (group["role"] or ""), _describe(facts)
    return fact


def test_equivalence_table_is_large_and_unique() -> None:
    keys = [(g["kind"], g["value"], g.get("role"), g.get("region"), g.get("year")) for g in EQUIVALENCES]
    assert len(keys) == len(set(keys))
    assert sum(len(g["texts"]) for g in EQUIVALENCES) > 300


@pytest.mark.parametrize("case", CASES, ids=[f"{i}:{c['text'][:40]}" for i, c in enumerate(CASES)])
def test_sentence_yields_exactly_the_listed_facts(case: dict[str, Any]) -> None:
    facts = _extract(case["text"], case)
    got = [[f.kind, f.value, f.role, f.unit] for f in facts]
    expected = [[str(x) for x in row] for row in case.get("facts", [])]
    if "absent" in case:
        assert not [f for f in facts if f.kind in case["absent"]], _describe(facts)
        for row in expected:
            assert row in got, _describe(facts)
    else:
        assert got == expected, _describe(facts)


def test_at_least_25_negative_cases() -> None:
    negatives = [c for c in CASES if c.get("absent") or c.get("facts") == []]
    assert len(negatives) >= 25
