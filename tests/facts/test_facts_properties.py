"""Property tests: extraction never fails, spans are exact and disjoint, and a fact's own text yields it again."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consistency_check.facts import extract_facts

FRAGMENTS = [
    "$",
    "€",
    "£",
    "49",
    "1,299.99",
    "30",
    "5",
    "7",
    "12",
    "2026",
    "24/7",
    "1/2",
    "%",
    "percent",
    "days",
    "day",
    "business days",
    "hours",
    "weeks",
    "months",
    "year",
    "years",
    "a",
    "an",
    "one",
    "thirty",
    "(30)",
    "forty-five",
    "half",
    "and",
    "to",
    "-",
    "–",
    "—",
    "between",
    "up to",
    "within",
    "at least",
    "or more",
    "or less",
    "over",
    "under",
    "per",
    "/",
    "month",
    "each",
    "Mon",
    "Fri",
    "Monday",
    "Sunday",
    "weekdays",
    "daily",
    "closed",
    "open",
    "9am",
    "5pm",
    "8 a.m.",
    "8:00",
    "20:00",
    "noon",
    "midnight",
    "ET",
    "except",
    "December",
    "Dec.",
    "1st",
    "May",
    "1-800-555-0100",
    "(800) 555-0100",
    "+44 20 7946 0958",
    "help@example.com",
    "example.com/returns",
    "https://",
    "www.",
    ".",
    ",",
    ";",
    ":",
    "#",
    "items",
    "points",
    "for every",
    "dollars",
    "USD",
    "7 days a week",
    "same-day",
    "\u00a0",
    "\n",
    "１２",
    "½",
    "İ",
    "ẞ",
    "x",
    "Step",
    "Press",
    "iPhone",
]

texts = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=14).flatmap(
    lambda parts: st.sampled_from([" ".join(parts), "".join(parts)])
)


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["US", "GB", "CA", "DE"]), st.sampled_from([None, 2026]))
def test_extraction_is_total_exact_and_disjoint(text: str, region: str, year: int | None) -> None:
    facts = extract_facts(text, region=region, year=year)
    last_end = 0
    for fact in facts:
        start, end = fact.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == fact.text
        assert start >= last_end
        last_end = end
        assert fact.value and fact.kind


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["US", "GB"]), st.sampled_from([None, 2026]))
def test_a_fact_text_alone_yields_the_same_value(text: str, region: str, year: int | None) -> None:
    for fact in extract_facts(text, region=region, year=year):
        again = extract_facts(fact.text, region=region, year=year)
        assert (fact.kind, fact.value) in [(f.kind, f.value) for f in again], (fact, again)


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    for fact in extract_facts(text):
        assert text[fact.span[0] : fact.span[1]] == fact.text
