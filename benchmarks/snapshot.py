#!/usr/bin/env python3
"""Write the JSON report of every corpus the project measures on into one folder, to diff two versions.

The corpora: ``examples/``, each organisation of ``benchmarks/accuracy/``, each
organisation folder of ``../shared/real-samples/`` and each corpus of
``../shared/real-world/`` (when ``../shared`` is there), and the real corpora of
``benchmarks/real-world/``. A change that must not change behaviour leaves
``diff -r OLD NEW`` empty.

Usage:  python benchmarks/snapshot.py OUTDIR [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def corpora() -> list[tuple[str, Path]]:
    """(name, folder) of every corpus, in a fixed order."""
    out: list[tuple[str, Path]] = [("examples", REPO / "examples")]
    for base, prefix in ((REPO / "benchmarks" / "accuracy", "accuracy"), (REPO / "benchmarks" / "real-world", "real")):
        if base.is_dir():
            out += [
                (f"{prefix}-{d.name}", d) for d in sorted(base.iterdir()) if (d / "consistency-check.yaml").is_file()
            ]
    if (SHARED / "real-world").is_dir():
        out += [(f"shared-rw-{d.name}", d) for d in sorted((SHARED / "real-world").iterdir()) if d.is_dir()]
    if (SHARED / "real-samples").is_dir():
        for fmt in sorted((SHARED / "real-samples").iterdir()):
            if fmt.is_dir():
                out += [(f"sample-{fmt.name}-{org.name}", org) for org in sorted(fmt.iterdir()) if org.is_dir()]
    return out


def snapshot(name: str, folder: Path, outdir: Path) -> str:
    cmd = [
        sys.executable,
        "-m",
        "consistency_check",
        "check",
        "--no-cache",
        "--no-progress",
        "--format",
        "json",
        "--exit-zero",
        ".",
    ]
    env = {**os.environ, "PYTHONPATH": str(REPO)}  # the package of this checkout, whatever is installed
    proc = subprocess.run(cmd, cwd=folder, capture_output=True, text=True, check=False, env=env)
    text = proc.stdout
    try:
        report = json.loads(text)
        report.get("summary", {}).pop("elapsedSeconds", None)
        text = json.dumps(report, indent=1, sort_keys=True)
    except json.JSONDecodeError:
        text = f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    (outdir / f"{name}.json").write_text(text + "\n", encoding="utf-8")
    return name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(args.jobs) as pool:
        for name in pool.map(lambda nf: snapshot(nf[0], nf[1], args.outdir), corpora()):
            print(name, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
