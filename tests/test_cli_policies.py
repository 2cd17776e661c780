"""Rules as data and policies from the command line: user rules end to end, located errors, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consistency_check.config import load_config
from consistency_check.rules import load_rules
from consistency_check.yamlfile import YamlFileError
from tests.test_examples import run_cli

GIFT_WRAP_RULE = """# yaml-language-server: $schema=../../consistency_check/schemas/rule.schema.json
code: NW101
name: gift-wrap-fee
title: gift wrapping fee
severity: warning
description: What gift wrapping costs per item.
fact: money
compare: at-most
subject:
  phrases: [gift wrap, gift wrapping, gift-wrapped]
examples:
  bad: ["Web: 'Gift wrapping is $4.99.' / Store: 'Gift wrapping costs $6.99.'"]
  good: ["Web: 'Gift wrapping is $4.99.' / Store: 'We gift-wrap for $4.99.'"]
"""


def project(tmp_path: Path, rule: str = GIFT_WRAP_RULE, policy: str | None = None) -> Path:
    (tmp_path / "web").mkdir()
    (tmp_path / "store").mkdir()
    (tmp_path / "web" / "faq.md").write_text(
        "# FAQ\n\n## Gift wrap?\n\nGift wrapping is $4.99 per order.\n", encoding="utf-8"
    )
    (tmp_path / "store" / "script.txt").write_text("GIFTS\n\nGift wrapping costs $6.99 per order.\n", encoding="utf-8")
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "gift-wrap-fee.yaml").write_text(rule, encoding="utf-8")
    cfg = (
        "rules: [my-rules]\nsources:\n  - path: web/*.md\n    channel: web\n  - path: store/*.txt\n    channel: store\n"
    )
    (tmp_path / "consistency-check.yaml").write_text(cfg, encoding="utf-8")
    if policy is not None:
        (tmp_path / "policies").mkdir()
        (tmp_path / "policies" / "gifts.yaml").write_text(policy, encoding="utf-8")
    return tmp_path / "consistency-check.yaml"


def test_user_rule_finds_contradictions_end_to_end(tmp_path: Path) -> None:
    cfg = project(tmp_path)
    # Two one-line pages give their one pair little evidence (0.68 to 0.71 as the model is refitted): what is tested
    # is that the user's rule names the finding, from 0.5.
    proc = run_cli("check", "--config", str(cfg), "--format", "json", "--min-confidence", "0.5")
    findings = json.loads(proc.stdout)["findings"]
    assert proc.returncode == 1 and [(f["code"], f["subject"]) for f in findings] == [("NW101", "gift wrapping fee")]


def test_user_rule_against_a_policy_with_its_own_comparison(tmp_path: Path) -> None:
    cfg = project(tmp_path, policy="topics:\n  - subject: gift-wrap-fee\n    value: $5.99\n")
    findings = json.loads(run_cli("check", "--config", str(cfg), "--format", "json").stdout)["findings"]
    assert [(f["code"], f["locations"][0]["path"], f["expected"]) for f in findings] == [
        ("CC300", "store/script.txt", "$5.99")
    ]
    assert "the policy says at most $5.99" in findings[0]["message"]


def test_rules_and_explain_show_user_rules_like_builtin_ones(tmp_path: Path) -> None:
    cfg = project(tmp_path)
    listing = run_cli("rules", "--config", str(cfg))
    assert listing.returncode == 0
    assert (
        "NW101" in listing.stdout
        and "gift-wrap-fee" in listing.stdout
        and "CC201" in listing.stdout
        and "CC300" in listing.stdout
    )
    shown = run_cli("explain", "NW101", "--config", str(cfg))
    assert shown.returncode == 0 and shown.stdout.startswith("NW101 gift-wrap-fee (warning)")
    assert "Against a policy: at-most" in shown.stdout and "Defined in: my-rules/gift-wrap-fee.yaml" in shown.stdout
    builtin = run_cli("explain", "gift-wrap-fee", cwd=tmp_path)
    assert builtin.returncode == 0 and "Defined in: my-rules/gift-wrap-fee.yaml" in builtin.stdout


@pytest.mark.parametrize("code", ["CC300", "CC301", "CC302", "CC303", "CC310", "CC311", "CC312"])
def test_policy_and_campaign_checks_are_explained(code: str) -> None:
    proc = run_cli("explain", code)
    assert proc.returncode == 0 and proc.stdout.startswith(code) and "Bad:" in proc.stdout


BROKEN_RULES = [
    ("yaml syntax", "code: NW101\nname: [gift\n", "my-rules/gift-wrap-fee.yaml:3: invalid YAML"),
    (
        "bad name",
        GIFT_WRAP_RULE.replace("name: gift-wrap-fee", "name: Gift Wrap"),
        "my-rules/gift-wrap-fee.yaml:3 at 'name'",
    ),
    (
        "unknown fact kind",
        GIFT_WRAP_RULE.replace("fact: money", "fact: weight"),
        "my-rules/gift-wrap-fee.yaml:7 at 'fact': expected one of",
    ),
    (
        "bad comparison",
        GIFT_WRAP_RULE.replace("compare: at-most", "compare: roughly"),
        "my-rules/gift-wrap-fee.yaml:8 at 'compare'",
    ),
    ("unknown scope", GIFT_WRAP_RULE + "scopes: [colour]\n", "unknown scope dimension 'colour'"),
    ("unknown key", GIFT_WRAP_RULE + "phrases: [wrap]\n", "at 'phrases': unknown key 'phrases'"),
    (
        "implied scope not a scope",
        GIFT_WRAP_RULE + "scopes: [tier]\nimplied_scope: {region: west}\n",
        "implied_scope names 'region'",
    ),
    (
        "implied value unknown",
        GIFT_WRAP_RULE + "scopes: [tier]\nimplied_scope: {tier: platinum}\n",
        "'platinum' is not a value of 'tier'",
    ),
    ("empty", "", "my-rules/gift-wrap-fee.yaml:1: expected object"),
]


@pytest.mark.parametrize("label,text,message", BROKEN_RULES, ids=[b[0] for b in BROKEN_RULES])
def test_broken_user_rule_is_a_located_error(tmp_path: Path, label: str, text: str, message: str) -> None:
    cfg = load_config(project(tmp_path, rule=text))
    with pytest.raises(YamlFileError) as info:
        load_rules(cfg.rule_dirs, cfg.root)
    assert message in str(info.value)


def test_broken_user_rule_stops_every_command_with_exit_2(tmp_path: Path) -> None:
    cfg = project(tmp_path, rule=BROKEN_RULES[1][1])
    for args in (
        ("check", "--config", str(cfg)),
        ("rules", "--config", str(cfg)),
        ("explain", "CC201", "--config", str(cfg)),
    ):
        proc = run_cli(*args)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert "my-rules/gift-wrap-fee.yaml:3 at 'name'" in proc.stderr and "Traceback" not in proc.stderr


def test_missing_rule_folder_is_exit_2(tmp_path: Path) -> None:
    cfg = project(tmp_path)
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace("rules: [my-rules]", "rules: [their-rules]"), encoding="utf-8"
    )
    proc = run_cli("check", "--config", str(cfg))
    assert proc.returncode == 2 and ":1 at 'rules[0]': rule folder 'their-rules' not found" in proc.stderr


def test_broken_policy_file_is_a_located_error(tmp_path: Path) -> None:
    cfg = project(tmp_path, policy="topics:\n  - subject: gift-wrap-fee\n    value: 5 days\n")
    proc = run_cli("check", "--config", str(cfg))
    assert proc.returncode == 2
    assert "policies/gifts.yaml:3 at 'topics[0].value': '5 days' is not a money" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_policies_option_replaces_the_config(tmp_path: Path) -> None:
    cfg = project(tmp_path, policy="topics:\n  - subject: gift-wrap-fee\n    value: 5 days\n")
    other = tmp_path / "other.yaml"
    other.write_text("topics:\n  - subject: gift-wrap-fee\n    value: $6.99\n", encoding="utf-8")
    proc = run_cli("check", "--config", str(cfg), "--policies", str(other), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["findings"] == []


def test_bad_as_of_is_a_usage_error(tmp_path: Path) -> None:
    cfg = project(tmp_path)
    proc = run_cli("check", "--config", str(cfg), "--as-of", "next tuesday")
    assert proc.returncode == 2 and "--as-of must be a date (YYYY-MM-DD); got 'next tuesday'" in proc.stderr


def test_schema_command_prints_shipped_schemas() -> None:
    proc = run_cli("schema", "campaign")
    assert proc.returncode == 0 and json.loads(proc.stdout)["$id"].endswith("/campaign.schema.json")
    bad = run_cli("schema", "nope")
    assert (
        bad.returncode == 2
        and "unknown schema 'nope'; known: campaign, config, ignore, language, policy, report, rule, scopes"
        in bad.stderr
    )
