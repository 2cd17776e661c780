"""Untrusted text is made inert before it reaches a terminal."""

from __future__ import annotations

from consistency_check.reporters.sanitize import clean, clean_line


def test_escape_and_controls_become_visible() -> None:
    assert clean("a\x1b[31mb\x00c\x7fd\x9be") == "a\\x1b[31mb\\x00c\\x7fd\\x9be"


def test_bidi_and_separators_become_visible() -> None:
    assert clean("x\u202ey\u2066z\u2028") == "x\\u202ey\\u2066z\\u2028"


def test_clean_keeps_newline_and_tab() -> None:
    assert clean("a\nb\tc\rd") == "a\nb\tc\\x0dd"


def test_clean_line_flattens_newline_and_tab() -> None:
    assert clean_line("a\nb\tc\rd") == "a b c\\x0dd"


def test_ordinary_text_is_untouched() -> None:
    text = "Rückgabe binnen 14 Tagen — 30 € [bold] <b>"
    assert clean(text) == text == clean_line(text)
