"""Confluence storage format: macros, entities, undeclared prefixes, broken pages, REST JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.sources import confluence, detect_format
from consistency_check.sources.base import Document, SourceError
from tests.sources.conftest import FIXTURES, parse_file


def _blocks(fragment: str, title: str = "Page") -> list[tuple[int, str, str]]:
    return [(b.line, b.question, b.text) for b in confluence.storage_blocks(fragment, title)]


def test_code_and_parameters_are_not_text() -> None:
    _, statements = parse_file(FIXTURES / "confluence/returns_page.xhtml", FIXTURES / "confluence")
    texts = " ".join(s.text for s in statements)
    assert "99" not in texts and "Internal" not in texts and "bash" not in texts


def test_entities_undeclared_prefixes_and_declaration() -> None:
    fragment = (
        '<?xml version="1.0" encoding="UTF-8"?><p>Open&nbsp;9am&ndash;6pm &amp; Sun&hellip;</p>\n'
        '<p><atl:mention atl:id="1">Sam</atl:mention> approves refunds.</p>'
    )
    assert _blocks(fragment) == [(1, "Page", "Open 9am–6pm & Sun..."), (2, "Page", "Sam approves refunds.")]


def test_nested_expand_and_layout() -> None:
    fragment = (
        '<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell>\n'
        "<h2>Returns</h2>\n"
        '<ac:structured-macro ac:name="expand"><ac:parameter ac:name="title">Exchanges?</ac:parameter>\n'
        "<ac:rich-text-body><p>Within 90 days.</p></ac:rich-text-body></ac:structured-macro>\n"
        "<p>After the expand.</p>\n"
        "</ac:layout-cell></ac:layout-section></ac:layout>"
    )
    assert _blocks(fragment) == [(4, "Exchanges?", "Within 90 days."), (5, "Returns", "After the expand.")]


def test_a_titled_panel_answers_its_title() -> None:
    fragment = (
        "<h2>What's in the room</h2>\n"
        '<ac:structured-macro ac:name="info"><ac:parameter ac:name="title">Lockout rooms</ac:parameter>\n'
        "<ac:rich-text-body><p>Lockout rooms are $650 a month.</p></ac:rich-text-body></ac:structured-macro>\n"
        '<ac:structured-macro ac:name="note"><ac:rich-text-body><p>Bring earplugs.</p></ac:rich-text-body>'
        "</ac:structured-macro>"
    )
    assert _blocks(fragment) == [
        (3, "Lockout rooms", "Lockout rooms are $650 a month."),
        (4, "What's in the room", "Bring earplugs."),
    ]


def test_excerpt_include_and_placeholders_are_skipped() -> None:
    fragment = (
        '<p>Own text.</p><ac:structured-macro ac:name="excerpt-include"><ac:parameter ac:name="">Other '
        "page</ac:parameter>"
        "</ac:structured-macro><p><ac:placeholder>Type here</ac:placeholder></p>"
    )
    assert _blocks(fragment) == [(1, "Page", "Own text.")]


@pytest.mark.parametrize(
    ("fragment", "line"),
    [
        ("<p>one</p>\n<p>two\n<p>three</p>", 3),
        ("<p>fine</p>\n<p>&bogus; entity</p>", 2),
    ],
)
def test_broken_page_is_located(tmp_path: Path, fragment: str, line: int) -> None:
    path = tmp_path / "page.xhtml"
    path.write_text('<ac:structured-macro ac:name="info"/>\n' + fragment, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        list(confluence.parse(Document("page.xhtml", path, "agent")))
    assert info.value.line == line + 1


def test_broken_page_in_json_is_located_at_its_value(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_text(
        '{"title": "T",\n "body": {"storage": {"representation": "storage",\n   "value": "<p>open"}}}', encoding="utf-8"
    )
    with pytest.raises(SourceError) as info:
        list(confluence.parse(Document("page.json", path, "agent")))
    assert info.value.line == 3 and "/body/storage/value" in info.value.message


def test_results_list_skips_drafts(tmp_path: Path) -> None:
    path = tmp_path / "pages.json"
    path.write_text(
        '{"results": [\n'
        ' {"title": "A", "status": "current", "body": {"storage": {"representation": "storage", "value": '
        '"<p>Live.</p>"}}},\n'
        ' {"title": "B", "status": "draft", "body": {"storage": {"representation": "storage", "value": '
        '"<p>Draft.</p>"}}}\n'
        "]}",
        encoding="utf-8",
    )
    statements = list(confluence.parse(Document("pages.json", path, "agent")))
    assert [(s.question, s.text, s.location.line, s.location.pointer) for s in statements] == [
        ("A", "Live.", 2, "/results/0/body/storage/value#p0")
    ]


#: A page of a Confluence HTML export (Space tools > Export > HTML), as Confluence writes it.
EXPORT_PAGE = """<!DOCTYPE html>
<html>
    <head>
        <title>Billing : Idle fees</title>
        <link rel="stylesheet" href="styles/site.css" type="text/css" />
        <META http-equiv="Content-Type" content="text/html; charset=UTF-8">
    </head>
    <body class="theme-default aui-theme-default">
        <div id="page">
            <div id="main" class="aui-page-panel">
                <div id="main-header">
                    <div id="breadcrumb-section">
                        <ol id="breadcrumbs">
                            <li class="first"><span><a href="index.html">Billing</a></span></li>
                        </ol>
                    </div>
                    <h1 id="title-heading" class="pagetitle">
                        <span id="title-text"> Billing : Idle fees </span>
                    </h1>
                </div>
                <div id="content" class="view">
                    <div class="page-metadata">
                        Created by <span class='author'> Dana Ortiz</span>, last modified on Mar 01, 2026
                    </div>
                    <div id="main-content" class="wiki-content group">
                    <div class='toc-macro rbtoc1'><ul><li><a href='#Idlefees-DC'>DC chargers</a></li></ul></div>
                    <p>Idle fees start after a 10-minute grace period.</p>
                    <h2 id="Idlefees-DC">DC chargers</h2>
                    <p>The idle fee is $0.40 per minute &ndash; capped at $20.</p>
                    </div>
                </div>
            </div>
            <div id="footer" role="contentinfo"><section class="footer-body"><p>Document generated by
            Confluence on Mar 02, 2026 09:15</p></section></div>
        </div>
    </body>
</html>
"""


def test_a_page_of_an_html_export_is_read_as_its_content(tmp_path: Path) -> None:
    """An exported page is a whole HTML document, already rendered: its title without the space's name, the
    text of its content, not the breadcrumbs, the page's author line, the table of contents or the footer."""
    path = tmp_path / "Idle-fees_98305.html"
    path.write_text(EXPORT_PAGE, encoding="utf-8")
    statements = list(confluence.parse(Document("Idle-fees_98305.html", path, "agent")))
    assert [(s.location.line, s.question, s.text) for s in statements] == [
        (27, "Idle fees", "Idle fees start after a 10-minute grace period."),
        (29, "DC chargers", "The idle fee is $0.40 per minute – capped at $20."),
    ]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Plans-and-Membership_1146881.html", "Plans and Membership"),
        ("Idle fees 98305.xhtml", "Idle fees"),
        ("Plan-2026.html", "Plan 2026"),
        ("98305.html", "98305"),
    ],
)
def test_a_page_is_titled_by_its_file_name_without_the_page_id(name: str, title: str) -> None:
    assert confluence.page_title(name) == title


def test_plain_html_stays_with_the_html_adapter(tmp_path: Path) -> None:
    path = tmp_path / "faq.html"
    path.write_text("<h2>Returns?</h2><p>30 days.</p>", encoding="utf-8")
    assert detect_format(Document("faq.html", path, "web")) == "html"


REAL = "confluence_storage/kovetskiy__mark/testdata/"
GOLDEN = [
    # file, [(line, question, text start)] of the first, a middle and the last statement
    (
        "admonitions.html",
        [
            (4, "First Heading", "NOTES:"),
            (29, "Third Heading", "Test"),
            (82, "Important/Caution Type Alert Heading", "Important bullet 2"),
        ],
    ),
    (
        "links.html",
        [
            (1, "links", "Use https://example.com"),
            (7, "links", "Use page link with spaces"),
            (20, "Empty link", "a footnote link"),
        ],
    ),
    (
        "macro-include.html",
        [
            (1, "macro include", "bar"),
            (5, "macro include", "This is an info!"),
            (19, "macro include", "Cell A | Cell B"),
        ],
    ),
]


@pytest.mark.parametrize(("name", "expected"), GOLDEN, ids=[g[0] for g in GOLDEN])
def test_real_storage_pages(real_samples: Path, name: str, expected: list[tuple[int, str, str]]) -> None:
    fmt, statements = parse_file(real_samples / REAL / name, real_samples)
    assert fmt == "confluence"
    picks = [statements[0], next(s for s in statements if s.location.line == expected[1][0]), statements[-1]]
    for statement, (line, question, text) in zip(picks, expected, strict=False):
        assert (statement.location.line, statement.question) == (line, question)
        assert statement.text.startswith(text), statement.text
    assert not any(s.text in ("true", "Attention") for s in statements)  # macro parameters
