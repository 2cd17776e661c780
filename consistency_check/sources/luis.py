"""LUIS application exports (JSON) and their successor, CLU project exports.

A LUIS app is language understanding only: ``intents``, ``entities``,
``patterns`` and labelled ``utterances``, never what the bot answers (that is
in the bot's code, its ``.lg`` files or a QnA knowledge base). Such a file is
recognised, so that it is not reported as unknown, and its JSON is checked,
but it gives no statement: an utterance is a question without an answer, and
nothing in the file says which answer it leads to. The same holds for a CLU
(Azure AI Language conversational understanding) export.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from consistency_check.model import Statement
from consistency_check.sources.base import Document
from consistency_check.sources.jsonpos import load_source

NAME = "luis"
CHANNEL = "chatbot"
EXTENSIONS = (".json",)

_LUIS = re.compile(r'"luis_schema_version"\s*:')
_CLU = re.compile(r'"projectFileVersion"\s*:')
_CLU_KIND = re.compile(r'"projectKind"\s*:\s*"Conversation"')


def sniff(doc: Document) -> bool:
    """True for a LUIS app (``luis_schema_version``) or a CLU conversation project export."""
    head = doc.head(8192)
    if head.lstrip("\ufeff \t\r\n")[:1] != "{":
        return False
    return bool(_LUIS.search(head) or (_CLU.search(head) and _CLU_KIND.search(doc.read_text())))


def parse(doc: Document) -> Iterator[Statement]:
    """Check the JSON; yield nothing (an NLU model holds no answers)."""
    load_source(doc.read_text())
    yield from ()
