"""Encodings, line endings and invisible or look-alike characters: no fact hidden, none invented, lines right."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.config import Config
from consistency_check.discovery import SourceFile
from consistency_check.pipeline import read_source

PAGE = (
    "# Returns\n\n## How long do I have?\n\nYou can return unused items within 30 days.\n\n## Who answers?\n\n"
    "Call 1-800-555-0199.\n"
)

ENCODED = [
    ("utf-8", PAGE.encode("utf-8")),
    ("utf-8 bom", b"\xef\xbb\xbf" + PAGE.encode("utf-8")),
    ("utf-16 le bom", PAGE.encode("utf-16")),
    ("utf-16 be bom", b"\xfe\xff" + PAGE.encode("utf-16-be")),
    ("utf-16 le without bom", PAGE.encode("utf-16-le")),
    ("utf-16 be without bom", PAGE.encode("utf-16-be")),
    ("crlf", PAGE.replace("\n", "\r\n").encode("utf-8")),
    ("old mac cr", PAGE.replace("\n", "\r").encode("utf-8")),
    (
        "mixed endings",
        b"# Returns\r\n\n## How long do I have?\r\r"
        + b"You can return unused items within 30 days.\n\r\n## Who answers?\n\rCall 1-800-555-0199.\r\n",
    ),
]


def _read(tmp_path: Path, name: str, data: bytes, fmt: str = "markdown"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(data)
    return read_source(SourceFile(name, path, "web", fmt, ""), Config(root=tmp_path))


@pytest.mark.parametrize("label,data", ENCODED, ids=[e[0] for e in ENCODED])
def test_every_encoding_and_line_ending_gives_the_same_facts_on_the_same_lines(
    tmp_path: Path, label: str, data: bytes
) -> None:
    outcome = _read(tmp_path, "faq.md", data)
    assert not outcome.findings, outcome.findings
    located = sorted((s.location.line, f.value) for s in outcome.statements for f in s.facts)
    assert located == [(5, "30 days"), (9, "+18005550199")]


LEGACY = [
    (
        "windows-1252 smart quotes",
        b"\x93You can return items within 30 days.\x94 \x96 says the desk.\n",
        "\u201cYou can return items within 30 days.\u201d \u2013 says the desk.",
    ),
    (
        "latin-1 without declaration",
        b"Caf\xe9 cr\xe8me: returns within 30 days.\n",
        "Caf\u00e9 cr\u00e8me: returns within 30 days.",
    ),
]


@pytest.mark.parametrize("label,data,text", LEGACY, ids=[c[0] for c in LEGACY])
def test_legacy_single_byte_text_is_read_as_windows_1252(tmp_path: Path, label: str, data: bytes, text: str) -> None:
    outcome = _read(tmp_path, "script.txt", data, "text")
    assert [s.text for s in outcome.statements] == [text]
    assert [f.value for f in outcome.statements[0].facts] == ["30 days"]


# (label, sentence as written, the values its facts must have: nothing hidden, nothing invented)
INVISIBLE = [
    ("zero-width space after number", "Returns within 30\u200b days.", ["30 days"]),
    ("zero-width space inside number", "Returns within 3\u200b0 days.", ["30 days"]),
    ("zero-width joiner and word joiner", "Returns within 30\u200d\u2060 days.", ["30 days"]),
    ("no-break space", "Returns within 30\u00a0days.", ["30 days"]),
    ("narrow no-break space", "Returns within 30\u202fdays.", ["30 days"]),
    ("soft hyphen", "Returns within thirty\u00ad days.", ["30 days"]),
    ("rtl and ltr marks", "Returns within \u200f30\u200e days.", ["30 days"]),
    ("bidi override", "Returns within \u202e30\u202c days.", ["30 days"]),
    ("full-width digits", "Returns within \uff13\uff10 days.", ["30 days"]),
    ("full-width digits and unit", "Returns within \uff13\uff10\u3000\uff44\uff41\uff59\uff53.", ["30 days"]),
    ("byte order mark mid-text", "Returns within 30\ufeff days.", ["30 days"]),
    ("zero-width space in phone", "Call 1-800-555-\u200b0199 today.", ["+18005550199"]),
    ("soft hyphen in phone", "Call 1-800-\u00ad555-0199.", ["+18005550199"]),
    (
        "full-width phone",
        "Call \uff0b\uff11 \uff18\uff10\uff10 \uff15\uff15\uff15 \uff10\uff11\uff19\uff19.",
        ["+18005550199"],
    ),
    ("no-break spaces in phone", "Call 1\u00a0800\u00a0555\u00a00199.", ["+18005550199"]),
    ("zero-width space in price", "A gift box costs $4\u200b.99.", ["$4.99"]),
    ("no-break thousands separator", "Refunds over 1\u00a0000 dollars need a manager.", ["$1,000.00"]),
    ("narrow no-break thousands separator", "Refunds over $1\u202f299.99 need a manager.", ["$1,299.99"]),
    ("html entity no-break space", "Returns within 30&nbsp;days.", ["30 days"]),
]


@pytest.mark.parametrize("label,sentence,values", INVISIBLE, ids=[c[0] for c in INVISIBLE])
def test_invisible_and_look_alike_characters_neither_hide_nor_invent_a_fact(
    tmp_path: Path, label: str, sentence: str, values: list[str]
) -> None:
    outcome = _read(tmp_path, "page.md", f"# Policy\n\n{sentence}\n".encode())
    facts = [f.value for s in outcome.statements for f in s.facts]
    assert facts == values
    for stmt in outcome.statements:
        assert not any(ch in stmt.text for ch in "\u200b\u200d\u2060\u00ad\u200e\u200f\u202e\ufeff")
