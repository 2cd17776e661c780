"""The whole run: discover, parse, extract facts, compare, and build the report."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from consistency_check import __version__, timings
from consistency_check.checks import LONG_STATEMENT, PARSE_ERROR, UNRECOGNISED, Check
from consistency_check.config import Config, ConfigError
from consistency_check.discovery import SourceFile, from_config, from_paths
from consistency_check.limits import MAX_STATEMENT_CHARS, MAX_STATEMENT_VALUES
from consistency_check.model import CheckedSubject, Finding, Location, Side, Statement, SuppressedFinding
from consistency_check.reporters.base import Report
from consistency_check.rules import RuleSet
from consistency_check.suppress import Directive

if TYPE_CHECKING:
    from consistency_check.baseline import Baseline
    from consistency_check.cache import ParseCache
    from consistency_check.engine.claims import Claim, PackedClaim
    from consistency_check.sources.base import Document

if TYPE_CHECKING:
    from consistency_check.engine import Judge

AMBIGUOUS_CHANNEL = frozenset({"markdown", "text"})
Progress = Callable[[int, int], None]
Guard = Callable[[list[SourceFile]], None]
#: Findings less likely than this to be about one fact are not reported (``--min-confidence``), per engine:
#: the classic engine's confidences are fixed per check (0.5 and up); the linkage engine's are probabilities,
#: and from 0.7 its findings on organisations it never saw were 0.84 true (docs/linkage.md).
DEFAULT_MIN_CONFIDENCE = {"classic": 0.5, "linkage": 0.7}
#: Below this much input a process pool costs more than it saves (unless ``jobs`` is given).
PARALLEL_MIN_BYTES = 4_000_000
#: Files are handed to workers in runs of about this many bytes (in path order, so neighbours share caches).
CHUNK_BYTES = 1_000_000


@dataclasses.dataclass
class ParseOutcome:
    """What reading one file produced."""

    statements: list[Statement]
    findings: list[Finding]
    notes: list[str]
    #: Inline suppression comments found in the file's text.
    directives: list[Directive] = dataclasses.field(default_factory=list)
    #: The format the file was read as (None when none recognised it).
    format: str | None = None
    #: CPU seconds spent parsing, extracting facts and (in a worker) finding claims; not compared.
    seconds: tuple[float, ...] = dataclasses.field(default=(0.0, 0.0, 0.0), compare=False)
    #: The claims of each statement, packed, when a worker process found them (see :func:`read_sources`).
    claims: list[list[PackedClaim]] | None = dataclasses.field(default=None, compare=False)


def read_source(src: SourceFile, config: Config) -> ParseOutcome:
    """Parse one file with its adapter; bad input becomes a located finding, never an exception."""
    from consistency_check.facts import extract_facts
    from consistency_check.sources import REGISTRY, detect_format
    from consistency_check.sources.base import Document, SourceError
    from consistency_check.sources.screen import BINARY_FORMATS, ZIP_MAGIC, screen_file, screen_text, syntax_error

    doc = Document(src.path, src.fs_path, src.channel or "", src.locale or config.locale)
    notes: list[str] = []
    try:
        screen_file(src.fs_path, config.max_file_mb)
        fmt = src.format if src.format != "auto" else detect_format(doc)
        if fmt not in BINARY_FORMATS and not doc.read_bytes().startswith(ZIP_MAGIC):
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
            UNRECOGNISED.code,
            UNRECOGNISED.name,
            UNRECOGNISED.severity,
            "No source format recognised this file; set its format in consistency-check.yaml or exclude it.",
            src.path,
            (Side(Location(src.path), src.channel or "?", ""),),
        )
        return ParseOutcome([], [finding], [])
    adapter = REGISTRY[fmt]
    if not src.channel:
        doc.channel = adapter.CHANNEL
        if fmt in AMBIGUOUS_CHANNEL:
            notes.append(
                f"{src.path}: channel '{adapter.CHANNEL}' inferred from format '{fmt}'; name the channel in consistency-check.yaml"
            )
    raw: list[Statement] = []
    problems: list[Finding] = []
    started = time.process_time()
    try:
        for stmt in adapter.parse(doc):
            raw.append(stmt)
    except SourceError as exc:
        # Adapters may yield what they could read before the error: keep it, and report the error.
        problems.append(_problem(src, exc.line, exc.message, exc.column, doc.channel, exc.path))
    except (OSError, UnicodeError, ValueError, RecursionError) as exc:
        problems.append(_problem(src, None, f"cannot parse as {fmt}: {exc}", None, doc.channel))
    raw, too_long = _bounded(raw)
    if too_long is not None:  # a note on what was checked, not an error in the file
        problems.append(_problem(src, too_long[0], too_long[1], None, doc.channel, check=LONG_STATEMENT))
    for problem in doc.problems:  # parts of the file read past (entries of an archive)
        problems.append(_problem(src, problem.line, problem.message, problem.column, doc.channel, problem.path))
    parsed = time.process_time()
    statements = []
    for stmt in raw:
        facts = extract_facts(stmt.text, region=config.region) if not stmt.dynamic else ()
        statements.append(dataclasses.replace(stmt, facts=facts, locale=stmt.locale or config.locale))
    statements, crowded = _few_values(statements)
    if crowded is not None:  # a note on what was checked, as for a long statement
        problems.append(_problem(src, crowded[0], crowded[1], None, doc.channel, check=LONG_STATEMENT))
    extracted = time.process_time()
    directives, bad = _scan_suppressions(doc)
    seconds = (parsed - started + time.process_time() - extracted, extracted - parsed, 0.0)
    return ParseOutcome(statements, problems + bad, notes, directives, fmt, seconds)


def read_sources(
    files: list[SourceFile], config: Config, jobs: int | None = None, ruleset: RuleSet | None = None
) -> Iterator[ParseOutcome]:
    """:func:`read_source` for every file, in order; across a process pool when that pays.

    ``jobs`` is the number of processes (``None``: one per CPU, and a pool only
    for inputs of at least :data:`PARALLEL_MIN_BYTES`; 1: in this process).
    The outcomes are the same, in the same order, whatever ``jobs`` is. With
    a ``ruleset``, workers also find each statement's claims
    (``ParseOutcome.claims``), the part of the comparison that needs no other file.
    """
    workers = _workers(files, jobs)
    if workers <= 1:
        for src in files:
            yield read_source(src, config)
        return
    from concurrent.futures import ProcessPoolExecutor

    import consistency_check.facts
    import consistency_check.sources  # noqa: F401 - imported once here, inherited by forked workers

    with ProcessPoolExecutor(
        max_workers=workers, mp_context=_mp_context(), initializer=_init_worker, initargs=(config, ruleset)
    ) as pool:
        for outcomes in pool.map(_read_chunk, _chunks(files, workers)):
            yield from outcomes


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _size(src: SourceFile) -> int:
    try:
        return src.fs_path.stat().st_size
    except OSError:
        return 0


def _workers(files: list[SourceFile], jobs: int | None) -> int:
    if jobs is not None:
        return max(1, min(jobs, len(files)))
    cpus = default_jobs()
    if cpus <= 1 or len(files) < 2 * cpus or sum(_size(f) for f in files) < PARALLEL_MIN_BYTES:
        return 1
    return cpus


def _chunks(files: list[SourceFile], workers: int) -> list[list[SourceFile]]:
    """Consecutive runs of files of about :data:`CHUNK_BYTES`, at least four runs per worker."""
    sizes = [_size(f) + 2048 for f in files]
    target = max(1, min(CHUNK_BYTES, sum(sizes) // (4 * workers)))
    chunks: list[list[SourceFile]] = [[]]
    filled = 0
    for src, size in zip(files, sizes):
        if filled >= target:
            chunks.append([])
            filled = 0
        chunks[-1].append(src)
        filled += size
    return chunks


def _mp_context():  # type: ignore[no-untyped-def]
    import multiprocessing
    import sys

    # On Linux, fork shares what this process has imported and costs milliseconds (the CLI runs no
    # thread while reading); elsewhere the platform's default (spawn on macOS and Windows).
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


_WORKER: dict[str, object] = {}


def _init_worker(config: Config, ruleset: RuleSet | None) -> None:
    _WORKER.update(config=config, ruleset=ruleset)


def _read_chunk(files: list[SourceFile]) -> list[ParseOutcome]:
    config: Config = _WORKER["config"]  # type: ignore[assignment]
    ruleset: RuleSet | None = _WORKER["ruleset"]  # type: ignore[assignment]
    outcomes = [read_source(src, config) for src in files]
    if ruleset is not None:
        from consistency_check.engine.claims import claims_of, pack_claims

        for outcome in outcomes:
            started = time.process_time()
            outcome.claims = [pack_claims(claims_of(stmt, ruleset), ruleset) for stmt in outcome.statements]
            outcome.seconds = (*outcome.seconds[:2], time.process_time() - started)
    return outcomes


def _read_all(
    files: list[SourceFile],
    config: Config,
    cache: ParseCache | None,
    jobs: int | None,
    progress: Progress | None,
    ruleset: RuleSet | None = None,
) -> Iterator[ParseOutcome]:
    """The outcome of every file, in order: from ``cache`` when it has it, else read (and stored)."""
    outcomes: list[ParseOutcome | None] = [cache.load(src, config) if cache is not None else None for src in files]
    missing = [i for i, outcome in enumerate(outcomes) if outcome is None]
    fresh = read_sources([files[i] for i in missing], config, jobs, ruleset)
    done = len(files) - len(missing)
    for i, outcome in enumerate(outcomes):
        if outcome is None:
            outcome = next(fresh)
            if cache is not None:
                cache.store(files[i], config, outcome)
            done += 1
        yield outcome
        if progress:
            progress(done, len(files))


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
    message = (
        f"{first[1]} is longer than the limit of {limit:,}; only its first {limit:,} characters were checked{more}"
    )
    return out, (first[0], message)


def _few_values(statements: list[Statement]) -> tuple[list[Statement], tuple[int | None, str] | None]:
    """Statements cut after their :data:`MAX_STATEMENT_VALUES`-th value, and the line and message of the first cut.

    Comparing a value looks at the others of its statement: the cap bounds the work a statement
    costs, whatever it holds (a pasted line of hundreds of prices).
    """
    limit = MAX_STATEMENT_VALUES
    if all(len(s.facts) <= limit for s in statements):
        return statements, None
    out: list[Statement] = []
    first: tuple[int | None, int] | None = None
    count = 0
    for stmt in statements:
        if len(stmt.facts) <= limit:
            out.append(stmt)
            continue
        count += 1
        if first is None:
            first = (stmt.location.line, len(stmt.facts))
        out.append(dataclasses.replace(stmt, text=stmt.text[: stmt.facts[limit - 1].span[1]], facts=stmt.facts[:limit]))
    assert first is not None
    more = f" ({count} such statements)" if count > 1 else ""
    message = (
        f"a statement of {first[1]:,} values is over the limit of {limit:,}; only its first {limit:,} were checked"
    )
    return out, (first[0], message + more)


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at a space when there is one near the end."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ", limit - 200)
    return head[:space] if space > 0 else head


def _scan_suppressions(doc: Document) -> tuple[list[Directive], list[Finding]]:
    """Inline suppression comments of a file; skipped cheaply for files that cannot hold one."""
    from consistency_check.suppress import has_marker, scan

    try:
        raw = doc.read_bytes()
    except OSError:
        return [], []
    if not has_marker(raw) and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [], []
    return scan(doc.path, doc.read_text())


def _problem(
    src: SourceFile,
    line: int | None,
    message: str,
    column: int | None = None,
    channel: str = "",
    path: str | None = None,
    check: Check = PARSE_ERROR,
) -> Finding:
    loc = Location(path or src.path, line, None, column)
    return Finding(
        check.code,
        check.name,
        check.severity,
        message,
        path or src.path,
        (Side(loc, channel or src.channel or "?", ""),),
    )


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
    if paths and config.path is not None and _covers_root(paths, config.root):
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
    subjects = _with_judged(subjects, getattr(judge, "subjects", []))
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
                f"{stale} baseline entr{'y is' if stale == 1 else 'ies are'} no longer found (fixed or changed); refresh {baseline.path} with --write-baseline"
            )
    if cache is not None:
        notes.extend(cache.notes)
    findings.sort(key=_finding_order)
    return _report(findings, suppressed, len(files), count, started, config, notes, ruleset, subjects)


def _confident(findings: list[Finding], threshold: float) -> tuple[list[Finding], list[Finding]]:
    """The findings at or above ``threshold`` confidence, and those below it."""
    kept = [f for f in findings if f.confidence >= threshold]
    return kept, [f for f in findings if f.confidence < threshold]


def _incremental(config: Config, ruleset: RuleSet, files: list[SourceFile], changed: set[str], cache: ParseCache):  # type: ignore[no-untyped-def]
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
):  # type: ignore[no-untyped-def]
    """Read every file and compare all statements; with a cache (and no policy), the corpus index is written too.

    Returns the analysis and the number of statements; the files' own findings,
    notes and suppression comments are added to the lists given.
    """
    from consistency_check.engine import analyse, link
    from consistency_check.engine.claims import unpack_claims

    recorder = None
    if cache is not None and judge is None:
        from consistency_check.incremental import Recorder, _stat

        recorder = Recorder()
        stats = [_stat(src.fs_path) for src in files]  # before reading: a file changed meanwhile is seen as changed
    statements: list[Statement] = []
    claims: list[list[Claim] | None] = []
    outcomes: list[ParseOutcome] = []
    with timings.stage("read"):
        for outcome in _read_all(files, config, cache, jobs, progress, ruleset):
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
                    unpack_claims(packed, stmt, ruleset) for packed, stmt in zip(outcome.claims, outcome.statements)
                )
            timings.add_cpu("parse", outcome.seconds[0])
            timings.add_cpu("facts", outcome.seconds[1])
            timings.add_cpu("claims (workers)", outcome.seconds[2])
    with timings.stage("engine"):
        if config.engine == "linkage":
            recorder = None
            analysis = link(statements, ruleset, judge, claims)
        else:
            analysis = analyse(statements, ruleset, judge, claims, recorder, jobs)
    if recorder is not None and cache is not None:
        _save_index(config, ruleset, files, stats, outcomes, statements, recorder, cache)
    return analysis, len(statements)


def _save_index(config, ruleset, files, stats, outcomes, statements, recorder, cache) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from consistency_check.incremental import file_records, index_key, save

    if not cache._writable:
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


def changed_only(config: Config, paths: list[Path] | None) -> bool:
    """Whether a run of ``paths`` reads the whole configured corpus but reports only what touches them."""
    return bool(paths) and config.path is not None and not _covers_root(paths or [], config.root)


def _covers_root(paths: list[Path], root: Path) -> bool:
    resolved = root.resolve()
    return any(p.is_dir() and (p.resolve() == resolved or resolved.is_relative_to(p.resolve())) for p in paths)


def _finding_order(f: Finding) -> tuple[object, ...]:
    # Everything a finding shows breaks ties, so the order never depends on how sets happened to iterate.
    first = f.sides[0].location if f.sides else Location("")
    sides = tuple((s.location.display(), s.location.pointer or "", s.value, s.quote) for s in f.sides)
    return (-f.severity.rank, f.code, f.subject, first.display(), f.message, sides)
