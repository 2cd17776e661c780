"""The JSON reporter: exact snapshot, schema, round trip."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from consistency_check.model import Finding, Location, Severity, Side
from consistency_check.reporters import JsonReporter, Report, fingerprint
from consistency_check.reporters.json_reporter import load_schema

from .snapshot import assert_snapshot


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_snapshot(report: Report) -> None:
    assert_snapshot("report.json", JsonReporter().render(report))


def test_empty_snapshot(empty: Report) -> None:
    assert_snapshot("report_empty.json", JsonReporter().render(empty))


def test_output_validates(report: Report, empty: Report, validator: Draft202012Validator) -> None:
    for each in (report, empty):
        errors = list(validator.iter_errors(json.loads(JsonReporter().render(each))))
        assert errors == []


def test_content_round_trips(report: Report) -> None:
    data = json.loads(JsonReporter().render(report))
    assert [f["code"] for f in data["findings"]] == [f.code for f in report.findings]
    refund = data["findings"][2]
    assert refund["expected"] == "14 days" and refund["confidence"] == 0.85
    assert refund["fingerprint"] == fingerprint(report.findings[2])
    pointer_side = refund["locations"][1]
    assert pointer_side["line"] is None and pointer_side["pointer"] == "/intents/3/responses/0"
    assert data["findings"][0]["locations"][1]["quote"] == report.findings[0].sides[1].quote
    assert data["summary"]["bySeverity"] == {"error": 1, "warning": 1, "info": 1}
    assert data["notes"] == ["docs/x.bin: no format recognised"]


def test_terminal_active_characters_are_escaped_but_preserved() -> None:
    quote = "a\x1bb\x9bc\u202ed\u2028e ü"
    finding = Finding("CC1", "n", Severity.ERROR, "m", "s", (Side(Location("a.md", 1), "web", quote),))
    output = JsonReporter().render(Report((finding,), 1, 1, 0.0, "0", "."))
    for raw in ("\x1b", "\x9b", "\u202e", "\u2028"):
        assert raw not in output
    assert "ü" in output
    assert json.loads(output)["findings"][0]["locations"][0]["quote"] == quote


def test_windows_path_is_posix() -> None:
    finding = Finding("CC1", "n", Severity.INFO, "m", "s", (Side(Location("kb\\a.md", 1), "web", "q"),))
    data = json.loads(JsonReporter().render(Report((finding,), 1, 1, 0.0, "0", ".")))
    assert data["findings"][0]["locations"][0]["path"] == "kb/a.md"


def _reject(validator: Draft202012Validator, data: dict[str, Any]) -> None:
    assert list(validator.iter_errors(data)), "schema accepted invalid output"


def test_schema_forbids_unknown_keys_at_every_level(report: Report, validator: Draft202012Validator) -> None:
    data = json.loads(JsonReporter().render(report))
    targets = [
        lambda d: d,
        lambda d: d["tool"],
        lambda d: d["summary"],
        lambda d: d["summary"]["bySeverity"],
        lambda d: d["findings"][0],
        lambda d: d["findings"][0]["locations"][0],
    ]
    for target in targets:
        mutated = copy.deepcopy(data)
        target(mutated)["surprise"] = 1
        _reject(validator, mutated)


def test_schema_rejects_bad_values(report: Report, validator: Draft202012Validator) -> None:
    data = json.loads(JsonReporter().render(report))
    for path, value in [
        (("schemaVersion",), 2),
        (("findings", 0, "severity"), "fatal"),
        (("findings", 0, "fingerprint"), "abc"),
        (("findings", 0, "locations", 0, "line"), 0),
        (("findings", 0, "confidence"), 1.5),
    ]:
        mutated = copy.deepcopy(data)
        node: Any = mutated
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        _reject(validator, mutated)
