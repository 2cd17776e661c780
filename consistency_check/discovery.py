"""Which files to read, with which channel and format: from the config's sources or from paths."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from consistency_check.config import CONFIG_NAMES, IGNORE_FILE, Config, ConfigError, shown_path

#: The tool's own files, never read as sources even when a glob or folder lists them.
TOOL_FILES = frozenset({*CONFIG_NAMES, IGNORE_FILE})
#: Files an exported site or help centre carries beside its pages (images, stylesheets, scripts, fonts, media),
#: which no source format reads: found in a source's folder, they are passed over, not reported as unreadable.
ASSET_SUFFIXES = frozenset(
    """.css .js .mjs .map .png .jpg .jpeg .gif .svg .ico .webp .bmp .tif .tiff .woff .woff2 .ttf .otf .eot
    .mp3 .mp4 .webm .mov .wav .ogg""".split()
)
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "node_modules",
        "__pycache__",
        ".consistency-check-cache",
        ".pytest_cache",
        ".mypy_cache",
    }
)


@dataclass(frozen=True)
class SourceFile:
    """A file to read: where it is, how reports name it, and what the config says of it."""

    path: str
    fs_path: Path
    channel: str | None
    format: str
    locale: str


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """A regex for a glob where ``**`` spans folders and ``*`` does not."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + "(?:/.*)?$")


def excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    """Whether a root-relative POSIX path matches any exclude pattern."""
    return any(glob_regex(p.rstrip("/")).match(rel) for p in patterns)


def walk(folder: Path) -> list[Path]:
    """All files below ``folder``, skipping VCS, virtualenv and cache folders; sorted."""
    return list(iter_files(folder))


def iter_files(folder: Path) -> Iterator[Path]:
    """Files below ``folder`` in sorted order, one directory listing at a time (symbolic links to folders are not
    followed)."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            yield Path(dirpath) / name


class _Collector:
    """Discovered files, deduplicated by real path, screened and counted against the file limit."""

    def __init__(self, config: Config, notes: list[str]) -> None:
        self.config = config
        self.notes = notes
        self.files: dict[Path, SourceFile] = {}
        self.owner: dict[Path, int | None] = {}
        self._parents: dict[Path, Path] = {}
        self._root: Path | None = None

    def readable(self, fs_path: Path, boundary: Path, rel: str) -> bool:
        """Whether ``fs_path`` may be read: a regular file whose real path is inside ``boundary``."""
        try:
            info = os.lstat(fs_path)
            link = stat.S_ISLNK(info.st_mode)
            target = fs_path.resolve() if link else self._real_parent(fs_path.parent) / fs_path.name
            if not target.is_relative_to(boundary):
                how = "a symbolic link to" if link else "reached through a symbolic link:"
                self.notes.append(f"{rel}: {how} {target.as_posix()}, outside {boundary.as_posix()}; not read")
                return False
            mode = os.stat(fs_path).st_mode if link else info.st_mode
        except FileNotFoundError:
            self.notes.append(f"{rel}: a broken symbolic link; not read")
            return False
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop (Python < 3.13)
            self.notes.append(f"{rel}: cannot be examined ({exc.__class__.__name__}: {exc}); not read")
            return False
        if stat.S_ISDIR(mode):
            self.notes.append(f"{rel}: a symbolic link to a folder; not followed")
            return False
        if not stat.S_ISREG(mode):
            self.notes.append(f"{rel}: not a regular file (a pipe, socket or device); not read")
            return False
        return True

    def display(self, path: Path) -> str:
        """:meth:`Config.display`, with each folder resolved once."""
        if self._root is None:
            self._root = self.config.root.resolve()
        try:
            return shown_path((self._real_parent(path.parent) / path.name).relative_to(self._root))
        except (ValueError, OSError, RuntimeError):  # outside the root, or a symbolic link loop
            return shown_path(path)

    def _real_parent(self, folder: Path) -> Path:
        """``folder`` with every symbolic link resolved, once per folder."""
        real = self._parents.get(folder)
        if real is None:
            real = self._parents[folder] = folder.resolve()
        return real

    def add(self, src: SourceFile, line: int | None = None) -> None:
        """Keep ``src`` unless its real path is already kept; say so when two sources read it differently."""
        fs_path = src.fs_path
        key = fs_path.resolve() if os.path.islink(fs_path) else self._real_parent(fs_path.parent) / fs_path.name
        first = self.files.get(key)
        if first is None:
            if len(self.files) >= self.config.max_files:
                raise ConfigError(
                    f"more than {self.config.max_files} source files found (the limit); "
                    "narrow the sources or exclude folders, or raise max_files in consistency-check.yaml"
                )
            self.files[key] = src
            self.owner[key] = line
            return
        if (
            line is not None
            and self.owner[key] != line
            and (first.channel, first.format, first.locale) != (src.channel, src.format, src.locale)
        ):
            where = self.config.display(self.config.path) if self.config.path else "config"
            self.notes.append(
                f"{where}:{line}: {src.path} is already listed by the source at line {self.owner[key]} "
                f"(channel {first.channel or 'auto'}, format {first.format}); read once, as listed there"
            )

    def sorted(self) -> list[SourceFile]:
        return sorted(self.files.values(), key=lambda s: s.path)


def is_asset(path: Path) -> bool:
    """Whether ``path`` is an image, stylesheet, script, font or media file (:data:`ASSET_SUFFIXES`)."""
    return path.suffix.lower() in ASSET_SUFFIXES


def _assets_skipped(count: int, place: str = "") -> str:
    files = f"{count} image, stylesheet or script file{'' if count == 1 else 's'}"
    return f"{files}{place} not read (no source format reads them)"


def from_config(config: Config) -> tuple[list[SourceFile], list[str]]:
    """Files named by the config's sources, and notes (an optional source matching nothing, a source listed twice, a
    file skipped).

    A source pattern that matches no file is a :class:`ConfigError`, unless the source is optional.
    """
    notes: list[str] = []
    found = _Collector(config, notes)
    root = config.root.resolve()
    where = config.display(config.path) if config.path else "config"
    patterns: dict[str, int | None] = {}
    for name in config.undeclared:
        line = next(spec.line for spec in config.sources if spec.channel == name)
        notes.append(
            f"{where}:{line}: channel '{name}' is not declared; it is read as a channel of its own "
            f"(declare it to silence this note: channels: [{name}])"
        )
    for spec in config.sources:
        if spec.pattern in patterns:
            notes.append(
                f"{where}:{spec.line}: source '{spec.pattern}' is listed twice (first at line "
                f"{patterns[spec.pattern]}); its files are read once"
            )
            continue
        patterns[spec.pattern] = spec.line
        matched = False
        assets = 0
        boundary = _boundary(root, spec.pattern)
        for fs_path in _expand(config.root, spec.pattern):
            matched = True
            rel = found.display(fs_path)
            if excluded(rel, config.exclude + spec.exclude) or fs_path.name in TOOL_FILES:
                continue
            if fs_path != config.root / spec.pattern and is_asset(fs_path):
                assets += 1  # a file named itself is read
                continue
            if found.readable(fs_path, boundary, _found_as(config.root, fs_path, rel)):
                found.add(SourceFile(rel, fs_path, spec.channel, spec.format, spec.locale), spec.line)
        if assets:
            notes.append(f"{where}:{spec.line}: {_assets_skipped(assets, f' in source {spec.pattern!r}')}")
        if not matched and spec.optional:
            notes.append(f"{where}:{spec.line}: optional source '{spec.pattern}' matches no file")
        elif not matched:
            raise ConfigError(
                f"{where}:{spec.line}: source '{spec.pattern}' matches no file; "
                "correct the pattern, or mark the source 'optional: true' if its content may not exist yet"
            )
    return found.sorted(), notes


def from_paths(paths: list[Path], config: Config, notes: list[str] | None = None) -> list[SourceFile]:
    """Files named on the command line (folders read recursively); channel and format from the config when a source
    matches.

    Files found in a folder that are symbolic links leading out of the project
    (the config's folder, else the folder given) or are not regular files are
    skipped with a note in ``notes``; a file named explicitly is always read.
    """
    found = _Collector(config, notes if notes is not None else [])
    root = config.root.resolve()
    for arg in paths:
        if not arg.exists():
            raise ConfigError(f"{arg}: no such file or folder")
        assets = 0
        if arg.is_dir():
            folder = arg.resolve()
            boundary = root if config.path is not None and folder.is_relative_to(root) else folder
            targets: Iterable[Path] = iter_files(arg)
        else:
            boundary, targets = Path(arg.resolve().anchor), [arg]
        for fs_path in targets:
            rel = config.display(fs_path)
            if excluded(rel, config.exclude) or fs_path.name in TOOL_FILES:
                continue
            if fs_path is not arg and is_asset(fs_path):
                assets += 1  # found in a folder given (a file given is read)
                continue
            if not found.readable(fs_path, boundary, _found_as(config.root, fs_path, rel)):
                continue
            spec = next((s for s in config.sources if glob_regex(s.pattern.rstrip("/")).match(rel)), None)
            channel, fmt, locale = (spec.channel, spec.format, spec.locale) if spec else (None, "auto", "")
            found.add(SourceFile(rel, fs_path, channel, fmt, locale))
        if assets:
            found.notes.append(f"{config.display(arg)}: {_assets_skipped(assets)}")
    return found.sorted()


def _found_as(root: Path, fs_path: Path, shown: str) -> str:
    """How notes name a file: the path it was found at, below the root, with no link resolved."""
    try:
        return fs_path.absolute().relative_to(root).as_posix()
    except ValueError:
        return shown


def _boundary(root: Path, pattern: str) -> Path:
    """Where files of a source may live: the project, or the folder a source names outside it (``../kb/``)."""
    literal = []
    for part in Path(pattern).parts:
        if any(ch in part for ch in "*?["):
            break
        literal.append(part)
    try:
        base = (root / Path(*literal)).resolve() if literal else root
    except (OSError, RuntimeError):
        return root
    return root if base.is_relative_to(root) else (base if base.is_dir() else base.parent)


def _expand(root: Path, pattern: str) -> Iterator[Path]:
    """Paths a source pattern names: files, links and special files (screened later); folders only read recursively."""
    target = root / pattern
    if not any(ch in pattern for ch in "*?["):
        if target.is_dir() and not target.is_symlink():
            yield from iter_files(target)
        elif target.exists() or target.is_symlink():
            yield target
        return
    for p in sorted(root.glob(pattern)):
        if any(part in SKIP_DIRS for part in p.relative_to(root).parts):
            continue
        if not p.is_dir() or p.is_symlink():
            yield p
        elif pattern.endswith("/"):
            yield from iter_files(p)


def changed_only(config: Config, paths: list[Path] | None) -> bool:
    """Whether a run of ``paths`` reads the whole configured corpus but reports only what touches them."""
    return bool(paths) and config.path is not None and not covers_root(paths or [], config.root)


def covers_root(paths: list[Path], root: Path) -> bool:
    resolved = root.resolve()
    return any(p.is_dir() and (p.resolve() == resolved or resolved.is_relative_to(p.resolve())) for p in paths)
