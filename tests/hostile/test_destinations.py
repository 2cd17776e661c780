"""Reports and baselines never replace what the user owns: an input, a device, a pipe, a folder, a link.

A report path that is any input of the run (source, config, policy, rule, ignore
file, baseline in use, campaign brief), a device, a FIFO or a folder is refused
with exit 2 before anything is read; a symbolic link is written through; a new
report follows the umask and an existing one keeps its mode (issue 18, item 7).
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from consistency_check import fileio
from tests.hostile.corpus import ROOT, run_cli
from tests.hostile.test_guarantees import _snapshot

RULE = (
    "code: XX901\nname: pickup-window\nseverity: warning\nfact: duration\n"
    "description: How long an order waits for pickup.\nsubject:\n  phrases: [pickup]\n"
)
IGNORE = "version: 1\nignore:\n  - code: CC216\n    path: 'store/*'\n    reason: desk line\n"


def _project(root: Path) -> Path:
    """The example corpus with a policy folder, a rule folder, an ignore file and a baseline in use."""
    shutil.copytree(ROOT / "examples", root, dirs_exist_ok=True)
    shutil.copytree(ROOT / "policies" / "northwind", root / "policies")
    (root / "rules").mkdir()
    (root / "rules" / "pickup.yaml").write_text(RULE, encoding="utf-8")
    (root / ".consistency-check-ignore.yaml").write_text(IGNORE, encoding="utf-8")
    config = root / "consistency-check.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "rules: [rules]\nbaseline: base.json\n", encoding="utf-8")
    proc = run_cli("check", "--write-baseline", "base.json", cwd=root, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _project(tmp_path_factory.mktemp("inputs"))


@pytest.mark.parametrize(
    ("args", "what"),
    [
        (("--output", "policies/returns.yaml"), "a policy file"),
        (("--policies", "policies/shipping.yaml", "-f", "json:policies/shipping.yaml"), "a policy file"),
        (("--output", "rules/pickup.yaml"), "a rule file"),
        (("--output", ".consistency-check-ignore.yaml"), "the ignore file"),
        (("--output", "base.json"), "the baseline"),
        (("--baseline", "base.json", "-f", "sarif:./base.json"), "the baseline"),
        (("--output", "consistency-check.yaml"), "the config file"),
        (("--output", "web/faq.html"), "a source file"),
        (("-f", "json:r.json", "-f", "text:./r.json"), "two reports would be written to the same file"),
    ],
    ids=["policy", "named-policy", "rule", "ignore", "baseline", "named-baseline", "config", "source", "twice"],
)
def test_check_refuses_a_report_over_an_input(project: Path, args: tuple[str, ...], what: str) -> None:
    before = _snapshot(project)
    proc = run_cli("check", *args, cwd=project, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert what in proc.stderr and "Traceback" not in proc.stderr
    assert _snapshot(project) == before


@pytest.mark.parametrize(
    "target", ["campaigns/spring-gear-fest.md", "web/faq.html", "consistency-check.yaml", "policies/returns.yaml"]
)
def test_campaign_refuses_a_report_over_the_brief_a_source_or_the_config(project: Path, target: str) -> None:
    before = _snapshot(project)
    proc = run_cli("campaign", "campaigns/spring-gear-fest.md", "--output", target, cwd=project, timeout=120)
    assert proc.returncode == 2 and "refusing to write a report over" in proc.stderr, proc.stderr
    assert _snapshot(project) == before


def test_a_report_to_a_new_file_is_still_written(project: Path, tmp_path: Path) -> None:
    proc = run_cli("campaign", "campaigns/spring-gear-fest.md", "-o", str(tmp_path / "launch.md"), cwd=project)
    assert proc.returncode in (0, 1) and (tmp_path / "launch.md").read_text(encoding="utf-8").strip(), proc.stderr


def _special(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / kind
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
    elif kind == "device":
        if os.geteuid() != 0:
            pytest.skip("making a device node needs root")
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null
    else:
        path.mkdir()
    return path


@pytest.mark.parametrize("kind", ["fifo", "socket", "device", "folder"])
@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_a_device_pipe_socket_or_folder_is_never_replaced(
    project: Path, tmp_path: Path, kind: str, option: str
) -> None:
    target = _special(tmp_path, kind)
    mode = os.lstat(target).st_mode
    link = tmp_path / "link"
    link.symlink_to(target)
    for dest in (target, link):
        proc = run_cli("check", option, str(dest), cwd=project, timeout=60)
        assert proc.returncode == 2, proc.stderr
        assert "Traceback" not in proc.stderr and str(dest) in proc.stderr
        assert os.lstat(target).st_mode == mode and link.is_symlink()


def test_dev_null_is_refused_not_replaced(project: Path) -> None:
    proc = run_cli("check", "-o", "/dev/null", cwd=project, timeout=60)
    assert proc.returncode == 2 and "device, pipe or socket" in proc.stderr, proc.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symlinked_report_is_written_through(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "reports" / "report.json"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(target)
    dangling = tmp_path / "new.json"
    dangling.symlink_to(tmp_path / "reports" / "created.json")
    for dest, real in ((link, target), (dangling, tmp_path / "reports" / "created.json")):
        proc = run_cli("check", "-f", f"json:{dest}", cwd=project, timeout=120)
        assert proc.returncode in (0, 1), proc.stderr
        assert dest.is_symlink() and real.read_text(encoding="utf-8").startswith("{")
    inside = tmp_path / "to-source.json"
    inside.symlink_to(project / "web" / "faq.html")
    before = _snapshot(project)
    proc = run_cli("check", "-o", str(inside), cwd=project, timeout=60)
    assert proc.returncode == 2 and "refusing to write a report over a source file" in proc.stderr
    assert _snapshot(project) == before and inside.is_symlink()


def _cli_with_umask(umask: int, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "consistency_check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(umask),
    )


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_reports_and_baselines_follow_the_umask(project: Path, tmp_path: Path, umask: int, mode: int) -> None:
    proc = _cli_with_umask(umask, "check", "-f", f"json:{tmp_path / 'r.json'}", cwd=project)
    assert proc.returncode in (0, 1), proc.stderr
    proc = _cli_with_umask(umask, "check", "--write-baseline", str(tmp_path / "b.json"), cwd=project)
    assert proc.returncode == 0, proc.stderr
    for name in ("r.json", "b.json"):
        assert stat.S_IMODE(os.stat(tmp_path / name).st_mode) == mode, name


def test_an_existing_report_keeps_its_mode(project: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("old\n", encoding="utf-8")
    report.chmod(0o640)
    proc = _cli_with_umask(0o077, "check", "-o", str(report), cwd=project)
    assert proc.returncode in (0, 1), proc.stderr
    assert stat.S_IMODE(report.stat().st_mode) == 0o640 and report.read_text(encoding="utf-8") != "old\n"


def test_write_user_file_is_atomic_and_refuses_what_is_not_a_file(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="device, pipe or socket"):
        fileio.write_user_file(fifo, "x")
    with pytest.raises(OSError, match="is a folder"):
        fileio.write_user_file(tmp_path, "x")
    fileio.write_user_file(tmp_path / "deep" / "r.txt", "caf\u00e9 \udcff\n")
    assert (tmp_path / "deep" / "r.txt").read_bytes() == "caf\u00e9 \\udcff\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep", "fifo"]  # no temporary file left
