"""The example campaign brief against the example corpus: the planted contradiction and gaps, in every format."""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import jsonschema
from markdown_it import MarkdownIt

from tests.test_examples import ROOT, run_cli

BRIEF = "examples/campaigns/spring-gear-fest.md"
EXPECTED = [
    # code, channel, where (statement, or the brief's line for gaps), value
    ("CC311", "chatbot", "campaigns/spring-gear-fest.md:14", ""),
    ("CC311", "agent", "campaigns/spring-gear-fest.md:13", ""),
    ("CC311", "agent", "campaigns/spring-gear-fest.md:13", ""),
    ("CC310", "store", "store/phone-script.txt:68", "April 12"),
]
OVERRIDE = ("CC312", "brief", "campaigns/spring-gear-fest.md:23", "60 days")


@functools.cache
def _run(*extra: str) -> dict:
    """The JSON report of one campaign run (cached: several tests read the same run)."""
    proc = run_cli("campaign", BRIEF, "--format", "json", *extra)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    schema = json.loads((ROOT / "consistency_check" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(report)
    return report


def _rows(report: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    for finding in report["findings"]:
        first = finding["locations"][0]
        channel = finding["subject"].split(" · ")[1]
        rows.append((finding["code"], channel, f"{first['path']}:{first['line']}", first["value"]))
    return rows


def test_campaign_reports_the_planted_gap_and_contradiction() -> None:
    report = _run()
    assert sorted(_rows(report)) == sorted(EXPECTED)
    messages = {f["subject"].split(" · ")[1]: [] for f in report["findings"]}
    for finding in report["findings"]:
        messages[finding["subject"].split(" · ")[1]].append(finding["message"])
    contradiction = next(f for f in report["findings"] if f["code"] == "CC310")
    assert (
        contradiction["expected"] == "April 14, 2025"
        and contradiction["locations"][1]["path"] == "campaigns/spring-gear-fest.md"
    )
    assert messages["store"] == [
        "Store says Spring Gear Fest ends April 12; the brief says April 14, 2025 (campaigns/spring-gear-fest.md:8)."
    ]
    assert messages["chatbot"] == [
        "Nothing in the chatbot channel mentions Spring Gear Fest (looked for: Spring Gear Fest, Gear Fest, GEARFEST "
        "in chatbot/**/*.yml)."
    ]
    assert set(messages["agent"]) == {
        "The agent material about Spring Gear Fest never says that the offer excludes clearance.",
        "The agent material about Spring Gear Fest never says that the offer excludes gift cards.",
    }
    assert report["context"]["title"] == "Launch check: Spring Gear Fest"
    assert report["context"]["channels"] == ["web", "chatbot", "agent", "store"]


def test_with_the_standing_policy_the_undeclared_return_extension_is_reported() -> None:
    report = _run("--policies", "policies/northwind")
    assert sorted(_rows(report)) == sorted(EXPECTED + [OVERRIDE])
    override = next(f for f in report["findings"] if f["code"] == "CC312")
    assert override["expected"] == "30 days" and override["locations"][1]["path"] == "policies/northwind/returns.yaml"


def test_text_report_groups_by_channel_under_the_brief_facts() -> None:
    proc = run_cli("campaign", BRIEF)
    assert proc.returncode == 1
    assert proc.stdout.startswith(
        "Launch check: Spring Gear Fest\n  Brief: campaigns/spring-gear-fest.md\n  Dates: 2025-04-01 to 2025-04-14\n"
    )
    assert "Spring Gear Fest · store\n  error CC310 campaign-contradiction" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_markdown_summary_renders_as_a_readable_launch_ticket() -> None:
    proc = run_cli("campaign", BRIEF, "--policies", "policies/northwind", "--format", "markdown")
    assert proc.returncode == 1
    html = MarkdownIt("commonmark").enable("table").render(proc.stdout)
    assert html.startswith(
        "<h1>Launch check: Spring Gear Fest</h1>\n"
        "<p><strong>Not ready:</strong> 1 contradiction, 3 gaps, 1 undeclared policy change"
    )
    assert "<li><strong>Dates:</strong> 2025-04-01 to 2025-04-14</li>" in html
    assert "<th>Channel</th>\n<th>Status</th>\n<th>To fix</th>" in html
    assert "<td>web</td>\n<td>✅ ready</td>" in html
    assert (
        "<td>store</td>\n<td>❌ 1 contradiction</td>\n"
        "<td>Store says Spring Gear Fest ends April 12; the brief says April 14, 2025" in html
    )
    assert "<td>chatbot</td>\n<td>⚠️ 1 gap</td>" in html and "<td>agent</td>\n<td>⚠️ 2 gaps</td>" in html
    assert "<code>store/phone-script.txt:68</code>" in html
    assert "<a " not in html and "<img" not in html


def test_markdown_to_a_file_alongside_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "launch.md"
    proc = run_cli("campaign", BRIEF, "--format", "text", "--format", f"markdown:{out}")
    assert proc.returncode == 1 and "Launch check" in proc.stdout
    assert out.read_text(encoding="utf-8").startswith("# Launch check: Spring Gear Fest\n")


def test_campaign_usage_errors() -> None:
    missing = run_cli("campaign", "examples/campaigns/nope.md")
    assert missing.returncode == 2 and "campaign brief not found" in missing.stderr
    assert run_cli("campaign", BRIEF, "--fail-on", "never", "--format", "json").returncode == 0


def test_campaign_without_config_needs_paths(tmp_path) -> None:  # type: ignore[no-untyped-def]
    brief = tmp_path / "brief.yaml"
    brief.write_text("name: Summer Sale\nstarts: 2025-06-01\nends: 2025-06-30\nchannels: [web]\n", encoding="utf-8")
    proc = run_cli("campaign", str(brief), cwd=tmp_path)
    assert proc.returncode == 2 and "no sources to check" in proc.stderr
    (tmp_path / "faq.md").write_text(
        "# FAQ\n\n## Summer Sale\n\nThe Summer Sale runs June 1 to June 30, 2025.\n", encoding="utf-8"
    )
    proc = run_cli("campaign", str(brief), str(tmp_path / "faq.md"), "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["findings"] == []


def test_broken_brief_is_a_located_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    brief = tmp_path / "brief.yaml"
    brief.write_text(
        "name: Summer Sale\nstarts: 2025-06-01\nends: 2025-06-30\nchannels: [web]\nofer: {}\n", encoding="utf-8"
    )
    proc = run_cli("campaign", str(brief), str(tmp_path), cwd=tmp_path)
    assert (
        proc.returncode == 2
        and "brief.yaml:5 at 'ofer': unknown key 'ofer'" in proc.stderr
        and "Traceback" not in proc.stderr
    )


def test_a_brief_outside_the_folder_given_uses_that_folders_config(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "site", ignore=shutil.ignore_patterns("campaigns"))
    shutil.copy(ROOT / BRIEF, tmp_path / "brief.md")
    proc = run_cli("campaign", "brief.md", "site", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    rows = [(code, channel, value) for code, channel, _, value in _rows(report)]
    assert rows == [(code, channel, value) for code, channel, _, value in EXPECTED]
    assert report["summary"]["files"] == 9  # the eight configured sources and the brief; no brief read as web content
    assert not any("unrecognised" in f["name"] for f in report["findings"])
