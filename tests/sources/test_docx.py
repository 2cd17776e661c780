"""Word scripts: documents are generated with python-docx at test time (no binary fixtures)."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from consistency_check.config import Config
from consistency_check.discovery import SourceFile
from consistency_check.pipeline import read_source
from consistency_check.sources import detect_format, docx_script
from consistency_check.sources.base import Document, SourceError
from consistency_check.sources.text_script import is_title
from tests.sources.conftest import parse_file


def _tracked(paragraph, kept: str, inserted: str, deleted: str) -> None:  # type: ignore[no-untyped-def]
    """Give ``paragraph`` a plain run, a tracked insertion and a tracked deletion."""
    paragraph.add_run(kept)
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "1")
    ins.set(qn("w:author"), "Editor")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = inserted
    run.append(text)
    ins.append(run)
    paragraph._p.append(ins)
    delete = OxmlElement("w:del")
    delete.set(qn("w:id"), "2")
    delete.set(qn("w:author"), "Editor")
    run = OxmlElement("w:r")
    gone = OxmlElement("w:delText")
    gone.text = deleted
    run.append(gone)
    delete.append(run)
    paragraph._p.append(delete)


@pytest.fixture
def script(tmp_path: Path) -> Path:
    """A returns-desk script with headings, a list, a bold sub-heading, tracked changes, a table and a content
    control."""
    word = docx.Document()
    word.core_properties.title = "Returns desk script"
    word.add_paragraph("Thank you for calling Northwind.")  # paragraph 1, before any heading
    word.add_heading("Returns", level=1)  # 2
    word.add_paragraph("Unused items can be returned within 30 days.", style="List Bullet")  # 3
    word.add_paragraph("")  # 4: empty, still counted
    word.add_paragraph().add_run("If there is no receipt").bold = True  # 5: bold sub-heading
    _tracked(word.add_paragraph(), "Offer store credit ", "at the current price", " or cash")  # 6
    table = word.add_table(rows=4, cols=2)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    header.cells[0].text, header.cells[1].text = "Item", "Window"
    table.rows[1].cells[0].text, table.rows[1].cells[1].text = "Electronics", "15 days"
    merged = table.rows[2].cells[0].merge(table.rows[2].cells[1])
    merged.text = "Gift cards cannot be returned."
    table.rows[3].cells[0].text = ""
    word.add_heading("Refunds", level=2)  # 7
    holder = word.add_paragraph("Refunds take 5 business days.")  # 8, moved into a content control
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    sdt.append(content)
    holder._p.addprevious(sdt)
    content.append(holder._p)
    path = tmp_path / "returns-desk.docx"
    word.save(str(path))
    return path


def test_paragraphs_tables_and_headings_in_order(script: Path) -> None:
    fmt, statements = parse_file(script, script.parent)
    assert fmt == "docx"
    got = [(s.location.pointer, s.location.line, s.question, s.text, s.origin) for s in statements]
    assert got == [
        ("paragraph 1", None, "Returns desk script", "Thank you for calling Northwind.", "paragraph"),
        ("paragraph 3", None, "Returns", "Unused items can be returned within 30 days.", "paragraph"),
        ("paragraph 6", None, "If there is no receipt", "Offer store credit at the current price", "paragraph"),
        ("table 1 row 2", None, "If there is no receipt", "Electronics | Window: 15 days", "table"),
        ("table 1 row 3", None, "If there is no receipt", "Gift cards cannot be returned.", "table"),
        ("paragraph 8", None, "Refunds", "Refunds take 5 business days.", "paragraph"),
    ]
    assert {s.channel for s in statements} == {"web"}  # the test document's channel
    assert statements[0].location.display() == "returns-desk.docx#paragraph 1"


def test_docx_channel_is_store() -> None:
    assert docx_script.CHANNEL == "store"


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04broken", b""])
def test_corrupt_docx_is_a_located_parse_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "script.docx"
    path.write_bytes(content)
    assert detect_format(Document("script.docx", path, "store")) == "docx"
    with pytest.raises(SourceError):
        list(docx_script.parse(Document("script.docx", path, "store")))
    outcome = read_source(SourceFile("script.docx", path, "store", "auto", ""), Config(root=tmp_path))
    assert [f.code for f in outcome.findings] == ["CC001"]
    assert outcome.findings[0].sides[0].location.path == "script.docx"


def test_zip_that_is_not_word_is_a_parse_error(tmp_path: Path, script: Path) -> None:
    import zipfile

    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(SourceError):
        list(docx_script.parse(Document("other.docx", path, "store")))


def test_docx_recognised_without_its_extension(tmp_path: Path, script: Path) -> None:
    renamed = tmp_path / "script.bin"
    renamed.write_bytes(script.read_bytes())
    assert detect_format(Document("script.bin", renamed, "store")) == "docx"


def test_real_call_script_as_word(real_samples: Path, tmp_path: Path) -> None:
    """The real call script (a text export of a .docx) rebuilt as Word: ALL-CAPS lines as headings."""
    source = real_samples / "agent_store_scripts/connectcleaning__call-script/source/Connect_Cleaning_Call_Script.txt"
    word = docx.Document()
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if is_title(line) == 1:
            word.add_heading(line.strip(), level=1)
        else:
            word.add_paragraph(line.strip())
    path = tmp_path / "Connect_Cleaning_Call_Script.docx"
    word.save(str(path))
    _, statements = parse_file(path, tmp_path)
    first, last = statements[0], statements[-1]
    assert (first.location.pointer, first.question, first.text) == (
        "paragraph 1",
        "Connect Cleaning Call Script",
        "Tab 1: Full Script with Coaching Notes",
    )
    assert last.question == "COMMERCIAL / HOA CLEANING"
    assert last.text.startswith("\"Perfect, I've got you down for [day and time].")
    assert all(s.location.line is None and s.location.pointer for s in statements)
    windows = [s.text for s in statements if s.question == "WINDOW CLEANING"]
    assert (
        "Minimum job is $197. If the square-footage math lands below that, the price is $197, not the lower number."
        in windows
    )


def test_copy_of_element_keeps_text() -> None:
    """paragraph_text reads insertions inside nested runs of a detached element too."""
    word = docx.Document()
    paragraph = word.add_paragraph()
    _tracked(paragraph, "a", "b", "c")
    assert docx_script.paragraph_text(copy.deepcopy(paragraph._p)) == "ab"


def test_heading_style_named_by_id_in_a_document_without_styles(tmp_path: Path) -> None:
    """A document written without a styles part still names its headings' styles ("Heading1", "Title")."""
    import zipfile

    paragraphs = (("Title", "Front desk script"), ("Heading1", "Walk-in patients"), ("", "Walk-ins are welcome."))
    body = "".join(
        "<w:p>"
        + (f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else "")
        + f"<w:r><w:t>{text}</w:t></w:r></w:p>"
        for style, text in paragraphs
    )
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    path = tmp_path / "desk.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
            'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
            '+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>',
        )
    fmt, statements = parse_file(path, tmp_path)
    assert fmt == "docx"
    assert [(s.question, s.text) for s in statements] == [("Walk-in patients", "Walk-ins are welcome.")]


def test_a_bold_quotation_closed_the_german_or_french_way_is_said_not_a_heading(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_heading("Tageskarten", level=1)
    word.add_paragraph().add_run("„Tageskarten sind nicht erstattbar.“").bold = True
    word.add_paragraph().add_run("« Les billets ne sont pas remboursables. »").bold = True
    word.add_paragraph().add_run("Bei Regen").bold = True  # a bold line that says nothing: a sub-heading
    word.add_paragraph("Die Fahrt findet trotzdem statt.")
    path = tmp_path / "leitfaden.docx"
    word.save(str(path))
    _, statements = parse_file(path, tmp_path)
    assert [(s.question, s.text) for s in statements] == [
        ("Tageskarten", "„Tageskarten sind nicht erstattbar.“"),
        ("Tageskarten", "« Les billets ne sont pas remboursables. »"),
        ("Bei Regen", "Die Fahrt findet trotzdem statt."),
    ]


def test_a_cell_spanning_two_columns_keeps_the_cells_after_it_under_their_headers(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_heading("Prices", level=1)
    table = word.add_table(rows=3, cols=4)
    for cell, text in zip(table.rows[0].cells, ("Ticket", "Weekday", "Weekend", "Holiday"), strict=True):
        cell.text = text
    adult = table.rows[1].cells
    adult[0].text, adult[3].text = "Adult", "$25"
    adult[1].merge(adult[2]).text = "$20"
    title = table.rows[2].cells[0].merge(table.rows[2].cells[3])
    title.text = "Children under 3 go free."
    path = tmp_path / "prices.docx"
    word.save(str(path))
    _, statements = parse_file(path, tmp_path)
    assert [s.text for s in statements if s.origin == "table"] == [
        "Adult | Weekday: $20 | Weekend: $20 | Holiday: $25",
        "Children under 3 go free.",
    ]
