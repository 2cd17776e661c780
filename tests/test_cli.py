"""The CLI as a user meets it: version, rules, explain, and exit 2 for bad configuration."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_examples import run_cli


def test_version() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("consistency-check ")


def test_rules_lists_builtin_checks_and_subject_rules() -> None:
    proc = run_cli("rules")
    assert proc.returncode == 0
    for code in ("CC001", "CC100", "CC101", "CC201", "CC218"):
        assert code in proc.stdout


def test_explain_shows_bad_and_good_examples() -> None:
    proc = run_cli("explain", "return-window")
    assert proc.returncode == 0
    assert proc.stdout.startswith("CC201 return-window (error)")
    assert "Bad:" in proc.stdout and "Good:" in proc.stdout


def test_explain_unknown_code_is_usage_error() -> None:
    proc = run_cli("explain", "XX999")
    assert proc.returncode == 2 and "unknown check 'XX999'" in proc.stderr


def test_bad_config_exit_2_names_file_line_and_key(tmp_path: Path) -> None:
    cfg = tmp_path / "consistency-check.yaml"
    cfg.write_text("sources:\n  - path: faq.md\n    chanel: web\n", encoding="utf-8")
    proc = run_cli("check", "--config", str(cfg))
    assert proc.returncode == 2
    assert f"{cfg.as_posix()}:3 at 'sources[0].chanel': unknown key 'chanel'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_wrong_type_in_config(tmp_path: Path) -> None:
    cfg = tmp_path / "consistency-check.yaml"
    cfg.write_text("fail_on: 3\nsources:\n  - path: faq.md\n", encoding="utf-8")
    proc = run_cli("check", "--config", str(cfg))
    assert proc.returncode == 2 and ":1 at 'fail_on'" in proc.stderr


def test_missing_config_file_is_exit_2(tmp_path: Path) -> None:
    proc = run_cli("check", "--config", str(tmp_path / "nope.yaml"))
    assert proc.returncode == 2 and "config file not found" in proc.stderr


def test_missing_path_is_exit_2(tmp_path: Path) -> None:
    proc = run_cli("check", str(tmp_path / "nothing-here"), cwd=tmp_path)
    assert proc.returncode == 2 and "no such file or folder" in proc.stderr


def test_unknown_format_is_exit_2() -> None:
    proc = run_cli("check", "examples/", "--format", "pdf")
    assert proc.returncode == 2 and "unknown format 'pdf'" in proc.stderr


def test_broken_rule_file_is_located_exit_2(tmp_path: Path) -> None:
    rules = tmp_path / "my-rules"
    rules.mkdir()
    (rules / "bad.yaml").write_text(
        "code: X1\nname: Bad Name\nseverity: error\nfact: duration\nsubject: {phrases: [x]}\n", encoding="utf-8"
    )
    cfg = tmp_path / "consistency-check.yaml"
    cfg.write_text("rules: [my-rules]\nsources:\n  - path: faq.md\n", encoding="utf-8")
    proc = run_cli("check", "--config", str(cfg))
    assert proc.returncode == 2
    assert "my-rules/bad.yaml:1 at 'code'" in proc.stderr


def test_no_config_infers_channel_with_note(tmp_path: Path) -> None:
    (tmp_path / "faq.md").write_text(
        "# FAQ\n\n## How long do I have to return?\n\nYou can return items within 30 days.\n", encoding="utf-8"
    )
    (tmp_path / "script.txt").write_text("RETURNS\n\nCustomers can return items within 45 days.\n", encoding="utf-8")
    proc = run_cli("check", str(tmp_path), cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "channel 'web' inferred from format 'markdown'" in proc.stdout
    assert "faq.md:5" in proc.stdout and "script.txt:3" in proc.stdout


def test_every_format_in_one_run(tmp_path: Path) -> None:
    from consistency_check.reporters import REGISTRY

    args = ["check", "examples/", "--no-progress"]
    for name in REGISTRY:
        args += ["--format", f"{name}:{tmp_path / ('out-' + name)}"]
    proc = run_cli(*args)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == ""
    written = {name: (tmp_path / f"out-{name}").read_text(encoding="utf-8") for name in REGISTRY}
    assert written["sarif"].lstrip().startswith("{") and '"version": "2.1.0"' in written["sarif"]
    assert written["junit"].startswith("<?xml") and 'failures="10"' in written["junit"]
    assert written["github"].count("::error ") == 8 and written["github"].count("::warning ") == 2
    assert written["markdown"].startswith("## consistency-check")
    assert written["html"].startswith("<!DOCTYPE html>")


def test_format_help_lists_every_registered_format() -> None:
    from consistency_check.reporters import REGISTRY

    proc = run_cli("check", "--help")
    flat = " ".join(proc.stdout.split())
    assert "Formats: " + ", ".join(f"{n} (default)" if n == "text" else n for n in REGISTRY) + "." in flat


def test_text_to_a_pipe_or_a_file_is_not_wrapped(tmp_path: Path) -> None:
    piped = run_cli("check", "examples/", "--no-cache")  # stdout is a pipe, as in a CI log
    assert piped.returncode == 1
    line = next(ln for ln in piped.stdout.splitlines() if "shipping fee (express):" in ln)
    assert line.strip().startswith("Channels disagree") and line.rstrip().endswith("(store).")
    assert any(len(ln) > 100 for ln in piped.stdout.splitlines())
    run_cli("check", "examples/", "--no-cache", "--format", f"text:{tmp_path / 'report.txt'}")
    assert (tmp_path / "report.txt").read_text(encoding="utf-8").splitlines()[:-1] == piped.stdout.splitlines()[:-1]


def test_a_long_statement_is_a_note_and_does_not_fail_on_errors(tmp_path: Path) -> None:
    (tmp_path / "terms.md").write_text("# Terms\n\n" + "Returns are accepted within 30 days. " * 200 + "\n", "utf-8")
    proc = run_cli("check", "terms.md", "--fail-on", "error", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    (finding,) = json.loads(proc.stdout)["findings"]
    assert (finding["code"], finding["name"], finding["severity"]) == ("CC006", "long-statement", "info")
    assert finding["message"].startswith("a statement of 7,399 characters is longer than the limit of 5,000")
