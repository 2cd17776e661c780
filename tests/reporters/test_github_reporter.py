"""The GitHub Actions reporter: snapshot, escaping read back the way the runner reads it, limits."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from consistency_check.model import Finding, Location, Severity, Side
from consistency_check.reporters import GithubReporter, Report
from consistency_check.reporters.github_reporter import ANNOTATION_LIMIT, escape_data, escape_property, workspace_path

from .conftest import ATTACK_QUOTE
from .snapshot import assert_snapshot

# The runner's unescaping: replacements applied in this order, "%25" last.
DATA_UNESCAPE = (("%0D", "\r"), ("%0A", "\n"), ("%25", "%"))
PROPERTY_UNESCAPE = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))
KNOWN_COMMANDS = {"error", "warning", "notice", "debug"}


@dataclass
class Command:
    name: str
    properties: dict[str, str]
    data: str


def _unescape(text: str, table: tuple[tuple[str, str], ...]) -> str:
    for escaped, raw in table:
        text = text.replace(escaped, raw)
    return text


def parse_line(line: str) -> Command | None:
    """Read one log line as the Actions runner does (``::name k=v,k=v::data``); ``None`` if not a command."""
    line = line.lstrip()
    if not line.startswith("::"):
        return None
    end = line.find("::", 2)
    if end < 0:
        return None
    info = line[2:end]
    name, _, props = info.partition(" ")
    properties = {}
    for pair in props.strip().split(","):
        key, sep, value = pair.partition("=")
        if sep and key and value:
            properties[key] = _unescape(value, PROPERTY_UNESCAPE)
    return Command(name, properties, _unescape(line[end + 2 :], DATA_UNESCAPE))


def commands(report: Report) -> list[Command]:
    """Every line of the output, parsed; fails if any line is not one of our commands."""
    output = GithubReporter().render(report)
    assert output.endswith("\n")
    parsed = []
    for line in output.splitlines():
        assert "##[" not in line.split("::", 2)[1], line  # never in the command part
        command = parse_line(line)
        assert command is not None and command.name in KNOWN_COMMANDS, line
        parsed.append(command)
    return parsed


def test_snapshot(full: Report) -> None:
    assert_snapshot("report.github.txt", GithubReporter().render(full))


def test_empty_run_prints_only_a_debug_line(empty: Report) -> None:
    assert [c.name for c in commands(empty)] == ["debug"]


def test_annotations_point_at_the_odd_side(full: Report) -> None:
    annotations = [c for c in commands(full) if c.name != "debug"]
    assert [c.name for c in annotations] == ["error", "warning", "notice"]
    refund = annotations[0]
    # The chatbot side has no line: a file-level annotation on the pointer's file.
    assert refund.properties == {"file": "/srv/acme/bot/intents.json", "title": "CC101 value-mismatch: refund window"}
    assert refund.data.splitlines()[0] == "Channels disagree on the refund window: 14 days vs 30 days."
    assert "- chatbot bot/intents.json#/intents/3/responses/0 (30 days)" in refund.data
    phone = annotations[1]
    assert phone.properties["line"] == "7" and phone.properties["file"] == "/srv/acme/kb/contact.md"


def test_end_line_is_given_when_known() -> None:
    side = Side(Location("a.md", line=3, end_line=5), "web", "q", "1 day")
    finding = Finding("CC1", "n", Severity.WARNING, "m", "s", (side,))
    (annotation, _) = commands(Report((finding,), 1, 1, 0.0, "0", "."))
    assert annotation.properties == {"file": "a.md", "line": "3", "endLine": "5", "title": "CC1 n: s"}


def test_hostile_quotes_cannot_inject_commands(attack: Report) -> None:
    parsed = commands(attack)
    assert [c.name for c in parsed] == ["error", "debug"]
    error = parsed[0]
    # Properties survive their own ':' and ',' and the data every newline, '%' and '::'.
    assert error.properties["title"] == "CC201 return-window: return window: members, <i>all</i> | `x`"
    # The odd side (45 days) has only a pointer: a file-level annotation, its awkward name intact.
    assert error.properties["file"] == "/srv/acme/bot/a b#c, d:e.json" and "line" not in error.properties
    assert error.data.startswith("Channels disagree: ::error::x\n<b>bold</b>")
    quote_line = next(line for line in error.data.splitlines() if line.startswith("- web"))
    assert "::error file=x.py::injected ##[error]legacy ::stop-commands::tok %0A%25" in quote_line
    assert "\\x1b[2J" in quote_line and "\\u202egnp.exe" in quote_line
    output = GithubReporter().render(attack)
    assert "\x1b" not in output and "\r" not in output and "\u202e" not in output


@pytest.mark.parametrize(
    "raw",
    ["a%b", "100%0A", "x\ny", "x\r\ny", "a::b", "k=v,w=z", "%25%0D", "::error::boom\n::warning::two", ATTACK_QUOTE],
)
def test_escaping_round_trips(raw: str) -> None:
    assert _unescape(escape_data(raw), DATA_UNESCAPE) == raw
    escaped = escape_property(raw)
    assert not {":", ",", "\n", "\r"} & set(escaped)
    assert _unescape(escaped, PROPERTY_UNESCAPE) == raw


def _findings(count: int, severity: Severity) -> tuple[Finding, ...]:
    return tuple(
        Finding("CC1", "n", severity, f"m{i}", f"s{i}", (Side(Location("a.md", i + 1), "web", "q", str(i)),))
        for i in range(count)
    )


def test_overflow_notice_comes_first_and_counts_hidden_annotations() -> None:
    report = Report(
        _findings(13, Severity.ERROR) + _findings(4, Severity.WARNING) + _findings(10, Severity.INFO),
        1,
        1,
        0.0,
        "0",
        ".",
    )
    parsed = commands(report)
    assert parsed[0].name == "notice" and parsed[0].properties == {"title": "consistency-check"}
    assert "27 findings" in parsed[0].data and "3 errors and 1 notice appear only in the log" in parsed[0].data
    names = [c.name for c in parsed[1:-1]]
    assert names == ["error"] * 13 + ["warning"] * 4 + ["notice"] * 10


def test_no_notice_within_the_limit() -> None:
    report = Report(_findings(ANNOTATION_LIMIT, Severity.ERROR) + _findings(9, Severity.INFO), 1, 1, 0.0, "0", ".")
    assert next(c.name for c in commands(report)) == "error"


def test_workspace_path() -> None:
    assert (
        workspace_path("/home/runner/work/r/r/examples", "web/faq.html")
        == "/home/runner/work/r/r/examples/web/faq.html"
    )
    assert workspace_path("C:/a", "kb\\x.md") == "C:/a/kb/x.md"
    assert workspace_path(".", "kb\\x.md") == "kb/x.md"


def test_finding_without_sides_has_no_file(report: Report) -> None:
    bare = replace(report.findings[0], sides=())
    (annotation, _) = commands(Report((bare,), 1, 1, 0.0, "0", "/srv"))
    assert set(annotation.properties) == {"title"}
