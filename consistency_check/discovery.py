"""Which files to read, with which channel and format: from the config's sources or from paths."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from consistency_check.config import CONFIG_NAMES, IGNORE_FILE, Config, ConfigError

#: The tool's own files, never read as sources even when a glob or folder lists them.
TOOL_FILES = frozenset({*CONFIG_NAMES, IGNORE_FILE})
SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".consistency-check-cache", ".pytest_cache", ".mypy_cache"})


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
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            found.append(Path(dirpath) / name)
    return found


class _Resolver:
    """``Path.resolve()`` and ``Config.display()`` for many files, resolving each folder once.

    A file that is not a symbolic link resolves to its resolved folder plus its
    name, so only links cost a full resolution.
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self.root = config.root.resolve()
        self.folders: dict[Path, Path] = {}

    def resolve(self, path: Path) -> Path:
        folder = self.folders.get(path.parent)
        if folder is None:
            folder = self.folders[path.parent] = path.parent.resolve()
        if path.name in ("", ".", "..") or path.is_symlink():
            return path.resolve()
        return folder / path.name

    def display(self, path: Path, resolved: Path) -> str:
        """What ``config.display(path)`` gives, from the already resolved path."""
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def from_config(config: Config) -> tuple[list[SourceFile], list[str]]:
    """Files named by the config's sources, and notes (a glob matching nothing)."""
    notes: list[str] = []
    seen: dict[Path, SourceFile] = {}
    resolver = _Resolver(config)
    for spec in config.sources:
        matches = _expand(config.root, spec.pattern)
        if not matches:
            where = f"{config.display(config.path)}:{spec.line}" if config.path else "config"
            notes.append(f"{where}: source '{spec.pattern}' matches no file")
        for fs_path in matches:
            key = resolver.resolve(fs_path)
            rel = resolver.display(fs_path, key)
            if excluded(rel, config.exclude + spec.exclude) or fs_path.name in TOOL_FILES:
                continue
            if key not in seen:
                seen[key] = SourceFile(rel, fs_path, spec.channel, spec.format, spec.locale)
    return sorted(seen.values(), key=lambda s: s.path), notes


def from_paths(paths: list[Path], config: Config) -> list[SourceFile]:
    """Files named on the command line (folders read recursively); channel and format from the config when a source matches."""
    files: dict[Path, SourceFile] = {}
    resolver = _Resolver(config)
    for arg in paths:
        if not arg.exists():
            raise ConfigError(f"{arg}: no such file or folder")
        targets = walk(arg) if arg.is_dir() else [arg]
        for fs_path in targets:
            key = resolver.resolve(fs_path)
            rel = resolver.display(fs_path, key)
            if excluded(rel, config.exclude) or fs_path.name in TOOL_FILES:
                continue
            spec = next((s for s in config.sources if glob_regex(s.pattern.rstrip("/")).match(rel)), None)
            channel, fmt, locale = (spec.channel, spec.format, spec.locale) if spec else (None, "auto", "")
            files[key] = SourceFile(rel, fs_path, channel, fmt, locale)
    return sorted(files.values(), key=lambda s: s.path)


def _expand(root: Path, pattern: str) -> list[Path]:
    target = root / pattern
    if not any(ch in pattern for ch in "*?["):
        if target.is_dir():
            return walk(target)
        return [target] if target.is_file() else []
    out = []
    for p in sorted(root.glob(pattern)):
        if any(part in SKIP_DIRS for part in p.relative_to(root).parts):
            continue
        if p.is_file():
            out.append(p)
        elif p.is_dir() and pattern.endswith("/"):
            out.extend(walk(p))
    return out
