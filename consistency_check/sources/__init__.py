"""Source formats: one module per format, listed here in sniffing priority order.

Each module provides ``NAME``, ``CHANNEL``, ``EXTENSIONS``, ``sniff(doc)`` and
``parse(doc)`` (see :mod:`consistency_check.sources.base`). The most specific
formats come first: a Zendesk export and a Rasa file are recognised by their
keys, HTML by its first tag; Markdown and plain text accept almost anything
and come last. Chatbot exports (Dialogflow ES and CX, Lex V2) are recognised
file by file in an unpacked folder and as a whole in a ``.zip``; an archive
that none of them claims is not offered to the text formats.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from consistency_check.sources import dialogflow_cx, dialogflow_es, html_faq, lex_v2, markdown, rasa, text_script, zendesk
from consistency_check.sources.archive import ARCHIVE_EXTENSIONS
from consistency_check.sources.base import Document, SourceError, SourceFormat

REGISTRY: dict[str, SourceFormat] = {
    zendesk.NAME: zendesk,
    dialogflow_es.NAME: dialogflow_es,
    dialogflow_cx.NAME: dialogflow_cx,
    lex_v2.NAME: lex_v2,
    rasa.NAME: rasa,
    html_faq.NAME: html_faq,
    markdown.NAME: markdown,
    text_script.NAME: text_script,
}

__all__ = ["REGISTRY", "Document", "SourceError", "SourceFormat", "detect_format"]


def detect_format(doc: Document) -> str | None:
    """Name of the format of ``doc``: the first whose extension matches and whose sniff agrees,
    else the first whose sniff agrees, else ``None``."""
    suffix = PurePosixPath(doc.path).suffix.lower() or doc.fs_path.suffix.lower()
    for name, fmt in REGISTRY.items():
        if suffix in fmt.EXTENSIONS and fmt.sniff(doc):
            return name
    if suffix in ARCHIVE_EXTENSIONS:
        return None
    for name, fmt in REGISTRY.items():
        if suffix not in fmt.EXTENSIONS and fmt.sniff(doc):
            return name
    return None
