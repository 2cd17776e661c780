"""Facts in other languages: each table reads its language as English, and every fact keeps its own words."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from consistency_check.facts import extract_facts
from consistency_check.facts.bridge import LANGUAGES_DIR, bridge, languages
from consistency_check.model import Fact
from consistency_check.sources.base import clean_text
from tests.facts.test_facts_tables import the_one_fact

HERE = Path(__file__).parent
TABLE: dict[str, Any] = yaml.safe_load((HERE / "languages.yaml").read_text(encoding="utf-8"))
SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "consistency_check" / "schemas" / "language.schema.json").read_text()
)
ENGLISH_DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


def _describe(facts: tuple[Fact, ...]) -> list[tuple[str, str, str, str, str]]:
    return [(f.kind, f.value, f.role, f.unit, f.text) for f in facts]


def _equivalences() -> list[Any]:
    params = []
    for group in TABLE["equivalences"]:
        for lang, texts in group["texts"].items():
            for text in texts:
                params.append(pytest.param(group, lang, text, id=f"{group['kind']}:{lang}:{text}"))
    return params


@pytest.mark.parametrize(("group", "lang", "text"), _equivalences())
def test_the_same_value_in_every_language(group: dict[str, Any], lang: str, text: str) -> None:
    """As written, and as a source gives it (NFKC: "1.º" is "1.o")."""
    for read in dict.fromkeys((text, clean_text(text))):
        fact = the_one_fact(extract_facts(read, locale=lang), group)
        assert read[fact.span[0] : fact.span[1]] == fact.text


@pytest.mark.parametrize("case", TABLE["cases"], ids=[f"{c['locale']}:{c['text'][:40]}" for c in TABLE["cases"]])
def test_sentence_yields_exactly_the_listed_facts(case: dict[str, Any]) -> None:
    facts = extract_facts(case["text"], locale=case["locale"])
    assert [[f.kind, f.value, f.role, f.unit] for f in facts] == [[str(x) for x in row] for row in case["facts"]], (
        _describe(facts)
    )
    if "quotes" in case:
        assert [f.text for f in facts] == case["quotes"]


def test_every_language_of_the_issue_has_a_table_that_follows_the_schema() -> None:
    assert {"es", "fr", "pt", "de"} <= set(languages())
    for path in sorted(LANGUAGES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, SCHEMA)
        assert data["language"] == path.stem
        assert set(data["days"].values()) <= ENGLISH_DAYS | {d + "s" for d in ENGLISH_DAYS}
        assert len(data["months"]) >= 12


_UNITS = {"days": "days", "weeks": "weeks", "months": "months", "years": "years"}


def _unit_words(lang: str) -> list[tuple[str, str]]:
    data = yaml.safe_load((LANGUAGES_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    return [(word, english) for word, english in data["units"].items() if english in _UNITS]


@pytest.mark.parametrize("lang", ["es", "fr", "pt", "de"])
@settings(max_examples=25, deadline=None)
@given(n=st.integers(min_value=2, max_value=400), data=st.data())
def test_a_number_of_units_reads_as_the_english(lang: str, n: int, data: st.DataObject) -> None:
    word, english = data.draw(st.sampled_from(_unit_words(lang)))
    ours = [(f.kind, f.value, f.unit) for f in extract_facts(f"{n} {word}", locale=lang)]
    theirs = [(f.kind, f.value, f.unit) for f in extract_facts(f"{n} {english}")]
    assert ours == theirs


@pytest.mark.parametrize("lang", ["es", "fr", "pt", "de"])
@settings(max_examples=60, deadline=None)
@given(whole=st.integers(min_value=0, max_value=999_999), cents=st.integers(min_value=0, max_value=99))
def test_a_decimal_comma_price_reads_as_the_english(lang: str, whole: int, cents: int) -> None:
    local = f"{whole:,}".replace(",", ".") + f",{cents:02d} €"
    english = f"€{whole:,}.{cents:02d}"
    assert [f.value for f in extract_facts(local, locale=lang)] == [f.value for f in extract_facts(english)]


@pytest.mark.parametrize("lang", ["es", "fr", "pt", "de"])
@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("0123456789 ,.:-–/h€$%aeiounrstdlmUhrRFrMoSa")), max_size=60))
def test_every_fact_quotes_its_own_span(lang: str, text: str) -> None:
    facts = extract_facts(text, locale=lang)
    ends = -1
    for fact in facts:
        start, end = fact.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == fact.text
        assert start >= ends
        ends = end
    bridged = bridge(text, lang)
    assert bridged is not None and len(bridged.starts) == len(bridged.text)
