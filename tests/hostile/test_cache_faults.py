"""The cache and the corpus index cannot change what is reported, hang a run or exhaust its memory.

Entries are used only when they are plain files whose digest matches; special
files are never opened; the index falls back to a full run on any inconsistency;
files over the size limit are never read, the cache on or off; temporary files
of killed runs are removed by the next run and by ``cache clear``.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from consistency_check.cache import ParseCache
from consistency_check.config import load_config
from consistency_check.discovery import from_config
from tests.hostile.corpus import ROOT, has_return_window_conflict, json_report, run_cli, run_measured, write_project


def _entry(project: Path, cache: Path, rel: str) -> Path:
    config = load_config(project / "consistency-check.yaml")
    src = next(f for f in from_config(config)[0] if f.path == rel)
    return ParseCache(cache)._entry_path(src, config)


def _quotes(report: dict) -> list[str]:
    return [loc["quote"] for f in report["findings"] for loc in f["locations"]]


@pytest.fixture()
def warm(tmp_path: Path) -> tuple[Path, Path, dict]:
    """A project checked once with the cache on: the project, the cache folder and the report."""
    project, cache = tmp_path / "project", tmp_path / "cache"
    project.mkdir()
    write_project(project)
    proc = run_cli("check", "--format", "json", "--cache-dir", str(cache), cwd=project, timeout=120)
    assert proc.returncode == 1, proc.stderr
    return project, cache, json_report(proc.stdout)


def _again(project: Path, cache: Path, *args: str, timeout: float = 60) -> dict:
    proc = run_cli("check", "--format", "json", "--cache-dir", str(cache), *args, cwd=project, timeout=timeout)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    return json_report(proc.stdout)


def test_an_entry_edited_by_hand_is_discarded_and_the_file_read_afresh(warm: tuple[Path, Path, dict]) -> None:
    project, cache, first = warm
    entry = _entry(project, cache, "web/faq.md")
    entry.write_bytes(entry.read_bytes().replace(b"30 days", b"31 days"))  # still valid JSON
    report = _again(project, cache)
    assert "31 days" not in json.dumps(report) and report["findings"] == first["findings"]
    assert any("web/faq.md: cache entry was damaged or edited" in n for n in report["notes"]), report["notes"]
    assert _again(project, cache)["notes"] == first["notes"]  # written again, used again


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "link-to-entry", "folder", "huge"])
def test_an_entry_that_is_not_a_plain_file_is_never_opened(warm: tuple[Path, Path, dict], kind: str) -> None:
    project, cache, first = warm
    entry = _entry(project, cache, "web/faq.md")
    saved = entry.read_bytes()
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    elif kind == "dev-zero":
        entry.symlink_to("/dev/zero")
    elif kind == "link-to-entry":
        (entry.parent / "elsewhere").write_bytes(saved)
        entry.symlink_to(entry.parent / "elsewhere")
    elif kind == "folder":
        entry.mkdir()
    else:
        with entry.open("wb") as handle:  # sparse: 3 GiB of nothing, far over what the entry of a small file can be
            handle.truncate(3 << 30)
    started = time.monotonic()
    result = run_measured("check", "--format", "json", "--cache-dir", str(cache), cwd=project, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert time.monotonic() - started < 30 and result.max_rss_mb < 200
    report = json_report(result.stdout)
    assert report["findings"] == first["findings"]
    if kind != "folder":  # a folder is left alone (it is not the cache's to remove), and read around
        assert any("web/faq.md: cache entry was" in n and "discarded" in n for n in report["notes"]), report["notes"]
        assert not entry.is_symlink() and entry.is_file()  # replaced by a real entry
    if kind == "dev-zero":
        assert Path("/dev/zero").is_char_device()


def test_a_file_over_the_size_limit_is_never_read_even_with_the_cache_on(tmp_path: Path) -> None:
    write_project(tmp_path, '  - path: "big/"\n    channel: agent\nmax_file_mb: 1\n')
    (tmp_path / "big").mkdir()
    with (tmp_path / "big" / "huge.md").open("wb") as handle:  # sparse: no disk used, 2.1 GB if read
        handle.truncate(2_100_000_000)
    for cache in ("--cache-dir=cache", "--cache-dir=cache", "--no-cache"):
        result = run_measured("check", "--format", "json", cache, cwd=tmp_path, timeout=60)
        assert result.returncode == 1, result.stderr
        assert result.max_rss_mb < 150 and result.seconds < 30, (result.max_rss_mb, result.seconds)
        report = json_report(result.stdout)
        assert any("over the limit of 1 MiB; not read" in f["message"] for f in report["findings"])
        assert has_return_window_conflict(report["findings"])


def test_a_file_over_the_size_limit_is_never_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not to hash it for the cache, nor for the corpus index, nor to read it."""
    import builtins
    import io

    from consistency_check.pipeline import run
    from consistency_check.rules import load_rules

    write_project(tmp_path, '  - path: "big/"\n    channel: agent\nmax_file_mb: 1\nengine: classic\n')  # it indexes
    (tmp_path / "big").mkdir()
    huge = tmp_path / "big" / "huge.md"
    huge.write_bytes(b"# Returns\n\nReturns within 30 days.\n" * 50_000)
    config = load_config(tmp_path / "consistency-check.yaml")
    opened: list[str] = []
    for owner, name in ((os, "open"), (io, "open"), (builtins, "open")):
        real = getattr(owner, name)

        def spy(path, *args, _real=real, **kwargs):  # type: ignore[no-untyped-def]
            if str(path) == str(huge):
                opened.append(str(path))
            return _real(path, *args, **kwargs)

        monkeypatch.setattr(owner, name, spy)
    for _ in range(2):
        report = run(config, load_rules(), cache=ParseCache(tmp_path / "cache"))
        assert any("over the limit of 1 MiB" in f.message for f in report.findings)
    assert (tmp_path / "cache" / "corpus-index.sqlite3").is_file() and opened == []


# --- the corpus index ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    """The example corpus with a full run's index written (built once); the findings a changed-file run must give."""
    import shutil

    base = tmp_path_factory.mktemp("indexed")
    project, cache = base / "examples", base / "cache"
    shutil.copytree(ROOT / "examples", project)
    # The corpus index replays the classic engine (the default linkage engine runs in full on changed files).
    (project / "consistency-check.yaml").write_text(
        (project / "consistency-check.yaml").read_text(encoding="utf-8") + "engine: classic\n", encoding="utf-8"
    )
    proc = run_cli("check", "--format", "json", "--cache-dir", str(cache), "--exit-zero", cwd=project, timeout=120)
    assert proc.returncode == 0 and (cache / "corpus-index.sqlite3").is_file(), proc.stderr
    proc = run_cli("check", "--format", "json", "--cache-dir", str(cache), "store/returns-desk.md", cwd=project)
    report = json_report(proc.stdout)
    assert not [n for n in report["notes"] if "corpus index" in n], report["notes"]
    return base, report["findings"]


def _index_project(tmp_path: Path, indexed: tuple[Path, list]) -> tuple[Path, Path, list]:
    """A copy of the indexed example corpus and its cache (the index names the project by its path: same depth)."""
    import shutil

    base, findings = indexed
    shutil.copytree(base / "examples", tmp_path / "examples", symlinks=True)
    shutil.copytree(base / "cache", tmp_path / "cache", symlinks=True)
    return tmp_path / "examples", tmp_path / "cache", findings


def _edit_index(path: Path, sql: str) -> None:
    db = sqlite3.connect(path)
    db.execute(sql)
    db.commit()
    db.close()


DAMAGE = {
    "extra null": lambda p: _edit_index(p, "UPDATE files SET extra = 'null'"),
    "extra a list": lambda p: _edit_index(p, "UPDATE files SET extra = '[1]'"),
    "a statement edited": lambda p: _edit_index(p, "UPDATE statements SET data = replace(data, '30 days', '31 days')"),
    "aggregates gone": lambda p: _edit_index(p, "DELETE FROM meta WHERE name = 'aggregates'"),
    "truncated": lambda p: p.write_bytes(p.read_bytes()[:5000]),
    "garbage": lambda p: p.write_bytes(b"\x00garbage" * 1000),
    "a fifo": lambda p: (p.unlink(), os.mkfifo(p)),
    "a link to /dev/zero": lambda p: (p.unlink(), p.symlink_to("/dev/zero")),
    "a folder": lambda p: (p.unlink(), p.mkdir()),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_index_falls_back_to_a_full_run(tmp_path: Path, damage: str, indexed: tuple[Path, list]) -> None:
    import hashlib

    project, cache, expected = _index_project(tmp_path, indexed)
    index = cache / "corpus-index.sqlite3"
    # A digest made to match is tried on damage the checks after the digest must catch (a sound file
    # that is not an index, or an index missing a part); the recovery (a full run writes the index
    # anew, the next changed-file run uses it) on damage of each kind: file content, and not a file.
    for digest_too in (False, True) if damage in ("garbage", "aggregates gone", "a statement edited") else (False,):
        DAMAGE[damage](index)  # (the full run that fell back wrote a sound index again)
        if digest_too:  # the digest made to match: what is read must still be checked
            (cache / "corpus-index.sqlite3.sha256").write_text(hashlib.sha256(index.read_bytes()).hexdigest())
        result = run_measured(
            "check", "--format", "json", "--cache-dir", str(cache), "store/returns-desk.md", cwd=project
        )
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert result.max_rss_mb < 300
        report = json_report(result.stdout)
        if digest_too and damage == "a statement edited":
            continue  # a digest made to match an edit is not caught (as for any checksum); the run still ends well
        assert report["findings"] == expected
        if damage != "a folder":
            assert any("corpus index" in n and "not used" in n for n in report["notes"]), report["notes"]
    if damage in ("garbage", "a fifo", "a link to /dev/zero"):
        proc = run_cli("check", "--format", "json", "--cache-dir", str(cache), "--exit-zero", cwd=project)
        assert proc.returncode == 0 and index.is_file() and not index.is_symlink()  # a full run writes it anew
        proc = run_cli("check", "--format", "json", "--cache-dir", str(cache), "store/returns-desk.md", cwd=project)
        assert json_report(proc.stdout)["findings"] == expected
        assert not [n for n in json_report(proc.stdout)["notes"] if "corpus index" in n]


# --- temporary files of killed runs ----------------------------------------------------------------------------

_KILLED_WRITER = r"""
import os, signal, sys
from pathlib import Path
from consistency_check.fileio import locked_temp
fd, tmp = locked_temp(Path(sys.argv[1]), sys.argv[2])
os.write(fd, b"half an index" * 1000)
print(tmp, flush=True)
if sys.argv[3] == "die":
    os.kill(os.getpid(), signal.SIGKILL)
sys.stdin.read()  # a live writer: holds its lock until told to go
"""


def _writer(folder: Path, prefix: str, how: str) -> tuple[subprocess.Popen[str], Path]:
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(folder), prefix, how],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout is not None
    path = Path(proc.stdout.readline().strip())
    if how == "die":
        proc.wait()
        assert proc.returncode == -signal.SIGKILL
    old = time.time() - 60
    os.utime(path, (old, old))  # past the few seconds a writer may take to lock its file
    return proc, path


def test_temporary_files_of_killed_runs_are_removed_by_the_next_run_and_by_cache_clear(tmp_path: Path) -> None:
    project, cache = tmp_path / "project", tmp_path / "cache"
    project.mkdir()
    write_project(project)
    assert run_cli("check", "--cache-dir", str(cache), cwd=project).returncode == 1
    for run in ("check", "clear"):
        _, index_tmp = _writer(cache, ".corpus-index.sqlite3.", "die")
        _, entry_tmp = _writer(cache / "parsed" / "tmp", "." + "ab" * 32 + ".json.", "die")
        live, live_tmp = _writer(cache, ".corpus-index.sqlite3.", "live")
        args = ("check", "--cache-dir", str(cache)) if run == "check" else ("cache", "clear", "--cache-dir", str(cache))
        proc = run_cli(*args, cwd=project)
        assert proc.returncode == (1 if run == "check" else 0), proc.stderr
        assert not index_tmp.exists() and not entry_tmp.exists(), run
        assert live_tmp.exists()  # a run still writing keeps its file
        live.communicate("")
        live_tmp.unlink()
    assert not (cache / "corpus-index.sqlite3").exists()
