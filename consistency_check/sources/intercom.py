"""Intercom Help Center articles saved from the Articles API as JSON.

Accepted shapes: the list response ``{"type": "list", "data": [article…]}``,
the search response ``{"type": "list", "data": {"articles": [...]}}``, a single
article ``{"type": "article", …}`` and a bare list of articles. An article's
top-level ``title``/``description``/``body`` are its default language only;
``translated_content`` holds every language (``{"fr": {"type":
"article_content", "title", "description", "body", "state"}}``), so each locale
there is read with its own title and state, and the top level only for a
language ``translated_content`` lacks. Drafts (``state: draft``) are skipped.

Each published content gives one statement for its ``description`` (shown
under the title in the Help Center) and one per block of its HTML ``body``; the
question is the title. Every block sits on the line of its JSON value, with a
pointer such as ``/data/0/translated_content/fr/body#p2``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from json import JSONDecodeError

from consistency_check.model import Statement
from consistency_check.sources.base import Document, LineIndex, SourceError, clean_text
from consistency_check.sources.htmltext import fragment_blocks, question_under
from consistency_check.sources.jsonpos import JNode, parse_located, pointer_token

NAME = "intercom"
CHANNEL = "agent"
EXTENSIONS = (".json",)

_ARTICLE_TYPE = re.compile(r'"type"\s*:\s*"article(?:_content|_translated_content)?"')
_CONTENT_KEYS = ("title", "body", "description")


def sniff(doc: Document) -> bool:
    """True for JSON holding Intercom article objects (``"type": "article"``)."""
    text = doc.read_text()
    if text.lstrip("\ufeff \t\r\n")[:1] not in ("{", "["):
        return False
    return bool(_ARTICLE_TYPE.search(text, 0, 1 << 20)) and '"body"' in text


def parse(doc: Document) -> Iterator[Statement]:
    """Yield the description and body blocks of every published article content."""
    text = doc.read_text()
    try:
        root = parse_located(text)
    except JSONDecodeError as exc:
        raise SourceError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    lines = LineIndex(text)
    for article, pointer in _articles(root):
        # Every language of one article is a version of one answer.
        translation = f"intercom:{_id(article) or doc.path + '#' + pointer}"
        for content, locale, where in _contents(article, pointer):
            yield from _content(doc, content, locale or doc.locale, where, lines, translation)


def _is_article(node: JNode) -> bool:
    if not isinstance(node.value, dict):
        return False
    kind = _string(node.get("type"))
    return kind == "article" or (not kind and "body" in node.value and "title" in node.value)


def _articles(root: JNode) -> Iterator[tuple[JNode, str]]:
    """The article objects of any accepted envelope, with their JSON pointers."""
    listing, base = _listing(root)
    if listing is None:
        if _is_article(root):
            yield root, ""
        return
    for i, item in enumerate(listing.items()):
        if _is_article(item):
            yield item, f"{base}/{i}"


def _listing(root: JNode) -> tuple[JNode | None, str]:
    """The array of articles of a list or search response (or a bare array) and its pointer."""
    if isinstance(root.value, list):
        return root, ""
    data = root.get("data")
    if data is not None and isinstance(data.value, list):
        return data, "/data"
    articles = data.get("articles") if data is not None else None
    if articles is not None and isinstance(articles.value, list):
        return articles, "/data/articles"
    return None, ""


def _id(article: JNode) -> str:
    node = article.get("id")
    return str(node.value) if node is not None and isinstance(node.value, (str, int)) else ""


def _string(node: JNode | None) -> str:
    return node.value if node is not None and isinstance(node.value, str) else ""


def _contents(article: JNode, pointer: str) -> Iterator[tuple[JNode, str, str]]:
    """``(content object, locale, pointer)`` for each language of an article."""
    default = _string(article.get("default_locale"))
    seen: set[str] = set()
    translated = article.get("translated_content")
    if translated is not None and isinstance(translated.value, dict):
        for locale, content in translated.value.items():
            if locale == "type" or not isinstance(content.value, dict):
                continue
            seen.add(locale)
            yield content, locale, f"{pointer}/translated_content/{pointer_token(locale)}"
    if default in seen:
        return
    if not default and any(_string(c.get("body")) == _string(article.get("body")) for c in _translations(translated)):
        return  # the top level repeats one of the translations
    yield article, default, pointer


def _translations(translated: JNode | None) -> list[JNode]:
    if translated is None or not isinstance(translated.value, dict):
        return []
    return [c for k, c in translated.value.items() if k != "type" and isinstance(c.value, dict)]


def _content(
    doc: Document, content: JNode, locale: str, pointer: str, lines: LineIndex, translation: str
) -> Iterator[Statement]:
    if _string(content.get("state")) == "draft":
        return
    title = clean_text(_string(content.get("title")))
    description = content.get("description")
    if description is not None and _string(description).strip():
        yield doc.statement(
            NAME,
            title,
            _string(description),
            lines.line(description.start),
            pointer=f"{pointer}/description",
            locale=locale,
            origin="description",
            translation=translation,
        )
    body = content.get("body")
    raw = _string(body)
    if body is None or not raw.strip():
        return
    line = lines.line(body.start)
    try:
        blocks = fragment_blocks(raw, fallback=title)
    except SourceError as exc:
        raise SourceError(f"{pointer}/body: {exc.message}", line) from None
    for index, block in enumerate(blocks):
        yield doc.statement(
            NAME,
            question_under(title, block),
            block.text,
            line,
            pointer=f"{pointer}/body#p{index}",
            locale=locale,
            origin="article",
            translation=translation,
        )
