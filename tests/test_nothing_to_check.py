"""A run that checks nothing is a usage or configuration error (exit 2), never a green run."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_examples import run_cli

FAQ = "# Returns\n\n## How long do I have to return an item?\n\nReturns are accepted within 30 days.\n"


def _project(root: Path, config: str) -> None:
    (root / "web").mkdir()
    (root / "web" / "faq.md").write_text(FAQ, encoding="utf-8")
    (root / "consistency-check.yaml").write_text(config, encoding="utf-8")


def test_no_config_and_no_paths(tmp_path: Path) -> None:
    (tmp_path / "faq.md").write_text(FAQ, encoding="utf-8")
    proc = run_cli("check", cwd=tmp_path)
    assert proc.returncode == 2 and not proc.stdout
    assert proc.stderr.startswith(
        f"consistency-check: error: nothing to check: no consistency-check.yaml in {tmp_path}"
    )
    assert "consistency-check init" in proc.stderr


def test_paths_holding_no_file(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    proc = run_cli("check", "empty", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (2, "consistency-check: error: empty: no file to check\n")


def test_every_source_file_excluded(tmp_path: Path) -> None:
    _project(tmp_path, "exclude: [web]\nsources:\n  - path: web\n    channel: web\n")
    proc = run_cli("check", cwd=tmp_path)
    assert proc.returncode == 2
    assert "consistency-check.yaml: every file its sources match is excluded: nothing to check" in proc.stderr


def test_a_declared_channel_can_be_named_by_sources(tmp_path: Path) -> None:
    _project(tmp_path, "channels: [help-centre]\nsources:\n  - path: web\n    channel: help-centre\n")
    proc = run_cli("check", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert '"files": 1' in proc.stdout


def test_an_unknown_channel_in_a_brief_suggests_the_closest(tmp_path: Path) -> None:
    _project(tmp_path, "sources:\n  - path: web\n    channel: web\n")
    brief = tmp_path / "brief.yaml"
    brief.write_text("name: Sale\nstarts: 2025-06-01\nends: 2025-06-30\nchannels: [web, chatbto]\n", encoding="utf-8")
    proc = run_cli("campaign", "brief.yaml", cwd=tmp_path)
    assert proc.returncode == 2
    assert "brief.yaml:4 at 'channels[1]': unknown channel 'chatbto'; did you mean 'chatbot'?" in proc.stderr


def test_explain_an_unknown_check_suggests_the_closest() -> None:
    proc = run_cli("explain", "retrun-window")
    assert (proc.returncode, proc.stderr) == (
        2,
        "consistency-check: error: unknown check 'retrun-window'; did you mean 'return-window'? "
        "'consistency-check rules' lists them\n",
    )
    proc = run_cli("explain", "CC2O1")  # the letter O for a zero
    assert "did you mean 'CC201'?" in proc.stderr


def test_a_channel_like_no_known_one_is_read_with_a_note(tmp_path: Path) -> None:
    """'kb' is no mistyping of a built-in channel: it is read as a channel of its own, and a note asks to declare it."""
    _project(tmp_path, "sources:\n  - path: web\n    channel: kb\n")
    proc = run_cli("check", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (
        "consistency-check.yaml:2: channel 'kb' is not declared; it is read as a channel of its own "
        "(declare it to silence this note: channels: [kb])"
    ) in json.loads(proc.stdout)["notes"]
    (tmp_path / "consistency-check.yaml").write_text("channels: [kb]\nsources:\n  - path: web\n    channel: kb\n")
    assert "not declared" not in run_cli("check", "--format", "json", cwd=tmp_path).stdout
