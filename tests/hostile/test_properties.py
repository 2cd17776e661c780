"""Property tests over hostile input: arbitrary text to every fact extractor, arbitrary structures to every adapter.

No exception escapes an extractor; a fact's canonical value, extracted again,
gives the same value; and every adapter, fed arbitrary JSON- or YAML-like
structures or text through :func:`consistency_check.pipeline.read_source`,
returns statements and findings, never raises: bad input is CC001 (or CC002).
Example counts are kept moderate (``EXAMPLES``) so the suite stays fast.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consistency_check.config import Config
from consistency_check.discovery import SourceFile
from consistency_check.facts import extract_facts
from consistency_check.facts.clock import extract_times
from consistency_check.facts.common import fold
from consistency_check.facts.contacts import extract_emails, extract_phones, extract_urls
from consistency_check.facts.dates import extract_dates
from consistency_check.facts.durations import extract_durations
from consistency_check.facts.hours import extract_hours
from consistency_check.facts.money import extract_money
from consistency_check.facts.numbers import parse_number
from consistency_check.facts.quantities import extract_counts, extract_percents, extract_rates
from consistency_check.model import Fact
from consistency_check.pipeline import read_source
from consistency_check.sources import REGISTRY
from consistency_check.sources.base import clean_text

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "150"))
"""Examples per property for extractors; each adapter gets ``ADAPTER_EXAMPLES`` (set HOSTILE_EXAMPLES to search
longer)."""
ADAPTER_EXAMPLES = max(10, EXAMPLES // 6)

HOSTILE = [
    "\u200b",
    "\u200d",
    "\u00ad",
    "\u200e",
    "\u200f",
    "\u202e",
    "\ufeff",
    "\u00a0",
    "\u202f",
    "\u3000",
    "\x1b[2J",
    "\x00",
    "\x07",
    "\r",
    "\r\n",
    "\t",
    "\uff13\uff10",
    "\uff04",
    "\uff05",
    "\u2212",
    "\u2013",
    "\u00bd",
    "\u0663\u0660",
    "\U0001d7d1",
    "&nbsp;",
    "&#x24;",
]
FRAGMENTS = [
    "$",
    "€",
    "£",
    "49",
    "1,299.99",
    "30",
    "5",
    "12",
    "2026",
    "24/7",
    "%",
    "days",
    "business days",
    "hours",
    "weeks",
    "within",
    "up to",
    "at least",
    "or more",
    "per",
    "month",
    "Mon",
    "Fri",
    "9am",
    "5pm",
    "8:00",
    "noon",
    "December",
    "1-800-555-0100",
    "+44 20 7946 0958",
    "help@example.com",
    "https://example.com/x",
    "items",
    "points",
    "dollars",
    "thirty",
    "(30)",
    "forty-five",
    "between",
    "and",
    "to",
    "-",
    ".",
    ",",
    "a",
    "an",
    "half",
    "free",
    "over",
    "under",
] + HOSTILE

texts = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=16).flatmap(
    lambda parts: st.sampled_from([" ".join(parts), "".join(parts)])
)
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

EXTRACTORS: dict[str, Callable[[str], list[Fact]]] = {
    "phone": lambda t: extract_phones(t, "US"),
    "email": lambda t: extract_emails(t),
    "url": lambda t: extract_urls(t, fold(t)),
    "hours": lambda t: extract_hours(t, fold(t)),
    "time": lambda t: extract_times(t, fold(t)),
    "date": lambda t: extract_dates(t, "US", 2026, fold(t)),
    "rate": lambda t: extract_rates(t, "US", fold(t)),
    "money": lambda t: extract_money(t, "US", fold(t)),
    "percent": lambda t: extract_percents(t, fold(t)),
    "duration": lambda t: extract_durations(t, fold(t)),
    "count": lambda t: extract_counts(t, fold(t)),
}


@pytest.mark.parametrize("kind", sorted(EXTRACTORS))
def test_each_extractor_takes_any_text(kind: str) -> None:
    extract = EXTRACTORS[kind]

    @SETTINGS
    @given(texts)
    def check(text: str) -> None:
        for candidate in (text, clean_text(text)):
            for fact in extract(candidate):
                start, end = fact.span
                assert 0 <= start <= end <= len(candidate) and fact.value

    check()


@SETTINGS
@given(texts)
def test_parse_number_takes_any_text(text: str) -> None:
    value = parse_number(text)
    assert value is None or value == value  # a number, never NaN


# Kinds whose canonical value is itself a statement of the fact. A count's
# value is a bare number ("3"): its noun lives in ``unit``, so it is left out;
# so is a date known to the month only ("2026-12" for "December 2026"), a form
# nobody writes. Full dates ("2026-12-24") must round-trip.
ROUND_TRIP_KINDS = ("duration", "money", "percent", "rate", "hours", "date", "phone", "email", "url")
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@SETTINGS
@given(texts, st.sampled_from(["US", "GB"]))
def test_canonical_values_round_trip(text: str, region: str) -> None:
    for fact in extract_facts(clean_text(text), region=region, year=2026):
        if fact.kind not in ROUND_TRIP_KINDS or (fact.kind == "date" and not _FULL_DATE.fullmatch(fact.value)):
            continue
        again = [(f.kind, f.value) for f in extract_facts(fact.value, region=region, year=2026)]
        assert (fact.kind, fact.value) in again, (fact, again)


# --- adapters ----------------------------------------------------------------

KEYS = [
    "title",
    "body",
    "text",
    "question",
    "answer",
    "questions",
    "answers",
    "articles",
    "data",
    "type",
    "name",
    "id",
    "responses",
    "utter_x",
    "utterances",
    "intents",
    "qnas",
    "content",
    "locale",
    "translations",
    "$kind",
    "triggers",
    "actions",
    "activity",
    "mainEntity",
    "acceptedAnswer",
    "@type",
    "value",
    "html_url",
    "section_id",
    "labels",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(FRAGMENTS + ["<p>Returns within 30 days.</p>", "Article", "FAQPage", "Question", "${user.name}"]),
    st.text(max_size=20),
)
structures = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), children, max_size=5)
    ),
    max_leaves=25,
)

# format name -> (file name, how a structure becomes the file's text)
JSON_SHELLS: dict[str, tuple[str, Callable[[object], str]]] = {
    "zendesk": ("articles.json", lambda s: json.dumps({"articles": s if isinstance(s, list) else [s]})),
    "intercom": ("intercom.json", lambda s: json.dumps({"type": "list", "data": s})),
    "luis": ("app.json", lambda s: json.dumps({"luis_schema_version": "7.0.0", "utterances": s, "intents": s})),
    "botpress": ("qna.json", lambda s: json.dumps({"id": "x", "data": s})),
    "composer-dialog": ("main.dialog", lambda s: json.dumps({"$kind": "Microsoft.AdaptiveDialog", "triggers": s})),
    "confluence": (
        "page.json",
        lambda s: json.dumps(
            {"title": "T", "body": {"storage": {"value": s if isinstance(s, str) else json.dumps(s)}}}
        ),
    ),
    "rasa": ("domain.yml", lambda s: yaml.safe_dump({"version": "3.1", "responses": s}, allow_unicode=True)),
    "html": (
        "faq.html",
        lambda s: (
            '<html><head><script type="application/ld+json">'
            + json.dumps({"@type": "FAQPage", "mainEntity": s})
            + "</script></head><body><p>x</p></body></html>"
        ),
    ),
    "markdown": ("page.md", lambda s: "---\n" + yaml.safe_dump({"faq": s}, allow_unicode=True) + "---\n# Q\n\nA\n"),
    "dialogflow-es": ("intent.json", lambda s: json.dumps({"name": "returns", "webhookUsed": False, "responses": s})),
    "dialogflow-cx": (
        "flow.json",
        lambda s: json.dumps({"displayName": "Returns", "transitionRoutes": s, "eventHandlers": s}),
    ),
    "lex-v2": (
        "Intent.json",
        lambda s: json.dumps({"name": "Returns", "sampleUtterances": s, "intentClosingSetting": s}),
    ),
}


def _text_of(value: object) -> str:
    """Every string in a structure, one per line: arbitrary text for the line-based formats."""
    if isinstance(value, dict):
        return "\n".join(f"{k}\n{_text_of(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "\n".join(_text_of(v) for v in value)
    return "" if value is None else str(value)


LINE_PREFIXES = [
    "# ",
    "## ",
    "- ",
    "* ",
    "> ",
    "```",
    "| ",
    "\t",
    '"',
    "<p>",
    "</div>",
    "Q: ",
    "A: ",
    "# ? ",
    "@ ",
    "[",
    "${",
    "---",
]
TEXT_SHELLS: dict[str, str] = {
    "text": "script.txt",
    "lu": "bot.lu",
    "lg": "bot.lg",
    "qna": "faq.qna",
    "qnamaker-tsv": "kb.tsv",
    "rasa-md": "nlu.md",
    "salesforce_knowledge": "kb.csv",
    "einstein_bot": "bot.xml",
    "docx": "script.docx",
}
assert set(JSON_SHELLS) | set(TEXT_SHELLS) == set(REGISTRY), set(REGISTRY) ^ (set(JSON_SHELLS) | set(TEXT_SHELLS))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("adapters")


def _read(folder: Path, name: str, fmt: str, data: bytes) -> None:
    path = folder / name
    path.write_bytes(data)
    for source_format in (fmt, "auto"):
        outcome = read_source(SourceFile(name, path, "agent", source_format, ""), Config(root=folder))
        assert {f.code for f in outcome.findings} <= {"CC001", "CC002"}
        for stmt in outcome.statements:
            assert isinstance(stmt.text, str) and stmt.location.path == name


ADAPTER_SETTINGS = settings(
    max_examples=ADAPTER_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.mark.parametrize("fmt", sorted(JSON_SHELLS))
def test_structured_adapters_take_any_structure(folder: Path, fmt: str) -> None:
    name, shell = JSON_SHELLS[fmt]

    @ADAPTER_SETTINGS
    @given(structures)
    def check(structure: object) -> None:
        _read(folder, name, fmt, shell(structure).encode("utf-8"))

    check()


@pytest.mark.parametrize("fmt", sorted(TEXT_SHELLS))
def test_line_based_adapters_take_any_text(folder: Path, fmt: str) -> None:
    name = TEXT_SHELLS[fmt]

    @ADAPTER_SETTINGS
    @given(
        st.lists(st.tuples(st.sampled_from(LINE_PREFIXES), structures.map(_text_of) | texts), max_size=12),
        st.sampled_from(["\n", "\r\n", "\t", ","]),
    )
    def check(lines: list[tuple[str, str]], joiner: str) -> None:
        text = "\n".join(prefix + joiner.join(body.split("\n")) for prefix, body in lines)
        data = (
            text.encode("utf-8", "surrogatepass")
            if fmt != "docx"
            else b"PK\x03\x04" + text.encode("utf-8", "surrogatepass")
        )
        _read(folder, name, fmt, data)

    check()
