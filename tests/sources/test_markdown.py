"""Markdown pages: labels, conditions, HTML regions, front matter and prose fences."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.sources import markdown
from consistency_check.sources.base import Document, SourceError
from tests.sources.conftest import FIXTURES


def _parse(tmp_path: Path, text: str, name: str = "page.md") -> list:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(markdown.parse(Document(name, path, "web")))


def test_conditions_from_if_labels() -> None:
    doc = Document("call_centre_script.md", FIXTURES / "markdown" / "call_centre_script.md", "store")
    conditions = [(s.condition, s.location.line) for s in markdown.parse(doc) if s.condition]
    assert conditions == [("If yes", 12), ("If no", 14)]


def test_front_matter_locale_and_pointer() -> None:
    doc = Document("kb_article.md", FIXTURES / "markdown" / "kb_article.md", "agent")
    first = next(iter(markdown.parse(doc)))
    assert (first.origin, first.locale, first.location.pointer) == ("front-matter", "fr", "front-matter.faq[0].answer")


def test_front_matter_title_qualifies_sections(tmp_path: Path) -> None:
    # The article's title says what its sections are about ("Group bookings" / "Key terms"); a statement
    # answering the title itself, before any heading, carries no condition.
    text = (
        '---\ntitle: "Group bookings"\n---\n\nTen rooms or more.\n\n## Key terms\n\n'
        "- Free cancellation up to 21 days before arrival.\n"
    )
    assert [(s.question, s.condition) for s in _parse(tmp_path, text)] == [
        ("Group bookings", ""),
        ("Key terms", "Group bookings"),
    ]


@pytest.mark.parametrize("blank", ["\n", "\n\n", " \n\t\n"])
def test_front_matter_after_blank_first_lines_is_read(tmp_path: Path, blank: str) -> None:
    text = f"{blank}---\na: 1\nb: 2\n---\nReturns are accepted within 30 days.\n"
    path = tmp_path / "x.md"
    path.write_text(text, encoding="utf-8")
    doc = Document("x.md", path, "")
    assert markdown.sniff(doc)
    lines = blank.count("\n")
    assert [(s.text, s.location.line) for s in markdown.parse(doc)] == [
        ("Returns are accepted within 30 days.", lines + 5)
    ]
    errors = []
    for lead in ("", blank):  # a front-matter error is located at its line in the file
        with pytest.raises(SourceError) as err:
            _parse(tmp_path, f"{lead}---\ntitle: [unclosed\nb: 2\n---\nReturns within 30 days.\n")
        errors.append(err.value.line)
    assert errors[1] == errors[0] + lines


def test_multi_line_paragraph_has_end_line(tmp_path: Path) -> None:
    statements = _parse(tmp_path, "# Shipping\n\nOrders ship\nwithin 2 days.\n")
    assert [(s.text, s.location.line, s.location.end_line) for s in statements] == [
        ("Orders ship within 2 days.", 3, 4)
    ]


def test_indented_html_inside_a_div_is_read_whole(tmp_path: Path) -> None:
    text = (
        "## Accounts\n\n"
        '<div class="usa-accordion">\n  <h3><button aria-controls="x">Can I merge accounts?</button></h3>\n'
        '  <div id="x">\n    <p>No.</p>\n\n'
        "    <ul>\n      <li>Close one account first.</li>\n    </ul>\n  </div>\n</div>\n\n"
        "Back to text.\n"
    )
    statements = _parse(tmp_path, text)
    assert [(s.question, s.text, s.location.line) for s in statements] == [
        ("Can I merge accounts?", "No.", 6),
        ("Can I merge accounts?", "Close one account first.", 9),
        ("Accounts", "Back to text.", 14),
    ]


def test_code_and_comments_are_skipped(tmp_path: Path) -> None:
    text = (
        "# X\n\n```python\nprint('refund in 30 days')\n```\n\n"
        "    indented code\n\n<!-- note: 60 days -->\n\nReal text.\n"
    )
    assert [s.text for s in _parse(tmp_path, text)] == ["Real text."]


def test_task_boxes_and_template_tags_are_removed(tmp_path: Path) -> None:
    text = '# Checklist\n\n- [ ] Confirm the order number {{< ref "x" >}}\n- [x] Offer a refund{: .note}\n'
    assert [s.text for s in _parse(tmp_path, text)] == ["Confirm the order number", "Offer a refund"]


def test_bad_front_matter_raises_after_body_statements(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: Returns\ntags: [a, b\n---\n\nThirty days.\n", encoding="utf-8")
    seen = []
    with pytest.raises(SourceError) as err:
        for statement in markdown.parse(Document("bad.md", path, "web")):
            seen.append(statement.text)
    assert seen == ["Thirty days."]
    assert err.value.line == 4


def test_locale_from_file_name_and_folder() -> None:
    assert markdown._path_locale("content/_help/x._es.md") == "es"
    assert markdown._path_locale("content/fr/docs/faq.md") == "fr"
    assert markdown._path_locale("docs/Return-an-item.md") == ""
    assert markdown._path_locale("web/es/devoluciones.md") == "es"
    assert markdown._path_locale("teams/it/faq.md") == ""  # the IT team's folder, not Italian


def test_template_expressions_opening_a_link_target_are_not_quoted(tmp_path: Path) -> None:
    # Jekyll fills "{{ site.baseurl }}" and "{% link %}" in; left there they made the link literal text.
    text = (
        "# Domains\n\n[Custom domain]({{ site.baseurl }}{% link _docs/domains.md %}) support is included.\n\n"
        "Write to [support@example.gov]({{ site.support_email }}) within 14 days.\n\nHello {{ name }}, welcome.\n"
    )
    assert [(s.text, s.location.line) for s in _parse(tmp_path, text)] == [
        ("Custom domain support is included.", 3),
        ("Write to support@example.gov within 14 days.", 5),
        ("Hello {{ name }}, welcome.", 7),  # a placeholder in the prose stays (bots fill them in)
    ]


def test_a_heading_stating_a_contact_or_an_amount_is_also_a_statement(tmp_path: Path) -> None:
    # "Bookings line 1300 733 482" says the number as much as a sentence would; "Step 2" and "30-day returns" name
    # their sections.
    text = (
        "# Phone script\n\n**Bookings line 1300 733 482 – staffed 8:00 AM to 5:00 PM**\n\nSay hello.\n\n"
        "## Step 2\n\nAsk for the date.\n\n## 30-day returns\n\nReceipts help.\n"
    )
    assert [(s.question, s.text, s.location.line) for s in _parse(tmp_path, text)] == [
        ("Phone script", "Bookings line 1300 733 482 – staffed 8:00 AM to 5:00 PM", 3),
        ("Bookings line 1300 733 482 – staffed 8:00 AM to 5:00 PM", "Say hello.", 5),
        ("Step 2", "Ask for the date.", 9),
        ("30-day returns", "Receipts help.", 13),
    ]


def test_a_list_set_with_leaders_is_read_one_item_a_line(tmp_path: Path) -> None:
    path = tmp_path / "prices.md"
    path.write_text(
        "# Prices\n\n"
        "Adult group lesson .......... €45\n"
        "Child group lesson .......... €35\n"
        "Lockers are €8 a day and\n"
        "you keep the key.\n",
        encoding="utf-8",
    )
    got = [(s.location.line, s.text) for s in markdown.parse(Document("prices.md", path, "web"))]
    assert got == [
        (3, "Adult group lesson .......... €45"),
        (4, "Child group lesson .......... €35"),
        (5, "Lockers are €8 a day and you keep the key."),
    ]


def test_a_bold_sentence_or_quote_is_said_not_a_heading(tmp_path: Path) -> None:
    # A script sets what to say aloud in bold: the lines under it are still under the section's heading.
    text = (
        "## Booking\n\n"
        '**"You can book online at example.com/book, or I can book you now."**\n\n'
        "Cancellations need 24 hours' notice.\n\n"
        "**Late arrivals**\n\n"
        "We hold a lane for 15 minutes.\n\n"
        "**Masks are required.**\n"
    )
    assert [(s.question, s.text) for s in _parse(tmp_path, text)] == [
        ("Booking", '"You can book online at example.com/book, or I can book you now."'),
        ("Booking", "Cancellations need 24 hours' notice."),
        ("Late arrivals", "We hold a lane for 15 minutes."),
        ("Late arrivals", "Masks are required."),
    ]
