"""The policy, rule and campaign examples in README.md load as written."""

from __future__ import annotations

import re
from pathlib import Path

from consistency_check.campaign import load_brief
from consistency_check.policy import load_policies
from consistency_check.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def block(section: str, lang: str) -> str:
    """The first fenced block of ``lang`` under the ``## section`` heading."""
    body = README.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(rf"```{lang}\n(.*?)```", body, re.S)
    assert match, f"no {lang} block under {section}"
    return match.group(1)


def test_policy_example_loads(tmp_path: Path) -> None:
    (tmp_path / "returns.yaml").write_text(block("Policies: the source of truth", "yaml"), encoding="utf-8")
    facts = load_policies([tmp_path], load_rules()).facts
    assert [f.rule.name for f in facts] == [
        "return-window",
        "return-window",
        "return-window",
        "payment-methods",
        "store-hours",
    ]


def test_rule_example_loads_and_campaign_example_loads(tmp_path: Path) -> None:
    rules = tmp_path / "my-rules"
    rules.mkdir()
    (rules / "gift-wrap-fee.yaml").write_text(block("Rules", "yaml"), encoding="utf-8")
    ruleset = load_rules((rules,))
    assert ruleset.by_code("NW101") is not None
    (tmp_path / "brief.md").write_text(block("Campaign launch check", "markdown"), encoding="utf-8")
    brief = load_brief(tmp_path / "brief.md", ruleset)
    assert brief.name == "Spring Gear Fest" and brief.terms[0].value == "60 days"
