"""FAQ web pages in HTML: schema.org FAQPage (JSON-LD, microdata) and the visible text.

Three passes over one lxml tree:

* ``json-ld`` — every ``Question`` with an ``acceptedAnswer``/``suggestedAnswer``
  found anywhere in ``<script type="application/ld+json">`` blocks (``@graph``,
  lists, ``mainEntity`` objects or lists). The line is the script's line plus
  the line of the question's ``name`` inside the script.
  Of every other object (a business, a place, a ``ContactPoint``), its
  ``telephone``, ``faxNumber``, ``email`` and ``openingHours``, each a statement
  under the object's name ("Telephone: +61 2 5550 1188").
* ``microdata`` — ``itemtype=…/Question`` items (or RDFa ``typeof``); one
  statement per answer block. These elements are not read again as visible text.
* ``visible`` — ``<details>``, ``<dl>``, headings and accordions, one statement
  per block (see :mod:`consistency_check.sources.htmltext`).

A JSON-LD block that cannot be read even leniently is skipped; if it looked
like FAQ markup, :class:`SourceError` is raised after every other statement
has been yielded.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from json import JSONDecodeError

from lxml import etree

from consistency_check.model import Statement
from consistency_check.sources.base import (
    Document,
    LineIndex,
    SourceError,
    clean_text,
    line_of_offset,
    strip_qa_label,
    title_from_path,
)
from consistency_check.sources.htmltext import TOO_DEEP, BlockWalker, element_text, fragment_text, parse_html
from consistency_check.sources.jsonpos import JNode, mask_js_comments, parse_located, pointer_token

NAME = "html"
CHANNEL = "web"
EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.S)
_HTML_START = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|[a-zA-Z][\w-]*[\s>/])", re.I | re.S)
_WRAPPERS = re.compile(r"<!\[CDATA\[|\]\]>|<!--|-->")
_ANSWER_KEYS = ("acceptedAnswer", "suggestedAnswer")


def sniff(doc: Document) -> bool:
    """True when the file starts like an HTML page or fragment (after any Jekyll front matter)."""
    head = _FRONT_MATTER.sub("", doc.head(), count=1)
    return bool(_HTML_START.match(head)) or "<html" in head[:1024].lower()


def parse(doc: Document) -> Iterator[Statement]:
    """Yield JSON-LD, microdata and visible-text statements of an HTML page."""
    text = doc.read_text()
    match = _FRONT_MATTER.match(text)
    if match:  # Jekyll layouts: keep the line count, drop the YAML
        text = "\n" * match.group().count("\n") + text[match.end() :]
    try:
        root = parse_html(text)
    except (etree.LxmlError, ValueError) as exc:
        raise SourceError(f"cannot parse HTML: {exc}") from None
    if root is None:
        return
    locale = _page_locale(root)
    title_el = root.find(".//title")
    title = element_text(title_el) if title_el is not None else ""
    title = title or title_from_path(doc.path)
    broken: SourceError | None = None
    done: set[etree._Element] = set()
    versions = _versions(root)
    try:
        for item in _json_ld(doc, root, locale):
            if isinstance(item, SourceError):
                broken = broken or item
            else:
                yield dataclasses.replace(item, translation=versions) if versions else item
        for stmt in (*_microdata(doc, root, locale, done), *_visible(doc, root, locale, title, done)):
            yield dataclasses.replace(stmt, translation=versions) if versions else stmt
    except RecursionError:
        raise SourceError(TOO_DEEP) from None
    broken = broken or unclosed_raw_text(text)
    if broken:
        raise broken


_RAW_OPEN = re.compile(r"<!--|<(script|style|textarea|title|xmp)(?=[\s>/])[^>]*>", re.I)


def unclosed_raw_text(text: str) -> SourceError | None:
    """A comment or raw-text element (``<script>``, ``<style>``…) never closed: it hides the rest of the page.

    Browsers read everything after an unclosed ``<!--`` as comment and after an
    unclosed ``<script>`` as script, so the text below it is not shown to
    readers; the error is located at the opening.
    """
    pos = 0
    while True:
        match = _RAW_OPEN.search(text, pos)
        if match is None:
            return None
        tag = match.group(1)
        if tag is None:
            end = text.find("-->", match.end())
            closer = end + 3
        else:
            close = re.compile(rf"</{tag}\s*>", re.I).search(text, match.end())
            end, closer = (close.start(), close.end()) if close else (-1, -1)
        if end < 0:
            rest = text[match.end() :]
            if not rest.strip():
                return None
            what = "a comment (<!--)" if tag is None else f"a <{tag.lower()}> element"
            line = line_of_offset(text, match.start())
            column = match.start() - text.rfind("\n", 0, match.start())
            hidden = rest.count("\n") + 1
            return SourceError(
                f"{what} is opened here and never closed: the {hidden} line(s) after it are hidden from readers",
                line,
                column,
            )
        pos = closer


def _visible(
    doc: Document, root: etree._Element, locale: str, title: str, done: set[etree._Element]
) -> Iterator[Statement]:
    seen: set[tuple[str, int]] = set()
    for block in BlockWalker(skip=done, fallback=title).walk(root, path="/html"):
        if (block.text, block.line) in seen:
            continue
        seen.add((block.text, block.line))
        yield doc.statement(
            NAME,
            block.question,
            block.text,
            block.line,
            end_line=block.end_line if block.end_line > block.line else None,
            pointer=block.path,
            locale=locale,
            origin="visible",
        )


def _versions(root: etree._Element) -> str:
    """The page's language versions as its ``hreflang`` alternates name them (with its canonical address), the same
    for every version that lists them all; "" for a page without alternates."""
    head = root.find(".//head")
    if head is None:
        return ""
    hrefs = set()
    for link in head.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        hreflang = (link.get("hreflang") or "").lower()
        if ("alternate" in rel and hreflang and hreflang != "x-default") or "canonical" in rel:
            hrefs.add((link.get("href") or "").strip().rstrip("/"))
    hrefs.discard("")
    return "hreflang:" + " ".join(sorted(hrefs)) if len(hrefs) > 1 else ""


def _page_locale(root: etree._Element) -> str:
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    return lang.strip()


# --- JSON-LD -----------------------------------------------------------------


def _json_ld(doc: Document, root: etree._Element, locale: str) -> Iterator[Statement | SourceError]:
    scripts = [s for s in root.iter("script") if "ld+json" in (s.get("type") or "").lower()]
    for index, script in enumerate(scripts):
        raw = script.text or ""
        base = script.sourceline or 1
        try:
            node = _load_lenient(raw)
        except JSONDecodeError as exc:
            if re.search(r"FAQPage|Question", raw):
                yield SourceError(f"invalid JSON-LD: {exc.msg}", base + exc.lineno - 1, exc.colno)
            continue
        lines = LineIndex(raw)
        for question, pointer in _questions(node, f"ld+json[{index}]"):
            yield from _ld_statements(doc, question, pointer, base - 1 + lines.line(_anchor(question).start), locale)
        for subject, text, start, pointer in _contacts(node, f"ld+json[{index}]", ""):
            line = base - 1 + lines.line(start)
            yield doc.statement(NAME, subject, text, line, pointer=pointer, locale=locale, origin="json-ld")


#: What a business's structured data states that its pages state too: "telephone": "+61 2 5550 1188".
_CONTACT_KEYS = {"telephone": "Telephone", "faxNumber": "Fax", "email": "Email", "openingHours": "Opening hours"}


#: schema.org's days in ``openingHours`` ("Mo-Fr 09:00-17:00"), written out as a page writes them.
_DAYS = {
    "Mo": "Monday",
    "Tu": "Tuesday",
    "We": "Wednesday",
    "Th": "Thursday",
    "Fr": "Friday",
    "Sa": "Saturday",
    "Su": "Sunday",
}
_DAY_CODE = re.compile(r"\b(" + "|".join(_DAYS) + r")\b")


def _contacts(node: JNode, pointer: str, subject: str) -> Iterator[tuple[str, str, int, str]]:
    """The contact lines and opening hours of every object of a JSON-LD tree that is not a question (a business, a
    place, a ``ContactPoint``): its name (or the enclosing object's) as subject, the line as a sentence
    ("Telephone: +61 2 5550 1188"), where its value starts, and its pointer. Search engines show them; a page's
    visible text and its structured data are both statements."""
    if isinstance(node.value, list):
        for i, item in enumerate(node.value):
            yield from _contacts(item, f"{pointer}/{i}", subject)
        return
    if not isinstance(node.value, dict) or any(t.rsplit("/", 1)[-1] in ("Question", "Answer") for t in _types(node)):
        return
    name = node.get("name")
    here = clean_text(name.value) if name is not None and isinstance(name.value, str) else subject
    kind = node.get("contactType")
    for key, child in node.value.items():
        at = f"{pointer}/{pointer_token(key)}"
        label = _CONTACT_KEYS.get(key)
        if label is None:
            yield from _contacts(child, at, here)
            continue
        if kind is not None and isinstance(kind.value, str):
            label = f"{clean_text(kind.value)} {label.lower()}"
        values = child.value if isinstance(child.value, list) else [child]
        for i, value in enumerate(values):
            if isinstance(value.value, str) and value.value.strip():
                said = clean_text(value.value)
                if key == "openingHours":
                    said = _DAY_CODE.sub(lambda m: _DAYS[m.group(1)], said)
                suffix = f"/{i}" if isinstance(child.value, list) else ""
                yield here, f"{label}: {said}", value.start, at + suffix


def _load_lenient(raw: str) -> JNode:
    """Parse JSON-LD, tolerating CDATA/comment wrappers, JS comments, control characters and trailing commas."""
    masked = _WRAPPERS.sub(lambda m: " " * len(m.group()), raw)
    try:
        return parse_located(masked, lenient=True)
    except JSONDecodeError:
        return parse_located(mask_js_comments(masked), lenient=True)


def _types(node: JNode) -> list[str]:
    value = node.get("@type")
    if value is None:
        return []
    return [t.value for t in (value.value if isinstance(value.value, list) else [value]) if isinstance(t.value, str)]


def _questions(node: JNode, pointer: str) -> Iterator[tuple[JNode, str]]:
    """Every Question object with an answer, depth first, with its JSON pointer."""
    if isinstance(node.value, list):
        for i, item in enumerate(node.value):
            yield from _questions(item, f"{pointer}/{i}")
    elif isinstance(node.value, dict):
        if any(t.rsplit("/", 1)[-1] == "Question" for t in _types(node)) and any(k in node.value for k in _ANSWER_KEYS):
            yield node, pointer
            return
        for key, child in node.value.items():
            yield from _questions(child, f"{pointer}/{pointer_token(key)}")


def _anchor(question: JNode) -> JNode:
    """The node a question is located at: its ``name`` (or ``text``), else the object itself."""
    return question.get("name") or question.get("text") or question


def _ld_statements(doc: Document, question: JNode, pointer: str, line: int, locale: str) -> Iterator[Statement]:
    name = _anchor(question)
    q_text = strip_qa_label(clean_text(name.value)) if isinstance(name.value, str) else ""
    lang = question.get("inLanguage")
    for key in _ANSWER_KEYS:
        answers = question.get(key)
        if answers is None:
            continue
        for i, answer in enumerate(answers.items()):
            body = answer.get("text")
            if body is None or not isinstance(body.value, (str, list)):
                continue
            parts = body.value if isinstance(body.value, list) else [body]
            text = "\n".join(fragment_text(p.value) for p in parts if isinstance(p.value, str))
            if not text:
                continue
            suffix = f"/{i}" if isinstance(answers.value, list) else ""
            yield doc.statement(
                NAME,
                q_text,
                text,
                line,
                pointer=f"{pointer}/{key}{suffix}",
                locale=locale or (lang.value if lang and isinstance(lang.value, str) else ""),
                origin="json-ld",
            )


# --- microdata / RDFa ----------------------------------------------------------


def _prop_names(el: etree._Element) -> list[str]:
    names = (el.get("itemprop") or "") + " " + (el.get("property") or "")
    return [n.rsplit("/", 1)[-1].split(":")[-1] for n in names.split()]


def _is_scope(el: etree._Element) -> bool:
    return "itemscope" in el.attrib or "typeof" in el.attrib


def _props(scope: etree._Element) -> dict[str, list[etree._Element]]:
    """Properties of an item in document order, not descending into nested items."""
    found: dict[str, list[etree._Element]] = {}

    def visit(el: etree._Element) -> None:
        for child in el:
            if isinstance(child.tag, str):
                for name in _prop_names(child):
                    found.setdefault(name, []).append(child)
                if not _is_scope(child):
                    visit(child)

    visit(scope)
    return found


def _microdata(doc: Document, root: etree._Element, locale: str, done: set[etree._Element]) -> Iterator[Statement]:
    for item in root.iter():
        if not isinstance(item.tag, str) or not _is_scope(item):
            continue
        kind = (item.get("itemtype") or item.get("typeof") or "").split()
        if not any(k.rsplit("/", 1)[-1] == "Question" for k in kind):
            continue
        props = _props(item)
        answers = [a for k in _ANSWER_KEYS for a in props.get(k, [])]
        if not answers:
            continue
        names = props.get("name") or props.get("text") or []
        question = strip_qa_label(_value_text(names[0])) if names else ""
        done.add(item)
        for answer in answers:
            texts = _props(answer).get("text") or [answer]
            for text_el in texts:
                yield from _microdata_blocks(doc, root, question, text_el, locale)


def _value_text(el: etree._Element) -> str:
    return clean_text(el.get("content", "")) if el.tag == "meta" else element_text(el)


def _microdata_blocks(
    doc: Document, root: etree._Element, question: str, el: etree._Element, locale: str
) -> Iterator[Statement]:
    path = root.getroottree().getpath(el)
    if el.tag == "meta":
        text = _value_text(el)
        yield doc.statement(NAME, question, text, el.sourceline, pointer=path, locale=locale, origin="microdata")
        return
    walker = BlockWalker(fallback=question)
    walker.line = el.sourceline or 1
    for block in walker.walk(el, path=path):
        yield doc.statement(
            NAME,
            question,
            block.text,
            block.line,
            end_line=block.end_line if block.end_line > block.line else None,
            pointer=block.path,
            locale=locale,
            origin="microdata",
        )
