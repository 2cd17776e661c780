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
from json import JSONDecodeError, loads
from pathlib import PurePosixPath

from consistency_check.model import Statement
from consistency_check.sources.base import Document, SourceError, has_words, mask_placeholders, path_locale
from consistency_check.sources.composer_project import Topic, composer_index
from consistency_check.sources.lg_syntax import Line, Struct, Template, scan_templates

NAME = "lg"
CHANNEL = "chatbot"
EXTENSIONS = (".lg",)

_BRANCH = re.compile(r"^(IF|ELSE\s*IF|ELSE|SWITCH|CASE|DEFAULT)\s*:\s*(.*?)\s*$", re.I)
_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "r": "\n", "t": " "}
_CARD_TEXT = re.compile(r'"(text|title|subtitle)"\s*:\s*"((?:[^"\\\n]|\\.)*)"')
_CARD_KEYS = frozenset({"title", "subtitle", "text"})
_PROMPT = re.compile(r"_(?:Prompt|InvalidPrompt|UnrecognizedPrompt|DefaultValueResponse)_", re.I)


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
