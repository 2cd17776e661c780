"""The Markdown summary of a campaign launch check, to paste into a launch ticket.

A titled report (the campaign launch check) starts with its facts and a
table with one row per channel (ready, or what to fix); any report then
lists its findings with their quoted, located sides. Source text is
untrusted: it is escaped so that it can never become a link, an image, HTML
or table structure, and control characters are shown as escapes.
"""

from __future__ import annotations

import re
from collections import Counter

from consistency_check.model import Finding, Severity
from consistency_check.reporters.base import Report, Reporter, severity_counts
from consistency_check.reporters.sanitize import clean_line

ICONS = {Severity.ERROR: "❌", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
READY = "✅ ready"
#: What a finding is called in the channel table, by check name (default: its severity).
KIND_WORDS = {
    "campaign-contradiction": ("contradiction", "contradictions"),
    "campaign-gap": ("gap", "gaps"),
    "campaign-policy-override": ("undeclared policy change", "undeclared policy changes"),
    "parse-error": ("unreadable file", "unreadable files"),
    "policy-conflict": ("conflict with policy", "conflicts with policy"),
    "missing": ("missing fact", "missing facts"),
    "stale": ("stale value", "stale values"),
}
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~#!])")


def escape(text: str) -> str:
    """Untrusted text as inline Markdown that renders as itself (one line, no markup, no HTML)."""
    return _SPECIAL.sub(r"\\\1", clean_line(text).replace("&", "&amp;")).replace("\\<", "&lt;").replace("\\>", "&gt;")


def code(text: str) -> str:
    """``text`` as a code span, with a fence longer than any run of backticks inside it."""
    text = clean_line(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def count_of(findings: list[Finding]) -> str:
    """'1 contradiction, 2 gaps' for the findings of one channel."""
    counts: Counter[str] = Counter()
    for finding in findings:
        counts[finding.name] += 1
    parts = []
    for name, n in sorted(
        counts.items(), key=lambda kv: (list(KIND_WORDS).index(kv[0]) if kv[0] in KIND_WORDS else 99, kv[0])
    ):
        one, many = KIND_WORDS.get(name, (name, name))
        parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)


def channel_of(finding: Finding) -> str:
    extra = dict(finding.extra)
    if "channel" in extra:
        return extra["channel"]
    return finding.sides[0].channel if finding.sides else ""


class CampaignMarkdown(Reporter):
    """The Markdown of a titled report (a campaign launch check): per-channel status, then every finding.

    Not a format of its own: the ``markdown`` format hands titled reports to it.
    """

    name = "campaign-markdown"
    description = "Markdown summary of a campaign launch check, per channel."
    default_extension = ".md"

    def render(self, report: Report) -> str:
        """Render ``report`` as GitHub-flavoured Markdown."""
        lines = [f"# {escape(report.title or 'consistency-check report')}", "", self._verdict(report), ""]
        if report.context:
            lines += [f"- **{escape(label)}:** {escape(value)}" for label, value in report.context]
            lines.append("")
        if report.channels:
            lines += self._channel_table(report)
        if report.findings:
            lines += ["## Details" if report.channels else "## Findings", ""]
            for group, findings in self._groups(report):
                lines += [f"### {escape(group)}", ""]
                for finding in findings:
                    lines += self._finding(finding)
                lines.append("")
        for note in report.notes:
            lines += [f"> Note: {escape(note)}", ""]
        lines.append(
            f"<sub>{report.files} files, {report.statements} statements, checked in {report.elapsed:.2f}s "
            f"by consistency-check {escape(report.tool_version)}.</sub>"
        )
        return "\n".join(lines) + "\n"

    def _verdict(self, report: Report) -> str:
        if not report.findings:
            return "**Ready:** every channel agrees." if report.channels else "**No contradictions found.**"
        counts = severity_counts(report.findings)
        summary = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items() if n)
        if report.channels:
            blocking = counts["error"] > 0
            return (
                f"**{'Not ready' if blocking else 'Ready with warnings'}:** "
                f"{count_of(list(report.findings))} ({summary})."
            )
        return f"**{len(report.findings)} finding{'s' if len(report.findings) != 1 else ''}:** {summary}."

    def _channel_table(self, report: Report) -> list[str]:
        rows = ["## Channels", "", "| Channel | Status | To fix |", "|---|---|---|"]
        names = list(report.channels) + sorted({channel_of(f) for f in report.findings} - set(report.channels))
        for channel in names:
            mine = [f for f in report.findings if channel_of(f) == channel]
            if not mine:
                rows.append(f"| {escape(channel)} | {READY} | |")
                continue
            worst = max(mine, key=lambda f: Severity(f.severity).rank)
            todo = "<br>".join(escape(f.message.split(". ")[0].rstrip(".") + ".") for f in mine)
            rows.append(f"| {escape(channel)} | {ICONS[Severity(worst.severity)]} {count_of(mine)} | {todo} |")
        return rows + [""]

    def _groups(self, report: Report) -> list[tuple[str, list[Finding]]]:
        groups: dict[str, list[Finding]] = {}
        if report.channels:
            for finding in report.findings:
                groups.setdefault(channel_of(finding) or "other", []).append(finding)
            order = {c: i for i, c in enumerate(report.channels)}
            return sorted(groups.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))
        for finding in report.findings:
            groups.setdefault(finding.subject, []).append(finding)
        return sorted(groups.items(), key=lambda kv: (-max(Severity(f.severity).rank for f in kv[1]), kv[0]))

    def _finding(self, finding: Finding) -> list[str]:
        severity = Severity(finding.severity)
        head = (
            f"- {ICONS[severity]} **{escape(severity.value)}** {code(finding.code)} {escape(finding.name)}: "
            f"{escape(finding.message)}"
        )
        lines = [head]
        if finding.expected:
            lines.append(f"  - expected: **{escape(finding.expected)}**")
        for side in finding.sides:
            value = f" ({escape(side.value)})" if side.value else ""
            quote = f": “{escape(side.quote)}”" if side.quote else ""
            lines.append(f"  - {escape(side.channel)} {code(side.location.display())}{value}{quote}")
        return lines
