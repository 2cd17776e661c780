"""Zendesk Help Center (Guide) articles saved from the API as JSON.

Accepted shapes: a list response ``{"articles": [...], ...}`` (offset or cursor
pagination), a single ``{"article": {...}}``, a bare list of articles, a bare
article object, and a betamax HTTP recording whose response bodies hold one
of these as a JSON string. Each article that is not a draft gives one
statement per block of its HTML ``body`` (paragraph, list item, heading, table
row); the question is the title and every block sits on the line of the
``body`` value, with a pointer such as ``/articles/3/body#p2``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from json import JSONDecodeError

from consistency_check.model import Statement
from consistency_check.sources.base import Document, LineIndex, SourceError, clean_text
from consistency_check.sources.htmltext import fragment_blocks
from consistency_check.sources.jsonpos import JNode, parse_located

NAME = "zendesk"
CHANNEL = "agent"
EXTENSIONS = (".json",)

_ENVELOPE = re.compile(r'"articles"\s*:\s*\[|"article"\s*:\s*\{')
_BODY = re.compile(r'"body"\s*:')
_ARTICLE_KEYS = ('"title"', '"html_url"', '"section_id"', '"source_locale"')


def sniff(doc: Document) -> bool:
    """True for JSON holding Help Center articles (envelope, bare article(s) or a betamax recording)."""
    text = doc.read_text()
    start = text.lstrip("\ufeff \t\r\n")[:1]
    if start not in ("{", "["):
        return False
    if _ENVELOPE.search(text, 0, 65536) and _BODY.search(text):
        return True
    if '"http_interactions"' in text[:4096]:
        return '\\"article' in text and "help_center" in text
    return bool(_BODY.search(text)) and sum(key in text for key in _ARTICLE_KEYS) >= 2


def parse(doc: Document) -> Iterator[Statement]:
    """Yield one statement per body block of every published article."""
    text = doc.read_text()
    root = _load(text)
    interactions = root.get("http_interactions")
    if interactions is not None:
        yield from _recording(doc, text, interactions)
        return
    lines = LineIndex(text)
    for article, pointer in _articles(root, ""):
        yield from _article(doc, article, pointer, lambda node: lines.line(node.start))


def _load(text: str) -> JNode:
    try:
        return parse_located(text)
    except JSONDecodeError as exc:
        raise SourceError(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno) from None


def _articles(root: JNode, pointer: str) -> Iterator[tuple[JNode, str]]:
    """The article objects of any accepted envelope, with their JSON pointers."""
    if isinstance(root.value, list):
        for i, item in enumerate(root.value):
            if _is_article(item):
                yield item, f"{pointer}/{i}"
        return
    listing = root.get("articles")
    if listing is not None and isinstance(listing.value, list):
        for i, item in enumerate(listing.value):
            if _is_article(item):
                yield item, f"{pointer}/articles/{i}"
        return
    single = root.get("article")
    if single is not None and _is_article(single):
        yield single, f"{pointer}/article"
    elif _is_article(root):
        yield root, pointer


def _is_article(node: JNode) -> bool:
    return isinstance(node.value, dict) and "body" in node.value and ("title" in node.value or "name" in node.value)


def _string(node: JNode | None) -> str:
    return node.value if node is not None and isinstance(node.value, str) else ""


def _article(doc: Document, article: JNode, pointer: str, line_of: Callable[[JNode], int]) -> Iterator[Statement]:
    draft = article.get("draft")
    body = article.get("body")
    if (draft is not None and draft.value is True) or body is None or not _string(body).strip():
        return
    title = clean_text(_string(article.get("title")) or _string(article.get("name")))
    locale = _string(article.get("locale"))
    line = line_of(body)
    try:
        blocks = fragment_blocks(_string(body), fallback=title)
    except SourceError as exc:
        raise SourceError(f"{pointer}/body: {exc.message}", line) from None
    for index, block in enumerate(blocks):
        yield doc.statement(
            NAME,
            title,
            block.text,
            line,
            pointer=f"{pointer}/body#p{index}",
            locale=locale,
            origin="article",
        )


def _recording(doc: Document, text: str, interactions: JNode) -> Iterator[Statement]:
    """Articles inside the response bodies of a betamax/VCR recording."""
    lines = LineIndex(text)
    for i, interaction in enumerate(interactions.items()):
        response = interaction.get("response")
        body = response.get("body") if response else None
        payload = body.get("string") if body else None
        raw = _string(payload)
        if payload is None or not raw.lstrip().startswith(("{", "[")):
            continue
        line = lines.line(payload.start)
        try:
            inner = parse_located(raw)
        except JSONDecodeError:
            continue  # a recorded error page, not an article
        base = f"/http_interactions/{i}/response/body/string#"
        for article, pointer in _articles(inner, ""):
            yield from _article(doc, article, base + pointer, lambda _node, line=line: line)
