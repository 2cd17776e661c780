"""Policy files load and resolve against the rules; every mistake is located by file, line and key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from consistency_check.policy import load_policies
from consistency_check.rules import load_rules
from consistency_check.yamlfile import YamlFileError

ROOT = Path(__file__).resolve().parents[2]
RULES = load_rules()

CASES = [
    (
        "unknown top-level key",
        "topics:\n  - subject: return-window\n    value: 30 days\nonwer: me\n",
        ":4 at 'onwer': unknown key 'onwer'",
    ),
    ("missing topics", "owner: x\n", ":1: 'topics' is required"),
    (
        "unknown subject",
        "topics:\n  - subject: retrun-window\n    value: 30 days\n",
        ":2 at 'topics[0].subject': unknown subject 'retrun-window': no rule has that name or code; did you mean "
        "'return-window'?",
    ),
    (
        "value not the rule's kind",
        "topics:\n  - subject: return-window\n    value: thirty dayz\n",
        ":3 at 'topics[0].value': 'thirty dayz' is not a duration",
    ),
    (
        "value in a fact list",
        "topics:\n  - subject: return-window\n    facts:\n      - value: 30 days\n      - value: '10%'\n",
        ":5 at 'topics[0].facts[1].value': '10%' is not a duration",
    ),
    (
        "neither value nor facts",
        "topics:\n  - subject: return-window\n",
        ":2 at 'topics[0]': give either 'value' (one fact) or 'facts' (a list of facts)",
    ),
    (
        "scope the rule lacks",
        "topics:\n  - subject: refund-time\n    scope: {category: electronics}\n    value: 5 business days\n",
        ":3 at 'topics[0].scope.category': rule refund-time has no scope 'category' (its scopes: tier, contact, "
        "payment)",
    ),
    (
        "unknown scope value",
        "topics:\n  - subject: return-window\n    scope: {tier: gold}\n    value: 60 days\n",
        ":3 at 'topics[0].scope.tier': unknown tier 'gold' (known: business, cardholder, employee, member, military, "
        "senior, student)",
    ),
    (
        "list for an equal rule",
        "topics:\n  - subject: return-window\n    value: [30 days, 45 days]\n",
        ":3 at 'topics[0].value': rule return-window compares with 'equal': give one value",
    ),
    (
        "object missing",
        "topics:\n  - subject: payment-methods\n    value: yes\n",
        ":2 at 'topics[0]': rule payment-methods compares each object on its own: give 'object'",
    ),
    (
        "object unknown",
        "topics:\n  - subject: payment-methods\n    object: Dogecoin\n    value: yes\n",
        ":3 at 'topics[0].object': 'Dogecoin' is not one of the objects rule payment-methods knows",
    ),
    (
        "object on a rule without objects",
        "topics:\n  - subject: return-window\n    object: PayPal\n    value: 30 days\n",
        ":3 at 'topics[0].object': rule return-window has no objects",
    ),
    (
        "scope required",
        "topics:\n  - subject: returnability\n    value: no\n",
        ":2 at 'topics[0]': rule returnability only compares scoped statements: give a scope",
    ),
    (
        "bad date",
        "topics:\n  - subject: return-window\n    value: 30 days\n    effective_from: 2025-02-30\n",
        ":4 at 'topics[0].effective_from': '2025-02-30' is not a date",
    ),
    (
        "date format",
        "topics:\n  - subject: return-window\n    value: 30 days\n    effective_from: 1 May 2025\n",
        ":4 at 'topics[0].effective_from': '1 May 2025' does not match",
    ),
    (
        "until before from",
        "topics:\n  - subject: return-window\n    value: 30 days\n    effective_from: 2025-05-01\n"
        "    effective_until: 2025-04-01\n",
        ":5 at 'topics[0].effective_until': effective_until 2025-04-01 is before effective_from 2025-05-01",
    ),
    (
        "overlapping facts",
        "topics:\n  - subject: return-window\n    facts:\n      - value: 30 days\n      - value: 45 days\n"
        "        effective_from: 2025-01-01\n",
        ":5 at 'topics[0].facts[1]': return window is also stated at policy.yaml:4 for an overlapping period",
    ),
    (
        "bad channel name",
        "required_channels: [Web]\ntopics:\n  - subject: return-window\n    value: 30 days\n",
        ":1 at 'required_channels[0]': 'Web' does not match",
    ),
    ("yaml syntax", "topics:\n  - subject: [return-window\n", ":3: invalid YAML"),
    ("empty file", "", ":1: the file is empty"),
]


@pytest.mark.parametrize("label,text,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_policy_is_located(tmp_path: Path, label: str, text: str, expected: str) -> None:
    (tmp_path / "policy.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(YamlFileError) as info:
        load_policies([tmp_path], RULES, root=tmp_path)
    assert str(info.value).startswith("policy.yaml:")
    assert expected in str(info.value)


def test_inherited_fields_and_inline_facts(tmp_path: Path) -> None:
    (tmp_path / "p.yml").write_text(
        "owner: Policy team\nrequired_channels: [web]\neffective_from: 2025-01-01\ntopics:\n"
        "  - subject: CC201\n    owner: Returns\n    facts:\n      - value: 30 days\n      - value: 60 days\n"
        "        scope: {tier: member}\n"
        "        required_channels: [web, agent]\n"
        "  - subject: payment-methods\n    object: Apple Pay\n    value: yes\n"
        "  - subject: payment-methods\n    object: Amex\n    value: no\n",
        encoding="utf-8",
    )
    facts = load_policies([tmp_path / "p.yml"], RULES, root=tmp_path).facts
    assert [(f.rule.name, f.scope, f.obj, f.value, f.owner, f.required_channels, f.location.line) for f in facts] == [
        ("return-window", (), "", "30 days", "Returns", ("web",), 8),
        ("return-window", (("tier", "member"),), "", "60 days", "Returns", ("web", "agent"), 9),
        ("payment-methods", (), "apple pay", "yes", "Policy team", ("web",), 14),
        ("payment-methods", (), "american express", "no", "Policy team", ("web",), 17),
    ]
    assert all(f.effective_from == date(2025, 1, 1) for f in facts)


def test_facts_for_successive_periods_do_not_overlap(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(
        "topics:\n  - subject: return-window\n    facts:\n      - value: 45 days\n        effective_until: 2024-12-31\n"
        "      - value: 30 days\n        effective_from: 2025-01-01\n",
        encoding="utf-8",
    )
    facts = load_policies([tmp_path], RULES).facts
    assert [f.status(date(2024, 6, 1)) for f in facts] == ["in-force", "future"]
    assert [f.status(date(2025, 6, 1)) for f in facts] == ["expired", "in-force"]
    assert [f.status(date(2024, 12, 31)) for f in facts] == ["in-force", "future"]


def test_missing_policy_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(YamlFileError, match="policy file or folder not found"):
        load_policies([tmp_path / "nope"], RULES)


@pytest.mark.parametrize("folder", ["policies/northwind", "policies/starter"])
def test_shipped_policy_sets_load(folder: str) -> None:
    policy_set = load_policies([ROOT / folder], RULES, root=ROOT)
    assert policy_set.facts and all(f.owner for f in policy_set.facts)
    first_lines = {(ROOT / p).read_text(encoding="utf-8").splitlines()[0] for p in policy_set.files}
    assert first_lines == {"# yaml-language-server: $schema=../../consistency_check/schemas/policy.schema.json"}
