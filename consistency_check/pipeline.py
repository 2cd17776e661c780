"""The whole run: discover, parse, extract facts, compare, and build the report."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from consistency_check import __version__, timings
from consistency_check.config import Config, ConfigError
from consistency_check.discovery import SourceFile, changed_only, covers_root, from_config, from_paths
from consistency_check.model import CheckedSubject, Finding, Location, Statement, SuppressedFinding
from consistency_check.reading import ParseOutcome, Progress, read_all, read_source, read_sources
from consistency_check.report import Report
from consistency_check.rules import RuleSet
from consistency_check.suppress import Directive

__all__ = ["ParseOutcome", "read_source", "read_sources", "run"]

if TYPE_CHECKING:
    from consistency_check.baseline import Baseline
    from consistency_check.cache import ParseCache
    from consistency_check.engine.claims import Claim

if TYPE_CHECKING:
    from consistency_check.engine import Analysis, Judge
    from consistency_check.incremental import Recorder, Replayed

Guard = Callable[[list[SourceFile]], None]
#: Findings less likely than this to be about one fact are not reported (``--min-confidence``), per engine:
#: the classic engine's confidences are fixed per check (0.5 and up); the linkage engine's are probabilities,
#: fitted as they are labelled their findings from 0.7 to 0.8 are 0.76 true on organisations the model never saw, and
#: from 0.75 the findings shown are as often true as from 0.7 before (0.93 leave-one-out; docs/linkage.md).
DEFAULT_MIN_CONFIDENCE = {"classic": 0.5, "linkage": 0.75}


def run(
    config: Config,
    ruleset: RuleSet,
    paths: list[Path] | None = None,
    progress: Progress | None = None,
    judge: Judge | None = None,
    *,
    cache: ParseCache | None = None,
    baseline: Baseline | None = None,
    sources_only: bool = False,
    guard: Guard | None = None,
    jobs: int | None = None,
    min_confidence: float | None = None,
) -> Report:
    """Check the project (or ``paths``) and return the report.

    With a config file and explicit file paths inside the project, the whole
    configured corpus is read and only findings touching those files are kept
    (the pre-commit path). A ``judge`` (the policy) judges claims before
    channels are compared; its ``notes``, if any, go into the report.
    With file paths, ``sources_only`` then drops the paths that no
    configured source lists. Parsed files come from ``cache`` when it has
    them. Suppressions (inline comments, the ignore file) and ``baseline``
    move findings to ``Report.suppressed``.
    ``guard`` sees the discovered files before any is read and may raise to
    stop the run (the CLI refuses to write a report over a source).
    ``jobs`` is passed to
    :func:`read_sources`.
    """
    started = time.perf_counter()
    if paths and config.path is not None and covers_root(paths, config.root):
        paths = None
    with timings.stage("discovery"):
        files, notes, changed = _discover(config, paths, sources_only)
    if changed is not None and not changed:
        return _report(
            [], [], 0, 0, started, config, ["none of the files given is a configured source: nothing to check"]
        )
    if guard is not None:
        guard(files)
    findings: list[Finding] = []
    directives: list[Directive] = []
    replayed = None
    if (
        changed is not None
        and cache is not None
        and judge is None
        and not _ignore_file_given(config, paths or [])
        and config.engine == "classic"  # the corpus index replays the classic engine; linkage runs in full
    ):
        replayed = _incremental(config, ruleset, files, changed, cache)
    if replayed is not None:
        findings.extend(replayed.findings)
        notes.extend(replayed.notes)
        directives.extend(replayed.directives)
        subjects = replayed.subjects
        count = replayed.statements
    else:
        analysis, count = _compare_all(
            files, config, ruleset, cache, jobs, progress, judge, findings, notes, directives
        )
        findings.extend(analysis.findings)
        subjects = analysis.subjects
    notes.extend(getattr(judge, "notes", ()))
    threshold = DEFAULT_MIN_CONFIDENCE[config.engine] if min_confidence is None else min_confidence
    findings, hidden = _confident(findings, threshold)
    # A changed-file run (pre-commit) counts only what it would have shown: findings touching those files.
    unsure = len([f for f in hidden if changed is None or _touches(f, changed)])
    if unsure:
        notes.append(
            f"{unsure} possible contradiction{'' if unsure == 1 else 's'} less likely than the confidence threshold "
            "not shown (--min-confidence to see more)"
        )
    subjects = _with_shown(_with_judged(subjects, getattr(judge, "subjects", [])), findings)
    findings, suppressed = _suppress(
        findings, directives, config, ruleset, report_unused=paths is None or changed is not None
    )
    if changed is not None:
        findings = [f for f in findings if _touches(f, changed)]
        suppressed = [s for s in suppressed if _touches(s.finding, changed)]
        subjects = [s for s in subjects if changed.intersection(_file_of(p) for p in s.paths)]
    if baseline is not None:
        findings, baselined, stale = baseline.split(findings)
        suppressed += baselined
        if baselined:
            notes.append(
                f"{len(baselined)} finding{'' if len(baselined) == 1 else 's'} in baseline not shown ({baseline.path})"
            )
        if stale and paths is None:
            notes.append(
                f"{stale} baseline entr{'y is' if stale == 1 else 'ies are'} no longer found (fixed or changed); "
                f"refresh {baseline.path} with --write-baseline"
            )
    if cache is not None:
        notes.extend(cache.notes)
    findings.sort(key=_finding_order)
    return _report(findings, suppressed, len(files), count, started, config, notes, ruleset, subjects)


def _confident(findings: list[Finding], threshold: float) -> tuple[list[Finding], list[Finding]]:
    """The findings at or above ``threshold`` confidence, and those below it."""
    kept = [f for f in findings if f.confidence >= threshold]
    return kept, [f for f in findings if f.confidence < threshold]


def _incremental(
    config: Config, ruleset: RuleSet, files: list[SourceFile], changed: set[str], cache: ParseCache
) -> Replayed | None:
    """The changed files compared with the corpus index (see :mod:`consistency_check.incremental`), or ``None``."""
    from consistency_check.incremental import Damaged, Stale, replay

    try:
        with timings.stage("incremental"):
            return replay(config, ruleset, files, changed, cache)
    except Damaged as exc:
        cache.notes.append(f"corpus index in {cache.folder} not used ({exc}); the whole corpus was compared")
        return None
    except Stale:
        return None


def _compare_all(
    files: list[SourceFile],
    config: Config,
    ruleset: RuleSet,
    cache: ParseCache | None,
    jobs: int | None,
    progress: Progress | None,
    judge: Judge | None,
    findings: list[Finding],
    notes: list[str],
    directives: list[Directive],
) -> tuple[Analysis, int]:
    """Read every file and compare all statements; with a cache (and no policy), the corpus index is written too.

    Returns the analysis and the number of statements; the files' own findings,
    notes and suppression comments are added to the lists given.
    """
    from consistency_check.engine import analyse, link
    from consistency_check.engine.claims import unpack_claims

    recorder = None
    if cache is not None and judge is None:
        from consistency_check.incremental import Recorder, file_stat

        recorder = Recorder()
        stats = [file_stat(src.fs_path) for src in files]  # before reading: a file changed meanwhile is seen as changed
    statements: list[Statement] = []
    claims: list[list[Claim] | None] = []
    outcomes: list[ParseOutcome] = []
    with timings.stage("read"):
        # The linkage engine finds its own yes/no propositions: the rules' are looked for only when compared
        # (the classic engine) or judged (policies).
        yes_no = config.engine == "classic" or judge is not None
        for outcome in read_all(files, config, cache, jobs, progress, ruleset, yes_no):
            statements.extend(outcome.statements)
            findings.extend(outcome.findings)
            notes.extend(outcome.notes)
            directives.extend(outcome.directives)
            if recorder is not None:
                outcomes.append(outcome)
            if outcome.claims is None:
                claims.extend([None] * len(outcome.statements))
            else:
                claims.extend(
                    unpack_claims(packed, stmt, ruleset)
                    for packed, stmt in zip(outcome.claims, outcome.statements, strict=True)
                )
            timings.add_cpu("parse", outcome.seconds[0])
            timings.add_cpu("facts", outcome.seconds[1])
            timings.add_cpu("claims (workers)", outcome.seconds[2])
    with timings.stage("engine"):
        if config.engine == "linkage":
            recorder = None
            analysis = link(statements, ruleset, judge, claims, jobs)
        else:
            analysis = analyse(statements, ruleset, judge, claims, recorder, jobs)
    if recorder is not None and cache is not None:
        _save_index(config, ruleset, files, stats, outcomes, statements, recorder, cache)
    return analysis, len(statements)


def _save_index(
    config: Config,
    ruleset: RuleSet,
    files: list[SourceFile],
    stats: list[tuple[int, int]],
    outcomes: list[ParseOutcome],
    statements: list[Statement],
    recorder: Recorder,
    cache: ParseCache,
) -> None:
    import sqlite3

    from consistency_check.incremental import file_records, index_key, save

    if not cache.writable:
        return  # the cache folder cannot be written: already noted
    with timings.stage("index"):
        try:
            save(
                cache.folder,
                index_key(config, ruleset),
                file_records(files, stats, outcomes, cache),
                statements,
                recorder,
                ruleset,
            )
        except (OSError, sqlite3.Error, UnicodeError) as exc:
            cache.notes.append(f"corpus index not written to {cache.folder}: {exc}")


def _discover(
    config: Config, paths: list[Path] | None, sources_only: bool
) -> tuple[list[SourceFile], list[str], set[str] | None]:
    """The files to read, notes on the config's sources, and the changed files of a pre-commit run (else ``None``)."""
    notes: list[str] = []
    changed: set[str] | None = None
    if paths and changed_only(config, paths):
        files, notes = from_config(config)
        extra = from_paths(paths, config, notes)
        known = {f.path for f in files}
        if sources_only:
            extra = [f for f in extra if f.path in known]
        changed = {f.path for f in extra}
        files += [f for f in extra if f.path not in known]
        changed |= _ignore_file_given(config, paths)
    elif paths:
        files = from_paths(paths, config, notes)
        if not files:
            raise ConfigError(f"{', '.join(p.as_posix() for p in paths)}: no file to check")
    else:
        if config.path is None:
            raise ConfigError("no config file and no files or folders given: nothing to check")
        files, notes = from_config(config)
        if not files:
            raise ConfigError(
                f"{config.display(config.path)}: every file its sources match is excluded: nothing to check"
            )
    return files, notes, changed


def _report(
    findings: list[Finding],
    suppressed: list[SuppressedFinding],
    files: int,
    statements: int,
    started: float,
    config: Config,
    notes: list[str],
    ruleset: RuleSet | None = None,
    subjects: list[CheckedSubject] | None = None,
) -> Report:
    from consistency_check.catalogue import rule_catalogue

    return Report(
        findings=tuple(findings),
        files=files,
        statements=statements,
        elapsed=time.perf_counter() - started,
        tool_version=__version__,
        root=config.root.as_posix(),
        notes=tuple(notes),
        rules=rule_catalogue(ruleset),
        subjects=tuple(subjects or ()),
        suppressed=tuple(suppressed),
    )


def _with_shown(subjects: list[CheckedSubject], findings: list[Finding]) -> list[CheckedSubject]:
    """``subjects`` and the subject of each contradiction shown that they lack, from its sides: a finding the linkage
    engine names by the words its sides share ("spring gear fest") is a subject compared, as a rule's is (one left
    below the threshold is not shown, and its subject is not added: it is not known to agree)."""
    known = {s.subject for s in subjects}
    extra: dict[str, CheckedSubject] = {}
    for f in findings:
        if f.subject in known or f.subject in extra or len(f.sides) < 2:
            continue
        values = tuple(sorted({(side.channel, side.value) for side in f.sides}))
        paths = tuple(sorted({side.location.path for side in f.sides}))
        extra[f.subject] = CheckedSubject(f.subject, f.code, values, paths)
    return subjects + sorted(extra.values(), key=lambda s: (s.code, s.subject))


def _with_judged(subjects: list[CheckedSubject], judged: list[CheckedSubject]) -> list[CheckedSubject]:
    """The compared subjects and those a policy judged (one record per subject, values and paths merged)."""
    if not judged:
        return subjects
    merged = {s.subject: s for s in subjects}
    for extra in judged:
        seen = merged.get(extra.subject)
        if seen is not None:
            extra = CheckedSubject(
                extra.subject,
                extra.code,
                tuple(sorted({*seen.values, *extra.values})),
                tuple(sorted({*seen.paths, *extra.paths})),
            )
        merged[extra.subject] = extra
    return sorted(merged.values(), key=lambda s: s.subject)


def _file_of(path: str) -> str:
    """The source file a location is in: ``export.zip`` for ``export.zip!/intents/x.json``."""
    from consistency_check.sources.archive import SEPARATOR

    return path.split(SEPARATOR, 1)[0]


def _suppress(
    findings: list[Finding], directives: list[Directive], config: Config, ruleset: RuleSet, report_unused: bool
) -> tuple[list[Finding], list[SuppressedFinding]]:
    """Apply inline comments and the ignore file; add findings about the suppressions themselves."""
    from consistency_check.checks import BUILTIN_CHECKS
    from consistency_check.suppress import apply, load_ignore_file

    ignore_file = config.ignore_path
    if ignore_file.is_file():
        directives = directives + load_ignore_file(ignore_file, config.display(ignore_file))
    if not directives:
        return findings, []
    known = [c.code for c in BUILTIN_CHECKS] + [c.name for c in BUILTIN_CHECKS]
    known += [r.code for r in ruleset.rules] + [r.name for r in ruleset.rules]
    outcome = apply(findings, directives, known, date.today(), report_unused=report_unused)
    return outcome.findings + outcome.problems, outcome.suppressed


def _ignore_file_given(config: Config, paths: list[Path]) -> set[str]:
    """The ignore file's display path when it is among ``paths`` (its own findings then count as changed)."""
    ignore_file = config.ignore_path.resolve()
    return {config.display(ignore_file)} if any(p.resolve() == ignore_file for p in paths) else set()


def _touches(finding: Finding, changed: set[str]) -> bool:
    return any(_file_of(s.location.path) in changed for s in finding.sides)


def _finding_order(f: Finding) -> tuple[object, ...]:
    # Everything a finding shows breaks ties, so the order never depends on how sets happened to iterate.
    first = f.sides[0].location if f.sides else Location("")
    sides = tuple((s.location.display(), s.location.pointer or "", s.value, s.quote) for s in f.sides)
    return (-f.severity.rank, f.code, f.subject, first.display(), f.message, sides)
