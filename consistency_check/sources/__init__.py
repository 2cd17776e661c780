"""Source formats: one module per format, listed here in sniffing priority order.

Each module provides ``NAME``, ``CHANNEL``, ``EXTENSIONS``, ``sniff(doc)`` and
``parse(doc)`` (see :mod:`consistency_check.sources.base`). The most specific
formats come first: a Word file by its package, Salesforce metadata and
Knowledge CSVs by their root element or header, a Confluence page by its
``ac:`` macros (before HTML), Intercom articles by ``"type": "article"`` (before
Zendesk, whose sniff would accept an Intercom search response), JSON exports
(Zendesk, LUIS, Botpress, Composer dialogs) and Rasa YAML by their keys, a QnA
Maker export by its header, Bot Framework ``.lu``/``.lg``/``.qna`` files by their
extension, Rasa 1 Markdown by its ``## intent:`` sections and stories, HTML by
its first tag; Markdown and plain text accept almost anything and come last.
Chatbot exports (Dialogflow ES and CX, Lex V2) are recognised file by file in an
unpacked folder and as a whole in a ``.zip``; an archive that none of them
claims is not offered to the text formats.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from consistency_check.sources import (
    botpress,
    composer_dialog,
    confluence,
    dialogflow_cx,
    dialogflow_es,
    docx_script,
    einstein_bot,
    html_faq,
    intercom,
    lex_v2,
    lg,
    lu,
    luis,
    markdown,
    qna,
    qnamaker_tsv,
    rasa,
    rasa_md,
    salesforce_knowledge,
    text_script,
    zendesk,
)
from consistency_check.sources.archive import ARCHIVE_EXTENSIONS
from consistency_check.sources.base import Document, SourceError, SourceFormat

REGISTRY: dict[str, SourceFormat] = {
    docx_script.NAME: docx_script,
    einstein_bot.NAME: einstein_bot,
    salesforce_knowledge.NAME: salesforce_knowledge,
    confluence.NAME: confluence,
    intercom.NAME: intercom,
    zendesk.NAME: zendesk,
    dialogflow_es.NAME: dialogflow_es,
    dialogflow_cx.NAME: dialogflow_cx,
    lex_v2.NAME: lex_v2,
    luis.NAME: luis,
    botpress.NAME: botpress,
    composer_dialog.NAME: composer_dialog,
    rasa.NAME: rasa,
    qnamaker_tsv.NAME: qnamaker_tsv,
    lu.NAME: lu,
    lg.NAME: lg,
    qna.NAME: qna,
    rasa_md.NAME: rasa_md,
    html_faq.NAME: html_faq,
    markdown.NAME: markdown,
    text_script.NAME: text_script,
}

__all__ = ["REGISTRY", "Document", "SourceError", "SourceFormat", "detect_format", "extensions"]


def extensions() -> tuple[str, ...]:
    """Every file extension a source format reads (lower case, with the dot, sorted); archives included."""
    return tuple(sorted({ext for fmt in REGISTRY.values() for ext in fmt.EXTENSIONS} | set(ARCHIVE_EXTENSIONS)))


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
