"""HTML FAQ pages: JSON-LD, microdata and visible text, their lines and pointers."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.sources import html_faq
from consistency_check.sources.base import Document, SourceError
from tests.sources.conftest import FIXTURES


def _parse(tmp_path: Path, text: str, name: str = "page.html") -> list:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return list(html_faq.parse(Document(name, path, "web")))


def test_json_ld_pointer_locale_and_html_answer() -> None:
    doc = Document("returns_faq.html", FIXTURES / "html" / "returns_faq.html", "web")
    first = next(iter(html_faq.parse(doc)))
    assert first.location.pointer == "ld+json[0]/mainEntity/0/acceptedAnswer"
    assert first.text == "You can return unworn items within 30 days of delivery."
    assert first.locale == "en-GB"


def test_lenient_json_ld_graph_and_suggested_answers() -> None:
    doc = Document("messy_jsonld.html", FIXTURES / "html" / "messy_jsonld.html", "web")
    first = next(iter(html_faq.parse(doc)))
    assert first.location.pointer == "ld+json[0]/@graph/1/mainEntity/suggestedAnswer/0"
    assert first.text == "Innerhalb von 14 Tagen.\nBei PayPal sofort."


def test_visible_blocks_have_xpath_pointers_and_end_lines() -> None:
    doc = Document("returns_faq.html", FIXTURES / "html" / "returns_faq.html", "web")
    refund = next(s for s in html_faq.parse(doc) if s.text.startswith("Refunds reach"))
    assert (refund.location.line, refund.location.end_line) == (38, 39)
    assert refund.location.pointer == "/html/body/main/p[2]"


def test_hidden_nav_footer_and_scripts_are_skipped() -> None:
    doc = Document("returns_faq.html", FIXTURES / "html" / "returns_faq.html", "web")
    texts = " ".join(s.text for s in html_faq.parse(doc))
    assert "Internal" not in texts and "Home" not in texts and "Northwind Outdoor Ltd" not in texts


def test_details_inside_heading_section_is_emitted_once(tmp_path: Path) -> None:
    statements = _parse(
        tmp_path,
        "<h2>Returns</h2>\n<details><summary>How long?</summary>\n<p>30 days.</p></details>\n<p>Free labels.</p>\n",
    )
    assert [(s.question, s.text, s.location.line) for s in statements] == [
        ("How long?", "30 days.", 3),
        ("Returns", "Free labels.", 4),
    ]


def test_heading_scope_ends_with_its_container(tmp_path: Path) -> None:
    statements = _parse(
        tmp_path,
        "<title>Help</title><section><h2>Hours</h2><p>9 to 5.</p></section>\n<section><p>Call us.</p></section>",
    )
    assert [(s.question, s.text) for s in statements] == [("Hours", "9 to 5."), ("Help", "Call us.")]


def test_accordion_button_and_uswds_heading(tmp_path: Path) -> None:
    statements = _parse(
        tmp_path,
        '<h3 class="usa-accordion__heading"><button aria-controls="a1">Is it free?</button></h3>\n'
        '<div id="a1"><p>Yes, it is free.</p></div>\n'
        '<button aria-expanded="false" aria-controls="a2">Who can apply?</button>\n<div id="a2">Anyone over 18.</div>',
    )
    assert [(s.question, s.text) for s in statements] == [
        ("Is it free?", "Yes, it is free."),
        ("Who can apply?", "Anyone over 18."),
    ]


def test_jekyll_front_matter_keeps_line_numbers(tmp_path: Path) -> None:
    page = "---\nlayout: base\n---\n<h1>Help</h1>\n<p>{{ page.intro }}</p>\n<p>Open daily.</p>\n"
    statements = _parse(tmp_path, page)
    assert [(s.text, s.location.line) for s in statements] == [("Open daily.", 6)]


def test_broken_faq_json_ld_raises_after_the_visible_statements(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text(
        '<html><head>\n<script type="application/ld+json">\n{"@type": "FAQPage",\n "mainEntity": [ }\n</script>\n'
        "</head><body><p>Still read.</p></body></html>\n",
        encoding="utf-8",
    )
    seen = []
    with pytest.raises(SourceError) as err:
        for statement in html_faq.parse(Document("broken.html", path, "web")):
            seen.append(statement.text)
    assert seen == ["Still read."]
    assert (err.value.line, err.value.column) == (4, 18)


def test_broken_unrelated_json_ld_is_ignored(tmp_path: Path) -> None:
    page = '<script type="application/ld+json">{"@type": "Product", oops}</script><p>Hi there.</p>'
    statements = _parse(tmp_path, page)
    assert [s.text for s in statements] == ["Hi there."]


def test_empty_page_gives_nothing(tmp_path: Path) -> None:
    assert _parse(tmp_path, "   \n") == []


def test_pointers_resolve_to_the_statement_element(tmp_path: Path) -> None:
    from lxml import etree

    for name in ("returns_faq.html", "schema_microdata.html"):
        path = FIXTURES / "html" / name
        root = etree.fromstring(path.read_bytes(), etree.HTMLParser(remove_comments=True))
        for statement in html_faq.parse(Document(name, path, "web")):
            if statement.origin == "json-ld":
                continue
            (element,) = root.xpath(statement.location.pointer)
            assert element.sourceline <= statement.location.line


def test_absurd_nesting_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError):
        _parse(tmp_path, "<div>" * 3000 + "deep" + "</div>" * 3000)


def test_a_heading_stating_a_contact_is_also_a_statement(tmp_path: Path) -> None:
    page = "<html><body><h1>Contact</h1><h2>Shop line 1300 733 482</h2><p>Open daily.</p><h2>Step 2</h2><p>Book.</p>"
    assert [(s.question, s.text) for s in _parse(tmp_path, page + "</body></html>")] == [
        ("Contact", "Shop line 1300 733 482"),
        ("Shop line 1300 733 482", "Open daily."),
        ("Step 2", "Book."),
    ]


def test_a_footer_states_its_contacts_for_the_page(tmp_path: Path) -> None:
    # Footers are where a stale phone number lives on; their other lines (copyright, links) say nothing.
    page = (
        "<html><head><title>Prices</title></head><body><main><h2>Cancellations</h2><p>Give 24 hours' notice.</p>"
        "</main><footer><p>Bookings: <a href='tel:+3531286'>01 286 4417</a></p><p>© 2026 Carrow Riding</p>"
        "<p><a href='/privacy'>Privacy</a></p></footer></body></html>"
    )
    got = [(s.question, s.text) for s in _parse(tmp_path, page)]
    assert got[0] == ("Cancellations", "Give 24 hours' notice.")
    assert [text for question, text in got[1:]] == ["Bookings: 01 286 4417"]
    assert got[1][0] != "Cancellations"  # not said of the section above it


def test_a_business_structured_data_states_its_contacts_and_hours(tmp_path: Path) -> None:
    # Search engines show a business's JSON-LD phone and hours: it is as much a statement as the page's text.
    page = (
        '<html><head><script type="application/ld+json">\n'
        '{"@type": "DaySpa", "name": "Salt Spa Bondi",\n'
        ' "telephone": "+61 2 5550 1188",\n'
        ' "openingHours": ["Mo-Fr 09:00-20:00", "Sa 09:00-17:00"],\n'
        ' "contactPoint": {"@type": "ContactPoint", "contactType": "reservations", "email": "book@example.com"},\n'
        ' "address": {"@type": "PostalAddress", "streetAddress": "1 Beach Rd"}}\n'
        "</script></head><body><h1>Bondi</h1><p>Call us on 02 5550 1188.</p></body></html>"
    )
    got = [(s.origin, s.location.line, s.question, s.text) for s in _parse(tmp_path, page)]
    assert got == [
        ("json-ld", 3, "Salt Spa Bondi", "Telephone: +61 2 5550 1188"),
        ("json-ld", 4, "Salt Spa Bondi", "Opening hours: Monday-Friday 09:00-20:00"),
        ("json-ld", 4, "Salt Spa Bondi", "Opening hours: Saturday 09:00-17:00"),
        ("json-ld", 5, "Salt Spa Bondi", "reservations email: book@example.com"),
        ("visible", 7, "Bondi", "Call us on 02 5550 1188."),
    ]


def test_a_footer_phone_of_any_country_is_read(tmp_path: Path) -> None:
    # "01632 960100": a UK number of a five- and a six-digit group; the page's region is not known to the walker.
    page = (
        "<html><body><main><p>Hire a day boat.</p></main><footer><div><address>Heronsford: "
        "<a href='tel:+441632960100'>01632 960100</a></address></div></footer></body></html>"
    )
    assert [s.text for s in _parse(tmp_path, page)] == ["Hire a day boat.", "Heronsford: 01632 960100"]
