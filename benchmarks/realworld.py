#!/usr/bin/env python3
"""Score consistency-check on real help centres labelled by hand (``known.yaml`` beside each corpus's config).

For each corpus, run ``check`` and sort every content finding:

- **true**: its sides include two sides of a known contradiction that state different values;
- **false**: it matches a labelled false finding (``not_contradictions``: the same locations and values);
- **debatable**: it matches a ``debatable`` entry;
- **new**: it matches no label — it must be read and labelled before it counts either way.

A known contradiction is *reported* when some finding is true for it. File notices (CC001/CC002) are
counted apart. The format of ``known.yaml`` is described in ``../shared/real-world/README.md``.

Usage:  python benchmarks/realworld.py [--min-confidence X] [--json] CORPUS_DIR [CORPUS_DIR ...]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
NOTICES = frozenset({"CC001", "CC002", "CC006"})
#: The engine compared with (``--engine``).
ENGINE = "linkage"
#: A side's labelled line may sit this many lines below the statement's first line (a block's later line).
SLACK = 3


#: A folder of models each fitted without one corpus (``--weights-dir``): each corpus is scored by its own.
WEIGHTS_DIR: Path | None = None


def run(folder: Path, min_confidence: float) -> list[dict[str, Any]]:
    env = dict(os.environ)
    if WEIGHTS_DIR is not None and (WEIGHTS_DIR / f"{folder.resolve().name}.json").is_file():
        env["CONSISTENCY_CHECK_WEIGHTS"] = str((WEIGHTS_DIR / f"{folder.resolve().name}.json").resolve())
    cmd = [sys.executable, "-m", "consistency_check", "check", "--no-cache", "--no-progress", "--format", "json"]
    cmd += ["--exit-zero", "--min-confidence", str(min_confidence), "--engine", ENGINE, "."]
    proc = subprocess.run(cmd, cwd=folder, capture_output=True, text=True, check=False, env=env)
    return list(json.loads(proc.stdout)["findings"])


def _near(side: dict[str, Any], loc: dict[str, Any]) -> bool:
    if side.get("path") != loc.get("path"):
        return False
    line, start = side.get("line"), loc.get("line")
    end = loc.get("endLine") or start
    return line is None or start is None or start <= int(line) <= (end or start) + SLACK


def _sides(finding: dict[str, Any]) -> list[dict[str, Any]]:
    return list(finding.get("locations") or [])


def matches_label(finding: dict[str, Any], label: dict[str, Any]) -> bool:
    """Every side of the label is a side of the finding (same path, line within its block, same value)."""
    sides = _sides(finding)
    for want in label.get("sides") or []:
        if not any(
            _near(want, s) and ("value" not in want or str(want["value"]) == str(s.get("value"))) for s in sides
        ):
            return False
    return True


def true_for(finding: dict[str, Any], contradiction: dict[str, Any]) -> bool:
    """The finding quotes two sides of the contradiction with different values."""
    values = set()
    for want in contradiction.get("sides") or []:
        for s in _sides(finding):
            if _near(want, s):
                values.add(str(s.get("value")))
    return len(values) >= 2


def score(folder: Path, min_confidence: float) -> dict[str, Any]:
    known = yaml.safe_load((folder / "known.yaml").read_text(encoding="utf-8")) or {}
    findings = run(folder, min_confidence)
    out: dict[str, Any] = {"corpus": folder.name, "true": [], "false": [], "debatable": [], "new": [], "notices": 0}
    reported: set[str] = set()
    for f in findings:
        if f["code"] in NOTICES:
            out["notices"] += 1
            continue
        hit = [c["id"] for c in known.get("contradictions") or [] if true_for(f, c)]
        if hit:
            reported.update(hit)
            out["true"].append(f)
        elif any(matches_label(f, x) for x in known.get("not_contradictions") or []):
            out["false"].append(f)
        elif any(matches_label(f, x) for x in known.get("debatable") or [] if x.get("sides")):
            out["debatable"].append(f)
        else:
            out["new"].append(f)
    out["known"] = [c["id"] for c in known.get("contradictions") or []]
    out["reported"] = sorted(reported)
    return out


def describe(f: dict[str, Any]) -> str:
    lines = [f"  {f['code']} conf {f.get('confidence')} {f.get('subject')!r}"]
    for s in _sides(f):
        lines.append(f"      {s['path']}:{s.get('line')} = {s.get('value')}  {str(s.get('quote', ''))[:140]!r}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpora", nargs="+", type=Path)
    ap.add_argument("--min-confidence", type=float, help="default: the engine's (0.75, or 0.5 with classic)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", action="store_true", help="print the new (unlabelled) findings")
    ap.add_argument("--engine", default="linkage", choices=("classic", "linkage"), help="default: the tool's")
    ap.add_argument("--weights-dir", type=Path, help="score each corpus with DIR/<corpus>.json (leave-one-out models)")
    args = ap.parse_args()
    global ENGINE, WEIGHTS_DIR
    ENGINE, WEIGHTS_DIR = args.engine, args.weights_dir
    if args.min_confidence is None:
        args.min_confidence = 0.75 if ENGINE == "linkage" else 0.5
    results = [score(c, args.min_confidence) for c in args.corpora if (c / "known.yaml").is_file()]
    if args.json:
        print(json.dumps(results, indent=1))
        return 0
    print(f"{'corpus':<48}{'true':>5}{'false':>6}{'debat':>6}{'new':>5}{'notice':>7}  known reported")
    for r in results:
        print(
            f"{r['corpus']:<48}{len(r['true']):>5}{len(r['false']):>6}{len(r['debatable']):>6}{len(r['new']):>5}"
            f"{r['notices']:>7}  {len(r['known'])} {','.join(r['reported']) or '-'}"
        )
        if args.show:
            for f in r["new"]:
                print(describe(f))
    return 0


if __name__ == "__main__":
    sys.exit(main())
