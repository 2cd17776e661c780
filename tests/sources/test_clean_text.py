"""Text as every reader cleans it (:func:`consistency_check.sources.base.clean_text`)."""

from __future__ import annotations

import pytest

from consistency_check.facts import extract_facts
from consistency_check.sources.base import clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # A number with a vulgar fraction stays a number and a fraction: NFKC alone made "15½" into "151⁄2",
        # which read as a duration of 2 years in "151⁄2 years".
        ("Minimum age is 15&frac12; years.", "Minimum age is 15 1/2 years."),
        ("2¼ hours", "2 1/4 hours"),
        ("½ price", "1/2 price"),
        # Compatibility forms are still folded: ligatures, full-width digits.
        ("ﬁne print", "fine print"),
        ("１２３", "123"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_a_mixed_number_is_not_misread() -> None:
    assert "2 years" not in [f.value for f in extract_facts(clean_text("You must be 15½ years old."))]
