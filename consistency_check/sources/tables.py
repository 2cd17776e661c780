"""Table rows as statements, shared by the adapters that read tables (HTML, Markdown, Word).

A row is one statement: its cells joined by ``" | "``, the first cell naming
the item the row is about. Where the table names its columns, each other cell
is written under its column header ("First checked bag | Online: $35 | At the
airport: $40"), so that two values of one row stay told apart by what their
columns say, as a reader of the table tells them apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

CELL_SEP = " | "
#: A cell that is a value: it starts with a number or a price ("$35", "2-5 business days", "6:00 AM"),
#: not a sentence that happens to hold one ("Available in more than 215 countries").
_VALUE_CELL = re.compile(r"\s*(?:[$€£¥]|(?:USD|EUR|GBP)\s?)?\d")
_LABELLED = re.compile(r"^[^:：|]{1,40}[:：]\s")
#: Longest header carried into a cell: a longer one is a sentence, not a column name.
MAX_HEADER = 40


def is_header_row(cells: Sequence[str]) -> bool:
    """A first row naming columns: two or more cells, none of them empty or a value ("Adult (19–64)" names a
    column; "$2.00" or "30 days" is a value)."""
    return len(cells) >= 2 and all(c.strip() and not _VALUE_CELL.match(c) for c in cells)


_ASIDE = re.compile(r"\s*\([^()]*\)")


def header_name(header: str) -> str:
    """How a column header is written before a cell: its words, without a trailing colon, without the
    notes in brackets when it is long ("Reduced (Senior 65+, Disability, Medicare)": "Reduced"); "" when
    it is still too long to be a name."""
    name = " ".join(header.split()).rstrip(":： ")
    if len(name) > MAX_HEADER:
        name = " ".join(_ASIDE.sub("", name).split())
    return name if len(name) <= MAX_HEADER else ""


def under_headers(headers: Sequence[str], cells: Sequence[str]) -> list[str]:
    """``cells`` with every cell after the first prefixed by its column header ("Online: $35", "Youth: $1.00").

    A reader reads each cell under its column: two prices of one row, or "Included" and "Not included"
    under two plans, are told apart by what their columns say. Cells stay as they are when the header
    row does not line up with the row (a different number of cells), the header is empty or too long to
    be a name, the cell is empty, already labelled ("Fee: $5") or already says its header.
    """
    if len(headers) != len(cells):
        return list(cells)
    out = [cells[0]] if cells else []
    for header, cell in zip(headers[1:], cells[1:], strict=True):
        name = header_name(header)
        if not name or not cell.strip() or _LABELLED.match(cell) or name.lower() in cell.lower():
            out.append(cell)
        else:
            out.append(f"{name}: {cell}")
    return out


def join_row(cells: Sequence[str]) -> str:
    """The statement text of a row: its non-empty cells joined by ``" | "``."""
    return CELL_SEP.join(c for c in cells if c)


__all__ = ["CELL_SEP", "MAX_HEADER", "header_name", "is_header_row", "join_row", "under_headers"]
