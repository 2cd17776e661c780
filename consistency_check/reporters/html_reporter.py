"""One self-contained HTML page for content owners: subjects by channel.

The matrix has a row per finding that states values (then a row per subject
whose channels agree, from :attr:`Report.subjects`) and a column per channel.
Each cell shows what that channel says; every value links to the quote and
location in the details below. Where a policy judged the subject, the policy
is the reference column, left of the channels: a channel's value is marked
as conflicting with it, as stale (the policy's earlier value), as missing
(required but not stated) or as agreeing. Elsewhere a value that differs from
the one most channels state is highlighted. The tiles count contradictions,
coverage gaps and file notices apart. Checkboxes filter channels and
severities; without scripts the page shows everything and the filters stay
hidden. A titled report (a campaign launch check) gets a page of its own,
:mod:`consistency_check.reporters.campaign_html`.

Safety: the page loads nothing (a strict Content-Security-Policy allows only
the inline style and the one fixed script, by hash). Every piece of source
text is escaped with :func:`html.escape` after control characters are made
visible; the only links are ``#`` anchors whose ids are generated from
indexes, so no ``href`` ever comes from content.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from consistency_check.checks import finding_kind
from consistency_check.model import POLICY_CHANNEL, CheckedSubject, Finding, Severity
from consistency_check.reporters.base import Report, Reporter, severity_counts, side_order
from consistency_check.reporters.html_assets import SCRIPT, STYLE, esc, hide_rules, page_head, quote_html
from consistency_check.reporters.text_reporter import highlight_for

#: Channels in the order content teams think of them; others follow alphabetically.
CHANNEL_ORDER = ("web", "chatbot", "agent", "store")
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def _legend(state: str, with_policy: bool) -> str:
    """What the legend says of a cell state (with a policy column, agreeing means agreeing with it)."""
    return "agrees with the policy" if state == "agree" and with_policy else STATES[state]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def channel_columns(findings: Iterable[Finding], subjects: Iterable[CheckedSubject]) -> list[str]:
    """Every channel named by a side, a coverage gap or a subject, in :data:`CHANNEL_ORDER` then alphabetical
    order; the policy is the reference, not a channel."""
    names = {side.channel for f in findings for side in f.sides if side.value}
    names |= {
        dict(f.extra)["channel"] for f in findings if finding_kind(f.code) == "gap" and "channel" in dict(f.extra)
    }
    names |= {channel for s in subjects for channel, _ in s.values}
    names.discard(POLICY_CHANNEL)
    known = [c for c in CHANNEL_ORDER if c in names]
    return known + sorted(names - set(known))


#: Cell states: (CSS class, what the legend says), in legend order.
STATES = {
    "conflict": "differs from the policy",
    "stale": "the policy's earlier value",
    "missing": "required by the policy, not stated",
    "odd": "differs from most channels",
    "tie": "no majority",
    "agree": "agrees",
}


@dataclass(frozen=True)
class _Row:
    """One matrix row: a finding (number > 0) or a consistent subject (number 0); ``reference`` is the policy cell."""

    number: int
    subject: str
    code: str
    severity: str
    #: Per channel: the cell's state (a key of :data:`STATES`) and its inner HTML.
    cells: dict[str, tuple[str, str]]
    reference: str = ""


def _policy_side(finding: Finding) -> int | None:
    """The index of the side quoting the policy, if the finding is judged against one."""
    return next((i for i, side in enumerate(finding.sides) if side.channel == POLICY_CHANNEL), None)


def _agreeing(subject: CheckedSubject | None, skip: Iterable[str] = ()) -> dict[str, tuple[str, str]]:
    """Cells of the channels of ``subject`` that agree (those in ``skip`` have cells already)."""
    values: dict[str, list[str]] = {}
    for channel, value in subject.values if subject else ():
        if channel != POLICY_CHANNEL and channel not in skip:
            values.setdefault(channel, []).append(value)
    return {
        channel: ("agree", "".join(f'<span class="value">{esc(v)}</span>' for v in stated))
        for channel, stated in values.items()
    }


class HtmlReporter(Reporter):
    """Self-contained HTML report; see the module docstring."""

    name = "html"
    description = "Self-contained HTML page: subject x channel matrix with filters, for content owners."
    default_extension = ".html"

    def render(self, report: Report) -> str:
        """The whole page."""
        if report.title or report.channels:
            from consistency_check.reporters.campaign_html import CampaignHtml

            return CampaignHtml(color=self.color, width=self.width).render(report)
        findings = sorted(report.findings, key=lambda f: -Severity(f.severity).rank)
        flagged = {f.subject for f in findings} | {s.finding.subject for s in report.suppressed}
        judged = {s.subject: s for s in report.subjects if any(ch == POLICY_CHANNEL for ch, _ in s.values)}
        consistent = [s for s in report.subjects if s.subject not in flagged]
        channels = channel_columns(findings, report.subjects)
        column = {name: f"ch-{i}" for i, name in enumerate(channels)}
        rows = [
            self._finding_row(n, f, column, judged.get(f.subject))
            for n, f in enumerate(findings, start=1)
            if any(s.value for s in f.sides)
        ]
        rows += [self._subject_row(s, column) for s in sorted(consistent, key=lambda s: s.subject)]
        classes = list(column.values()) + [f"sev-{s.value}" for s in SEVERITIES] + ["sev-consistent"]
        parts = [
            *page_head("Channel consistency report", f"{STYLE}{hide_rules(classes)}\n"),
            "<body>",
            self._header(report, len(consistent), len(channels)),
            self._filters(channels, column, bool(consistent)),
            self._matrix(rows, channels, column),
            self._details(findings, column),
            self._suppressed(report),
            self._notes(report),
            f"<footer>consistency-check {esc(report.tool_version)} · {esc(report.root)}</footer>",
            f"<script>{SCRIPT}</script>",
            "</body>",
            "</html>",
        ]
        return "\n".join(part for part in parts if part) + "\n"

    @staticmethod
    def _header(report: Report, agreeing: int, channel_count: int) -> str:
        """Title, one-line summary and the count tiles: contradictions, coverage gaps and file notices apart."""
        kinds = {"contradiction": 0, "gap": 0, "notice": 0}
        for finding in report.findings:
            kinds[finding_kind(finding.code)] += 1
        tiles = [(kinds["contradiction"], "contradiction" if kinds["contradiction"] == 1 else "contradictions")]
        if kinds["gap"] or any(_policy_side(f) is not None for f in report.findings):
            tiles.append((kinds["gap"], "coverage gap" if kinds["gap"] == 1 else "coverage gaps"))
        if kinds["notice"]:
            tiles.append((kinds["notice"], "file notice" if kinds["notice"] == 1 else "file notices"))
        if report.subjects:
            tiles.append((agreeing, "consistent subjects" if agreeing != 1 else "consistent subject"))
        tiles.append((channel_count, "channels" if channel_count != 1 else "channel"))
        tile_html = "".join(f"<li><b>{number}</b>{label}</li>" for number, label in tiles)
        counts = severity_counts(report.findings)
        severities = ", ".join(_plural(n, sev) for sev, n in counts.items() if n)
        summary = (
            f"{_plural(report.files, 'file')} read, {_plural(report.statements, 'statement')} compared"
            + (f", {_plural(len(report.subjects), 'subject')} checked across channels" if report.subjects else "")
            + f" in {report.elapsed:.2f}s"
            + (f"; {_plural(len(report.findings), 'finding')}: {severities}." if report.findings else ".")
        )
        if not report.findings:
            lead = "No contradictions found."
        elif kinds["contradiction"]:
            lead = "Where the channels say different things."
        else:
            lead = "No contradictions found; see the findings below."
        return (
            "<header>\n<h1>Channel consistency report</h1>\n"
            f'<p class="summary">{lead} {summary}</p>\n<ul class="counts">{tile_html}</ul>\n</header>'
        )

    @staticmethod
    def _filters(channels: list[str], column: dict[str, str], with_consistent: bool) -> str:
        """Checkbox filters, hidden until the script shows them."""
        channel_boxes = "".join(
            f'<label><input type="checkbox" checked data-hide="{column[name]}"> {esc(name)}</label>'
            for name in channels
        )
        levels = [s.value for s in SEVERITIES] + (["consistent"] if with_consistent else [])
        severity_boxes = "".join(
            f'<label><input type="checkbox" checked data-hide="sev-{v}"> {v}</label>' for v in levels
        )
        return (
            '<form id="filters" hidden>'
            f"<fieldset><legend>Channels</legend>{channel_boxes}</fieldset>"
            f"<fieldset><legend>Show</legend>{severity_boxes}</fieldset>"
            "</form>"
        )

    def _finding_row(
        self, number: int, finding: Finding, column: dict[str, str], judged: CheckedSubject | None
    ) -> _Row:
        """Cells for a finding: each channel's values, linked to their side and marked against the policy
        (when one judged it) or against the value most channels state."""
        policy = _policy_side(finding)
        values: dict[str, dict[str, int]] = {}
        for index in side_order(finding):
            side = finding.sides[index]
            if side.value and index != policy:
                values.setdefault(side.channel, {}).setdefault(side.value, index)
        cells = {}
        for channel, stated in values.items():
            if policy is not None:
                state = "stale" if finding.name == "stale" else "conflict"
            elif finding.expected:
                state = "agree" if set(stated) == {finding.expected} else "odd"
            else:
                state = "tie"
            marked = state in ("conflict", "stale", "odd")
            links = "".join(
                f'<a class="value{" differs" if marked and value != finding.expected else ""}" '
                f'href="#f{number}-s{index}" title="{esc(finding.sides[index].location.display())}">{esc(value)}</a>'
                for value, index in stated.items()
            )
            cells[channel] = (state, links)
        if finding_kind(finding.code) == "gap" and policy is not None:
            missing = dict(finding.extra).get("channel", "")
            if missing in column and missing not in cells:
                cells[missing] = ("missing", f'<a class="value" href="#f{number}">missing</a>')
        reference = ""
        if policy is not None:
            side = finding.sides[policy]
            current = finding.expected if finding.name == "stale" else side.value
            text = esc(current) if current else f'{esc(side.value)} <span class="expired">(expired)</span>'
            reference = (
                f'<td class="ref"><a class="value" href="#f{number}-s{policy}" '
                f'title="{esc(side.location.display())}">{text}</a></td>'
            )
            cells.update(_agreeing(judged, skip=cells))
        return _Row(number, finding.subject, finding.code, Severity(finding.severity).value, cells, reference)

    @staticmethod
    def _subject_row(subject: CheckedSubject, column: dict[str, str]) -> _Row:
        """Cells for a subject whose channels agree (with each other, or with the policy's value)."""
        policy = [value for channel, value in subject.values if channel == POLICY_CHANNEL]
        reference = f'<td class="ref"><span class="value">{esc(" / ".join(policy))}</span></td>' if policy else ""
        return _Row(0, subject.subject, subject.code, "consistent", _agreeing(subject), reference)

    @staticmethod
    def _matrix(rows: list[_Row], channels: list[str], column: dict[str, str]) -> str:
        """The subject x channel table (the policy first, when one speaks), or a sentence when there is nothing."""
        if not rows:
            return (
                '<section id="matrix"><h2>Subjects by channel</h2>'
                "<p>No subject was stated in two places or more.</p></section>"
            )
        with_policy = any(row.reference for row in rows)
        head = ('<th scope="col" class="ref">policy</th>' if with_policy else "") + "".join(
            f'<th scope="col" class="{column[c]}">{esc(c)}</th>' for c in channels
        )
        body = []
        used = set()
        for row in rows:
            badge = f'<span class="badge {row.severity}">{row.severity}</span>'
            title = f'<a href="#f{row.number}">{esc(row.subject)}</a>' if row.number else esc(row.subject)
            cells = "".join(
                f'<td class="{column[c]} {row.cells[c][0]}">{row.cells[c][1]}</td>'
                if c in row.cells
                else f'<td class="{column[c]} none" title="not stated">–</td>'
                for c in channels
            )
            used |= {state for state, _ in row.cells.values()}
            reference = (row.reference or '<td class="ref none" title="no policy">–</td>') if with_policy else ""
            css = f"sev-{row.severity}" + (" consistent" if not row.number else "")
            body.append(
                f'<tr class="{css}"><th scope="row">{badge}{title} <span class="code">{esc(row.code)}</span></th>'
                f"{reference}{cells}</tr>"
            )
        keys = "".join(
            f'<span class="key-{state}">{_legend(state, with_policy)}</span>' for state in STATES if state in used
        )
        policy_note = " The policy column is the reference where a policy speaks." if with_policy else ""
        legend = (
            f'<p class="legend">{keys} – not stated.{policy_note} Select a value to see its quote and location.</p>'
        )
        return (
            '<section id="matrix"><h2>Subjects by channel</h2><div class="scroll"><table class="matrix">'
            f'<thead><tr><th scope="col">Subject</th>{head}</tr></thead><tbody>\n'
            + "\n".join(body)
            + f"\n</tbody></table></div>{legend}</section>"
        )

    @staticmethod
    def _details(findings: list[Finding], column: dict[str, str]) -> str:
        """One article per finding: message, expected value, and every side with its quote."""
        if not findings:
            return ""
        articles = []
        for number, finding in enumerate(findings, start=1):
            severity = Severity(finding.severity).value
            rows = []
            for index in side_order(finding):
                side = finding.sides[index]
                reference = side.channel == POLICY_CHANNEL
                odd = bool(finding.expected) and bool(side.value) and side.value != finding.expected and not reference
                state = "ref" if reference else "odd" if odd else ""
                css = " ".join(x for x in (column.get(side.channel, ""), state) if x)
                quote = quote_html(side, highlight_for(finding, index)) if side.quote else ""
                rows.append(
                    f'<tr id="f{number}-s{index}" class="{css}"><td><b>{esc(side.channel)}</b></td>'
                    f'<td class="where">{esc(side.location.display())}</td>'
                    f'<td class="val">{esc(side.value)}</td><td class="quote">{quote}</td></tr>'
                )
            said = "Most channels say"
            if _policy_side(finding) is not None:
                said = "The policy now says" if finding.name == "stale" else "The policy says"
            expected = f'<p class="expected">{said}: <b>{esc(finding.expected)}</b></p>' if finding.expected else ""
            confidence = f" · confidence {finding.confidence:.2f}" if finding.confidence < 1.0 else ""
            if finding.evidence:
                expected += f'<p class="evidence">Why one fact: {esc("; ".join(finding.evidence))}</p>'
            articles.append(
                f'<article id="f{number}" class="finding sev-{severity}">'
                f'<h3><span class="badge {severity}">{severity}</span>{esc(finding.subject)} '
                f'<span class="code">{esc(finding.code)} {esc(finding.name)}{confidence}</span></h3>'
                f'<p class="message">{esc(finding.message)}</p>{expected}'
                f'<table class="sides"><tbody>{"".join(rows)}</tbody></table></article>'
            )
        return '<section id="details"><h2>Findings</h2>\n' + "\n".join(articles) + "\n</section>"

    @staticmethod
    def _suppressed(report: Report) -> str:
        """Findings silenced by a suppression, collapsed."""
        if not report.suppressed:
            return ""
        items = []
        for silenced in report.suppressed:
            finding, suppression = silenced.finding, silenced.suppression
            where = f" ({esc(suppression.location.display())})" if suppression.location else ""
            expires = f", until {esc(suppression.expires)}" if suppression.expires else ""
            items.append(
                f'<li><b>{esc(finding.subject)}</b> <span class="code">{esc(finding.code)}</span>: '
                f"{esc(suppression.justification or 'no reason given')} [{esc(suppression.kind)}{where}{expires}]</li>"
            )
        return (
            '<section id="suppressed"><details>'
            f"<summary>{_plural(len(report.suppressed), 'suppressed finding')}</summary>"
            f"<ul>{''.join(items)}</ul></details></section>"
        )

    @staticmethod
    def _notes(report: Report) -> str:
        """Notes from the run (inferred channels, unreadable files)."""
        if not report.notes:
            return ""
        items = "".join(f"<li>{esc(note)}</li>" for note in report.notes)
        return f'<section id="notes"><h2>Notes</h2><ul>{items}</ul></section>'
