"""The Markdown reporter: snapshot, table shape, and quotes that cannot become markup."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from markdown_it import MarkdownIt

from consistency_check.model import Finding, Location, Severity, Side
from consistency_check.reporters import MarkdownReporter, Report
from consistency_check.reporters.markdown_reporter import MAX_ROWS, md_text

from .snapshot import assert_snapshot

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def to_html(markdown: str) -> str:
    """Render as a GFM-like renderer would: raw HTML allowed, tables on."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("| ")]


def test_snapshot(full: Report) -> None:
    assert_snapshot("report.md", MarkdownReporter().render(full))


def test_empty_snapshot(empty: Report) -> None:
    output = MarkdownReporter().render(empty)
    assert_snapshot("report_empty.md", output)
    assert "**No contradictions found.**" in output and "|" not in output


def test_summary_and_table(full: Report) -> None:
    output = MarkdownReporter().render(full)
    assert (
        "**3 findings** (1 error, 1 warning, 1 info) in 4 files, 17 statements; 4 subjects compared, 1 consistent."
        in output
    )
    rows = table_rows(output)
    assert len(rows) == 1 + 3
    assert rows[1].startswith(
        "| error | refund window | CC101 value-mismatch | chatbot, web | **30 days** (chatbot); 14 days (web) |"
    )
    assert "1 finding suppressed" in output
    html = to_html(output)
    assert html.count("<tr>") == 4 and html.count("<td>") == 18


def test_hostile_text_renders_inert(attack: Report) -> None:
    output = MarkdownReporter().render(attack)
    for row in table_rows(output):
        assert len(UNESCAPED_PIPE.findall(row)) == 7, row
    html = to_html(output)
    for forbidden in ("<script", "<img", "<a ", "<i>", "<b>", "<!--", "<code>", "<em>", "javascript:alert(1)</a>"):
        assert forbidden not in html, forbidden
    assert html.count("<tr>") == 2  # header and the one finding: no row injected by a pipe
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "@octocat" not in output and "https://" not in output and "www.evil" not in output
    assert "\x1b" not in output


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a|b", "a\\|b"),
        ("`x`", "\\`x\\`"),
        ("[t](u)", "\\[t\\](u)"),
        ("![i](u)", "\\!\\[i\\](u)"),
        ("<b>&", "&lt;b&gt;&amp;"),
        ("*a* _b_ ~c~", "\\*a\\* \\_b\\_ \\~c\\~"),
        ("$5 or $6", "\\$5 or \\$6"),
        ("x\ny\r\tz", "x y\\\\x0d z"),
        ("@team #12 https://a", "@&#8203;team #&#8203;12 https:&#8203;//a"),
        ("back\\slash", "back\\\\slash"),
        ("\x1b[2J", "\\\\x1b\\[2J"),
    ],
)
def test_md_text(raw: str, escaped: str) -> None:
    assert md_text(raw) == escaped


def test_long_quotes_and_many_findings_are_cut() -> None:
    side = Side(Location("a.md", 1), "web", "word " * 200, "1")
    finding = Finding("CC1", "n", Severity.ERROR, "m", "s", (side,))
    output = MarkdownReporter().render(Report((finding,) * (MAX_ROWS + 5), 1, 1, 0.0, "0", "."))
    assert len(table_rows(output)) == 1 + MAX_ROWS
    assert "…and 5 more findings in the full report" in output
    assert max(len(line) for line in output.splitlines()) < 400


def test_many_locations_are_summarised(report: Report) -> None:
    sides = tuple(Side(Location(f"f{i}.md", 1), "web", "q", "1") for i in range(7))
    output = MarkdownReporter().render(Report((replace(report.findings[0], sides=sides),), 1, 1, 0.0, "0", "."))
    assert "f0.md:1<br>f1.md:1<br>f2.md:1<br>f3.md:1<br>+3 more" in output
