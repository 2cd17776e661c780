"""Table rows as statements, shared by the adapters that read tables (HTML, Markdown, Word).

A row is one statement: its cells joined by ``" | "``, the first cell naming
the item the row is about. In a row holding a value each cell is written under
its column header ("First checked bag | Online: $35 | At the airport: $40",
"EU | Price: €5"), so that two prices of one row stay told apart by what their
columns say, and a lone value keeps what it is of ("Platelets | Points: 200"),
as a reader of the table tells them; in a table whose rows hold two or more
values every row is, including one whose other cells are words ("Sunday |
Office: Closed | Gate: 6:00 AM – 10:00 PM").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from consistency_check.facts import extract_facts
from consistency_check.facts.dates import MONTH_NAME, WEEKDAY
from consistency_check.facts.money import ISO_CODES, PERIOD_UNITS

CELL_SEP = " | "
_DIGIT = re.compile(r"\d")
#: A cell that is a value: it starts with a number or a price ("$35", "2-5 business days", "6:00 AM", "(02) 5550 1188";
#: after a bound: "Up to 12", "From $45"; a surcharge: "+$15"), is a date written with its month's name ("November 24,
#: 2026", "Sept. 1") or a price or a time said in a word ("Free", "No charge", "Closed", "Noon–8pm"), not a sentence
#: that happens to hold one ("Available in more than 215 countries").
_VALUE_CELL = re.compile(
    r"\s*(?:(?:up\s+to|from|under|over|at\s+least|at\s+most|about|around|approx\.?|max\.?|min\.?|only)\s+)?"
    rf"(?:\+\s?)?(?:(?:[$€£¥₹]|(?:r|c|ca|a|au|nz|us|hk)\$|(?:{'|'.join(ISO_CODES)})\s?)?\(?\d"
    # a date after its day of the week ("Sunday, July 12", "Sun 12 July"): the date is the cell's value
    rf"|(?:{WEEKDAY}\s+)?{MONTH_NAME}\s*\d{{1,2}}(?:st|nd|rd|th)?\b(?![:.]\d)"
    rf"|{WEEKDAY}\s+\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_NAME}\b"
    r"|(?:free|no\s+charge|closed|noon|midday|midnight)\b)",
    re.IGNORECASE,
)
_LABELLED = re.compile(r"^[^:：|]{1,40}[:：]\s")
#: A period alone, as a column header of hire prices names one.
_PERIOD = re.compile(rf"(?:\d{{1,3}}|one|a|per)\s*(?:{PERIOD_UNITS})s?", re.IGNORECASE)
#: Longest header carried into a cell: a longer one is a sentence, not a column name.
MAX_HEADER = 40
#: A parenthesis in a header that holds a number: what the column's values are measured in or when they apply
#: ("Half day (8:00 AM-12:30 PM)", "Plan B (2 users)"), not its name.
_NAMING_WORD = re.compile(r"[^\W\d_]{2,}")
_NUMBERED_ASIDE = re.compile(r"\s*[(\[][^()\[\]]*\d[^()\[\]]*[)\]]")
#: Any bracketed aside: a note on a header's name, left out of its length.
_ASIDE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")


#: Words of a numbered aside that belong to its numbers ("8:00 AM-12:30 PM", "2 hours", "up to 4"), not to a name.
_ASIDE_UNITS = frozenset(
    "am pm to from and or up per max min approx about each every only before after until till incl excl gst vat tax"
    " hr hrs hour hours minute"
    " minutes mins day days week weeks month months year years yr yrs".split()
)


def _aside_words(aside: re.Match[str]) -> str:
    """A numbered aside without its numbers: the words naming who or what the column is for ("Snorkeller (child
    6–14)": "Snorkeller (child)"), or nothing ("Half day (8:00 AM-12:30 PM)": "Half day")."""
    words = [w for w in _NAMING_WORD.findall(aside.group(0)) if w.lower() not in _ASIDE_UNITS]
    return f" ({' '.join(words)})" if words else " "


#: Kinds of value a heading states as a claim of its own, not only as what its section is about: a contact or an
#: amount ("Bookings line 1300 733 482", "Plans from $9 a month"). A count, a date or a length in a heading names
#: its section ("Step 2", "2026 dates", "30-day returns").
_HEADING_KINDS = frozenset({"phone", "email", "url", "money", "hours"})


#: A phone number of any country: groups of digits with spaces, dots or hyphens between them ("1300 733 482",
#: "01632 960100", "+43 1 555 0187"), seven to fifteen digits in all.
_PHONE_LIKE = re.compile(r"(?<![\w.,/-])\+?\(?\d{1,5}\)?(?:[ .-]\d{1,6}){1,4}(?![\w.,/-])")
_NOT_DIGIT = re.compile(r"\D")


def _phone_like(text: str) -> bool:
    return any(7 <= len(_NOT_DIGIT.sub("", m.group())) <= 15 for m in _PHONE_LIKE.finditer(text))


@lru_cache(maxsize=4096)
def states_value(heading: str, locale: str) -> bool:
    """Whether a heading in ``locale`` states a contact or an amount (see :data:`_HEADING_KINDS`)."""
    if _DIGIT.search(heading) is None and "@" not in heading and "." not in heading:
        return False  # most headings: no value to look for
    if _phone_like(heading):
        return True  # a phone number of any country (the region a page is read in is not known here)
    return any(f.kind in _HEADING_KINDS for f in extract_facts(heading, locale=locale))


def is_header_row(cells: Sequence[str]) -> bool:
    """A first row naming columns: two or more cells, none of them empty or holding a number."""
    return len(cells) >= 2 and all(c.strip() and not _DIGIT.search(c) for c in cells)


def _values(cells: Sequence[str]) -> int:
    """How many cells after the first are values (start with a number or a price)."""
    return sum(1 for c in cells[1:] if _VALUE_CELL.match(c))


def by_column(rows: Iterable[Sequence[str]]) -> bool:
    """Whether a table's values are told apart by their columns: a row of it holds two or more values."""
    return any(_values(cells) >= 2 for cells in rows)


@lru_cache(maxsize=4096)
def column_name(header: str) -> str:
    """The name a column header gives each of its cells ("" when it gives none).

    A header is carried without a parenthesis holding a number ("Half day (8:00 AM-12:30 PM)": "Half day"),
    and not at all when it states a value of its own ("After 6 PM", "1-3 days") or is longer than
    :data:`MAX_HEADER`: carried into every cell, such a value would be read as the cell's too. A number that
    is no value names the column with the words beside it ("2025 season", "Zone 3"): it is what tells the
    column's values apart; a number alone ("2026", "1") is not carried.
    """
    name = " ".join(header.split()).rstrip(":： ")
    if _DIGIT.search(name):
        name = " ".join(_NUMBERED_ASIDE.sub(_aside_words, name).split())
        if _DIGIT.search(name):
            name = _without_values(name)
    # A bracketed aside is a note on the name, not part of its length ("Each additional floor (per flight of stairs)").
    return name if len(_ASIDE.sub("", name)) <= MAX_HEADER else ""


def _without_values(header: str) -> str:
    """A header stating values named by its other words ("With engineer, Mon–Fri 10am–10pm": "With engineer"),
    or "" when no word names anything beside the values ("After 6 PM", "4 hours") or a number is left that no
    value holds alone ("2026")."""
    facts = extract_facts(header)
    if not facts:
        return header if _NAMING_WORD.search(header) else ""
    if any(f.kind == "count" for f in facts):
        return ""  # a count says which rows the column is for: carried whole or not at all (_other_kind)
    kept, at = [], 0
    for fact in sorted(facts, key=lambda f: f.span):
        kept.append(header[at : fact.span[0]])
        at = max(at, fact.span[1])
    kept.append(header[at:])
    rest = " ".join(" ".join(kept).split()).strip(" ,;:–-/&()")
    named = [w for w in _NAMING_WORD.findall(rest) if w.lower() not in _ASIDE_UNITS]
    return rest if named and not _DIGIT.search(rest) else ""


def under_headers(headers: Sequence[str], cells: Sequence[str], *, table: bool = False) -> list[str]:
    """``cells`` with every cell after the first prefixed by its column header ("Online: $35").

    Cells stay as they are when the header row does not line up with the row
    (a different number of cells), the header names nothing (:func:`column_name`), the
    cell is empty, already labelled ("Fee: $5") or already says its header —
    and the whole row stays as it is when it holds no value (a cell starting with
    a number or a price) and (``table``, from :func:`by_column`) its table no row
    of two values.
    """
    if len(headers) != len(cells) or (not table and not _values(cells)):
        return list(cells)
    out = [cells[0]] if cells else []
    for header, cell in zip(headers[1:], cells[1:], strict=True):
        name = column_name(header) or _other_kind(header, cell)
        if not name or not cell.strip() or _LABELLED.match(cell) or name.lower() in cell.lower():
            out.append(cell)
        else:
            out.append(f"{name}: {cell}")
    return out


def _other_kind(header: str, cell: str) -> str:
    """A header stating a count over a cell of another kind, carried whole: "Per page, 500+ pages" over "$0.09"
    and "100+ prints" over "$0.29" say which price it is (a bulk one), a count the row then states too; a header
    that is a period alone over a price ("6 days" over "€180"), which the price is for ("6 days: €180" is read as
    its period's price). "" for any other header stating a value: a time or a length ("After 6 PM", "4 hours")
    carried into every row would be read as an opening time or a length of each row's own."""
    name = _count_header(header)
    if name:
        return name if all(f.kind != "count" for f in extract_facts(cell)) else ""
    period = _period_header(header)
    return period if period and {f.kind for f in extract_facts(cell)} == {"money"} else ""


@lru_cache(maxsize=4096)
def _period_header(header: str) -> str:
    """The header when it is a period alone, counted ("1 day", "6 days", "One week", "Per day"), else "" ("Day" and
    "Night" over two prices are times of day)."""
    name = " ".join(header.split()).rstrip(":： ")
    return name if _PERIOD.fullmatch(name) else ""


@lru_cache(maxsize=4096)
def _count_header(header: str) -> str:
    """The header as a column name when the only value it states is a count ("" otherwise); read once per table,
    not once per row."""
    name = " ".join(header.split()).rstrip(":： ")
    if len(name) > MAX_HEADER or not _NAMING_WORD.search(name):
        return ""
    return name if {f.kind for f in extract_facts(name)} == {"count"} else ""


#: A line of a list set with leaders between an item and its value ("Adult group lesson ........ EUR45",
#: "Locker (per day) - - - - $8"): four or more dots, middle dots or dashes, or two ellipses, with words before and
#: something after. Each such line is an item of its own, as a table row is. (Underscores are a blank to fill in,
#: "this is _____.", not a leader.) Four marks in a row are looked for first: most lines have none.
_LEADER_ONLY = re.compile(r"(?:[.·\-–][ \t]*){4}|…[ \t]*…")


#: A run of leader marks, from its first mark (dots, middle dots or dashes; or ellipses), spaces between them.
_MARK_RUN = re.compile(r"[.·\-–](?:[ \t]*[.·\-–])*|…(?:[ \t]*…)*")
_WORD_CHAR = re.compile(r"[^\W_]")
_AFTER_LEADER = re.compile(r"[ \t]*[^\s.·\-–…_]")


def is_leader_line(line: str) -> bool:
    """Whether ``line`` is an item of a list set with leaders (see the comment above), in time linear in its length:
    one pattern of the whole, tried from every place of a long line of marks and spaces, took seconds."""
    if _LEADER_ONLY.search(line) is None:
        return False
    word = _WORD_CHAR.search(line)
    if word is None:
        return False
    for run in _MARK_RUN.finditer(line, word.end()):
        text = run.group()
        marks = len(text) - text.count(" ") - text.count("\t")
        if marks >= (2 if text[0] == "…" else 4) and _AFTER_LEADER.match(line, run.end()):
            return True
    return False


def join_row(cells: Sequence[str]) -> str:
    """The statement text of a row: its non-empty cells joined by ``" | "``."""
    return CELL_SEP.join(c for c in cells if c)


__all__ = [
    "CELL_SEP",
    "MAX_HEADER",
    "by_column",
    "column_name",
    "is_header_row",
    "is_leader_line",
    "join_row",
    "under_headers",
]
