"""Real public exports (../shared/real-samples) parse without errors; golden statements are pinned.

Golden values were checked by opening each file at the pinned line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.config import Config
from consistency_check.discovery import SourceFile
from consistency_check.pipeline import read_source
from consistency_check.sources import REGISTRY, detect_format, html_faq, zendesk
from consistency_check.sources.base import SourceError
from tests.sources.conftest import document, parse_file

FOLDERS = {
    "faq_html_structured_data": {"html"},
    "markdown_faq_web": {"markdown", "html"},
    "markdown_front_matter_kb": {"markdown"},
    "rasa3": {"rasa"},
    "rasa2": {"rasa"},
    "zendesk_help_center": {"zendesk"},  # section/category/label payloads are claimed, with no statements
    "agent_store_scripts": {"markdown", "text"},
    "salesforce_knowledge": {"salesforce_knowledge"},  # CSVs, the import .properties, a CumulusCI mapping.yml
    "salesforce_einstein_bot": {"einstein_bot"},  # bot version XML and utterance CSVs
    "confluence_storage": {"confluence", "html", "markdown"},  # table.html has no macros: plain HTML
}
# Knowledge-base and script folders whose every file must read without a parse error (CC001).
# intercom_articles holds OpenAPI excerpts, not exports: unrecognised (CC002) is right for them.
NO_PARSE_ERRORS = [
    "salesforce_knowledge",
    "salesforce_einstein_bot",
    "intercom_articles",
    "confluence_storage",
    "zendesk_help_center",
    "agent_store_scripts",
    "markdown_front_matter_kb",
]


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_every_file_parses(real_samples: Path, folder: str) -> None:
    files = sorted(p for p in (real_samples / folder).rglob("*") if p.is_file())
    assert files
    total = 0
    for path in files:
        fmt, statements = parse_file(path, real_samples)
        assert fmt in FOLDERS[folder], path
        line_count = path.read_bytes().count(b"\n") + 1
        for statement in statements:
            assert statement.text and isinstance(statement.question, str)
            assert statement.location.line is not None and 1 <= statement.location.line <= line_count, statement
        total += len(statements)
    assert total > 0


@pytest.mark.parametrize("folder", NO_PARSE_ERRORS)
def test_no_parse_errors(real_samples: Path, folder: str) -> None:
    config = Config(root=real_samples)
    for path in sorted(p for p in (real_samples / folder).rglob("*") if p.is_file()):
        outcome = read_source(SourceFile(path.relative_to(real_samples).as_posix(), path, None, "auto", ""), config)
        assert [f.message for f in outcome.findings if f.code == "CC001"] == [], path


def test_zendesk_adapter_survives_every_json(real_samples: Path) -> None:
    for path in sorted((real_samples / "zendesk_help_center").rglob("*.json")):
        list(zendesk.parse(document(path, real_samples)))


def test_robustness_samples_raise_nothing_but_source_error(real_samples: Path) -> None:
    for path in sorted((real_samples / "jsonld_microdata_robustness").rglob("*")):
        if not path.is_file():
            continue
        doc = document(path, real_samples)
        fmt = detect_format(doc) or "html"
        try:
            list(REGISTRY[fmt].parse(doc))
            list(html_faq.parse(doc))
        except SourceError:
            pass


GOLDEN = [
    # file, (first: line, question, text start), (last: line, question, text start)
    (
        "faq_html_structured_data/nicheworks-tools__nicheworks/tools/ats-paste-doctor/usage-en.html",
        (38, "Is my text uploaded anywhere?", "No. Processing happens locally in your browser."),
        (195, "Usage | ATS Paste Doctor | NicheWorks", "nicheworks.app"),  # the footer's link home, said for the page
    ),
    (
        "faq_html_structured_data/schemaorg__schemaorg/docs/faq.html",
        (80, "What is the purpose of schema.org?", "Schema.org is a joint effort, in the spirit of sitemaps.org"),
        (72, "About Schema.org", "Should we write 'https://schema.org' or 'http://schema.org'"),
    ),
    (
        "markdown_faq_web/letsencrypt__website/content/en/docs/faq.md",
        (13, "FAQ", "This FAQ is divided into the following sections:"),
        (123, "Where can I learn more about TLS/SSL and PKI in general?", "For more extensive background"),
    ),
    (
        "markdown_faq_web/GSA-TTS__identity-site/content/_partners/faq._en.md",
        (16, "Who has Login.gov partnered with?", "Login.gov has over 50 partners"),
        (140, "How does Login.gov help with agencies’ “Zero Trust” strategy?", "Login.gov can help agencies"),
    ),
    (
        "markdown_front_matter_kb/bitwarden__help/_articles/plans-and-pricing/premium-renewal.md",
        (12, "Premium Renewal", "Premium Individual subscriptions renew automatically"),
        (35, "Emergency Access", "Trusted emergency contacts will still be able to request"),
    ),
    (
        "agent_store_scripts/CR-AudioViz-AI__crav-documentation/helpdesk-docs/CUSTOMER_SERVICE_SCRIPTS.md",
        (3, "Customer Service Scripts", "Helpdesk Quick Reference"),
        (205, "Quality Checklist", "Questions? support-training@craudiovizai.com"),
    ),
    (
        "rasa3/RasaHQ__retail-demo/domain.yml",
        (110, "greet", "Hi there! I'm a demo bot from Rasa to help you with ordering shoes."),
        (197, "order shoes", "Sorry, I can't actually help you order the shoes."),
    ),
    (
        "rasa3/RasaHQ__rasa/data/test_domains/conditional_response_variations.yml",
        (24, "withdraw", "You are not allowed to withdraw any amounts."),
        (49, "check balance", "Welcome to your app account overview."),
    ),
    (
        "rasa3/RasaHQ__rasa-demo/data/nlu/responses/responses.yml",
        (4, "out of scope non english", "I only understand English, I'm sorry."),
        (174, "chitchat telljoke", "Why did the robot cross the road?"),
    ),
    (
        "rasa2/RasaHQ__helpdesk-assistant/at-4ed6081/domain.yml",
        (59, "out of scope", "Sorry, I'm not sure how to respond to that."),
        (120, "no handoff", "Since you haven't configured a host to hand off to"),
    ),
    (
        "zendesk_help_center/facetoe__zenpy/specification/help_centre/article.json",
        (18, "How can agents leverage knowledge to help customers?", "You can use our Knowledge Capture app"),
        (18, "How can agents leverage knowledge to help customers?: Procedure", "write the steps here."),
    ),
    (
        "zendesk_help_center/facetoe__zenpy/tests/test_api/betamax/"
        "TestHelpCenterCreateArticle.test_create_article_with_notify_subscribers-true.json",
        (42, "Article html content body notifies subscribers", "Article html content body notifies subscribers"),
        (42, "Article html content body notifies subscribers", "Article html content body notifies subscribers"),
    ),
    (
        "agent_store_scripts/connectcleaning__call-script/source/Connect_Cleaning_Call_Script.txt",
        (1, "Connect Cleaning Call Script", "Tab 1: Full Script with Coaching Notes"),
        (274, "COMMERCIAL / HOA CLEANING / Book the walkthrough", "\"Perfect, I've got you down for [day and time]."),
    ),
]


@pytest.mark.parametrize(("name", "first", "last"), GOLDEN, ids=[g[0].split("/")[-1] for g in GOLDEN])
def test_golden_first_and_last_statement(
    real_samples: Path, name: str, first: tuple[int, str, str], last: tuple[int, str, str]
) -> None:
    _, statements = parse_file(real_samples / name, real_samples)
    for statement, (line, question, text) in ((statements[0], first), (statements[-1], last)):
        assert (statement.location.line, statement.question) == (line, question)
        assert statement.text.startswith(text), statement.text


def test_real_rasa_links_and_conditions(real_samples: Path) -> None:
    _, statements = parse_file(real_samples / "rasa3/RasaHQ__rasa-demo/data/nlu/responses/responses.yml", real_samples)
    nlu = next(s for s in statements if s.question == "faq nlu")
    assert "what about nlu?" in nlu.alternatives
    _, conditional = parse_file(
        real_samples / "rasa3/RasaHQ__rasa/data/test_domains/conditional_response_variations.yml", real_samples
    )
    assert conditional[1].condition == "slot can_withdraw=True and slot account_type=primary"
    assert conditional[3].condition == "slot account_type=primary; channel os"


def test_json_ld_and_visible_answers_both_read(real_samples: Path) -> None:
    path = real_samples / "faq_html_structured_data/nicheworks-tools__nicheworks/tools/ats-paste-doctor/usage-en.html"
    _, statements = parse_file(path, real_samples)
    pairs = {(s.origin, s.text) for s in statements if s.question == "Does this guarantee perfect formatting?"}
    assert pairs == {
        ("json-ld", "No. ATS and form behavior varies, so always check the preview."),
        ("visible", "No. ATS/form behavior varies, so always check the preview."),
    }
