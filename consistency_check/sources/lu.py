"""Bot Framework ``.lu`` files (LUDown): language understanding for Composer and LUIS bots.

Intents and their utterances are what users say, not what the bot answers, so
they give no statement of their own: the Composer project index
(:mod:`consistency_check.sources.composer_project`) uses them as the question
and alternative phrasings of the ``.lg`` answers their triggers send. A ``.lu``
file may also hold QnA pairs (``# ? question`` with a fenced answer): each
answered pair is a statement at the first line of its answer. Entity and
phrase-list definitions and imports are read past. The locale comes from the
file name (``todo.en-us.lu``) or its folder (``LU/de-de/``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from consistency_check.model import Statement
from consistency_check.sources import ludown
from consistency_check.sources.base import Document

NAME = "lu"
CHANNEL = "chatbot"
EXTENSIONS = (".lu",)


def sniff(doc: Document) -> bool:
    """True for a ``.lu`` file: the syntax is too close to Markdown to be told apart by content."""
    return PurePosixPath(doc.path).suffix.lower() in EXTENSIONS


def parse(doc: Document) -> Iterator[Statement]:
    """Yield one statement per QnA pair; intents are checked for syntax but give none."""
    yield from ludown.read(doc, NAME)
