"""A cache of parsed files (statements with their facts), so unchanged files are not read again.

One JSON file per source under ``<cache dir>/parsed/``, named by the source's
identity (project root, path, configured format, channel and locale). It
records everything the parse depended on: the file's SHA-256, the tool version
and a digest of the package's own code (so an edited adapter never serves a
stale result), the config's locale and region, and the files an adapter read
besides the source (a Rasa project's training data). An entry is used only
when all of these match, and only when it is a plain file (never a link, pipe
or device: it is not even opened) whose first line, the SHA-256 of the rest,
matches: an entry damaged or edited by hand is discarded with a note, never
trusted. JSON rather than pickle: loading a cache file can never run code.
A source that is not a plain file or is over the size limit is not hashed or
cached at all (the read reports it).

Entries are written atomically (temporary file + rename), so concurrent runs
see either the old or the new entry, never half of one. Temporary files live in
``parsed/tmp/``, locked while written: those left by a killed run are removed
by the next run and by :func:`clear`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from consistency_check import __version__
from consistency_check.fileio import SAFE_READ, NotPlainFile, read_regular, remove_stale_temps, write_atomic
from consistency_check.model import Fact, Finding, Location, Severity, Side, Statement
from consistency_check.suppress import Directive

if TYPE_CHECKING:
    from consistency_check.config import Config
    from consistency_check.discovery import SourceFile
    from consistency_check.reading import ParseOutcome

KIND = "consistency-check-cache"
CACHE_VERSION = 2
ENV_VAR = "CONSISTENCY_CHECK_CACHE_DIR"
ENTRIES = "parsed"
#: Where entries are written before they are renamed into place (inside ``parsed/``: the same file system).
TEMP = "tmp"
_MIB = 1024 * 1024
#: How entries of version 1 (plain JSON, no digest) start.
_EARLIER = b'{"kind":"consistency-check-cache","version":1,'
_ENTRY_NAME = re.compile(r"^[0-9a-f]{64}\.json$")
_TEMP_NAME = re.compile(r"^\.([0-9a-f]{64}\.json|CACHEDIR\.TAG)\..*\.tmp$")
TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# consistency-check parse cache; see 'consistency-check cache clear'.\n"
)


def default_dir() -> Path:
    """``$CONSISTENCY_CHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/consistency-check``, else
    ``~/.cache/consistency-check``."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else "")
    return Path(base or Path.home() / ".cache") / "consistency-check"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 of the package's Python files and language tables: a changed adapter, extractor or table
    invalidates every entry."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted([*package.rglob("*.py"), *package.glob("facts/languages/*.yaml")]):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


#: The corpus index of the changed-file path (:mod:`consistency_check.incremental`), kept in the cache folder.
INDEX = "corpus-index.sqlite3"
#: The SHA-256 of the index, written beside it: an index damaged or edited is not used.
INDEX_DIGEST = INDEX + ".sha256"
#: Temporary files of the index and its digest (those of a killed run are removed by the next one).
INDEX_TEMP = re.compile(r"^\.corpus-index\.sqlite3\..*\.tmp$")


def clear(folder: Path) -> int:
    """Delete the cache entries in ``folder`` (only files this tool wrote); return how many.

    The corpus index of the pre-commit path (see :mod:`consistency_check.incremental`) goes too, and
    the temporary files of killed runs (those of a run still writing are left to it).
    """
    for name in (INDEX, INDEX_DIGEST):
        with contextlib.suppress(OSError):
            (folder / name).unlink(missing_ok=True)
    removed = remove_stale_temps(folder, INDEX_TEMP, grace=0.0)  # those of a run still writing are kept
    entries = folder / ENTRIES
    if not entries.is_dir():
        return removed
    removed += remove_stale_temps(entries / TEMP, _TEMP_NAME, grace=0.0)
    for sub in sorted(entries.iterdir()):
        if not sub.is_dir() or sub.is_symlink() or not re.fullmatch(r"[0-9a-f]{2}|tmp", sub.name):
            continue
        for file in sub.iterdir():
            if (_ENTRY_NAME.match(file.name) or _TEMP_NAME.match(file.name)) and sub.name != TEMP:
                file.unlink(missing_ok=True)  # (temporary files beside entries: written by earlier versions)
                removed += 1
        with contextlib.suppress(OSError):  # something else lives there: leave it
            sub.rmdir()
    return removed


class ParseCache:
    """Load and store :class:`~consistency_check.reading.ParseOutcome` records for source files."""

    def __init__(self, folder: Path) -> None:
        """Use ``folder`` (created on first write)."""
        self.folder = folder
        self.notes: list[str] = []
        self.hits = 0
        self.misses = 0
        self._writable = True
        self._tagged = False
        self._tidied = False
        self._digests: dict[Path, str] = {}
        self._sizes: dict[Path, int | None] = {}

    # -- keys ---------------------------------------------------------------

    def _entry_path(self, src: SourceFile, config: Config) -> Path:
        identity = json.dumps([str(config.root.resolve()), src.path, src.format, src.channel, src.locale])
        name = hashlib.sha256(identity.encode()).hexdigest()
        return self.folder / ENTRIES / name[:2] / f"{name}.json"

    def _key(self, src: SourceFile, config: Config, content: str) -> dict[str, Any]:
        return {
            "tool": __version__,
            "code": code_digest(),
            "content": content,
            "path": src.path,
            "source": [src.format, src.channel, src.locale],
            "config": [config.locale, config.region],
        }

    def _digest(self, path: Path) -> str:
        key = path.resolve()
        if key not in self._digests:
            self._digests[key] = file_sha256(key)
        return self._digests[key]

    def source_digest(self, src: SourceFile) -> str:
        """The SHA-256 of a source this run looked at; ``""`` for one not a plain file or over the limit (not read)."""
        return "" if self._sizes.get(src.fs_path, 0) is None else self._digest(src.fs_path)

    def _size(self, src: SourceFile, config: Config) -> int | None:
        """The source's size when it may be cached: a plain file within the size limit (else ``None``)."""
        if src.fs_path in self._sizes:
            return self._sizes[src.fs_path]
        try:
            info = os.stat(src.fs_path)
        except OSError:
            size = None
        else:
            plain = stat.S_ISREG(info.st_mode) and info.st_size <= config.max_file_mb * _MIB
            size = info.st_size if plain else None
        self._sizes[src.fs_path] = size
        return size

    @property
    def writable(self) -> bool:
        """Whether entries can be written here (false once writing failed: the run goes on without)."""
        return self._writable

    def dependencies(self, src: SourceFile, fmt: str | None) -> list[list[str]] | None:
        """Files besides the source that the adapter reads, with their digests; None when it reads none."""
        from consistency_check.sources import REGISTRY
        from consistency_check.sources.base import Document

        adapter = REGISTRY.get(fmt or "")
        depends = getattr(adapter, "dependencies", None)
        if depends is None:
            return None
        paths = depends(Document(src.path, src.fs_path, src.channel or "", src.locale))
        return [[p.as_posix(), self._digest(p)] for p in sorted(paths)]

    # -- load / store -------------------------------------------------------

    def tidy(self) -> None:
        """Remove the temporary files runs that were killed left here (once per run; those being written stay)."""
        if self._tidied:
            return
        self._tidied = True
        remove_stale_temps(self.folder, INDEX_TEMP)
        remove_stale_temps(self.folder / ENTRIES / TEMP, _TEMP_NAME)

    def load(self, src: SourceFile, config: Config) -> ParseOutcome | None:
        """The cached outcome for ``src``, or None (a miss: absent, stale or discarded)."""
        self.tidy()
        size = self._size(src, config)
        if size is None:
            return None  # not a plain file, or over the limit: read_source reports it, unhashed
        entry_path = self._entry_path(src, config)
        try:
            data = read_regular(entry_path, 16 * size + 16 * _MIB)
        except FileNotFoundError:
            self.misses += 1
            return None
        except NotPlainFile as exc:
            self._discard(src, entry_path, str(exc))
            return None
        except OSError as exc:
            self._discard(src, entry_path, f"unreadable ({exc.strerror or exc})")
            return None
        digest, _, payload = data.partition(b"\n")
        if digest.startswith(_EARLIER):
            self.misses += 1  # written by an earlier version: replaced when stored
            return None
        if hashlib.sha256(payload).hexdigest().encode() != digest:
            self._discard(src, entry_path, "damaged or edited (its digest does not match)")
            return None
        try:
            entry = json.loads(payload)
            if not isinstance(entry, dict) or entry.get("kind") != KIND or entry.get("version") != CACHE_VERSION:
                self._discard(src, entry_path, "not an entry of this version")
                return None
            if entry["key"] != self._key(src, config, self._digest(src.fs_path)):
                self.misses += 1
                return None
            # Formats whose adapter reads no other file store None: no need to load the adapters to know.
            if entry["dependencies"] is not None and entry["dependencies"] != self.dependencies(
                src, entry.get("format")
            ):
                self.misses += 1
                return None
            outcome = _decode_outcome(entry["outcome"], entry.get("format"))
        except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
            self._discard(src, entry_path, "unreadable")
            return None
        self.hits += 1
        return outcome

    def store(self, src: SourceFile, config: Config, outcome: ParseOutcome) -> None:
        """Record ``outcome`` for ``src``; a cache that cannot be written is disabled with a note."""
        if not self._writable or self._size(src, config) is None:
            return
        entry = {
            "kind": KIND,
            "version": CACHE_VERSION,
            "key": self._key(src, config, self._digest(src.fs_path)),
            "format": outcome.format,
            "dependencies": self.dependencies(src, outcome.format),
            "outcome": _encode_outcome(outcome),
        }
        try:
            payload = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (in a name or pointer): escaped, read back the same
            payload = json.dumps(entry, separators=(",", ":")).encode("ascii")
        temp = self.folder / ENTRIES / TEMP
        try:
            if not self._tagged:
                self._tagged = True
                tag = self.folder / "CACHEDIR.TAG"
                if not tag.exists():
                    write_atomic(tag, TAG, durable=False, temp_dir=temp)
            data = hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
            write_atomic(self._entry_path(src, config), data, durable=False, temp_dir=temp)
        except OSError as exc:
            self._writable = False
            self.notes.append(f"cache disabled: cannot write to {self.folder}: {exc.strerror or exc}")

    def _discard(self, src: SourceFile, entry_path: Path, why: str) -> None:
        """Count a miss, say why the entry was not used, and remove it (a link itself, not what it points to)."""
        self.misses += 1
        self.notes.append(f"{src.path}: cache entry was {why} and was discarded ({entry_path})")
        with contextlib.suppress(OSError):
            entry_path.unlink(missing_ok=True)


def file_sha256(path: Path) -> str:
    """SHA-256 of a plain file, read in chunks; ``""`` for anything else (a pipe or device is never read)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return ""  # never opened
        fd = os.open(path, SAFE_READ & ~getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return ""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return ""
        with os.fdopen(os.dup(fd), "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- JSON codec


def _loc(loc: Location) -> list[Any]:
    return [loc.path, loc.line, loc.end_line, loc.column, loc.pointer]


def _unloc(data: list[Any]) -> Location:
    path, line, end_line, column, pointer = data
    return Location(str(path), _int(line), _int(end_line), _int(column), None if pointer is None else str(pointer))


def _int(value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("not an int")
    return value


def _fact(f: Fact) -> list[Any]:
    return [f.kind, f.value, f.text, list(f.span), f.unit, f.role, [list(p) for p in f.parts]]


def _unfact(data: list[Any]) -> Fact:
    kind, value, text, span, unit, role, parts = data
    return Fact(kind, value, text, (span[0], span[1]), unit, role, tuple((a, b) for a, b in parts))


def statement_json(s: Statement) -> dict[str, Any]:
    return {
        "channel": s.channel,
        "format": s.format,
        "question": s.question,
        "text": s.text,
        "location": _loc(s.location),
        "locale": s.locale,
        "alternatives": list(s.alternatives),
        "facts": [_fact(f) for f in s.facts],
        "origin": s.origin,
        "condition": s.condition,
        "dynamic": s.dynamic,
        "translation": s.translation,
    }


def statement_from_json(d: dict[str, Any]) -> Statement:
    return Statement(
        channel=d["channel"],
        format=d["format"],
        question=d["question"],
        text=d["text"],
        location=_unloc(d["location"]),
        locale=d["locale"],
        alternatives=tuple(d["alternatives"]),
        facts=tuple(_unfact(f) for f in d["facts"]),
        origin=d["origin"],
        condition=d["condition"],
        dynamic=bool(d["dynamic"]),
        translation=d.get("translation", ""),
    )


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.value,
        "message": f.message,
        "subject": f.subject,
        "sides": [[_loc(s.location), s.channel, s.quote, s.value] for s in f.sides],
        "confidence": f.confidence,
        "expected": f.expected,
        "extra": [list(p) for p in f.extra],
    }


def _unfinding(d: dict[str, Any]) -> Finding:
    return Finding(
        code=d["code"],
        name=d["name"],
        severity=Severity(d["severity"]),
        message=d["message"],
        subject=d["subject"],
        sides=tuple(Side(_unloc(loc), channel, quote, value) for loc, channel, quote, value in d["sides"]),
        confidence=float(d["confidence"]),
        expected=d["expected"],
        extra=tuple((a, b) for a, b in d["extra"]),
    )


def directive_json(d: Directive) -> dict[str, Any]:
    return {
        "kind": d.kind,
        "codes": list(d.codes),
        "reason": d.reason,
        "location": _loc(d.location),
        "path": d.path,
        "first": d.first,
        "last": d.last,
        "text": d.text,
    }


def directive_from_json(d: dict[str, Any]) -> Directive:
    return Directive(
        d["kind"],
        tuple(d["codes"]),
        d["reason"],
        _unloc(d["location"]),
        path=d["path"],
        first=int(d["first"]),
        last=int(d["last"]),
        text=d["text"],
    )


def _encode_outcome(outcome: ParseOutcome) -> dict[str, Any]:
    return {
        "statements": [statement_json(s) for s in outcome.statements],
        "findings": [_finding(f) for f in outcome.findings],
        "notes": list(outcome.notes),
        "directives": [directive_json(d) for d in outcome.directives],
    }


def _decode_outcome(data: dict[str, Any], fmt: str | None) -> ParseOutcome:
    from consistency_check.reading import ParseOutcome

    return ParseOutcome(
        statements=[statement_from_json(s) for s in data["statements"]],
        findings=[_unfinding(f) for f in data["findings"]],
        notes=[str(n) for n in data["notes"]],
        directives=[directive_from_json(d) for d in data["directives"]],
        format=fmt,
    )
