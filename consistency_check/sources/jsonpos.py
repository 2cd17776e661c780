"""A small JSON parser that remembers where every value starts.

``json.loads`` gives values but no positions; adapters need the line of a
value (a Zendesk ``body``, a JSON-LD ``name``). :func:`parse_located` returns a
tree of :class:`JNode` whose ``start`` is the character offset of the value.
Strings are decoded by the C ``scanstring`` of the standard library, so long
HTML bodies cost little. Errors are :class:`json.JSONDecodeError`, which
carries ``lineno`` and ``colno``.

With ``lenient=True`` the parser also accepts what hand-written JSON-LD often
contains: raw control characters in strings, trailing commas and a trailing
semicolon. :func:`mask_js_comments` blanks out ``//`` and ``/* */`` comments
without moving any offset.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from json import JSONDecodeError
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # json.decoder.scanstring is _json's C function (the pure-Python one where _json is missing); the stubs
    # declare it only in _json.
    from _json import scanstring
else:
    from json.decoder import scanstring

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_LITERALS = {"true": True, "false": False, "null": None}


def _skip(text: str, i: int) -> int:
    """Offset of the first non-whitespace character at or after ``i``."""
    match = _WS.match(text, i)
    return match.end() if match else i


class JNode:
    """A JSON value and the offset where it starts.

    ``value`` is a ``dict[str, JNode]`` for objects, a ``list[JNode]`` for
    arrays and a plain ``str``/``int``/``float``/``bool``/``None`` otherwise.
    """

    __slots__ = ("start", "value")

    def __init__(self, value: Any, start: int) -> None:
        self.value = value
        self.start = start

    def get(self, key: str) -> JNode | None:
        """The member ``key`` of an object node, else ``None``."""
        return self.value.get(key) if isinstance(self.value, dict) else None

    def items(self) -> list[JNode]:
        """The elements of an array node, the node itself for an object, else nothing."""
        if isinstance(self.value, list):
            return self.value
        return [self] if isinstance(self.value, dict) else []

    def plain(self) -> Any:
        """The value as ordinary Python data (what ``json.loads`` would give)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


# Where values start, in document order: a string that is not followed by ":" (a key),
# a number, a literal, "{" or "[". Commas, colons and closing brackets are skipped.
_VALUE_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"(\s*:)?|[-0-9][-+.0-9eE]*|true|false|null|[\[{]')


def parse_located(text: str, *, lenient: bool = False) -> JNode:
    """Parse ``text`` as one JSON value; raise :class:`json.JSONDecodeError` on bad input."""
    if not lenient:
        fast = _parse_fast(text)
        if fast is not None:
            return fast
    return _parse_slow(text, lenient)


def _parse_fast(text: str) -> JNode | None:
    """The C decoder for the values, one regex pass for where they start; ``None`` when it cannot tell.

    Valid JSON without repeated keys gives its values and their value tokens
    in the same (document) order. Anything else (invalid JSON, ``NaN``, a
    repeated key, whose earlier value the decoder drops) goes to the
    hand-written parser, which raises the located error or keeps the last value.
    """
    try:
        data = json.loads(text, parse_constant=_reject)
    except (ValueError, RecursionError):
        return None
    starts = [m.start() for m in _VALUE_TOKEN.finditer(text) if m.group(1) is None]
    position = iter(starts)
    try:
        root = _located(data, position)
    except (StopIteration, RecursionError):
        return None
    if next(position, None) is not None:
        return None
    return root


def _reject(name: str) -> Any:
    raise ValueError(name)


def _located(value: Any, position: Iterator[int]) -> JNode:
    start = next(position)
    if isinstance(value, dict):
        return JNode({key: _located(item, position) for key, item in value.items()}, start)
    if isinstance(value, list):
        return JNode([_located(item, position) for item in value], start)
    return JNode(value, start)


def _parse_slow(text: str, lenient: bool) -> JNode:
    parser = _Parser(text, lenient)
    try:
        node, end = parser.value(_skip(text, 0))
    except RecursionError:
        raise JSONDecodeError("JSON nested too deeply", text, 0) from None
    end = _skip(text, end)
    if lenient and text.startswith(";", end):
        end = _skip(text, end + 1)
    if end != len(text):
        raise JSONDecodeError("Extra data", text, end)
    return node


class _Parser:
    """Recursive descent over one string; every method returns ``(node, end offset)``."""

    def __init__(self, text: str, lenient: bool) -> None:
        self.s = text
        self.strict = not lenient
        self.lenient = lenient

    def value(self, i: int) -> tuple[JNode, int]:
        """The value starting at ``i``."""
        s = self.s
        c = s[i : i + 1]
        if c == '"':
            try:
                text, end = scanstring(s, i + 1, self.strict)
            except JSONDecodeError as exc:
                raise JSONDecodeError(exc.msg, s, exc.pos) from None
            return JNode(text, i), end
        if c == "{":
            return self.obj(i)
        if c == "[":
            return self.arr(i)
        match = _NUMBER.match(s, i)
        if match:
            frac, exp = match.group(1), match.group(2)
            num: int | float = float(match.group()) if frac or exp else int(match.group())
            return JNode(num, i), match.end()
        for word, val in _LITERALS.items():
            if s.startswith(word, i):
                return JNode(val, i), i + len(word)
        raise JSONDecodeError("Expecting value", s, i)

    def obj(self, start: int) -> tuple[JNode, int]:
        """The object whose ``{`` is at ``start``."""
        s = self.s
        members: dict[str, JNode] = {}
        i = _skip(s, start + 1)
        if s.startswith("}", i):
            return JNode(members, start), i + 1
        while True:
            if not s.startswith('"', i):
                raise JSONDecodeError("Expecting property name enclosed in double quotes", s, i)
            key, i = scanstring(s, i + 1, self.strict)
            i = _skip(s, i)
            if not s.startswith(":", i):
                raise JSONDecodeError("Expecting ':' delimiter", s, i)
            i = _skip(s, i + 1)
            members[key], i = self.value(i)
            i = _skip(s, i)
            if s.startswith("}", i):
                return JNode(members, start), i + 1
            if not s.startswith(",", i):
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i = _skip(s, i + 1)
            if self.lenient and s.startswith("}", i):
                return JNode(members, start), i + 1

    def arr(self, start: int) -> tuple[JNode, int]:
        """The array whose ``[`` is at ``start``."""
        s = self.s
        items: list[JNode] = []
        i = _skip(s, start + 1)
        if s.startswith("]", i):
            return JNode(items, start), i + 1
        while True:
            node, i = self.value(i)
            items.append(node)
            i = _skip(s, i)
            if s.startswith("]", i):
                return JNode(items, start), i + 1
            if not s.startswith(",", i):
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i = _skip(s, i + 1)
            if self.lenient and s.startswith("]", i):
                return JNode(items, start), i + 1


_JS_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|//[^\n]*|/\*.*?\*/', re.S)


def mask_js_comments(text: str) -> str:
    """Replace ``//`` and ``/* */`` comments outside strings by spaces, keeping newlines and offsets."""
    if "/" not in text:
        return text

    def blank(match: re.Match[str]) -> str:
        token = match.group()
        if token.startswith('"'):
            return token
        return re.sub(r"[^\n]", " ", token)

    return _JS_TOKENS.sub(blank, text)


def pointer_token(key: str | int) -> str:
    """Escape one JSON Pointer reference token (``~`` → ``~0``, ``/`` → ``~1``)."""
    return str(key).replace("~", "~0").replace("/", "~1")


def load_source(text: str) -> JNode:
    """Parse a source file's JSON; bad JSON raises :class:`SourceError` at its line and column."""
    from consistency_check.sources.base import SourceError

    try:
        return parse_located(text)
    except JSONDecodeError as exc:
        raise SourceError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
