"""The parse cache: exact round trips, invalidation, corrupt entries, concurrency, and the CLI switches."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from consistency_check.cache import ParseCache, clear, default_dir
from consistency_check.config import load_config
from consistency_check.discovery import from_config
from consistency_check.pipeline import read_source, run
from consistency_check.rules import load_rules
from tests.test_examples import EXAMPLES, run_cli


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root)
    return root


def _setup(root: Path):  # type: ignore[no-untyped-def]
    cfg = load_config(root / "consistency-check.yaml")
    files, _ = from_config(cfg)
    return cfg, files


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / "parsed").rglob("*.json"))


def test_round_trip_is_exact(project: Path, tmp_path: Path) -> None:
    cfg, files = _setup(project)
    cache = ParseCache(tmp_path / "c")
    fresh = [read_source(f, cfg) for f in files]
    for src, outcome in zip(files, fresh, strict=True):
        cache.store(src, cfg, outcome)
    again = ParseCache(tmp_path / "c")
    loaded = [again.load(f, cfg) for f in files]
    assert again.hits == len(files) and again.notes == []
    assert loaded == fresh


def test_warm_run_gives_the_same_report(project: Path, tmp_path: Path) -> None:
    cfg, files = _setup(project)
    ruleset = load_rules(cfg.rule_dirs, cfg.root)
    uncached = run(cfg, ruleset)
    cold_cache = ParseCache(tmp_path / "c")
    cold = run(cfg, ruleset, cache=cold_cache)
    warm_cache = ParseCache(tmp_path / "c")
    warm = run(cfg, ruleset, cache=warm_cache)
    assert (cold_cache.hits, cold_cache.misses) == (0, len(files))
    assert (warm_cache.hits, warm_cache.misses) == (len(files), 0)
    assert uncached.findings == cold.findings == warm.findings
    assert uncached.statements == warm.statements and uncached.notes == warm.notes


def test_edits_invalidate_the_file_and_training_data_invalidates_its_responses(project: Path, tmp_path: Path) -> None:
    cfg, files = _setup(project)
    warm = ParseCache(tmp_path / "c")
    for src in files:
        warm.store(src, cfg, read_source(src, cfg))
    script = project / "store/phone-script.txt"
    script.write_text(script.read_text(encoding="utf-8") + "\nNew line.\n", encoding="utf-8")
    nlu = project / "chatbot/data/nlu.yml"
    nlu.write_text(nlu.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    check = ParseCache(tmp_path / "c")
    missed = [src.path for src in files if check.load(src, cfg) is None]
    # rules.yml and domain.yml are read with the project's training data (nlu.yml among it)
    assert missed == ["chatbot/data/nlu.yml", "chatbot/data/rules.yml", "chatbot/domain.yml", "store/phone-script.txt"]


def test_a_botpress_flow_invalidates_the_content_elements_it_says(tmp_path: Path) -> None:
    bot = tmp_path / "bot"
    shutil.copytree(Path(__file__).parent / "sources/fixtures/botpress", bot)
    (bot / "expected.yaml").unlink()
    (tmp_path / "consistency-check.yaml").write_text(
        "sources:\n  - path: bot\n    channel: chatbot\n    format: botpress\n", encoding="utf-8"
    )
    cfg, files = _setup(tmp_path)
    warm = ParseCache(tmp_path / "c")
    for src in files:
        warm.store(src, cfg, read_source(src, cfg))
    flow = bot / "flows/main.flow.json"
    flow.write_text(flow.read_text(encoding="utf-8").replace("opening-hours", "hours-node"), encoding="utf-8")
    check = ParseCache(tmp_path / "c")
    missed = [src.path for src in files if check.load(src, cfg) is None]
    assert missed == ["bot/content-elements/builtin_text.json", "bot/flows/main.flow.json"]


def test_config_region_and_source_settings_are_part_of_the_key(project: Path, tmp_path: Path) -> None:
    from dataclasses import replace

    cfg, files = _setup(project)
    cache = ParseCache(tmp_path / "c")
    cache.store(files[0], cfg, read_source(files[0], cfg))
    assert ParseCache(tmp_path / "c").load(files[0], cfg) is not None
    assert ParseCache(tmp_path / "c").load(files[0], replace(cfg, region="GB")) is None
    assert ParseCache(tmp_path / "c").load(replace(files[0], channel="store"), cfg) is None


@pytest.mark.parametrize(
    "garbage",
    [
        b"\x00\x01not json",
        b'{"kind": "something-else", "version": 1}',
        b'{"kind": "consistency-check-cache", "version": 99}',
        b"",
        b'{"kind": "consistency-check-cache", "version": 1}',
    ],
)
def test_corrupt_entries_are_discarded_with_a_note(project: Path, tmp_path: Path, garbage: bytes) -> None:
    cfg, files = _setup(project)
    cache = ParseCache(tmp_path / "c")
    cache.store(files[0], cfg, read_source(files[0], cfg))
    (entry,) = _entries(tmp_path / "c")
    entry.write_bytes(garbage)
    again = ParseCache(tmp_path / "c")
    assert again.load(files[0], cfg) is None
    assert (
        again.notes
        and "cache entry was damaged or edited (its digest does not match) and was discarded" in again.notes[0]
    )
    assert not entry.exists()


def test_an_entry_of_the_previous_version_is_a_plain_miss(project: Path, tmp_path: Path) -> None:
    cfg, files = _setup(project)
    cache = ParseCache(tmp_path / "c")
    cache.store(files[0], cfg, read_source(files[0], cfg))
    (entry,) = _entries(tmp_path / "c")
    entry.write_bytes(b'{"kind":"consistency-check-cache","version":1,"key":{}}')
    again = ParseCache(tmp_path / "c")
    assert again.load(files[0], cfg) is None and again.notes == [] and again.misses == 1
    again.store(files[0], cfg, read_source(files[0], cfg))
    assert ParseCache(tmp_path / "c").load(files[0], cfg) is not None


@pytest.mark.parametrize("digest", ["kept", "recomputed"])
def test_tampered_outcome_is_discarded_not_trusted(project: Path, tmp_path: Path, digest: str) -> None:
    import hashlib

    cfg, files = _setup(project)
    ParseCache(tmp_path / "c").store(files[0], cfg, read_source(files[0], cfg))
    (entry,) = _entries(tmp_path / "c")
    head, _, payload = entry.read_bytes().partition(b"\n")
    doc = json.loads(payload)
    doc["outcome"]["statements"] = [{"channel": "web"}]
    payload = json.dumps(doc).encode()
    if digest == "recomputed":
        head = hashlib.sha256(payload).hexdigest().encode()
    entry.write_bytes(head + b"\n" + payload)
    again = ParseCache(tmp_path / "c")
    assert again.load(files[0], cfg) is None and again.notes


def test_concurrent_runs_share_a_cache_safely(project: Path, tmp_path: Path) -> None:
    cfg, _files = _setup(project)
    ruleset = load_rules(cfg.rule_dirs, cfg.root)
    expected = run(cfg, ruleset).findings
    results: list[object] = []
    caches: list[ParseCache] = []

    def worker() -> None:
        cache = ParseCache(tmp_path / "c")
        caches.append(cache)
        for _ in range(3):
            results.append(run(cfg, ruleset, cache=cache).findings)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 12
    assert all(not c.notes for c in caches)
    assert not list((tmp_path / "c").rglob("*.tmp"))


def test_unwritable_cache_is_disabled_with_one_note(project: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    proc = run_cli("check", "--cache-dir", str(blocker), cwd=project)
    assert proc.returncode == 1
    assert proc.stdout.count("note: cache disabled: cannot write to") == 1


def test_cli_cache_dir_no_cache_and_clear(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cli-cache"
    assert run_cli("check", "--no-cache", "--cache-dir", str(folder), cwd=project).returncode == 1
    assert not folder.exists()
    first = run_cli("check", "--cache-dir", str(folder), "--format", "json", cwd=project)
    second = run_cli("check", "--cache-dir", str(folder), "--format", "json", cwd=project)
    assert len(_entries(folder)) == 8 and (folder / "CACHEDIR.TAG").is_file()
    strip = lambda text: {k: v for k, v in json.loads(text).items() if k != "summary"}  # noqa: E731 - elapsed differs
    assert strip(first.stdout) == strip(second.stdout)
    keep = folder / "parsed" / "notes.txt"
    keep.write_text("not ours", encoding="utf-8")
    proc = run_cli("cache", "clear", "--cache-dir", str(folder))
    assert proc.returncode == 0 and proc.stdout.startswith("removed 8 cache entries from ")
    assert _entries(folder) == [] and keep.is_file()


def test_cache_folder_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CONSISTENCY_CHECK_CACHE_DIR", str(tmp_path / "env"))
    assert default_dir() == tmp_path / "env"
    monkeypatch.delenv("CONSISTENCY_CHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_dir() == tmp_path / "xdg" / "consistency-check"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_dir() == tmp_path / "home" / ".cache" / "consistency-check"


def test_clear_of_a_missing_or_foreign_folder_removes_nothing(tmp_path: Path) -> None:
    assert clear(tmp_path / "absent") == 0
    (tmp_path / "parsed" / "zz").mkdir(parents=True)
    (tmp_path / "parsed" / "zz" / ("a" * 64 + ".json")).write_text("{}", encoding="utf-8")
    assert clear(tmp_path) == 0 and (tmp_path / "parsed" / "zz").is_dir()
