"""Exit codes and no tracebacks: 0/1 findings, 2 usage and configuration, 3 internal error with a log."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.corpus import (
    BROKEN,
    SOURCE_ATTACKS,
    has_return_window_conflict,
    json_report,
    run_cli,
    write_broken,
    write_project,
)
from tests.hostile.test_encodings import ENCODED, INVISIBLE


def test_every_hostile_input_at_once_no_traceback_and_the_findings_still_come(tmp_path: Path) -> None:
    write_project(tmp_path)
    bad = tmp_path / "bad"
    for case in BROKEN:
        write_broken(bad, case)
    for attack in SOURCE_ATTACKS:
        (bad / f"attack-{attack.name}").write_bytes(attack.make())  # type: ignore[operator]
    for i, (_, data) in enumerate(ENCODED):
        (bad / f"encoded-{i}.md").write_bytes(data)
    (bad / "invisible.md").write_text("# Q\n\n" + "\n\n".join(s for _, s, _ in INVISIBLE) + "\n", encoding="utf-8")
    (bad / "folder.json").mkdir()
    for fmt in ("text", "json"):
        proc = run_cli("check", "--format", fmt, cwd=tmp_path, timeout=180)
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    assert has_return_window_conflict(json_report(proc.stdout)["findings"])


USAGE = [
    (("check", "--fail-on", "sometimes"), "--fail-on must be one of"),
    (("check", "--format", "pdf"), "unknown format 'pdf'"),
    (("check", "--format", "json", "--format", "text"), "only one format can go to stdout"),
    (("check", "no-such-folder"), "no such file or folder"),
    (("check", "--config", "missing.yaml"), "config file not found"),
    (("check", "--config", "web"), "web: a folder, not a config file"),
    (("check", "--no-such-option"), "No such option"),
    (("explain", "ZZ999"), "unknown check"),
    (("frobnicate",), "No such command"),
]


@pytest.mark.parametrize("args,message", USAGE, ids=[" ".join(a) for a, _ in USAGE])
def test_usage_errors_exit_2_without_traceback(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    write_project(tmp_path)
    proc = run_cli(*args, cwd=tmp_path, timeout=60)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_findings_exit_1_and_exit_zero_and_clean_exit_0(tmp_path: Path) -> None:
    write_project(tmp_path)
    assert run_cli("check", cwd=tmp_path).returncode == 1
    assert run_cli("check", "--exit-zero", cwd=tmp_path).returncode == 0
    (tmp_path / "store" / "script.txt").write_text(
        '"You can return unused items within 30 days of purchase."\n', encoding="utf-8"
    )
    assert run_cli("check", cwd=tmp_path).returncode == 0


def test_internal_error_exit_3_short_message_and_log(tmp_path: Path) -> None:
    write_project(tmp_path)
    code = (
        "import consistency_check.engine as engine\n"
        "def boom(*a, **k):\n    raise RuntimeError('engine exploded')\n"
        "engine.analyse = engine.link = boom\n"
        "import sys\nsys.argv = ['consistency-check', 'check']\n"
        "from consistency_check.cli import main\nmain()\n"
    )
    env = {"TMPDIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env
    )
    assert proc.returncode == 3
    assert "internal error: RuntimeError: engine exploded" in proc.stderr and "Traceback" not in proc.stderr
    log = Path(proc.stderr.rsplit("details in ", 1)[1].rstrip().rstrip(")"))
    assert log.parent == tmp_path and log.name.startswith("consistency-check-crash-")  # a fresh name each time
    assert "Traceback" in log.read_text(encoding="utf-8") and "engine exploded" in log.read_text(encoding="utf-8")
