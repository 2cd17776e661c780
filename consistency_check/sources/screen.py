"""Checks made before any adapter sees a file: what it is, how big, and whether it is text.

A folder, a pipe, a file over the size limit, an empty file or binary content
under a text extension is reported here, located, instead of reaching an
adapter that would hang, exhaust memory or read garbage. For a file no format
recognises, :func:`syntax_error` tells a broken JSON, YAML or XML file (a
parse error at its line) from one that is merely not a known format.
"""

from __future__ import annotations

import os
import stat
from json import JSONDecodeError
from pathlib import Path, PurePosixPath

import yaml

from consistency_check.sources.base import Document, SourceError, line_of_offset

BINARY_FORMATS = frozenset({"docx"})
"""Formats read as bytes, which may hold NUL bytes and are never empty text."""
ZIP_MAGIC = b"PK\x03\x04"
"""How a ZIP file (a Word package, a bot export archive) starts: binary, never screened as text."""

_MIB = 1024 * 1024


def screen_file(path: Path, max_mb: int) -> None:
    """Raise :class:`SourceError` unless ``path`` is a regular, non-empty file of at most ``max_mb`` MiB."""
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise SourceError("a folder where a file was expected")
    if not stat.S_ISREG(info.st_mode):
        raise SourceError("not a regular file (a pipe, socket or device); not read")
    if info.st_size > max_mb * _MIB:
        raise SourceError(
            f"the file is {info.st_size / _MIB:,.1f} MiB, over the limit of {max_mb} MiB; not read "
            "(raise max_file_mb in consistency-check.yaml to read it)"
        )
    if info.st_size == 0:
        raise SourceError("the file is empty", 1)


def screen_text(text: str) -> None:
    """Raise :class:`SourceError` for decoded text that is blank or holds a NUL byte (binary or damaged content)."""
    if not text.strip():
        raise SourceError("the file is empty (only white space)", 1)
    nul = text.find("\x00")
    if nul >= 0:
        line = line_of_offset(text, nul)
        column = nul - text.rfind("\n", 0, nul)
        raise SourceError("binary content: a NUL byte in a text file (damaged or not text); not read", line, column)


def syntax_error(doc: Document) -> SourceError | None:
    """The located syntax error of an unrecognised ``.json``, ``.yml``/``.yaml`` or ``.xml`` file, if it has one."""
    suffix = PurePosixPath(doc.path).suffix.lower()
    text = doc.read_text()
    if suffix == ".json":
        from consistency_check.sources.jsonpos import parse_located

        try:
            parse_located(text)
        except JSONDecodeError as exc:
            return SourceError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno)
    elif suffix in (".yml", ".yaml"):
        from consistency_check.yamlfile import compose_bounded

        try:
            compose_bounded(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or exc.context or "invalid YAML"
            return SourceError(
                f"invalid YAML: {problem}", mark.line + 1 if mark else None, mark.column + 1 if mark else None
            )
        except yaml.YAMLError as exc:
            return SourceError(f"invalid YAML: {exc}")
    elif suffix == ".xml":
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        try:
            etree.fromstring(text.encode("utf-8"), parser)
        except etree.XMLSyntaxError as exc:
            return SourceError(f"invalid XML: {exc.msg}", exc.lineno or None, exc.offset or None)
        except ValueError as exc:
            return SourceError(f"invalid XML: {exc}")
    return None
