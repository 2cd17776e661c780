"""The registry, the Reporter contract and the shared helpers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from consistency_check.model import Location, Severity, Side
from consistency_check.reporters import (
    DEFAULT_FORMAT,
    REGISTRY,
    JsonReporter,
    MarkdownReporter,
    Report,
    Reporter,
    TextReporter,
    fingerprint,
    get_reporter,
    severity_counts,
)


def test_registry_holds_text_json_and_markdown() -> None:
    assert REGISTRY == {"text": TextReporter, "json": JsonReporter, "markdown": MarkdownReporter}
    assert DEFAULT_FORMAT == "text"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_reporter_honours_the_contract(name: str, report: Report) -> None:
    reporter_class = REGISTRY[name]
    assert reporter_class.name == name
    assert reporter_class.description
    assert reporter_class.default_extension.startswith(".")
    reporter = get_reporter(name, color=True, width=80)
    assert isinstance(reporter, Reporter)
    assert (reporter.color, reporter.width) == (True, 80)
    assert reporter.render(report).endswith("\n")


def test_unknown_format_lists_known_names() -> None:
    with pytest.raises(KeyError) as caught:
        get_reporter("sarif-ish")
    assert "sarif-ish" in str(caught.value)
    assert "json, markdown, text" in str(caught.value)


def test_reporter_is_abstract() -> None:
    with pytest.raises(TypeError):
        Reporter()  # type: ignore[abstract]


def test_severity_counts(report: Report) -> None:
    assert severity_counts(report.findings) == {"error": 1, "warning": 1, "info": 1}
    assert list(severity_counts(())) == ["error", "warning", "info"]
    doubled = report.findings + (replace(report.findings[0], severity=Severity.ERROR),)
    assert severity_counts(doubled) == {"error": 2, "warning": 1, "info": 1}


def test_fingerprint_ignores_lines_side_order_and_quote_spacing(report: Report) -> None:
    finding = report.findings[2]
    base = fingerprint(finding)
    assert len(base) == 64 and int(base, 16) >= 0
    moved = replace(
        finding,
        sides=tuple(
            replace(side, location=replace(side.location, line=(side.location.line or 0) + 10, end_line=None))
            for side in reversed(finding.sides)
        ),
        message="reworded message",
        confidence=0.5,
    )
    assert fingerprint(moved) == base
    respaced = replace(
        finding,
        sides=(replace(finding.sides[0], quote="  YOU can return any item\nwithin 14 days of delivery. "),)
        + finding.sides[1:],
    )
    assert fingerprint(respaced) == base


def test_fingerprint_changes_with_what_is_said(report: Report) -> None:
    finding = report.findings[2]
    base = fingerprint(finding)
    new_value = replace(finding, sides=(replace(finding.sides[0], value="21 days"),) + finding.sides[1:])
    new_quote = replace(finding, sides=(replace(finding.sides[0], quote="Returns: 14 days."),) + finding.sides[1:])
    assert len({base, fingerprint(new_value), fingerprint(new_quote)}) == 3
    assert fingerprint(replace(finding, code="CC999")) != base
    assert fingerprint(replace(finding, subject="refunds")) != base


def test_fingerprints_distinct_across_report(report: Report) -> None:
    assert len({fingerprint(f) for f in report.findings}) == len(report.findings)


def test_side_without_line_uses_pointer() -> None:
    side = Side(Location("bot/intents.json", pointer="/intents/3"), "chatbot", "q")
    assert side.location.display() == "bot/intents.json#/intents/3"
