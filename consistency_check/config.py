"""The project configuration file, ``consistency-check.yaml``: found, loaded, validated."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from consistency_check.facts.bridge import country_of
from consistency_check.limits import MAX_FILE_MB, MAX_FILES
from consistency_check.yamlfile import YamlFileError, load_located, validate

CONFIG_NAMES = ("consistency-check.yaml", "consistency-check.yml", ".consistency-check.yaml")
IGNORE_FILE = ".consistency-check-ignore.yaml"
FAIL_LEVELS = ("error", "warning", "info", "never")
DEFAULT_POLICIES = "policies"
#: The ways statements can be compared (``engine:`` in the config, ``--engine`` on the command line).
ENGINES = ("classic", "linkage")
#: The channels every project has; others are declared in the config's ``channels:`` list.
BUILTIN_CHANNELS = ("web", "chatbot", "agent", "store")
#: Names reports give the reference a channel is judged against; no channel may take them.
RESERVED_CHANNELS = ("policy", "brief")


class ConfigError(Exception):
    """A configuration or usage problem: the run stops with exit code 2."""


@dataclass(frozen=True)
class SourceSpec:
    """One ``sources:`` entry."""

    pattern: str
    channel: str | None
    format: str
    locale: str
    exclude: tuple[str, ...]
    line: int | None
    #: ``optional: true``: a pattern that matches no file is not an error.
    optional: bool = False


@dataclass(frozen=True)
class Config:
    """A loaded configuration; ``path`` is None when running without a config file."""

    root: Path
    path: Path | None = None
    sources: tuple[SourceSpec, ...] = ()
    locale: str = "en-US"
    region: str = "US"
    fail_on: str = "warning"
    #: How statements are compared: "linkage" (fact mentions linked by a fitted model, see
    #: :func:`consistency_check.engine.link`) or "classic" (the earlier rule-and-alignment engine).
    engine: str = "linkage"
    exclude: tuple[str, ...] = ()
    rule_dirs: tuple[Path, ...] = field(default=())
    max_files: int = MAX_FILES
    max_file_mb: int = MAX_FILE_MB
    #: Policy files or folders from ``policies:``; ``None`` when the key is absent.
    policy_paths: tuple[Path, ...] | None = None
    #: The channels sources, policies and briefs may name: the built-in ones, those declared, and
    #: those a source names that are close to none of these (each also in ``undeclared``).
    channels: tuple[str, ...] = BUILTIN_CHANNELS
    #: Channels a source names without a declaration: used, with a note asking to declare them.
    undeclared: tuple[str, ...] = ()

    def policies(self) -> tuple[Path, ...]:
        """Policy files and folders in force: ``policies:``, else ``policies/`` beside the config file if present."""
        if self.policy_paths is not None:
            return self.policy_paths
        default = self.root / DEFAULT_POLICIES
        return (default,) if self.path is not None and default.is_dir() else ()

    def channel_sources(self) -> dict[str, tuple[str, ...]]:
        """The source patterns configured for each named channel (where a channel's content lives)."""
        out: dict[str, list[str]] = {}
        for spec in self.sources:
            if spec.channel:
                out.setdefault(spec.channel, []).append(spec.pattern)
        return {k: tuple(v) for k, v in out.items()}

    #: The ignore file; None means ``.consistency-check-ignore.yaml`` in the root, when it exists.
    ignore_file: Path | None = None
    #: A baseline to apply on every run (``--baseline`` overrides it).
    baseline: Path | None = None

    @property
    def ignore_path(self) -> Path:
        """The ignore file: the configured one, else ``.consistency-check-ignore.yaml`` in the root (may not exist)."""
        return self.ignore_file or self.root / IGNORE_FILE

    def display(self, path: Path) -> str:
        """``path`` as reports show it: POSIX, relative to the root when inside it.

        The folder is resolved but not the file itself, so a symbolic link is
        shown under its own name, where it was found.
        """
        try:
            return shown_path((path.parent.resolve() / path.name).relative_to(self.root.resolve()))
        except (ValueError, OSError, RuntimeError):  # outside the root, or a symbolic link loop
            return shown_path(path)


def shown_path(path: Path) -> str:
    """``path`` in POSIX form, with the bytes of a file name that are not UTF-8 shown as ``\\xff`` escapes.

    Such a name reaches Python as lone surrogates, which no report, cache entry or index could write.
    """
    text = path.as_posix()
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def closest_channel(name: str, known: Iterable[str]) -> str | None:
    """The known channel ``name`` is probably a mistyping of, or ``None``."""
    close = difflib.get_close_matches(name, tuple(known), n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_channel(name: str, known: Iterable[str]) -> str | None:
    """Why ``name`` is not a channel of ``known`` (with the closest one), or ``None`` when it is one."""
    known = tuple(known)
    if name in known:
        return None
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return (
        f"unknown channel '{name}'; {hint}channels: {', '.join(known)} "
        "(declare another in consistency-check.yaml: channels: [name])"
    )


def find_config(start: Path) -> Path | None:
    """The config file in ``start`` or its nearest parent that has one."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_config(path: Path) -> Config:
    """Load and validate a config file; raise :class:`ConfigError` with file, line and key."""
    display = path.as_posix()
    try:
        doc = load_located(path, display)
        if doc.data is None:
            raise YamlFileError(display, 1, "the file is empty; expected a mapping with a 'sources' list")
        if isinstance(doc.data, dict) and "sources" not in doc.data:
            raise YamlFileError(
                display,
                1,
                "no 'sources': nothing to check; list where the content is ('consistency-check init' writes them)",
            )
        validate(doc, "config.schema.json")
    except YamlFileError as exc:
        raise ConfigError(str(exc)) from None
    data = doc.data
    root = path.resolve().parent
    channels: tuple[str, ...] = BUILTIN_CHANNELS
    for i, name in enumerate(data.get("channels", [])):
        if name in channels or name in RESERVED_CHANNELS:
            why = "a built-in channel" if name in channels else "a name reports use for the reference"
            raise ConfigError(f"{display}:{doc.line_of(('channels', i))} at 'channels[{i}]': '{name}' is {why}")
        channels += (name,)
    sources = []
    undeclared: tuple[str, ...] = ()
    for i, entry in enumerate(data["sources"]):
        channel = entry.get("channel")
        problem = unknown_channel(channel, channels) if channel is not None else None
        if problem and closest_channel(channel, channels) is None and channel not in RESERVED_CHANNELS:
            # Like no known channel, so not a mistyping of one: a channel of its own (a note asks to declare it).
            channels += (channel,)
            undeclared += (channel,)
            problem = None
        if problem:
            raise ConfigError(
                f"{display}:{doc.line_of(('sources', i, 'channel'))} at 'sources[{i}].channel': {problem}"
            )
        sources.append(
            SourceSpec(
                pattern=entry["path"],
                channel=channel,
                format=entry.get("format", "auto"),
                locale=entry.get("locale", ""),
                exclude=tuple(entry.get("exclude", ())),
                line=doc.line_of(("sources", i)),
                optional=entry.get("optional", False),
            )
        )
    rule_dirs = []
    for i, folder in enumerate(data.get("rules", [])):
        full = (root / folder).resolve()
        if not full.is_dir():
            raise ConfigError(
                f"{display}:{doc.line_of(('rules', i))} at 'rules[{i}]': rule folder '{folder}' not found"
            )
        rule_dirs.append(full)
    policy_paths = None
    if "policies" in data:
        found = []
        for i, entry in enumerate(data["policies"]):
            full = (root / entry).resolve()
            if not full.exists():
                raise ConfigError(
                    f"{display}:{doc.line_of(('policies', i))} at 'policies[{i}]': "
                    f"policy file or folder '{entry}' not found"
                )
            found.append(full)
        policy_paths = tuple(found)
    ignore_file = root / data["ignore_file"] if "ignore_file" in data else None
    if ignore_file is not None and not ignore_file.is_file():
        raise ConfigError(
            f"{display}:{doc.line_of(('ignore_file',))} at 'ignore_file': ignore file '{data['ignore_file']}' not found"
        )
    return Config(
        root=root,
        path=path,
        sources=tuple(sources),
        locale=data.get("locale", "en-US"),
        region=data.get("region") or country_of(data.get("locale", "")) or "US",
        fail_on=data.get("fail_on", "warning"),
        engine=data.get("engine", "linkage"),
        exclude=tuple(data.get("exclude", ())),
        rule_dirs=tuple(rule_dirs),
        max_files=data.get("max_files", MAX_FILES),
        max_file_mb=data.get("max_file_mb", MAX_FILE_MB),
        policy_paths=policy_paths,
        channels=channels,
        undeclared=undeclared,
        ignore_file=ignore_file,
        baseline=root / data["baseline"] if "baseline" in data else None,
    )
