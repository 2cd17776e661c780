"""HTML to located text blocks, shared by every adapter that meets HTML.

:class:`BlockWalker` walks an lxml tree in document order and yields one
:class:`TextBlock` per visible block of text (a paragraph, a list item, a
table row, a run of bare text in a ``div``) with its source line and the
question in force: the nearest heading, ``<summary>``, ``<dt>`` or accordion
button whose scope (its following siblings and their descendants) holds the
block. Script, style, navigation chrome, forms and hidden elements are
skipped; of a footer, only the lines stating a value (a phone number, an email address, opening hours).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from consistency_check.sources.base import SourceError, clean_text, strip_qa_label, strip_template_tags
from consistency_check.sources.tables import by_column, is_header_row, join_row, states_value, under_headers

INLINE = frozenset(
    "a abbr acronym b bdi bdo big br cite code data del dfn em font i img input ins kbd label mark "
    "nobr q rp rt ruby s samp small span strike strong sub sup time tt u var wbr".split()
)
SKIP = frozenset(
    "script style noscript template nav header aside form title meta link base iframe "
    "object embed canvas svg math select option textarea button map area audio video source "
    "track dialog".split()
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_SUMMARY, _DT, _BUTTON = 7, 8, 9
_SPACE = re.compile(r"\s{2,}|[^\S ]")  # white space as one space; a single space is left as it is (no copy of it)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WORDY = re.compile(r"\w")
_PLACEHOLDERS = re.compile(r"\{\{.*?\}\}", re.S)
TOO_DEEP = "HTML nested too deeply to read"

Stack = tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class TextBlock:
    """One block of visible text: its text, lines, the question in force, its element and XPath."""

    text: str
    line: int
    end_line: int
    question: str
    element: etree._Element
    path: str


def parse_html(text: str) -> etree._Element | None:
    """Parse an HTML document or fragment leniently; ``None`` when there is nothing to parse."""
    if not text.strip():
        return None
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    return etree.fromstring(text.encode("utf-8"), parser)


def is_hidden(el: etree._Element) -> bool:
    """True for elements the page does not show (``hidden``, ``aria-hidden``, ``display:none``)."""
    attrib = el.attrib
    if not attrib:
        return False
    if "hidden" in attrib or attrib.get("aria-hidden", "").lower() == "true":
        return True
    style = attrib.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def element_text(el: etree._Element, *, keep_buttons: bool = True) -> str:
    """All visible text of ``el`` on one line (``<br>`` and blocks become spaces)."""
    parts: list[str] = []
    _collect(el, parts, keep_buttons, top=True)
    return clean_text(strip_template_tags(_SPACE.sub(" ", "".join(parts))))


def _collect(el: etree._Element, parts: list[str], keep_buttons: bool, top: bool = False) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag and not top and (is_hidden(el) or (tag in SKIP and not (keep_buttons and tag == "button"))):
        return
    if tag and (tag not in INLINE or tag == "br"):
        parts.append(" ")
    if tag and el.text:
        parts.append(el.text)
    for child in el:
        _collect(child, parts, keep_buttons)
        if child.tail:
            parts.append(child.tail)
    if tag and tag not in INLINE:
        parts.append(" ")


def question_level(el: etree._Element) -> int:
    """The level at which ``el`` sets the question (1–6 headings, 7 summary, 8 dt, 9 button), else 0."""
    tag = el.tag
    level = _HEADINGS.get(tag) if isinstance(tag, str) else None  # comments and processing instructions: no tag name
    if level:
        return level
    if tag == "summary":
        return _SUMMARY
    if tag == "dt":
        return _DT
    if tag == "button":
        return _BUTTON if ("aria-controls" in el.attrib or "aria-expanded" in el.attrib) else 0
    if tag == "div" and 0 < len(el) <= 3 and not (el.text or "").strip():
        # a wrapper such as Bootstrap's <div class="card-header"><h5>…</h5></div>
        inner = [(c, c.tag) for c in el if isinstance(c.tag, str) and c.tag in _HEADINGS]
        if (
            len(inner) == 1
            and not any((c.tail or "").strip() for c in el)
            and all(c is inner[0][0] or not element_text(c) for c in el)
        ):
            return _HEADINGS[inner[0][1]]
    return 0


def question_text(el: etree._Element) -> str:
    """The question an element states, without a ``Q.``/``Q:`` label."""
    return strip_qa_label(element_text(el))


class _Run:
    """Inline text gathered between two block elements."""

    __slots__ = ("element", "end", "line", "parts", "path")

    def __init__(self, element: etree._Element, path: str) -> None:
        self.parts: list[str] = []
        self.line = 0
        self.end = 0
        self.element = element
        self.path = path

    def add(self, raw: str | None, line: int) -> int:
        """Append raw source text that starts on ``line``; return the line where it ends."""
        if not raw:
            return line
        stripped = raw.strip()
        if stripped:
            start = line + raw.count("\n", 0, len(raw) - len(raw.lstrip()))
            if not self.line:
                self.line = start
            self.end = start + stripped.count("\n")
        self.parts.append(_SPACE.sub(" ", raw))
        return line + raw.count("\n")


class BlockWalker:
    """Yields the :class:`TextBlock` records of a tree (see the module docstring).

    ``skip`` holds elements to leave out (already read as microdata);
    ``headings_as_blocks`` makes headings blocks of their own instead of
    questions (article bodies, whose question is the article title);
    ``fallback`` is the question outside any heading.
    """

    def __init__(
        self,
        *,
        skip: set[etree._Element] | None = None,
        headings_as_blocks: bool = False,
        fallback: str = "",
    ) -> None:
        self.skip = skip or set()
        self.headings_as_blocks = headings_as_blocks
        self.fallback = fallback
        self.line = 1
        self._headers: dict[etree._Element, tuple[list[str], bool]] = {}
        #: First rows of ``<td>`` cells read as their table's header row (:func:`_header_row`).
        self._header_rows: set[etree._Element] = set()
        self._texts: dict[etree._Element, list[str]] = {}

    def walk(self, parent: etree._Element, stack: Stack = (), path: str | None = None) -> Iterator[TextBlock]:
        """Blocks inside ``parent`` (its own text included), with questions from ``stack`` on.

        ``path`` is the XPath of ``parent``; it is computed when not given.
        """
        if path is None:
            path = parent.getroottree().getpath(parent)
        self.line = max(self.line, parent.sourceline or 0)
        run = _Run(parent, path)
        self.line = run.add(parent.text, self.line)
        tags = Counter(c.tag for c in parent if isinstance(c.tag, str))
        seen: Counter[str] = Counter()
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str):
                self.line = run.add(child.tail, self.line)
                continue
            seen[tag] += 1
            child_path = f"{path}/{tag}" if tags[tag] == 1 else f"{path}/{tag}[{seen[tag]}]"
            if child.sourceline:
                self.line = child.sourceline
            skipped = child in self.skip or is_hidden(child)
            level = 0 if skipped else question_level(child)
            if level or tag not in INLINE:
                yield from self._flush(run, stack)
                run = _Run(parent, path)
            if skipped or (tag in SKIP and not level):
                self._advance_over(child)
            elif level:
                text = question_text(child)
                self._advance_over(child)
                outer = tuple(q for q in stack if q[0] < level)
                # A heading stating a contact or an amount ("Bookings line 1300 733 482") says it as a sentence would.
                if (self.headings_as_blocks and _WORDY.search(text)) or states_value(text, ""):
                    line = child.sourceline or self.line
                    yield TextBlock(text, line, self.line, self._question(outer), child, child_path)
                if text:  # a heading is also the question of what follows it (see question_under)
                    stack = outer + ((level, text),)
            elif tag in INLINE:
                self._inline(child, run)
            elif tag == "tr":
                yield from self._row(child, stack, child_path)
            elif tag == "footer":
                # A page's footer speaks for the page, not for the last section above it; of its lines only those
                # stating a value (a contact line, opening hours) say anything ("© Northwind Outdoor" does not).
                yield from (b for b in self.walk(child, (), child_path) if states_value(b.text, ""))
            else:
                yield from self.walk(child, stack, child_path)
            self.line = run.add(child.tail, self.line)
        yield from self._flush(run, stack)

    def _inline(self, el: etree._Element, run: _Run) -> None:
        """Add an inline element's text and descendants (not its tail) to ``run``."""
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag and (tag in SKIP or is_hidden(el)):
            self._advance_over(el)
            return
        if tag == "br":
            run.parts.append("\n")
        elif tag and tag not in INLINE:
            run.parts.append(" ")
        self.line = run.add(el.text, self.line)
        for child in el:
            if child.sourceline:
                self.line = child.sourceline
            self._inline(child, run)
            self.line = run.add(child.tail, self.line)

    def _row(self, row: etree._Element, stack: Stack, path: str) -> Iterator[TextBlock]:
        cells = [c for c in row if c.tag in ("td", "th") and not is_hidden(c)]
        self._advance_over(row)
        if not cells or all(c.tag == "th" for c in cells):
            return
        headers, table = self._column_headers(row)
        if row in self._header_rows:  # a header row of <td> cells (:func:`_header_row`)
            return
        texts = self._texts.pop(row, None) or _cell_texts(cells)
        texts = under_headers(headers, texts, table=table)
        text = join_row(texts)
        if _WORDY.search(text):
            yield TextBlock(text, row.sourceline or self.line, self.line, self._question(stack), row, path)

    def _column_headers(self, row: etree._Element) -> tuple[list[str], bool]:
        """The column headers of ``row``'s table (its first row when every cell is a ``<th>``; [] when none), and
        whether the table tells its values apart by column (:func:`~consistency_check.sources.tables.by_column`)."""
        table = next((a for a in row.iterancestors() if a.tag == "table"), None)
        if table is None:
            return [], False
        if table not in self._headers:
            rows = [r for r in table.iter("tr") if next(r.iterancestors("table"), None) is table]
            cells = [] if not rows else [c for c in rows[0] if c.tag in ("td", "th") and not is_hidden(c)]
            named = bool(cells) and all(c.tag == "th" for c in cells)
            if cells and not named and _header_row(rows, cells):
                named = True
                self._header_rows.add(rows[0])
            headers = _cell_texts(cells) if named else []
            if headers:  # the rows' texts, read once: for the table's decision, then for each row
                for r in rows[1:]:
                    self._texts[r] = _cell_texts([c for c in r if c.tag in ("td", "th") and not is_hidden(c)])
            self._headers[table] = (headers, by_column(self._texts[r] for r in rows[1:]) if headers else False)
        return self._headers[table]

    def _flush(self, run: _Run, stack: Stack) -> Iterator[TextBlock]:
        if not run.line:
            return
        text = clean_text(strip_template_tags("".join(run.parts)))
        if text and _WORDY.search(_PLACEHOLDERS.sub("", text)):
            yield TextBlock(text, run.line, max(run.end, run.line), self._question(stack), run.element, run.path)

    def _question(self, stack: Stack) -> str:
        if not stack:
            return self.fallback
        level, text = stack[-1]
        if level == _DT and not text.rstrip().endswith("?"):
            # A term that labels its description ("Membership team", "Saturday") names it within the heading
            # above it ("Contact us", "Clinic hours"); a term that asks a question is the question.
            heading = next((t for lv, t in reversed(stack) if lv < _SUMMARY), "")
            if heading:
                return f"{heading} / {text}"
        return text

    def _advance_over(self, el: etree._Element) -> None:
        """Move the line cursor past ``el`` without reading it."""
        for inner in el.iter():
            if inner.sourceline:
                self.line = max(self.line, inner.sourceline)
            if inner.text:
                self.line += inner.text.count("\n")
            if inner is not el and inner.tail:
                self.line += inner.tail.count("\n")


#: The most columns one cell is taken to span (a ``colspan`` beyond it is a typo or a layout trick).
MAX_SPAN = 12


def _cell_texts(cells: list[etree._Element]) -> list[str]:
    """The text of each column of a row: a cell spanning several columns (``colspan``) is the text of each, so
    that the cells after it stay under their own headers."""
    out: list[str] = []
    for cell in cells:
        text = element_text(cell, keep_buttons=False)
        span = str(cell.get("colspan") or "1").strip()
        out.extend([text] * (min(int(span), MAX_SPAN) if span.isdigit() and int(span) > 0 else 1))
    return out


def _header_row(rows: list[etree._Element], first: list[etree._Element]) -> bool:
    """Whether a table's first row (``rows[0]``, its cells ``first``) of ``<td>`` cells names its columns, as
    rich-text editors write a header: in a ``<thead>``, or every cell bold (``<strong>``, ``<b>``) where the second
    row's are not, with two or more cells and no number."""
    if len(rows) < 2 or not is_header_row([element_text(c, keep_buttons=False) for c in first]):
        return False
    parent = rows[0].getparent()
    if parent is not None and parent.tag == "thead":
        return True
    second = [c for c in rows[1] if c.tag in ("td", "th") and not is_hidden(c)]
    return all(_bold(c) for c in first) and not all(_bold(c) for c in second)


def _bold(cell: etree._Element) -> bool:
    """Whether ``cell`` has words and every one of them is inside ``<strong>`` or ``<b>``."""
    return bool(cell.xpath(".//text()[normalize-space()]")) and not cell.xpath(
        ".//text()[normalize-space()][not(ancestor::strong or ancestor::b)]"
    )


def fragment_blocks(fragment: str, *, headings_as_blocks: bool = True, fallback: str = "") -> list[TextBlock]:
    """Text blocks of an HTML fragment (an article body, a JSON-LD answer); lines count from 1."""
    root = parse_html(fragment)
    if root is None:
        return []
    walker = BlockWalker(headings_as_blocks=headings_as_blocks, fallback=fallback)
    try:
        return list(walker.walk(root, path="/html"))
    except RecursionError:
        raise SourceError(TOO_DEEP) from None


def question_under(title: str, block: TextBlock) -> str:
    """The question of a block of an article body: the article's title, and the heading of the body the block
    sits under ("Placement test: Duration"), which is often all that names the block's subject."""
    heading = block.question.strip()
    if not heading or heading == title or heading == block.text:
        return title
    return f"{title}: {heading}" if title else heading


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment, one line per block."""
    if "<" not in fragment:
        return clean_text(fragment)
    return "\n".join(b.text for b in fragment_blocks(fragment))
