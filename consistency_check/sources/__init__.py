"""Source formats: one module per format, listed here in sniffing priority order.

Each module provides ``NAME``, ``CHANNEL``, ``EXTENSIONS``, ``sniff(doc)`` and
``parse(doc)`` (see :mod:`consistency_check.sources.base`). The most specific
formats come first: a Zendesk export and a Rasa file are recognised by their
keys, HTML by its first tag; Markdown and plain text accept almost anything
and come last.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from consistency_check.sources import html_faq, markdown, rasa, text_script, zendesk
from consistency_check.sources.base import Document, SourceError, SourceFormat

REGISTRY: dict[str, SourceFormat] = {
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
