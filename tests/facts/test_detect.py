"""Which language a text is in, from its function words: data-driven (``detect.yaml``), and per file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from consistency_check.facts.detect import PLAIN, detect_language, detect_languages

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "detect.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("language", "text"),
    [(case["language"], text) for case in CASES for text in case["texts"]],
    ids=[f"{case['language'] or 'none'}:{text[:30]}" for case in CASES for text in case["texts"]],
)
def test_a_text_is_in_the_language_its_function_words_are_of(language: str, text: str) -> None:
    assert detect_language([text]) == language


def test_a_statement_too_short_to_tell_takes_its_files_language() -> None:
    texts = ["Devoluciones: 30 días.", *CASES[0]["texts"]]
    assert detect_languages(texts, "en") == ["es", "es", "es", "es"]


def test_a_statement_in_another_language_keeps_its_own_in_a_mixed_file() -> None:
    english, spanish = CASES[4]["texts"], CASES[0]["texts"]
    texts = [spanish[0], english[0], spanish[1], english[1]]
    assert detect_languages(texts, "en") == ["es", "en", "es", "en"]


def test_a_file_plainly_in_the_usual_language_is_read_in_it_throughout() -> None:
    """Past :data:`PLAIN` of its function words, the rest of the file is not read for its language."""
    english = " ".join(CASES[4]["texts"] * 3)
    assert PLAIN <= 30
    assert detect_languages([english, CASES[0]["texts"][0]], "en") == ["en", "en"]
    assert detect_languages([CASES[0]["texts"][0], english], "en") == ["es", "en"]
