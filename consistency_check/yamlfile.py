"""Located YAML: load a user-written YAML file and validate it against a shipped schema.

Values come from ``yaml.compose`` (libyaml when present), so every key path
can be mapped back to the line it was written on. Validation errors name the
file, the line, the key path and what was expected.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

MAX_YAML_NODES = 200_000
"""Most values one YAML file may expand to (aliases counted each time they are used)."""
MAX_YAML_DEPTH = 200
"""Deepest nesting of mappings and sequences read; libyaml's composer recurses in C and would crash on more."""


class YamlLimitError(yaml.MarkedYAMLError):
    """A YAML document nested deeper than :data:`MAX_YAML_DEPTH`, located at the collection that goes too deep."""


_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def check_depth(text: str, loader: type | None = None, max_depth: int = MAX_YAML_DEPTH) -> None:
    """Raise :class:`YamlLimitError` when ``text`` nests collections deeper than ``max_depth``.

    The check walks the parser's events, which libyaml produces without
    recursion, so a document of 100,000 nested ``[`` costs time linear in its
    size instead of overflowing the C stack when composed.
    """
    if sum(text.count(ch) for ch in "[{:-?") < max_depth:
        return  # each level needs one of these indicators: too few to nest that deep
    depth = 0
    for event in yaml.parse(text, Loader=loader or _Loader):
        if isinstance(event, _OPEN):
            depth += 1
            if depth > max_depth:
                raise YamlLimitError(
                    problem=f"nested deeper than {max_depth} levels",
                    # libyaml's events carry its own Mark class (yaml._yaml.Mark), with the same name, line and
                    # column as yaml.Mark; the stubs type MarkedYAMLError's marks as yaml.Mark only.
                    problem_mark=event.start_mark,  # type: ignore[arg-type]
                )
        elif isinstance(event, _CLOSE):
            depth -= 1


def compose_bounded(text: str, loader: type | None = None) -> yaml.Node | None:
    """``yaml.compose`` after :func:`check_depth`; raises :class:`yaml.YAMLError` (marked when located)."""
    check_depth(text, loader)
    return yaml.compose(text, Loader=loader or _Loader)


def load_bounded(text: str, loader: type | None = None) -> Any:
    """``yaml.load`` (safe loader) after :func:`check_depth`."""
    check_depth(text, loader)
    return yaml.load(text, Loader=loader or _Loader)


class YamlFileError(Exception):
    """A user YAML file that is unreadable, malformed or does not match its schema."""

    def __init__(self, path: str, line: int | None, message: str, key_path: str = "") -> None:
        self.path = path
        self.line = line
        self.key_path = key_path
        self.message = message
        where = f"{path}:{line}" if line else path
        key = f" at '{key_path}'" if key_path else ""
        super().__init__(f"{where}{key}: {message}")


@dataclass(frozen=True)
class Located:
    """A loaded YAML document with a line for every key path."""

    path: str
    data: Any
    lines: dict[tuple[str | int, ...], int]

    def line_of(self, key_path: Sequence[str | int]) -> int | None:
        """Line of the deepest known prefix of ``key_path``."""
        key = tuple(key_path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)


def _construct(
    node: yaml.Node, key: tuple[str | int, ...], lines: dict[tuple[str | int, ...], int], budget: list[int], loader: Any
) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlFileError("", node.start_mark.line + 1, "too many YAML nodes (alias bomb?)")
    lines.setdefault(key, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for k_node, v_node in node.value:
            k = _scalar(k_node, loader) if isinstance(k_node, yaml.ScalarNode) else str(k_node.start_mark)
            child = key + (str(k),)
            lines[child] = k_node.start_mark.line + 1
            out[k] = _construct(v_node, child, lines, budget, loader)
            lines[child] = k_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, key + (i,), lines, budget, loader) for i, item in enumerate(node.value)]
    return _scalar(node, loader)


def _scalar(node: yaml.Node, loader: Any) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError):
        # A scalar that looks like a date or number but is not one (2025-02-30): keep its text.
        return node.value


def load_located(path: Path, display: str | None = None) -> Located:
    """Parse a YAML file into plain values plus a key-path → line map."""
    shown = display or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise YamlFileError(shown, None, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlFileError(shown, None, f"cannot read file: {exc}") from None
    return parse_located(text, shown)


def parse_located(text: str, shown: str) -> Located:
    """Parse YAML text (a file's, or a front-matter block padded to its lines) into a :class:`Located`."""
    try:
        node = compose_bounded(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlFileError(shown, line, f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlFileError(shown, None, f"invalid YAML: {exc}") from None
    lines: dict[tuple[str | int, ...], int] = {}
    if node is None:
        return Located(shown, None, {(): 1})
    try:
        loader = _Loader("")
        try:
            data = _construct(node, (), lines, [MAX_YAML_NODES], loader)
        finally:
            loader.dispose()
    except YamlFileError as exc:
        raise YamlFileError(shown, exc.line, exc.message) from None
    except yaml.YAMLError as exc:
        raise YamlFileError(shown, None, f"invalid YAML: {exc}") from None
    return Located(shown, data, lines)


def iso_dates(doc: Located) -> Located:
    """The same document with YAML dates (``2025-04-01`` unquoted) as ISO strings, as schemas expect."""

    def plain(value: Any) -> Any:
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return Located(doc.path, plain(doc.data), doc.lines)


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``consistency_check/schemas``."""
    text = resources.files("consistency_check").joinpath("schemas", name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate(doc: Located, schema_name: str) -> None:
    """Raise :class:`YamlFileError` for the first schema violation, located."""
    import jsonschema

    schema = load_schema(schema_name)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(doc.data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if not errors:
        return
    err = _most_specific(errors[0])
    key_path = list(err.absolute_path)
    message = _explain(err)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in allowed]
        if extra:
            key_path = key_path + [str(extra[0])]
            known = ", ".join(sorted(allowed))
            message = f"unknown key '{extra[0]}' (expected one of: {known})"
    shown = ".".join(str(k) if isinstance(k, str) else f"[{k}]" for k in key_path).replace(".[", "[")
    raise YamlFileError(doc.path, doc.line_of(key_path), message, shown)


def _most_specific(err: Any) -> Any:
    if err.context:
        return sorted(err.context, key=lambda e: -len(e.absolute_path))[0]
    return err


def _explain(err: Any) -> str:
    v = err.validator
    if v == "type":
        want = err.validator_value
        want = " or ".join(want) if isinstance(want, list) else want
        return f"expected {want}, got {type(err.instance).__name__} {err.instance!r}"
    if v == "enum":
        opts = ", ".join(map(str, err.validator_value))
        return f"expected one of: {opts}; got {err.instance!r}"
    if v == "required":
        return str(err.message).replace("is a required property", "is required")
    return str(err.message)
