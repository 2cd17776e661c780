"""Table rows: value cells written under their column headers, whatever format the table came from."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from consistency_check.facts import extract_facts
from consistency_check.sources import docx_script, markdown
from consistency_check.sources.base import Document
from consistency_check.sources.htmltext import fragment_text
from consistency_check.sources.tables import is_header_row, join_row, under_headers


@pytest.mark.parametrize(
    ("headers", "cells", "expected"),
    [
        (
            ["Bag", "Online", "At the airport"],
            ["First bag", "$35", "$40"],
            "First bag | Online: $35 | At the airport: $40",
        ),
        (
            ["Bag", "Online", "At the airport"],
            ["Third bag", "$150", "$175"],
            "Third bag | Online: $150 | At the airport: $175",
        ),
        # One value in the row keeps what it is of.
        (["Bag", "Online", "At the airport"], ["Third bag", "$150", ""], "Third bag | Online: $150"),
        (["Zone", "Price"], ["EU", "€5"], "EU | Price: €5"),
        # No value in the row (and none of two in its table): left alone.
        (["Zone", "Note"], ["EU", "Ships from Lyon"], "EU | Ships from Lyon"),
        # Already labelled, or already saying its header: left alone.
        (
            ["Plan", "Fee", "Deposit", "Setup"],
            ["Basic", "Fee: $5", "$20", "$10"],
            "Basic | Fee: $5 | Deposit: $20 | Setup: $10",
        ),
        (
            ["Plan", "Delivery", "Deposit"],
            ["Basic", "2 days delivery", "$20"],
            "Basic | 2 days delivery | Deposit: $20",
        ),
        # A sentence holding a number is no value cell.
        (
            ["Method", "Description", "Time"],
            ["Post", "Ships to 215 countries", "2-5 days"],
            "Post | Description: Ships to 215 countries | Time: 2-5 days",
        ),
        # Headers that do not line up, numeric headers and sentences are not carried.
        (["Plan", "Fee"], ["Basic", "$5", "$20 monthly"], "Basic | $5 | $20 monthly"),
        (["Plan", "2026", "2027"], ["Basic", "$5", "$6"], "Basic | $5 | $6"),
        (["Plan", "After 6 PM", "1-3 days"], ["Basic", "$5", "$6"], "Basic | $5 | $6"),
        # A count over a price says which price it is.
        (
            ["Copies", "Per page", "500+ pages"],
            ["Colour", "$0.59", "$0.49"],
            "Colour | Per page: $0.59 | 500+ pages: $0.49",
        ),
        # A number beside words names the column; a parenthesis holding one is left out of the name.
        (
            ["Bin", "2025 season", "2026 season"],
            ["Brown bin", "£48", "£52"],
            "Brown bin | 2025 season: £48 | 2026 season: £52",
        ),
        (
            ["Room", "Full day (7:00 AM-6:00 PM)", "Half day (8:00 AM-12:30 PM)"],
            ["Toddler", "$78", "$52"],
            "Toddler | Full day: $78 | Half day: $52",
        ),
        # The words of such a parenthesis still say whom the column is for.
        (
            ["Trip", "Snorkeller (adult)", "Snorkeller (child 6–14)"],
            ["Reef trip", "$120", "$95"],
            "Reef trip | Snorkeller (adult): $120 | Snorkeller (child): $95",
        ),
        # A header stating a value is named by its other words; the value stays out of every cell.
        (
            ["Room", "With engineer, Mon–Fri 10am–10pm", "Weekday daytime (Mon–Fri before 5 PM)", "Peak (9am-6pm)"],
            ["Studio A", "$95/hr", "$18", "$40"],
            "Studio A | With engineer: $95/hr | Weekday daytime (Mon Fri): $18 | Peak: $40",
        ),
        # A bracketed aside does not count towards a header's length.
        (
            ["Piano", "First floor", "Each additional floor (per flight of stairs)"],
            ["Upright", "€180", "€40"],
            "Upright | First floor: €180 | Each additional floor (per flight of stairs): €40",
        ),
        (
            ["Plan", "What you pay each month if you keep the plan for a year", "Deposit"],
            ["Basic", "$5", "$20"],
            "Basic | $5 | Deposit: $20",
        ),
        ([], ["Basic", "$5", "$20"], "Basic | $5 | $20"),
        # A period alone over a price is what the price is for ("6 days: €180" is read as the price of 6 days); a time
        # of day is not a period.
        (["Equipment", "1 day", "6 days"], ["Skis", "€35", "€180"], "Skis | 1 day: €35 | 6 days: €180"),
        (["Lockout", "Day", "Night"], ["Car", "$85", "$135"], "Car | Day: $85 | Night: $135"),
        (["Course", "1 week", "2 weeks"], ["Spanish", "12 lessons", "24 lessons"], "Spanish | 12 lessons | 24 lessons"),
        # A price written with its currency's code is a value too.
        (["Lesson", "Per day"], ["Group", "CHF 95"], "Group | Per day: CHF 95"),
        # A surcharge is a value too.
        (["Extra", "Price"], ["Double mat", "+$25"], "Double mat | Price: +$25"),
        # So are a phone number in brackets and a price or a time said in a word.
        (["Desk", "Phone"], ["City reception", "(02) 5550 1188"], "City reception | Phone: (02) 5550 1188"),
        (["Hire", "Charge per dog"], ["Day boat", "Free"], "Day boat | Charge per dog: Free"),
        (["Day", "Hours"], ["Wednesday–Friday", "Noon–8pm"], "Wednesday–Friday | Hours: Noon–8pm"),
        (["Day", "Gate"], ["Sunday", "Closed"], "Sunday | Gate: Closed"),
        (["Service", "Notes"], ["Delivery", "Freely arranged by the team"], "Delivery | Freely arranged by the team"),
        # A date written with its month's name is a value: which column it is in tells a start from an end.
        (
            ["Holiday", "From", "To"],
            ["Thanksgiving", "November 24, 2026", "Nov. 29, 2026"],
            "Thanksgiving | From: November 24, 2026 | To: Nov. 29, 2026",
        ),
        (
            ["Holiday", "Note", "To"],
            ["Christmas", "May be busy", "Dec 27"],
            "Christmas | Note: May be busy | To: Dec 27",
        ),
        # ... and so is one after its day of the week.
        (
            ["Session", "Dates", "Visiting Day"],
            ["B", "Sunday, July 19 – Saturday, August 1", "Sunday, July 26"],
            "B | Dates: Sunday, July 19 – Saturday, August 1 | Visiting Day: Sunday, July 26",
        ),
        (
            ["Session", "Dates", "Visiting Day"],
            ["B", "Sun 19 July – Sat 1 August", "Sun 26 July"],
            "B | Dates: Sun 19 July – Sat 1 August | Visiting Day: Sun 26 July",
        ),
    ],
)
def test_under_headers(headers: list[str], cells: list[str], expected: str) -> None:
    assert join_row(under_headers(headers, cells)) == expected


@pytest.mark.parametrize(
    ("cells", "expected"),
    [(["Day", "Ticket counter open"], True), (["Monday", "9:00 AM"], False), (["Day"], False), (["Day", ""], False)],
)
def test_header_row(cells: list[str], expected: bool) -> None:
    assert is_header_row(cells) is expected


def test_html_header_row_of_th_cells_names_the_columns() -> None:
    html = (
        "<table><tr><th>Bag</th><th>Online</th><th>Airport</th></tr>"
        "<tr><td>1st bag</td><td>$35</td><td>$40</td></tr></table>"
    )
    assert fragment_text(html) == "1st bag | Online: $35 | Airport: $40"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        # A rich-text editor's header: bold <td> cells, or <td> cells in a <thead>.
        ("<tr><td><strong>Plan</strong></td><td><b>Meals</b></td><td><strong>Price</strong></td></tr>", True),
        ("<thead><tr><td>Plan</td><td>Meals</td><td>Price</td></tr></thead>", True),
        # Not a header: a bold first row holding a number, or a table whose every row is bold.
        ("<tr><td><b>Plan 1</b></td><td><b>Meals</b></td><td><b>Price</b></td></tr>", False),
    ],
)
def test_html_header_row_of_td_cells_names_the_columns(head: str, expected: bool) -> None:
    html = f"<table>{head}<tr><td>2-person</td><td>3</td><td>$11.99</td></tr></table>"
    named = "2-person | Meals: 3 | Price: $11.99"
    assert (fragment_text(html) == named) is expected


def test_a_bound_before_a_number_is_a_value_cell() -> None:
    html = (
        "<table><tr><th></th><th>Mill Street</th><th>Quayside</th></tr>"
        "<tr><td>Class size</td><td>Up to 12</td><td>Up to 10</td></tr></table>"
    )
    assert fragment_text(html) == "Class size | Mill Street: Up to 12 | Quayside: Up to 10"


def test_html_table_without_header_row_is_unchanged() -> None:
    html = "<table><tr><td>1st bag</td><td>$35</td><td>$40</td></tr></table>"
    assert fragment_text(html) == "1st bag | $35 | $40"


#: One table in three formats: a row with two values, a row whose other cell is a word, a row with one value.
_HOURS = [["Day", "Office", "Gate access"], ["Weekdays", "9:00 AM - 6:00 PM", "6:00 AM - 10:00 PM"],
          ["Sunday", "Closed", "6:00 AM - 10:00 PM"], ["Holidays", "", "8:00 AM - 8:00 PM"]]  # fmt: skip
_EVERY_ROW = [
    "Weekdays | Office: 9:00 AM - 6:00 PM | Gate access: 6:00 AM - 10:00 PM",
    "Sunday | Office: Closed | Gate access: 6:00 AM - 10:00 PM",
    "Holidays | Gate access: 8:00 AM - 8:00 PM",
]


def _html_table(rows: list[list[str]]) -> str:
    head = "".join(f"<th>{c}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows[1:])
    return f"<table><tr>{head}</tr>{body}</table>"


def _markdown_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows[1:]]) + "\n"


@pytest.mark.parametrize("fmt", ["html", "markdown", "docx"])
def test_every_row_of_a_table_of_values_keeps_its_columns(fmt: str, tmp_path: Path) -> None:
    """A table whose rows hold two values writes every row under its headers, whatever its format: a row
    whose other cell is a word ("Closed") or empty keeps its one value's column too."""
    if fmt == "html":
        texts = [t for t in fragment_text(_html_table(_HOURS)).split("\n") if t]
    else:
        path = tmp_path / ("hours.md" if fmt == "markdown" else "hours.docx")
        if fmt == "markdown":
            path.write_text("# Hours\n\n" + _markdown_table(_HOURS), encoding="utf-8")
        else:
            word = docx.Document()
            table = word.add_table(rows=len(_HOURS), cols=3)
            for r, row in enumerate(_HOURS):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            word.save(str(path))
        reader = markdown if fmt == "markdown" else docx_script
        texts = [s.text for s in reader.parse(Document(path.name, path, "store")) if " | " in s.text]
    assert texts == _EVERY_ROW


def test_a_bold_first_row_of_a_word_table_names_its_columns_though_it_holds_a_number(tmp_path: Path) -> None:
    """Word seldom marks a header row; a bold first row over rows that are not is one, even when a header states
    a value ("4 hours" over a price: the period the price is for)."""
    rows = [["Item", "4 hours", "Day", "Week"], ["Mini excavator", "$219", "$329", "$1,150"]]
    word = docx.Document()
    table = word.add_table(rows=2, cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).paragraphs[0].add_run(text).bold = r == 0
    path = tmp_path / "quotes.docx"
    word.save(str(path))
    texts = [s.text for s in docx_script.parse(Document(path.name, path, "store")) if " | " in s.text]
    assert texts == ["Mini excavator | 4 hours: $219 | Day: $329 | Week: $1,150"]
    facts = extract_facts(texts[0])
    assert [(f.kind, f.role) for f in facts] == [("money", "per:4 hours"), ("money", ""), ("money", "")]


def test_a_rows_first_cell_gives_its_days_to_the_hours_of_every_column(tmp_path: Path) -> None:
    """A row "Monday–Friday | In season: 8:00 AM–7:00 PM | Off season: 9:00 AM–5:00 PM" gives weekday hours twice."""
    from consistency_check.config import Config
    from consistency_check.discovery import SourceFile
    from consistency_check.reading import read_source

    page = tmp_path / "hours.md"
    page.write_text(
        "# Store hours\n\n| Days | In season | Off season |\n|---|---|---|\n"
        "| Monday–Friday | 8:00 AM–7:00 PM | 9:00 AM–5:00 PM |\n| Sunday | 9:00 AM–4:00 PM | Closed |\n",
        encoding="utf-8",
    )
    outcome = read_source(SourceFile("hours.md", page, "web", "markdown", ""), Config(root=tmp_path))
    hours = [f.value for s in outcome.statements for f in s.facts if f.kind == "hours"]
    assert hours == ["Mon-Fri 08:00-19:00", "Mon-Fri 09:00-17:00", "Sun 09:00-16:00"]
