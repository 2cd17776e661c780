"""Language versions of one answer (``CC102``, linkage engine): the exports link them, and a value that one
version states differently at the same place is a finding naming the languages; drift that adds or drops a
value, contact details each market has its own of, and a change of unit are not.

One project holds every case, an Intercom article each (the CLI runs once); findings are told apart by the
article their sides are in.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.test_examples import run_cli

CONFIG = "sources:\n  - path: kb\n    channel: agent\n    format: intercom\n  - path: web\n    channel: web\n"

CASES: dict[str, dict[str, str]] = {
    "one version differs": {
        "en": "<p>Return unused items within 30 days. Refunds take 5 business days.</p>",
        "es": "<p>Devoluciones dentro de 30 días. El reembolso tarda 7 días hábiles.</p>",
        "fr": "<p>Retours sous 30 jours. Remboursement sous 5 jours ouvrables.</p>",
    },
    "local formats agree": {
        "en": "<p>The plan costs €14.99 per month. Support: Monday to Friday 8am-8pm.</p>",
        "es": "<p>El plan cuesta 14,99 € al mes. Atención de lunes a viernes de 8:00 a 20:00.</p>",
        "de": "<p>Der Tarif kostet 14,99 € pro Monat. Service: Mo–Fr 8–20 Uhr.</p>",
    },
    "a value added, contacts of its own": {
        "en": "<p>Refunds take 5 business days. Questions: help@shop.example, +1 800 555 0100.</p>",
        "es": "<p>El reembolso tarda 5 días hábiles; en México, 10 días hábiles. "
        "Dudas: ayuda@shop.example, +52 55 5555 0100.</p>",
    },
    "two languages alone": {
        "en": "<p>Delivery takes 3 business days.</p>",
        "es": "<p>La entrega tarda 4 días hábiles.</p>",
    },
    "drifted versions": {
        "en": "<p>Cancel 2 days before departure: 80% back.</p><p>Members get 10% off.</p>",
        "es": "<p>Cancela 2 días antes de la salida: te devolvemos el 70%.</p>"
        "<p>Los socios tienen un 10% de descuento.</p><p>Los menores pagan el 50%.</p>",
    },
}


def _article(n: int, title: str, versions: dict[str, str]) -> dict[str, Any]:
    translated: dict[str, Any] = {"type": "article_translated_content"}
    for locale, body in versions.items():
        translated[locale] = {"type": "article_content", "title": title, "body": body, "state": "published"}
    return {"type": "article", "id": str(40 + n), "title": title, "body": versions["en"], "default_locale": "en",
            "translated_content": translated}  # fmt: skip


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, Any]]]:
    """The ``CC102`` findings of each case."""
    root = tmp_path_factory.mktemp("versions")
    (root / "consistency-check.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "kb").mkdir()
    articles = [_article(n, title, versions) for n, (title, versions) in enumerate(CASES.items())]
    (root / "kb" / "articles.json").write_text(json.dumps({"type": "list", "data": articles}, indent=1))
    (root / "web").mkdir()
    (root / "web" / "about.md").write_text("# About\n\nWe are a small shop.\n", encoding="utf-8")
    proc = run_cli(
        "check", "--engine", "linkage", "--no-cache", "--format", "json", "--min-confidence", "0.5", cwd=root
    )
    assert proc.returncode in (0, 1), proc.stderr
    by_case: dict[str, list[dict[str, Any]]] = {title: [] for title in CASES}
    titles = list(CASES)
    for finding in json.loads(proc.stdout)["findings"]:
        if finding["code"] != "CC102":
            continue
        articles_of = {
            int(m.group(1)) for loc in finding["locations"] if (m := re.match(r"/data/(\d+)/", loc["pointer"]))
        }
        assert len(articles_of) == 1, finding  # the versions of one answer, never two
        by_case[titles[articles_of.pop()]].append(finding)
    return by_case


def test_one_version_stating_another_value_is_a_finding_naming_the_languages(found: dict[str, Any]) -> None:
    [finding] = found["one version differs"]
    assert {loc["value"] for loc in finding["locations"]} == {"5 business days", "7 business days"}
    assert "7 business days (es)" in finding["message"] and "5 business days (en, fr)" in finding["message"]
    assert "the export links them as language versions of one answer" in finding["evidence"]
    assert finding["confidence"] == 0.5


def test_equivalent_local_formats_agree(found: dict[str, Any]) -> None:
    assert found["local formats agree"] == []


def test_a_version_that_adds_a_value_or_names_its_own_contacts_is_not_a_finding(found: dict[str, Any]) -> None:
    assert found["a value added, contacts of its own"] == []


def test_two_languages_alone_need_another_value_they_agree_on(found: dict[str, Any]) -> None:
    assert found["two languages alone"] == []


def test_versions_that_drifted_are_aligned_by_the_facts_beside_a_value(found: dict[str, Any]) -> None:
    assert [sorted(loc["value"] for loc in f["locations"]) for f in found["drifted versions"]] == [["70%", "80%"]]
