"""Confluence pages in storage format: the XHTML of ``body.storage.value``.

Accepted files: a storage-format fragment saved as ``.html``/``.xhtml``/``.xml``
(recognised by its ``ac:``/``ri:`` elements), and the REST API's JSON for a page
(``{"title", "body": {"storage": {"value": …}}}``) or a list of pages
(``{"results": [...]}``, v1 and v2).

The fragment is parsed as XML (wrapped in a root that declares every prefix it
uses, HTML named entities turned into character references; both keep every
line where it was), so a broken page is a located parse error. Macros are then
rewritten into plain HTML and read by the shared block walker:

* ``expand`` becomes ``<details><summary>title</summary>body</details>``: its
  title is the question of its body;
* panels and layout macros with a rich-text body (``info``, ``note``,
  ``warning``, ``tip``, ``panel``, ``details``, ``excerpt``, ``section``…) are read
  as their body; their parameters are not text, except a ``title`` of two words or more
  ("Lockout rooms"; "Attention" names nothing), the question of the body as an
  expand's is;
* ``ac:link`` reads as its link text (or the linked page's title); task lists as lists;
* macros without a rich-text body are skipped: ``code``/``noformat`` hold code,
  not statements to customers; ``toc``, ``children``, ``jira``, ``status``,
  ``include``/``excerpt-include`` (text that lives on another page) and the
  like render nothing of this page's own. Images, emoticons, placeholders
  (editor-only hints) and resource identifiers are skipped too.

Headings are the questions (the page title before the first heading). Each
block sits at its own line; in JSON, at the line of the ``value`` string, with
a pointer such as ``/results/0/body/storage/value#p3``.

A page of an HTML export (Space tools > Export > HTML: a whole HTML document,
already rendered, with no storage markup) is read as HTML: the page title from
the header (``<span id="title-text">Space : Page</span>``, else ``<title>``,
without the space's name), the text from ``#main-content``; the breadcrumbs,
the "Created by …, last modified on …" line, tables of contents and the footer
are not text to customers.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator
from json import JSONDecodeError

from lxml import etree

from consistency_check.model import Statement
from consistency_check.sources.base import Document, LineIndex, SourceError, clean_text, title_from_path
from consistency_check.sources.htmltext import TOO_DEEP, BlockWalker, TextBlock, element_text, parse_html
from consistency_check.sources.jsonpos import JNode, parse_located

NAME = "confluence"
CHANNEL = "agent"
EXTENSIONS = (".html", ".xhtml", ".xml", ".json")

_MARKUP = re.compile(r"<(?:ac|ri):[a-z]")
_STORAGE_JSON = re.compile(r'"storage"\s*:\s*\{')
_PREFIX = re.compile(r"</?([A-Za-z_][\w.-]*):[A-Za-z_]")
_ATTR_PREFIX = re.compile(r"\s([A-Za-z_][\w.-]*):[\w.-]+\s*=")
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_DECL = re.compile(r"\A\ufeff?\s*<\?xml[^>]*\?>")
_KNOWN_NS = {
    "ac": "http://atlassian.com/content",
    "ri": "http://atlassian.com/resource/identifier",
    "at": "http://atlassian.com/template",
}
_RICH_BODY_MACROS_SKIPPED = frozenset(
    {"code", "noformat", "html", "html-include", "include", "excerpt-include", "placeholder"}
)
_DROP = frozenset(
    {"parameter", "image", "emoticon", "placeholder", "plain-text-body", "task-id", "task-status", "adf-node"}
)
_LIST = {"task-list": "ul", "task": "li"}
_ROOT_TAG = "confluence-storage"
# Inside these, an unknown element is read as inline text, elsewhere as a block.
_TEXT_PARENTS = frozenset("p li td th h1 h2 h3 h4 h5 h6 dt dd summary span a strong em b i u s sub sup code".split())


def sniff(doc: Document) -> bool:
    """True for a storage-format fragment (``ac:``/``ri:`` elements) or the REST JSON of pages."""
    head = doc.head(65536)
    first = head.lstrip("\ufeff \t\r\n")[:1]
    if first in ("{", "["):
        return bool(_STORAGE_JSON.search(head)) and '"representation"' in head and '"title"' in head
    return first == "<" and bool(_MARKUP.search(head))


def parse(doc: Document) -> Iterator[Statement]:
    """Yield one statement per visible block of the page(s)."""
    text = doc.read_text()
    if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        yield from _json_pages(doc, text)
        return
    if _HTML_DOCUMENT.match(text) and not _MARKUP.search(text):
        yield from _export_page(doc, text)
        return
    fallback = page_title(doc.path)
    for block in storage_blocks(text, fallback):
        yield doc.statement(NAME, block.question, block.text, block.line, end_line=_end(block), origin="page")


_HTML_DOCUMENT = re.compile(r"\A\ufeff?\s*(?:<!--.*?-->\s*)*(?:<!DOCTYPE\s+html|<html[\s>])", re.IGNORECASE | re.DOTALL)
#: A table of contents in an exported page: links to the page's own headings, not text to customers.
_TOC = ".//*[contains(concat(' ', normalize-space(@class), ' '), ' toc-macro ')]"


def _export_page(doc: Document, text: str) -> Iterator[Statement]:
    """The blocks of one page of a Confluence HTML export (see the module docstring)."""
    try:
        root = parse_html(text)
    except (etree.LxmlError, ValueError) as exc:
        raise SourceError(f"cannot parse HTML: {exc}") from None
    if root is None:
        return
    title = _export_title(root) or page_title(doc.path)
    found = root.xpath("//*[@id='main-content']")
    main = found[0] if found else root.find("body")
    if main is None:
        return
    walker = BlockWalker(skip=set(main.xpath(_TOC)), headings_as_blocks=False, fallback=title)
    try:
        blocks = list(walker.walk(main, path=""))
    except RecursionError:
        raise SourceError(TOO_DEEP) from None
    for block in blocks:
        yield doc.statement(NAME, block.question, block.text, block.line, end_line=_end(block), origin="page")


def _export_title(root: etree._Element) -> str:
    """The page's title in an export's header or ``<title>``, without the space's name ("Space : Page")."""
    for path in ("//*[@id='title-text']", "//title"):
        found = root.xpath(path)
        if found:
            title = element_text(found[0])
            if title:
                return title.split(" : ", 1)[1].strip() if " : " in title else title
    return ""


#: The page id Confluence appends to an exported page's file name ("Idle-fees_98305.html").
_PAGE_ID = re.compile(r"[\s_-]+\d{5,}$")


def page_title(path: str) -> str:
    """A page's title from its file name, without the page id an export appends (``Idle-fees_98305.html``)."""
    return _PAGE_ID.sub("", title_from_path(path)) or title_from_path(path)


def _end(block: TextBlock) -> int | None:
    return block.end_line if block.end_line > block.line else None


def _json_pages(doc: Document, text: str) -> Iterator[Statement]:
    try:
        root = parse_located(text)
    except JSONDecodeError as exc:
        raise SourceError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    lines = LineIndex(text)
    for page, pointer in _pages(root):
        body = page.get("body")
        storage = body.get("storage") if body is not None else None
        value = storage.get("value") if storage is not None else None
        if value is None or not isinstance(value.value, str) or not value.value.strip():
            continue
        status = page.get("status")
        if status is not None and status.value in ("draft", "trashed", "archived"):
            continue
        title_node = page.get("title")
        title = clean_text(title_node.value) if title_node is not None and isinstance(title_node.value, str) else ""
        line = lines.line(value.start)
        where = f"{pointer}/body/storage/value"
        try:
            blocks = storage_blocks(value.value, title or page_title(doc.path))
        except SourceError as exc:
            raise SourceError(f"{where}: {exc.message} (line {exc.line} of the page)", line) from None
        for index, block in enumerate(blocks):
            yield doc.statement(NAME, block.question, block.text, line, pointer=f"{where}#p{index}", origin="page")


def _pages(root: JNode) -> Iterator[tuple[JNode, str]]:
    items = root.get("results")
    if items is not None and isinstance(items.value, list):
        for i, page in enumerate(items.value):
            if isinstance(page.value, dict):
                yield page, f"/results/{i}"
    elif isinstance(root.value, list):
        for i, page in enumerate(root.value):
            if isinstance(page.value, dict):
                yield page, f"/{i}"
    elif isinstance(root.value, dict):
        yield root, ""


def storage_blocks(fragment: str, title: str) -> list[TextBlock]:
    """Text blocks of a storage-format fragment, with questions from headings and expand titles."""
    root = _parse_xml(fragment)
    _rewrite(root)
    walker = BlockWalker(headings_as_blocks=False, fallback=title)
    try:
        return list(walker.walk(root, path=""))
    except RecursionError:
        raise SourceError(TOO_DEEP) from None


def _parse_xml(fragment: str) -> etree._Element:
    """Parse the fragment inside a root element that declares its prefixes; lines are unchanged."""
    text = _DECL.sub(lambda m: " " * len(m.group()), fragment, count=1).lstrip("\ufeff")
    text = _ENTITY.sub(_entity, text)
    prefixes = dict(_KNOWN_NS)
    for match in (*_PREFIX.finditer(text), *_ATTR_PREFIX.finditer(text)):
        name = match.group(1)
        if name not in prefixes and name != "xml" and name != "xmlns":
            prefixes[name] = f"urn:confluence:prefix:{name}"
    declarations = " ".join(f'xmlns:{p}="{uri}"' for p, uri in prefixes.items())
    opening = f"<{_ROOT_TAG} {declarations}>"
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True, remove_pis=True, huge_tree=True
    )
    try:
        return etree.fromstring(f"{opening}{text}</{_ROOT_TAG}>".encode(), parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        if line == 1 and column is not None:
            column = max(1, column - len(opening))
        message = re.sub(r",? line \d+, column \d+$", "", exc.msg or str(exc))
        raise SourceError(f"invalid storage format XML: {message}", line, column) from None


def _entity(match: re.Match[str]) -> str:
    """An HTML named entity as a numeric character reference (XML knows only five names)."""
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group()
    chars = html.entities.html5.get(name + ";")
    if not chars:
        return match.group()
    return "".join(f"&#{ord(c)};" for c in chars)


def _local(el: etree._Element) -> tuple[str, str]:
    """``(prefix, local name)`` of an element; the prefix is ``""`` for plain XHTML."""
    qname = etree.QName(el)
    return (el.prefix or "", qname.localname) if qname.namespace else ("", qname.localname)


def _param(macro: etree._Element, name: str) -> str:
    for child in macro:
        if isinstance(child.tag, str) and _local(child)[1] == "parameter" and _attr(child, "name") == name:
            return "".join(child.itertext()).strip()
    return ""


def _attr(el: etree._Element, name: str) -> str:
    for key, value in el.attrib.items():
        if etree.QName(key).localname == name:
            return str(value)  # a str already (typed Any where lxml has no stubs)
    return ""


def _rewrite(root: etree._Element) -> None:
    """Turn Confluence elements into the HTML the block walker reads (see the module docstring)."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el is root or el.getparent() is None:
            continue
        prefix, name = _local(el)
        if not prefix:
            continue
        if prefix == "ri" or name in _DROP:
            _drop(el)
        elif name in ("structured-macro", "macro"):
            _macro(el)
        elif name == "link":
            _link(el)
        elif name in _LIST:
            _rename(el, _LIST[name])
        elif name in ("task-body", "inline-comment-marker", "link-body", "plain-text-link-body"):
            _rename(el, "span")
        else:  # rich-text-body, layout, layout-section, layout-cell, adf-extension, adf-fallback, unknown
            parent = el.getparent()
            _rename(el, "span" if parent is not None and parent.tag in _TEXT_PARENTS else "div")


def _macro(el: etree._Element) -> None:
    kind = _attr(el, "name").lower()
    body = next((c for c in el if isinstance(c.tag, str) and _local(c) == ("ac", "rich-text-body")), None)
    if body is None or kind in _RICH_BODY_MACROS_SKIPPED:
        _drop(el)
        return
    title = _param(el, "title")
    if kind in ("expand", "ui-expand") or len(title.split()) > 1:
        # A box's title ("Lockout rooms" over an info panel) is what its body answers, as an expand's is; a title
        # of one word ("Attention", "Note") labels the box and names nothing.
        _rename(el, "details")
        if title:
            summary = etree.Element("summary")
            summary.text = title
            el.insert(0, summary)
    else:
        _rename(el, "div")


def _link(el: etree._Element) -> None:
    """An ``ac:link`` reads as its body, else as the linked page's title."""
    has_body = any(isinstance(c.tag, str) and _local(c)[1] in ("link-body", "plain-text-link-body") for c in el)
    if not has_body:
        target = next((c for c in el if isinstance(c.tag, str) and _local(c)[0] == "ri"), None)
        label = _attr(target, "content-title") or _attr(target, "filename") if target is not None else ""
        el.text = (el.text or "") + label
    _rename(el, "span")


def _rename(el: etree._Element, tag: str) -> None:
    el.tag = tag
    for key in [k for k in el.attrib if k.startswith("{")]:
        del el.attrib[key]


def _drop(el: etree._Element) -> None:
    """Remove ``el`` but keep its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
