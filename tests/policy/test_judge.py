"""Statements judged against the policy: conflicts, stale values, coverage, and what is left to channel comparison."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from consistency_check.config import load_config
from consistency_check.pipeline import run
from consistency_check.policy import PolicyJudge, load_policies
from consistency_check.reporters.base import Report
from consistency_check.rules import load_rules
from consistency_check.yamlfile import YamlFileError

# Each test writes only the channels it needs: the sources are optional.
CONFIG = """channels: [email]
sources:
  - path: "web/*.md"
    channel: web
    optional: true
  - path: "bot/*.md"
    channel: chatbot
    optional: true
  - path: "kb/*.md"
    channel: agent
    optional: true
{rules}"""


def faq(question: str, *answers: str) -> str:
    return f"# FAQ\n\n## {question}\n\n" + "\n\n".join(answers) + "\n"


def check(
    tmp_path: Path,
    files: dict[str, str],
    policy: str,
    as_of: str = "2025-06-01",
    uncovered: bool = False,
    rules: dict[str, str] | None = None,
    changed: list[str] | None = None,
) -> Report:
    """Run the pipeline on a small project with one policy file."""
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    rule_key = ""
    if rules:
        (tmp_path / "my-rules").mkdir()
        for name, text in rules.items():
            (tmp_path / "my-rules" / name).write_text(text, encoding="utf-8")
        rule_key = "rules: [my-rules]\n"
    (tmp_path / "consistency-check.yaml").write_text(CONFIG.format(rules=rule_key), encoding="utf-8")
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "policy.yaml").write_text(policy, encoding="utf-8")
    cfg = load_config(tmp_path / "consistency-check.yaml")
    ruleset = load_rules(cfg.rule_dirs, cfg.root)
    judge = PolicyJudge(
        load_policies(cfg.policies(), ruleset, cfg.root, channels=cfg.channels),
        date.fromisoformat(as_of),
        cfg.channel_sources(),
        uncovered,
    )
    return run(cfg, ruleset, [tmp_path / c for c in changed] if changed else None, judge=judge)


def codes(report: Report) -> list[tuple[str, str]]:
    return sorted((f.code, f.sides[0].location.display()) for f in report.findings)


RETURNS = "How long do I have to return?"
POLICY_30 = "required_channels: [web, chatbot]\ntopics:\n  - subject: return-window\n    value: 30 days\n"


def test_agreeing_statements_produce_nothing(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        {
            "web/faq.md": faq(RETURNS, "You can return items within 30 days."),
            "bot/faq.md": faq(RETURNS, "Returns are accepted for thirty days."),
        },
        POLICY_30,
    )
    assert report.findings == ()


def test_a_disagreeing_statement_is_reported_against_the_policy_only(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        {
            "web/faq.md": faq(RETURNS, "You can return items within 30 days."),
            "bot/faq.md": faq(RETURNS, "You can return items within 45 days."),
        },
        POLICY_30,
    )
    assert codes(report) == [("CC300", "bot/faq.md:5")]
    finding = report.findings[0]
    assert finding.expected == "30 days" and finding.severity.value == "error"
    assert [(s.channel, s.location.display(), s.value) for s in finding.sides] == [
        ("chatbot", "bot/faq.md:5", "45 days"),
        ("policy", "policies/policy.yaml:4", "30 days"),
    ]
    assert finding.sides[0].quote == "You can return items within 45 days."
    assert "the policy says 30 days (policies/policy.yaml:4)" in finding.message


def test_each_statement_that_disagrees_is_reported_once(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        {
            "web/faq.md": faq(RETURNS, "You can return items within 45 days.", "Returns: within 45 days of purchase."),
            "bot/faq.md": faq(RETURNS, "You can return items within 45 days."),
        },
        POLICY_30,
    )
    assert codes(report) == [("CC300", "bot/faq.md:5"), ("CC300", "web/faq.md:5"), ("CC300", "web/faq.md:7")]


def test_where_no_policy_speaks_channels_are_compared_as_before(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        {
            "web/faq.md": faq("Exchanges?", "Exchanges are accepted within 90 days."),
            "bot/faq.md": faq("Exchanges?", "Exchanges are accepted within 60 days."),
        },
        POLICY_30.replace("[web, chatbot]", "[]"),
    )
    assert [f.code for f in report.findings] == ["CC202"]


STALE_POLICY = (
    "topics:\n  - subject: return-window\n    facts:\n      - value: 45 days\n        effective_until: 2024-12-31\n"
    "      - value: 30 days\n        effective_from: 2025-01-01\n"
)


def test_an_expired_value_is_stale_and_names_the_current_one(tmp_path: Path) -> None:
    files = {
        "web/faq.md": faq(RETURNS, "You can return items within 30 days."),
        "bot/faq.md": faq(RETURNS, "You can return items within 45 days."),
    }
    report = check(tmp_path, files, STALE_POLICY)
    assert codes(report) == [("CC303", "bot/faq.md:5")]
    finding = report.findings[0]
    assert finding.expected == "30 days" and finding.sides[1].location.display() == "policies/policy.yaml:4"
    assert (
        "until 2024-12-31" in finding.message
        and "Since 2025-01-01, the policy says 30 days (policies/policy.yaml:6)" in finding.message
    )


def test_as_of_applies_the_policy_of_that_date(tmp_path: Path) -> None:
    files = {
        "web/faq.md": faq(RETURNS, "You can return items within 30 days."),
        "bot/faq.md": faq(RETURNS, "You can return items within 45 days."),
    }
    report = check(tmp_path, files, STALE_POLICY, as_of="2024-06-01")
    assert codes(report) == [("CC300", "web/faq.md:5")]
    assert "That is the value from 2025-01-01 (policies/policy.yaml:6): publish it then." in report.findings[0].message


def test_expired_policy_without_successor(tmp_path: Path) -> None:
    policy = "topics:\n  - subject: return-window\n    value: 45 days\n    effective_until: 2024-12-31\n"
    files = {
        "web/faq.md": faq(RETURNS, "You can return items within 30 days."),
        "bot/faq.md": faq(RETURNS, "You can return items within 45 days."),
    }
    report = check(tmp_path, files, policy)
    assert codes(report) == [("CC303", "bot/faq.md:5")]
    assert report.findings[0].expected == "" and "No policy states it now" in report.findings[0].message


def test_future_policy_is_not_applied_and_noted(tmp_path: Path) -> None:
    policy = "topics:\n  - subject: return-window\n    value: 60 days\n    effective_from: 2030-01-01\n"
    files = {
        "web/faq.md": faq(RETURNS, "You can return items within 30 days."),
        "bot/faq.md": faq(RETURNS, "You can return items within 45 days."),
    }
    report = check(tmp_path, files, policy)
    assert [f.code for f in report.findings] == ["CC201"]
    assert any("takes effect on 2030-01-01; not applied as of 2025-06-01" in n for n in report.notes)


def test_hours_are_judged_day_by_day_and_coverage_counts_days(tmp_path: Path) -> None:
    policy = (
        "required_channels: [web, chatbot]\ntopics:\n  - subject: store-hours\n"
        "    value: Mon-Sat 9am-9pm; Sun 10am-5pm\n"
    )
    files = {
        "web/faq.md": faq("Store hours?", "Our stores are open Mon-Sat 9am-9pm."),
        "bot/faq.md": faq("Store hours?", "Our stores are open Mon-Sat 9am-9pm.", "Stores are closed on Sundays."),
    }
    report = check(tmp_path, files, policy)
    assert codes(report) == [("CC300", "bot/faq.md:7"), ("CC301", "policies/policy.yaml:4")]
    conflict, missing = sorted(report.findings, key=lambda f: f.code)
    assert conflict.expected == "Sun 10:00-17:00" and conflict.sides[0].value == "Sun closed"
    assert missing.expected == "Sun 10:00-17:00" and dict(missing.extra)["channel"] == "web"


def test_missing_names_the_channel_and_its_sources(tmp_path: Path) -> None:
    policy = (
        "required_channels: [web, chatbot, agent, email]\ntopics:\n  - subject: return-window\n    value: 30 days\n"
    )
    files = {
        "web/faq.md": faq(RETURNS, "You can return items within 30 days."),
        "bot/faq.md": faq(RETURNS, "You can return items within 30 days."),
        "kb/article.md": faq("Shipping", "Standard shipping is $5.99."),
    }
    report = check(tmp_path, files, policy)
    assert [(f.code, dict(f.extra)["channel"]) for f in report.findings] == [("CC301", "agent")]
    finding = report.findings[0]
    assert finding.severity.value == "warning" and "Add it to kb/*.md." in finding.message
    assert finding.sides[0].quote == "return-window: 30 days (required in agent)"
    assert any("channel 'email'" in n for n in report.notes)  # declared in the config, but no source of it


def test_a_required_channel_not_declared_is_a_located_error(tmp_path: Path) -> None:
    policy = "topics:\n  - subject: return-window\n    value: 30 days\n    required_channels: [web, stores]\n"
    with pytest.raises(YamlFileError) as err:
        check(tmp_path, {"web/faq.md": faq(RETURNS, "You can return items within 30 days.")}, policy)
    assert str(err.value) == (
        "policies/policy.yaml:4 at 'topics[0].required_channels[1]': unknown channel 'stores'; did you mean 'store'? "
        "channels: web, chatbot, agent, store, email (declare another in consistency-check.yaml: channels: [name])"
    )


def test_missing_findings_of_different_channels_have_different_fingerprints(tmp_path: Path) -> None:
    from consistency_check.reporters.base import fingerprint

    policy = "required_channels: [web, chatbot, agent]\ntopics:\n  - subject: exchange-window\n    value: 90 days\n"
    files = {
        "web/faq.md": faq("Shipping", "Standard shipping is $5.99."),
        "bot/faq.md": faq("Shipping", "Standard shipping is $5.99."),
        "kb/a.md": faq("Shipping", "Standard shipping is $5.99."),
    }
    report = check(tmp_path, files, policy)
    assert len(report.findings) == 3 and len({fingerprint(f) for f in report.findings}) == 3


def test_business_and_calendar_days_disagree_with_a_reason(tmp_path: Path) -> None:
    policy = "topics:\n  - subject: refund-time\n    value: 5 business days\n"
    files = {
        "web/faq.md": faq("Refunds?", "Refunds are issued within 5 business days."),
        "bot/faq.md": faq("Refunds?", "Refunds are issued within 5 days."),
    }
    report = check(tmp_path, files, policy)
    assert codes(report) == [("CC300", "bot/faq.md:5")]
    assert "counts calendar days where the policy counts business days" in report.findings[0].message


def test_a_sentence_with_several_values_agrees_when_one_does(tmp_path: Path) -> None:
    policy = "topics:\n  - subject: cancellation-window\n    value: 1 hour\n"
    files = {"web/faq.md": faq("Cancel?", "You can cancel within 1 hour, or within 2 hours for phone orders.")}
    assert check(tmp_path, files, policy).findings == ()


def test_report_uncovered_lists_topics_without_policy(tmp_path: Path) -> None:
    files = {
        "web/faq.md": faq(RETURNS, "You can return items within 30 days.", "Exchanges are accepted within 90 days."),
        "bot/faq.md": faq(RETURNS, "Exchanges are accepted within ninety days."),
    }
    report = check(tmp_path, files, POLICY_30.replace("[web, chatbot]", "[]"), uncovered=True)
    uncovered = [f for f in report.findings if f.code == "CC302"]
    assert [(f.subject, [s.channel for s in f.sides]) for f in uncovered] == [("exchange window", ["chatbot", "web"])]
    assert uncovered[0].severity.value == "info"


def test_user_rule_with_at_most_comparison(tmp_path: Path) -> None:
    rule = (
        "code: NW201\nname: return-window\nseverity: error\nfact: duration\ncompare: at-most\nroles: ['', max]\n"
        "subject:\n  phrases: [return, returns, returned]\nscopes: [tier]\n"
    )
    files = {
        "web/faq.md": faq(RETURNS, "You can return items within 14 days."),
        "bot/faq.md": faq(RETURNS, "You can return items within 45 days."),
    }
    report = check(tmp_path, files, POLICY_30.replace("[web, chatbot]", "[]"), rules={"return-window.yaml": rule})
    assert codes(report) == [("CC300", "bot/faq.md:5")]
    assert "the policy says at most 30 days" in report.findings[0].message


def test_changed_files_mode_keeps_only_findings_on_those_files(tmp_path: Path) -> None:
    files = {
        "web/faq.md": faq(RETURNS, "You can return items within 45 days."),
        "bot/faq.md": faq(RETURNS, "You can return items within 40 days."),
    }
    policy = "required_channels: [web, chatbot, agent]\ntopics:\n  - subject: return-window\n    value: 30 days\n"
    report = check(tmp_path, files, policy, changed=["web/faq.md"])
    assert codes(report) == [("CC300", "web/faq.md:5")]
