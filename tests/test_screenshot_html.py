"""The HTML report in a real browser: a screenshot is produced and the inline script runs under the CSP."""

from __future__ import annotations

import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "screenshot_html.py"
sys.path.insert(0, str(SCRIPT.parent))

import screenshot_html  # noqa: E402  (a script, imported for its helpers)

BROWSER = screenshot_html.find_browser()
needs_browser = pytest.mark.skipif(BROWSER is None, reason="no Chromium installed")


@needs_browser
def test_screenshot_of_the_example_report(tmp_path: Path) -> None:
    out = tmp_path / "report.png"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out), "--size", "1400,1000"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert data.startswith(screenshot_html.PNG_MAGIC)
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1400, 1000)
    assert len(data) > 20_000  # a rendered page, not a blank one


@needs_browser
@pytest.mark.parametrize("example", ["policies", "campaign"])
def test_screenshot_of_the_policy_report_and_the_campaign_page(tmp_path: Path, example: str) -> None:
    out = tmp_path / f"{example}.png"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--example", example, "--out", str(out), "--size", "1200,900"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert data.startswith(screenshot_html.PNG_MAGIC) and struct.unpack(">II", data[16:24]) == (1200, 900)
    assert len(data) > 20_000


@needs_browser
def test_the_script_outside_the_venv_says_how_to_run_it(tmp_path: Path) -> None:
    # -S: no site-packages, as a system Python without the tool's dependencies
    proc = subprocess.run(
        [sys.executable, "-S", str(SCRIPT), "--out", str(tmp_path / "x.png")],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "run this script with the project's virtual environment" in proc.stderr


@needs_browser
def test_inline_script_runs_under_the_csp(tmp_path: Path) -> None:
    page = screenshot_html.example_report(tmp_path / "report.html")
    assert BROWSER is not None
    with tempfile.TemporaryDirectory(prefix="cc-chromium-") as profile:
        proc = subprocess.run(
            [
                BROWSER,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--dump-dom",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    assert '<form id="filters">' in proc.stdout  # the script un-hid the filters: the CSP hash matched


def test_script_reports_a_missing_browser(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(screenshot_html, "find_browser", lambda: None)
    assert screenshot_html.main(["--out", "x.png"]) == 2
    assert "no Chromium found" in capsys.readouterr().err
