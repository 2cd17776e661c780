"""A crash, a kill, an interruption: the crash log is made safely, forked processes die with the run,
and an interrupted run says so (one line, exit 130)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile.corpus import ROOT, write_project
from tests.test_parallel import _generate

_CRASH = """
import sys
import consistency_check.pipeline as pipeline

def broken(*args, **kwargs):
    raise RuntimeError("a bug in the tool")

pipeline.run = broken
sys.argv = ["consistency-check", "check", "--no-cache"]
from consistency_check.cli import main
main()
"""


def test_the_crash_log_is_a_fresh_private_file_never_written_through_a_link(tmp_path: Path) -> None:
    project, tmp = tmp_path / "project", tmp_path / "tmp"
    project.mkdir()
    tmp.mkdir()
    write_project(project)
    victim = tmp_path / "victim.txt"
    victim.write_text("someone else's file\n", encoding="utf-8")
    (tmp / "consistency-check-crash.log").symlink_to(victim)  # planted where the old fixed name was
    logs = []
    for _ in range(2):
        proc = subprocess.run(
            [sys.executable, "-c", _CRASH],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "TMPDIR": str(tmp)},
        )
        assert proc.returncode == 3, proc.stderr
        assert proc.stderr.startswith("consistency-check: internal error: RuntimeError: a bug in the tool (details in ")
        log = Path(proc.stderr.rsplit("details in ", 1)[1].rstrip().rstrip(")"))
        assert log.parent == tmp and not log.is_symlink() and "RuntimeError: a bug in the tool" in log.read_text()
        assert stat.S_IMODE(log.stat().st_mode) == 0o600
        logs.append(log)
    assert logs[0] != logs[1] and victim.read_text(encoding="utf-8") == "someone else's file\n"


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus large enough for the run to fork readers and engine steps."""
    out = tmp_path_factory.mktemp("processes") / "corpus"
    _generate(out, 6000)
    return out


def _children(pid: int) -> set[int]:
    """The live (not zombie) processes whose parent is ``pid``."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                status = Path(f"/proc/{entry}/status").read_text()
            except OSError:
                continue
            fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
            if fields.get("PPid", "").strip() == str(pid) and not fields.get("State", "").startswith("Z"):
                found.add(int(entry))
    return found


def _gone(children: set[int]) -> bool:
    """Whether ``children`` have all ended within a few seconds (those left are killed: no orphan outlives a test)."""
    deadline = time.monotonic() + 10
    while _alive(children) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = _alive(children)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return not left


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/status").read_text().split("State:\t", 1)[1][:1]
        except (OSError, IndexError):
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_and_wait_for_children(corpus: Path) -> tuple[subprocess.Popen[str], set[int]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "consistency_check", "check", "--no-cache", "--jobs", "2", "--format", "json"],
        cwd=corpus,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a process group, as a terminal gives a command
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        # Ctrl-C at its default, as in a terminal: a shell without job control starts background
        # commands (a CI job's, say) with SIGINT ignored, and a process inherits that.
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 120
    children: set[int] = set()
    while not children and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        children = _children(proc.pid)
    assert children, "the run forked no process to test with"
    return proc, children


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_forked_processes_die_with_the_run_when_it_is_killed(big: Path) -> None:
    proc, children = _start_and_wait_for_children(big)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _gone(children)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("after", [0.0, 1.0], ids=["reading", "later"])
def test_an_interrupted_run_says_so_in_one_line_and_exits_130(big: Path, after: float) -> None:
    # Later, the pool's queue threads once waited at exit for the workers Ctrl-C had ended (a hang), or the
    # broken pool came before the KeyboardInterrupt (an "internal error").
    proc, children = _start_and_wait_for_children(big)
    time.sleep(after)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the whole process group
    _, stderr = proc.communicate(timeout=60)
    assert _gone(children)
    assert proc.returncode == 130
    assert stderr.strip() == "consistency-check: interrupted", stderr


_FORK_LOOP = """
import os, sys, threading, time
from consistency_check import processes
processes.install()
threading.Thread(target=time.sleep, args=(60,), daemon=True).start()  # fork hooks then have threads to mend
try:
    while True:
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        processes.forked()
        os.waitpid(pid, 0)
except KeyboardInterrupt:
    print("interrupted", file=sys.stderr)
    sys.exit(130)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux fork")
def test_a_ctrl_c_at_any_moment_of_forking_is_answered_once_and_never_printed_by_a_fork_hook() -> None:
    # A process forking without pause is most of the time inside a fork: a Ctrl-C reaching the child before it
    # ignored Ctrl-C was printed by Python's fork hooks ("Exception ignored in ..."), and one the parent's hooks
    # swallowed was lost (the run went on).
    for attempt in range(12):
        proc = subprocess.Popen(
            [sys.executable, "-c", _FORK_LOOP],
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            preexec_fn=_default_sigint,
        )
        time.sleep(0.3 + attempt * 0.01)
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
        assert (proc.returncode, stderr.strip()) == (130, "interrupted"), stderr
