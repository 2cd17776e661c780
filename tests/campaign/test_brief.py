"""Campaign briefs load from YAML or Markdown front matter; every mistake is located by line and key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from consistency_check.campaign import load_brief
from consistency_check.rules import load_rules
from consistency_check.yamlfile import YamlFileError

ROOT = Path(__file__).resolve().parents[2]
RULES = load_rules()
GOOD = "name: Summer Sale\nstarts: 2025-06-01\nends: 2025-06-30\nchannels: [web, agent]\n"

CASES = [
    ("missing name", "starts: 2025-06-01\nends: 2025-06-30\nchannels: [web]\n", ":1: 'name' is required"),
    ("unknown key", GOOD + "discount: 20%\n", ":5 at 'discount': unknown key 'discount'"),
    ("bad date", GOOD.replace("2025-06-30", "2025-06-31"), ":3 at 'ends': '2025-06-31' is not a date"),
    (
        "ends before starts",
        GOOD.replace("2025-06-30", "2025-05-30"),
        ":3 at 'ends': ends 2025-05-30 is before starts 2025-06-01",
    ),
    (
        "answer channel not listed",
        GOOD + "answer_channels: [store]\n",
        ":5 at 'answer_channels[0]': 'store' is not in channels",
    ),
    (
        "discount not a value",
        GOOD + "offer:\n  discount: lots\n",
        ":6 at 'offer.discount': 'lots' is not a percentage (20%) or an amount ($20)",
    ),
    (
        "minimum not money",
        GOOD + "offer:\n  minimum_spend: 20%\n",
        ":6 at 'offer.minimum_spend': '20%' is not an amount ($20)",
    ),
    (
        "unknown term subject",
        GOOD + "terms:\n  - subject: retrun-window\n    value: 60 days\n",
        ":6 at 'terms[0].subject': unknown subject 'retrun-window'",
    ),
    (
        "term value of the wrong kind",
        GOOD + "terms:\n  - subject: return-window\n    value: 60%\n",
        ":7 at 'terms[0].value': '60%' is not a duration",
    ),
    ("bad code", GOOD + "code: 'a b'\n", ":5 at 'code': 'a b' does not match"),
    ("empty", "", ":1: the brief is empty"),
]


@pytest.mark.parametrize("label,text,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_yaml_brief_is_located(tmp_path: Path, label: str, text: str, expected: str) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlFileError) as info:
        load_brief(path, RULES, "brief.yaml")
    assert str(info.value).startswith("brief.yaml:") and expected in str(info.value)


def test_markdown_brief_lines_are_the_files(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(
        "---\nname: Summer Sale\nstarts: 2025-06-01\nends: 2025-06-31\nchannels: [web]\n---\n\nText.\n",
        encoding="utf-8",
    )
    with pytest.raises(YamlFileError, match=r"brief.md:4 at 'ends'"):
        load_brief(path, RULES, "brief.md")


def test_markdown_brief_needs_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text("# Summer Sale\n\nText.\n", encoding="utf-8")
    with pytest.raises(YamlFileError, match="starts with YAML front matter"):
        load_brief(path, RULES, "brief.md")


def test_brief_fields_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(
        GOOD
        + (
            "aliases: [Sizzle]\ncode: SUMMER25\noffer:\n  discount: 25 percent\n  minimum_spend: $100\n"
            "  applies_to: [tents]\n"
            "eligibility: [Members only]\nexclusions: [clearance]\nterms:\n  - subject: return-window\n"
            "    value: 60 days\n"
        ),
        encoding="utf-8",
    )
    brief = load_brief(path, RULES, "brief.yaml")
    assert (brief.name, brief.starts, brief.ends, brief.channels, brief.answer_channels) == (
        "Summer Sale",
        date(2025, 6, 1),
        date(2025, 6, 30),
        ("web", "agent"),
        ("agent",),
    )
    assert brief.discount is not None and brief.discount.value == "25%"
    assert brief.minimum_spend is not None and brief.minimum_spend.value == "$100.00"
    assert brief.names == ("Summer Sale", "Sizzle", "SUMMER25")
    term = brief.terms[0]
    assert (term.rule.name, term.value, term.effective_from, term.effective_until) == (
        "return-window",
        "60 days",
        date(2025, 6, 1),
        date(2025, 6, 30),
    )
    assert brief.at("exclusions", 0).line == 12 and brief.at("code").line == 6


def test_example_brief_loads() -> None:
    brief = load_brief(ROOT / "examples" / "campaigns" / "spring-gear-fest.md", RULES)
    assert brief.markdown and brief.code == "GEARFEST" and brief.exclusions == ("clearance", "gift cards")
    first = (ROOT / "examples" / "campaigns" / "spring-gear-fest.md").read_text(encoding="utf-8").splitlines()[1]
    assert first == "# yaml-language-server: $schema=../../consistency_check/schemas/campaign.schema.json"
