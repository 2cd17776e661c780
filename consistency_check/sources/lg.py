"""Bot Framework ``.lg`` files (Language Generation): the answers a Composer bot sends.

Every ``# template`` holds the bot's words:

* ``- variation`` lines (one is picked at random), each a statement at its
  line; ``${expression}`` placeholders become one token (``⟨user.name⟩``,
  ``⟨expr⟩``) and LG escapes (``\\n``, ``\\$``) are decoded;
* multi-line ```` ``` ```` variations, located at their first line; when the
  block is an Adaptive Card (JSON), each ``text``/``title``/``subtitle``
  string is a statement at its own line (``origin="adaptive-card"``);
* ``IF:``/``ELSEIF:``/``ELSE:`` and ``SWITCH:``/``CASE:``/``DEFAULT:`` branches,
  whose variations keep their branch in ``condition`` (``ELSE`` is written
  ``not (a or b)``, nested branches are joined with ``and``);
* structured templates (``[HeroCard`` … ``]``): their ``title``, ``subtitle``
  and ``text`` properties as one statement (``origin="card"``).

A variation that is only a call (``- ${HeroCard()}``) says nothing itself and
is skipped. Templates named like Composer prompts (``TextInput_Prompt_x``)
have ``origin="prompt"``. The question is what the template answers, from the
Composer project (:mod:`consistency_check.sources.composer_project`), else the
template's name. The locale comes from the file name (``bot.en-us.lg``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from json import JSONDecodeError, loads
from pathlib import PurePosixPath

from consistency_check.model import Statement
from consistency_check.sources.base import Document, SourceError, has_words, mask_placeholders, path_locale
from consistency_check.sources.composer_project import Topic, composer_index

NAME = "lg"
CHANNEL = "chatbot"
EXTENSIONS = (".lg",)

_IMPORT = re.compile(r"^\[[^\]]*\]\([^)]*\)\s*$")
_BRANCH = re.compile(r"^(IF|ELSE\s*IF|ELSE|SWITCH|CASE|DEFAULT)\s*:\s*(.*?)\s*$", re.I)
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "r": "\n", "t": " "}
_CARD_TEXT = re.compile(r'"(text|title|subtitle)"\s*:\s*"((?:[^"\\\n]|\\.)*)"')
_CARD_KEYS = frozenset({"title", "subtitle", "text"})
_PROMPT = re.compile(r"_(?:Prompt|InvalidPrompt|UnrecognizedPrompt|DefaultValueResponse)_", re.I)


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


def sniff(doc: Document) -> bool:
    """True for a ``.lg`` file (by content alone it would pass for Markdown)."""
    return PurePosixPath(doc.path).suffix.lower() in EXTENSIONS


def parse(doc: Document) -> Iterator[Statement]:
    """Yield one statement per variation, card or Adaptive Card text of every template."""
    templates, error = scan_templates(doc.read_text())
    topics = composer_index(doc.fs_path).topics
    locale = path_locale(doc.path)
    for template in templates:
        topic = topics.get(template.name) or Topic(template.name)
        origin = "prompt" if _PROMPT.search(template.name) else "response"
        for line, end, text, condition, kind in _variations(template):
            yield doc.statement(
                NAME,
                topic.question,
                text,
                line,
                end_line=end if end > line else None,
                pointer=template.name,
                locale=locale,
                alternatives=topic.alternatives,
                origin=kind or origin,
                condition=condition,
            )
    if error is not None:
        raise error


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


Variation = tuple[int, int, str, str, str]  # line, end line, text, condition, origin ("" = the template's)


def _variations(template: Template) -> Iterator[Variation]:
    branches = _Branches()
    for item in template.body:
        if isinstance(item, Struct):
            yield from _card(item)
            continue
        keyword = None if item.multiline else _BRANCH.match(item.content)
        if keyword:
            branches.open(item, keyword.group(1), _unwrap(keyword.group(2)))
            continue
        condition = branches.condition()
        if item.multiline:
            yield from _block(item, condition)
        else:
            text = _render(_unescape(mask_placeholders(item.content)))
            if has_words(text):
                yield item.line, item.line, text, condition, ""


class _Branches:
    """The IF or SWITCH chain of a conditional template and the branch in force.

    LG has no nested branches (a branch calls another template instead), so the
    variations after a keyword belong to its branch whatever their indentation.
    """

    def __init__(self) -> None:
        self.switch: str | None = None  # the SWITCH expression, "" in an IF chain, None outside any chain
        self.seen: list[str] = []
        self.current = ""

    def open(self, item: Line, keyword: str, expression: str) -> None:
        kind = re.sub(r"\s+", "", keyword.upper())
        if kind in ("IF", "SWITCH"):
            self.switch, self.seen, self.current = (expression if kind == "SWITCH" else ""), [], ""
            if kind == "SWITCH":
                return
        elif self.switch is None or (self.switch == "") != (kind in ("ELSEIF", "ELSE")):
            wanted = "SWITCH" if kind in ("CASE", "DEFAULT") else "IF"
            raise SourceError(f"{kind} without a preceding {wanted}", item.line, item.indent + 1)
        if kind in ("ELSE", "DEFAULT"):
            self.current = f"not ({' or '.join(self.seen)})" if self.seen else ""
        else:
            self.current = f"{self.switch} == {expression}" if kind == "CASE" else expression
            self.seen.append(self.current)

    def condition(self) -> str:
        """The condition of the branch the next variation belongs to ("" outside any chain)."""
        return self.current


def _unwrap(expression: str) -> str:
    """``${turn.day == 'sunday'}`` → ``turn.day == 'sunday'``."""
    expression = expression.strip()
    if expression.startswith("${") and expression.endswith("}"):
        return expression[2:-1].strip()
    return expression


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def _render(text: str) -> str:
    """Plain text of an answer that may hold Markdown; each line is taken as written (no code blocks)."""
    from consistency_check.sources.markdown import render_answer

    return render_answer("\n".join(ln.strip() for ln in text.split("\n")))


def _block(item: Line, condition: str) -> Iterator[Variation]:
    body = item.content.strip()
    if body[:1] in ("{", "["):
        for match in _CARD_TEXT.finditer(item.content):
            yield from _card_text(item, match, condition)
        return
    text = _render(mask_placeholders(item.content))
    if has_words(text):
        lines = item.content.split("\n")
        first = item.line + next(i for i, ln in enumerate(lines) if ln.strip())
        last = item.line + max(i for i, ln in enumerate(lines) if ln.strip())
        yield first, last, text, condition, ""


def _card_text(item: Line, match: re.Match[str], condition: str) -> Iterator[Variation]:
    try:
        value = loads(f'"{match.group(2)}"')
    except JSONDecodeError:
        value = match.group(2)
    text = _render(mask_placeholders(str(value).replace("\r", "\n")))
    if has_words(text):
        line = item.line + item.content.count("\n", 0, match.start())
        yield line, line, text, condition, "adaptive-card"


def _card(struct: Struct) -> Iterator[Variation]:
    parts = []
    for line, key, value in struct.props:
        if key.lower() in _CARD_KEYS:
            text = _render(_unescape(mask_placeholders(value)))
            if has_words(text):
                parts.append((line, text))
    if parts:
        yield parts[0][0], parts[-1][0], "\n".join(t for _, t in parts), "", "card"
