"""Word ``.docx`` store and call-centre scripts, read with python-docx.

The body is read in document order, paragraphs and tables interleaved (content
controls at body level are opened). Every non-empty paragraph or list item is a
statement; a table row is one statement with its cells joined by ``" | "`` (the
shape HTML tables have, so a row's first cell scopes its values), each value
cell under its column header ("Saturday | Ticket counter open: 6:00 AM – 8:00
PM"). The header row is a row marked "repeat as header row", or a first row of
names with no number in it; it is not a statement of its own. Headings (``Title``, ``Heading N`` or a
paragraph outline level) set the question; a short paragraph that is bold all
through (``Returns desk``) is a sub-heading, as in Markdown scripts. Before any
heading the question is the document's title property, else the file name.

Paragraph text is the document as it reads with tracked changes accepted:
insertions are kept, deletions dropped; hyperlinks, fields' results and inline
content controls are read. Text boxes, headers, footers, footnotes and comments
are not read: they hold layout, page furniture and reviewers' remarks, not
lines said to a customer.

A .docx has no lines: statements have a pointer instead, ``paragraph 12``
(the 12th paragraph of the body, empty ones counted) or ``table 1 row 3``.
A file that is not a readable Word document is a parse error.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, cast

from lxml import etree

from consistency_check.model import Statement
from consistency_check.sources.base import CLOSING_QUOTES, Document, SourceError, clean_text, title_from_path
from consistency_check.sources.tables import by_column, is_header_row, join_row, under_headers

if TYPE_CHECKING:  # python-docx is imported when a Word document is read
    from docx.document import Document as WordDocument
    from docx.oxml.table import CT_Tbl
    from docx.oxml.text.paragraph import CT_P
    from docx.table import Table, _Row
    from docx.text.paragraph import Paragraph

NAME = "docx"
CHANNEL = "store"
EXTENSIONS = (".docx", ".docm")

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEADING_STYLE = re.compile(r"^(?:heading\s*(\d)|title)$", re.I)
_SENTENCE_END = re.compile(rf"[.!?;,){re.escape(CLOSING_QUOTES)}]$")  # a quotation's end too („…“, «…»)
_WORDY = re.compile(r"\w")
_SUBHEADING = 7
_RUN_TEXT = ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)]"


def _q(name: str) -> str:
    return f"{{{_W}}}{name}"


def sniff(doc: Document) -> bool:
    """True for any ``.docx`` (a broken one is then a parse error), or a ZIP holding ``word/document.xml``."""
    suffix = PurePosixPath(doc.path).suffix.lower() or doc.fs_path.suffix.lower()
    if suffix in EXTENSIONS:
        return True
    head = doc.read_bytes()[:4]
    if head != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(doc.read_bytes())) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


def parse(doc: Document) -> Iterator[Statement]:
    """Yield one statement per paragraph and table row, under the heading in force."""
    word = _open(doc)
    try:
        yield from _statements(doc, word)
    except (etree.LxmlError, KeyError, ValueError) as exc:  # a damaged part read lazily (styles, numbering)
        raise SourceError(f"not a readable Word document: {exc}") from None


def _statements(doc: Document, word: WordDocument) -> Iterator[Statement]:
    """The statements of an opened document, in body order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    fallback = clean_text(word.core_properties.title or "") or title_from_path(doc.path)
    headings: list[tuple[int, str]] = []
    paragraphs = tables = 0
    # python-docx's parser gives every w:tbl element the class CT_Tbl and every w:p the class CT_P.
    for element in _body_items(word.element.body):
        if element.tag == _q("tbl"):
            tables += 1
            question = headings[-1][1] if headings else fallback
            yield from _table(doc, Table(cast("CT_Tbl", element), word), tables, question)
            continue
        paragraphs += 1
        paragraph = Paragraph(cast("CT_P", element), word)
        text = paragraph_text(element)
        if not _WORDY.search(text):
            continue
        level = _heading_level(paragraph, text)
        if level:
            headings = [h for h in headings if h[0] < level] + [(level, clean_text(text).rstrip(":"))]
            continue
        question = headings[-1][1] if headings else fallback
        yield doc.statement(NAME, question, text, None, pointer=f"paragraph {paragraphs}", origin="paragraph")


def _open(doc: Document) -> WordDocument:
    """The python-docx document; anything python-docx cannot open is a :class:`SourceError`.

    A damaged package fails in many ways (zip and zlib errors, unsupported
    compression, missing parts, malformed XML); all of them mean the same thing
    to the user.
    """
    import docx

    _check_package(doc.read_bytes())
    try:
        return docx.Document(io.BytesIO(doc.read_bytes()))
    except Exception as exc:
        detail = str(exc) or type(exc).__name__
        raise SourceError(f"not a readable Word document: {detail}") from None


MAX_UNPACKED_MB = 256
"""Largest unpacked size of a Word package read: python-docx holds every part in memory."""
MAX_PARTS = 10_000


def _check_package(data: bytes) -> None:
    """Refuse a package whose parts would unpack to more than :data:`MAX_UNPACKED_MB` (a zip bomb).

    The sizes come from the ZIP directory; :mod:`zipfile` never inflates a
    part past its stated size, so a package cannot lie its way past the check.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return  # reported by python-docx with its own message
    total = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or total > MAX_UNPACKED_MB * 1024 * 1024:
        raise SourceError(
            f"the Word package unpacks to {total / 1024 / 1024:,.0f} MiB in {len(parts):,} parts, over the limit of "
            f"{MAX_UNPACKED_MB} MiB and {MAX_PARTS:,} parts (a ZIP bomb?); not read"
        )


def _body_items(body: etree._Element) -> Iterator[etree._Element]:
    """Body-level paragraphs and tables in order, looking inside block content controls."""
    for child in body.iterchildren():
        if child.tag in (_q("p"), _q("tbl")):
            yield child
        elif child.tag == _q("sdt"):
            content = child.find(_q("sdtContent"))
            if content is not None:
                yield from _body_items(content)


def paragraph_text(p: etree._Element) -> str:
    """The visible text of a ``w:p`` with tracked changes accepted, text boxes left out."""
    runs = p.xpath(_RUN_TEXT)
    return "".join(run.text for run in runs)


def _heading_level(paragraph: Paragraph, text: str) -> int:
    """1–6 for Title/Heading styles or an outline level, 7 for a short all-bold line, else 0."""
    # The style's id ("Heading1") where the document does not define the style it names (no styles part).
    named = paragraph._p.find(f"{_q('pPr')}/{_q('pStyle')}")
    match = _HEADING_STYLE.match(named.get(_q("val"), "")) if named is not None else None
    if match:
        return min(int(match.group(1) or 1), 6)
    style = paragraph.style
    while style is not None:
        match = _HEADING_STYLE.match(style.name or "")
        if match:
            return min(int(match.group(1) or 1), 6)
        style = style.base_style
    outline = paragraph._p.find(f"{_q('pPr')}/{_q('outlineLvl')}")
    if outline is not None:
        value = outline.get(_q("val"), "")
        if value.isdigit() and int(value) < 9:
            return min(int(value) + 1, 6)
    stripped = text.strip()
    if len(stripped) <= 80 and not _SENTENCE_END.search(stripped) and _all_bold(paragraph):
        return _SUBHEADING
    return 0


def _all_bold(paragraph: Paragraph) -> bool:
    """True when every run with text is bold (directly, by its character style, or by the paragraph style)."""
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    seen = False
    for run in paragraph.runs:
        if not run.text.strip():
            continue
        seen = True
        bold = run.bold
        if bold is None and run.style is not None and run.style.font.bold is not None:
            bold = run.style.font.bold
        if bold is False or (bold is None and not style_bold):
            return False
    return seen


def _table(doc: Document, table: Table, number: int, question: str) -> Iterator[Statement]:
    headers: list[str] = []
    rows = [_row_cells(row) for row in table.rows]
    values = by_column(rows)
    for r, (row, cells) in enumerate(zip(table.rows, rows, strict=True), start=1):
        marked = row._tr.trPr is not None and row._tr.trPr.find(_q("tblHeader")) is not None
        # Word rarely marks a header row: a first row of names (no numbers) over other rows is one, and so is a
        # first row set in bold over rows that are not ("Item | 4 hours | Day | Week").
        first = r == 1 and len(table.rows) > 1
        if marked or (first and (is_header_row(cells) or (_bold_row(row) and not _bold_row(table.rows[1])))):
            headers = cells
            continue
        joined = join_row(under_headers(headers, cells, table=values))
        if _WORDY.search(joined):
            yield doc.statement(NAME, question, joined, None, pointer=f"table {number} row {r}", origin="table")


def _bold_row(row: _Row) -> bool:
    """Whether every paragraph with text in the row's cells is bold (and some paragraph has text)."""
    paragraphs = [p for cell in row.cells for p in cell.paragraphs if p.text.strip()]
    return bool(paragraphs) and all(_all_bold(p) for p in paragraphs)


def _row_cells(row: _Row) -> list[str]:
    """The text of each grid column of a row: a cell spanning several columns is the text of each, so that the
    cells after it stay under their own headers; a row that is one cell across the table (a title) is it once."""
    cells: list[str] = []
    texts: dict[int, str] = {}
    for cell in row.cells:
        key = id(cell._tc)
        if key not in texts:
            texts[key] = " ".join(t for t in (clean_text(paragraph_text(p)) for p in cell._tc.iter(_q("p"))) if t)
        cells.append(texts[key])
    return cells if len(texts) > 1 else cells[:1]
