"""The registry, the Reporter contract and the shared helpers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from consistency_check.model import Location, Severity, Side
from consistency_check.reporters import (
    DEFAULT_FORMAT,
    REGISTRY,
    GithubReporter,
    HtmlReporter,
    JsonReporter,
    JunitReporter,
    MarkdownReporter,
    Report,
    Reporter,
    SarifReporter,
    TextReporter,
    fingerprint,
    get_reporter,
    severity_counts,
)
from consistency_check.reporters.base import primary_side, side_order


def test_registry_holds_every_format_in_help_order() -> None:
    assert {
        "text": TextReporter,
        "json": JsonReporter,
        "sarif": SarifReporter,
        "junit": JunitReporter,
        "github": GithubReporter,
        "markdown": MarkdownReporter,
        "html": HtmlReporter,
    } == REGISTRY
    assert list(REGISTRY) == ["text", "json", "sarif", "junit", "github", "markdown", "html"]
    assert DEFAULT_FORMAT == "text"


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_reporter_honours_the_contract(name: str, report: Report, empty: Report, full: Report) -> None:
    reporter_class = REGISTRY[name]
    assert reporter_class.name == name
    assert reporter_class.description
    assert reporter_class.default_extension.startswith(".")
    reporter = get_reporter(name, color=True, width=80)
    assert isinstance(reporter, Reporter)
    assert (reporter.color, reporter.width) == (True, 80)
    for each in (report, empty, full):
        assert reporter.render(each).endswith("\n")


def test_unknown_format_lists_known_names() -> None:
    with pytest.raises(KeyError) as caught:
        get_reporter("sarif-ish")
    assert "sarif-ish" in str(caught.value)
    assert "github, html, json, junit, markdown, sarif, text" in str(caught.value)


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


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_no_format_passes_terminal_or_bidi_controls_through(name: str, attack: Report) -> None:
    output = get_reporter(name).render(attack)
    for raw in ("\x1b", "\x9b", "\u202e", "\r", "\x00"):
        assert raw not in output, (name, repr(raw))


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_output_is_deterministic(name: str, full: Report) -> None:
    assert get_reporter(name).render(full) == get_reporter(name).render(full)


def test_primary_side_is_the_odd_one(report: Report) -> None:
    refund = report.findings[2]
    assert refund.expected == "14 days"
    assert primary_side(refund) == 1 and side_order(refund) == [1, 0]
    tie = report.findings[0]
    assert tie.expected == "" and primary_side(tie) == 0 and side_order(tie) == [0, 1]
    assert side_order(replace(tie, sides=())) == []
