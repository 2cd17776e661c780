"""Peak memory and time of the CLI on each hostile input, one child process per input.

Run from the repository root: ``python benchmarks/hostile/measure.py [--big-mb 50] [--files 20000]``.
Prints a Markdown table: input, exit code, what the tool said, seconds, peak
resident memory of the child (``ru_maxrss`` read with ``wait4``). Inputs are
generated in a temporary folder and removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.hostile.corpus import BROKEN, SOURCE_ATTACKS, alias_bomb, run_measured, write_broken, write_project
from tests.hostile.test_archives_baseline_cache import _hostile_zip
from tests.hostile.test_resources import _docx_bomb


def _said(stdout: str, stderr: str) -> str:
    try:
        report = json.loads(stdout)
    except ValueError:
        return (stderr.strip().splitlines() or [""])[-1][:90]
    parse = [f["message"] for f in report["findings"] if f["code"] in ("CC001", "CC002")]
    notes = report.get("notes", [])
    return (parse[0] if parse else notes[0] if notes else f"{report['summary']['findings']} findings")[:90]


def _row(label: str, root: Path, *args: str) -> None:
    result = run_measured("check", "--format", "json", *args, cwd=root, timeout=900)
    said = _said(result.stdout, result.stderr).replace("|", "/")
    print(f"| {label} | {result.returncode} | {said} | {result.seconds:.1f} | {result.max_rss_mb:.0f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--big-mb", type=int, default=50, help="size of the single-line files")
    parser.add_argument("--files", type=int, default=20_000, help="number of tiny files")
    args = parser.parse_args()
    print("| input | exit | what the tool says | s | peak MB |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)

        def project(name: str, extra: str = "") -> Path:
            root = base / name
            root.mkdir()
            write_project(root, extra)
            return root

        _row("healthy project (baseline)", project("healthy"))
        for attack in SOURCE_ATTACKS:
            root = project(
                attack.label.replace(" ", "-"),
                f'  - path: "{attack.name}"\n    channel: agent\n    format: {attack.fmt}\n',
            )
            (root / attack.name).write_bytes(attack.make())  # type: ignore[operator]
            _row(attack.label, root)
        root = project("config-bomb")
        (root / "consistency-check.yaml").write_text("sources:\n  - path: web\n" + alias_bomb(), encoding="utf-8")
        _row("config alias bomb", root)
        root = project("rule-bomb", "rules: [rules]\n")
        (root / "rules").mkdir()
        (root / "rules" / "bomb.yaml").write_text(
            "code: XX301\nname: b\nseverity: error\nfact: duration\nsubject:\n  phrases: [bomb]\n" + alias_bomb(),
            encoding="utf-8",
        )
        _row("rule file alias bomb", root)
        root = project("docx-bomb", '  - path: "bomb.docx"\n    channel: store\n')
        _docx_bomb(root / "bomb.docx", 1024)
        _row("Word package unpacking to 1 GiB (4.5 MB file)", root)
        root = project("zip", '  - path: "bot/"\n    channel: chatbot\n')
        (root / "bot").mkdir()
        _hostile_zip(root / "bot" / "agent.zip", bomb_mb=150)
        _row("Dialogflow zip: '..', absolute and NUL names, 150 MB bomb entry", root)
        size = args.big_mb * 1024 * 1024
        root = project("big-md", '  - path: "long.md"\n    channel: agent\n')
        (root / "long.md").write_text(
            "# Returns\n\n" + "Returns within 30 days. " * (size // 24) + "\n", encoding="utf-8"
        )
        _row(f"{args.big_mb} MB single line (Markdown)", root)
        root = project("big-json", '  - path: "long.json"\n    channel: agent\n    format: zendesk\n')
        (root / "long.json").write_text(
            '{"articles": [{"title": "R", "body": "' + "Returns within 30 days. " * (size // 24) + '"}]}',
            encoding="utf-8",
        )
        _row(f"{args.big_mb} MB single line (Zendesk JSON)", root)
        root = project("broken")
        for case in BROKEN:
            write_broken(root / "bad", case)
        _row(f"{len(BROKEN)} broken files together", root)
        for limit, label in ((args.files // 2, "over max_files"), (args.files + 10, "all read")):
            root = project(f"many-{limit}", f"max_files: {limit}\n")
            for i in range(args.files):
                (root / "bad" / f"{i:07d}.txt").write_text(f"Returns within {i % 90 + 1} days.\n", encoding="utf-8")
            _row(f"{args.files} tiny files, {label}", root)


if __name__ == "__main__":
    main()
