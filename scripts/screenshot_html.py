#!/usr/bin/env python3
"""Render an HTML report in headless Chromium and save a PNG screenshot.

    python scripts/screenshot_html.py [--report report.html] [--out report.png] [--size 1400,1000]

Without ``--report`` it runs the checker on ``examples/`` and renders that
report. Chromium runs with a fresh profile, no network services and no
sandbox (for containers); the page itself loads nothing (its CSP forbids it).
Exit status: 0 with the PNG written, 2 when no Chromium is found, 1 when
rendering failed.
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


def example_report(dest: Path) -> Path:
    """Run the checker on the bundled example and write its HTML report to ``dest``."""
    sys.path.insert(0, str(ROOT))
    from consistency_check.config import load_config
    from consistency_check.pipeline import run
    from consistency_check.reporters import get_reporter
    from consistency_check.rules import load_rules

    config = load_config(ROOT / "examples" / "consistency-check.yaml")
    report = run(config, load_rules(config.rule_dirs, config.root))
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
    parser.add_argument("--out", type=Path, default=Path("report.png"), help="PNG to write (default: report.png)")
    parser.add_argument("--size", default="1400,1000", help="window size WIDTH,HEIGHT (default: 1400,1000)")
    args = parser.parse_args(argv)
    browser = find_browser()
    if browser is None:
        print("screenshot_html: no Chromium found (install the 'chromium' package)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="cc-report-") as work:
        page = args.report or example_report(Path(work) / "report.html")
        try:
            screenshot(browser, page, args.out.resolve(), args.size)
        except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
            print(f"screenshot_html: {exc}", file=sys.stderr)
            return 1
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
