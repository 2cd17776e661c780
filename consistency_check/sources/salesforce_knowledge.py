"""Salesforce Knowledge articles: the ``Knowledge__kav`` CSV of an article import or a Data Loader export.

Accepted files:

* the article CSV (``Title``, ``Summary``, ``UrlName``, custom fields ``Answer__c``…,
  ``datacategorygroup.*``, ``Language``; or a Data Loader export with ``Id``,
  ``KnowledgeArticleId``, ``PublishStatus``, ``IsLatestVersion``…), with or without
  a UTF-8 BOM, header names in any case, quoted multi-line cells;
* the import ``.properties`` file beside it (``CSVEncoding``, ``CSVSeparator``,
  ``RTAEncoding``): read to decode and split the CSV, and claimed so that it is
  not reported as unrecognised;
* the ``.html`` files of rich-text fields inside an import package (a folder
  whose ancestor holds that ``.properties`` file): claimed, and read through the
  CSV cell that names them, so each is read once with its article's title;
* a CumulusCI ``mapping.yml`` that loads ``Knowledge__kav``: claimed, nothing to read.

Each row that is published (``PublishStatus`` empty or ``Online``/``Published``,
``IsLatestVersion`` not false) gives one statement per paragraph of its answer
fields: ``Summary`` (what Einstein Article Answers shows) and every custom
``__c`` field that holds prose, plain or HTML. The question is the ``Question__c``
column when there is one, else ``Title``; the locale is the ``Language`` column.
A statement sits on the physical line of its paragraph inside the cell (cells
span lines), with the pointer ``row 3, column Summary`` (rows numbered as a
spreadsheet shows them: the header is row 1). A rich-text cell that names a file
of the package (``data/returns.html``) is read from that file, located there.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath

from consistency_check.model import Location, Statement
from consistency_check.sources.base import Document, SourceError, clean_text, decode_bytes
from consistency_check.sources.htmltext import fragment_blocks, question_under

NAME = "salesforce_knowledge"
CHANNEL = "agent"
EXTENSIONS = (".csv", ".properties", ".html", ".htm", ".yml", ".yaml")

_PROPERTY_KEYS = re.compile(
    r"^\s*#?\s*(CSVEncoding|CSVSeparator|RTAEncoding|DateFormat|DateTimeFormat)\s*[=:]", re.M | re.I
)
_PROPERTY = re.compile(r"^\s*([^#!\s][^=:\s]*)\s*[=:]\s*(.*?)\s*$")
_SYSTEM_HINTS = frozenset(
    "summary urlname knowledgearticleid articlenumber publishstatus islatestversion versionnumber "
    "ismasterlanguage validationstatus recordtypeid channels lastpublisheddate".split()
)
_ANSWER_STANDARD = ("summary",)
_QUESTION_COLUMNS = ("question__c", "question")
_NOT_PUBLISHED = frozenset({"draft", "archived", "deleted"})
_FALSE = frozenset({"false", "0", "no", "n"})
_HTML = re.compile(r"<(?:[a-zA-Z][\w:-]*)(?:\s[^<>]*)?/?>")
_RICH_FILE = re.compile(r"^[\w./\\ -]+\.html?$", re.I)
_PARAGRAPH = re.compile(r"(?:[^\S\n]*\S[^\n]*(?:\n|$))+")  # a run of non-blank lines
_WORDY = re.compile(r"\w")
_QUOTED = re.compile(r'"[^"]*(?:""[^"]*)*"')
_CELL_LIMIT = 16 * 1024 * 1024
_SEPARATORS = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}


@dataclass(frozen=True)
class _Cell:
    """One answer cell: its text, physical start line, column name and row number."""

    text: str
    line: int
    column: str
    row: int


def sniff(doc: Document) -> bool:
    """True for a Knowledge article CSV, an import ``.properties`` file, or a file of an import package."""
    suffix = PurePosixPath(doc.path).suffix.lower() or doc.fs_path.suffix.lower()
    if suffix == ".properties":
        return bool(_PROPERTY_KEYS.search(doc.head()))
    if suffix in (".html", ".htm"):
        return _import_properties(doc.fs_path.parent, levels=3) is not None
    if suffix in (".yml", ".yaml"):
        head = doc.head(8192)
        return "sf_object:" in head and "Knowledge__kav" in head
    head = doc.head(8192).lstrip("\ufeff")
    if not head or head[0] in "{[<":
        return False
    header = _header_fields(head)
    if not header or "title" not in header:
        return False
    return any(h in _SYSTEM_HINTS or h.endswith("__c") or h.startswith("datacategorygroup.") for h in header)


def _header_fields(head: str) -> list[str]:
    """The lower-cased names of the first CSV record of ``head`` (separator guessed)."""
    first = head.split("\n", 1)[0]
    sep = _guess_separator(first)
    try:
        row = next(csv.reader([first], delimiter=sep, skipinitialspace=True))
    except (csv.Error, StopIteration):
        return []
    return [h.strip().lower() for h in row]


def _guess_separator(line: str) -> str:
    """The most frequent of comma, semicolon, tab and pipe outside quotes (comma on a tie)."""
    bare = re.sub(r'"[^"]*"', "", line)
    counts = {sep: bare.count(sep) for sep in (",", ";", "\t", "|")}
    best = max(counts, key=lambda s: (counts[s], s == ","))
    return best if counts[best] else ","


def parse(doc: Document) -> Iterator[Statement]:
    """Yield one statement per paragraph of every published article's answer fields."""
    suffix = PurePosixPath(doc.path).suffix.lower() or doc.fs_path.suffix.lower()
    if suffix in (".properties", ".html", ".htm", ".yml", ".yaml"):
        return  # claimed: read through the CSV (or nothing to read)
    props_path = _import_properties(doc.fs_path.parent, levels=0)
    props = _read_properties(props_path) if props_path else {}
    text = _decode(doc, props.get("csvencoding", ""))
    sep = _separator(props.get("csvseparator", ""), text)
    yield from _rows(doc, text, sep)


@lru_cache(maxsize=1024)
def _import_properties(folder: Path, levels: int) -> Path | None:
    """The Knowledge import ``.properties`` file in ``folder`` or up to ``levels`` folders above it."""
    for _ in range(levels + 1):
        try:
            candidates = sorted(folder.glob("*.properties"))
        except OSError:
            return None
        for path in candidates:
            try:
                head = path.read_bytes()[:4096].decode("utf-8", errors="replace")
            except OSError:
                continue
            if _PROPERTY_KEYS.search(head):
                return path
        if folder.parent == folder:
            break
        folder = folder.parent
    return None


def _read_properties(path: Path) -> dict[str, str]:
    """``key=value`` pairs of a Java properties file, keys lower-cased."""
    try:
        text = decode_bytes(path.read_bytes())
    except OSError:
        return {}
    out: dict[str, str] = {}
    for line in text.split("\n"):
        match = _PROPERTY.match(line)
        if match:
            out[match.group(1).lower()] = match.group(2)
    return out


def _decode(doc: Document, encoding: str) -> str:
    """The CSV text, decoded with the import's ``CSVEncoding`` when it names another codec than UTF-8."""
    name = encoding.strip()
    if not name or name.lower().replace("-", "").replace("_", "") == "utf8":
        return doc.read_text()
    try:
        codecs.lookup(name)
    except LookupError:
        return doc.read_text()
    text = doc.read_bytes().decode(name, errors="replace").lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _separator(declared: str, text: str) -> str:
    value = _SEPARATORS.get(declared.strip().lower(), declared.strip())
    if len(value) == 1:
        return value
    return _guess_separator(text.split("\n", 1)[0])


def _records(text: str, sep: str) -> Iterator[tuple[int, list[str], str]]:
    """``(physical start line, fields, raw text)`` of every CSV record; blank lines skipped."""
    if csv.field_size_limit() < _CELL_LIMIT:
        csv.field_size_limit(_CELL_LIMIT)  # rich-text cells of Data Loader exports exceed the default 128 KiB
    lines = [ln + "\n" for ln in text.split("\n")]
    if text.endswith("\n"):
        lines.pop()
    reader = csv.reader(iter(lines), delimiter=sep, strict=True, skipinitialspace=True)
    consumed = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise SourceError(f"malformed CSV: {exc}", reader.line_num) from None
        start = consumed + 1
        raw = "".join(lines[consumed : reader.line_num])
        consumed = reader.line_num
        if fields:
            yield start, fields, raw


def _field_lines(raw: str, sep: str, start: int, count: int) -> list[int]:
    """The physical line where each of ``count`` fields of a record begins.

    Only a quote at the start of a field opens a quoted field (as in the csv
    module); spaces after the separator are skipped first (``skipinitialspace``).
    """
    if "\n" not in raw.rstrip("\n"):
        return [start] * count
    lines: list[int] = []
    line, i, size = start, 0, len(raw)
    while len(lines) < count:
        while i < size and raw[i] == " ":
            i += 1
        lines.append(line)
        if raw.startswith('"', i):
            match = _QUOTED.match(raw, i)
            end = match.end() if match else size
            line += raw.count("\n", i, end)
            i = end
        next_sep, next_break = raw.find(sep, i), raw.find("\n", i)
        if next_sep == -1 or -1 < next_break < next_sep:
            break  # the record ends with this field
        i = next_sep + 1
    return (lines + [lines[-1]] * count)[:count]


def _rows(doc: Document, text: str, sep: str) -> Iterator[Statement]:
    records = _records(text, sep)
    try:
        first = next(records)
    except StopIteration:
        return
    header = [h.strip() for h in first[1]]
    lower = [h.lower() for h in header]
    if "title" not in lower:
        raise SourceError("no Title column in the header", first[0])
    index = {name: i for i, name in reversed(list(enumerate(lower)))}
    answers = [
        i for i, h in enumerate(lower) if h in _ANSWER_STANDARD or (h.endswith("__c") and h not in _QUESTION_COLUMNS)
    ]
    question_col = next((index[c] for c in _QUESTION_COLUMNS if c in index), None)
    problem: SourceError | None = None
    for row_number, (start, fields, raw) in enumerate(records, start=2):
        if len(fields) > len(header):
            problem = problem or SourceError(
                f"row {row_number} has {len(fields)} fields, the header has {len(header)}", start
            )
            continue
        fields += [""] * (len(header) - len(fields))
        if not _published(fields, index):
            continue
        title = clean_text(fields[index["title"]])
        question = clean_text(fields[question_col]) if question_col is not None else ""
        locale = fields[index["language"]].strip() if "language" in index else ""
        condition = _visibility(fields, index)
        article = fields[index["knowledgearticleid"]].strip() if "knowledgearticleid" in index else ""
        translation = f"salesforce:{article}" if article else ""
        lines = _field_lines(raw, sep, start, len(header))
        for col in answers:
            value = fields[col]
            if not value.strip():
                continue
            cell = _Cell(value, lines[col], header[col], row_number)
            for stmt in _cell_statements(doc, cell, question or title, locale, condition):
                # The translations of an article share its KnowledgeArticleId (a Data Loader export has it).
                yield dataclasses.replace(stmt, translation=translation) if translation else stmt
    if problem is not None:
        raise problem


def _published(fields: list[str], index: dict[str, int]) -> bool:
    """False for draft or archived versions and for versions that are not the latest."""
    status = fields[index["publishstatus"]].strip().lower() if "publishstatus" in index else ""
    if status in _NOT_PUBLISHED:
        return False
    latest = fields[index["islatestversion"]].strip().lower() if "islatestversion" in index else ""
    if latest in _FALSE:
        return False
    deleted = fields[index["isdeleted"]].strip().lower() if "isdeleted" in index else ""
    return deleted not in ("true", "1")


def _visibility(fields: list[str], index: dict[str, int]) -> str:
    """``internal only`` when the article is visible in the internal app and no customer channel."""
    flags = {
        c: fields[index[c]].strip().lower()
        for c in ("isvisibleinpkb", "isvisibleincsp", "isvisibleinprm")
        if c in index
    }
    channels = fields[index["channels"]].strip().lower() if "channels" in index else ""
    if flags and all(v in _FALSE or not v for v in flags.values()):
        return "internal only"
    if channels and not ({"sites", "csp", "prm"} & set(channels.split("+"))):
        return "internal only"
    return ""


def _cell_statements(doc: Document, cell: _Cell, question: str, locale: str, condition: str) -> Iterator[Statement]:
    pointer = f"row {cell.row}, column {cell.column}"
    value = cell.text.strip()
    if _RICH_FILE.match(value):
        yield from _rich_file(doc, cell, value, question, locale, condition)
        return
    if _HTML.search(value):
        try:
            blocks = fragment_blocks(cell.text, fallback=question)
        except SourceError as exc:
            raise SourceError(f"{pointer}: {exc.message}", cell.line) from None
        for block in blocks:
            yield doc.statement(
                NAME,
                question_under(question, block),
                block.text,
                cell.line + block.line - 1,
                pointer=pointer,
                locale=locale,
                origin=cell.column,
                condition=condition,
            )
        return
    for match in _PARAGRAPH.finditer(cell.text):
        text = " ".join(ln.strip() for ln in match.group().split("\n") if ln.strip())
        if _WORDY.search(text) and (" " in text or len(text) > 24):
            line = cell.line + cell.text.count("\n", 0, match.start())
            yield doc.statement(
                NAME, question, text, line, pointer=pointer, locale=locale, origin=cell.column, condition=condition
            )


def _rich_file(
    doc: Document, cell: _Cell, value: str, question: str, locale: str, condition: str
) -> Iterator[Statement]:
    """Blocks of a rich-text field stored as an HTML file of the import package, located in that file."""
    relative = value.replace("\\", "/").lstrip("/")
    target = doc.fs_path.parent / relative
    if not target.is_file():
        return  # the import leaves the field empty too
    shown = str(PurePosixPath(doc.path).parent / relative) if "/" in doc.path else relative
    try:
        blocks = fragment_blocks(decode_bytes(target.read_bytes()), fallback=question)
    except (OSError, SourceError) as exc:
        raise SourceError(f"row {cell.row}, column {cell.column}: cannot read {relative}: {exc}", cell.line) from None
    for block in blocks:
        stmt = doc.statement(
            NAME,
            question_under(question, block),
            block.text,
            block.line,
            locale=locale,
            origin=cell.column,
            condition=condition,
        )
        yield replace(stmt, location=Location(shown, block.line, None, None, block.path))
