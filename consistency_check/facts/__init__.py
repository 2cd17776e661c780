"""Typed fact extraction: durations, money, percentages, counts, rates, hours, dates and contacts.

:func:`extract_facts` runs every extractor on a text and keeps a set of
non-overlapping facts: a phone number wins over anything on its span, then
email addresses, then web addresses; among the rest the longer match wins
(so "Mon-Fri 9am-5pm" is hours, not a duration, and "$10 a month" is money,
not a duration), and on equal length the more specific kind
(hours > date > rate > money > percent > duration > count).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache

from consistency_check.facts.bridge import Bridged, bridge, country_of, language_of
from consistency_check.facts.clock import extract_times
from consistency_check.facts.common import fold
from consistency_check.facts.contacts import extract_emails, extract_phones, extract_urls
from consistency_check.facts.dates import extract_dates
from consistency_check.facts.durations import extract_durations
from consistency_check.facts.hours import extract_hours, on_days_named
from consistency_check.facts.money import extract_money
from consistency_check.facts.numbers import NUMBER_WORDS, format_number, parse_number
from consistency_check.facts.quantities import extract_counts, extract_percents, extract_rates
from consistency_check.model import Fact

KINDS: tuple[str, ...] = ("duration", "money", "percent", "count", "rate", "hours", "date", "phone", "email", "url")
"""Every fact kind this package produces."""

_TIER = {"phone": 0, "email": 1, "url": 2}
_SPECIFICITY = {"hours": 0, "date": 1, "rate": 2, "money": 3, "percent": 4, "duration": 5, "count": 6}


def _candidates(text: str, region: str, year: int | None, phone_region: str = "") -> list[Fact]:
    """Every fact any extractor finds, overlaps included (phone numbers written without a country code read in
    ``phone_region`` when given)."""
    low = fold(text)
    runs: list[Callable[[], list[Fact]]] = [
        lambda: extract_phones(text, phone_region or region),
        lambda: extract_emails(text),
        lambda: extract_urls(text, low),
        lambda: extract_hours(text, low),
        lambda: extract_times(text, low),
        lambda: extract_dates(text, region, year, low),
        lambda: extract_rates(text, region, low),
        lambda: extract_money(text, region, low),
        lambda: extract_percents(text, low),
        lambda: extract_durations(text, low),
        lambda: extract_counts(text, low),
    ]
    out: list[Fact] = []
    for run in runs:
        out.extend(run())
    return out


def resolve_overlaps(candidates: list[Fact]) -> list[Fact]:
    """Non-overlapping facts chosen by tier, then length, then kind specificity; sorted by span start."""
    ranked = sorted(
        candidates,
        key=lambda f: (
            _TIER.get(f.kind, 3),
            -(f.span[1] - f.span[0]),
            _SPECIFICITY.get(f.kind, 9),
            f.span[0],
        ),
    )
    starts: list[int] = []
    kept: list[Fact] = []
    for fact in ranked:
        s, e = fact.span
        if e <= s:
            continue
        i = bisect_right(starts, s)
        if (i > 0 and kept[i - 1].span[1] > s) or (i < len(kept) and kept[i].span[0] < e):
            continue
        starts.insert(i, s)
        kept.insert(i, fact)
    return kept


def extract_facts(
    text: str, *, region: str = "US", year: int | None = None, locale: str = "", headings: tuple[str, ...] = ()
) -> tuple[Fact, ...]:
    """All facts in text, sorted by span start, non-overlapping.

    A phone number is not also a count or duration ("1-800-555-0100" is only a
    phone) and a time range in opening hours is not also a duration. ``region``
    is the ISO country used for phone numbers, "$" and numeric dates;
    ``year`` completes dates written without one. A text in a language with a
    table in ``facts/languages/`` (``locale`` "es-MX", "fr", "pt_BR", "de-CH") is
    read as English first (see :mod:`consistency_check.facts.bridge`); each fact
    keeps its own words and span. ``headings``: the text's question and the headings above it, innermost
    first; opening hours said without their days take the days the first of them naming days names
    ("Saturday appointments": "from 8 AM to noon" is Saturday's hours).
    """
    if not text or not text.strip():
        return ()
    facts = _extract(text, region, year, locale)
    for heading in headings:
        if heading:
            facts = on_days_named(facts, heading)
    return facts


@lru_cache(maxsize=1 << 16)
def _extract(text: str, region: str, year: int | None, locale: str) -> tuple[Fact, ...]:
    # Facts are immutable and depend on these arguments only; the same answer
    # often appears several times (JSON-LD and the visible page, variations).
    bridged = bridge(text, language_of(locale))
    if bridged is None:
        return tuple(resolve_overlaps(_candidates(text, region, year)))
    # A statement in another language reads national phone numbers in its locale's country ("0800 555 0160" in
    # a de-DE statement is German), whatever the project's region.
    country = country_of(locale)
    found = _candidates(bridged.text, region, year, country)
    return tuple(_original(f, bridged, text) for f in resolve_overlaps(found))


def _original(fact: Fact, bridged: Bridged, text: str) -> Fact:
    """``fact``, found in the English reading of ``text``, with the words and span it has in ``text``."""
    start, end = bridged.origin(*fact.span)
    return Fact(fact.kind, fact.value, text[start:end], (start, end), fact.unit, fact.role, fact.parts)


__all__ = ["KINDS", "NUMBER_WORDS", "extract_facts", "format_number", "parse_number", "resolve_overlaps"]
