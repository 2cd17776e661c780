"""HTML to text blocks: scopes, inline runs, tables and hidden content."""

from __future__ import annotations

from consistency_check.sources.htmltext import fragment_blocks, fragment_text


def test_blocks_lines_and_questions() -> None:
    html = (
        "<h2>Returns</h2>\n<p>You have <b>30 days</b>\n to return.</p>\n"
        "<ul><li>Start at Orders\n  <ul><li>nested</li></ul></li>\n<li>Two<br>lines</li></ul>\nBare text"
    )
    blocks = fragment_blocks(html, headings_as_blocks=False)
    assert [(b.question, b.text, b.line, b.end_line) for b in blocks] == [
        ("Returns", "You have 30 days to return.", 2, 3),
        ("Returns", "Start at Orders", 4, 4),
        ("Returns", "nested", 5, 5),
        ("Returns", "Two\nlines", 6, 6),
        ("Returns", "Bare text", 7, 7),
    ]


def test_headings_as_blocks_and_tables() -> None:
    html = "<h2>Rates</h2><table><tr><th>Zone</th><th>Price</th></tr><tr><td>EU</td><td>€5</td></tr></table>"
    assert fragment_text(html) == "Rates\nEU | Price: €5"


def test_hidden_and_skipped_content() -> None:
    html = (
        '<p>Shown.</p><p aria-hidden="true">No.</p><p style="display: none">No.</p><script>x()</script><form>No.</form>'
    )
    assert fragment_text(html) == "Shown."


def test_wrapper_div_acts_as_heading() -> None:
    html = '<div class="card-header"><h5>Fees</h5></div><div class="collapse">$2 per order.</div>'
    blocks = fragment_blocks(html, headings_as_blocks=False)
    assert [(b.question, b.text) for b in blocks] == [("Fees", "$2 per order.")]


def test_plain_text_fragment() -> None:
    assert fragment_text("Just &amp; text") == "Just & text"


def test_a_term_that_labels_its_description_is_named_within_its_heading() -> None:
    html = (
        "<h2>Clinic hours</h2><dl><dt>Saturday</dt><dd>9:00 AM – 1:00 PM</dd></dl>"
        "<h2>Fees</h2><dl><dt>Is there a fee?</dt><dd>No, the test is free.</dd></dl>"
    )
    got = [(b.question, b.text) for b in fragment_blocks(html, headings_as_blocks=False)]
    assert got == [("Clinic hours / Saturday", "9:00 AM – 1:00 PM"), ("Is there a fee?", "No, the test is free.")]


def test_a_cell_spanning_two_columns_keeps_the_cells_after_it_under_their_headers() -> None:
    html = (
        "<h2>Prices</h2><table><tr><th>Ticket</th><th>Weekday</th><th>Weekend</th><th>Holiday</th></tr>"
        '<tr><td>Adult</td><td colspan="2">$20</td><td>$25</td></tr>'
        '<tr><td>Child</td><td>$10</td><td>$12</td><td colspan="x">$15</td></tr></table>'
    )
    assert fragment_text(html).splitlines()[1:] == [
        "Adult | Weekday: $20 | Weekend: $20 | Holiday: $25",
        "Child | Weekday: $10 | Weekend: $12 | Holiday: $15",
    ]
