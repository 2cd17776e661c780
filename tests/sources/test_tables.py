"""Table rows: value cells written under their column headers, whatever format the table came from."""

from __future__ import annotations

import pytest

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
        # One value in the row: no column to tell it from another.
        (["Bag", "Online", "At the airport"], ["Third bag", "$150", ""], "Third bag | $150"),
        (["Zone", "Price"], ["EU", "€5"], "EU | €5"),
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
            "Post | Ships to 215 countries | 2-5 days",
        ),
        # Headers that do not line up, numeric headers and sentences are not carried.
        (["Plan", "Fee"], ["Basic", "$5", "$20 monthly"], "Basic | $5 | $20 monthly"),
        (["Plan", "2026", "2027"], ["Basic", "$5", "$6"], "Basic | $5 | $6"),
        (
            ["Plan", "What you pay each month if you keep the plan for a year", "Deposit"],
            ["Basic", "$5", "$20"],
            "Basic | $5 | Deposit: $20",
        ),
        ([], ["Basic", "$5", "$20"], "Basic | $5 | $20"),
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


def test_html_table_without_header_row_is_unchanged() -> None:
    html = "<table><tr><td>1st bag</td><td>$35</td><td>$40</td></tr></table>"
    assert fragment_text(html) == "1st bag | $35 | $40"
