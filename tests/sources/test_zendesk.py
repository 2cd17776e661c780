"""Zendesk articles: drafts, envelopes and JSON errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consistency_check.sources import zendesk
from consistency_check.sources.base import Document, SourceError


def _parse(tmp_path: Path, text: str) -> list:
    path = tmp_path / "hc.json"
    path.write_text(text, encoding="utf-8")
    return list(zendesk.parse(Document("hc.json", path, "agent")))


def test_bare_list_and_cursor_envelope(tmp_path: Path) -> None:
    bare = '[{"title": "A", "body": "<p>One.</p>", "locale": "en"}]'
    assert [(s.question, s.text, s.location.pointer) for s in _parse(tmp_path, bare)] == [("A", "One.", "/0/body#p0")]
    cursor = (
        '{"articles": [{"title": "B", "body": "<p>Two.</p>"}],\n "meta": {"has_more": false}, "links": {"next": null}}'
    )
    assert [(s.question, s.location.line) for s in _parse(tmp_path, cursor)] == [("B", 1)]


def test_null_and_empty_bodies_are_skipped(tmp_path: Path) -> None:
    text = '{"articles": [{"title": "A", "body": null}, {"title": "B", "body": ""}, {"title": "C", "body": "x"}]}'
    assert [s.question for s in _parse(tmp_path, text)] == ["C"]


def test_invalid_json_has_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        _parse(tmp_path, '{"articles": [\n  {"title": "A",\n   "body": "<p>x</p>"\n  "draft": false}\n]}')
    assert (err.value.line, err.value.column) == (4, 3)


def test_truncated_json(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        _parse(tmp_path, '{"articles": [{"title": "A", "body": "<p>x')
    assert err.value.line == 1


@pytest.mark.parametrize(
    ("fields", "condition"),
    [
        ('"user_segment_id": null', ""),
        ('"user_segment_id": 360000111', "user segment 360000111"),
        ('"user_segment_ids": [7, 8]', "user segment 7, 8"),
        ('"user_segment_id": 7, "user_segment_ids": [7, 9]', "user segment 7, 9"),
        ('"label_names": ["members", "international"]', ""),  # topic tags, not scope words
    ],
)
def test_user_segment_is_the_condition(tmp_path: Path, fields: str, condition: str) -> None:
    text = '{"article": {"title": "A", "locale": "en-gb", "body": "<p>One.</p>", ' + fields + "}}"
    [statement] = _parse(tmp_path, text)
    assert (statement.condition, statement.locale) == (condition, "en-gb")


def test_help_center_objects_are_claimed_without_statements(tmp_path: Path) -> None:
    from consistency_check.sources import detect_format

    for text in (
        '{"categories": [{"id": 1, "name": "General", "description": "All"}], "count": 1}',
        '{"id": 5, "url": "https://x.zendesk.com/api/v2/help_center/articles/labels/5.json", "name": "stuff"}',
    ):
        path = tmp_path / "hc.json"
        path.write_text(text, encoding="utf-8")
        doc = Document("hc.json", path, "agent")
        assert detect_format(doc) == "zendesk" and list(zendesk.parse(doc)) == []


def test_a_heading_in_an_article_body_is_part_of_the_question_of_what_follows(tmp_path: Path) -> None:
    """As on a web page, a heading inside an article names the subject of the blocks under it ("It's $5." under
    "Late fees"), joined to the article's title; blocks before any heading keep the title alone."""
    body = "<p>Read this first.</p><h2>Late fees</h2><p>It's $5 a day.</p><h3>Waivers</h3><p>Ask a manager.</p>"
    path = tmp_path / "articles.json"
    path.write_text(json.dumps({"articles": [{"id": 1, "title": "Fees", "body": body}]}), encoding="utf-8")
    got = [(s.question, s.text) for s in zendesk.parse(Document("articles.json", path, "agent"))]
    assert got == [
        ("Fees", "Read this first."),
        ("Fees", "Late fees"),
        ("Fees: Late fees", "It's $5 a day."),
        ("Fees: Late fees", "Waivers"),
        ("Fees: Waivers", "Ask a manager."),
    ]
