"""The bundled example corpus gives exactly its planted contradictions, through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "consistency_check", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def _matched(
    findings: list[dict[str, Any]], expected: list[dict[str, Any]], *, every_side: bool
) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    """The planted contradictions no finding reports, and the findings that report none. A finding reports one
    when it gives its two values and quotes its planted side (its last location) and, with ``every_side``, every
    place that restates either value too."""
    unmatched = list(range(len(findings)))
    missing = []
    for entry in expected:
        want_values = set(entry["values"])
        want_locs = set(entry["locations"]) if every_side else {entry["locations"][-1]}
        hit = None
        for i in unmatched:
            f = findings[i]
            values = {loc["value"] for loc in f["locations"]}
            locs = {f"{loc['path']}:{loc['line']}" for loc in f["locations"]}
            if values == want_values and want_locs <= locs and len(locs) >= 2:
                hit = i
                break
        if hit is None:
            missing.append(entry["subject"])
        else:
            unmatched.remove(hit)
    extra = [
        (findings[i]["code"], findings[i]["subject"], [loc["value"] for loc in findings[i]["locations"]])
        for i in unmatched
    ]
    return missing, extra


def test_examples_report_the_planted_contradictions_and_nothing_else() -> None:
    """The default engine reports nine of the twelve, each with its planted side, and one contradiction more that the
    campaign content brought (the phone script's Gear Fest ends April 12, the knowledge article's April 14): the
    three it misses are said in examples/README.md (a yes/no pair it does not read, a mailbox at 0.53 and the stores'
    Sunday hours below 0.1)."""
    proc = run_cli("check", "examples/", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    expected = yaml.safe_load((EXAMPLES / "expected-findings.yaml").read_text(encoding="utf-8"))
    missing, extra = _matched(json.loads(proc.stdout)["findings"], expected, every_side=False)
    assert missing == [
        "store Sunday opening hours",
        "PayPal accepted for online orders",
        "Customer Care email address",
    ] and extra == [("CC100", "spring gear fest", ["--04-12", "2025-04-01..2025-04-14"])], (
        f"missing: {missing}\nextra: {extra}"
    )
    proc = run_cli("check", "examples/", "--format", "json", "--min-confidence", "0.5")
    missing, _ = _matched(json.loads(proc.stdout)["findings"], expected, every_side=False)
    assert missing == ["store Sunday opening hours", "PayPal accepted for online orders"]  # the mailbox from 0.5


def test_classic_engine_reports_exactly_the_planted_contradictions() -> None:
    proc = run_cli("check", "examples/", "--format", "json", "--engine", "classic")
    assert proc.returncode == 1, proc.stderr
    expected = yaml.safe_load((EXAMPLES / "expected-findings.yaml").read_text(encoding="utf-8"))
    missing, extra = _matched(json.loads(proc.stdout)["findings"], expected, every_side=True)
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"


def test_json_report_validates_against_shipped_schema() -> None:
    proc = run_cli("check", "examples/", "--format", "json")
    schema = json.loads((ROOT / "consistency_check" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(json.loads(proc.stdout))


def test_text_report_quotes_and_locates_each_side() -> None:
    proc = run_cli("check", "examples/")
    assert proc.returncode == 1
    assert "store/phone-script.txt:12" in proc.stdout
    assert "45 days" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_exit_codes_follow_fail_level() -> None:
    assert run_cli("check", "examples/", "--exit-zero").returncode == 0
    assert run_cli("check", "examples/", "--fail-on", "never").returncode == 0
    assert run_cli("check", "examples/", "--fail-on", "error").returncode == 1
    bad = run_cli("check", "examples/", "--fail-on", "sometimes")
    assert bad.returncode == 2 and "--fail-on must be one of" in bad.stderr


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    proc = run_cli("check", "examples/", "--format", "json", "--output", str(out))
    assert proc.returncode == 1 and proc.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["schemaVersion"] == 1
