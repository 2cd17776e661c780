"""The campaign check on small corpora: contradictions, gaps and undeclared policy changes, per channel."""

from __future__ import annotations

from pathlib import Path

from consistency_check.campaign import run_campaign
from consistency_check.config import load_config
from consistency_check.policy import load_policies
from consistency_check.reporters.base import Report
from consistency_check.rules import load_rules

CONFIG = "".join(  # each test writes only the channels it needs: the sources are optional
    f"  - path: {folder}/*.md\n    channel: {channel}\n    optional: true\n"
    for folder, channel in (("web", "web"), ("kb", "agent"), ("bot", "chatbot"))
).join(("sources:\n", ""))
BRIEF = """---
name: Summer Sale
code: SUMMER25
starts: 2025-06-01
ends: 2025-06-30
offer:
  discount: 25%
  minimum_spend: $100
eligibility: Everyone
exclusions: [clearance, gift cards]
channels: [web, agent]
{extra}---

Summer Sale: 25% off everything over $100 in June.
"""
AGENT_OK = (
    "# Summer Sale\n\n## Summer Sale\n\nThe Summer Sale runs from June 1 to June 30, 2025. Every customer gets 25% "
    "off orders over $100 "
    "with code SUMMER25. Clearance items and gift cards are excluded.\n"
)
WEB_OK = "# Deals\n\n## This month's deals\n\nOur Summer Sale takes 25% off orders over $100 until June 30.\n"


def campaign(tmp_path: Path, files: dict[str, str], extra: str = "", policy: str | None = None) -> Report:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "consistency-check.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "brief.md").write_text(BRIEF.format(extra=extra), encoding="utf-8")
    cfg = load_config(tmp_path / "consistency-check.yaml")
    ruleset = load_rules()
    standing = None
    if policy is not None:
        (tmp_path / "policy.yaml").write_text(policy, encoding="utf-8")
        standing = load_policies([tmp_path / "policy.yaml"], ruleset, cfg.root)
    return run_campaign(tmp_path / "brief.md", cfg, ruleset, standing=standing)


def summary(report: Report) -> list[tuple[str, str, str]]:
    return [(f.code, dict(f.extra)["channel"], f.sides[0].value or f.sides[0].quote) for f in report.findings]


def test_a_ready_corpus_has_no_findings(tmp_path: Path) -> None:
    report = campaign(tmp_path, {"kb/sale.md": AGENT_OK, "web/deals.md": WEB_OK})
    assert report.findings == ()
    assert report.title == "Launch check: Summer Sale" and report.channels == ("web", "agent")
    assert dict(report.context)["Offer"] == "25% off; minimum spend $100.00"


def test_wrong_dates_discount_minimum_code_and_exclusion_are_contradictions(tmp_path: Path) -> None:
    web = (
        "# Deals\n\n## Summer Sale\n\nThe Summer Sale ends July 4. Save 20% on orders over $150 with code SUMMER20.\n\n"
        "It applies to everything, including clearance.\n"
    )
    report = campaign(tmp_path, {"kb/sale.md": AGENT_OK, "web/deals.md": web})
    assert summary(report) == [
        ("CC310", "web", "July 4"),
        ("CC310", "web", "20%"),
        ("CC310", "web", "$150.00"),
        ("CC310", "web", "SUMMER20"),
        ("CC310", "web", "included"),
    ]
    assert all(f.severity.value == "error" for f in report.findings)
    assert "the brief's code is SUMMER25 (brief.md:3)" in report.findings[3].message
    assert report.findings[4].expected == "excluded"


def test_only_campaign_sentences_are_checked(tmp_path: Path) -> None:
    web = (
        WEB_OK
        + "\nTrail Club members save 10% every day. Gift cards never expire. Use code WELCOME10 on your first order.\n"
    )
    report = campaign(tmp_path, {"kb/sale.md": AGENT_OK, "web/deals.md": web})
    assert report.findings == ()


def test_a_channel_that_never_mentions_the_campaign_is_a_gap(tmp_path: Path) -> None:
    report = campaign(
        tmp_path, {"kb/sale.md": AGENT_OK, "web/deals.md": "# Deals\n\n## Shipping\n\nStandard shipping is $5.99.\n"}
    )
    assert summary(report) == [("CC311", "web", "channels: web")]
    assert (
        report.findings[0].message
        == "Nothing in the web channel mentions Summer Sale (looked for: Summer Sale, SUMMER25 in web/*.md)."
    )
    assert report.findings[0].severity.value == "warning"


def test_agent_material_must_answer_what_customers_ask(tmp_path: Path) -> None:
    agent = "# Summer Sale\n\n## Summer Sale\n\nThe Summer Sale is on now.\n"
    report = campaign(tmp_path, {"kb/sale.md": agent, "web/deals.md": WEB_OK})
    assert [f.sides[0].quote for f in report.findings] == [
        "ends: 2025-06-30 (to answer in agent)",
        "discount: 25% (to answer in agent)",
        "minimum_spend: $100.00 (to answer in agent)",
        "code: SUMMER25 (to answer in agent)",
        "eligibility: Everyone (to answer in agent)",
        "exclusions: clearance (to answer in agent)",
        "exclusions: gift cards (to answer in agent)",
    ]
    assert {f.code for f in report.findings} == {"CC311"}


def test_undeclared_change_of_standing_policy_in_the_brief_and_a_channel(tmp_path: Path) -> None:
    policy = "topics:\n  - subject: return-window\n    value: 30 days\n"
    web = WEB_OK + "\nSummer Sale purchases can be returned within 60 days.\n"
    report = campaign(tmp_path, {"kb/sale.md": AGENT_OK, "web/deals.md": web}, policy=policy)
    assert summary(report) == [("CC312", "web", "60 days")]
    assert "the standing policy says 30 days (policy.yaml:3)" in report.findings[0].message


def test_brief_text_that_changes_policy_without_declaring_it(tmp_path: Path) -> None:
    policy = "topics:\n  - subject: return-window\n    value: 30 days\n"
    files = {"kb/sale.md": AGENT_OK, "web/deals.md": WEB_OK}
    report = campaign(tmp_path, files, policy=policy)
    assert report.findings == ()
    (tmp_path / "brief.md").unlink()
    extra_text = BRIEF.format(extra="") + "\nSale purchases can be returned within 60 days.\n"
    (tmp_path / "brief.md").write_text(extra_text, encoding="utf-8")
    cfg = load_config(tmp_path / "consistency-check.yaml")
    ruleset = load_rules()
    report = run_campaign(
        tmp_path / "brief.md", cfg, ruleset, standing=load_policies([tmp_path / "policy.yaml"], ruleset, cfg.root)
    )
    assert summary(report) == [("CC312", "brief", "60 days")]
    assert report.findings[0].sides[0].location.display() == "brief.md:16"


def test_declared_terms_are_expected_in_campaign_content(tmp_path: Path) -> None:
    policy = "topics:\n  - subject: return-window\n    value: 30 days\n"
    terms = "terms:\n  - subject: return-window\n    value: 60 days\n"
    agent = AGENT_OK + "\nSummer Sale purchases can be returned within 60 days.\n"
    web = WEB_OK + "\nSummer Sale purchases can be returned within 30 days.\n"
    report = campaign(tmp_path, {"kb/sale.md": agent, "web/deals.md": web}, extra=terms, policy=policy)
    assert summary(report) == [("CC310", "web", "30 days")]
    finding = report.findings[0]
    assert "the brief's terms say 60 days (brief.md:14)" in finding.message
    assert [s.channel for s in finding.sides] == ["web", "brief"]


def test_agent_must_give_each_term(tmp_path: Path) -> None:
    terms = "terms:\n  - subject: return-window\n    value: 60 days\n"
    report = campaign(tmp_path, {"kb/sale.md": AGENT_OK, "web/deals.md": WEB_OK}, extra=terms)
    assert [(f.code, f.sides[0].quote) for f in report.findings] == [
        ("CC311", "terms: return-window 60 days (to answer in agent)")
    ]
