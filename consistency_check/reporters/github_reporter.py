"""GitHub Actions workflow commands: one annotation per finding.

``::error file=…,line=…,endLine=…,title=…::message`` (``warning`` and
``notice`` by severity). The annotation sits on the odd side of a
contradiction; its message lists every side with its quote.

Source text must not be able to issue workflow commands. The runner reads a
line as a command when it starts (after blanks) with ``::`` or contains
``##[``, so every line printed here starts with our own ``::command``, and
nothing from the sources can start a line: data escapes ``%``, CR and LF as
``%25``, ``%0D``, ``%0A``; properties also escape ``:`` and ``,``. Terminal
escape sequences are shown as text (``\\x1b``) first, as the log viewer
interprets ANSI colours.

GitHub turns at most 10 annotations of each type per step into annotations
(the rest only reach the log), so when a type overflows, a ``::notice``
printed first says how many are not shown and where the full report is.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

from consistency_check.model import Finding, Severity
from consistency_check.reporters.base import Report, Reporter, side_order
from consistency_check.reporters.sanitize import clean

COMMANDS: dict[Severity, str] = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
#: Annotations GitHub shows per type per step.
ANNOTATION_LIMIT = 10


def escape_data(text: str) -> str:
    """Escape a command's message the way the runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file``, ``title``): data escapes plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int | None) -> str:
    """One workflow command line, every part escaped."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    head = f"::{name} {props}" if props else f"::{name}"
    return f"{head}::{escape_data(clean(message))}"


def workspace_path(root: str, path: str) -> str:
    """The file as the runner wants it: absolute under an absolute root (the runner makes it
    relative to the repository), else the project-relative path."""
    for flavour in (PurePosixPath, PureWindowsPath):
        base = flavour(root)
        if base.is_absolute():
            return (base / path.replace("\\", "/")).as_posix()
    return path.replace("\\", "/")


def annotation(finding: Finding, root: str) -> str:
    """The workflow command for one finding."""
    severity = Severity(finding.severity)
    lines = [finding.message]
    if finding.expected:
        lines.append(f"Expected (most channels): {finding.expected}")
    order = side_order(finding)
    for index in order:
        side = finding.sides[index]
        value = f" ({side.value})" if side.value else ""
        quote = f' "{" ".join(side.quote.split())}"' if side.quote else ""
        lines.append(f"- {side.channel} {side.location.display()}{value}{quote}")
    props: dict[str, str | int | None] = {}
    if order:
        location = finding.sides[order[0]].location
        props["file"] = workspace_path(root, location.path)
        if location.line is not None:
            props["line"] = location.line
            if location.end_line is not None and location.end_line >= location.line:
                props["endLine"] = location.end_line
    props["title"] = clean(f"{finding.code} {finding.name}: {finding.subject}")
    return command(COMMANDS[severity], "\n".join(lines), **props)


def overflow_notice(findings: tuple[Finding, ...]) -> str | None:
    """The notice for annotations GitHub will not show, or ``None`` when all fit."""
    counts = {severity: 0 for severity in COMMANDS}
    for finding in findings:
        counts[Severity(finding.severity)] += 1
    # The notice itself takes one of the notice slots.
    room = {s: ANNOTATION_LIMIT - (1 if s is Severity.INFO else 0) for s in COMMANDS}
    hidden = {s: max(0, n - room[s]) for s, n in counts.items()}
    if not any(hidden.values()):
        return None
    parts = [f"{n} {COMMANDS[s]}{'s' if n != 1 else ''}" for s, n in hidden.items() if n]
    return (
        f"consistency-check found {len(findings)} findings. GitHub shows at most {ANNOTATION_LIMIT} annotations "
        f"of each type per step, so {' and '.join(parts)} appear only in the log and in the full report "
        "(--format sarif:FILE, --format markdown:$GITHUB_STEP_SUMMARY or --format html:FILE)."
    )


class GithubReporter(Reporter):
    """GitHub Actions annotations; see the module docstring."""

    name = "github"
    description = "GitHub Actions workflow commands (annotations on the odd side)."
    default_extension = ".txt"

    def render(self, report: Report) -> str:
        """One command per line, most serious first; a summary notice first when annotations overflow,
        and a ``::debug::`` summary last (shown only with step debug logging)."""
        lines: list[str] = []
        notice = overflow_notice(report.findings)
        if notice:
            lines.append(command("notice", notice, title="consistency-check"))
        ordered = sorted(report.findings, key=lambda f: -Severity(f.severity).rank)
        lines.extend(annotation(finding, report.root) for finding in ordered)
        summary = (
            f"consistency-check: {report.files} files, {report.statements} statements, {len(report.findings)} findings"
        )
        summary += f", {len(report.suppressed)} suppressed" if report.suppressed else ""
        lines.append(command("debug", summary))
        return "\n".join(lines) + "\n"
