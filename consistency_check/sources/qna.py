"""Bot Framework / QnA Maker ``.qna`` files: question-and-answer pairs in LUDown syntax.

Each pair (``# ? question`` or ``## ? question``) gives one statement: the
question, its ``- alternative`` phrasings, the answer block rendered to plain
text with its follow-up prompt titles appended, ``**Filters:**`` metadata as
the condition (``product=shoes``), located at the answer's first line (and
last line as ``end_line``). ``> !# @qna.pair.source`` and ``<a id>`` anchors
are read past; ``[import](chitchat.qna)`` files are not followed (they are
checked when they are given themselves). The locale comes from the file name
(``faq.en-us.qna``) or its folder (``QnA/fr-fr/``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from consistency_check.model import Statement
from consistency_check.sources import ludown
from consistency_check.sources.base import Document

NAME = "qna"
CHANNEL = "chatbot"
EXTENSIONS = (".qna",)


def sniff(doc: Document) -> bool:
    """True for a ``.qna`` file (the syntax alone looks like Markdown)."""
    return PurePosixPath(doc.path).suffix.lower() in EXTENSIONS


def parse(doc: Document) -> Iterator[Statement]:
    """Yield one statement per answered pair."""
    yield from ludown.read(doc, NAME)
