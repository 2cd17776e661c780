"""The HTML reporter: snapshot, self-containment, CSP, escaping, and the subject x channel matrix."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from consistency_check.model import CheckedSubject, Finding, Location, Severity, Side
from consistency_check.reporters import HtmlReporter, Report
from consistency_check.reporters.html_assets import SCRIPT, content_security_policy
from consistency_check.reporters.html_reporter import channel_columns

from .snapshot import assert_snapshot

ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "li",
    "b",
    "form",
    "fieldset",
    "legend",
    "label",
    "input",
    "section",
    "div",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "span",
    "article",
    "mark",
    "details",
    "summary",
    "footer",
    "script",
}


@dataclass
class Page(HTMLParser):
    """Every start tag with its attributes, the ids, and each script's text."""

    tags: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    _in_script: bool = False

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data

    def ids(self) -> set[str]:
        return {str(attrs["id"]) for _, attrs in self.tags if attrs.get("id")}

    def with_class(self, tag: str, css: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and css in str(a.get("class", "")).split()]


def parse(report: Report) -> tuple[str, Page]:
    output = HtmlReporter().render(report)
    page = Page()
    page.feed(output)
    page.close()
    return output, page


def test_snapshot(full: Report) -> None:
    assert_snapshot("report.html", HtmlReporter().render(full))


def test_empty_snapshot(empty: Report) -> None:
    output = HtmlReporter().render(empty)
    assert_snapshot("report_empty.html", output)
    assert "No contradictions found." in output


def test_page_is_self_contained_under_a_strict_csp(full: Report) -> None:
    output, page = parse(full)
    metas = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(metas) == 1 and metas[0]["content"] == content_security_policy()
    policy = str(metas[0]["content"])
    assert policy.startswith("default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-")
    assert page.scripts == [SCRIPT]
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode("utf-8")).digest()).decode("ascii")
    assert f"'sha256-{digest}'" in policy
    for tag, attrs in page.tags:
        assert tag in ALLOWED_TAGS, tag
        assert "src" not in attrs and not any(name.startswith("on") for name in attrs), (tag, attrs)
    assert "url(" not in output and "@import" not in output and "http://" not in output and "https://" not in output


def test_links_are_internal_anchors_that_exist(full: Report) -> None:
    _, page = parse(full)
    ids = page.ids()
    hrefs = [str(a["href"]) for t, a in page.tags if t == "a"]
    assert hrefs and all(h.startswith("#") and h[1:] in ids for h in hrefs)


def test_matrix_rows_columns_and_highlighting(full: Report) -> None:
    _, page = parse(full)
    header = [a for t, a in page.tags if t == "th" and a.get("scope") == "col"]
    assert [a.get("class") for a in header] == [None, "ch-0", "ch-1", "ch-2", "ch-3"]
    rows = [a for t, a in page.tags if t == "tr" and str(a.get("class", "")).startswith("sev-")]
    # phone (warning) and refund (error) have values; the info finding has none; gift card expiry agrees;
    # the exchange window's finding is suppressed, so it is neither a contradiction nor consistent.
    assert [a["class"] for a in rows] == ["sev-error", "sev-warning", "sev-consistent consistent"]
    odd = page.with_class("td", "odd")
    assert [a["class"] for a in odd] == ["ch-1 odd"]  # the chatbot's 30 days against the expected 14 days
    assert [a["class"] for a in page.with_class("td", "tie")] == ["ch-2 tie", "ch-3 tie"]  # the phone has no majority
    assert page.with_class("a", "differs")[0]["href"] == "#f1-s1"


def test_channel_order() -> None:
    def side(channel: str) -> Side:
        return Side(Location("a"), channel, "q", "1")

    finding = Finding("CC1", "n", Severity.ERROR, "m", "s", (side("store"), side("zeta"), side("web"), side("alpha")))
    subject = CheckedSubject("t", "CC2", (("chatbot", "x"),))
    assert channel_columns([finding], [subject]) == ["web", "chatbot", "store", "alpha", "zeta"]


def test_hostile_text_is_escaped_everywhere(attack: Report) -> None:
    output, page = parse(attack)
    assert page.scripts == [SCRIPT]
    assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert all(str(a.get("href", "#")).startswith("#") for _, a in page.tags)
    for raw in ("<script>alert", "<img", "<i>", "<b>bold", "<x>", "<!-- hidden", "\x1b", "\u202e"):
        assert raw not in output, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in output
    assert "chat&lt;bot&gt;" in output and "45 days &lt;x&gt;" in output
    assert "\\x1b[2J" in output and "\\u202egnp.exe" in output
    assert not re.search(r'=\s*"?javascript:', output)


def test_quote_marks_the_value(full: Report) -> None:
    output = HtmlReporter().render(full)
    assert "Returns are accepted for a full <mark>thirty days</mark>." in output


def test_filters_are_hidden_without_script(full: Report) -> None:
    _, page = parse(full)
    form = [a for t, a in page.tags if t == "form"]
    assert len(form) == 1 and "hidden" in form[0]
    boxes = [str(a["data-hide"]) for t, a in page.tags if t == "input"]
    assert boxes == ["ch-0", "ch-1", "ch-2", "ch-3", "sev-error", "sev-warning", "sev-info", "sev-consistent"]


def test_suppressed_and_notes_sections(full: Report) -> None:
    output = HtmlReporter().render(full)
    assert "1 suppressed finding" in output and "Known: the KB article is being rewritten" in output
    assert "until 2026-01-31" in output and "docs/x.bin: no format recognised" in output
