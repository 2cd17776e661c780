#!/usr/bin/env python3
"""Render an HTML report in headless Chromium and save a PNG screenshot.

    .venv/bin/python scripts/screenshot_html.py [--report report.html | --example check|policies|campaign]
                                                [--out report.png] [--size 1400,1000]

Without ``--report`` it runs the checker on ``examples/`` and renders that
report: the check (default), the check held to ``policies/northwind``, or the
launch check of ``examples/campaigns/spring-gear-fest.md``; that needs the
tool's dependencies, so run it with the project's virtual environment (``make
demo`` or ``make test`` creates ``.venv``). Chromium runs with a fresh profile,
no network services and no sandbox (for containers); the page itself loads
nothing (its CSP forbids it). Exit status: 0 with the PNG written, 2 when no
Chromium is found or the tool cannot be imported, 1 when rendering failed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def find_browser() -> str | None:
    """The first Chromium-like browser on PATH."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def example_report(dest: Path, example: str = "check") -> Path:
    """Run the checker on the bundled example (``check``, ``policies`` or ``campaign``); write its HTML to ``dest``."""
    sys.path.insert(0, str(ROOT))
    from consistency_check.config import load_config
    from consistency_check.pipeline import run
    from consistency_check.reporters import get_reporter
    from consistency_check.rules import load_rules

    config = load_config(ROOT / "examples" / "consistency-check.yaml")
    ruleset = load_rules(config.rule_dirs, config.root)
    if example == "check":
        report = run(config, ruleset)
    else:
        from datetime import date

        from consistency_check.campaign import run_campaign
        from consistency_check.policy import PolicyJudge, load_policies

        policies = load_policies([ROOT / "policies" / "northwind"], ruleset, config.root, config.region)
        if example == "campaign":
            brief = ROOT / "examples" / "campaigns" / "spring-gear-fest.md"
            report = run_campaign(brief, config, ruleset, standing=policies)
        else:
            report = run(config, ruleset, judge=PolicyJudge(policies, date.today(), config.channel_sources()))
    dest.write_text(get_reporter("html").render(report), encoding="utf-8")
    return dest


def screenshot(browser: str, page: Path, out: Path, size: str, timeout: float = 120.0) -> None:
    """Take the screenshot; raise :class:`RuntimeError` if no PNG came out."""
    with tempfile.TemporaryDirectory(prefix="cc-chromium-") as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            f"--screenshot={out}",
            f"--window-size={size}",
            page.resolve().as_uri(),
        ]
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if not out.is_file() or not out.read_bytes().startswith(PNG_MAGIC):
        raise RuntimeError(f"{Path(browser).name} wrote no PNG (exit {proc.returncode}): {proc.stderr.strip()[-400:]}")


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, help="HTML report to render (default: the example corpus's report)")
    parser.add_argument(
        "--example",
        choices=("check", "policies", "campaign"),
        default="check",
        help="without --report: which report of the example corpus to render (default: check)",
    )
    parser.add_argument("--out", type=Path, default=Path("report.png"), help="PNG to write (default: report.png)")
    parser.add_argument("--size", default="1400,1000", help="window size WIDTH,HEIGHT (default: 1400,1000)")
    args = parser.parse_args(argv)
    browser = find_browser()
    if browser is None:
        print("screenshot_html: no Chromium found (install the 'chromium' package)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cc-report-") as work:
        try:
            page = args.report or example_report(Path(work) / "report.html", args.example)
        except ImportError as exc:
            print(
                f"screenshot_html: cannot run consistency-check here ({exc}); run this script with the project's "
                "virtual environment: make demo, then .venv/bin/python scripts/screenshot_html.py "
                "(or give --report FILE with a report written by consistency-check)",
                file=sys.stderr,
            )
            return 2
        try:
            screenshot(browser, page, args.out.resolve(), args.size)
        except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
            print(f"screenshot_html: {exc}", file=sys.stderr)
            return 1
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
