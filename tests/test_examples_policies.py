"""The example corpus against the example policy set: exactly the planted policy findings."""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import jsonschema
import yaml

from tests.test_examples import EXAMPLES, ROOT, run_cli

POLICIES = "policies/northwind"


@functools.cache
def _findings(*extra: str) -> list[dict]:
    """The JSON findings of one CLI run (cached: several tests read the same run)."""
    proc = run_cli("check", "examples/", "--policies", POLICIES, "--format", "json", *extra)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    schema = json.loads((ROOT / "consistency_check" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(report)
    return report["findings"]


def _row(finding: dict) -> dict:
    first = finding["locations"][0]
    row = {"code": finding["code"], "at": f"{first['path']}:{first['line']}", "expected": finding["expected"]}
    if finding["code"] == "CC301":
        row["channel"] = finding["message"].split(" statement")[0].removeprefix("No ")
    else:
        row["value"] = first["value"]
    return row


def _key(row: dict) -> str:
    return json.dumps(row, sort_keys=True)


def test_policy_run_reports_exactly_the_planted_findings() -> None:
    expected = yaml.safe_load((EXAMPLES / "expected-policy-findings.yaml").read_text(encoding="utf-8"))
    got = [_row(f) for f in _findings("--as-of", "2025-04-01")]
    assert sorted(map(_key, got)) == sorted(map(_key, expected))


def test_every_policy_finding_names_the_policy_file_and_line() -> None:
    for finding in _findings("--as-of", "2025-04-01"):
        policy_sides = [loc for loc in finding["locations"] if loc["channel"] == "policy"]
        assert len(policy_sides) == 1 and policy_sides[0]["path"].startswith("policies/northwind/")
        assert f"{policy_sides[0]['path']}:" in finding["message"] or finding["code"] == "CC303"


def test_default_as_of_is_today_and_gives_the_same_set() -> None:
    assert sorted(map(_key, map(_row, _findings()))) == sorted(map(_key, map(_row, _findings("--as-of", "2025-04-01"))))


def test_before_the_2025_policy_the_45_day_window_was_right() -> None:
    rows = [_row(f) for f in _findings("--as-of", "2024-06-01")]
    window = sorted(r["at"] for r in rows if r["expected"] == "45 days")
    assert window == [
        "agent/articles.json:32",
        "chatbot/domain.yml:82",
        "chatbot/domain.yml:83",
        "store/returns-desk.md:19",
        "store/returns-desk.md:22",
        "web/faq.html:143",
        "web/faq.html:23",
    ]
    assert not any(r["at"] == "store/phone-script.txt:12" for r in rows)


def test_text_report_shows_the_policy_side() -> None:
    proc = run_cli("check", "examples/", "--policies", POLICIES, "--as-of", "2025-04-01")
    assert proc.returncode == 1
    assert "policy  policies/northwind/returns.yaml:17  (45 days)" in proc.stdout
    assert "error CC303 stale  return window" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_report_uncovered_adds_only_info_findings() -> None:
    base = _findings("--as-of", "2025-04-01")
    more = _findings("--as-of", "2025-04-01", "--report-uncovered")
    extra = [f for f in more if f["code"] == "CC302"]
    assert len(more) == len(base) + len(extra) and extra
    assert {f["severity"] for f in extra} == {"info"}
    assert "restocking fee (electronics+opened)" in {f["subject"] for f in extra}
    assert "return window" not in {f["subject"] for f in extra}


def test_default_run_is_unchanged_without_policies() -> None:
    proc = run_cli("check", "examples/", "--format", "json")
    assert len(json.loads(proc.stdout)["findings"]) == 10
    assert not (EXAMPLES / "policies").exists()


def test_policies_folder_beside_the_config_is_the_default(tmp_path: Path) -> None:
    project = tmp_path / "northwind"
    shutil.copytree(EXAMPLES, project)
    shutil.copytree(ROOT / POLICIES, project / "policies")
    rows = [
        _row(f)
        for f in json.loads(run_cli("check", str(project), "--format", "json", "--as-of", "2025-04-01").stdout)[
            "findings"
        ]
    ]
    assert len(rows) == 14 and {r["code"] for r in rows} == {"CC300", "CC301", "CC303"}
    config = project / "consistency-check.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "policies: []\n", encoding="utf-8")
    assert len(json.loads(run_cli("check", str(project), "--format", "json").stdout)["findings"]) == 10


def test_config_policies_key_names_files_relative_to_it(tmp_path: Path) -> None:
    project = tmp_path / "northwind"
    shutil.copytree(EXAMPLES, project)
    shutil.copytree(ROOT / POLICIES, tmp_path / "truth")
    config = project / "consistency-check.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "policies: [../truth/returns.yaml]\n", encoding="utf-8")
    findings = json.loads(run_cli("check", str(project), "--format", "json", "--as-of", "2025-04-01").stdout)[
        "findings"
    ]
    policy_paths = {loc["path"] for f in findings for loc in f["locations"] if loc["channel"] == "policy"}
    assert len(policy_paths) == 1 and policy_paths.pop().endswith("truth/returns.yaml")
    config.write_text(
        config.read_text(encoding="utf-8").replace("../truth/returns.yaml", "../nowhere"), encoding="utf-8"
    )
    proc = run_cli("check", str(project))
    assert proc.returncode == 2 and "at 'policies[0]': policy file or folder '../nowhere' not found" in proc.stderr
