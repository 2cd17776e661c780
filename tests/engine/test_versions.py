"""Language versions of one answer (``CC102``, linkage engine): the exports link them, and a value that one
version states differently at the same place is a finding naming the languages; drift that adds or drops a
value, contact details and opening hours each market has its own of, a change of unit and amounts far apart are
not.

One project holds every case, an Intercom article each (the CLI runs once); findings are told apart by the
articles their sides are in.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from consistency_check.engine.versions import fold_versions
from consistency_check.model import Finding, Location, Severity, Side
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
    "a value said twice": {
        "en": "<p>Repairs take 6 business days. We return the item within 6 business days of receiving it.</p>",
        "es": "<p>La reparación tarda 8 días hábiles.</p>",
        "fr": "<p>Réparation sous 6 jours ouvrables.</p>",
    },
    "amounts far apart": {
        "en": "<p>Free cancellation up to 2 days before arrival.</p>",
        "fr": "<p>Annulation gratuite jusqu'à 2 jours avant l'arrivée.</p>",
        "es": "<p>Cancelación gratuita hasta 30 días antes de la llegada.</p>",
    },
    "rows in another order": {
        "en": "<p>Adult €39. Child €19.50. Dog €45. Car €210. Motorbike €105. Cabin €129.</p>",
        "es": "<p>Adulto 39 €. Niño 19,50 €. Perro 45 €. Coche 210 €. Moto 105 €. Camarote 129 €.</p>",
        "fr": "<p>Voiture 210 €. Moto 105 €. Adulte 39 €. Enfant 19,50 €. Chien 45 €. Voiture en été 390 €. "
        "Moto en été 140 €. Cabine 129 €.</p>",
    },
    "a yes against two": {
        "en": "<p>Pets are allowed on board in a carrier.</p>",
        "es": "<p>Se admiten mascotas a bordo en un transportín.</p>",
        "fr": "<p>Les animaux ne sont pas admis à bord.</p>",
    },
    "each market's opening hours": {
        "en": "<p>Our phone line is open Monday to Friday 8am-8pm.</p>",
        "fr": "<p>Notre ligne est ouverte du lundi au vendredi de 8 h à 20 h.</p>",
        "de": "<p>Unsere Hotline erreichen Sie Mo–Fr 9–18 Uhr.</p>",
    },
    "a slip in two answers (1)": {
        "en": "<p>The deposit is €50.</p>",
        "es": "<p>La fianza es de 50 €.</p>",
        "pt": "<p>A caução é de 80 €.</p>",
    },
    "a slip in two answers (2)": {
        "en": "<p>Bring ID. A deposit of €50 is taken at check-in.</p>",
        "es": "<p>Trae tu DNI. Al llegar se cobra una fianza de 50 €.</p>",
        "pt": "<p>Traga documento. No check-in cobramos uma caução de 80 €.</p>",
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
        "check", "--engine", "linkage", "--no-cache", "--format", "json", "--min-confidence", "0.4", cwd=root
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
        by_case.setdefault(" + ".join(titles[n] for n in sorted(articles_of)), []).append(finding)
    return by_case


def test_one_version_stating_another_value_is_a_finding_naming_the_languages(found: dict[str, Any]) -> None:
    [finding] = found["one version differs"]
    assert {loc["value"] for loc in finding["locations"]} == {"5 business days", "7 business days"}
    assert "7 business days (es)" in finding["message"] and "5 business days (en, fr)" in finding["message"]
    assert "the export links them as language versions of one answer" in finding["evidence"]
    assert "two languages or more state the other value" in finding["evidence"]
    assert finding["confidence"] == 0.8


def test_equivalent_local_formats_agree(found: dict[str, Any]) -> None:
    assert found["local formats agree"] == []


def test_a_version_that_adds_a_value_or_names_its_own_contacts_is_not_a_finding(found: dict[str, Any]) -> None:
    assert found["a value added, contacts of its own"] == []


def test_two_languages_alone_need_another_value_they_agree_on(found: dict[str, Any]) -> None:
    assert found["two languages alone"] == []


def test_versions_that_drifted_are_aligned_on_the_values_they_agree_on(found: dict[str, Any]) -> None:
    """Two versions alone, agreeing on 10%, the Spanish one stating a value more: 80% and 70% are one fact, less
    likely a slip than one two languages bear out."""
    [finding] = found["drifted versions"]
    assert sorted(loc["value"] for loc in finding["locations"]) == ["70%", "80%"]
    assert finding["confidence"] == 0.4
    assert "the two versions agree on the other values they both state" in finding["evidence"]


def test_a_value_said_again_in_one_version_is_said_once(found: dict[str, Any]) -> None:
    [finding] = found["a value said twice"]
    assert "8 business days (es)" in finding["message"] and "6 business days (en, fr)" in finding["message"]


def test_amounts_far_apart_are_not_one_fact_translated(found: dict[str, Any]) -> None:
    assert found["amounts far apart"] == []


def test_a_value_the_other_version_states_elsewhere_was_moved_not_changed(found: dict[str, Any]) -> None:
    """The French rows come in another order and add a season: €390 and €140 pair by place with €210 and €105,
    which the French version also states."""
    assert found["rows in another order"] == []


def test_a_yes_or_no_one_version_says_otherwise_is_a_finding(found: dict[str, Any]) -> None:
    [finding] = found["a yes against two"]
    assert {loc["value"] for loc in finding["locations"]} == {"yes", "no"}
    assert "no (fr)" in finding["message"] and "yes (en, es)" in finding["message"]


def test_each_market_keeps_its_own_opening_hours(found: dict[str, Any]) -> None:
    assert found["each market's opening hours"] == []


def test_one_slip_in_several_answers_is_one_finding(found: dict[str, Any]) -> None:
    assert found["a slip in two answers (1)"] == found["a slip in two answers (2)"] == []
    [finding] = found["a slip in two answers (1) + a slip in two answers (2)"]
    assert len(finding["locations"]) == 6
    assert "€50.00 (en, es); €80.00 (pt)" in finding["message"]


def _finding(code: str, confidence: float, *sides: tuple[str, int, str]) -> Finding:
    return Finding(
        code,
        code,
        Severity.WARNING,
        f"{code} message.",
        "deposit",
        tuple(Side(Location(path, line), "agent", "quote", value) for path, line, value in sides),
        confidence,
        evidence=(f"{code} evidence",),
    )


def test_a_slip_that_a_finding_within_one_language_states_is_told_once() -> None:
    """The Portuguese version of an article says €80 against the English and Spanish ones, and against the
    Portuguese bot (a finding within Portuguese, sharing the article's side): one fact, one finding, with every
    side, the greater probability and both reasons. Another fact disagreeing on the same two values (a deposit and
    a fee) shares no side with it and is left as it is."""
    other_fact = _finding("CC100", 0.7, ("en/fees.md", 2, "€50.00"), ("en/bot.yml", 4, "€80.00"))
    within = _finding("CC100", 0.6, ("kb.json", 3, "€80.00"), ("pt/bot.yml", 9, "€50.00"))
    versions = _finding("CC102", 0.8, ("kb.json", 1, "€50.00"), ("kb.json", 2, "€50.00"), ("kb.json", 3, "€80.00"))
    unrelated = _finding("CC102", 0.8, ("kb.json", 5, "€10.00"), ("kb.json", 6, "€12.00"))
    folded = fold_versions([other_fact, within], [versions, unrelated])
    assert [f.code for f in folded] == ["CC100", "CC100", "CC102"]
    assert folded[0] == other_fact
    assert folded[1].confidence == 0.8
    assert [side.location.line for side in folded[1].sides] == [3, 9, 1, 2]
    assert folded[1].evidence == ("CC100 evidence", "CC102 evidence")
    assert folded[1].message == "CC100 message. CC102 message."
    assert folded[2] == unrelated
