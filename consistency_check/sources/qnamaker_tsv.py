"""QnA Maker / Azure custom question answering knowledge-base export (TSV).

The header is ``Question  Answer  Source  Metadata`` and, in newer exports,
``SuggestedQuestions  IsContextOnly  Prompts  QnaId``. There is one row per
question: the alternative phrasings of one pair repeat its answer (and share
its ``QnaId``). Rows of one pair become one statement, so a pair cannot
contradict itself: the first row's question is the question, the others are
its alternatives, and it is located at the first row (``end_line`` at the
last when the rows are adjacent). Pairs are told apart by ``QnaId`` when the
export has it, else by answer and metadata. Literal ``\\n`` in a cell is a
line break; the answer's Markdown is rendered to plain text and the display
texts of its follow-up ``Prompts`` are appended, like buttons. ``Metadata``
(``category:chitchat|product:lamp``) becomes the condition
(``category=chitchat and product=lamp``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from consistency_check.model import Statement
from consistency_check.sources.base import Document, SourceError, has_words, path_locale

NAME = "qnamaker-tsv"
CHANNEL = "chatbot"
EXTENSIONS = (".tsv",)

_HEADER = re.compile(r"\A\ufeff?question\tanswer(\t|\n|$)", re.I)
_ESCAPES = re.compile(r"\\([nrt\\])")
_ESCAPED = {"n": "\n", "r": "\n", "t": " ", "\\": "\\"}


@dataclass
class _Pair:
    """The rows of one question-answer pair."""

    answer: str
    metadata: str
    prompts: str
    rows: list[tuple[int, str]] = field(default_factory=list)  # (line, question)


def sniff(doc: Document) -> bool:
    """True when the first line is the export header (``Question<TAB>Answer…``)."""
    return bool(_HEADER.match(doc.head(256)))


def parse(doc: Document) -> Iterator[Statement]:
    """Yield one statement per pair (``QnaId``), in the order of first appearance."""
    from consistency_check.sources.markdown import render_answer

    lines = doc.read_text().split("\n")
    columns = [c.strip().lower() for c in lines[0].lstrip("\ufeff").split("\t")]
    where = {name: i for i, name in enumerate(columns)}
    pairs: dict[tuple[str, ...], _Pair] = {}
    error: SourceError | None = None
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) < 2:
            error = SourceError("a row needs at least a question and an answer (cells separated by tabs)", number, 1)
            break
        answer, metadata, prompts, qna_id = (_cell(cells, where, n) for n in ("answer", "metadata", "prompts", "qnaid"))
        key = (qna_id, answer) if qna_id else ("", answer, metadata)
        pair = pairs.setdefault(key, _Pair(answer, metadata, prompts))
        pair.rows.append((number, _decode(_cell(cells, where, "question"))))
    locale = path_locale(doc.path)
    for pair in pairs.values():
        body = render_answer(_decode(pair.answer))
        text = "\n".join([body, *_prompt_titles(pair.prompts, pair.rows[0][0])]) if body else ""
        if not has_words(text):
            continue
        numbers = [n for n, _ in pair.rows]
        adjacent = numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        questions = [q for _, q in pair.rows if q]
        yield doc.statement(
            NAME,
            questions[0] if questions else "",
            text,
            numbers[0],
            end_line=numbers[-1] if adjacent and len(numbers) > 1 else None,
            locale=locale,
            alternatives=tuple(dict.fromkeys(questions[1:])),
            origin="qna",
            condition=_condition(pair.metadata),
        )
    if error is not None:
        raise error  # after the pairs read before the bad row


def _cell(cells: list[str], where: dict[str, int], name: str) -> str:
    index = where.get(name)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _decode(cell: str) -> str:
    """A cell with its ``\\n`` escapes turned into line breaks."""
    return _ESCAPES.sub(lambda m: _ESCAPED[m.group(1)], cell)


def _condition(metadata: str) -> str:
    parts = []
    for item in metadata.split("|"):
        key, sep, value = item.partition(":")
        if key.strip():
            parts.append(f"{key.strip()}={value.strip()}" if sep else key.strip())
    return " and ".join(parts)


def _prompt_titles(prompts: str, line: int) -> list[str]:
    """The display texts of the follow-up prompts (a JSON array of objects)."""
    if not prompts or prompts == "[]":
        return []
    try:
        items = json.loads(prompts)
    except (ValueError, RecursionError):
        raise SourceError("the Prompts cell is not a JSON array", line) from None
    if not isinstance(items, list):
        return []
    return [str(p["displayText"]) for p in items if isinstance(p, dict) and p.get("displayText")]
