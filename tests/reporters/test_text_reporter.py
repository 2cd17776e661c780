"""The human-readable reporter: exact snapshots, colour, hostile input, layout."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from consistency_check.model import Finding, Location, Severity, Side
from consistency_check.reporters import Report, TextReporter
from consistency_check.reporters.text_reporter import group_by_subject, highlight_for, summary_line

from .snapshot import assert_snapshot

SGR = re.compile(r"\x1b\[[0-9;]*m")


def test_plain_snapshot(report: Report) -> None:
    assert_snapshot("text_plain.txt", TextReporter().render(report))


def test_color_snapshot(report: Report) -> None:
    assert_snapshot("text_color.ansi", TextReporter(color=True).render(report))


def test_narrow_snapshot(report: Report) -> None:
    assert_snapshot("text_narrow.txt", TextReporter(width=48).render(report))


def test_empty_snapshot(empty: Report) -> None:
    output = TextReporter().render(empty)
    assert_snapshot("text_empty.txt", output)
    assert output.startswith("No contradictions found.\n")


def test_plain_output_has_no_escape_characters(report: Report) -> None:
    output = TextReporter().render(report)
    assert "\x1b" not in output
    assert "\\x1b[31m" in output


def test_color_output_has_only_our_own_styling(report: Report) -> None:
    output = TextReporter(color=True).render(report)
    assert "\x1b" in output
    assert SGR.sub("", output) == TextReporter().render(report)
    assert "\x1b[31m" not in output  # the quote's own escape was neutralised


def test_markup_in_sources_is_literal(report: Report) -> None:
    output = TextReporter(color=True).render(report)
    plain = SGR.sub("", output)
    assert "Call [bold]now[/bold]" in plain
    assert "<script>alert(1)</script>" in plain
    assert "differs [between] channels" in plain


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"FORCE_COLOR": "1", "TERM": "xterm-256color"}, {"COLUMNS": "20"}])
def test_environment_does_not_change_output(
    report: Report, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    expected_plain = TextReporter().render(report)
    expected_color = TextReporter(color=True).render(report)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert TextReporter().render(report) == expected_plain
    assert TextReporter(color=True).render(report) == expected_color


@pytest.mark.parametrize("width", [20, 48, 100, 160])
def test_lines_fit_width_without_trailing_space(report: Report, width: int) -> None:
    for line in TextReporter(width=width).render(report).splitlines():
        assert line == line.rstrip()
        if len(line) > width:  # only a word longer than the line (a path) overflows it, whole
            assert " " not in line.strip(), line


LONG_PATH = "help-centre/en-us/articles/returns-and-exchanges/how-long-do-i-have-to-return-an-item.md"


@pytest.mark.parametrize("width", [0, 20, 48, 100, 160])
def test_a_path_is_never_split(width: int) -> None:
    side = Side(Location(LONG_PATH, line=12), "web", "Unworn items can be returned within 30 days.", "30 days")
    other = Side(Location("store/script.txt", line=3), "store", "You have 45 days to return it.", "45 days")
    message = f"Channels disagree on the return window: 30 days ({LONG_PATH}:12); 45 days (store/script.txt:3)."
    finding = Finding("CC201", "return-window", Severity.ERROR, message, "return window", (side, other))
    output = TextReporter(width=width).render(Report((finding,), 2, 2, 0.0, "0", "."))
    assert output.count(f"{LONG_PATH}:12") == 2


def test_output_that_is_not_a_terminal_is_not_wrapped(report: Report) -> None:
    lines = TextReporter(width=0).render(report).splitlines()
    for finding in report.findings:
        assert f"    {finding.message}" in lines or "\n" in finding.message or "\x1b" in finding.message
    assert (
        TextReporter(width=0).render(report).replace("\n", " ").split()
        == TextReporter(width=48).render(report).replace("\n", " ").split()
    )  # the same words, only the line breaks differ


def _finding(quote: str, value: str, extra: tuple[tuple[str, str], ...] = ()) -> Finding:
    side = Side(Location("a.md", line=1), "web", quote, value)
    return Finding("CC1", "n", Severity.ERROR, "m", "s", (side,), extra=extra)


def test_highlight_prefers_engine_surface_text() -> None:
    finding = _finding("within thirty days", "30 days", (("highlight:0", "thirty days"),))
    assert highlight_for(finding, 0) == "thirty days"


def test_highlight_falls_back_to_verbatim_value() -> None:
    assert highlight_for(_finding("within 30 days", "30 days"), 0) == "30 days"


def test_highlight_nothing_when_value_not_verbatim() -> None:
    assert highlight_for(_finding("within thirty days", "30 days"), 0) == ""
    assert highlight_for(_finding("within thirty days", "30 days", (("highlight:0", "2 weeks"),)), 0) == ""


def test_unmatched_value_renders_no_highlight_style() -> None:
    report = Report((_finding("within thirty days", "30 days"),), 1, 1, 0.0, "0", ".")
    assert "\x1b[1;35m" not in TextReporter(color=True).render(report)


def test_highlight_of_hostile_quote_is_still_sanitised() -> None:
    quote = "pay \x1b[2J 5 EUR"
    report = Report((_finding(quote, "5 EUR", (("highlight:0", "\x1b[2J 5"),)),), 1, 1, 0.0, "0", ".")
    output = TextReporter(color=True).render(report)
    assert "\x1b[2J" not in output
    assert "\x1b[1;35m\\x1b[2J 5\x1b[0m" in output


def test_groups_ordered_by_worst_severity_then_subject(report: Report) -> None:
    groups = group_by_subject(report.findings)
    assert [subject for subject, _ in groups] == ["refund window", "support phone"]
    assert [f.code for f in groups[0][1]] == ["CC101", "CC201"]
    same = [replace(f, severity=Severity.WARNING) for f in report.findings]
    assert [subject for subject, _ in group_by_subject(same)] == ["refund window", "support phone"]


def test_confidence_and_expected_shown_only_when_set(report: Report) -> None:
    output = TextReporter().render(report)
    assert output.count("confidence:") == 1
    assert "expected: 14 days  confidence: 0.85" in output
    assert output.count("expected:") == 1


def test_summary_line_pluralises(report: Report, empty: Report) -> None:
    assert summary_line(report) == "4 files, 17 statements, 3 findings (1 error, 1 warning, 1 info) in 0.42s"
    assert summary_line(empty) == "1 file, 1 statement, 0 findings (0 errors, 0 warnings, 0 infos) in 0.05s"


def test_rendering_is_deterministic(report: Report) -> None:
    assert TextReporter(color=True).render(report) == TextReporter(color=True).render(report)
