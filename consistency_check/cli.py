"""Command line interface (the only module that imports typer)."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Annotated, Optional

import typer

from consistency_check import __version__

app = typer.Typer(
    name="consistency-check",
    help="Find contradictions between your web FAQ, chatbot, agent knowledge base and store scripts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _format_help() -> str:
    """The ``--format`` help, listing every registered format."""
    from consistency_check.reporters import DEFAULT_FORMAT, REGISTRY

    names = [f"{name} (default)" if name == DEFAULT_FORMAT else name for name in REGISTRY]
    return f"Output format, optionally with a file (json:report.json); repeatable, one may go to stdout. Formats: {', '.join(names)}."


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
        Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """Find contradictions between your web FAQ, chatbot, agent knowledge base and store scripts."""


@app.command()
def check(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Files or folders to check (default: the sources in the config).")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="Config file (default: consistency-check.yaml here or above).")] = None,
    formats: Annotated[
        Optional[list[str]], typer.Option("--format", "-f", help=FORMAT_HELP, metavar="NAME[:FILE]")
    ] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the report to this file instead of stdout.")] = None,
    fail_on: Annotated[Optional[str], typer.Option("--fail-on", help="Lowest severity that fails the run: error, warning, info or never.")] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when there are findings.")] = False,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="No progress bar on stderr.")] = False,
) -> None:
    """Check the sources and report every contradiction."""
    from consistency_check.config import FAIL_LEVELS, Config, find_config, load_config
    from consistency_check.fileio import write_atomic
    from consistency_check.pipeline import run
    from consistency_check.reporters import REGISTRY, get_reporter
    from consistency_check.rules import load_rules

    if fail_on is not None and fail_on not in FAIL_LEVELS:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_LEVELS)}; got '{fail_on}'")
    outputs = _parse_formats(formats or ["text"], output, set(REGISTRY))
    cfg_path = config
    if cfg_path is None:
        start = paths[0] if paths else Path.cwd()
        cfg_path = find_config(start if start.is_dir() else start.parent)
    elif not cfg_path.is_file():
        raise UsageError(f"{cfg_path}: {'a folder, not a config file' if cfg_path.is_dir() else 'config file not found'}")
    cfg = load_config(cfg_path) if cfg_path else Config(root=Path.cwd())
    ruleset = load_rules(cfg.rule_dirs, cfg.root)
    dests = [dest for _, dest in outputs if dest is not None]
    for dest in dests:
        if dest.is_dir():
            raise UsageError(f"{dest}: is a folder; give a file name for the report")
    protected = {Path(p).resolve() for p in (paths or []) if Path(p).is_file()}
    if cfg.path is not None:
        protected.add(cfg.path.resolve())
    _refuse_overwrite(dests, protected)

    def guard(files: list) -> None:  # type: ignore[type-arg]
        _refuse_overwrite(dests, {f.fs_path.resolve() for f in files})

    report = _run_with_progress(run, cfg, ruleset, list(paths) if paths else None, no_progress, guard)
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    width = max(60, min(160, _terminal_width()))
    for fmt, dest in outputs:
        reporter = get_reporter(fmt, color=color and dest is None, width=width)
        text = reporter.render(report)
        if dest is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            try:
                write_atomic(dest, text)
            except OSError as exc:
                raise UsageError(f"{dest}: cannot write the report: {exc.strerror or exc}") from None
    level = fail_on or cfg.fail_on
    failing = [f for f in report.findings if level != "never" and f.severity.rank >= _rank(level)]
    raise typer.Exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


@app.command("rules")
def list_rules(
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="Config file, to include its rule folders.")] = None,
) -> None:
    """List the checks: code, name, severity and one line each."""
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, show_edge=False, pad_edge=False)
    for col in ("code", "name", "severity", "fact", "summary"):
        table.add_column(col, overflow="fold")
    for row in _catalogue(config):
        table.add_row(*row[:5])
    Console(highlight=False, width=max(100, _terminal_width())).print(table)


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="A check code or name, e.g. CC201 or return-window.")],
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="Config file, to include its rule folders.")] = None,
) -> None:
    """Explain one check, with a bad and a good example."""
    for row in _catalogue(config):
        if code.lower() in (row[0].lower(), row[1].lower()):
            rcode, name, severity, fact, summary, description, bad, good, source = row
            lines = [f"{rcode} {name} ({severity})", "", summary, "", description, ""]
            if fact != "-":
                lines += [f"Fact compared: {fact}", ""]
            lines += ["Bad:"] + [f"  {b}" for b in bad] + ["", "Good:"] + [f"  {g}" for g in good]
            if source:
                lines += ["", f"Defined in: {source}"]
            typer.echo("\n".join(lines))
            return
    raise UsageError(f"unknown check '{code}'; run 'consistency-check rules' for the list")


def _catalogue(config: Optional[Path]) -> list[tuple[str, str, str, str, str, str, list[str], list[str], str]]:
    from consistency_check.catalogue import rule_catalogue
    from consistency_check.config import Config, find_config, load_config
    from consistency_check.rules import load_rules

    cfg_path = config or find_config(Path.cwd())
    cfg = load_config(cfg_path) if cfg_path else Config(root=Path.cwd())
    return [
        (r.code, r.name, r.severity.value, r.fact or "-", r.summary, r.description, list(r.bad), list(r.good), r.source)
        for r in rule_catalogue(load_rules(cfg.rule_dirs, cfg.root))
    ]


def _parse_formats(specs: list[str], output: Optional[Path], known: set[str]) -> list[tuple[str, Optional[Path]]]:
    outputs: list[tuple[str, Optional[Path]]] = []
    for spec in specs:
        name, _, dest = spec.partition(":")
        if name not in known:
            raise UsageError(f"unknown format '{name}'; known formats: {', '.join(sorted(known))}")
        outputs.append((name, Path(dest) if dest else None))
    if output is not None:
        bare = [i for i, (_, d) in enumerate(outputs) if d is None]
        if len(bare) != 1:
            raise UsageError("--output needs exactly one --format without a file")
        outputs[bare[0]] = (outputs[bare[0]][0], output)
    if sum(1 for _, d in outputs if d is None) > 1:
        raise UsageError("only one format can go to stdout; give the others a file (--format json:report.json)")
    return outputs


def _refuse_overwrite(dests: list[Path], protected: set[Path]) -> None:
    """Raise :class:`UsageError` when a report would be written over a source or the config file."""
    for dest in dests:
        if dest.exists() and dest.resolve() in protected:
            raise UsageError(f"{dest}: refusing to write a report over a source file")


def _run_with_progress(run, cfg, ruleset, paths, no_progress, guard=None):  # type: ignore[no-untyped-def]
    if no_progress or not sys.stderr.isatty():
        return run(cfg, ruleset, paths, guard=guard)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Reading sources", total=None)
        return run(cfg, ruleset, paths, progress=lambda done, total: bar.update(task, completed=done, total=total), guard=guard)


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
    from consistency_check.yamlfile import YamlFileError

    try:
        code = app(standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (ConfigError, YamlFileError, UsageError) as exc:
        typer.echo(f"consistency-check: error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        typer.echo("consistency-check: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the one place that turns crashes into exit 3
        # Usage errors from the command-line parser (click's, or the copy newer typer releases carry).
        names = {cls.__name__ for cls in type(exc).__mro__}
        if "ClickException" in names and hasattr(exc, "show"):
            exc.show()
            sys.exit(EXIT_USAGE)
        if "Abort" in names:
            sys.exit(130)
        log = Path(tempfile.gettempdir()) / "consistency-check-crash.log"
        try:
            log.write_text(traceback.format_exc(), encoding="utf-8")
        except OSError:
            pass
        typer.echo(f"consistency-check: internal error: {exc.__class__.__name__}: {exc} (details in {log})", err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
