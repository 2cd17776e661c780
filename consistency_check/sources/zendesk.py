"""Zendesk Help Center (Guide) articles saved from the API as JSON.

Accepted shapes: a list response ``{"articles": [...], ...}`` (offset or cursor
pagination), a single ``{"article": {...}}``, a bare list of articles, a bare
article object, article translations (``{"translations": [...]}``,
``{"translation": {...}}``), and a betamax HTTP recording whose response bodies
hold one of these as a JSON string. Each article that is not a draft gives one
statement per block of its HTML ``body`` (paragraph, list item, heading, table
row); the question is the title and every block sits on the line of the
``body`` value, with a pointer such as ``/articles/3/body#p2``. The locale is the
article's own ``locale``.

An article restricted to a user segment (``user_segment_id`` or
``user_segment_ids`` set; null means everyone) keeps that in its condition,
``user segment 123``. Restricted articles are still compared with public
content: an agents-only article that contradicts the public FAQ is the
contradiction most worth finding. ``label_names`` are not used: they tag
topics (``returns``, ``membership``), and read as scope words they would split
or merge subjects wrongly.

Sections, categories, labels and other Help Center objects saved beside the
articles (``{"sections": [...]}``, ``{"category": {...}}``, or an object whose
``url`` is a Help Center API address) are claimed and give no statements.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from json import JSONDecodeError

from consistency_check.model import Statement
from consistency_check.sources.base import Document, LineIndex, SourceError, clean_text
from consistency_check.sources.htmltext import fragment_blocks, question_under
from consistency_check.sources.jsonpos import JNode, parse_located

NAME = "zendesk"
CHANNEL = "agent"
EXTENSIONS = (".json",)

_ENVELOPE = re.compile(r'"(?:articles|translations)"\s*:\s*\[|"(?:article|translation)"\s*:\s*\{')
_HC_OBJECTS = re.compile(r'\A\s*\{\s*"(?:sections|section|categories|category|labels|label|topics|topic)"\s*:\s*[\[{]')
_HC_URL = re.compile(r'"url"\s*:\s*"https?://[^"]+/api/v2/help_center/')
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
    if _HC_OBJECTS.match(text.lstrip("\ufeff")) or (start == "{" and _HC_URL.search(text, 0, 4096)):
        return True  # sections, categories, labels: claimed, nothing to read
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
                yield from _nested(item, f"{pointer}/{i}")
        return
    listed = False
    for key in ("articles", "translations"):  # a list response may sideload the translations beside its articles
        listing = root.get(key)
        if listing is not None and isinstance(listing.value, list):
            listed = True
            for i, item in enumerate(listing.value):
                if _is_article(item):
                    yield item, f"{pointer}/{key}/{i}"
                    yield from _nested(item, f"{pointer}/{key}/{i}")
    if listed:
        return
    for key in ("article", "translation"):
        single = root.get(key)
        if single is not None and _is_article(single):
            yield single, f"{pointer}/{key}"
            yield from _nested(single, f"{pointer}/{key}")
            return
    if _is_article(root):
        yield root, pointer
        yield from _nested(root, pointer)


def _nested(article: JNode, pointer: str) -> Iterator[tuple[JNode, str]]:
    """An article's own ``translations`` (``include=translations``), other than the one its body already is."""
    translations = article.get("translations")
    if translations is None or not isinstance(translations.value, list):
        return
    body = _string(article.get("body"))
    for i, item in enumerate(translations.value):
        if _is_article(item) and _string(item.get("body")) != body:
            yield item, f"{pointer}/translations/{i}"


def _is_article(node: JNode) -> bool:
    return isinstance(node.value, dict) and "body" in node.value and ("title" in node.value or "name" in node.value)


def _string(node: JNode | None) -> str:
    return node.value if node is not None and isinstance(node.value, str) else ""


def _article(doc: Document, article: JNode, pointer: str, line_of: Callable[[JNode], int]) -> Iterator[Statement]:
    draft = article.get("draft")
    body = article.get("body")
    if (draft is not None and draft.value is True) or body is None or not _string(body).strip():
        return
    if _string(article.get("source_type")) not in ("", "Article"):
        return  # a section's or category's translation
    title = clean_text(_string(article.get("title")) or _string(article.get("name")))
    locale = _string(article.get("locale"))
    condition = _condition(article)
    # A translation names its article (``source_id``); an article is its own: both are versions of one answer.
    source = article.get("source_id") or article.get("id")
    translation = f"zendesk:{source.value}" if _is_id(source) else ""  # type: ignore[union-attr]
    line = line_of(body)
    try:
        blocks = fragment_blocks(_string(body), fallback=title)
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
            condition=condition,
            translation=translation,
        )


def _condition(article: JNode) -> str:
    """``user segment 123`` for an article restricted to user segments, else ``""``."""
    segments = [str(article.get("user_segment_id").value)] if _is_id(article.get("user_segment_id")) else []  # type: ignore[union-attr]
    many = article.get("user_segment_ids")
    if many is not None and isinstance(many.value, list):
        segments += [str(n.value) for n in many.value if _is_id(n) and str(n.value) not in segments]
    return "user segment " + ", ".join(segments) if segments else ""


def _is_id(node: JNode | None) -> bool:
    return (
        node is not None
        and isinstance(node.value, (int, str))
        and not isinstance(node.value, bool)
        and str(node.value) != ""
    )


def _fixed_line(line: int) -> Callable[[JNode], int]:
    """A ``line_of`` for :func:`_article` that puts every node on ``line`` (a recorded body is one JSON string)."""
    return lambda _node: line


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
            yield from _article(doc, article, base + pointer, _fixed_line(line))
