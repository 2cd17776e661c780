"""The Markdown summary: readable when rendered, and source text can never become markup."""

from __future__ import annotations

from dataclasses import replace

import pytest
from markdown_it import MarkdownIt

from consistency_check.model import Finding, Location, Severity, Side
from consistency_check.reporters import Report
from consistency_check.reporters.campaign_markdown import CampaignMarkdown as MarkdownReporter
from consistency_check.reporters.campaign_markdown import code, escape

RENDER = MarkdownIt("commonmark").enable("table")

ESCAPES = [
    ("plain words stay plain", "Returns within 30 days.", "Returns within 30 days."),
    ("link", "[click](https://evil.example)", "\\[click\\](https://evil.example)"),
    ("image", "![x](y.png)", "\\!\\[x\\](y.png)"),
    ("html", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("emphasis and code", "*a* _b_ `c`", "\\*a\\* \\_b\\_ \\`c\\`"),
    ("table cell", "a | b", "a \\| b"),
    ("entity", "&copy; 2025", "&amp;copy; 2025"),
    ("newline and escape sequence", "one\ntwo \x1b[31m", "one two \\\\x1b\\[31m"),
]


@pytest.mark.parametrize("label,text,expected", ESCAPES, ids=[e[0] for e in ESCAPES])
def test_escape(label: str, text: str, expected: str) -> None:
    assert escape(text) == expected


def test_escaped_text_renders_as_itself() -> None:
    hostile = "[click](javascript:alert(1)) <img src=x onerror=alert(1)> **bold** | cell"
    html = RENDER.render(f"| a |\n|---|\n| {escape(hostile)} |\n")
    assert "<a " not in html and "<img" not in html and "<strong>" not in html
    assert "<td>[click](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt; **bold** | cell</td>" in html


def test_code_span_survives_backticks() -> None:
    assert code("a`b") == "``a`b``"
    assert RENDER.render(code("`x`")).strip() == "<p><code>`x`</code></p>"


def test_check_report_lists_findings_by_subject(report: Report) -> None:
    text = MarkdownReporter().render(report)
    assert text.startswith("# consistency-check report\n\n**3 findings:** 1 error, 1 warning, 1 info.\n\n## Findings\n")
    html = RENDER.render(text)
    assert "<h3>refund window</h3>" in html and "<code>bot/intents.json#/intents/3/responses/0</code>" in html
    assert "<script>" not in html


def test_empty_report(report: Report) -> None:
    text = MarkdownReporter().render(replace(report, findings=()))
    assert "**No contradictions found.**" in text


def _gap(channel: str) -> Finding:
    side = Side(Location("brief.md", 5), "brief", f"channels: {channel}")
    return Finding(
        "CC311",
        "campaign-gap",
        Severity.WARNING,
        f"Nothing in the {channel} channel mentions Sale. More words.",
        f"Sale · {channel}",
        (side,),
        extra=(("channel", channel),),
    )


def test_titled_report_has_facts_and_a_row_per_channel(report: Report) -> None:
    titled = replace(
        report,
        findings=(_gap("chatbot"),),
        notes=(),
        title="Launch check: Sale",
        context=(("Dates", "2025-06-01 to 2025-06-30"),),
        channels=("web", "chatbot"),
    )
    text = MarkdownReporter().render(titled)
    assert text.startswith(
        "# Launch check: Sale\n\n**Ready with warnings:** 1 gap (1 warning).\n\n- **Dates:** 2025-06-01 to 2025-06-30\n"
    )
    assert "| web | ✅ ready | |\n| chatbot | ⚠️ 1 gap | Nothing in the chatbot channel mentions Sale. |\n" in text
    assert "### chatbot" in text
    ready = MarkdownReporter().render(replace(titled, findings=()))
    assert "**Ready:** every channel agrees." in ready and "| chatbot | ✅ ready | |" in ready
