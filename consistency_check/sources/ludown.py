"""A line scanner for LUDown, the text format of Bot Framework ``.lu`` and ``.qna`` files.

Both formats share one grammar (the ``bf lu`` tools read either):

* ``# Intent`` (or ``## Intent`` when there is no ``#`` intent above it) then
  ``- utterance`` lines, with ``{entity=value}`` labels;
* ``# ? question`` / ``## ? question`` QnA pairs: ``- alternative question``
  lines, an optional ``**Filters:**`` list (``- key = value``), the answer in a
  fenced block (```` ```markdown ```` or plain ```` ``` ````) and an optional
  ``**Prompts:**`` list of follow-up links;
* entity and phrase-list definitions (``@ ml x``, ``@ list x =`` with its
  indented synonyms, legacy ``$name:...``), ``[import](file.lu)`` references,
  ``<a id = "12"></a>`` anchors and ``>`` comments (``> !# @qna.pair.source = x``).

:func:`scan` returns the intents and the QnA pairs up to the first line that
fits none of these, a pair without an answer or an answer block never
closed, and that error as a :class:`SourceError`.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field

from consistency_check.model import Statement
from consistency_check.sources.base import Document, SourceError, has_words, mask_placeholders, path_locale

_HEADER = re.compile(r"^(#+)\s*(\?)?\s*(.*?)\s*$")
_LIST = re.compile(r"^\s*[-*+]\s?(.*?)\s*$")
_IMPORT = re.compile(r"^\s*\[[^\]]*\]\([^)]*\)\s*$")
_ANCHOR = re.compile(r"^\s*<a\s+(?:id|name)\s*=.*?>\s*</a>\s*$", re.I)
_LABEL = re.compile(r"\{\s*@?[\w.-]+\s*=\s*(.*?)\s*\}")
_PATTERN_ENTITY = re.compile(r"\{\s*@?([\w.-]+)(?::[\w.-]+)?\s*\}")
_LINK = re.compile(r"^\[([^\]]*)\]\([^)]*\)")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


@dataclass
class QnaPair:
    """One question with its alternatives, filters, answer block and follow-up prompts."""

    question: str
    line: int
    alternatives: list[str] = field(default_factory=list)
    filters: list[str] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    answer: list[tuple[int, str]] = field(default_factory=list)
    fence_line: int = 0
    closed: bool = False


@dataclass
class LuFile:
    """What a LUDown file defines: utterances per intent and QnA pairs, in file order."""

    intents: dict[str, list[str]] = field(default_factory=dict)
    pairs: list[QnaPair] = field(default_factory=list)
    error: SourceError | None = None  # the first bad line; what came before it is kept


def clean_utterance(text: str) -> str:
    """An utterance without entity labels: ``{item=shoes}`` → ``shoes``, a pattern ``{item}`` → ``⟨item⟩``."""
    text = _LABEL.sub(r"\1", mask_placeholders(text))
    return _PATTERN_ENTITY.sub("\u27e8\\1\u27e9", text).strip()


class _Scanner:
    """The state of one pass over a file: which section the current line belongs to."""

    def __init__(self) -> None:
        self.out = LuFile()
        self.mode = "top"  # top | intent | entity | alternatives | filters | answer | after | prompts
        self.intent = ""
        self.top_intent = False
        self.pair: QnaPair | None = None

    def feed(self, number: int, line: str) -> None:
        stripped = line.strip()
        if self.mode == "answer":
            self._answer_line(number, line, stripped)
        elif not stripped or _ANCHOR.match(line):
            return
        elif stripped.startswith(">"):
            return  # a comment, or a directive such as > !# @qna.pair.source = editorial
        elif stripped.startswith("#") and not line[0].isspace():
            self._header(number, line)
        elif stripped[0] in "@$" and not line[0].isspace():
            self._close_pair()
            self.mode = "entity"
        elif _IMPORT.match(line) and self.mode in ("top", "intent", "entity", "after"):
            self.mode = "top" if self.mode == "entity" else self.mode
        elif stripped.lower() in ("**filters:**", "**filters**:") and self.pair is not None:
            self.mode = "filters"
        elif stripped.lower() in ("**prompts:**", "**prompts**:") and self.pair is not None:
            self.mode = "prompts"
        elif stripped.startswith("```") and self.pair is not None:
            self._open_answer(number, stripped)
        elif (item := _LIST.match(line)) and self.mode != "top":
            self._list_item(number, line, item.group(1))
        elif self.mode == "entity" and line[0].isspace():
            return  # continuation of a definition (list synonyms, ML children)
        else:
            raise SourceError(_unexpected(self.mode, stripped), number, len(line) - len(line.lstrip()) + 1)

    def _header(self, number: int, line: str) -> None:
        match = _HEADER.match(line)
        assert match is not None
        level, is_question, title = len(match.group(1)), match.group(2), match.group(3)
        self._close_pair()
        if is_question:
            if not title:
                raise SourceError("a QnA question header has no question", number, 1)
            self.pair = QnaPair(title, number)
            self.mode = "alternatives"
            return
        if not title:
            raise SourceError("an intent header has no name", number, 1)
        if level == 1 or not self.top_intent:
            self.intent = title.split("(")[0].strip()
            self.top_intent = level == 1
        self.out.intents.setdefault(self.intent, [])
        self.mode = "intent"

    def _list_item(self, number: int, line: str, item: str) -> None:
        if self.mode == "intent":
            if item and not _IMPORT.match(item):
                self.out.intents[self.intent].append(clean_utterance(item))
        elif self.mode == "alternatives" and self.pair is not None:
            if item:
                self.pair.alternatives.append(item)
        elif self.mode == "filters" and self.pair is not None:
            self.pair.filters.append(re.sub(r"\s*=\s*", "=", item, count=1))
        elif self.mode == "prompts" and self.pair is not None:
            link = _LINK.match(item)
            self.pair.prompts.append(link.group(1) if link else item)
        elif self.mode != "entity":
            raise SourceError(_unexpected(self.mode, line.strip()), number, len(line) - len(line.lstrip()) + 1)

    def _open_answer(self, number: int, stripped: str) -> None:
        assert self.pair is not None
        if self.pair.closed:
            raise SourceError(f"a second answer for the question '{self.pair.question}'", number, 1)
        self.pair.fence_line = number
        rest = stripped[3:]
        if "```" in rest:  # one-line block: ```text```
            self.pair.answer.append((number, rest[: rest.index("```")]))
            self.pair.closed = True
            self.mode = "after"
        else:
            self.mode = "answer"

    def _answer_line(self, number: int, line: str, stripped: str) -> None:
        assert self.pair is not None
        if stripped.startswith("```"):
            self.pair.closed = True
            self.mode = "after"
        else:
            self.pair.answer.append((number, line))

    def _close_pair(self) -> None:
        if self.pair is not None:
            if not self.pair.closed:
                raise SourceError(f"the question '{self.pair.question}' has no answer block", self.pair.line, 1)
            self.out.pairs.append(self.pair)
            self.pair = None

    def finish(self) -> LuFile:
        if self.mode == "answer" and self.pair is not None:
            raise SourceError("this answer block is never closed with ```", self.pair.fence_line, 1)
        self._close_pair()
        return self.out


def _unexpected(mode: str, text: str) -> str:
    where = {"top": "outside any intent or question", "after": "after an answer block"}.get(mode, "here")
    shown = text if len(text) <= 40 else text[:37] + "..."
    return f"unexpected text {where}: '{shown}'"


def scan(text: str) -> LuFile:
    """The intents and QnA pairs of a LUDown text, up to its first bad line (then ``error`` is set)."""
    scanner = _Scanner()
    try:
        for number, line in enumerate(text.split("\n"), start=1):
            scanner.feed(number, line)
        return scanner.finish()
    except SourceError as exc:
        scanner.out.error = exc
        return scanner.out


def read(doc: Document, fmt: str) -> Iterator[Statement]:
    """The statements of a ``.lu`` or ``.qna`` document; a syntax error is raised after those before it."""
    found = scan(doc.read_text())
    yield from pair_statements(doc, fmt, found.pairs, path_locale(doc.path))
    if found.error is not None:
        raise found.error


def pair_statements(doc: Document, fmt: str, pairs: list[QnaPair], locale: str) -> Iterator[Statement]:
    """One statement per answered pair, located at the first line of its answer."""
    from consistency_check.sources.markdown import render_answer

    for pair in pairs:
        # The located lines are those with visible words (an image or a blank line shows none).
        lines = [n for n, ln in pair.answer if has_words(mask_placeholders(_IMAGE.sub("", ln)))]
        if not lines:
            continue
        body = render_answer(mask_placeholders(textwrap.dedent("\n".join(ln for _, ln in pair.answer))))
        text = "\n".join([body, *pair.prompts])
        first, last = lines[0], lines[-1]
        yield doc.statement(
            fmt,
            pair.question,
            text,
            first,
            end_line=last if last > first else None,
            locale=locale,
            alternatives=tuple(pair.alternatives),
            origin="qna",
            condition=" and ".join(pair.filters),
        )
