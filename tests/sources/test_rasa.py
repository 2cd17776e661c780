"""Rasa responses: conditions, buttons, prompts, linked training phrases and YAML errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.sources import rasa
from consistency_check.sources.base import Document, SourceError
from consistency_check.sources.rasa_project import clean_example, find_root, training_index
from tests.sources.conftest import FIXTURES

SHOP = FIXTURES / "rasa" / "shop_bot"


def _statements() -> list:
    return list(rasa.parse(Document("domain.yml", SHOP / "domain.yml", "chatbot")))


def test_conditions_channels_and_pointers() -> None:
    hours = [s for s in _statements() if s.question == "store hours"]
    assert [s.condition for s in hours] == ["", "slot weekday=sunday", "channel facebook"]
    assert hours[1].location.pointer == "responses.utter_store_hours[1].text"


def test_buttons_are_part_of_the_text() -> None:
    greet = _statements()[0]
    assert greet.text == "Hi! I'm the Northwind assistant.\nTrack my order"


def test_block_scalar_is_located_at_its_text_with_end_line() -> None:
    faq = next(s for s in _statements() if s.question == "faq return window")
    assert (faq.location.line, faq.location.end_line) == (25, 26)
    assert faq.text == "You can return items within 30 days.\nSee our policy."


def test_training_phrases_become_alternatives() -> None:
    by_question = {s.question: s.alternatives for s in _statements()}
    assert by_question["store hours"] == ("when do you open", "are you open on sunday", "opening hours in Leeds")
    assert by_question["faq return window"] == ("how long do I have to return something", "return period?")
    assert by_question["greet"] == ("hi", "hello there")
    assert by_question["ask order number"] == ()


def test_project_root_and_entity_cleaning() -> None:
    assert find_root(SHOP / "data" / "nlu.yml") == SHOP
    assert clean_example('fly to [NYC]{"entity": "city"} from [LA](city)') == "fly to NYC from LA"
    assert training_index(SHOP / "domain.yml") is training_index(SHOP / "domain.yml")  # cached


def test_no_project_means_no_alternatives(tmp_path: Path) -> None:
    path = tmp_path / "lonely" / "responses.yml"
    path.parent.mkdir()
    path.write_text('responses:\n  utter_hi:\n  - text: "Hello"\n', encoding="utf-8")
    statements = list(rasa.parse(Document("responses.yml", path, "chatbot")))
    assert [(s.text, s.alternatives) for s in statements] == [("Hello", ())]


def test_yaml_syntax_error_has_its_line(tmp_path: Path) -> None:
    path = tmp_path / "domain.yml"
    path.write_text('version: "3.1"\nresponses:\n  utter_hi:\n  - text: "Hello\n  utter_bye: [\n', encoding="utf-8")
    with pytest.raises(SourceError) as err:
        list(rasa.parse(Document("domain.yml", path, "chatbot")))
    assert err.value.line == 6 and "YAML" in err.value.message


def test_bad_indentation_error_line(tmp_path: Path) -> None:
    path = tmp_path / "domain.yml"
    path.write_text("responses:\n  utter_hi:\n  - text: Hello\n   bad: indent\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        list(rasa.parse(Document("domain.yml", path, "chatbot")))
    assert err.value.line == 4


def test_humanize() -> None:
    assert rasa.humanize("utter_faq/return_window") == "faq return window"
    assert rasa.humanize("utter_ask_store_hours") == "ask store hours"


def test_a_rasa_1_project_folder_is_one_rasa_md_source(tmp_path: Path) -> None:
    """Given as one ``rasa-md`` source, a Rasa 1 project's YAML files are read as the ``rasa`` format reads them:
    the domain's templates are the bot's answers, and ``config.yml`` says nothing (no "text before the first
    '##' section" error for either)."""
    from consistency_check.sources import rasa_md

    (tmp_path / "data").mkdir()
    nlu = tmp_path / "data" / "nlu.md"
    nlu.write_text("## intent:fees\n- how much is the fee\n", encoding="utf-8")
    domain = tmp_path / "domain.yml"
    domain.write_text('intents:\n  - fees\ntemplates:\n  utter_fees:\n    - text: "The fee is $5."\n', encoding="utf-8")
    config = tmp_path / "config.yml"
    config.write_text("language: en\npipeline: supervised_embeddings\n", encoding="utf-8")
    read = {
        p.name: [s.text for s in rasa_md.parse(Document(p.name, p, "chatbot", "en"))] for p in (nlu, domain, config)
    }
    assert read == {"nlu.md": [], "domain.yml": ["The fee is $5."], "config.yml": []}
