"""The default, human-readable report, rendered with rich.

Source text never passes through rich's markup parser: every piece is added
as a :class:`rich.text.Text` span (and so is never read as markup, which is
stronger than escaping it), after :mod:`.sanitize` has made its control
characters visible.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from consistency_check.model import Finding, Severity, Side
from consistency_check.reporters.base import Report, Reporter, severity_counts
from consistency_check.reporters.sanitize import clean, clean_line

SEVERITY_STYLES: dict[Severity, str] = {
    Severity.ERROR: "bold red",
    Severity.WARNING: "bold yellow",
    Severity.INFO: "bold cyan",
}
HIGHLIGHT_STYLE = "bold magenta"
SUBJECT_STYLE = "bold underline"
DIM_STYLE = "dim"
NO_FINDINGS = "No contradictions found."


def _plural(count: int, noun: str) -> str:
    """``1 file`` / ``2 files``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summary_line(report: Report) -> str:
    """``N files, M statements, K findings (E errors, W warnings, I infos)[, S suppressed] in 0.42s``."""
    counts = severity_counts(report.findings)
    suppressed = f", {len(report.suppressed)} suppressed" if report.suppressed else ""
    return (
        f"{_plural(report.files, 'file')}, {_plural(report.statements, 'statement')}, "
        f"{_plural(len(report.findings), 'finding')} ("
        f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}, "
        f"{_plural(counts['info'], 'info')}){suppressed} in {report.elapsed:.2f}s"
    )


def highlight_for(finding: Finding, index: int) -> str:
    """The text to highlight in side ``index``'s quote, or ``""``.

    An engine-supplied ``highlight:<index>`` entry in ``extra`` wins; otherwise
    the side's value is used when it appears verbatim in the quote.
    """
    side = finding.sides[index]
    wanted = dict(finding.extra).get(f"highlight:{index}", "")
    for candidate in (wanted, side.value):
        if candidate and candidate in side.quote:
            return candidate
    return ""


def quote_text(quote: str, highlight: str) -> Text:
    """The quote in double quotes, with the first occurrence of ``highlight`` styled."""
    text = Text('"')
    start = quote.find(highlight) if highlight else -1
    if start < 0:
        text.append(clean_line(quote))
    else:
        end = start + len(highlight)
        text.append(clean_line(quote[:start]))
        text.append(clean_line(quote[start:end]), style=HIGHLIGHT_STYLE)
        text.append(clean_line(quote[end:]))
    text.append('"')
    return text


def line_breaks(plain: str, room: int) -> list[int]:
    """Offsets at which to break ``plain`` into lines of at most ``room`` cells, only where it has white space.

    A word longer than a line (a path, a URL) keeps a line of its own, whole:
    it is never split, so it can be copied, searched for and clicked.
    """
    breaks: list[int] = []
    used = 0
    for word in re.finditer(r"\S+\s*", plain):
        if used and used + cell_len(word.group().rstrip()) > room:
            breaks.append(word.start())
            used = 0
        used += cell_len(word.group())
    return breaks


def print_wrapped(console: Console, text: Text, indent: int = 0, hang: int = 0, wrap: bool = True) -> None:
    """Print ``text`` indented, with no trailing spaces; wrapped to the console width when ``wrap`` is set.

    Lines break only at white space, so no path is ever split (a word longer
    than the line overflows it instead), and continuation lines are indented
    ``hang`` columns further. Unwrapped (output that is not a terminal), each
    piece stays on one line, whatever its length.
    """
    room = max(console.width - indent - hang, 10)
    lines = [piece for part in text.split("\n", allow_blank=True) for piece in _divide(part, room, wrap)]
    for number, line in enumerate(lines):
        line.rstrip()
        margin = indent if number == 0 else indent + hang
        console.print(Text(" " * margin) + line, soft_wrap=True)


def _divide(text: Text, room: int, wrap: bool) -> list[Text]:
    return list(text.divide(line_breaks(text.plain, room))) if wrap else [text]


def _by_severity(finding: Finding) -> int:
    """Sort key putting the most serious first."""
    return -Severity(finding.severity).rank


def group_by_subject(findings: Sequence[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by subject; groups ordered by worst severity then subject.

    Within a group, findings are ordered by severity, otherwise as given.
    """
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.subject, []).append(finding)
    ordered = sorted(groups.items(), key=lambda item: (min(_by_severity(f) for f in item[1]), item[0]))
    return [(subject, sorted(members, key=_by_severity)) for subject, members in ordered]


class TextReporter(Reporter):
    """Findings for a person at a terminal: grouped, quoted, located, highlighted."""

    name = "text"
    description = "Human-readable report (default); coloured on a terminal."
    default_extension = ".txt"

    def _print(self, console: Console, text: Text, indent: int = 0, hang: int = 0) -> None:
        """:func:`print_wrapped`, wrapping only for a terminal (``width`` above 0)."""
        print_wrapped(console, text, indent, hang, wrap=self.width > 0)

    def render(self, report: Report) -> str:
        """Render ``report`` to a string, with ANSI styling only when ``color`` is set; wrapped to ``width``
        columns, or not at all when ``width`` is 0 (output that is not a terminal)."""
        buffer = io.StringIO()
        console = Console(
            file=buffer,
            force_terminal=self.color,
            force_interactive=False,
            force_jupyter=False,
            color_system="standard" if self.color else None,
            no_color=not self.color,
            width=self.width if self.width > 0 else 10_000,
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=False,
            legacy_windows=False,
        )
        if report.title:
            self._print(console, Text(clean_line(report.title), style="bold"))
            for label, value in report.context:
                self._print(console, Text.assemble((f"{clean_line(label)}: ", DIM_STYLE), clean_line(value)), 2, hang=2)
            console.print()
        if report.findings:
            for subject, findings in group_by_subject(report.findings):
                self._print(console, Text(clean_line(subject), style=SUBJECT_STYLE))
                for finding in findings:
                    self._print_finding(console, finding)
                    console.print()
        else:
            self._print(console, Text(NO_FINDINGS, style="bold green"))
        for note in report.notes:
            self._print(console, Text.assemble(("note: ", DIM_STYLE), clean(note)))
        self._print(console, Text(summary_line(report), style="bold"))
        return buffer.getvalue()

    def _print_finding(self, console: Console, finding: Finding) -> None:
        """Header, message, expected/confidence, then one entry per side."""
        severity = Severity(finding.severity)
        header = Text(overflow="fold")
        header.append(severity.value, style=SEVERITY_STYLES[severity])
        header.append(" ")
        header.append(clean_line(finding.code), style="bold")
        header.append(f" {clean_line(finding.name)}  ")
        header.append(clean_line(finding.subject), style="bold")
        self._print(console, header, 2, hang=2)
        self._print(console, Text(clean(finding.message)), 4)
        details: list[str] = []
        if finding.expected:
            details.append(f"expected: {clean_line(finding.expected)}")
        if finding.confidence < 1.0:
            details.append(f"confidence: {finding.confidence:.3g}")
        if finding.evidence:
            details.append(f"why: {'; '.join(finding.evidence)}")
        if details:
            self._print(console, Text("  ".join(details), style=DIM_STYLE), 4)
        width = max((cell_len(clean_line(side.channel)) for side in finding.sides), default=0)
        for index, side in enumerate(finding.sides):
            self._print_side(console, side, highlight_for(finding, index), width)

    def _print_side(self, console: Console, side: Side, highlight: str, channel_width: int) -> None:
        """``- channel  path:line  (value)`` then the quote beneath it."""
        where = Text("- ")
        channel = clean_line(side.channel)
        where.append(channel, style="bold")
        where.append(" " * (channel_width - cell_len(channel) + 2))
        where.append(clean_line(side.location.display()), style="cyan")
        if side.value:
            where.append(f"  ({clean_line(side.value)})", style=DIM_STYLE)
        self._print(console, where, 4, hang=2)
        self._print(console, quote_text(side.quote, highlight), 6)
