"""What the tool promises about your files: sources are never written, reports are written atomically."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from consistency_check import fileio
from consistency_check.reporters import REGISTRY
from tests.hostile.corpus import run_cli, write_project


def _snapshot(root: Path) -> dict[str, tuple[str, int, int]]:
    """Every file below ``root``: content hash, modification time and mode."""
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            info = path.stat()
            out[path.relative_to(root).as_posix()] = (
                hashlib.sha256(path.read_bytes()).hexdigest(),
                info.st_mtime_ns,
                info.st_mode,
            )
    return out


def test_a_run_writing_every_format_never_touches_a_source(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    write_project(project)
    (project / "bad" / "broken.json").write_text('{"articles": [', encoding="utf-8")
    before = _snapshot(project)
    reports = tmp_path / "reports"
    args = ["check"] + [arg for name in REGISTRY for arg in ("--format", f"{name}:{reports / ('report.' + name)}")]
    proc = run_cli(*args, cwd=project, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert _snapshot(project) == before
    assert sorted(p.name for p in reports.iterdir()) == sorted(f"report.{name}" for name in REGISTRY)


@pytest.mark.parametrize(
    "args",
    [
        ("--output", "web/faq.md"),
        ("--format", "json:store/script.txt"),
        ("--format", "html:./web/../web/faq.md"),
        ("--output", "consistency-check.yaml"),
        ("web/faq.md", "--output", "web/faq.md"),
    ],
    ids=[
        "output over a configured source",
        "format file over a source",
        "path spelled differently",
        "over the config",
        "over a named file",
    ],
)
def test_a_report_over_a_source_is_refused(tmp_path: Path, args: tuple[str, ...]) -> None:
    write_project(tmp_path)
    before = _snapshot(tmp_path)
    proc = run_cli("check", *args, cwd=tmp_path, timeout=60)
    what = "the config file" if "consistency-check.yaml" in args else "a source file"
    assert proc.returncode == 2 and f"refusing to write a report over {what}" in proc.stderr
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize(
    "args,message",
    [
        (("--output", "web"), "is a folder"),
        (("--output", "/proc/no-such-folder/report.txt"), "cannot write the report"),
    ],
    ids=["folder", "unwritable"],
)
def test_an_output_path_that_cannot_be_written_is_a_usage_error(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    write_project(tmp_path)
    proc = run_cli("check", *args, cwd=tmp_path, timeout=60)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("failure", ["replace", "fsync", "interrupt"])
def test_an_interrupted_write_leaves_the_old_report_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    report = tmp_path / "report.json"
    report.write_text("old report\n", encoding="utf-8")

    def broken(*_args: object) -> None:
        if failure == "interrupt":
            raise KeyboardInterrupt
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync" if failure == "fsync" else "replace", broken)
    with pytest.raises((OSError, KeyboardInterrupt)):
        fileio.write_atomic(report, "new report\n" * 1000)
    assert report.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left behind


def test_a_completed_write_replaces_the_report_whole(tmp_path: Path) -> None:
    report = tmp_path / "deep" / "report.txt"
    fileio.write_atomic(report, "first\n")
    fileio.write_atomic(report, "second\n")
    assert report.read_text(encoding="utf-8") == "second\n" and len(os.listdir(report.parent)) == 1
