"""Zip exports with hostile entries, baselines and the parse cache: refused or discarded, never trusted blindly."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from tests.hostile.corpus import has_return_window_conflict, json_report, run_cli, run_measured, write_project
from tests.hostile.test_guarantees import _snapshot
from tests.sources.conftest import FIXTURES

AGENT = FIXTURES / "dialogflow_es" / "shop_agent"


def _hostile_zip(target: Path, bomb_mb: int = 20) -> Path:
    """The fixture agent zipped, plus entries named with '..', an absolute path, a NUL, and a zip-bomb intent."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(AGENT.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(AGENT).as_posix())
        zf.writestr("../../escape/intents/evil.json", '{"responses": []}')
        zf.writestr("/etc/intents/absolute.json", '{"responses": []}')
        zf.writestr("intents/nul\x00name.json", "{}")
        with zf.open("intents/bomb.json", "w", force_zip64=True) as entry:
            chunk = b" " * (1024 * 1024)
            for _ in range(bomb_mb):
                entry.write(chunk)
    return target


def test_a_zip_with_climbing_absolute_and_bomb_entries_is_read_safely(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    write_project(project, '  - path: "bot/"\n    channel: chatbot\n')
    (project / "bot").mkdir()
    _hostile_zip(project / "bot" / "agent.zip")
    outside = _snapshot(tmp_path)
    result = run_measured("check", "--format", "json", cwd=project, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    report = json_report(result.stdout)
    messages = [f["message"] for f in report["findings"] if f["code"] == "CC001"]
    assert any("'../../escape/intents/evil.json' refused" in m and ".." in m for m in messages), messages
    assert any("'/etc/intents/absolute.json' refused: absolute paths" in m for m in messages), messages
    assert any("zip bomb" in m for m in messages), messages
    statements = report["summary"]["statements"]
    assert statements > 2  # the agent's own intents were read
    assert has_return_window_conflict(report["findings"])
    assert _snapshot(tmp_path) == outside  # nothing unpacked anywhere
    assert not (tmp_path / "escape").exists()
    assert result.max_rss_mb < 300, f"peak memory {result.max_rss_mb:.0f} MB"


def test_a_zip_expanding_past_the_total_limit_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from consistency_check.config import Config
    from consistency_check.discovery import SourceFile
    from consistency_check.pipeline import read_source
    from consistency_check.sources import archive

    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 8 * 1024 * 1024)
    path = _hostile_zip(tmp_path / "agent.zip", bomb_mb=10)
    outcome = read_source(SourceFile("agent.zip", path, "chatbot", "dialogflow-es", ""), Config(root=tmp_path))
    assert not outcome.statements
    assert "more than the 8 MB limit; not read" in outcome.findings[0].message


# --- baselines ---------------------------------------------------------------


def test_writing_a_baseline_over_a_source_is_refused(tmp_path: Path) -> None:
    write_project(tmp_path)
    before = _snapshot(tmp_path)
    proc = run_cli("check", "--write-baseline", "web/faq.md", cwd=tmp_path, timeout=60)
    assert proc.returncode == 2 and "refusing to write a baseline over a source file" in proc.stderr
    assert _snapshot(tmp_path) == before


CORRUPT_BASELINES = [
    ("not json", b"{ this is not json", "not valid JSON"),
    ("binary", bytes(range(256)) * 4, "baseline"),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, "baseline"),
    ("wrong kind", json.dumps({"kind": "something-else"}).encode(), "not a consistency-check baseline"),
    ("bad fingerprints", json.dumps({"kind": "consistency-check-baseline", "version": 1}).encode(), "baseline"),
]


@pytest.mark.parametrize("label,data,message", CORRUPT_BASELINES, ids=[c[0] for c in CORRUPT_BASELINES])
def test_a_corrupt_baseline_is_a_usage_error(tmp_path: Path, label: str, data: bytes, message: str) -> None:
    write_project(tmp_path)
    (tmp_path / "baseline.json").write_bytes(data)
    proc = run_cli("check", "--baseline", "baseline.json", cwd=tmp_path, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr


# --- the parse cache ---------------------------------------------------------


def _with_digest(entry: dict) -> bytes:
    """A cache entry as the cache writes one: the SHA-256 of the JSON, a newline, the JSON."""
    payload = json.dumps(entry).encode()
    return hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


CORRUPT_ENTRIES = [
    ("garbage", b"\x00\xff garbage"),
    ("truncated", None),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000),
    ("wrong shape", _with_digest({"kind": "consistency-check-cache", "version": 2, "key": {}, "outcome": [1, 2]})),
    ("empty", b""),
]


def test_corrupt_cache_entries_are_discarded_with_a_note(tmp_path: Path) -> None:
    from consistency_check.cache import ParseCache
    from consistency_check.config import load_config
    from consistency_check.discovery import from_config

    project, cache = tmp_path / "project", tmp_path / "cache"
    project.mkdir()
    write_project(project)
    for label, _ in CORRUPT_ENTRIES:
        (project / "bad" / f"{label.replace(' ', '-')}.md").write_text(
            f"# {label}\n\nShips in 3 days.\n", encoding="utf-8"
        )
    env = {"CONSISTENCY_CHECK_CACHE_DIR": str(cache)}
    first = run_cli("check", "--format", "json", cwd=project, env=env, timeout=60)
    assert first.returncode == 1, first.stderr
    config = load_config(project / "consistency-check.yaml")
    sources = {f.path: f for f in from_config(config)[0]}
    for label, data in CORRUPT_ENTRIES:
        entry = ParseCache(cache)._entry_path(sources[f"bad/{label.replace(' ', '-')}.md"], config)
        entry.write_bytes(entry.read_bytes()[:40] if data is None else data)
    second = run_cli("check", "--format", "json", cwd=project, env=env, timeout=60)
    assert second.returncode == 1 and "Traceback" not in second.stderr, second.stderr
    report = json_report(second.stdout)
    discarded = {n.split(":")[0] for n in report["notes"] if "cache entry was " in n and "and was discarded" in n}
    # A well-formed entry whose key does not match ("wrong shape") is a plain miss, not a discard.
    assert discarded == {f"bad/{label.replace(' ', '-')}.md" for label, _ in CORRUPT_ENTRIES if label != "wrong shape"}
    assert json_report(first.stdout)["findings"] == report["findings"]
    assert has_return_window_conflict(report["findings"])
