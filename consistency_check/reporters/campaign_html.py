"""The HTML page of a campaign launch check: the brief's facts, a status row per channel, then the details.

Like the check report (:mod:`consistency_check.reporters.html_reporter`),
the page is self-contained and loads nothing; every piece of source text is
escaped, and the only links are ``#`` anchors generated from indexes. The
``html`` format hands titled reports here.
"""

from __future__ import annotations

from consistency_check.model import BRIEF_CHANNEL, Finding, Severity
from consistency_check.reporters.base import Report, Reporter, severity_counts, side_order
from consistency_check.reporters.campaign_markdown import channel_of, count_of
from consistency_check.reporters.html_assets import STYLE, esc, page_head, quote_html
from consistency_check.reporters.text_reporter import highlight_for

CAMPAIGN_STYLE = """
.status { width: 100%; }
.status th, .status td { border-bottom: 1px solid var(--line); padding: 8px 10px; text-align: left; \
vertical-align: top; }
.status thead th { background: var(--head); font-size: 13px; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); }
.status td.ready { background: var(--ok); color: var(--ok-ink); font-weight: 600; }
.status td.error { background: var(--odd); color: var(--odd-ink); font-weight: 600; }
.status td.warning { background: var(--tie); color: var(--tie-ink); font-weight: 600; }
.status td.info { color: var(--info); font-weight: 600; }
.status ul { margin: 0; padding-left: 18px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 12px 0; }
.facts dt { font-weight: 600; color: var(--muted); }
.facts dd { margin: 0; }
.verdict { font-size: 18px; font-weight: 600; }
.finding h4 { font-size: 16px; margin: 0 0 6px; }
"""


class CampaignHtml(Reporter):
    """The HTML page of a titled report (a campaign launch check). Not a format of its own: ``html`` hands it over."""

    name = "campaign-html"
    description = "HTML page of a campaign launch check: a status row per channel, then the details."
    default_extension = ".html"

    def render(self, report: Report) -> str:
        """The whole page."""
        title = report.title or "Launch check"
        channels = list(report.channels) + sorted({channel_of(f) for f in report.findings} - set(report.channels))
        parts = [
            *page_head(esc(title), STYLE + CAMPAIGN_STYLE),
            "<body>",
            f'<header>\n<h1>{esc(title)}</h1>\n<p class="verdict">{esc(self._verdict(report))}</p>',
            self._facts(report),
            "</header>",
            self._status(report, channels),
            self._details(report, channels),
            self._notes(report),
            f"<footer>{report.files} files, {report.statements} statements, checked in {report.elapsed:.2f}s "
            f"by consistency-check {esc(report.tool_version)} · {esc(report.root)}</footer>",
            "</body>",
            "</html>",
        ]
        return "\n".join(part for part in parts if part) + "\n"

    @staticmethod
    def _verdict(report: Report) -> str:
        if not report.findings:
            return "Ready: every channel agrees with the brief."
        counts = severity_counts(report.findings)
        summary = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items() if n)
        state = "Not ready" if counts["error"] else "Ready with warnings"
        return f"{state}: {count_of(list(report.findings))} ({summary})."

    @staticmethod
    def _facts(report: Report) -> str:
        if not report.context:
            return ""
        rows = "".join(f"<dt>{esc(label)}</dt><dd>{esc(value)}</dd>" for label, value in report.context)
        return f'<dl class="facts">{rows}</dl>'

    @staticmethod
    def _status(report: Report, channels: list[str]) -> str:
        """One row per channel: ready, or what to fix, linked to the details."""
        rows = []
        for index, channel in enumerate(channels):
            mine = [f for f in report.findings if channel_of(f) == channel]
            if not mine:
                rows.append(f'<tr><th scope="row">{_name(channel)}</th><td class="ready">ready</td><td></td></tr>')
                continue
            worst = Severity(max(mine, key=lambda f: Severity(f.severity).rank).severity).value
            todo = "".join(f"<li>{esc(f.message.split('. ')[0].rstrip('.') + '.')}</li>" for f in mine)
            rows.append(
                f'<tr><th scope="row"><a href="#c{index}">{_name(channel)}</a></th>'
                f'<td class="{worst}">{esc(count_of(mine))}</td><td><ul>{todo}</ul></td></tr>'
            )
        return (
            '<section id="channels"><h2>Channels</h2><div class="scroll"><table class="status">'
            '<thead><tr><th scope="col">Channel</th><th scope="col">Status</th><th scope="col">To fix</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div></section>"
        )

    @staticmethod
    def _details(report: Report, channels: list[str]) -> str:
        """Each channel's findings, with their quoted and located sides."""
        sections = []
        number = 0
        for index, channel in enumerate(channels):
            mine = [f for f in report.findings if channel_of(f) == channel]
            if not mine:
                continue
            articles = []
            for finding in mine:
                number += 1
                articles.append(_article(number, finding))
            sections.append(f'<h3 id="c{index}">{_name(channel)}</h3>' + "".join(articles))
        return f'<section id="details"><h2>Details</h2>{"".join(sections)}</section>' if sections else ""

    @staticmethod
    def _notes(report: Report) -> str:
        if not report.notes:
            return ""
        return (
            '<section id="notes"><h2>Notes</h2><ul>'
            + "".join(f"<li>{esc(n)}</li>" for n in report.notes)
            + "</ul></section>"
        )


def _name(channel: str) -> str:
    """A channel as the page names it; the brief's own text is not a channel."""
    return "the brief's own text" if channel == BRIEF_CHANNEL else esc(channel)


def _article(number: int, finding: Finding) -> str:
    severity = Severity(finding.severity).value
    rows = []
    for index in side_order(finding):
        side = finding.sides[index]
        quote = quote_html(side, highlight_for(finding, index)) if side.quote else ""
        rows.append(
            f'<tr id="f{number}-s{index}"><td><b>{esc(side.channel)}</b></td>'
            f'<td class="where">{esc(side.location.display())}</td>'
            f'<td class="val">{esc(side.value)}</td><td class="quote">{quote}</td></tr>'
        )
    expected = f'<p class="expected">Expected: <b>{esc(finding.expected)}</b></p>' if finding.expected else ""
    return (
        f'<article id="f{number}" class="finding sev-{severity}">'
        f'<h4><span class="badge {severity}">{severity}</span>{esc(finding.subject)} '
        f'<span class="code">{esc(finding.code)} {esc(finding.name)}</span></h4>'
        f'<p class="message">{esc(finding.message)}</p>{expected}'
        f'<table class="sides"><tbody>{"".join(rows)}</tbody></table></article>'
    )
