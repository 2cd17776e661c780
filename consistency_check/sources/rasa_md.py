"""Rasa 1 Markdown training data: NLU, stories and retrieval responses (``responses.md``).

Rasa 1.x kept its training data in Markdown sections:

* ``## intent:name`` (also ``synonym:``, ``regex:``, ``lookup:``) with
  ``- example`` lines — what users say; no statement;
* stories: ``## story`` with ``* intent`` and ``- action`` lines (also e2e test
  stories ``* intent: text``) — the dialogue's shape; no statement;
* retrieval responses (Rasa 1.8–1.10 ``responses.md``): ``## name``,
  ``* faq/topic`` then ``- answer`` lines — the bot's words, one statement per
  answer line, named like the Rasa 2 response ``utter_faq/topic`` so both
  versions give the same question (``faq topic``). Its alternatives are the
  examples of ``## intent:faq/topic`` found in the project's ``data/``.

The domain's ``templates:`` (Rasa 1) are read by the ``rasa`` YAML format, also when the project's folder is
given as one ``rasa-md`` source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from consistency_check.model import Statement
from consistency_check.sources import rasa
from consistency_check.sources.base import RASA1_MARKDOWN, Document, SourceError, has_words, strip_markdown_inline
from consistency_check.sources.rasa import humanize
from consistency_check.sources.rasa_project import training_index

NAME = "rasa-md"
CHANNEL = "chatbot"
EXTENSIONS = (".md",)

_SECTION = re.compile(r"^##\s*(?:(intent|synonym|regex|lookup)\s*:\s*)?(.*?)\s*$")
_USER = re.compile(r"^\s*\*\s*(.*?)\s*$")
_ITEM = re.compile(r"^\s*-\s?(.*?)\s*$")
_RETRIEVAL = re.compile(r"^[\w.-]+/[\w.-]+$")
_ACTION = re.compile(r"^(?:[A-Za-z_][\w.-]*_[\w.-]*|form|slot)(?:\{.*\})?$")  # utter_x, respond_faq, form{...}


def sniff(doc: Document) -> bool:
    """True for Markdown holding Rasa 1 NLU sections, stories or retrieval responses."""
    head = doc.head(8192)
    return head.lstrip("\ufeff \t\r\n")[:1] not in ("{", "[") and bool(RASA1_MARKDOWN.search(head))


def parse(doc: Document) -> Iterator[Statement]:
    """Yield one statement per answer line of every retrieval response section (a YAML file of the project, its
    ``domain.yml`` or ``config.yml``, is read as the ``rasa`` format reads it: a Rasa 1 project's folder is one
    source)."""
    if PurePosixPath(doc.path).suffix.lower() in rasa.EXTENSIONS:
        yield from rasa.parse(doc)
        return
    index = None
    section: str | None = None  # None before the first header; "" in a story or response section
    retrieval = ""
    in_comment = False
    for number, line in enumerate(doc.read_text().split("\n"), start=1):
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        if not stripped or stripped.startswith(">"):  # blank, or a story checkpoint
            continue
        header = _SECTION.match(line) if line.startswith("##") else None
        if header:
            kind, name = header.groups()
            if kind and not name:
                raise SourceError(f"'## {kind}:' has no name", number, 1)
            section, retrieval = kind or "", ""
            continue
        if section is None:
            raise SourceError(f"text before the first '##' section: '{stripped[:40]}'", number, 1)
        user = _USER.match(line) if section == "" else None
        if user:
            intent = user.group(1)
            retrieval = intent if _RETRIEVAL.match(intent) else ""
            continue
        item = _ITEM.match(line)
        if item and retrieval and not _ACTION.match(item.group(1)):
            if index is None:
                index = training_index(doc.fs_path)
            text = strip_markdown_inline(item.group(1))
            if has_words(text):
                response = f"utter_{retrieval}"
                yield doc.statement(
                    NAME, humanize(response), text, number, alternatives=index.alternatives(response), origin="response"
                )
        elif not item and section == "":
            raise SourceError(
                f"expected '* intent' or '- action' here: '{stripped[:40]}'", number, len(line) - len(line.lstrip()) + 1
            )
