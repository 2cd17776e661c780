"""Command line interface (the only module that imports typer)."""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from consistency_check import __version__, timings

if TYPE_CHECKING:
    from consistency_check.config import Config
    from consistency_check.discovery import SourceFile
    from consistency_check.policy import PolicyJudge
    from consistency_check.reporters import Report
    from consistency_check.rules import RuleSet

app = typer.Typer(
    name="consistency-check",
    help="Find contradictions between your web FAQ, chatbot, agent knowledge base and store scripts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130
#: The formats that render a campaign launch check (its per-channel status); the others are for a check's findings.
CAMPAIGN_FORMATS = ("text", "json", "markdown", "html")


def _format_help() -> str:
    """The ``--format`` help, listing every registered format."""
    from consistency_check.reporters import DEFAULT_FORMAT, REGISTRY

    names = [f"{name} (default)" if name == DEFAULT_FORMAT else name for name in REGISTRY]
    return (
        "Output format, optionally with a file (json:report.json); repeatable, one may go to stdout. "
        f"Formats: {', '.join(names)}."
    )


FORMAT_HELP = _format_help()


class UsageError(Exception):
    """A mistake in how the tool was called: exit 2."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"consistency-check {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """Find contradictions between your web FAQ, chatbot, agent knowledge base and store scripts."""


@app.command()
def check(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to check (default: the sources in the config).")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="Config file (default: consistency-check.yaml here or above)."),
    ] = None,
    formats: Annotated[
        list[str] | None, typer.Option("--format", "-f", help=FORMAT_HELP, metavar="NAME[:FILE]")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option("--fail-on", help="Lowest severity that fails the run: error, warning, info or never."),
    ] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="No progress bar on stderr.")] = False,
    policies: Annotated[
        list[Path] | None,
        typer.Option("--policies", "-p", help="Policy file or folder (repeatable; replaces the config's policies)."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Apply the policies in force on this date (YYYY-MM-DD; default: today)."),
    ] = None,
    report_uncovered: Annotated[
        bool,
        typer.Option("--report-uncovered", help="Also list subjects channels answer that no policy states (info)."),
    ] = False,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Report only findings not recorded in this baseline file.")
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option("--write-baseline", help="Record every current finding in this baseline file and exit 0."),
    ] = None,
    sources_only: Annotated[
        bool,
        typer.Option(
            "--sources-only",
            help="With a config, skip given files that no configured source lists (pre-commit passes every staged "
            "file).",
        ),
    ] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            help="Cache folder for parsed files (default: $CONSISTENCY_CHECK_CACHE_DIR or ~/.cache/consistency-check).",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Read every file afresh; neither use nor update the cache.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Processes reading files and comparing (default: one per CPU for large inputs; 1: no extra process).",
        ),
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence",
            min=0.0,
            max=1.0,
            help="Report contradictions at least this likely to be about one fact (0-1; default 0.75, with --engine "
            "classic 0.5). Lower shows more.",
        ),
    ] = None,
    engine: Annotated[
        str | None,
        typer.Option(
            "--engine",
            help="How statements are compared: linkage (default: fact mentions linked by a fitted model) or classic "
            "(the earlier engine; overrides the config's engine).",
        ),
    ] = None,
) -> None:
    """Check the sources and report every contradiction (against the policy where one speaks)."""
    from consistency_check.config import ENGINES, FAIL_LEVELS, Config, find_config, load_config
    from consistency_check.pipeline import run
    from consistency_check.reporters import REGISTRY
    from consistency_check.rules import load_rules

    if fail_on is not None and fail_on not in FAIL_LEVELS:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_LEVELS)}; got '{fail_on}'")
    outputs = _parse_formats(formats or ["text"], output, set(REGISTRY))
    cfg_path = config
    if cfg_path is None:
        starts = [p if p.is_dir() else p.parent for p in paths] if paths else [Path.cwd()]
        cfg_path = next((found for found in map(find_config, dict.fromkeys(starts)) if found), None)
        if cfg_path is None and not paths:
            raise UsageError(
                f"nothing to check: no consistency-check.yaml in {Path.cwd()} or a folder above it, and no files "
                "or folders given. Run 'consistency-check init' to write a config, or name what to check"
            )
    elif not cfg_path.is_file():
        raise UsageError(
            f"{cfg_path}: {'a folder, not a config file' if cfg_path.is_dir() else 'config file not found'}"
        )
    with timings.stage("config"):
        cfg = load_config(cfg_path) if cfg_path else Config(root=Path.cwd())
        if engine is not None:
            if engine not in ENGINES:
                raise UsageError(f"--engine must be one of {', '.join(ENGINES)}; got '{engine}'")
            cfg = dataclasses.replace(cfg, engine=engine)
        ruleset = load_rules(cfg.rule_dirs, cfg.root)
        judge = _policy_judge(cfg, ruleset, policies, _as_of(as_of), report_uncovered)
    dests = [dest for _, dest in outputs if dest is not None]
    if dests:
        from consistency_check.destinations import input_files

        _refuse_overwrite(dests, input_files(cfg, paths or (), policies, baseline or write_baseline))

    def guard(files: list[SourceFile]) -> None:
        if dests:  # resolving every source costs a few stat calls each: only when a report is written to a file
            from consistency_check.destinations import sources

            _refuse_overwrite(dests, sources(f.fs_path for f in files))

    if sources_only and cfg.path is None:
        raise UsageError("--sources-only needs a config file (consistency-check.yaml) listing the sources")
    options = _run_options(cfg, list(paths) if paths else None, baseline, write_baseline, cache_dir, no_cache)
    report = _run_with_progress(
        run,
        cfg,
        ruleset,
        list(paths) if paths else None,
        no_progress,
        judge=judge,
        sources_only=sources_only,
        guard=guard,
        jobs=jobs,
        min_confidence=min_confidence,
        **options,
    )
    if write_baseline is not None:
        from consistency_check import baseline as baselines
        from consistency_check.suppress import SUPPRESSION_CODES

        recorded = baselines.write(write_baseline, [f for f in report.findings if f.code not in SUPPRESSION_CODES])
        typer.echo(
            f"consistency-check: wrote {recorded} finding{'' if recorded == 1 else 's'} to baseline {write_baseline}"
        )
        raise typer.Exit(EXIT_OK)
    _emit(report, outputs, fail_on or cfg.fail_on, exit_zero)


@app.command()
def campaign(
    brief: Annotated[Path, typer.Argument(help="The campaign brief: YAML, or Markdown with YAML front matter.")],
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to check (default: the sources in the config).")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            "-c",
            help="Config file (default: consistency-check.yaml in the folders given or above; without folders, "
            "beside the brief or above).",
        ),
    ] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, markdown or html (a status row per channel), optionally with a file: "
            "markdown:launch.md. Repeatable.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")
    ] = None,
    policies: Annotated[
        list[Path] | None,
        typer.Option(
            "--policies", "-p", help="Standing policy file or folder (repeatable; replaces the config's policies)."
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Take the standing policy on this date (default: the day the campaign starts)."),
    ] = None,
    fail_on: Annotated[
        str | None,
        typer.Option("--fail-on", help="Lowest severity that fails the run: error, warning, info or never."),
    ] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
) -> None:
    """Check that every channel is ready for a campaign: contradictions, gaps, undeclared policy changes."""
    from consistency_check.campaign import run_campaign
    from consistency_check.config import FAIL_LEVELS, Config, find_config, load_config
    from consistency_check.policy import load_policies
    from consistency_check.rules import load_rules

    if fail_on is not None and fail_on not in FAIL_LEVELS:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_LEVELS)}; got '{fail_on}'")
    if not brief.is_file():
        raise UsageError(f"{brief}: campaign brief not found")
    outputs = _parse_formats(formats or ["text"], output, set(CAMPAIGN_FORMATS), "a campaign launch check")
    # As check does: the config of the files or folders given, found upward from them; else the brief's.
    starts = [p if p.is_dir() else p.parent for p in paths] if paths else [brief.resolve().parent]
    cfg_path = config or next((found for found in map(find_config, dict.fromkeys(starts)) if found), None)
    if config is not None and not config.is_file():
        raise UsageError(f"{config}: config file not found")
    if cfg_path is None and not paths:
        raise UsageError("no sources to check: give files or folders after the brief, or a consistency-check.yaml")
    cfg = load_config(cfg_path) if cfg_path else Config(root=Path.cwd())
    ruleset = load_rules(cfg.rule_dirs, cfg.root)
    where = tuple(policies) if policies else cfg.policies()
    standing = load_policies(where, ruleset, cfg.root, cfg.region, cfg.channels) if where else None
    dests = [dest for _, dest in outputs if dest is not None]
    if dests:
        from consistency_check.destinations import input_files, sources
        from consistency_check.discovery import from_config, from_paths

        inputs = input_files(cfg, paths or (), policies, brief=brief)
        files = from_paths(list(paths), cfg) if paths else from_config(cfg)[0]
        _refuse_overwrite(dests, {**sources(f.fs_path for f in files), **inputs})
    report = run_campaign(
        brief, cfg, ruleset, list(paths) if paths else None, standing, _as_of(as_of) if as_of else None
    )
    _emit(report, outputs, fail_on or cfg.fail_on, exit_zero)


def _emit(report: Report, outputs: list[tuple[str, Path | None]], level: str, exit_zero: bool) -> None:
    """Write the report in every requested format, then exit 1 when findings reach ``level``."""
    from consistency_check.fileio import write_user_file
    from consistency_check.reporters import get_reporter

    terminal = sys.stdout.isatty()
    color = terminal and "NO_COLOR" not in os.environ
    width = max(60, min(160, _terminal_width())) if terminal else 0  # a file or a CI log is not wrapped
    with timings.stage("report"):
        for fmt, dest in outputs:
            reporter = get_reporter(fmt, color=color and dest is None, width=width if dest is None else 0)
            text = reporter.render(report)
            if dest is None:
                try:
                    sys.stdout.write(text)
                except UnicodeEncodeError:  # a terminal that cannot show some character: escaped, not lost
                    encoding = sys.stdout.encoding or "utf-8"
                    sys.stdout.write(text.encode(encoding, "backslashreplace").decode(encoding))
                sys.stdout.flush()
            else:
                try:
                    write_user_file(dest, text)
                except OSError as exc:
                    raise UsageError(f"{dest}: cannot write the report: {exc.strerror or exc}") from None
    timings.write()
    failing = [f for f in report.findings if level != "never" and f.severity.rank >= _rank(level)]
    raise typer.Exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="The folder holding the content (default: here).")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Replace an existing config file.")] = False,
) -> None:
    """Find the content under FOLDER and write a commented consistency-check.yaml listing it."""
    from consistency_check.config import CONFIG_NAMES, load_config
    from consistency_check.discovery import from_config
    from consistency_check.fileio import write_atomic
    from consistency_check.init_config import NothingFound, config_path, render, scan
    from consistency_check.yamlfile import parse_located, validate

    if not folder.is_dir():
        raise UsageError(f"{folder}: {'not a folder' if folder.exists() else 'no such folder'}")
    existing = config_path(folder)
    if existing is not None and not force:
        raise UsageError(f"{existing}: a config file is already there; give --force to replace it")
    try:
        plan = scan(folder)
    except NothingFound as exc:
        raise UsageError(str(exc)) from None
    text = render(plan)
    target = existing or folder / CONFIG_NAMES[0]
    validate(parse_located(text, target.as_posix()), "config.schema.json")
    try:
        write_atomic(target, text)
    except OSError as exc:
        raise UsageError(f"{target}: cannot write the config: {exc.strerror or exc}") from None
    from_config(load_config(target))  # every source matches: check runs on it as written
    for src in plan.sources:
        typer.echo(f"  {src.channel:<8} {src.path}  ({len(src.files)} file{'s' if len(src.files) != 1 else ''})")
    left = f"; {len(plan.skipped)} left out (listed in its comments)" if plan.skipped else ""
    typer.echo(f"wrote {target}: {len(plan.sources)} source{'s' if len(plan.sources) != 1 else ''}{left}")
    shown = "" if folder.resolve() == Path.cwd() else f" {folder}"
    typer.echo(f"next: consistency-check check{shown}")


cache_app = typer.Typer(help="The cache of parsed files.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("clear")
def cache_clear(
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir", help="Cache folder (default: $CONSISTENCY_CHECK_CACHE_DIR or ~/.cache/consistency-check)."
        ),
    ] = None,
) -> None:
    """Delete every cached parse."""
    from consistency_check.cache import clear, default_dir

    folder = cache_dir or default_dir()
    removed = clear(folder)
    typer.echo(f"removed {removed} cache entr{'y' if removed == 1 else 'ies'} from {folder}")


@app.command("rules")
def list_rules(
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="Config file, to include its rule folders.")
    ] = None,
) -> None:
    """List the checks: code, name, severity and one line each."""
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, show_edge=False, pad_edge=False)
    for col in ("code", "name", "severity", "fact", "compare", "summary"):
        table.add_column(col, overflow="fold")
    for row in _catalogue(config):
        table.add_row(*row[:4], row[9], row[4])
    Console(highlight=False, width=max(100, _terminal_width())).print(table)


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="A check code or name, e.g. CC201 or return-window.")],
    config: Annotated[
        Path | None, typer.Option("--config", "-c", help="Config file, to include its rule folders.")
    ] = None,
) -> None:
    """Explain one check, with a bad and a good example."""
    rows = _catalogue(config)
    for row in rows:
        if code.lower() in (row[0].lower(), row[1].lower()):
            rcode, name, severity, fact, summary, description, bad, good, source, compare = row
            lines = [f"{rcode} {name} ({severity})", "", summary, "", description, ""]
            if fact != "-":
                lines += [f"Fact compared: {fact}", f"Against a policy: {compare}", ""]
            lines += ["Bad:"] + [f"  {b}" for b in bad] + ["", "Good:"] + [f"  {g}" for g in good]
            if source:
                lines += ["", f"Defined in: {source}"]
            typer.echo("\n".join(lines))
            return
    import difflib

    names = {name.lower(): name for row in rows for name in row[:2]}
    probe = code.lower()
    if probe[:2].isalpha() and probe[2:].replace("o", "0").isdigit():  # a code typed with the letter O
        probe = probe[:2] + probe[2:].replace("o", "0")
    close = difflib.get_close_matches(probe, list(names), n=1, cutoff=0.6)
    hint = f"did you mean '{names[close[0]]}'? " if close else ""
    raise UsageError(f"unknown check '{code}'; {hint}'consistency-check rules' lists them")


@app.command("schema")
def show_schema(
    name: Annotated[str, typer.Argument(help="config, rule, scopes, policy, campaign or report.")],
) -> None:
    """Print a JSON Schema shipped with the tool (for editors: yaml-language-server $schema=...)."""
    from importlib import resources

    folder = resources.files("consistency_check").joinpath("schemas")
    known = sorted(p.name.removesuffix(".schema.json") for p in folder.iterdir() if p.name.endswith(".schema.json"))
    if name not in known:
        raise UsageError(f"unknown schema '{name}'; known: {', '.join(known)}")
    sys.stdout.write(folder.joinpath(f"{name}.schema.json").read_text(encoding="utf-8"))


def _catalogue(config: Path | None) -> list[tuple[str, str, str, str, str, str, list[str], list[str], str, str]]:
    from consistency_check.checks import BUILTIN_CHECKS
    from consistency_check.config import Config, find_config, load_config
    from consistency_check.rules import load_rules

    cfg_path = config or find_config(Path.cwd())
    cfg = load_config(cfg_path) if cfg_path else Config(root=Path.cwd())
    rows = [
        (c.code, c.name, c.severity.value, "-", c.summary, c.description, [c.bad], [c.good], "", "-")
        for c in BUILTIN_CHECKS
    ]
    for r in load_rules(cfg.rule_dirs, cfg.root).rules:
        summary = r.description.split(". ")[0].rstrip(".") + "."
        where = "built-in rules/" + Path(r.path).name if r.builtin else r.path
        rows.append(
            (
                r.code,
                r.name,
                r.severity.value,
                r.fact,
                summary,
                r.description,
                list(r.examples_bad),
                list(r.examples_good),
                where,
                r.compare,
            )
        )
    return sorted(rows, key=lambda row: row[0])


def _parse_formats(
    specs: list[str], output: Path | None, known: set[str], what: str = ""
) -> list[tuple[str, Path | None]]:
    outputs: list[tuple[str, Path | None]] = []
    for spec in specs:
        name, _, dest = spec.partition(":")
        if name not in known:
            listed = ", ".join(sorted(known))
            if what:
                raise UsageError(f"format '{name}' does not render {what}; formats: {listed}")
            raise UsageError(f"unknown format '{name}'; known formats: {listed}")
        outputs.append((name, Path(dest) if dest else None))
    if output is not None:
        bare = [i for i, (_, d) in enumerate(outputs) if d is None]
        if len(bare) != 1:
            raise UsageError("--output needs exactly one --format without a file")
        outputs[bare[0]] = (outputs[bare[0]][0], output)
    if sum(1 for _, d in outputs if d is None) > 1:
        raise UsageError("only one format can go to stdout; give the others a file (--format json:report.json)")
    return outputs


def _refuse_overwrite(dests: list[Path], inputs: dict[str, str]) -> None:
    """Raise :class:`UsageError` when a report would be written over an input of the run, twice, or not to a file."""
    from consistency_check.destinations import duplicate, refusal

    for dest in dests:
        reason = refusal(dest, inputs)
        if reason is not None:
            raise UsageError(reason)
    twice = duplicate(dests)
    if twice is not None:
        raise UsageError(f"{twice}: two reports would be written to the same file")


def _run_with_progress(
    run: Callable[..., Report],
    cfg: Config,
    ruleset: RuleSet,
    paths: list[Path] | None,
    no_progress: bool,
    **options: Any,
) -> Report:
    if no_progress or not sys.stderr.isatty():
        return run(cfg, ruleset, paths, **options)
    from rich.console import Console
    from rich.progress import Progress

    # Refreshed from the callback, not by rich's timer thread: worker processes are forked while reading.
    with Progress(console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("Reading sources", total=None)
        shown = [0.0]

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)
            now = time.monotonic()
            if now - shown[0] >= 0.1 or done == total:
                shown[0] = now
                bar.refresh()

        return run(cfg, ruleset, paths, progress=progress, **options)


def _as_of(text: str | None) -> date:
    """The ``--as-of`` date, today by default."""
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of must be a date (YYYY-MM-DD); got '{text}'") from None


def _policy_judge(
    cfg: Config, ruleset: RuleSet, paths: list[Path] | None, as_of: date, report_uncovered: bool
) -> PolicyJudge | None:
    """The policy judge for this run, or None when there is no policy and nothing to list."""
    from consistency_check.policy import PolicyJudge, PolicySet, load_policies

    where = tuple(paths) if paths else cfg.policies()
    if not where and not report_uncovered:
        return None
    policy_set = load_policies(where, ruleset, cfg.root, cfg.region, cfg.channels) if where else PolicySet()
    return PolicyJudge(policy_set, as_of, cfg.channel_sources(), report_uncovered)


def _run_options(
    cfg: Config,
    paths: list[Path] | None,
    baseline: Path | None,
    write_baseline: Path | None,
    cache_dir: Path | None,
    no_cache: bool,
) -> dict[str, Any]:
    """The cache and baseline for :func:`pipeline.run`, after checking the baseline options."""
    from consistency_check import baseline as baselines
    from consistency_check.cache import ParseCache, default_dir
    from consistency_check.discovery import changed_only

    options: dict[str, Any] = {"cache": None if no_cache else ParseCache(cache_dir or default_dir()), "baseline": None}
    if write_baseline is not None:
        if baseline is not None:
            raise UsageError(
                "--baseline and --write-baseline exclude each other: the new baseline records every finding"
            )
        if changed_only(cfg, paths):
            raise UsageError("--write-baseline records the whole project: run it without file paths")
        if _is_source(write_baseline, cfg, paths):
            raise UsageError(f"{write_baseline}: refusing to write a baseline over a source file")
        from consistency_check.fileio import destination_problem

        problem = destination_problem(write_baseline)
        if problem is not None:
            raise UsageError(f"{write_baseline} {problem}")
        if write_baseline.exists() and not baselines.is_baseline(write_baseline):
            raise UsageError(
                f"{write_baseline}: exists and is not a consistency-check baseline; refusing to overwrite it"
            )
        return options
    chosen = baseline or cfg.baseline
    if chosen is not None:
        options["baseline"] = baselines.load(chosen, cfg.display(chosen) if baseline is None else str(chosen))
    return options


def _is_source(path: Path, cfg: Config, paths: Sequence[Path] | None) -> bool:
    """Whether ``path`` is (or would be read as) a source of this run."""
    from consistency_check.discovery import excluded, glob_regex

    target = path.resolve()
    for given in paths or []:
        given = given.resolve()
        if target == given or (given.is_dir() and target.is_relative_to(given)):
            return True
    rel = cfg.display(path)
    return any(
        glob_regex(s.pattern.rstrip("/")).match(rel) and not excluded(rel, cfg.exclude + s.exclude) for s in cfg.sources
    )


def _rank(level: str) -> int:
    return {"info": 1, "warning": 2, "error": 3}[level]


def _terminal_width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 100


def main() -> None:
    """Entry point: one place maps exceptions to exit codes; no traceback for anything a user causes."""
    from consistency_check.config import ConfigError
    from consistency_check.processes import install, interrupted, tune_collector
    from consistency_check.yamlfile import YamlFileError

    install()  # processes forked while reading and comparing die with this one
    tune_collector()
    try:
        code = app(standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (ConfigError, YamlFileError, UsageError) as exc:
        typer.echo(f"consistency-check: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        _interrupted()
    except Exception as exc:
        if interrupted():  # the forked processes ended first: their pool broke before the KeyboardInterrupt came
            _interrupted()
        # Usage errors from the command-line parser (click's, or the copy newer typer releases carry).
        names = {cls.__name__ for cls in type(exc).__mro__}
        if "ClickException" in names and hasattr(exc, "show"):
            exc.show()
            sys.exit(EXIT_USAGE)
        if "Abort" in names:  # click's name for Ctrl-C
            _interrupted()
        log = _crash_log(traceback.format_exc())
        where = f" (details in {log})" if log else ""
        typer.echo(f"consistency-check: internal error: {exc.__class__.__name__}: {exc}{where}", err=True)
        sys.exit(EXIT_INTERNAL)
    if code == EXIT_INTERRUPTED:  # typer turns Ctrl-C into this code; no command returns it
        _interrupted()
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _interrupted() -> NoReturn:
    """Say the run was interrupted (Ctrl-C) and exit 130, as a shell reports SIGINT.

    The exit is immediate: a process pool's queue threads would wait at exit for workers that Ctrl-C
    ended, for ever. Nothing is left half-written: every file the run writes is written whole under a
    temporary name and renamed, and the next run removes the temporary files of an interrupted one.
    """
    typer.echo("consistency-check: interrupted", err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(EXIT_INTERRUPTED)


def _crash_log(details: str) -> str | None:
    """Write ``details`` to a new private file in the temporary folder; its path (None if it cannot be made).

    The name is fresh (``mkstemp``: created exclusively, never through a link another user planted)
    and the file is readable by its owner only.
    """
    try:
        fd, path = tempfile.mkstemp(prefix="consistency-check-crash-", suffix=".log")
    except OSError:
        return None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(details)
    except OSError:
        return None
    return path
