"""What the chatbot export adapters (Dialogflow ES and CX, Lex V2) share.

An agent export is a tree of JSON files, unpacked in a folder or inside the
``.zip`` the console downloads. In a folder every JSON file is a source file
of its own; an adapter that needs another file of the export (the training
phrases beside an intent, the agent's default language) reads it through an
:class:`ExportFiles` view, which hides whether the tree is on disk or in an
archive. :func:`parse_export` is the common entry point: a zip is opened and
its relevant entries handled one by one, any other document is handled as a
single JSON file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from json import JSONDecodeError
from pathlib import Path, PurePosixPath

from consistency_check.model import Statement
from consistency_check.sources import archive as zips
from consistency_check.sources.base import (
    Document,
    LineIndex,
    SourceError,
    clean_text,
    decode_bytes,
    normalise_placeholders,
    only_placeholders,
    strip_ssml,
)
from consistency_check.sources.jsonpos import JNode, parse_located, pointer_token

MAX_SIBLING_BYTES = 5_000_000
MAX_WALK_FILES = 20_000
_LISTINGS: dict[str, tuple[int, list[str]]] = {}  # folder → (mtime, file names): one listing per folder and run


def load_json(text: str) -> JNode:
    """Parse JSON with positions; :class:`SourceError` with line and column when it is broken."""
    try:
        return parse_located(text)
    except JSONDecodeError as exc:
        raise SourceError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None


def check_json(text: str) -> None:
    """Validate JSON that holds no answers (fast, no positions); :class:`SourceError` when broken."""
    try:
        json.loads(text)
    except JSONDecodeError as exc:
        raise SourceError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise SourceError("invalid JSON: nested too deeply") from None


def string(node: JNode | None) -> str:
    """The value of a string node, else ``""``."""
    return node.value if node is not None and isinstance(node.value, str) else ""


def child(node: JNode | None, *keys: str) -> JNode | None:
    """The node at a path of object keys, or ``None`` when any step is missing or null."""
    for key in keys:
        if node is None:
            return None
        node = node.get(key)
    return node if node is not None and node.value is not None else None


def items(node: JNode | None) -> list[JNode]:
    """The elements of an array node (nothing for anything else)."""
    return node.value if node is not None and isinstance(node.value, list) else []


def pointer(base: str, *parts: str | int) -> str:
    """``base`` extended by JSON Pointer tokens."""
    return base + "".join("/" + pointer_token(p) for p in parts)


def is_true(node: JNode | None) -> bool:
    return node is not None and node.value is True


def answer_text(raw: str, *, ssml: bool = False) -> str:
    """An answer as compared: SSML spoken text, placeholders as one token, cleaned."""
    return clean_text(normalise_placeholders(strip_ssml(raw, force=ssml)))


def is_runtime_answer(text: str) -> bool:
    """True when an answer is only placeholders (``$Knowledge.Answer[1]``): its words come at run time."""
    return only_placeholders(text)


def locale_tag(code: str) -> str:
    """A language code as a BCP 47 tag: ``en_US`` → ``en-US``."""
    return code.replace("_", "-").strip()


class Located:
    """A parsed JSON document and the line of any of its nodes."""

    def __init__(self, doc: Document, root: JNode) -> None:
        self.doc = doc
        self.root = root
        self._lines = LineIndex(doc.read_text())

    def line(self, node: JNode) -> int:
        """1-based line where ``node``'s value starts."""
        return self._lines.line(node.start)


class ExportFiles:
    """Read-only access to the other files of an export, by POSIX path relative to the export root."""

    def list_dir(self, folder: str) -> list[str]:
        """Names of the files directly in ``folder``."""
        raise NotImplementedError

    def walk(self, folder: str) -> list[str]:
        """Paths (relative to the root) of every file below ``folder``."""
        raise NotImplementedError

    def read(self, path: str) -> str | None:
        """The text of a file, or ``None`` when it is missing or unreadable."""
        raise NotImplementedError

    def json(self, path: str) -> JNode | None:
        """A file parsed as JSON, or ``None`` (its own parse reports a broken file)."""
        text = self.read(path)
        if text is None:
            return None
        try:
            return parse_located(text)
        except (JSONDecodeError, RecursionError):
            return None

    def key(self) -> str:
        """What identifies this export for caching."""
        raise NotImplementedError

    def signature(self, paths: list[str]) -> tuple[object, ...]:
        """What changes when any of ``paths`` changes (sizes and times, or CRCs in an archive)."""
        raise NotImplementedError


class FolderFiles(ExportFiles):
    """Files of an export unpacked on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def list_dir(self, folder: str) -> list[str]:
        target = self.root / folder
        try:
            stamp = target.stat().st_mtime_ns
            cached = _LISTINGS.get(str(target))
            if cached is not None and cached[0] == stamp:
                return cached[1]
            with os.scandir(target) as it:
                names = sorted(e.name for e in it if e.is_file())
        except OSError:
            return []
        if len(_LISTINGS) > 256:
            _LISTINGS.clear()
        _LISTINGS[str(target)] = (stamp, names)
        return names

    def walk(self, folder: str) -> list[str]:
        found: list[str] = []
        base = self.root / folder
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames.sort()
            rel = Path(dirpath).relative_to(self.root).as_posix()
            found.extend(f"{rel}/{name}" if rel != "." else name for name in sorted(filenames))
            if len(found) > MAX_WALK_FILES:
                break
        return found

    def read(self, path: str) -> str | None:
        target = self.root / path
        try:
            if target.stat().st_size > MAX_SIBLING_BYTES:
                return None
            return decode_bytes(target.read_bytes())
        except OSError:
            return None

    def key(self) -> str:
        return str(self.root.resolve())

    def signature(self, paths: list[str]) -> tuple[object, ...]:
        out: list[object] = []
        for path in paths:
            try:
                stat = (self.root / path).stat()
            except OSError:
                continue
            out.append((path, stat.st_mtime_ns, stat.st_size))
        return tuple(out)


class ArchiveFiles(ExportFiles):
    """Files of an export inside a zip archive, below ``prefix``."""

    def __init__(self, archive: zips.Archive, prefix: str) -> None:
        self.archive = archive
        self.prefix = prefix

    def _full(self, path: str) -> str:
        return f"{self.prefix}{path}"

    def list_dir(self, folder: str) -> list[str]:
        return self.archive.folder(self._full(folder))

    def walk(self, folder: str) -> list[str]:
        base = self._full(f"{folder}/" if folder else "")
        return [n[len(self.prefix) :] for n in self.archive.entries if n.startswith(base)]

    def read(self, path: str) -> str | None:
        name = self._full(path)
        if name not in self.archive.entries:
            return None
        try:
            return self.archive.read_text(name)
        except SourceError:
            return None  # reported where the entry itself is handled

    def key(self) -> str:
        return f"{self.archive.doc.path}!{self.prefix}"

    def signature(self, paths: list[str]) -> tuple[object, ...]:
        infos = (self.archive.entries.get(self._full(p)) for p in paths)
        return tuple((info.filename, info.CRC, info.file_size) for info in infos if info is not None)


def folder_root(fs_path: Path, rel_dir: str) -> Path:
    """The export root of a file on disk whose folder, relative to the root, is ``rel_dir``."""
    depth = len(PurePosixPath(rel_dir).parts) if rel_dir else 0
    root = fs_path.parent
    for _ in range(depth):
        root = root.parent
    return root


# ``handle(entry_document, located, files, rel_path)`` yields the statements of one JSON file.
FileHandler = Callable[[Document, JNode, ExportFiles, str], Iterator[Statement]]
# ``select(entry_names)`` picks the archive entries an adapter reads: ``(name, export prefix)`` pairs.
Selector = Callable[[list[str]], list[tuple[str, str]]]
# ``answers(text, rel_path)`` says whether a file may hold answers; the others are only validated.
AnswerTest = Callable[[str, str], bool]


def parse_export(
    doc: Document,
    handle: FileHandler,
    select: Selector,
    locate: Callable[[Document], tuple[ExportFiles, str]],
    answers: AnswerTest,
) -> Iterator[Statement]:
    """Statements of a zip export (every selected entry) or of one JSON file of an unpacked export.

    ``locate(doc)`` gives, for a file on disk, the view of its export and its path
    relative to the export root. Files without answers (training phrases,
    entities, settings) are checked to be valid JSON and give nothing.
    """
    if zips.is_archive(doc):
        archive = zips.open_archive(doc)
        chosen = sorted(select(archive.names()))
        prefixes = dict(chosen)

        def one(entry: Document, name: str) -> Iterator[Statement]:
            prefix = prefixes[name]
            yield from _one_file(entry, ArchiveFiles(archive, prefix), name[len(prefix) :], handle, answers)

        yield from zips.read_entries(doc, archive, [name for name, _ in chosen], one)
        return
    files, rel = locate(doc)
    yield from _one_file(doc, files, rel, handle, answers)


def _one_file(
    doc: Document, files: ExportFiles, rel: str, handle: FileHandler, answers: AnswerTest
) -> Iterator[Statement]:
    text = doc.read_text()
    if not answers(text, rel):
        check_json(text)
        return
    yield from handle(doc, load_json(text), files, rel)


def export_prefixes(names: list[str], marker: re.Pattern[str]) -> list[tuple[str, str]]:
    """``(name, prefix)`` for each name matching ``marker``; the prefix is the text before the match."""
    out = []
    for name in names:
        match = marker.search(name)
        if match:
            out.append((name, name[: match.start()]))
    return out


def head_matches(doc: Document, *patterns: re.Pattern[str], size: int = 65536) -> bool:
    """True when the document's text starts like JSON and every pattern occurs in its first ``size`` characters."""
    try:
        text = doc.read_text()
    except OSError:
        return False
    if text.lstrip("\ufeff \t\r\n")[:1] not in ("{", "["):
        return False
    head = text[:size]
    return all(p.search(head) for p in patterns)
