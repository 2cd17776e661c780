"""Intercom articles: envelopes, translations, drafts; never confused with Zendesk."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from consistency_check.sources import detect_format, intercom
from consistency_check.sources.base import Document, SourceError
from tests.sources.conftest import FIXTURES, parse_file


@pytest.mark.parametrize(
    ("folder", "name", "expected"),
    [
        ("intercom", "articles.json", "intercom"),
        ("intercom", "search.json", "intercom"),
        ("zendesk", "articles.json", "zendesk"),
        ("zendesk", "single_article.json", "zendesk"),
        ("zendesk", "translations.json", "zendesk"),
        ("zendesk", "agents_only.json", "zendesk"),
    ],
)
def test_intercom_and_zendesk_keep_their_own_files(folder: str, name: str, expected: str) -> None:
    path = FIXTURES / folder / name
    assert detect_format(Document(name, path, "agent")) == expected


def test_translations_are_read_once_per_locale() -> None:
    _, statements = parse_file(FIXTURES / "intercom/articles.json", FIXTURES / "intercom")
    locales = [(s.locale, s.location.pointer) for s in statements if s.question.startswith(("How do I", "Comment"))]
    assert locales == [
        ("en", "/data/0/translated_content/en/description"),
        ("en", "/data/0/translated_content/en/body#p0"),
        ("en", "/data/0/translated_content/en/body#p1"),
        ("fr", "/data/0/translated_content/fr/body#p0"),
    ]
    assert not any(s.locale == "de" or "Not published" in s.text for s in statements)  # drafts


def test_single_article_without_default_locale_is_not_read_twice(tmp_path: Path) -> None:
    body = "<p>Returns within 30 days.</p>"
    article = {
        "type": "article",
        "id": "1",
        "title": "Returns",
        "body": body,
        "state": "published",
        "translated_content": {
            "type": "article_translated_content",
            "en": {"type": "article_content", "title": "Returns", "body": body, "state": "published"},
        },
    }
    path = tmp_path / "article.json"
    path.write_text(json.dumps(article), encoding="utf-8")
    statements = list(intercom.parse(Document("article.json", path, "agent")))
    assert [(s.text, s.locale) for s in statements] == [("Returns within 30 days.", "en")]


def test_broken_json_is_located(tmp_path: Path) -> None:
    path = tmp_path / "articles.json"
    path.write_text('{"type": "list", "data": [\n  {"type": "article", "body": "<p>x</p>",\n}', encoding="utf-8")
    with pytest.raises(SourceError) as info:
        list(intercom.parse(Document("articles.json", path, "agent")))
    assert info.value.line == 3


OPENAPI = (
    "intercom_articles/intercom__Intercom-OpenAPI/descriptions/2.11/"
    "api.intercom.io.yaml__EXCERPT_lines369-870_articles_paths.yaml"
)


def _examples(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """``(path, value)`` of every example in an OpenAPI fragment."""
    if isinstance(node, dict):
        for name, example in (node.get("examples") or {}).items():
            if isinstance(example, dict) and "value" in example:
                yield f"{path}/{name}", example["value"]
        for key, value in node.items():
            yield from _examples(value, f"{path}/{key}")


def test_real_response_examples(real_samples: Path, tmp_path: Path) -> None:
    """The real samples are Intercom's OpenAPI description: its response examples, saved as JSON, are read."""
    spec = yaml.safe_load((real_samples / OPENAPI).read_text(encoding="utf-8"))
    claimed: dict[str, list[tuple[int | None, str, str, str]]] = {}
    for i, (where, value) in enumerate(_examples(spec)):
        path = tmp_path / f"example{i}.json"
        path.write_text(json.dumps(value, indent=2), encoding="utf-8")
        fmt, statements = parse_file(path, tmp_path)
        if fmt == "intercom":
            claimed[where.replace("/content/application/json", "")] = [
                (s.location.line, s.location.pointer or "", s.question, s.text) for s in statements
            ]
    assert sorted(claimed) == [  # the article responses; errors, deletions and request bodies are not articles
        "//articles/get/responses/200/successful",
        "//articles/post/responses/200/article created",
        "//articles/search/get/responses/200/Search successful",
        "//articles/{article_id}/get/responses/200/Article found",
        "//articles/{article_id}/put/responses/200/successful",
    ]
    assert claimed["//articles/post/responses/200/article created"] == [
        (18, "/description", "Thanks for everything", "Description of the Article"),
        (19, "/body#p0", "Thanks for everything", "Body of the Article"),
    ]
    assert claimed["//articles/{article_id}/put/responses/200/successful"] == [
        (19, "/body#p0", "Christmas is here!", "New gifts in store for the jolly season"),
    ]
    assert claimed["//articles/get/responses/200/successful"] == []  # the example's bodies are empty
