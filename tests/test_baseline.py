"""Baselines: record today's findings, then see only new ones; line moves never resurface old ones."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.test_examples import EXAMPLES, run_cli


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A private copy of the example corpus (tests write into it)."""
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root)
    return root


def _write_baseline(root: Path, name: str = "baseline.json") -> Path:
    proc = run_cli("check", "--write-baseline", name, cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"consistency-check: wrote 10 findings to baseline {name}"
    return root / name


def _insert_after(path: Path, marker: str, text: str) -> None:
    content = path.read_text(encoding="utf-8")
    index = content.index(marker) + len(marker)
    path.write_text(content[:index] + text + content[index:], encoding="utf-8")


def test_baseline_file_is_stable_sorted_and_readable(project: Path) -> None:
    path = _write_baseline(project)
    first = path.read_bytes()
    _write_baseline(project)  # over an existing baseline: allowed, and byte-identical
    assert path.read_bytes() == first
    doc = json.loads(first)
    assert doc["kind"] == "consistency-check-baseline" and doc["version"] == 1
    assert doc["tool"]["name"] == "consistency-check" and doc["tool"]["version"]
    entries = doc["findings"]
    assert len(entries) == 10
    assert entries == sorted(entries, key=lambda e: (e["code"], e["subject"], e["fingerprint"]))
    window = next(e for e in entries if e["code"] == "CC201")
    assert window["subject"] == "return window" and window["values"] == ["30 days", "45 days"]
    assert any("45 days" in q for q in window["quotes"])


def test_baseline_hides_every_known_finding(project: Path) -> None:
    _write_baseline(project)
    proc = run_cli("check", "--baseline", "baseline.json", cwd=project)
    assert proc.returncode == 0, proc.stdout
    assert "No contradictions found." in proc.stdout
    assert "note: 10 findings in baseline not shown (baseline.json)" in proc.stdout
    assert "10 suppressed in" in proc.stdout.splitlines()[-1]


def test_only_the_new_contradiction_is_reported(project: Path) -> None:
    _write_baseline(project)
    _insert_after(
        project / "web/shipping.md",
        "Standard shipping is free on orders of $59 or more.\n",
        "\nGift cards can be redeemed within 90 days of purchase.\n\nStandard shipping takes 4 business days.\n",
    )
    before = json.loads(run_cli("check", "--format", "json", cwd=project).stdout)
    proc = run_cli("check", "--baseline", "baseline.json", "--format", "json", cwd=project)
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    new = [(f["code"], f["subject"]) for f in report["findings"]]
    assert len(before["findings"]) == 11 and len(new) == 1, new
    assert new[0][1] == "delivery time"
    assert any(loc["path"] == "web/shipping.md" for loc in report["findings"][0]["locations"])


def test_moving_lines_keeps_baselined_findings_silent(project: Path) -> None:
    _write_baseline(project)
    _insert_after(project / "web/faq.html", '<body class="page-help">', "\n\n\n\n")
    _insert_after(project / "web/shipping.md", "# Shipping & Delivery\n", "\n\n\n")
    (project / "store/phone-script.txt").write_text(
        "\n\n\n" + (project / "store/phone-script.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    _insert_after(project / "chatbot/domain.yml", "responses:\n", "  # hand-edited\n\n")
    moved = json.loads(run_cli("check", "--format", "json", cwd=project).stdout)
    original = json.loads(run_cli("check", "--format", "json", cwd=EXAMPLES).stdout)
    assert {f["fingerprint"] for f in moved["findings"]} == {f["fingerprint"] for f in original["findings"]}
    assert {loc["line"] for f in moved["findings"] for loc in f["locations"]} != {
        loc["line"] for f in original["findings"] for loc in f["locations"]
    }
    proc = run_cli("check", "--baseline", "baseline.json", cwd=project)
    assert proc.returncode == 0, proc.stdout
    # Sentences about something else above: the words the corpus weighs change a little, and a place restating a
    # side may join or leave a finding (its fingerprint then changes); the baseline still knows every finding.
    _insert_after(project / "web/faq.html", '<body class="page-help">', "<p>Welcome to the Northwind help centre.</p>")
    _insert_after(project / "web/shipping.md", "# Shipping & Delivery\n", "We ship from Portland, Oregon.\n")
    proc = run_cli("check", "--baseline", "baseline.json", cwd=project)
    assert proc.returncode == 0, proc.stdout


def test_a_finding_whose_sides_changed_is_known_by_its_values_and_a_shared_quote(project: Path) -> None:
    """An entry whose fingerprint no longer matches still covers the finding with its code, subject and values
    that shares a quote with it (a side restated in one more place); with other values it is a new finding."""
    path = _write_baseline(project)
    doc = json.loads(path.read_text(encoding="utf-8"))
    window = next(e for e in doc["findings"] if e["code"] == "CC201")
    window["fingerprint"] = "0" * 64
    window["quotes"] = window["quotes"][:1]
    path.write_text(json.dumps(doc), encoding="utf-8")
    proc = run_cli("check", "--baseline", "baseline.json", cwd=project)
    assert proc.returncode == 0, proc.stdout
    window["values"] = ["30 days", "60 days"]
    path.write_text(json.dumps(doc), encoding="utf-8")
    proc = run_cli("check", "--baseline", "baseline.json", "--format", "json", cwd=project)
    assert proc.returncode == 1
    assert [f["code"] for f in json.loads(proc.stdout)["findings"]] == ["CC201"]


def test_fixed_findings_are_noted_as_stale_entries(project: Path) -> None:
    _write_baseline(project)
    script = project / "store/phone-script.txt"
    script.write_text(
        script.read_text(encoding="utf-8").replace("within 45 days of purchase", "within 30 days of purchase"),
        encoding="utf-8",
    )
    proc = run_cli("check", "--baseline", "baseline.json", cwd=project)
    assert proc.returncode == 0
    assert (
        "1 baseline entry is no longer found (fixed or changed); refresh baseline.json with --write-baseline"
        in " ".join(proc.stdout.split())
    )


def test_baseline_from_the_config(project: Path) -> None:
    _write_baseline(project, "ci/baseline.json")
    cfg = project / "consistency-check.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "baseline: ci/baseline.json\n", encoding="utf-8")
    proc = run_cli("check", cwd=project)
    assert proc.returncode == 0 and "10 findings in baseline not shown (ci/baseline.json)" in " ".join(
        proc.stdout.split()
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline.json: baseline file not found (create it with --write-baseline baseline.json)"),
        ('{"kind": "consistency-check-baseline", "version": 1,', "baseline.json:1: baseline is not valid JSON"),
        ('{"findings": []}', "not a consistency-check baseline"),
        ('{"kind": "consistency-check-baseline", "version": 7}', "baseline version 7 is not supported"),
        (
            '{"kind": "consistency-check-baseline", "version": 1, "fingerprintVersion": "cc-fingerprint-1", '
            '"findings": [{"fingerprint": "x"}]}',
            "64-hex",
        ),
    ],
)
def test_missing_or_corrupt_baseline_is_exit_2(project: Path, content: str | None, message: str) -> None:
    if content is not None:
        (project / "baseline.json").write_text(content, encoding="utf-8")
    proc = run_cli("check", "--baseline", "baseline.json", cwd=project)
    assert proc.returncode == 2, proc.stdout
    assert message in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("target", "args", "message"),
    [
        ("web/faq.html", (), "refusing to write a baseline over a source file"),
        ("store/new.txt", (), "refusing to write a baseline over a source file"),  # a configured glob lists it
        ("README.md", (), "exists and is not a consistency-check baseline"),
        ("b.json", ("web/faq.html",), "records the whole project: run it without file paths"),
        ("b.json", ("--baseline", "x.json"), "exclude each other"),
    ],
)
def test_write_baseline_refuses(project: Path, target: str, args: tuple[str, ...], message: str) -> None:
    before = (project / target).read_bytes() if (project / target).exists() else None
    proc = run_cli("check", *args, "--write-baseline", target, cwd=project)
    assert proc.returncode == 2 and message in proc.stderr, proc.stderr
    assert ((project / target).read_bytes() if (project / target).exists() else None) == before


def test_write_baseline_refuses_a_file_inside_a_folder_being_checked(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(EXAMPLES / "web", kb)
    proc = run_cli("check", "kb", "--write-baseline", "kb/baseline.json", cwd=tmp_path)
    assert proc.returncode == 2 and not (kb / "baseline.json").exists()
    proc = run_cli("check", "kb", "--write-baseline", "baseline.json", cwd=tmp_path)
    assert proc.returncode == 0 and (tmp_path / "baseline.json").is_file()
