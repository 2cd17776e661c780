"""Which locale each statement is read in: the source's, else what its export, front matter or language folder
says, else the language its words are in, else the configuration's."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.config import Config
from consistency_check.discovery import SourceFile
from consistency_check.pipeline import read_source

SPANISH = (
    "GUION DE MOSTRADOR\n\n1. Las devoluciones se aceptan dentro de 30 días con el ticket de compra.\n"
    "2. El reembolso tarda 7 días hábiles y se hace en la tarjeta que usó para pagar.\n3. Devoluciones: 30 días.\n"
)
ENGLISH = (
    "COUNTER SCRIPT\n\n1. Returns are accepted within 30 days with the receipt.\n2. Refunds take 5 business days.\n"
)
BILINGUAL = (
    "COUNTER SCRIPT\n\n1. Returns are accepted within 30 days with the receipt and the card you paid with.\n"
    "2. Las devoluciones se aceptan dentro de 30 días con el ticket y la tarjeta con la que pagó.\n"
    "3. Refunds take 5 business days from the day we receive the item.\n"
)


def _read(tmp_path: Path, name: str, text: str, *, fmt: str = "text", locale: str = "", config: str = "en-US"):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    outcome = read_source(SourceFile(name, path, "store", fmt, locale), Config(root=tmp_path, locale=config))
    return outcome.statements


def test_a_file_in_another_language_is_read_in_it_without_configuration(tmp_path: Path) -> None:
    statements = _read(tmp_path, "guion.txt", SPANISH)
    assert [s.locale for s in statements] == ["es", "es", "es"]  # the short third takes its file's language
    assert [f.value for s in statements for f in s.facts] == ["30 days", "7 business days", "30 days"]


def test_a_file_in_the_configured_language_keeps_the_configured_locale(tmp_path: Path) -> None:
    assert {s.locale for s in _read(tmp_path, "script.txt", ENGLISH, config="en-GB")} == {"en-GB"}


def test_each_statement_of_a_bilingual_file_is_read_in_its_own_language(tmp_path: Path) -> None:
    assert [s.locale for s in _read(tmp_path, "script.txt", BILINGUAL)] == ["en-US", "es", "en-US"]


def test_the_sources_own_locale_comes_before_the_words(tmp_path: Path) -> None:
    assert {s.locale for s in _read(tmp_path, "guion.txt", SPANISH, locale="es-MX")} == {"es-MX"}
    assert {s.locale for s in _read(tmp_path, "x.txt", SPANISH, locale="en-US")} == {"en-US"}


@pytest.mark.parametrize("name", ["web/fr/retours.md", "web/retours.fr.md"])
def test_a_pages_language_folder_or_suffix_comes_before_the_configuration(tmp_path: Path, name: str) -> None:
    """Too short for its words to tell, the page is French by where it is."""
    [statement] = _read(tmp_path, name, "# Retours\n\nRetours : 30 jours.\n", fmt="markdown")
    assert statement.locale == "fr"
