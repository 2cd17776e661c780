"""A finding's subject is named in the words its statements use, in their order, never in stems."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.engine.words import spelled, stem, terms
from tests.test_examples import run_cli


@pytest.mark.parametrize(
    "words,texts,expected",
    [
        (["response", "first"], ["Our first response time is 2 hours."], "first response"),
        (["prices", "interface"], ["The interface shows prices.", "Pricing of the interface"], "interface prices"),
        (["SLA", "tickets"], ["Tickets follow the SLA.", "a ticket"], "tickets SLA"),
        (["refunds", "unknown"], ["Refunds take 5 days."], "refunds"),  # a stem no text spells is left out
    ],
)
def test_spelled_gives_the_texts_words_in_their_order(words: list[str], texts: list[str], expected: str) -> None:
    assert spelled([stem(w) for w in words], texts) == expected


@pytest.mark.parametrize(
    ("forms", "expected"),
    [
        (("bring", "bringing", "brings"), "bring"),  # the "ing" of "bring" is no suffix
        (("thing", "things"), "thing"),
        (("pay", "paying", "pays"), "pay"),
        (("take", "taking", "takes"), "tak"),
    ],
)
def test_every_form_of_a_word_has_one_stem(forms: tuple[str, ...], expected: str) -> None:
    assert {stem(w) for w in forms} == {expected}


def test_a_rule_less_finding_names_its_subject_in_words(tmp_path: Path) -> None:
    (tmp_path / "web.md").write_text(
        "# Support\n\n## How fast is the first response?\n\nOur first response time is within 2 hours.\n", "utf-8"
    )
    (tmp_path / "kb.md").write_text("# Help desk\n\n## First response\n\nThe first response time is within 4 hours.\n")
    (tmp_path / "consistency-check.yaml").write_text(
        "sources:\n  - path: web.md\n    channel: web\n  - path: kb.md\n    channel: agent\n", "utf-8"
    )
    proc = run_cli("check", "--format", "text", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "first response" in proc.stdout and "respons " not in proc.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A word is read whole in any alphabet, and the function words of the languages the facts read are none.
        (
            "La recepción está abierta las 24 horas; el desayuno cuesta 6 €",
            ["recepción", "abierta", "hora", "desayuno", "cuesta"],
        ),
        ("Die Gebühr für das Frühstück beträgt 6 €", ["gebühr", "frühstück", "beträgt"]),
        ("Le petit-déjeuner est servi de 7 h à 10 h dans la salle", ["petit", "déjeuner", "servi", "sall"]),
        # English words that another language writes as a function word stay words ("Plus" names a tier).
        ("Our Plus plan includes a café voucher", ["plus", "plan", "includ", "café", "voucher"]),
    ],
)
def test_words_of_other_languages_are_read_whole_without_their_function_words(text: str, expected: list[str]) -> None:
    assert terms(text, "money") == expected
