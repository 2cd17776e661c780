"""The syntax of Bot Framework ``.lg`` files: templates, their ``-`` lines, multi-line blocks and structures.

Read by :mod:`consistency_check.sources.lg` (the answers a bot sends) and by
:mod:`consistency_check.sources.composer_project` (which template answers which question).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from consistency_check.sources.base import SourceError

_IMPORT = re.compile(r"^\[[^\]]*\]\([^)]*\)\s*$")


@dataclass
class Line:
    """One ``-`` line of a template body (a variation or a branch keyword), or one multi-line block."""

    line: int
    end_line: int
    indent: int
    content: str
    multiline: bool = False


@dataclass
class Struct:
    """A structured template body: ``[Type`` … ``]`` with ``key = value`` properties."""

    line: int
    end_line: int
    props: list[tuple[int, str, str]] = field(default_factory=list)


@dataclass
class Template:
    """One ``# name`` and its body in file order; ``source`` is the raw body text."""

    name: str
    line: int
    body: list[Line | Struct] = field(default_factory=list)
    source: str = ""


def scan_templates(text: str) -> tuple[list[Template], SourceError | None]:
    """The templates of an LG text up to the first text outside a template or unclosed block, and that error."""
    templates: list[Template] = []
    try:
        _scan(text.split("\n"), templates)
    except SourceError as exc:
        return templates, exc
    return templates, None


def _scan(lines: list[str], templates: list[Template]) -> None:
    current: Template | None = None
    i = 0
    while i < len(lines):
        number, raw = i + 1, lines[i].lstrip("\ufeff")
        stripped, indent = raw.strip(), len(raw) - len(raw.lstrip())
        i += 1
        if not stripped or stripped.startswith(">") or _IMPORT.match(stripped):
            continue
        if stripped.startswith("#"):
            current = _header(stripped, number)
            templates.append(current)
            continue
        if current is None:
            raise SourceError(f"text before the first template: '{_short(stripped)}'", number, indent + 1)
        start = i - 1
        if stripped.startswith("-"):
            content = stripped[1:].strip()
            if content.startswith("```"):
                item, i = _multiline(lines, i - 1, indent, content[3:])
                current.body.append(item)
            else:
                current.body.append(Line(number, number, indent, content))
        elif stripped.startswith("["):
            struct, i = _struct(lines, i - 1)
            current.body.append(struct)
        else:
            raise SourceError(f"a template line must start with '-': '{_short(stripped)}'", number, indent + 1)
        current.source += "\n".join(lines[start:i]) + "\n"


def _header(stripped: str, number: int) -> Template:
    name = stripped.lstrip("#").strip().split("(")[0].strip()
    if not name:
        raise SourceError("a template header has no name", number, 1)
    return Template(name, number)


def _multiline(lines: list[str], start: int, indent: int, rest: str) -> tuple[Line, int]:
    """A ```` ``` ```` block opened on line ``start`` (0-based); returns it and the index after it."""
    if "```" in rest:
        return Line(start + 1, start + 1, indent, rest[: rest.index("```")], True), start + 1
    body = [rest] if rest.strip() else []
    first = start + 1 if rest.strip() else start + 2
    j = start + 1
    while j < len(lines) and "```" not in lines[j]:
        body.append(lines[j])
        j += 1
    if j == len(lines):
        raise SourceError("this multi-line text is never closed with ```", start + 1, indent + 1)
    before = lines[j][: lines[j].index("```")]
    if before.strip():
        body.append(before)
    last = j + 1 if before.strip() else j
    return Line(first, max(first, last), indent, "\n".join(body), True), j + 1


def _struct(lines: list[str], start: int) -> tuple[Struct, int]:
    """A structured body opened by ``[Type`` on line ``start`` (0-based); returns it and the index after it."""
    struct = Struct(start + 1, start + 1)
    depth, j = 1, start + 1
    if lines[start].strip().endswith("]"):
        return struct, j
    while j < len(lines) and depth:
        stripped = lines[j].strip()
        if stripped.startswith("["):
            depth += 0 if stripped.endswith("]") else 1
        elif stripped == "]":
            depth -= 1
        elif "=" in stripped:
            key, value = stripped.split("=", 1)
            struct.props.append((j + 1, key.strip(), value.strip()))
        j += 1
    if depth:
        raise SourceError("this structured template is never closed with ]", start + 1, 1)
    struct.end_line = j
    return struct, j


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
