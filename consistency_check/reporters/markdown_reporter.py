"""Markdown for ``$GITHUB_STEP_SUMMARY`` or a pull-request comment.

Counts, then one table row per finding (severity, subject, check, channels,
values with the odd one in bold, locations), then the quotes in a collapsed
section. Everything taken from the sources goes through :func:`md_text`:
control characters shown as escapes, newlines flattened, HTML special
characters as entities (so no tag or comment can open), Markdown's inline
punctuation backslash-escaped (so no link, image, emphasis, code span,
math or table cell can be opened from a quote; ``$`` starts math on GitHub), ``://`` and ``www.`` broken with a
zero-width space so URLs are not turned into links, and ``@`` followed by
one so a quote cannot mention (notify) anyone; ``#1`` gets one too, so it
does not link an issue.
"""

from __future__ import annotations

import html
import re

from consistency_check.model import Finding, Severity
from consistency_check.reporters.base import Report, Reporter, severity_counts, side_order
from consistency_check.reporters.sanitize import clean_line

TITLE = "consistency-check"
#: Table rows before the rest is only counted (a PR comment holds 65,536 characters).
MAX_ROWS = 100
#: Locations listed in a table cell before "+N more".
MAX_LOCATIONS = 4
#: Characters of a quote kept in the details.
MAX_QUOTE = 240

_INLINE = re.compile(r"([\\`*_\[\]!|~$])")
_ZWSP = "&#8203;"
_ISSUE_REF = re.compile(r"#(?=\d)")


def md_text(text: str, limit: int | None = None) -> str:
    """Source text made inert for GitHub-flavoured Markdown, on one line, optionally shortened."""
    flat = " ".join(clean_line(text).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    out = html.escape(flat, quote=False)
    out = _INLINE.sub(r"\\\1", out)
    out = _ISSUE_REF.sub("#" + _ZWSP, out)  # before any other entity is added: they contain "#8"
    return out.replace("://", ":" + _ZWSP + "//").replace("www.", "www" + _ZWSP + ".").replace("@", "@" + _ZWSP)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def values_cell(finding: Finding) -> str:
    """``**45 days** (store); 30 days (agent, web)``: each value with its channels, the odd ones bold."""
    by_value: dict[str, set[str]] = {}
    for index in side_order(finding):
        side = finding.sides[index]
        if side.value:
            by_value.setdefault(side.value, set()).add(side.channel)
    parts = []
    for value, channels in by_value.items():
        shown = md_text(value)
        if finding.expected and value != finding.expected:
            shown = f"**{shown}**"
        parts.append(f"{shown} ({md_text(', '.join(sorted(channels)))})")
    return "; ".join(parts) or "—"


def locations_cell(finding: Finding) -> str:
    """The distinct ``path:line`` of each side, odd side first, at most :data:`MAX_LOCATIONS`."""
    seen: list[str] = []
    for index in side_order(finding):
        where = finding.sides[index].location.display()
        if where not in seen:
            seen.append(where)
    shown = "<br>".join(md_text(where) for where in seen[:MAX_LOCATIONS])
    if len(seen) > MAX_LOCATIONS:
        shown += f"<br>+{len(seen) - MAX_LOCATIONS} more"
    return shown or "—"


def table_row(finding: Finding) -> str:
    """One row of the findings table."""
    channels = ", ".join(sorted({side.channel for side in finding.sides}))
    cells = [
        Severity(finding.severity).value,
        md_text(finding.subject),
        f"{md_text(finding.code)} {md_text(finding.name)}",
        md_text(channels) or "—",
        values_cell(finding) if finding.sides else "—",
        locations_cell(finding) if finding.sides else "—",
    ]
    return "| " + " | ".join(cells) + " |"


def quotes(number: int, finding: Finding) -> list[str]:
    """The details of one finding: its message and each side's quote."""
    lines = [f"**{number}. {md_text(finding.subject)}** ({md_text(finding.code)}): {md_text(finding.message)}", ""]
    for index in side_order(finding):
        side = finding.sides[index]
        value = f" ({md_text(side.value)})" if side.value else ""
        quote = f": “{md_text(side.quote, MAX_QUOTE)}”" if side.quote else ""
        lines.append(f"- **{md_text(side.channel)}** {md_text(side.location.display())}{value}{quote}")
    lines.append("")
    return lines


class MarkdownReporter(Reporter):
    """GitHub-flavoured Markdown summary; see the module docstring."""

    name = "markdown"
    description = "Markdown summary for $GITHUB_STEP_SUMMARY or a pull-request comment."
    default_extension = ".md"

    def render(self, report: Report) -> str:
        """Heading, counts, findings table, collapsed quotes and notes."""
        if report.channels or report.title:
            from consistency_check.reporters.campaign_markdown import CampaignMarkdown

            return CampaignMarkdown(color=self.color, width=self.width).render(report)
        findings = sorted(report.findings, key=lambda f: -Severity(f.severity).rank)
        lines = [f"## {TITLE}", "", self._summary(report), ""]
        if findings:
            lines += ["| Severity | Subject | Check | Channels | Values | Locations |", "|---|---|---|---|---|---|"]
            lines += [table_row(f) for f in findings[:MAX_ROWS]]
            if len(findings) > MAX_ROWS:
                lines += [
                    "",
                    f"…and {len(findings) - MAX_ROWS} more findings in the full report (SARIF, JSON or HTML).",
                ]
            lines += ["", "<details><summary>What each place says</summary>", ""]
            for number, finding in enumerate(findings[:MAX_ROWS], start=1):
                lines += quotes(number, finding)
            lines += ["</details>", ""]
        if report.suppressed:
            lines += [
                f"{_plural(len(report.suppressed), 'finding')} suppressed by inline comments or the ignore file.",
                "",
            ]
        if report.notes:
            lines += ["<details><summary>Notes</summary>", ""]
            lines += [f"- {md_text(note)}" for note in report.notes]
            lines += ["", "</details>", ""]
        return "\n".join(lines).rstrip("\n") + "\n"

    @staticmethod
    def _summary(report: Report) -> str:
        """``**2 contradictions** (1 error, 1 warning, 0 infos) in 4 files, 17 statements; 30 subjects checked.``"""
        counts = severity_counts(report.findings)
        if report.findings:
            head = (
                f"**{_plural(len(report.findings), 'finding')}** ({_plural(counts['error'], 'error')}, "
                f"{_plural(counts['warning'], 'warning')}, {_plural(counts['info'], 'info')})"
            )
        else:
            head = "**No contradictions found.**"
        tail = f" in {_plural(report.files, 'file')}, {_plural(report.statements, 'statement')}"
        if report.subjects:
            flagged = {f.subject for f in report.findings} | {s.finding.subject for s in report.suppressed}
            agreeing = sum(1 for s in report.subjects if s.subject not in flagged)
            tail += f"; {_plural(len(report.subjects), 'subject')} compared, {agreeing} consistent"
        return head + tail + "."
