"""Format detection looks at content: misleading extensions do not fool it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from consistency_check.sources import REGISTRY, detect_format
from consistency_check.sources.base import Document
from tests.sources.conftest import FIXTURES

CASES = [
    ("rasa/shop_bot/domain.yml", "domain.yaml", "rasa"),
    ("rasa/shop_bot/domain.yml", "domain.txt", "rasa"),
    ("rasa/shop_bot/data/nlu.yml", "nlu.md", "rasa"),
    ("rasa/legacy_bot/domain.yml", "bot.json", "rasa"),
    ("zendesk/articles.json", "articles.json", "zendesk"),
    ("zendesk/articles.json", "articles.txt", "zendesk"),
    ("zendesk/single_article.json", "article.yaml", "zendesk"),
    ("html/returns_faq.html", "faq.md", "html"),
    ("html/schema_microdata.html", "faq.txt", "html"),
    ("html/messy_jsonld.html", "faq.json", "html"),
    ("markdown/returns_faq.md", "faq.txt", "markdown"),
    ("markdown/returns_faq.md", "faq.html", "markdown"),
    ("markdown/kb_article.md", "article", "markdown"),
    ("markdown/call_centre_script.md", "script.txt", "markdown"),
    ("text/store_script.txt", "script", "text"),
    ("text/store_script.txt", "script.text", "text"),
    ("intercom/articles.json", "articles.json", "intercom"),
    ("intercom/search.json", "search.txt", "intercom"),
    ("confluence/returns_page.xhtml", "page.html", "confluence"),
    ("confluence/returns_page.xhtml", "page.xml", "confluence"),
    ("confluence/page.json", "page.json", "confluence"),
    ("salesforce_knowledge/dataloader/knowledge_kav.csv", "export.csv", "salesforce_knowledge"),
    ("einstein_bot/force-app/main/default/bots/Shop_Bot/v2.botVersion-meta.xml", "v2.xml", "einstein_bot"),
    ("einstein_bot/datasets/utterances.csv", "utterances.csv", "einstein_bot"),
    ("qnamaker/kb.tsv", "kb.txt", "qnamaker-tsv"),
    ("qnamaker/legacy_export.tsv", "export.csv", "qnamaker-tsv"),
    ("luis/FlightBooking.json", "app.txt", "luis"),
    ("botpress/qna/4k2x9d_return_window.json", "item.txt", "botpress"),
    ("botpress/content-elements/builtin_text.json", "builtin_text.json", "botpress"),
    ("botpress/flows/main.flow.json", "main.flow.json", "botpress"),
    ("botframework/northwind.dialog", "bot.json", "composer-dialog"),
    ("rasa1/data/nlu.md", "nlu.txt", "rasa-md"),
    ("rasa1/data/responses.md", "responses.md", "rasa-md"),
    ("rasa1/data/stories.md", "stories.markdown", "rasa-md"),
    # .lu / .lg / .qna look like Markdown: only their extension tells them apart
    ("botframework/language-understanding/en-us/northwind.en-us.lu", "intents.md", "markdown"),
    ("botframework/language-generation/en-us/northwind.en-us.lg", "answers.md", "markdown"),
    ("botframework/knowledge-base/en-us/northwind.en-us.qna", "kb.qna", "qna"),
]


@pytest.mark.parametrize(("source", "name", "expected"), CASES, ids=[f"{c[0]}->{c[1]}" for c in CASES])
def test_detect_format_ignores_misleading_extensions(tmp_path: Path, source: str, name: str, expected: str) -> None:
    target = tmp_path / name
    shutil.copyfile(FIXTURES / source, target)
    assert detect_format(Document(name, target, "web")) == expected


@pytest.mark.parametrize(
    ("content", "name"),
    [
        ("id,question,answer\n1,Returns?,30 days\n2,Shipping?,5 days\n", "kb.csv"),
        ('{"intents": [{"name": "x"}]}', "agent.json"),
        ('{"name": "x", "utterances": {"en": ["hi"]}}', "intent.json"),
        ("\x00\x01\x02binary", "blob.bin"),
        ("services:\n  web:\n    image: nginx\n", "compose.yml"),
    ],
)
def test_unknown_content_is_not_claimed(tmp_path: Path, content: str, name: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect_format(Document(name, path, "web")) is None


def test_registry_modules_follow_the_protocol() -> None:
    assert list(REGISTRY) == [
        "docx",
        "einstein_bot",
        "salesforce_knowledge",
        "confluence",
        "intercom",
        "zendesk",
        "dialogflow-es",
        "dialogflow-cx",
        "lex-v2",
        "luis",
        "botpress",
        "composer-dialog",
        "rasa",
        "qnamaker-tsv",
        "lu",
        "lg",
        "qna",
        "rasa-md",
        "html",
        "markdown",
        "text",
    ]
    for name, module in REGISTRY.items():
        assert name == module.NAME
        assert module.CHANNEL in {"web", "chatbot", "agent", "store"}
        assert module.EXTENSIONS and all(e.startswith(".") for e in module.EXTENSIONS)
        assert callable(module.sniff) and callable(module.parse)


def test_config_schema_lists_every_format() -> None:
    import json

    from consistency_check.config import __file__ as config_file

    schema = json.loads((Path(config_file).parent / "schemas" / "config.schema.json").read_text(encoding="utf-8"))
    formats = schema["properties"]["sources"]["items"]["properties"]["format"]["enum"]
    assert set(formats) == {"auto", *REGISTRY}


def test_markdown_with_erb_tags_is_markdown(tmp_path: Path) -> None:
    # Rails sites write pages as Markdown with ERB tags (".html.markerb"); an HTML figure near the top does not
    # make one an HTML page.
    page = tmp_path / "overview.html.markerb"
    page.write_text(
        "---\ntitle: Volumes overview\n---\n\n<figure>\n  <img src='/v.png' alt=''>\n</figure>\n\n"
        "## Size\n\nThe default volume size is 1GB.\n\n<%= partial 'shared/next' %>\n",
        encoding="utf-8",
    )
    assert detect_format(Document(page.name, page, "web")) == "markdown"
