"""The whole run: discover, parse, extract facts, compare, and build the report."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from consistency_check import __version__
from consistency_check.checks import PARSE_ERROR, UNRECOGNISED
from consistency_check.config import Config
from consistency_check.discovery import SourceFile, from_config, from_paths
from consistency_check.model import Finding, Location, Side, Statement
from consistency_check.reporters.base import Report
from consistency_check.rules import RuleSet

if TYPE_CHECKING:
    from consistency_check.engine import Judge

AMBIGUOUS_CHANNEL = frozenset({"markdown", "text"})
Progress = Callable[[int, int], None]


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

    doc = Document(src.path, src.fs_path, src.channel or "", src.locale or config.locale)
    notes: list[str] = []
    try:
        fmt = src.format if src.format != "auto" else detect_format(doc)
    except (OSError, SourceError) as exc:
        return ParseOutcome([], [_problem(src, getattr(exc, "line", None), f"cannot read file: {exc}")], [])
    if fmt is None:
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
        problems.append(_problem(src, exc.line, exc.message, exc.column, doc.channel, exc.path))
    except (OSError, UnicodeError, ValueError, RecursionError) as exc:
        problems.append(_problem(src, None, f"cannot parse as {fmt}: {exc}", None, doc.channel))
    for problem in doc.problems:  # parts of the file read past (entries of an archive)
        problems.append(_problem(src, problem.line, problem.message, problem.column, doc.channel, problem.path))
    statements = []
    for stmt in raw:
        facts = extract_facts(stmt.text, region=config.region) if not stmt.dynamic else ()
        statements.append(dataclasses.replace(stmt, facts=facts, locale=stmt.locale or config.locale))
    return ParseOutcome(statements, problems, notes)


def _problem(
    src: SourceFile, line: int | None, message: str, column: int | None = None, channel: str = "", path: str | None = None
) -> Finding:
    loc = Location(path or src.path, line, None, column)
    return Finding(
        PARSE_ERROR.code, PARSE_ERROR.name, PARSE_ERROR.severity, message, path or src.path,
        (Side(loc, channel or src.channel or "?", ""),),
    )


def run(
    config: Config,
    ruleset: RuleSet,
    paths: list[Path] | None = None,
    progress: Progress | None = None,
    judge: Judge | None = None,
) -> Report:
    """Check the project (or ``paths``) and return the report.

    With a config file and explicit file paths inside the project, the whole
    configured corpus is read and only findings touching those files are kept
    (the pre-commit path). A ``judge`` (the policy) judges claims before
    channels are compared; its ``notes``, if any, go into the report.
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
        extra = from_paths(paths, config)
        changed = {f.path for f in extra}
        known = {f.path for f in files}
        files += [f for f in extra if f.path not in known]
    elif paths:
        files = from_paths(paths, config)
    else:
        files, notes = from_config(config)
    statements: list[Statement] = []
    findings: list[Finding] = []
    for i, src in enumerate(files):
        outcome = read_source(src, config)
        statements.extend(outcome.statements)
        findings.extend(outcome.findings)
        notes.extend(outcome.notes)
        if progress:
            progress(i + 1, len(files))
    analysis = analyse(statements, ruleset, judge)
    findings.extend(analysis.findings)
    subjects = analysis.subjects
    notes.extend(getattr(judge, "notes", ()))
    if changed is not None:
        findings = [f for f in findings if any(_file_of(s.location.path) in changed for s in f.sides)]
        subjects = [s for s in subjects if changed.intersection(_file_of(p) for p in s.paths)]
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


def _file_of(path: str) -> str:
    """The source file a location is in: ``export.zip`` for ``export.zip!/intents/x.json``."""
    from consistency_check.sources.archive import SEPARATOR

    return path.split(SEPARATOR, 1)[0]


def _covers_root(paths: list[Path], root: Path) -> bool:
    resolved = root.resolve()
    return any(p.is_dir() and (p.resolve() == resolved or resolved.is_relative_to(p.resolve())) for p in paths)


def _finding_order(f: Finding) -> tuple[int, str, str, str]:
    first = f.sides[0].location if f.sides else Location("")
    return (-f.severity.rank, f.code, f.subject, first.display())
