"""Reading source files: each file's statements, values, parse problems and suppression comments.

:func:`read_source` reads one file; :func:`read_sources` reads many, across a process pool when that
pays; :func:`read_all` takes what the parse cache holds and reads the rest. The pipeline, the
changed-file path and the campaign check all read through here.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from consistency_check.checks import LONG_STATEMENT, PARSE_ERROR, UNRECOGNISED, Check
from consistency_check.config import Config
from consistency_check.discovery import SourceFile
from consistency_check.limits import MAX_STATEMENT_CHARS, MAX_STATEMENT_VALUES
from consistency_check.model import Finding, Location, Side, Statement
from consistency_check.processes import default_jobs, forked
from consistency_check.rules import RuleSet
from consistency_check.suppress import Directive

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

    from consistency_check.engine.claims import PackedClaim
    from consistency_check.sources.base import Document

AMBIGUOUS_CHANNEL = frozenset({"markdown", "text"})
#: Called with (files done, files in all) as files are read.
Progress = Callable[[int, int], None]


class OutcomeStore(Protocol):
    """Where outcomes read before are kept (the parse cache, :class:`~consistency_check.cache.ParseCache`)."""

    def load(self, src: SourceFile, config: Config) -> ParseOutcome | None:
        """The outcome kept for ``src``, or None."""

    def store(self, src: SourceFile, config: Config, outcome: ParseOutcome) -> None:
        """Keep ``outcome`` for ``src``."""


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
    from consistency_check.sources.tables import CELL_SEP

    # Only the source's own locale: an export's, a page's front matter or language folder, or the language its
    # words are in come before the configuration's (see :func:`_locales`).
    doc = Document(src.path, src.fs_path, src.channel or "", src.locale)
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
                f"{src.path}: channel '{adapter.CHANNEL}' inferred from format '{fmt}'; name the channel in "
                "consistency-check.yaml"
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
    for stmt, locale in zip(raw, _locales(raw, config.locale), strict=True):
        # A table row's first cell names what its other cells give: "Monday–Friday | In season: 8:00 AM–7:00 PM |
        # Off season: 9:00 AM–5:00 PM" gives Monday to Friday's hours in both seasons.
        row = stmt.text.split(CELL_SEP, 1)[0] if CELL_SEP in stmt.text else ""
        headings = (row, stmt.question, stmt.condition)
        facts = (
            extract_facts(stmt.text, region=config.region, locale=locale, headings=headings) if not stmt.dynamic else ()
        )
        statements.append(stmt.with_facts(facts, locale))
    statements, crowded = _few_values(statements)
    if crowded is not None:  # a note on what was checked, as for a long statement
        problems.append(_problem(src, crowded[0], crowded[1], None, doc.channel, check=LONG_STATEMENT))
    extracted = time.process_time()
    directives, bad = _scan_suppressions(doc)
    seconds = (parsed - started + time.process_time() - extracted, extracted - parsed, 0.0)
    return ParseOutcome(statements, problems + bad, notes, directives, fmt, seconds)


def _locales(statements: list[Statement], fallback: str) -> list[str]:
    """Each statement's locale: its own (the source's, or what its export, front matter or language folder says),
    else the language its words are in (:func:`~consistency_check.facts.detect.detect_language`): its own when
    they tell, else its file's, else ``fallback`` (the configuration's). A detected language that is the
    configuration's keeps the configuration's locale (its country: "en-GB", "es-MX")."""
    from consistency_check.facts.bridge import language_of
    from consistency_check.facts.detect import detect_languages

    unsaid = [s.text for s in statements if not s.locale]
    if not unsaid:
        return [s.locale for s in statements]
    own = language_of(fallback)
    detected = iter(detect_languages(unsaid, own))
    out = []
    for statement in statements:
        lang = "" if statement.locale else next(detected)
        out.append(statement.locale or (fallback if not lang or lang == own else lang))
    return out


def read_sources(
    files: list[SourceFile],
    config: Config,
    jobs: int | None = None,
    ruleset: RuleSet | None = None,
    yes_no: bool = True,
) -> Iterator[ParseOutcome]:
    """:func:`read_source` for every file, in order; across a process pool when that pays.

    ``jobs`` is the number of processes (``None``: one per CPU, and a pool only
    for inputs of at least :data:`PARALLEL_MIN_BYTES`; 1: in this process).
    The outcomes are the same, in the same order, whatever ``jobs`` is. With
    a ``ruleset``, workers also find each statement's claims
    (``ParseOutcome.claims``), the part of the comparison that needs no other file; without
    ``yes_no``, not the rules' yes/no claims (see :func:`~consistency_check.engine.claims.claims_of`).
    """
    workers = _workers(files, jobs)
    if workers <= 1:
        for src in files:
            yield read_source(src, config)
        return
    from concurrent.futures import ProcessPoolExecutor

    import consistency_check.facts
    import consistency_check.sources  # noqa: F401 - imported once here, inherited by forked workers

    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=_mp_context(), initializer=_init_worker, initargs=(config, ruleset, yes_no)
    )
    try:
        results = pool.map(_read_chunk, _chunks(files, workers))  # forks the workers
        forked()  # a Ctrl-C that came while forking
        for outcomes in results:
            yield from outcomes
    except BaseException:
        # Interrupted (Ctrl-C) or abandoned: what is not read yet is not waited for.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


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
    for src, size in zip(files, sizes, strict=True):
        if filled >= target:
            chunks.append([])
            filled = 0
        chunks[-1].append(src)
        filled += size
    return chunks


def _mp_context() -> BaseContext:
    import multiprocessing
    import sys

    # On Linux, fork shares what this process has imported and costs milliseconds (the CLI runs no
    # thread while reading); elsewhere the platform's default (spawn on macOS and Windows).
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


_WORKER: dict[str, Any] = {}  # what the pool's initializer gave this worker process


def _init_worker(config: Config, ruleset: RuleSet | None, yes_no: bool = True) -> None:
    _WORKER.update(config=config, ruleset=ruleset, yes_no=yes_no)


def _read_chunk(files: list[SourceFile]) -> list[ParseOutcome]:
    config: Config = _WORKER["config"]
    ruleset: RuleSet | None = _WORKER["ruleset"]
    outcomes = [read_source(src, config) for src in files]
    if ruleset is not None:
        from consistency_check.engine.claims import claims_of, pack_claims

        for outcome in outcomes:
            started = time.process_time()
            outcome.claims = [
                pack_claims(claims_of(stmt, ruleset, yes_no=_WORKER["yes_no"]), ruleset) for stmt in outcome.statements
            ]
            outcome.seconds = (*outcome.seconds[:2], time.process_time() - started)
    return outcomes


def read_all(
    files: list[SourceFile],
    config: Config,
    cache: OutcomeStore | None,
    jobs: int | None,
    progress: Progress | None,
    ruleset: RuleSet | None = None,
    yes_no: bool = True,
) -> Iterator[ParseOutcome]:
    """The outcome of every file, in order: from ``cache`` when it has it, else read (and stored)."""
    outcomes: list[ParseOutcome | None] = [cache.load(src, config) if cache is not None else None for src in files]
    missing = [i for i, outcome in enumerate(outcomes) if outcome is None]
    fresh = read_sources([files[i] for i in missing], config, jobs, ruleset, yes_no)
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
