"""Bot Framework Composer ``.dialog`` files (adaptive dialogs, JSON).

Composer keeps a dialog's words in its ``.lg`` file and only calls them from
the dialog (``"activity": "${SendActivity_Ab12Cd()}"``), which gives nothing
to read here. Hand-written dialogs may instead hold the text inline
(``"activity": "Our stores open at 9am."``): each such ``activity`` or prompt
string with words outside its ``${…}`` calls is a statement at its line, its
question the trigger's intent (or ``welcome``, ``unknown intent``, the
dialog's name). Recognizer dialogs (``*.lu.dialog``) give nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from consistency_check.model import Statement
from consistency_check.sources.base import Document, LineIndex, clean_text, has_words, mask_placeholders, path_locale
from consistency_check.sources.composer_project import trigger_topic
from consistency_check.sources.jsonpos import JNode, load_source, pointer_token

NAME = "composer-dialog"
CHANNEL = "chatbot"
EXTENSIONS = (".dialog",)

_KIND = re.compile(r'\A\ufeff?\s*\{[^{]{0,400}?"\$kind"\s*:\s*"Microsoft\.', re.S)
_TEXT_KEYS = frozenset({"activity", "prompt", "unrecognizedPrompt", "invalidPrompt", "defaultValueResponse"})


def sniff(doc: Document) -> bool:
    """True for JSON whose top object starts with ``"$kind": "Microsoft.…"`` (or holds it, for a ``.dialog``)."""
    head = doc.head(8192)
    if _KIND.match(head):
        return True
    return doc.path.lower().endswith(".dialog") and head.lstrip("\ufeff \t\r\n")[:1] == "{" and '"$kind"' in head


def parse(doc: Document) -> Iterator[Statement]:
    """Yield one statement per inline activity or prompt text of every trigger."""
    text = doc.read_text()
    root = load_source(text)
    triggers = root.get("triggers")
    if triggers is None or not isinstance(triggers.value, list):
        return
    lines = LineIndex(text)
    plain = root.plain()
    locale = path_locale(doc.path)
    for i, trigger in enumerate(triggers.value):
        if not isinstance(trigger.value, dict):
            continue
        topic = trigger_topic(trigger.plain(), plain, {})
        for pointer, node in _texts(trigger.get("actions"), f"/triggers/{i}/actions"):
            said = clean_text(mask_placeholders(str(node.value)))
            if has_words(said):
                yield doc.statement(
                    NAME,
                    topic.question,
                    said,
                    lines.line(node.start),
                    pointer=pointer,
                    locale=locale,
                    origin="response",
                )


def _texts(node: JNode | None, pointer: str) -> Iterator[tuple[str, JNode]]:
    """The text-bearing string members (``activity``, ``prompt``…) anywhere under ``node``."""
    if node is None:
        return
    if isinstance(node.value, dict):
        for key, child in node.value.items():
            path = f"{pointer}/{pointer_token(key)}"
            if key in _TEXT_KEYS and isinstance(child.value, str):
                yield path, child
            else:
                yield from _texts(child, path)
    elif isinstance(node.value, list):
        for i, child in enumerate(node.value):
            yield from _texts(child, f"{pointer}/{i}")
