"""Language versions of one answer (``CC102``, linkage engine): the exports link them, and a value that one
version states differently at the same place is a finding naming the languages; drift that adds or drops a
value, contact details each market has its own of, and a change of unit are not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.test_examples import run_cli

CONFIG = "sources:\n  - path: kb\n    channel: agent\n    format: intercom\n  - path: web\n    channel: web\n"


def _article(versions: dict[str, str], title: str = "Returns") -> dict[str, Any]:
    translated: dict[str, Any] = {"type": "article_translated_content"}
    for locale, body in versions.items():
        translated[locale] = {"type": "article_content", "title": title, "body": body, "state": "published"}
    return {"type": "article", "id": "41", "title": title, "body": versions["en"], "default_locale": "en",
            "translated_content": translated}  # fmt: skip


def _findings(root: Path, articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    (root / "consistency-check.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "kb").mkdir()
    (root / "kb" / "articles.json").write_text(json.dumps({"type": "list", "data": articles}, indent=1))
    (root / "web").mkdir()
    (root / "web" / "about.md").write_text("# About\n\nWe are a small shop.\n", encoding="utf-8")
    proc = run_cli(
        "check", "--engine", "linkage", "--no-cache", "--format", "json", "--min-confidence", "0.5", cwd=root
    )
    assert proc.returncode in (0, 1), proc.stderr
    return [f for f in json.loads(proc.stdout)["findings"] if f["code"] == "CC102"]


def test_one_version_stating_another_value_is_a_finding_naming_the_languages(tmp_path: Path) -> None:
    found = _findings(
        tmp_path,
        [
            _article(
                {
                    "en": "<p>Return unused items within 30 days. Refunds take 5 business days.</p>",
                    "es": "<p>Devoluciones dentro de 30 días. El reembolso tarda 7 días hábiles.</p>",
                    "fr": "<p>Retours sous 30 jours. Remboursement sous 5 jours ouvrables.</p>",
                }
            )
        ],
    )
    assert len(found) == 1, found
    finding = found[0]
    assert {loc["value"] for loc in finding["locations"]} == {"5 business days", "7 business days"}
    assert "7 business days (es)" in finding["message"] and "5 business days (en, fr)" in finding["message"]
    assert "the export links them as language versions of one answer" in finding["evidence"]


def test_equivalent_local_formats_agree(tmp_path: Path) -> None:
    found = _findings(
        tmp_path,
        [
            _article(
                {
                    "en": "<p>The plan costs €14.99 per month. Support: Monday to Friday 8am-8pm.</p>",
                    "es": "<p>El plan cuesta 14,99 € al mes. Atención de lunes a viernes de 8:00 a 20:00.</p>",
                    "de": "<p>Der Tarif kostet 14,99 € pro Monat. Service: Mo–Fr 8–20 Uhr.</p>",
                }
            )
        ],
    )
    assert found == []


def test_a_version_that_adds_a_value_or_names_its_own_contacts_is_not_a_finding(tmp_path: Path) -> None:
    found = _findings(
        tmp_path,
        [
            _article(
                {
                    "en": "<p>Refunds take 5 business days. Questions: help@shop.example, +1 800 555 0100.</p>",
                    "es": "<p>El reembolso tarda 5 días hábiles; en México, 10 días hábiles. "
                    "Dudas: ayuda@shop.example, +52 55 5555 0100.</p>",
                }
            )
        ],
    )
    assert found == []


def test_two_languages_alone_need_another_value_they_agree_on(tmp_path: Path) -> None:
    single = _article({"en": "<p>Refunds take 5 business days.</p>", "es": "<p>El reembolso tarda 7 días hábiles.</p>"})
    assert _findings(tmp_path, [single]) == []


def test_versions_that_drifted_are_aligned_by_the_facts_beside_a_value(tmp_path: Path) -> None:
    found = _findings(
        tmp_path,
        [
            _article(
                {
                    "en": "<p>Cancel 2 days before departure: 80% back.</p><p>Members get 10% off.</p>",
                    "es": "<p>Cancela 2 días antes de la salida: te devolvemos el 70%.</p>"
                    "<p>Los socios tienen un 10% de descuento.</p><p>Los menores pagan el 50%.</p>",
                }
            )
        ],
    )
    assert [sorted(loc["value"] for loc in f["locations"]) for f in found] == [["70%", "80%"]], found
