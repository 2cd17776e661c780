"""Unit tests: number parsing, polarity, overlap resolution, spans, hours rendering, input tolerance."""

from __future__ import annotations

import itertools
import time

import pytest

from consistency_check.facts import KINDS, extract_facts, resolve_overlaps
from consistency_check.facts.contacts import normalise_url
from consistency_check.facts.durations import render_duration
from consistency_check.facts.hours import render_hours
from consistency_check.facts.money import render_money
from consistency_check.facts.numbers import NUMBER_WORDS, parse_number
from consistency_check.facts.polarity import is_negated
from consistency_check.model import Fact


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("30", 30.0),
        ("1,299.99", 1299.99),
        ("1.5", 1.5),
        ("forty-five", 45.0),
        ("forty five", 45.0),
        ("Thirty", 30.0),
        ("a dozen", 12.0),
        ("dozen", 12.0),
        ("two dozen", 24.0),
        ("thirty (30)", 30.0),
        ("30 (thirty)", 30.0),
        ("one hundred", 100.0),
        ("a hundred", 100.0),
        ("one hundred and five", 105.0),
        ("two hundred fifty", 250.0),
        ("a", 1.0),
        ("an", 1.0),
        ("half", 0.5),
        ("zero", 0.0),
        ("nineteen", 19.0),
        ("１２", 12.0),
    ],
)
def test_parse_number_reads_numerals_and_words(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["thirty (31)", "banana", "", "twenty twenty", "one two", "fivety", "forty-ten"])
def test_parse_number_rejects_nonsense(text: str) -> None:
    assert parse_number(text) is None


def test_number_words_cover_zero_to_ninety() -> None:
    assert NUMBER_WORDS["zero"] == 0 and NUMBER_WORDS["nineteen"] == 19 and NUMBER_WORDS["ninety"] == 90
    assert "a" not in NUMBER_WORDS


@pytest.mark.parametrize(
    ("text", "phrase", "negated"),
    [
        ("We do not accept returns on sale items.", "accept", True),
        ("We don't accept returns.", "accept", True),
        ("We don’t accept returns.", "accept", True),
        ("Gift cards never expire.", "expire", True),
        ("Gift cards expire never.", "expire", True),
        ("Sale items are non-refundable.", "refundable", True),
        ("Sale items are non-refundable.", "non-refundable", True),
        ("No returns on sale items.", "returns", True),
        ("You cannot return opened items.", "return", True),
        ("You can't return opened items.", "return", True),
        ("We won't ship to PO boxes.", "ship", True),
        ("We are unable to ship to PO boxes.", "ship", True),
        ("We no longer accept checks.", "accept", True),
        ("Neither cash nor checks are accepted.", "checks", True),
        ("We accept returns.", "accept", False),
        ("Not only do we accept returns, we pay shipping.", "accept", False),
        ("Refunds take no more than 5 days.", "5 days", False),
        ("Refunds are issued no later than 5 days after.", "issued", False),
        ("We do not charge a fee, but we accept returns.", "accept", False),
        ("We don't charge fees; returns are accepted.", "accepted", False),
        ("This is not a long sentence with many words before accept.", "accept", False),
        ("Gift cards never expire, although points expire.", "points expire", False),
        # "no" opening a clause before a noun denies its predicate however far it is.
        ("Just so you know, no outside food or drink is permitted in the party room.", "permitted", True),
        ("No problem: dogs are welcome on the patio.", "welcome", False),
        # "no-show" is a compound, not a negator.
        ("No-show fees are charged in full.", "charged", False),
    ],
)
def test_is_negated(text: str, phrase: str, negated: bool) -> None:
    start = text.index(phrase)
    assert is_negated(text, start, start + len(phrase)) is negated


def test_phone_beats_everything_on_its_span() -> None:
    facts = extract_facts("1-800-555-0100")
    assert [(f.kind, f.value) for f in facts] == [("phone", "+18005550100")]


def test_time_range_in_hours_is_not_a_duration() -> None:
    facts = extract_facts("Open 24 hours a day, 7 days a week. Call 9am-5pm.")
    assert [f.kind for f in facts] == ["hours", "hours"]


def test_resolve_overlaps_prefers_tier_then_length_then_specificity() -> None:
    text = "x" * 40
    phone = Fact("phone", "+1", text[0:10], (0, 10))
    longer = Fact("money", "$1.00", text[0:20], (0, 20))
    hours = Fact("hours", "09:00-17:00", text[22:30], (22, 30))
    duration = Fact("duration", "1 day", text[22:30], (22, 30))
    count = Fact("count", "3", text[24:29], (24, 29))
    kept = resolve_overlaps([duration, count, longer, hours, phone])
    assert [f.kind for f in kept] == ["phone", "hours"]


@pytest.mark.parametrize(
    "text",
    [
        "Returns within 30 days; refunds in 5–7 business days; call 1-800-555-0100 Mon–Fri 9am–5pm ET.",
        "Orders over $49 ship free. Earn 2 points per $1. Save up to 20%. Sale ends Dec. 1, 2026.",
        "Email help@example.com or visit https://www.example.com/help/ for up to 3 items.",
    ],
)
def test_spans_are_exact_sorted_and_disjoint(text: str) -> None:
    facts = extract_facts(text)
    assert facts and all(f.kind in KINDS for f in facts)
    for a, b in itertools.pairwise(facts):
        assert a.span[1] <= b.span[0]
    for fact in facts:
        assert text[fact.span[0] : fact.span[1]] == fact.text


@pytest.mark.parametrize(
    "text",
    [
        "Mon-Fri 8am-8pm; Sat 9am-5pm; Sun closed",
        "Open daily 9am-9pm, Sunday 11am-6pm",
        "Closed Sun & Mon",
        "Tue, Thu 10am-2pm",
        "24/7",
        "9am to 9pm",
    ],
)
def test_hours_value_derives_from_parts(text: str) -> None:
    (fact,) = [f for f in extract_facts(text) if f.kind == "hours"]
    assert fact.value == render_hours(fact.parts)
    days = [d for d, _ in fact.parts]
    order = ["*", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert days == sorted(days, key=order.index)


def test_hours_parts_cover_every_named_day() -> None:
    (fact,) = extract_facts("Our stores are open Monday to Saturday 9am–9pm and Sunday 10am–6pm.")
    assert fact.parts == tuple((d, "09:00-21:00") for d in ("mon", "tue", "wed", "thu", "fri", "sat")) + (
        ("sun", "10:00-18:00"),
    )
    assert fact.text == "Monday to Saturday 9am–9pm and Sunday 10am–6pm"


def test_days_without_times_carry_no_parts() -> None:
    (fact,) = extract_facts("We're open 7 days a week")
    assert (fact.kind, fact.value, fact.role, fact.parts) == ("hours", "Mon-Sun", "days", ())


def test_render_helpers() -> None:
    assert render_duration("calendar", "hour", 60.0, [48.0]) == "2 days"
    assert render_duration("calendar", "minute", 1.0, [0.5]) is None
    assert render_duration("calendar", "day", 1440.0, [7.0, 5.0]) is None
    assert render_duration("business", "business day", 1.0, [1.0]) == "1 business day"
    assert render_money(1299.99, "USD") == "$1,299.99"
    assert render_money(10, "CAD") == "CAD 10.00"
    assert render_money(1000, "JPY") == "JPY 1,000"
    assert normalise_url("HTTPS://WWW.Example.COM:8443/a/?q=1#x") == "example.com:8443/a?q=1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Returns within 30\u00a0days.", ("duration", "30 days")),
        ("We’re open 9\u00a0am–5\u00a0pm", ("hours", "09:00-17:00")),
        ("１２ days", ("duration", "12 days")),
        ("Call\u00a01‑800‑555‑0100", ("phone", "+18005550100")),
        ("30\u2011day returns", ("duration", "30 days")),
        ("Mon\u2013Fri\n9am\u20135pm", ("hours", "Mon-Fri 09:00-17:00")),
        ("“$49” or more", ("money", "$49.00")),
        ("İstanbul store: 10am–6pm", ("hours", "10:00-18:00")),
    ],
)
def test_tolerates_unicode_spacing_dashes_and_digits(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(f.kind, f.value) for f in extract_facts(text)]


def test_region_changes_dollar_and_numeric_dates() -> None:
    assert [f.value for f in extract_facts("$10", region="CA")] == ["CAD 10.00"]
    assert [f.value for f in extract_facts("on 3/4/2026")] == ["2026-03-04"]
    assert [f.value for f in extract_facts("on 3/4/2026", region="GB")] == ["2026-04-03"]


def test_year_completes_dates_and_ranges_crossing_new_year() -> None:
    assert [f.value for f in extract_facts("Dec 20 - Jan 5", year=2026)] == ["2026-12-20..2027-01-05"]
    assert [f.value for f in extract_facts("Dec 20 - Jan 5")] == ["--12-20..--01-05"]


def test_empty_and_blank_text() -> None:
    assert extract_facts("") == ()
    assert extract_facts("   \n ") == ()


def test_typical_sentences_are_fast() -> None:
    sentences = [
        "Returns are accepted within 30 days of delivery for a full refund.",
        "Free shipping on orders over $49. Standard delivery takes 5-7 business days.",
        "Our stores are open Monday to Saturday 9am–9pm and Sunday 10am–6pm.",
        "You can return most items in their original condition for a refund.",
    ] * 50
    start = time.perf_counter()
    for i, sentence in enumerate(sentences):
        extract_facts(sentence + " " * (i % 3))
    per_sentence = (time.perf_counter() - start) / len(sentences)
    assert per_sentence < 0.002


@pytest.mark.parametrize("template", ["{n} days", "${n}", "${n}.99", "{n} EUR", "{n} guests", "{n}%"])
def test_a_numeral_too_long_to_be_a_quantity_states_no_fact(template: str) -> None:
    """A numeral of hundreds of digits (a hash, a mangled export) is no amount: no fact, no crash (the fuzzer found
    a length of infinite days)."""
    assert not extract_facts(template.format(n="9" * 400))
