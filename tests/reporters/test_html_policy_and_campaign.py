"""The HTML report held to a policy (the policy is the reference column) and the campaign launch-check page."""

from __future__ import annotations

from datetime import date
from functools import cache

import lxml.html
import pytest

from consistency_check.campaign import run_campaign
from consistency_check.config import load_config
from consistency_check.model import Finding, Location, Severity, Side
from consistency_check.pipeline import run
from consistency_check.policy import PolicyJudge, load_policies
from consistency_check.reporters import HtmlReporter, Report
from consistency_check.reporters.html_assets import content_security_policy
from consistency_check.rules import load_rules
from tests.test_examples import EXAMPLES, ROOT, run_cli


@cache
def _pages() -> tuple[str, str]:
    config = load_config(EXAMPLES / "consistency-check.yaml")
    ruleset = load_rules(config.rule_dirs, config.root)
    policies = load_policies([ROOT / "policies" / "northwind"], ruleset, config.root)
    judge = PolicyJudge(policies, date(2025, 6, 1), config.channel_sources())
    checked = HtmlReporter().render(run(config, ruleset, judge=judge))
    brief = EXAMPLES / "campaigns" / "spring-gear-fest.md"
    launch = HtmlReporter().render(run_campaign(brief, config, ruleset, standing=policies))
    return checked, launch


def _matrix() -> dict[str, dict[str, tuple[str, str]]]:
    """Subject -> column -> (the cell's state class, its text)."""
    tree = lxml.html.fromstring(_pages()[0])
    head = [th.text_content() for th in tree.xpath("//table[@class='matrix']/thead//th")]
    rows: dict[str, dict[str, tuple[str, str]]] = {}
    for tr in tree.xpath("//table[@class='matrix']/tbody/tr"):
        subject = tr.xpath("string(th/a)") or tr.xpath("string(th/text()[last()])").strip()
        cells = tr.xpath("td")
        classes = [(td.get("class") or "").split() for td in cells]
        rows[subject] = {
            name: (" ".join(c for c in css if not c.startswith("ch-")), td.text_content().strip())
            for name, css, td in zip(head[1:], classes, cells, strict=True)
        }
    return rows


def test_the_policy_is_the_reference_column_not_a_channel() -> None:
    tree = lxml.html.fromstring(_pages()[0])
    assert [th.text_content() for th in tree.xpath("//table[@class='matrix']/thead//th")] == [
        "Subject",
        "policy",
        "web",
        "chatbot",
        "agent",
        "store",
    ]
    assert [label.text_content().strip() for label in tree.xpath("//form[@id='filters']/fieldset[1]/label")] == [
        "web",
        "chatbot",
        "agent",
        "store",
    ]
    tiles = [li.text_content() for li in tree.xpath("//ul[@class='counts']/li")]
    assert tiles == ["12contradictions", "2coverage gaps", "15consistent subjects", "4channels"]


def test_channels_agreeing_with_the_policy_show_as_agreeing() -> None:
    row = _matrix()["refund processing time"]
    assert row["policy"] == ("ref", "5 business days")
    assert row["agent"] == ("conflict", "10 business days")
    assert {row[c] for c in ("web", "chatbot", "store")} == {("agree", "5 business days")}


def test_a_stale_value_is_marked_stale_against_the_policy_in_force() -> None:
    row = _matrix()["return window"]
    assert row["policy"] == ("ref", "30 days")
    assert row["store"] == ("stale", "45 days")
    assert {row[c] for c in ("web", "chatbot", "agent")} == {("agree", "30 days")}


def test_a_required_channel_that_says_nothing_is_marked_missing() -> None:
    row = _matrix()["return shipping fee"]
    assert row["policy"] == ("ref", "$6.95") and row["web"] == ("missing", "missing")
    assert row["chatbot"] == ("none", "–") and row["agent"] == ("agree", "$6.95")


def test_a_consistent_subject_shows_the_policy_and_the_agreeing_channels() -> None:
    row = _matrix()["delivery time"]
    assert row["policy"] == ("ref", "5-7 business days")
    assert {row[c][0] for c in ("web", "chatbot", "agent", "store")} == {"agree"}


def test_tiles_count_contradictions_gaps_and_file_notices_apart() -> None:
    def finding(code: str, name: str, severity: Severity, value: str) -> Finding:
        side = Side(Location("kb/a.md", 3), "agent", "Returns within 30 days.", value)
        return Finding(code, name, severity, "message", "return window", (side,))

    report = Report(
        findings=(
            finding("CC001", "parse-error", Severity.ERROR, ""),
            finding("CC002", "unrecognised-file", Severity.INFO, ""),
            finding("CC311", "campaign-gap", Severity.WARNING, ""),
            finding("CC201", "return-window", Severity.ERROR, "30 days"),
        ),
        files=3,
        statements=4,
        elapsed=0.1,
        tool_version="0.1.0",
        root=".",
    )
    tree = lxml.html.fromstring(HtmlReporter().render(report))
    assert [li.text_content() for li in tree.xpath("//ul[@class='counts']/li")] == [
        "1contradiction",
        "1coverage gap",
        "2file notices",
        "1channel",
    ]


def test_the_campaign_page_has_a_status_row_per_channel() -> None:
    page = _pages()[1]
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//h1")[0].text_content() == "Launch check: Spring Gear Fest"
    rows = [
        [cell.text_content().strip() for cell in tr.xpath("th|td")][:2]
        for tr in tree.xpath("//table[@class='status']/tbody/tr")
    ]
    assert rows == [
        ["web", "ready"],
        ["chatbot", "1 gap"],
        ["agent", "2 gaps"],
        ["store", "1 contradiction"],
        ["the brief's own text", "1 undeclared policy change"],
    ]
    assert not tree.xpath("//table[@class='matrix']") and "9 contradictions" not in page
    assert f'content="{content_security_policy()}"' in page and "<script" not in page
    assert not [a for a in tree.xpath("//a[@href]") if not a.get("href", "").startswith("#")]


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github"])
def test_campaign_offers_only_formats_that_render_it(fmt: str) -> None:
    proc = run_cli("campaign", "examples/campaigns/spring-gear-fest.md", "--format", fmt)
    assert (proc.returncode, proc.stderr) == (
        2,
        f"consistency-check: error: format '{fmt}' does not render a campaign launch check; "
        "formats: html, json, markdown, text\n",
    )
