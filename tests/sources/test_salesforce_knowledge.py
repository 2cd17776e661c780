"""Salesforce Knowledge CSV: locations inside multi-line cells, import packages, skipped versions, broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consistency_check.sources import detect_format, salesforce_knowledge
from consistency_check.sources.base import Document, SourceError
from tests.sources.conftest import FIXTURES, parse_file

FOLDER = FIXTURES / "salesforce_knowledge"


def _parse(path: Path, root: Path) -> list:  # type: ignore[type-arg]
    return list(salesforce_knowledge.parse(Document(path.relative_to(root).as_posix(), path, "agent")))


def test_pointer_locale_and_rich_text_file_location() -> None:
    statements = _parse(FOLDER / "import/articles.csv", FOLDER)
    summary = statements[1]
    assert (summary.location.path, summary.location.line, summary.location.pointer) == (
        "import/articles.csv",
        4,
        "row 2, column Summary",
    )
    assert summary.locale == "en_US"
    rich = statements[3]
    assert (rich.location.path, rich.location.line) == ("import/data/returns.html", 2)
    assert rich.origin == "Details__c" and rich.question == "Return window: Refunds"
    assert statements[5].locale == "fr"


def test_data_loader_versions_and_visibility() -> None:
    statements = _parse(FOLDER / "dataloader/knowledge_kav.csv", FOLDER)
    texts = [s.text for s in statements]
    assert not any("2-4 business days" in t or "60 days" in t for t in texts)  # draft, archived
    internal = [s for s in statements if s.question == "Price overrides (agents)"]
    assert internal and all(s.condition == "internal only" for s in internal)
    assert statements[2].location.pointer == "row 2, column ANSWER__C"


def test_properties_choose_encoding_and_separator(tmp_path: Path) -> None:
    (tmp_path / "import.properties").write_text("CSVEncoding=ISO8859_1\nCSVSeparator=;\n", encoding="ascii")
    (tmp_path / "articles.csv").write_bytes("Title;Summary\nRetour;Délai de 30 jours.\n".encode("latin-1"))
    statements = _parse(tmp_path / "articles.csv", tmp_path)
    assert [(s.question, s.text, s.location.line) for s in statements] == [("Retour", "Délai de 30 jours.", 2)]


def test_space_after_separator_before_quote(tmp_path: Path) -> None:
    """As in the real FinAid export: ``"New York, NY", "June 30, 2022, …"`` is two fields."""
    path = tmp_path / "kb.csv"
    path.write_text('Title,Summary,URLName\n"New York, NY", "June 30, 2022, by midnight CT.",ny\n', encoding="utf-8")
    statements = _parse(path, tmp_path)
    assert [(s.question, s.text) for s in statements] == [("New York, NY", "June 30, 2022, by midnight CT.")]


def test_unterminated_quote_is_located(tmp_path: Path) -> None:
    path = tmp_path / "kb.csv"
    path.write_text('Title,Summary\nA,"fine"\nB,"never closed\nstill inside\n', encoding="utf-8")
    with pytest.raises(SourceError) as info:
        _parse(path, tmp_path)
    assert info.value.line is not None and info.value.line >= 3


def test_row_with_too_many_fields_is_reported_after_the_good_rows(tmp_path: Path) -> None:
    path = tmp_path / "kb.csv"
    path.write_text("Title,Summary\nA,one two\nB,x,y,z\nC,three four\n", encoding="utf-8")
    doc = Document("kb.csv", path, "agent")
    read = []
    with pytest.raises(SourceError) as info:
        for statement in salesforce_knowledge.parse(doc):
            read.append(statement.text)
    assert read == ["one two", "three four"]
    assert info.value.line == 3 and "row 3" in info.value.message


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        ("Title,Summary,UrlName\nA,b c,a\n", "kb.csv", "salesforce_knowledge"),
        ('"ID","TITLE","PUBLISHSTATUS"\n"1","A","Online"\n', "export.csv", "salesforce_knowledge"),
        ("\ufeffTitle,Answer__c\nA,b c\n", "export", "salesforce_knowledge"),
        ("CSVEncoding=UTF8\nCSVSeparator=,\n", "import.properties", "salesforce_knowledge"),
        ("Title,Body\nA,b\n", "posts.csv", None),
        ("name=value\n", "app.properties", None),
    ],
)
def test_sniff(tmp_path: Path, content: str, name: str, expected: str | None) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect_format(Document(name, path, "agent")) == expected


def test_html_outside_an_import_package_is_not_claimed(tmp_path: Path) -> None:
    page = tmp_path / "faq.html"
    page.write_text("<h2>Returns?</h2><p>30 days.</p>", encoding="utf-8")
    assert detect_format(Document("faq.html", page, "web")) == "html"


REAL = "salesforce_knowledge/Salesforce-org-Impact-Labs__FinAidBot/datasets/"
GOLDEN = [
    # file, [(line, pointer, question, text start)] for the first, a middle and the last statement
    (
        "FAFSA Knowledge Articles.csv",
        [
            (2, "row 2, column Summary", "Academic Year", "An academic year is one complete school year"),
            (
                180,
                "row 167, column Summary",
                "FAFSA Question 48",
                "Question 48 is asking to confirm if you are in the military",
            ),
            (
                403,
                "row 319, column Summary",
                "Wyoming, WY - FAFSA State Deadline 2021",
                "Check with your financial aid administrator.",
            ),
        ],
    ),
    (
        "FAFSA Form Questions Knowledge Articles - Synthetic.csv",
        [
            (
                2,
                "row 2, column Summary",
                "FAFSA Application Question 1",
                "Placeholder for FAFSA Form Question 1 Complete",
            ),
            (
                121,
                "row 109, column Summary",
                "FAFSA Application Question 101h",
                "Placeholder for FAFSA Form Question 101i",
            ),
            (
                123,
                "row 109, column Summary",
                "FAFSA Application Question 101h",
                "Complete the form online at Complete the form",
            ),
        ],
    ),
]


@pytest.mark.parametrize(("name", "expected"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_real_exports(real_samples: Path, name: str, expected: list[tuple[int, str, str, str]]) -> None:
    _, statements = parse_file(real_samples / REAL / name, real_samples)
    picks = [statements[0], next(s for s in statements if s.location.line == expected[1][0]), statements[-1]]
    for statement, (line, pointer, question, text) in zip(picks, expected, strict=False):
        assert (statement.location.line, statement.location.pointer, statement.question) == (line, pointer, question)
        assert statement.text.startswith(text), statement.text


def test_real_export_reads_every_row(real_samples: Path) -> None:
    _, statements = parse_file(real_samples / REAL / "FAFSA Knowledge Articles.csv", real_samples)
    assert len({s.location.pointer for s in statements}) == 318  # every article row has a Summary
    new_york = [s for s in statements if s.question == "New York, NY - FAFSA State Deadline 2021"]
    assert [s.text for s in new_york] == ["June 30, 2022, by midnight CT. Additional forms might be required."]
    assert new_york[0].location.line == 372


def _encode(field: str) -> str:
    """One field as the csv module writes it (quoted when it needs to be)."""
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([field])
    return out.getvalue()[:-2]


@given(st.lists(st.text(alphabet='ab ,"\n', max_size=12), min_size=1, max_size=6), st.integers(1, 50))
def test_field_lines_match_the_written_record(fields: list[str], start: int) -> None:
    encoded = [_encode(f) for f in fields]
    raw = ",".join(encoded) + "\n"
    expected = [start + ",".join(encoded[:k]).count("\n") for k in range(len(fields))]
    assert salesforce_knowledge._field_lines(raw, ",", start, len(fields)) == expected
