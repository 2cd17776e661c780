"""Exit code, time and peak memory of the CLI on each fault of the hostile-input audit (issue 20).

Run from the repository root: ``python benchmarks/hostile/faults.py [--package DIR] [--big-mb 50]``.
``--package`` measures another checkout (its ``consistency_check`` is put first on
``PYTHONPATH``): run it on an older version to compare. Each case runs in a child
process in a fresh temporary folder, with its address space capped
(``--max-gb``) and a time limit (``--timeout``), so that an older version's hang
or runaway memory ends as a row ("killed", "over N s") rather than harming the
machine. Never does anything here write to a real device: the device case uses a
copy of ``/dev/null``'s node made in the temporary folder (root only).

Prints a Markdown table: case, exit code, what happened, seconds, peak MB.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.hostile.corpus import write_project, zipped  # noqa: E402
from tests.hostile.test_faults import damage_entry  # noqa: E402
from tests.sources.conftest import FIXTURES  # noqa: E402


@dataclass
class Outcome:
    """One child process: exit code (or how it ended), stdout, stderr, seconds, peak resident MB."""

    code: int | str
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


_LAUNCHER = r"""
import json, os, resource, signal, subprocess, sys, time
for line in sys.stdin:
    job = json.loads(line)
    limit = job["max_bytes"]
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    with open(job["out"], "wb") as out, open(job["err"], "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(job["argv"], cwd=job["cwd"], env=job["env"], stdout=out, stderr=err,
                                preexec_fn=cap, start_new_session=True)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if not timed_out and time.perf_counter() - started > job["timeout"]:
                os.killpg(proc.pid, signal.SIGKILL)
                timed_out = True
            time.sleep(0.02)
    print(json.dumps({"code": os.waitstatus_to_exitcode(status), "kib": usage.ru_maxrss,
                      "seconds": time.perf_counter() - started, "timed_out": timed_out}), flush=True)
"""


class Runner:
    """Runs the CLI of one checkout in child processes, capped in memory and time.

    Children are started by a small launcher (a bare interpreter), whose ``wait4`` gives each one's own
    peak memory (a child's peak counts the process it was forked from).
    """

    def __init__(self, package: Path, timeout: float, max_gb: float) -> None:
        self.package = package
        self.timeout = timeout
        self.max_bytes = int(max_gb * 2**30)
        self.launcher = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )

    def python(self, code: str, cwd: Path, env: dict[str, str] | None = None, timeout: float | None = None) -> Outcome:
        return self.run([sys.executable, "-c", code], cwd, env, timeout)

    def cli(self, *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float | None = None) -> Outcome:
        return self.run([sys.executable, "-m", "consistency_check", *args], cwd, env, timeout)

    def run(self, argv: list[str], cwd: Path, env: dict[str, str] | None, timeout: float | None) -> Outcome:
        assert self.launcher.stdin is not None and self.launcher.stdout is not None
        full = {**os.environ, "PYTHONPATH": str(self.package), "CONSISTENCY_CHECK_CACHE_DIR": str(cwd / ".cache")}
        with tempfile.TemporaryDirectory() as tmp:
            out, err = Path(tmp) / "out", Path(tmp) / "err"
            job = {
                "argv": argv,
                "cwd": str(cwd),
                "env": {**full, **(env or {})},
                "out": str(out),
                "err": str(err),
                "timeout": timeout or self.timeout,
                "max_bytes": self.max_bytes,
            }
            self.launcher.stdin.write(json.dumps(job) + "\n")
            self.launcher.stdin.flush()
            result = json.loads(self.launcher.stdout.readline())
            code: int | str = f"over {job['timeout']:.0f} s" if result["timed_out"] else result["code"]
            return Outcome(
                code,
                out.read_text("utf-8", "replace"),
                err.read_text("utf-8", "replace"),
                result["seconds"],
                result["kib"] / 1024,
            )


def _said(outcome: Outcome) -> str:
    """The gist of what the tool said: its last stderr line, else the first CC001 or note, else a count."""
    lines = [ln for ln in outcome.stderr.strip().splitlines() if ln.strip()]
    if lines and ("error" in lines[-1] or "interrupted" in lines[-1] or not outcome.stdout):
        return lines[-1][:110]
    try:
        report = json.loads(outcome.stdout)
    except ValueError:
        return (lines[-1] if lines else outcome.stdout.strip()[:110])[:110]
    problems = [f["message"] for f in report["findings"] if f["code"] == "CC001"]
    notes = [n for n in report.get("notes", ()) if "cache" in n or "index" in n]
    return ((problems or notes or [f"{len(report['findings'])} findings"])[0])[:110]


Case = Callable[[Runner, Path], tuple[Outcome, str]]
CASES: list[tuple[str, Case]] = []


def case(label: str) -> Callable[[Case], Case]:
    def register(fn: Case) -> Case:
        CASES.append((label, fn))
        return fn

    return register


def _project(root: Path, extra: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    write_project(root, extra)
    return root


@case("1 damaged deflate stream in a Dialogflow zip")
def _zip(runner: Runner, tmp: Path) -> tuple[Outcome, str]:
    root = _project(tmp, '  - path: "bot/"\n    channel: chatbot\n')
    (root / "bot").mkdir()
    (root / "bot" / "agent.zip").write_bytes(damage_entry(zipped(FIXTURES / "dialogflow_es/shop_agent"), "intents/"))
    out = runner.cli("check", "--format", "json", cwd=root)
    return out, _said(out)


@case("2 a line of 800 prices ($49 …)")
def _prices(runner: Runner, tmp: Path) -> tuple[Outcome, str]:
    root = _project(tmp, '  - path: "prices.md"\n    channel: agent\n')
    (root / "prices.md").write_text("# Prices\n\n" + "$49 " * 800 + "\n", encoding="utf-8")
    out = runner.cli("check", "--format", "json", "--no-cache", cwd=root)
    return out, _said(out)


@case("2 a 10 MB JSON string of '30 days'")
def _durations(runner: Runner, tmp: Path) -> tuple[Outcome, str]:
    root = _project(tmp, '  - path: "long.json"\n    channel: agent\n    format: zendesk\n')
    body = "30 days " * (10 * 2**20 // 8)
    (root / "long.json").write_text('{"articles": [{"title": "R", "body": "' + body + '"}]}', encoding="utf-8")
    out = runner.cli("check", "--format", "json", "--no-cache", cwd=root)
    return out, _said(out)


@case("3 a lone surrogate in a JSON answer, cache on")
def _surrogate(runner: Runner, tmp: Path) -> tuple[Outcome, str]:
    root = _project(tmp, '  - path: "bot/*.json"\n    channel: chatbot\n    format: dialogflow-es\n')
    (root / "bot").mkdir()
    speech = "You can return unused items within 60 days \\udc80."
    intent = '{"name": "returns", "responses": [{"messages": [{"type": "0", "speech": ["' + speech + '"]}]}]}'
    (root / "bot" / "returns.json").write_text(intent, encoding="utf-8")
    out = runner.cli("check", "--format", "json", cwd=root)
    return out, _said(out)


def _inputs_project(root: Path) -> Path:
    shutil.copytree(REPO / "examples", root, dirs_exist_ok=True)
    shutil.copytree(REPO / "policies" / "northwind", root / "policies")
    (root / "rules").mkdir()
    (root / "rules" / "pickup.yaml").write_text(
        "code: XX901\nname: pickup-window\nseverity: warning\nfact: duration\n"
        "description: How long an order waits.\nsubject:\n  phrases: [pickup]\n",
        encoding="utf-8",
    )
    (root / ".consistency-check-ignore.yaml").write_text(
        "version: 1\nignore:\n  - code: CC216\n    path: 'store/*'\n    reason: desk line\n", encoding="utf-8"
    )
    config = root / "consistency-check.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "rules: [rules]\n", encoding="utf-8")
    return root


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"


def _over(runner: Runner, tmp: Path, command: list[str], target: str) -> tuple[Outcome, str]:
    root = _inputs_project(tmp)
    subprocess.run(
        [sys.executable, "-m", "consistency_check", "check", "--write-baseline", "base.json"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(runner.package)},
        capture_output=True,
    )
    before = _digest(root / target)
    out = runner.cli(*command, "--output", target, cwd=root)
    return out, ("OVERWRITTEN; " if _digest(root / target) != before else "kept; ") + _said(out)


for _label, _target in (
    ("a policy file", "policies/returns.yaml"),
    ("a rule file", "rules/pickup.yaml"),
    ("the ignore file", ".consistency-check-ignore.yaml"),
):
    CASES.append((f"4 check -o {_label}", lambda r, t, target=_target: _over(r, t, ["check"], target)))
CASES.append(
    ("4 check -o the baseline in use", lambda r, t: _over(r, t, ["check", "--baseline", "base.json"], "base.json"))
)
for _label, _target in (
    ("the brief", "campaigns/spring-gear-fest.md"),
    ("a source", "web/faq.html"),
    ("the config", "consistency-check.yaml"),
):
    CASES.append(
        (
            f"4 campaign -o {_label}",
            lambda r, t, target=_target: _over(r, t, ["campaign", "campaigns/spring-gear-fest.md"], target),
        )
    )


@case("5 -o a device node (a copy of /dev/null's)")
def _device(runner: Runner, tmp: Path) -> tuple[Outcome, str]:
    root = _project(tmp)
    if os.geteuid() != 0:
        return Outcome("-", "", "", 0.0, 0.0), "skipped: making a device node needs root"
    node = root / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    out = runner.cli("check", "-o", str(node), cwd=root)
    kind = "still a device" if stat.S_ISCHR(os.lstat(node).st_mode) else "REPLACED by a plain file"
    return out, f"{kind}; {_said(out)}"


@case("5 -o a symlinked report")
def _symlink(runner: Runner, tmp: Path) -> tuple[Outcome, str]:
    root = _project(tmp)
    (root / "reports").mkdir()
    (root / "reports" / "r.txt").write_text("old\n", encoding="utf-8")
    (root / "r.txt").symlink_to(root / "reports" / "r.txt")
    out = runner.cli("check", "-o", "r.txt", cwd=root)
    link = "written through" if (root / "r.txt").is_symlink() else "link REPLACED by a file"
    return out, f"{link}; {_said(out)}"


@case("5 -o an existing 0644 report (umask 022)")
def _mode(runner: Runner, tmp: Path) -> tuple[Outcome, str]:
    root = _project(tmp)
    (root / "r.txt").write_text("old\n", encoding="utf-8")
    (root / "r.txt").chmod(0o644)
    out = runner.python(
        "import os, sys; os.umask(0o022); sys.argv = ['consistency-check', 'check', '-o', 'r.txt']\n"
        "from consistency_check.cli import main; main()",
        cwd=root,
    )
    return out, f"mode after: {stat.S_IMODE((root / 'r.txt').stat().st_mode):04o}"


@case("6 a sparse 2.1 GB file over the limit, cache on")
def _huge(runner: Runner, tmp: Path) -> tuple[Outcome, str]:
    root = _project(tmp, '  - path: "big/"\n    channel: agent\n')
    (root / "big").mkdir()
    with (root / "big" / "huge.md").open("wb") as handle:
        handle.truncate(2_100_000_000)
    out = runner.cli("check", "--format", "json", cwd=root)
    return out, _said(out)


def _big_md(runner: Runner, tmp: Path, mb: int) -> tuple[Outcome, str]:
    root = _project(tmp, '  - path: "long.md"\n    channel: agent\n')
    (root / "long.md").write_text("# Returns\n\n" + "Returns within 30 days. " * (mb * 2**20 // 24) + "\n")
    out = runner.cli("check", "--format", "json", "--no-cache", cwd=root)
    return out, f"{out.peak_mb / mb:.1f} times the file; " + _said(out)


def _warm(runner: Runner, root: Path) -> Path:
    """A warm cache for the healthy project; the entry of web/faq.md."""
    runner.cli("check", "--format", "json", cwd=root)
    code = (
        "from pathlib import Path; from consistency_check.cache import ParseCache\n"
        "from consistency_check.config import load_config; from consistency_check.discovery import from_config\n"
        "c = load_config(Path('consistency-check.yaml'))\n"
        "s = [f for f in from_config(c)[0] if f.path == 'web/faq.md'][0]\n"
        "print(ParseCache(Path('.cache'))._entry_path(s, c))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(runner.package)},
    )
    return root / out.stdout.strip()


@case("7 a cache entry replaced by a FIFO")
def _fifo_entry(runner: Runner, tmp: Path) -> tuple[Outcome, str]:
    root = _project(tmp)
    entry = _warm(runner, root)
    entry.unlink()
    os.mkfifo(entry)
    out = runner.cli("check", "--format", "json", cwd=root, timeout=30)
    return out, _said(out)


@case("7 a cache entry linked to /dev/zero")
def _zero_entry(runner: Runner, tmp: Path) -> tuple[Outcome, str]:
    root = _project(tmp)
    entry = _warm(runner, root)
    entry.unlink()
    entry.symlink_to("/dev/zero")
    out = runner.cli("check", "--format", "json", cwd=root, timeout=60)
    return out, _said(out)


@case("7 a cache entry edited, still valid JSON (30 -> 31 days)")
def _edited_entry(runner: Runner, tmp: Path) -> tuple[Outcome, str]:
    root = _project(tmp)
    entry = _warm(runner, root)
    entry.write_bytes(entry.read_bytes().replace(b"30 days", b"31 days"))
    out = runner.cli("check", "--format", "json", cwd=root)
    quoted = "quotes '31 days' (WRONG)" if "31 days" in out.stdout else "quotes '30 days'"
    return out, f"{quoted}; {_said(out)}"


@case("8 corpus index with files.extra null, changed-file run")
def _index(runner: Runner, tmp: Path) -> tuple[Outcome, str]:
    root = tmp
    shutil.copytree(REPO / "examples", root, dirs_exist_ok=True)
    runner.cli("check", "--format", "json", cwd=root)
    db = sqlite3.connect(root / ".cache" / "corpus-index.sqlite3")
    db.execute("UPDATE files SET extra = 'null'")
    db.commit()
    db.close()
    out = runner.cli("check", "--format", "json", "store/returns-desk.md", cwd=root)
    return out, _said(out)


@case("9 crash with a link planted at the crash log's old name")
def _crash(runner: Runner, tmp: Path) -> tuple[Outcome, str]:
    root = _project(tmp / "project")
    private = tmp / "tmp"
    private.mkdir()
    victim = tmp / "victim.txt"
    victim.write_text("another user's file\n", encoding="utf-8")
    (private / "consistency-check-crash.log").symlink_to(victim)
    out = runner.python(
        "import sys, consistency_check.pipeline as p\n"
        "def boom(*a, **k):\n    raise RuntimeError('a bug')\n"
        "p.run = boom\nsys.argv = ['consistency-check', 'check', '--no-cache']\n"
        "from consistency_check.cli import main; main()",
        cwd=root,
        env={"TMPDIR": str(private)},
    )
    kept = "target kept" if victim.read_text(encoding="utf-8") == "another user's file\n" else "target OVERWRITTEN"
    return out, f"{kept}; {_said(out)}"


_KILL_IN_INDEX = """
import os, signal, sys
import consistency_check.incremental.record as record
original = record._write
def killed(db, *args):
    original(db, *args)
    db.commit()
    os.kill(os.getpid(), signal.SIGKILL)
record._write = killed
sys.argv = ['consistency-check', 'check', '--format', 'json']
from consistency_check.cli import main; main()
"""


@case("10 killed while writing the index, then a run and 'cache clear'")
def _killed_index(runner: Runner, tmp: Path) -> tuple[Outcome, str]:
    root = tmp
    shutil.copytree(REPO / "examples", root, dirs_exist_ok=True)
    runner.python(_KILL_IN_INDEX, cwd=root)
    left = len(list((root / ".cache").glob(".corpus-index*.tmp")))
    old = time.time() - 60
    for path in (root / ".cache").glob(".corpus-index*.tmp"):
        os.utime(path, (old, old))
    runner.cli("check", "--format", "json", cwd=root)
    after_run = len(list((root / ".cache").glob(".corpus-index*.tmp")))
    runner.python(_KILL_IN_INDEX, cwd=root)
    out = runner.cli("cache", "clear", cwd=root)
    after_clear = len(list((root / ".cache").glob(".corpus-index*.tmp")))
    return out, f"temporary files: {left} after the kill, {after_run} after the next run, {after_clear} after clear"


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = dict(
                    ln.split(":\t", 1) for ln in Path(f"/proc/{entry}/status").read_text().splitlines() if ":\t" in ln
                )
            except OSError:
                continue
            if fields.get("PPid", "").strip() == str(pid) and not fields.get("State", "").startswith("Z"):
                found.add(int(entry))
    return found


def _big_corpus(runner: Runner, tmp: Path) -> Path:
    sys.path.insert(0, str(REPO / "benchmarks" / "perf"))
    from generate import generate

    generate(tmp / "corpus", 6000, seed=3)
    return tmp / "corpus"


def _group(pgid: int) -> set[int]:
    """The live (not zombie) processes of process group ``pgid``."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if fields[0] != "Z" and int(fields[2]) == pgid:
                found.add(int(entry))
    return found


def _signal_run(runner: Runner, tmp: Path, sig: int) -> tuple[Outcome, str]:
    corpus = _big_corpus(runner, tmp)
    env = {**os.environ, "PYTHONPATH": str(runner.package)}
    started = time.perf_counter()
    with (tmp / "stderr").open("wb") as err:  # a file, not a pipe: a child left running would hold a pipe open
        proc = subprocess.Popen(
            [sys.executable, "-m", "consistency_check", "check", "--no-cache", "--jobs", "2", "--format", "json"],
            cwd=corpus,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
    while len(_children(proc.pid)) < 2 and proc.poll() is None:
        time.sleep(0.05)
    forked = len(_children(proc.pid))
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)
    else:
        os.kill(proc.pid, sig)
    proc.wait()
    seconds = time.perf_counter() - started
    time.sleep(3)
    left = _group(proc.pid)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    stderr = (tmp / "stderr").read_text("utf-8", "replace")
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    said = f"{len(left)} of {forked} forked processes still running 3 s later; stderr: {len(lines)} lines"
    return Outcome(proc.returncode, "", stderr, seconds, 0.0), said + (f" ({lines[-1][:60]})" if lines else "")


CASES.append(("10 the run killed (-9) while forked processes work", lambda r, t: _signal_run(r, t, signal.SIGKILL)))
CASES.append(("10 Ctrl-C (SIGINT to the process group)", lambda r, t: _signal_run(r, t, signal.SIGINT)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--package", type=Path, default=REPO, help="the checkout to measure (default: this one)")
    parser.add_argument("--big-mb", type=int, default=50, help="size of the accepted one-line file")
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--max-gb", type=float, default=4.0, help="address space of each child")
    parser.add_argument("--only", default="", help='run only the cases whose label starts with one of these ("7 ,8 ")')
    args = parser.parse_args()
    CASES.insert(
        CASES.index(next(c for c in CASES if c[0].startswith("7"))),
        (f"6 an accepted one-line {args.big_mb} MB Markdown file", lambda r, t: _big_md(r, t, args.big_mb)),
    )
    runner = Runner(args.package.resolve(), args.timeout, args.max_gb)
    print(
        f"package: {runner.package}\n\n| case | exit | what happened | s | peak MB |\n|---|---|---|---|---|", flush=True
    )
    for label, fn in CASES:
        if args.only and not label.startswith(tuple(args.only.split(","))):
            continue
        with tempfile.TemporaryDirectory(prefix="cc-faults-") as tmp:
            out, said = fn(runner, Path(tmp))
            peak = f"{out.peak_mb:.0f}" if out.peak_mb else "-"
            said = said.replace("|", "/").replace("\n", " ")
            print(f"| {label} | {out.code} | {said} | {out.seconds:.1f} | {peak} |", flush=True)


if __name__ == "__main__":
    main()
