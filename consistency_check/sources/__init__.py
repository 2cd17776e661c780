"""Source formats: one module per format, listed here in sniffing priority order.

Each module provides ``NAME``, ``CHANNEL``, ``EXTENSIONS``, ``sniff(doc)`` and
``parse(doc)`` (see :mod:`consistency_check.sources.base`). The most specific
formats come first: a Word file by its package, Salesforce metadata and
Knowledge CSVs by their root element or header, a Confluence page by its
``ac:`` macros (before HTML), Intercom articles by ``"type": "article"`` (before
Zendesk, whose sniff would accept an Intercom search response), Zendesk and
Rasa by their keys, HTML by its first tag; Markdown and plain text accept
almost anything and come last.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from consistency_check.sources import (
    confluence,
    docx_script,
    einstein_bot,
    html_faq,
    intercom,
    markdown,
    rasa,
    salesforce_knowledge,
    text_script,
    zendesk,
)
from consistency_check.sources.base import Document, SourceError, SourceFormat

REGISTRY: dict[str, SourceFormat] = {
    docx_script.NAME: docx_script,
    einstein_bot.NAME: einstein_bot,
    salesforce_knowledge.NAME: salesforce_knowledge,
    confluence.NAME: confluence,
    intercom.NAME: intercom,
    zendesk.NAME: zendesk,
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
    for name, fmt in REGISTRY.items():
        if suffix not in fmt.EXTENSIONS and fmt.sniff(doc):
            return name
    return None
