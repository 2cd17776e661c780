#!/usr/bin/env python3
"""Time consistency-check on synthetic corpora of 10k, 100k (and 1M) statements, as a user runs it.

For each size the corpus is generated once (``generate.py``, seeded) under
``--work``, then:

* the CLI runs in a fresh process (``python -m consistency_check check DIR
  --format json --output FILE --no-progress``) with
  ``CONSISTENCY_CHECK_TIMINGS`` set, giving wall time, CPU time (user+sys of
  the process and its workers, from ``wait4``), peak RSS (the largest single
  process, and the sampled sum over the process tree) and the time per stage;
* the parse floor: a fresh process that only reads every file and loads it
  with the parser the tool uses (libyaml ``CSafeLoader``, ``json.loads``,
  ``lxml.html``, ``csv``, markdown-it, ``str.split``), nothing else;
* the ratio end-to-end / floor.

Then the growth from one size to the next, and the start-up time of
``--version`` and ``--help``. ``--precommit`` also times the pre-commit path:
one file changed in the largest corpus, checked by name.

Usage: python benchmarks/perf/bench.py [--sizes 10000 100000] [--million] [--jobs N] [--json OUT]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

FLOOR = r"""
import csv, io, json, sys, time
from pathlib import Path
import yaml
from lxml import html
from markdown_it import MarkdownIt
root = Path(sys.argv[1])
md = MarkdownIt("commonmark").enable("table")
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
start = time.perf_counter()
size = files = 0
for path in sorted(p for p in root.rglob("*") if p.is_file()):
    text = path.read_bytes().decode("utf-8")
    size += len(text)
    files += 1
    suffix = path.suffix
    if suffix in (".yml", ".yaml"):
        yaml.load(text, Loader=loader)
    elif suffix == ".json":
        json.loads(text)
    elif suffix in (".html", ".htm"):
        html.document_fromstring(text)
    elif suffix == ".csv":
        list(csv.reader(io.StringIO(text)))
    elif suffix == ".md":
        md.parse(text)
    else:
        text.split("\n")
print(json.dumps({"seconds": time.perf_counter() - start, "bytes": size, "files": files}))
"""


def tree_rss(pid: int) -> int:
    """Resident set size in bytes of ``pid`` and every descendant (from /proc; 0 where there is none)."""
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{current}/task/{current}/children") as handle:
                todo.extend(int(c) for c in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


def timed_run(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> dict[str, float]:
    """Run ``argv``; wall seconds, CPU seconds (with its waited-for children), peak RSS (single process, tree)."""
    peak = [0]
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{stderr}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_max": usage.ru_maxrss * 1024,
        "rss_tree": max(peak[0], usage.ru_maxrss * 1024),
    }


def corpus(work: Path, size: int, seed: int) -> Path:
    """The corpus of ``size`` statements under ``work``, generated unless it is already there."""
    target = work / f"corpus-{size}"
    stamp = work / f"corpus-{size}.planted.json"
    if target.is_dir() and stamp.is_file():
        meta = json.loads(stamp.read_text(encoding="utf-8"))
        if meta.get("seed") == seed:
            return target
    print(f"generating {size:,} statements in {target} …", flush=True)
    generate(target, size, seed)
    return target


def floor(root: Path, runs: int = 2) -> dict[str, float]:
    """Seconds the parsers take to load every file of ``root`` (best of ``runs`` fresh processes)."""
    best: dict[str, float] | None = None
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", FLOOR, str(root)], capture_output=True, text=True, check=True)
        result = json.loads(out.stdout)
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    assert best is not None
    return best


def check(root: Path, jobs: int | None, work: Path, cache: Path | None = None) -> dict[str, object]:
    """One run of the CLI on ``root``: resources, stage timings and the report summary.

    Cold (``--no-cache``) unless a ``cache`` folder is given.
    """
    report = work / f"report-{root.name}.json"
    stages = work / f"timings-{root.name}.json"
    env = dict(os.environ, CONSISTENCY_CHECK_TIMINGS=str(stages))
    argv = [
        sys.executable,
        "-m",
        "consistency_check",
        "check",
        str(root),
        "--format",
        "json",
        "--output",
        str(report),
        "--no-progress",
    ]
    argv += ["--cache-dir", str(cache)] if cache is not None else ["--no-cache"]
    if jobs is not None:
        argv += ["--jobs", str(jobs)]
    usage = timed_run(argv, env=env, cwd=REPO)
    summary = json.loads(report.read_text(encoding="utf-8"))["summary"]
    return {**usage, "stages": json.loads(stages.read_text(encoding="utf-8")), "summary": summary}


def startup() -> dict[str, float]:
    """Best-of-five wall seconds of ``--version`` and ``--help``."""
    out = {}
    for flag in ("--version", "--help"):
        out[flag] = min(
            timed_run([sys.executable, "-m", "consistency_check", flag], cwd=REPO)["wall"] for _ in range(5)
        )
    return out


def precommit(root: Path, jobs: int | None, work: Path) -> dict[str, object]:
    """The pre-commit path: one changed file checked by name in the corpus ``root``, the cache warm.

    A full run fills the cache first (as the previous commit's hook or CI would have).
    """
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    target = sorted((root / "store").rglob("*.md"))[0]
    original = target.read_bytes()
    check(root, jobs, work, cache)
    stages = work / "timings-precommit.json"
    try:
        target.write_bytes(original + b"\n- Gift cards never expire and can be used online or in store.\n")
        argv = [
            sys.executable,
            "-m",
            "consistency_check",
            "check",
            str(target),
            "--format",
            "json",
            "--exit-zero",
            "--no-progress",
            "--cache-dir",
            str(cache),
        ]
        if jobs is not None:
            argv += ["--jobs", str(jobs)]
        usage = timed_run(argv, env=dict(os.environ, CONSISTENCY_CHECK_TIMINGS=str(stages)), cwd=root)
        return {**usage, "stages": json.loads(stages.read_text(encoding="utf-8"))}
    finally:
        target.write_bytes(original)


def mb(n: float) -> str:
    return f"{n / 1e6:,.0f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="statements per corpus")
    parser.add_argument("--million", action="store_true", help="add the 1,000,000-statement corpus (minutes)")
    parser.add_argument("--jobs", type=int, default=None, help="passed to --jobs (default: the tool's own)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "consistency-check-bench")
    parser.add_argument("--precommit", action="store_true", help="also time one changed file in the largest corpus")
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes + ([1_000_000] if args.million else [])))
    args.work.mkdir(parents=True, exist_ok=True)

    machine = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "cpu": _cpu_model(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "load_before": os.getloadavg()[0],
    }
    print(
        f"machine: {machine['cpu']}, {machine['cpus']} CPUs, {machine['memory_gb']} GiB, "
        f"Python {machine['python']}, load {machine['load_before']:.1f}"
    )
    results = []
    for size in sizes:
        root = corpus(args.work, size, args.seed)
        base = floor(root, runs=2 if size < 1_000_000 else 1)
        run = check(root, args.jobs, args.work)
        row = {"size": size, "floor": base, **run}
        results.append(row)
        stages = run["stages"]
        summary = run["summary"]
        print(
            f"\n== {size:,} statements: {summary['files']:,} files, {mb(base['bytes'])}, "
            f"{summary['statements']:,} statements read, {summary['findings']} findings"
        )
        print(
            f"   wall {run['wall']:.1f} s   cpu {run['cpu']:.1f} s   "
            f"peak RSS {mb(run['rss_max'])} (process tree {mb(run['rss_tree'])})"
        )
        print(f"   parse floor {base['seconds']:.2f} s   end-to-end / floor {run['wall'] / base['seconds']:.1f}x")
        print(
            "   stages (wall/cpu s): "
            + "  ".join(f"{k} {stages['wall'].get(k, 0):.2f}/{v:.2f}" for k, v in stages["cpu"].items())
        )
    if len(results) > 1:
        print("\n   growth     statements  wall       cpu        peak RSS")
        for a, b in itertools.pairwise(results):
            print(
                f"   {a['size']:>8,} → {b['size']:<9,} x{b['size'] / a['size']:<8.0f}  x{b['wall'] / a['wall']:<8.1f}  "
                f"x{b['cpu'] / a['cpu']:<8.1f}  x{b['rss_tree'] / a['rss_tree']:.1f}"
            )
    starts = startup()
    print("\nstart-up: " + "  ".join(f"{k} {v:.2f} s" for k, v in starts.items()))
    out: dict[str, object] = {"machine": machine, "runs": results, "startup": starts}
    if args.precommit:
        pre = precommit(corpus(args.work, sizes[-1], args.seed), args.jobs, args.work)
        out["precommit"] = pre
        print(
            f"\npre-commit, one changed file in {sizes[-1]:,}, cache warm: "
            f"wall {pre['wall']:.2f} s, cpu {pre['cpu']:.2f} s, peak RSS {mb(pre['rss_tree'])}"
        )
        print("   stages (wall s): " + "  ".join(f"{k} {v:.2f}" for k, v in pre["stages"]["wall"].items()))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


if __name__ == "__main__":
    sys.exit(main())
