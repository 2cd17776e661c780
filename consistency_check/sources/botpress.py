"""Botpress v12 file-system bots (``data/bots/<bot>/``): QnA items and content elements.

The bot's words are in two kinds of file, each answer per language:

* ``qna/<id>.json`` — ``{"data": {"questions": {"en": […]}, "answers": {"en": […]},
  "enabled": true, "action": "text"}}``: each answer is a statement at its
  line, its question the first question of the same language, the others its
  alternatives (``origin="qna"``). Disabled items and items whose action only
  redirects to a flow say nothing and are skipped;
* ``content-elements/<type>.json`` — a list of ``{"id", "formData"}`` where
  ``text$en``, ``variations$en``, ``title$fr``… hold the words: each string is
  a statement (``origin="content"``), its question the intent that leads to a
  flow node saying the element, with the intent's utterances as alternatives,
  else that node's name, else the element id (see
  :mod:`consistency_check.sources.botpress_project`).

The language suffix (``$fr``, ``answers.fr``) is the statement's locale;
``{{state.x}}`` placeholders become one token. ``intents/*.json`` (training
utterances, including the ``__qna__`` mirrors of QnA questions) and
``flows/*.flow.json`` (nodes that only point at content elements by id) are
recognised and checked but give no statement of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from consistency_check.model import Statement
from consistency_check.sources.base import Document, LineIndex, has_words, mask_placeholders
from consistency_check.sources.botpress_project import Topic, bot_files, topics
from consistency_check.sources.jsonpos import JNode, load_source, pointer_token

NAME = "botpress"
CHANNEL = "chatbot"
EXTENSIONS = (".json",)

_QNA = (re.compile(r'"data"\s*:\s*\{'), re.compile(r'"questions"\s*:\s*\{'), re.compile(r'"answers"\s*:\s*\{'))
_INTENT = (re.compile(r'"utterances"\s*:\s*\{'), re.compile(r'"slots"\s*:\s*\['), re.compile(r'"name"\s*:'))
_FLOW = (re.compile(r'"startNode"\s*:'), re.compile(r'"nodes"\s*:\s*\['))
_CONTENT = re.compile(r'"formData"\s*:\s*\{')
_FIELD = re.compile(r"^(\w+)\$([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)$")
_TEXT_FIELDS = frozenset({"text", "title", "subtitle"})


def sniff(doc: Document) -> bool:
    """True for a Botpress v12 QnA item, content-element list, intent or flow."""
    text = doc.read_text()
    first = text.lstrip("\ufeff \t\r\n")[:1]
    if first == "[":
        return bool(_CONTENT.search(text, 0, 65536))
    if first != "{":
        return False
    return any(all(p.search(text) for p in group) for group in (_QNA, _INTENT, _FLOW))


def dependencies(doc: Document) -> list[Path]:
    """Files besides ``doc`` whose content changes what :func:`parse` yields: the bot's flows and intents."""
    return bot_files(doc.fs_path)


def parse(doc: Document) -> Iterator[Statement]:
    """Yield the answers of a QnA item or the texts of a content-element list."""
    from consistency_check.sources.markdown import render_answer

    text = doc.read_text()
    root = load_source(text)
    lines = LineIndex(text)
    found = _content(root, topics(doc.fs_path)) if isinstance(root.value, list) else _qna(root)
    for pointer, node, question, alternatives, locale, origin in found:
        said = render_answer(mask_placeholders(str(node.value), mustache=True))
        if has_words(said):
            yield doc.statement(
                NAME,
                question,
                said,
                lines.line(node.start),
                pointer=pointer,
                locale=locale,
                alternatives=alternatives,
                origin=origin,
            )


Found = tuple[str, JNode, str, tuple[str, ...], str, str]  # pointer, text node, question, alternatives, locale, origin


def _qna(root: JNode) -> Iterator[Found]:
    data = root.get("data")
    if data is None or not isinstance(data.value, dict):
        return
    enabled, action = data.get("enabled"), data.get("action")
    if (enabled is not None and enabled.value is False) or (action is not None and action.value == "redirect"):
        return
    questions, answers = data.get("questions"), data.get("answers")
    if answers is None or not isinstance(answers.value, dict):
        return
    item_id = root.get("id")
    fallback = _slug_question(str(item_id.value)) if item_id is not None else ""
    for lang, texts in answers.value.items():
        asked = _strings(questions.get(lang) if questions is not None else None)
        question = asked[0] if asked else fallback
        for i, node in enumerate(texts.items() if isinstance(texts.value, list) else []):
            if isinstance(node.value, str):
                yield f"/data/answers/{pointer_token(lang)}/{i}", node, question, tuple(asked[1:]), lang, "qna"


def _content(root: JNode, topic_of: dict[str, Topic]) -> Iterator[Found]:
    for i, element in enumerate(root.items()):
        form, element_id = element.get("formData"), element.get("id")
        if form is None or not isinstance(form.value, dict):
            continue
        ident = str(element_id.value) if element_id is not None else ""
        topic = topic_of.get(ident)
        question = topic.question if topic is not None else ident
        for key, value in form.value.items():
            match = _FIELD.match(key)
            if not match:
                continue
            name, lang = match.groups()
            asked = topic.utterances.get(lang, ()) if topic is not None else ()
            pointer = f"/{i}/formData/{pointer_token(key)}"
            if name in _TEXT_FIELDS and isinstance(value.value, str):
                yield pointer, value, question, asked, lang, "content"
            elif name == "variations" and isinstance(value.value, list):
                for j, node in enumerate(value.value):
                    if isinstance(node.value, str):
                        yield f"{pointer}/{j}", node, question, asked, lang, "content"


def _strings(node: JNode | None) -> list[str]:
    if node is None or not isinstance(node.value, list):
        return []
    return [n.value for n in node.value if isinstance(n.value, str) and n.value.strip()]


def _slug_question(item_id: str) -> str:
    """``5i6fs3vzfj_what_can_you_do`` → ``what can you do``."""
    return item_id.split("_", 1)[-1].replace("_", " ").strip()
