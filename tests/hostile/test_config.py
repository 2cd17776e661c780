"""Configuration mistakes: located exit-2 errors, or warnings when the run can go on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from consistency_check.config import Config, load_config
from consistency_check.discovery import SourceFile, from_config
from consistency_check.pipeline import read_source
from tests.hostile.corpus import HEALTHY_CONFIG, has_return_window_conflict, json_report, run_cli, write_project

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

# (label, config text, the located message on stderr)
BAD = [
    ("unknown top-level key", HEALTHY_CONFIG + "colour: blue\n", ":9 at 'colour': unknown key 'colour'"),
    (
        "unknown source key",
        HEALTHY_CONFIG.replace("    channel: web\n", "    channel: web\n    formt: markdown\n"),
        ":4 at 'sources[0].formt': unknown key 'formt'",
    ),
    ("sources not a list", "sources: web/\n", ":1 at 'sources': expected array, got str 'web/'"),
    ("path not a string", "sources:\n  - path: 42\n", ":2 at 'sources[0].path': expected string, got int 42"),
    (
        "channel not a string",
        "sources:\n  - path: web\n    channel: [web]\n",
        ":3 at 'sources[0].channel': expected string",
    ),
    (
        "max_files not a number",
        HEALTHY_CONFIG + "max_files: lots\n",
        ":9 at 'max_files': expected integer, got str 'lots'",
    ),
    ("max_file_mb zero", HEALTHY_CONFIG + "max_file_mb: 0\n", ":9 at 'max_file_mb': 0 is less than the minimum of 1"),
    ("empty sources", "sources: []\n", ":1 at 'sources': [] should be non-empty"),
    ("no sources", "locale: en-US\n", ":1: no 'sources': nothing to check"),
    (
        "unknown channel",
        HEALTHY_CONFIG.replace("channel: store", "channel: stores"),
        ":5 at 'sources[1].channel': unknown channel 'stores'; did you mean 'store'?",
    ),
    (
        "a declared channel that is built in",
        "channels: [email, web]\n" + HEALTHY_CONFIG,
        ":1 at 'channels[1]': 'web' is a built-in channel",
    ),
    (
        "a channel named like the policy column",
        "channels: [policy]\n" + HEALTHY_CONFIG,
        ":1 at 'channels[0]': 'policy' is a name reports use for the reference",
    ),
    ("not a mapping", "- web\n- store\n", ":1: expected object, got list"),
    ("duplicate key", "sources:\n  - path: web\nsources:\n  - path: store\n", ""),
    (
        "rule folder missing",
        HEALTHY_CONFIG + "rules: [my-rules]\n",
        ":9 at 'rules[0]': rule folder 'my-rules' not found",
    ),
]


@pytest.mark.parametrize("label,text,message", BAD, ids=[b[0] for b in BAD])
def test_bad_config_is_exit_2_with_a_located_message(tmp_path: Path, label: str, text: str, message: str) -> None:
    write_project(tmp_path)
    (tmp_path / "consistency-check.yaml").write_text(text, encoding="utf-8")
    proc = run_cli("check", cwd=tmp_path, timeout=60)
    if label == "duplicate key":  # YAML keeps the last value: a valid config, the run goes on
        assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr
        return
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert message in proc.stderr and "consistency-check.yaml:" in proc.stderr


def _run_json(tmp_path: Path) -> tuple[dict, str]:
    proc = run_cli("check", "--format", "json", cwd=tmp_path, timeout=60)
    assert proc.returncode == 1, proc.stderr
    return json_report(proc.stdout), proc.stderr


def test_a_glob_matching_nothing_stops_the_run_naming_the_config_line(tmp_path: Path) -> None:
    write_project(tmp_path, '  - path: "chatbot/**/*.yml"\n    channel: chatbot\n')
    proc = run_cli("check", "--format", "json", cwd=tmp_path, timeout=60)
    assert proc.returncode == 2 and not proc.stdout
    assert proc.stderr == (
        "consistency-check: error: consistency-check.yaml:9: source 'chatbot/**/*.yml' matches no file; "
        "correct the pattern, or mark the source 'optional: true' if its content may not exist yet\n"
    )


def test_an_optional_glob_matching_nothing_is_a_note_and_the_run_goes_on(tmp_path: Path) -> None:
    write_project(tmp_path, '  - path: "chatbot/**/*.yml"\n    channel: chatbot\n    optional: true\n')
    report, _ = _run_json(tmp_path)
    assert "consistency-check.yaml:9: optional source 'chatbot/**/*.yml' matches no file" in report["notes"]
    assert has_return_window_conflict(report["findings"])


def test_a_source_listed_twice_is_a_warning_and_its_files_are_read_once(tmp_path: Path) -> None:
    write_project(tmp_path, '  - path: "web/*"\n    channel: web\n')
    report, _ = _run_json(tmp_path)
    assert any(
        "consistency-check.yaml:9: source 'web/*' is listed twice (first at line 2)" in n for n in report["notes"]
    )
    assert (report["summary"]["files"], report["summary"]["statements"]) == (2, 2)
    config = load_config(tmp_path / "consistency-check.yaml")
    files, _ = from_config(config)
    assert [f.path for f in files] == ["store/script.txt", "web/faq.md"]


def test_a_file_two_sources_read_differently_is_a_warning_and_read_once(tmp_path: Path) -> None:
    write_project(tmp_path, '  - path: "web/faq.md"\n    channel: store\n')
    config = load_config(tmp_path / "consistency-check.yaml")
    files, notes = from_config(config)
    assert [(f.path, f.channel) for f in files] == [("store/script.txt", "store"), ("web/faq.md", "web")]
    assert any(
        "consistency-check.yaml:9: web/faq.md is already listed by the source at line 2 (channel web" in n
        for n in notes
    )


def test_an_unreadable_source_is_a_parse_error_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("# Q\n\nReturns within 30 days.\n", encoding="utf-8")
    original = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "secret.md":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    outcome = read_source(SourceFile("secret.md", secret, "web", "auto", ""), Config(root=tmp_path))
    assert [f.message for f in outcome.findings] == ["cannot read file: Permission denied"]
    assert outcome.findings[0].sides[0].location.path == "secret.md"


@pytest.mark.skipif(AS_ROOT, reason="running as root: chmod 000 does not stop reads")
def test_chmod_000_source_and_config(tmp_path: Path) -> None:
    write_project(tmp_path)
    locked = tmp_path / "bad" / "locked.md"
    locked.write_text("# Q\n\nReturns within 10 days.\n", encoding="utf-8")
    locked.chmod(0)
    try:
        report, _ = _run_json(tmp_path)
        errors = [f for f in report["findings"] if f["code"] == "CC001"]
        assert errors and "Permission denied" in errors[0]["message"]
        assert has_return_window_conflict(report["findings"])
        config = tmp_path / "consistency-check.yaml"
        config.chmod(0)
        proc = run_cli("check", cwd=tmp_path, timeout=60)
        assert proc.returncode == 2 and "cannot read file" in proc.stderr and "Traceback" not in proc.stderr
    finally:
        locked.chmod(0o644)
        (tmp_path / "consistency-check.yaml").chmod(0o644)
