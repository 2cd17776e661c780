"""Zip archives read in memory, safely: bot platforms export agents as ``.zip`` files.

A zip is one source file. The adapter whose format it holds (sniffed from the
entry names) reads the entries it knows; each statement is located in its
entry, shown as ``export.zip!/intents/refund.json``.

Limits guard against zip bombs and hostile names: the archive file and the
sum of its uncompressed entries are capped (:data:`MAX_TOTAL_BYTES`), as is
the number of entries (:data:`MAX_ENTRIES`); an archive over a cap is not read
at all. A large entry that expands more than :data:`MAX_RATIO` times is
refused, and so is an entry whose name is absolute or climbs out with ``..``;
refusals are recorded on the document (one finding each) and the other
entries are still read. Nothing is ever written to disk.
"""

from __future__ import annotations

import io
import lzma
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from consistency_check.model import Statement
from consistency_check.sources.base import Document, SourceError, decode_bytes

ARCHIVE_EXTENSIONS = (".zip",)
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 20_000
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024  # smaller entries cannot do harm under the total cap
SEPARATOR = "!/"

_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
#: How a damaged entry fails to inflate: a bad CRC or header, a corrupt deflate, bzip2 or LZMA stream,
#: an unsupported method.
_DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    OSError,
    EOFError,
    RuntimeError,
    ValueError,
    zlib.error,
    lzma.LZMAError,
)
_DRIVE = re.compile(r"^[A-Za-z]:")
_JUNK = re.compile(r"(?:^|/)(?:__MACOSX/|\._|\.DS_Store$|Thumbs\.db$)")


def is_archive(doc: Document) -> bool:
    """True when the document is a zip file (by its first bytes, whatever its name)."""
    if doc.held_bytes is not None:
        return doc.held_bytes[:4] in _MAGIC
    if doc.held_text is not None:
        return False  # already text: an entry of an archive, or a document built in memory
    try:
        with doc.fs_path.open("rb") as handle:
            return handle.read(4) in _MAGIC
    except OSError:
        return False


def entry_names(doc: Document) -> list[str]:
    """Safe file names of a zip document, for sniffing; empty when it is not a readable zip.

    Only the central directory is read (the first :data:`MAX_ENTRIES` names), so
    an archive over a limit is still recognised, and its parse reports the limit.
    """
    if not is_archive(doc):
        return []
    try:
        source = io.BytesIO(doc.held_bytes) if doc.held_bytes is not None else doc.fs_path
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()[:MAX_ENTRIES]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return []
    names = (info.filename.replace("\\", "/") for info in infos if not info.is_dir())
    return [n for n in names if not _unsafe(n) and not _JUNK.search(n)]


@dataclass
class Archive:
    """The readable entries of one zip file, by normalised POSIX name."""

    doc: Document
    zip: zipfile.ZipFile
    entries: dict[str, zipfile.ZipInfo]
    refused: list[SourceError] = field(default_factory=list)
    _texts: dict[str, str] = field(default_factory=dict, repr=False)
    _folders: dict[str, list[str]] | None = field(default=None, repr=False)

    def names(self) -> list[str]:
        """Entry names in archive order (folders and OS junk files excluded)."""
        return list(self.entries)

    def folder(self, path: str) -> list[str]:
        """Sorted names of the files directly in folder ``path`` (``""`` for the top)."""
        if self._folders is None:
            self._folders = {}
            for name in self.entries:
                parent, _, base = name.rpartition("/")
                self._folders.setdefault(parent, []).append(base)
            for names in self._folders.values():
                names.sort()
        return self._folders.get(path.rstrip("/"), [])

    def path_of(self, name: str) -> str:
        """How reports show an entry: ``export.zip!/intents/x.json``."""
        return f"{self.doc.path}{SEPARATOR}{name}"

    def read_text(self, name: str) -> str:
        """The decoded text of an entry; :class:`SourceError` (located at the entry) when it cannot be read."""
        if name in self._texts:
            return self._texts[name]
        info = self.entries[name]
        if info.flag_bits & 0x1:
            raise SourceError("entry is encrypted; not read", path=self.path_of(name))
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise SourceError(
                f"entry expands {info.file_size // max(info.compress_size, 1)} times "
                f"(more than {MAX_RATIO}); refused as a possible zip bomb",
                path=self.path_of(name),
            )
        try:
            data = self.zip.read(info)
        except _DAMAGED as exc:
            raise SourceError(f"entry cannot be read: {exc or type(exc).__name__}", path=self.path_of(name)) from None
        text = decode_bytes(data)
        self._texts[name] = text
        return text

    def document(self, name: str) -> Document:
        """An entry as a document of its own (same channel and locale as the archive)."""
        text = self.read_text(name)
        return Document(self.path_of(name), self.doc.fs_path, self.doc.channel, self.doc.locale, _text=text)


def open_archive(doc: Document) -> Archive:
    """Open a zip document; :class:`SourceError` when it is not a zip or breaks a limit."""
    try:
        size = doc.fs_path.stat().st_size if doc.held_bytes is None else len(doc.held_bytes)
    except OSError:
        size = 0
    if size > MAX_TOTAL_BYTES:
        raise SourceError(f"archive is {size // 2**20} MB, more than the {MAX_TOTAL_BYTES // 2**20} MB limit; not read")
    try:
        archive = zipfile.ZipFile(io.BytesIO(doc.read_bytes()))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise SourceError(f"not a readable zip archive: {exc}") from None
    if len(infos) > MAX_ENTRIES:
        raise SourceError(f"archive has {len(infos)} entries, more than the limit of {MAX_ENTRIES}; not read")
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise SourceError(
            f"archive expands to {total // 2**20} MB, more than the {MAX_TOTAL_BYTES // 2**20} MB limit; not read"
        )
    entries: dict[str, zipfile.ZipInfo] = {}
    refused: list[SourceError] = []
    for info in infos:
        name = info.filename.replace("\\", "/")
        if info.is_dir() or name.endswith("/"):
            continue
        problem = _unsafe(name)
        if problem:
            refused.append(SourceError(f"entry '{info.filename}' refused: {problem}", path=doc.path))
            continue
        name = PurePosixPath(name).as_posix()
        if _JUNK.search(name):
            continue
        entries[name] = info
    return Archive(doc, archive, entries, refused)


def _unsafe(name: str) -> str:
    """Why an entry name is unsafe to use, or ``""``."""
    if "\x00" in name:
        return "the name contains a NUL character"
    if name.startswith("/") or _DRIVE.match(name):
        return "absolute paths are not read"
    if ".." in name.split("/"):
        return "names that climb out of the archive with '..' are not read"
    return ""


Handler = Callable[[Document, str], Iterator[Statement]]


def read_entries(doc: Document, archive: Archive, names: list[str], handle: Handler) -> Iterator[Statement]:
    """Call ``handle(entry_document, name)`` for each name, recording unreadable entries on ``doc``.

    A :class:`SourceError` raised while handling one entry is recorded (located at
    that entry) and the next entry is read; the statements already yielded stay.
    """
    doc.problems.extend(archive.refused)
    for name in names:
        try:
            entry = archive.document(name)
            yield from handle(entry, name)
        except SourceError as exc:
            if exc.path is None:
                exc.path = archive.path_of(name)
            doc.problems.append(exc)
