"""The SARIF reporter: snapshot, the official 2.1.0 schema, locations, rules, suppressions."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from consistency_check.model import Finding, Location, RuleInfo, Severity, Side, SuppressedFinding, Suppression
from consistency_check.reporters import Report, SarifReporter, fingerprint
from consistency_check.reporters.sarif_reporter import artifact_uri, message_text, root_uri

from .snapshot import assert_snapshot

REPO = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def sarif_validator() -> Any:
    """A validator for the official SARIF 2.1.0 schema (skips when the shared schema is absent)."""
    if not SCHEMA_PATH.is_file():
        pytest.skip("shared SARIF schema not available")
    from jsonschema import Draft4Validator

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


@pytest.fixture(scope="module")
def example_report() -> Report:
    """The real report of the bundled example corpus."""
    from consistency_check.config import load_config
    from consistency_check.pipeline import run
    from consistency_check.rules import load_rules

    config = load_config(REPO / "examples" / "consistency-check.yaml")
    return run(config, load_rules(config.rule_dirs, config.root))


def render(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SarifReporter().render(report))
    return data


def assert_valid(validator: Any, data: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def test_snapshot(full: Report) -> None:
    assert_snapshot("report.sarif", SarifReporter().render(full))


def test_empty_snapshot(empty: Report) -> None:
    assert_snapshot("report_empty.sarif", SarifReporter().render(empty))


def test_example_corpus_validates(example_report: Report, sarif_validator: Any) -> None:
    data = render(example_report)
    assert_valid(sarif_validator, data)
    run = data["runs"][0]
    assert len(run["results"]) == len(example_report.findings) == 10
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    assert {"CC001", "CC100", "CC101", "CC201", "CC226"} <= set(rule_ids)
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1


@pytest.mark.parametrize("case", ["empty", "full", "attack", "no_lines", "pointer_only", "no_sides", "relative_root"])
def test_edge_cases_validate(case: str, empty: Report, full: Report, attack: Report, sarif_validator: Any) -> None:
    bare = Finding(
        "CC001", "parse-error", Severity.ERROR, "cannot parse", "a.json", (Side(Location("a.json"), "agent", ""),)
    )
    pointer = Finding(
        "CC201",
        "return-window",
        Severity.WARNING,
        "m",
        "s",
        (
            Side(Location("a.json", pointer="/x/0"), "agent", "q", "1 day"),
            Side(Location("b.json", pointer="/y"), "web", "r", "2 days"),
        ),
    )
    reports = {
        "empty": empty,
        "full": full,
        "attack": attack,
        "no_lines": Report((bare,), 1, 0, 0.0, "0.1.0", "/p"),
        "pointer_only": Report((pointer,), 2, 2, 0.0, "0.1.0", "C:/work/project"),
        "no_sides": Report((replace(bare, sides=()),), 1, 0, 0.0, "0.1.0", "/p"),
        "relative_root": replace(full, root="."),
    }
    assert_valid(sarif_validator, render(reports[case]))


def test_odd_side_is_primary_and_others_are_related(full: Report) -> None:
    result = render(full)["runs"][0]["results"][2]
    # refund: expected 14 days (web), so the chatbot's 30 days is the odd side.
    primary = result["locations"][0]
    assert primary["physicalLocation"]["artifactLocation"] == {"uri": "bot/intents.json", "uriBaseId": "%SRCROOT%"}
    assert "region" not in primary["physicalLocation"]
    assert primary["logicalLocations"] == [{"fullyQualifiedName": "/intents/3/responses/0"}]
    assert primary["properties"]["pointer"] == "/intents/3/responses/0"
    related = result["relatedLocations"]
    assert [r["id"] for r in related] == [1]
    assert related[0]["physicalLocation"]["region"] == {"startLine": 42, "endLine": 43}
    assert related[0]["message"]["text"] == 'web: "You can return any item within 14 days of delivery." (14 days)'
    assert result["message"]["text"].endswith("Other places: [web/faq/returns.html:42](1).")


def test_results_carry_level_fingerprint_and_properties(full: Report) -> None:
    results = render(full)["runs"][0]["results"]
    assert [r["level"] for r in results] == ["warning", "note", "error", "warning"]
    for result, finding in zip(results, full.findings + (full.suppressed[0].finding,), strict=False):
        assert result["partialFingerprints"] == {"consistencyCheck/v1": fingerprint(finding)}
        assert result["properties"]["confidence"] == finding.confidence
        assert result["properties"]["subject"] == finding.subject
    assert results[2]["properties"]["expected"] == "14 days"


def test_rules_come_from_the_report_catalogue(full: Report) -> None:
    rules = render(full)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["CC101", "CC201", "CC104"]
    value = rules[0]
    assert value["name"] == "value-mismatch"
    assert value["defaultConfiguration"] == {"level": "error"}
    assert value["fullDescription"]["text"] == "Two channels state different values for one subject."
    assert "Contradicts:\n  Web: 14 days / Bot: 30 days" in value["help"]["text"]
    assert value["properties"]["tags"] == ["consistency", "duration"]
    assert rules[1]["fullDescription"]["text"] == "A statement names a subject but not its value \\[unit\\]."
    # CC104 is not catalogued: a minimal entry from the finding keeps ruleIndex valid.
    assert rules[2]["name"] == "contact-mismatch" and rules[2]["defaultConfiguration"] == {"level": "warning"}


def test_suppressed_findings_are_carried_with_their_reason(full: Report) -> None:
    results = render(full)["runs"][0]["results"]
    assert all("suppressions" not in r for r in results[:3])
    suppressions = results[3]["suppressions"]
    assert suppressions == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "Known: the KB article is being rewritten",
            "location": {
                "physicalLocation": {
                    "artifactLocation": {"uri": ".consistency-check-ignore", "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": 3},
                }
            },
            "properties": {"expires": "2026-01-31"},
        }
    ]


def test_in_source_suppression_without_location(report: Report) -> None:
    silenced = SuppressedFinding(report.findings[0], Suppression("inSource", ""))
    result = render(replace(report, suppressed=(silenced,)))["runs"][0]["results"][-1]
    assert result["suppressions"] == [{"kind": "inSource", "status": "accepted"}]


def test_uris_and_base(full: Report) -> None:
    run = render(full)["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///srv/acme/"
    assert "uri" not in render(replace(full, root="."))["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]
    assert root_uri("C:/work/project") == "file:///C:/work/project/"
    assert artifact_uri("web/a b#c%.html") == "web/a%20b%23c%25.html"
    assert artifact_uri("kb\\x.md") == "kb/x.md"


def test_notes_become_notifications(full: Report) -> None:
    invocation = render(full)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert invocation["toolExecutionNotifications"] == [
        {"message": {"text": "docs/x.bin: no format recognised"}, "level": "note"}
    ]


def test_hostile_text_is_data_not_links(attack: Report) -> None:
    text = SarifReporter().render(attack)
    for raw in ("\x1b", "\u202e"):
        assert raw not in text
    result = json.loads(text)["runs"][0]["results"][0]
    assert "\\[a\\](javascript:alert(1))" in result["message"]["text"]
    quoted = result["relatedLocations"][0]["message"]["text"]
    assert "\\[click\\](javascript:alert(3))" in quoted and "\\!" not in quoted
    assert "\u202egnp.exe" in quoted  # preserved as data once JSON is read back


def test_message_escaping() -> None:
    assert message_text("a [b] \\ c") == "a \\[b\\] \\\\ c"


def test_catalogue_rule_without_examples() -> None:
    info = RuleInfo("CC9", "x", Severity.INFO, "", "")
    finding = Finding("CC9", "x", Severity.INFO, "m", "s", ())
    rules = render(Report((finding,), 0, 0, 0.0, "0", ".", rules=(info,)))["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["shortDescription"]["text"] == "x"
    assert rules[0]["help"]["text"] == "x\n\nRun 'consistency-check explain CC9' for details."
