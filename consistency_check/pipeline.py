"""The whole run: discover, parse, extract facts, compare, and build the report."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

from consistency_check import __version__
from consistency_check.checks import PARSE_ERROR, UNRECOGNISED
from consistency_check.config import Config
from consistency_check.discovery import SourceFile, from_config, from_paths
from consistency_check.limits import MAX_STATEMENT_CHARS
from consistency_check.model import Finding, Location, Side, Statement
from consistency_check.reporters.base import Report
from consistency_check.rules import RuleSet

AMBIGUOUS_CHANNEL = frozenset({"markdown", "text"})
Progress = Callable[[int, int], None]
Guard = Callable[[list[SourceFile]], None]


@dataclasses.dataclass
class ParseOutcome:
    """What reading one file produced."""

    statements: list[Statement]
    findings: list[Finding]
    notes: list[str]


def read_source(src: SourceFile, config: Config) -> ParseOutcome:
    """Parse one file with its adapter; bad input becomes a located finding, never an exception."""
    from consistency_check.facts import extract_facts
    from consistency_check.sources import REGISTRY, detect_format
    from consistency_check.sources.base import Document, SourceError
    from consistency_check.sources.screen import BINARY_FORMATS, screen_file, screen_text, syntax_error

    doc = Document(src.path, src.fs_path, src.channel or "", src.locale or config.locale)
    notes: list[str] = []
    try:
        screen_file(src.fs_path, config.max_file_mb)
        fmt = src.format if src.format != "auto" else detect_format(doc)
        if fmt not in BINARY_FORMATS:
            screen_text(doc.read_text())
    except SourceError as exc:
        return ParseOutcome([], [_problem(src, exc.line, exc.message, exc.column)], [])
    except OSError as exc:
        return ParseOutcome([], [_problem(src, None, f"cannot read file: {exc.strerror or exc}")], [])
    if fmt is None:
        broken = syntax_error(doc)
        if broken is not None:
            return ParseOutcome([], [_problem(src, broken.line, broken.message, broken.column)], [])
        finding = Finding(
            UNRECOGNISED.code, UNRECOGNISED.name, UNRECOGNISED.severity,
            "No source format recognised this file; set its format in consistency-check.yaml or exclude it.",
            src.path, (Side(Location(src.path), src.channel or "?", ""),),
        )
        return ParseOutcome([], [finding], [])
    adapter = REGISTRY[fmt]
    if not src.channel:
        doc.channel = adapter.CHANNEL
        if fmt in AMBIGUOUS_CHANNEL:
            notes.append(f"{src.path}: channel '{adapter.CHANNEL}' inferred from format '{fmt}'; name the channel in consistency-check.yaml")
    raw: list[Statement] = []
    problems: list[Finding] = []
    try:
        for stmt in adapter.parse(doc):
            raw.append(stmt)
    except SourceError as exc:
        # Adapters may yield what they could read before the error: keep it, and report the error.
        problems.append(_problem(src, exc.line, exc.message, exc.column, doc.channel))
    except (OSError, UnicodeError, ValueError, RecursionError) as exc:
        problems.append(_problem(src, None, f"cannot parse as {fmt}: {exc}", None, doc.channel))
    raw, too_long = _bounded(raw)
    if too_long is not None:
        problems.append(_problem(src, too_long[0], too_long[1], None, doc.channel))
    statements = []
    for stmt in raw:
        facts = extract_facts(stmt.text, region=config.region) if not stmt.dynamic else ()
        statements.append(dataclasses.replace(stmt, facts=facts, locale=stmt.locale or config.locale))
    return ParseOutcome(statements, problems, notes)


def _bounded(statements: list[Statement]) -> tuple[list[Statement], tuple[int | None, str] | None]:
    """Statements cut to :data:`MAX_STATEMENT_CHARS`, and the line and message of the first that was cut."""
    limit = MAX_STATEMENT_CHARS
    if all(len(s.text) <= limit and len(s.question) <= limit for s in statements):
        return statements, None
    out: list[Statement] = []
    first: tuple[int | None, str] | None = None
    count = 0
    for stmt in statements:
        if len(stmt.text) <= limit and len(stmt.question) <= limit:
            out.append(stmt)
            continue
        count += 1
        if first is None:
            first = (stmt.location.line, f"a statement of {max(len(stmt.text), len(stmt.question)):,} characters")
        out.append(dataclasses.replace(stmt, text=_cut(stmt.text, limit), question=_cut(stmt.question, limit)))
    assert first is not None
    more = f" ({count} such statements)" if count > 1 else ""
    message = f"{first[1]} is longer than the limit of {limit:,}; only its first {limit:,} characters were checked{more}"
    return out, (first[0], message)


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a space when there is one near the end."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ", limit - 200)
    return head[:space] if space > 0 else head


def _problem(src: SourceFile, line: int | None, message: str, column: int | None = None, channel: str = "") -> Finding:
    loc = Location(src.path, line, None, column)
    return Finding(
        PARSE_ERROR.code, PARSE_ERROR.name, PARSE_ERROR.severity, message, src.path,
        (Side(loc, channel or src.channel or "?", ""),),
    )


def run(
    config: Config,
    ruleset: RuleSet,
    paths: list[Path] | None = None,
    progress: Progress | None = None,
    guard: Guard | None = None,
) -> Report:
    """Check the project (or ``paths``) and return the report.

    With a config file and explicit file paths inside the project, the whole
    configured corpus is read and only findings touching those files are kept
    (the pre-commit path). ``guard`` sees the discovered files before any is
    read and may raise to stop the run (the CLI refuses to write a report over
    a source).
    """
    from consistency_check.catalogue import rule_catalogue
    from consistency_check.engine import analyse

    started = time.perf_counter()
    notes: list[str] = []
    changed: set[str] | None = None
    if paths and config.path is not None and _covers_root(paths, config.root):
        paths = None
    if paths and config.path is not None:
        files, notes = from_config(config)
        extra = from_paths(paths, config, notes)
        changed = {f.path for f in extra}
        known = {f.path for f in files}
        files += [f for f in extra if f.path not in known]
    elif paths:
        files = from_paths(paths, config, notes)
    else:
        files, notes = from_config(config)
    if guard is not None:
        guard(files)
    statements: list[Statement] = []
    findings: list[Finding] = []
    for i, src in enumerate(files):
        outcome = read_source(src, config)
        statements.extend(outcome.statements)
        findings.extend(outcome.findings)
        notes.extend(outcome.notes)
        if progress:
            progress(i + 1, len(files))
    analysis = analyse(statements, ruleset)
    findings.extend(analysis.findings)
    subjects = analysis.subjects
    if changed is not None:
        findings = [f for f in findings if any(s.location.path in changed for s in f.sides)]
        subjects = [s for s in subjects if changed.intersection(s.paths)]
    findings.sort(key=_finding_order)
    return Report(
        findings=tuple(findings),
        files=len(files),
        statements=len(statements),
        elapsed=time.perf_counter() - started,
        tool_version=__version__,
        root=config.root.as_posix(),
        notes=tuple(notes),
        rules=rule_catalogue(ruleset),
        subjects=tuple(subjects),
    )


def _covers_root(paths: list[Path], root: Path) -> bool:
    resolved = root.resolve()
    return any(p.is_dir() and (p.resolve() == resolved or resolved.is_relative_to(p.resolve())) for p in paths)


def _finding_order(f: Finding) -> tuple[int, str, str, str]:
    first = f.sides[0].location if f.sides else Location("")
    return (-f.severity.rank, f.code, f.subject, first.display())
