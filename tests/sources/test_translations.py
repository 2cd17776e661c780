"""The exports' own links between language versions of one answer (``Statement.translation``), read from the
multilingual organisations' real-shaped exports: every format that links versions gives all of them one id."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from consistency_check.config import load_config
from consistency_check.discovery import from_config
from consistency_check.facts.bridge import language_of
from consistency_check.reading import read_source

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "accuracy" / "multilingual"


def _versions(org: str) -> dict[tuple[str, str], set[str]]:
    config = load_config(CORPUS / org / "consistency-check.yaml")
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for src in from_config(config)[0]:
        for stmt in read_source(src, config).statements:
            if stmt.translation:
                found[(stmt.format, stmt.translation)].add(language_of(stmt.locale))
    return found


@pytest.mark.parametrize(
    ("org", "fmt", "answer", "languages"),
    [
        ("langschool", "zendesk", "zendesk:360041230011", {"en", "es", "fr"}),  # an article and its translations
        ("ebike", "intercom", "intercom:8120451", {"en", "de", "pt"}),  # translated_content
        (
            "langschool",
            "dialogflow-es",
            "dialogflow:chatbot/mareval-agent/intents/refund.time.json",
            {"en", "es", "fr"},
        ),
        ("railpass", "rasa", "rasa:utter_greet", {"en", "de", "fr"}),  # a response of one name in each project
    ],
)
def test_the_versions_of_one_answer_share_an_id(org: str, fmt: str, answer: str, languages: set[str]) -> None:
    assert _versions(org)[(fmt, answer)] == languages


@pytest.mark.parametrize(
    ("org", "fmt"), [("ebike", "html"), ("langschool", "html"), ("railpass", "html"), ("ebike", "lex-v2")]
)
def test_pages_linked_by_hreflang_and_intents_of_one_name_in_each_locale(org: str, fmt: str) -> None:
    linked = [langs for (f, _), langs in _versions(org).items() if f == fmt and len(langs) == 3]
    assert linked, _versions(org)


@pytest.mark.parametrize(
    ("path", "same"),
    [
        ("web/en/returns.md", "page:web/*/returns.md"),
        ("web/es/returns.md", "page:web/*/returns.md"),
        ("content/fr-ca/faq.md", "page:content/*/faq.md"),
        ("docs/faq.fr.md", "page:docs/faq.*.md"),
        ("web/faq.md", ""),
    ],
)
def test_a_markdown_page_in_a_language_folder_is_a_version_of_the_same_page_elsewhere(
    tmp_path: Path, path: str, same: str
) -> None:
    from consistency_check.sources import markdown
    from consistency_check.sources.base import Document

    file = tmp_path / "page.md"
    file.write_text("# Returns\n\nReturns within 30 days.\n", encoding="utf-8")
    [stmt] = list(markdown.parse(Document(path, file, "web", "")))
    assert stmt.translation == same
    file.write_text("---\ntranslationKey: returns\n---\n# Returns\n\nReturns within 30 days.\n", encoding="utf-8")
    [stmt] = list(markdown.parse(Document(path, file, "web", "")))
    assert stmt.translation == "page:returns"


def test_zendesk_translations_sideloaded_beside_or_inside_the_articles_are_read(tmp_path: Path) -> None:
    import json

    from consistency_check.sources import zendesk
    from consistency_check.sources.base import Document

    def version(source: int, locale: str, body: str) -> dict[str, object]:
        return {"source_id": source, "source_type": "Article", "locale": locale, "title": "Returns", "body": body}

    article = {"id": 7, "locale": "en-us", "title": "Returns", "body": "<p>Returns within 30 days.</p>",
               "translations": [version(7, "en-us", "<p>Returns within 30 days.</p>"),
                                version(7, "es", "<p>Devoluciones dentro de 30 días.</p>")]}  # fmt: skip
    listing = {"articles": [article], "translations": [version(7, "fr", "<p>Retours sous 30 jours.</p>")]}
    file = tmp_path / "articles.json"
    file.write_text(json.dumps(listing, indent=1), encoding="utf-8")
    read = [(s.locale, s.translation) for s in zendesk.parse(Document("kb/articles.json", file, "agent", ""))]
    assert sorted(read) == [("en-us", "zendesk:7"), ("es", "zendesk:7"), ("fr", "zendesk:7")]
