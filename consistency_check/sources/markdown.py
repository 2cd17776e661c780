"""Markdown FAQ pages, docs-as-code articles and Markdown store scripts.

Every paragraph, list item, table row and blockquote paragraph is a statement
at its own line; the question is the nearest heading (or the front-matter
``title`` before any heading). A table row's value cells are written under their
column headers (see :mod:`consistency_check.sources.tables`). Also understood:

* bold labels — ``**Q:** …`` / ``**A:** …``; a paragraph that is only bold text
  (``**Two-step Login**``) acts as a sub-heading; a label alone on its line
  (``**Can't Login:**``) is the question of the lines under it; ``**If no:**``
  becomes the statement's condition;
* definition lists (``Term`` / ``: definition``);
* raw HTML blocks, read whole with lxml (USWDS accordions, ``<details>``);
* question/answer lists in the front matter, and its ``description`` (or
  ``summary``, ``excerpt``) as an answer to the title (``origin="front-matter"``);
* prose in fences without a language (chat scripts); other code is skipped.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath

from markdown_it import MarkdownIt
from markdown_it.token import Token

from consistency_check.facts.bridge import LANGUAGES_DIR
from consistency_check.model import Statement
from consistency_check.sources.base import (
    LANG_CODES,
    RASA1_MARKDOWN,
    STRUCTURED_EXTENSIONS,
    Document,
    SourceError,
    clean_text,
    is_locale_name,
    looks_like_yaml,
    strip_markdown_inline,
    strip_qa_label,
    strip_template_tags,
    title_from_path,
)
from consistency_check.sources.frontmatter import FrontMatter, faq_items, split_front_matter, summary
from consistency_check.sources.htmltext import TOO_DEEP, BlockWalker, fragment_text, parse_html
from consistency_check.sources.mdhtml import HtmlRegion, cut_html_regions, is_prose_fence, prose_blocks
from consistency_check.sources.tables import by_column, is_leader_line, join_row, states_value, under_headers

NAME = "markdown"
CHANNEL = "web"
EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd", ".mdx", ".markerb")  # markerb: Markdown with ERB (Rails)

_MD = MarkdownIt("commonmark").enable("table")
_STRONG_ON, _STRONG_OFF = "\x02", "\x03"
_LABEL = re.compile(rf"^{_STRONG_ON}([^{_STRONG_OFF}\n]{{1,80}}?)\s*(:?)\s*{_STRONG_OFF}\s*(:?)\s*(.*)$")
_PLAIN_QA = re.compile(r"^(Q|A|Question|Answer)\s*:\s*(.*)$")
_WORDY = re.compile(r"\w")
_TASK_BOX = re.compile(r"^\[[ xX]\]\s+")
#: A bold line that is a sentence or a quote, not a heading: it opens on a quotation mark or ends on a full stop
#: or an exclamation mark ("**"Thanks for calling Gridline!"**", "**Masks are required.**").
_SPOKEN = re.compile(r"^[\"“‘']|[.!…][\"”’']?$")
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
#: Template expressions opening a link's target (Jekyll's "[how to buy]({{ site.baseurl }}{% link buy.md %})"):
#: a site generator fills them in, and left there they make the link unreadable as Markdown.
_TEMPLATED_TARGET = re.compile(r"(\]\()[ \t]*(?:(?:\{\{[^{}\n]*\}\}|\{%[^%\n]*%\})[ \t]*)+")
_LANG_SUFFIX = re.compile(r"[._]([a-z]{2})(?:[-_][a-zA-Z]{2,4})?\.[a-z]+$")
_LANG_DIR = re.compile(r"(?:^|/)(?:content|docs|i18n|locales?|_i18n)/([a-z]{2})(?:[-_][a-zA-Z]{2,4})?/")
#: Any folder named for a language the facts are read in (English, and each with a table: "web/es/returns.md"); a
#: folder named for another code ("it/", "hr/") is a language only under one of the folders above.
_READ_LANG_DIR = re.compile(
    r"(?:^|/)(" + "|".join(["en", *sorted(p.stem for p in LANGUAGES_DIR.glob("*.yaml"))]) + r")(?:[-_][a-zA-Z]{2,4})?/"
)
_FM_OPEN = re.compile(r"\A\ufeff?(?:[ \t]*\n)*(---|\+\+\+)[ \t]*\n[\"']?[\w-]+[\"']?[ \t]*[:=]")
_FM_CLOSE = re.compile(r"^(?:---|\+\+\+|\.\.\.)[ \t]*$", re.M)
_SIGNS = re.compile(  # strong signs only: plain text has bullets and numbered lists too
    r"^(?:#{1,6}[ \t]+\S|[ \t]{0,3}(?:```|~~~)|\|?[ \t]*:?-{3,}:?[ \t]*\|)|\[[^\]\n]+\]\([^)\n]+\)|\*\*\S[^*\n]*\*\*",
    re.M,
)
_HTML_PAGE = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)


def sniff(doc: Document) -> bool:
    """True for Markdown: front matter, Markdown syntax, or a Markdown extension on free text."""
    suffix = PurePosixPath(doc.path).suffix.lower()
    head = doc.head(8192)
    first = head.lstrip("\ufeff \t\r\n")[:1]
    if suffix in STRUCTURED_EXTENSIONS or first in ("{", "[") or RASA1_MARKDOWN.search(head):
        return False
    opening = _FM_OPEN.match(head)
    if opening and _FM_CLOSE.search(doc.read_text(), opening.end(1) + 1):
        return True
    if looks_like_yaml(head) or _HTML_PAGE.match(head):
        return False
    return suffix in EXTENSIONS or (first != "<" and bool(_SIGNS.search(head)))


def parse(doc: Document) -> Iterator[Statement]:
    """Yield one statement per paragraph, list item, table row or HTML block of a Markdown page; the language
    versions of one page share its front matter's ``translationKey`` (Hugo; ``ref``, ``lang_ref`` in Jekyll
    plugins) or, failing that, its path with the language folder or suffix left out (``web/en/returns.md`` and
    ``web/es/returns.md``)."""
    front, body = split_front_matter(doc.read_text())
    key = front.first("translationKey", "translation_key", "lang_ref", "ref")
    translation = f"page:{key}" if key else _same_page(doc.path)
    for stmt in _statements(doc, front, body):
        yield dataclasses.replace(stmt, translation=translation) if translation else stmt


def _same_page(path: str) -> str:
    """``path`` with its language folder or suffix as ``*`` ("" when it has none)."""
    parts = path.split("/")
    for i in range(len(parts) - 1):
        if is_locale_name(parts[i]):
            return "page:" + "/".join([*parts[:i], "*", *parts[i + 1 :]])
    match = _LANG_SUFFIX.search(path)
    if match and match.group(1) in LANG_CODES:
        return "page:" + path[: match.start()] + ".*" + path[match.end() - len(PurePosixPath(path).suffix) :]
    return ""


def _statements(doc: Document, front: FrontMatter, body: str) -> Iterator[Statement]:
    locale = front.first("locale", "lang", "language") or ("" if doc.locale else _path_locale(doc.path))
    title = strip_qa_label(clean_text(strip_template_tags(front.first("title", "question"))))
    for item in faq_items(front):
        text = render_plain(item.answer)
        if text:
            yield doc.statement(
                NAME, item.question, text, item.line, pointer=item.pointer, locale=locale, origin="front-matter"
            )
    lead = summary(front)
    if lead is not None:
        text = render_plain(lead.answer)
        if text:
            question = title or title_from_path(doc.path)
            yield doc.statement(
                NAME, question, text, lead.line, pointer=lead.pointer, locale=locale, origin="front-matter"
            )
    body, regions = cut_html_regions(body)
    if "](" in body and "{" in body:
        body = _TEMPLATED_TARGET.sub(r"\1", body)
    fallback = title or title_from_path(doc.path)
    yield from _Walker(doc, fallback, locale, regions, title).run(_MD.parse(body))
    if front.error:
        raise front.error


def render_plain(markdown: str) -> str:
    """Plain text of a Markdown snippet (front-matter answers): one line per block."""
    out: list[str] = []
    for token in _MD.parse(markdown):
        if token.type == "inline":
            out.append(" ".join(_inline_lines(token.children or [])))
        elif token.type == "html_block":
            out.append(fragment_text(token.content))
    return clean_text("\n".join(_unmark(o) for o in out if o.strip()))


_MARKUP = re.compile(r"[*_\[\]!<>#`|~\\]|^\s*(?:[-+]|\d{1,9}[.)])(?:\s|$)|^ {4}|^\t|^\s*[-=]{2,}\s*$", re.M)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def render_answer(text: str) -> str:
    """:func:`render_plain` for a short answer, without parsing when the text holds no Markdown at all."""
    if _MARKUP.search(text):
        return render_plain(text)
    paragraphs = _BLANK_LINE.split(text.strip())
    return clean_text("\n".join(" ".join(ln.strip() for ln in p.split("\n")) for p in paragraphs))


def _path_locale(path: str) -> str:
    for pattern in (_LANG_SUFFIX, _LANG_DIR, _READ_LANG_DIR):
        match = pattern.search(path)
        if match and match.group(1) in LANG_CODES:
            return match.group(1)
    return ""


def _inline_lines(children: Sequence[Token]) -> list[str]:
    """Render inline tokens to one string per source line; bold is bracketed by control marks."""
    parts: list[str] = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif kind == "strong_open":
            parts.append(_STRONG_ON)
        elif kind == "strong_close":
            parts.append(_STRONG_OFF)
        elif kind == "html_inline":
            parts.append("\n" * child.content.count("\n") or (" " if child.content.startswith("<br") else ""))
    return strip_template_tags("".join(parts)).split("\n")


def _unmark(text: str) -> str:
    return clean_text(text.replace(_STRONG_ON, "").replace(_STRONG_OFF, ""))


def _meaningful(text: str) -> bool:
    return bool(_WORDY.search(_PLACEHOLDER.sub("", text)))


class _Walker:
    """Turns the token stream of one page into statements, keeping the question stack."""

    def __init__(self, doc: Document, fallback: str, locale: str, regions: list[HtmlRegion], title: str = "") -> None:
        self.doc = doc
        self.fallback = fallback
        self.title = title
        self.locale = locale
        self.regions = regions
        self.stack: list[tuple[int, str]] = []

    def question(self) -> str:
        """The question in force: the innermost heading or label, else the page title."""
        return self.stack[-1][1] if self.stack else self.fallback

    def set_question(self, level: int, text: str) -> None:
        """Open a new question at ``level``, closing those at the same or a deeper level."""
        self.stack = [q for q in self.stack if q[0] < level] + [(level, text)]

    def emit(self, text: str, line: int, end: int, *, question: str = "", condition: str = "") -> Iterator[Statement]:
        """A statement for ``text`` unless it holds no words (only placeholders or punctuation)."""
        text = _unmark(text)
        if _meaningful(text):
            question = question or self.question()
            yield self.doc.statement(
                NAME,
                question,
                text,
                line,
                end_line=end if end > line else None,
                locale=self.locale,
                # An article's title says what every section of it is about ("Group bookings (10+ rooms)" /
                # "Key terms"): it qualifies the section's answers as a condition does.
                condition=condition or (self.title if question != self.title else ""),
            )

    def run(self, tokens: list[Token]) -> Iterator[Statement]:
        """Statements of the whole token stream, HTML regions included in line order."""
        in_head = False
        headers: list[str] = []
        table = False
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.map:
                yield from self._regions_before(token.map[0])
            kind = token.type
            if kind == "heading_open":
                text = strip_qa_label(_unmark(" ".join(_inline_lines(tokens[i + 1].children or []))))
                if text:
                    yield from self._heading(int(token.tag[1]), text, (token.map or [0])[0] + 1)
                i += 3
                continue
            if kind == "paragraph_open" and token.map:
                yield from self._paragraph(tokens[i + 1], token.map[0] + 1)
                i += 3
                continue
            if kind == "table_open":
                table = by_column(self._body_rows(tokens, i))
            if kind in ("thead_open", "thead_close"):
                in_head = kind == "thead_open"
            elif kind == "tr_open" and in_head:
                i, headers = self._cells(tokens, i)
            elif kind == "tr_open" and token.map:
                i, cells = self._cells(tokens, i)
                yield from self.emit(
                    join_row(under_headers(headers, cells, table=table)), token.map[0] + 1, token.map[0] + 1
                )
            elif kind == "fence" and token.map and is_prose_fence(token.info, token.content):
                for text, line, end in prose_blocks(token.content, token.map[0] + 2):
                    yield from self.emit(text, line, end)
            elif kind == "html_block" and token.map and not token.content.lstrip().startswith("<!--"):
                yield from self._html(HtmlRegion(token.map[0], token.map[1] - 1, token.content, False))
            i += 1
        yield from self._regions_before(None)

    def _body_rows(self, tokens: list[Token], i: int) -> Iterator[list[str]]:
        """The cells of each body row of the table opening at ``tokens[i]``."""
        in_body = False
        while i < len(tokens) and tokens[i].type != "table_close":
            if tokens[i].type in ("tbody_open", "tbody_close"):
                in_body = tokens[i].type == "tbody_open"
            elif tokens[i].type == "tr_open" and in_body:
                i, cells = self._cells(tokens, i)
                yield cells
            i += 1

    def _cells(self, tokens: list[Token], i: int) -> tuple[int, list[str]]:
        cells: list[str] = []
        while tokens[i].type != "tr_close":
            if tokens[i].type == "inline":
                cells.append(_unmark(" ".join(_inline_lines(tokens[i].children or []))))
            i += 1
        return i, cells

    def _regions_before(self, line: int | None) -> Iterator[Statement]:
        while self.regions and (line is None or self.regions[0].start < line):
            yield from self._html(self.regions.pop(0))

    def _html(self, region: HtmlRegion) -> Iterator[Statement]:
        if region.silent:
            return
        root = parse_html("\n" * region.start + region.html)
        if root is None:
            return
        try:
            for block in BlockWalker(fallback=self.question()).walk(root, path="/html"):
                text = strip_markdown_inline(block.text)  # Markdown inside HTML is left as written
                yield from self.emit(text, block.line, block.end_line, question=block.question)
        except RecursionError:
            raise SourceError(TOO_DEEP, region.start + 1) from None

    def _heading(self, level: int, text: str, line: int) -> Iterator[Statement]:
        """Open the question a heading asks; a heading stating a contact or an amount of its own ("Bookings line 1300
        733 482", "Plans from $9 a month") is also a statement, under the heading above it."""
        above = self.question()
        self.set_question(level, text)
        if states_value(text, self.locale or self.doc.locale):
            yield from self.emit(text, line, line, question=above)

    def _paragraph(self, inline: Token, first: int) -> Iterator[Statement]:
        lines = [ln.strip() for ln in _inline_lines(inline.children or [])]
        lines[0] = _TASK_BOX.sub("", lines[0])
        if len(lines) == 1:
            only = _LABEL.match(lines[0])
            if only and not only.group(4) and not _SPOKEN.search(_unmark(only.group(1))):
                # a bold-only paragraph acts as a sub-heading (a bold sentence or quote is emphasis: read as said)
                yield from self._heading(7, strip_qa_label(_unmark(only.group(1))), first)
                return
        if any(lines[1:]) and all(ln.startswith(": ") for ln in lines[1:] if ln):
            term = _unmark(lines[0])  # definition list: Term / : definition
            for offset, ln in enumerate(lines[1:], start=1):
                yield from self.emit(ln[2:], first + offset, first + offset, question=term)
            return
        yield from self._segments(lines, first)

    def _segments(self, lines: list[str], first: int) -> Iterator[Statement]:
        """Split a paragraph at label lines (``**Q:**``, ``**If no:**``, ``**Label:**``) and emit the parts."""
        question = condition = ""
        last_leader = False  # the last line of ``chunk`` is an item of a list set with leaders
        chunk: list[str] = []
        start = last = first
        for offset, line in enumerate(lines):
            label = _label(line)
            if label is not None:
                if chunk:
                    yield from self.emit(" ".join(chunk), start, last, question=question, condition=condition)
                chunk, question, condition = [], "", ""
                name, line = label
                if name in ("Q", "Question"):
                    self.set_question(8, _unmark(line))
                    continue
                if name.lower().startswith(("if ", "when ", "unless ")):
                    condition = name
                elif name not in ("A", "Answer"):
                    question, line = (name, "") if not line else ("", f"{name}: {line}")
            leader = bool(line) and is_leader_line(line)
            if line and chunk and (leader or last_leader):
                # a list set with leaders ("Adult lesson ........ $45"): each line is an item of its own
                yield from self.emit(" ".join(chunk), start, last, question=question, condition=condition)
                chunk = []
            if line:
                if not chunk:
                    start = first + offset
                last = first + offset
                chunk.append(line)
                last_leader = leader
        if chunk:
            yield from self.emit(" ".join(chunk), start, last, question=question, condition=condition)


def _label(line: str) -> tuple[str, str] | None:
    """``(label, rest)`` for a line opening with ``**Label:**`` or a plain ``Q:``/``A:``."""
    match = _LABEL.match(line)
    if match and (match.group(2) or match.group(3)):
        return _unmark(match.group(1)), match.group(4).strip()
    plain = _PLAIN_QA.match(_unmark(line))
    return (plain.group(1), plain.group(2).strip()) if plain else None
