#!/usr/bin/env python3
"""List the statements consistency-check reads from an organisation folder, with their locations.

For writers of ``truth.yaml``: every location in a truth file must be one this
script prints (``path:line``, or ``path#pointer`` where the format has no
lines). It only reads and splits the files; it extracts no facts and runs no
comparison, so it tells nothing about what the engine would report. A statement read
under a condition (a script's branch line, "▸ Off-season:") shows it after ``IF:``; each
statement's language follows its channel and format (``[web/html/es-ES]``).

Usage:  python benchmarks/accuracy/statements.py ORG_DIR [--grep TEXT] [--full]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from consistency_check.config import load_config
from consistency_check.discovery import from_config
from consistency_check.pipeline import read_source


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("org", type=Path, help="a folder holding consistency-check.yaml")
    parser.add_argument("--grep", default="", help="only statements whose text contains this (case-insensitive)")
    parser.add_argument("--full", action="store_true", help="print statements whole (else 300 characters)")
    args = parser.parse_args(argv)
    config = load_config(args.org / "consistency-check.yaml")
    files, notes = from_config(config)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    needle = args.grep.lower()
    for src in files:
        outcome = read_source(src, config)
        for problem in outcome.findings:
            where = problem.sides[0].location.display() if problem.sides else src.path
            print(f"PROBLEM {problem.code} {where}: {problem.message}")
        for stmt in outcome.statements:
            if needle and needle not in stmt.text.lower() and needle not in stmt.question.lower():
                continue
            loc = stmt.location
            where = f"{loc.path}:{loc.line}" if loc.line is not None else f"{loc.path}#{loc.pointer}"
            span = f"-{loc.end_line}" if loc.end_line and loc.end_line != loc.line else ""
            condition = f"  IF: {stmt.condition[:60]}" if stmt.condition else ""
            lang = f"/{stmt.locale}" if stmt.locale else ""
            print(f"{where}{span}\t[{stmt.channel}/{stmt.format}{lang}] Q: {stmt.question[:80]}{condition}")
            print(f"\t{stmt.text if args.full else stmt.text[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
