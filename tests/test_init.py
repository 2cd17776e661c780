"""``consistency-check init``: a config written from what is found, on which ``check`` runs without edits."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from consistency_check.config import load_config
from tests.test_examples import EXAMPLES, run_cli

THROWAWAY = {
    "README.md": "# Our content\n\nThis repository holds the help centre.\n",
    "faq.html": (
        "<html><body><h2>How long do I have to return?</h2><p>Returns are accepted within 45 days.</p></body></html>"
    ),
    "help/returns/faq.md": "# Returns\n\n## How long?\n\nReturns are accepted within 30 days.\n",
    "kb/script.txt": 'RETURNS\n"You can return items within 30 days."\n',
    "bot/domain.yml": 'version: "3.1"\nresponses:\n  utter_returns:\n  - text: Returns are accepted within 30 days.\n',
    "img/logo.png": "PNG",
    "site/logo.png": "PNG",
    "site/ship.md": "# Shipping\n\nShipping is free over $50.\n",
    "site/data.csv": "a,b\n",
}
EXPECTED = """\
# consistency-check configuration, written by 'consistency-check init'.
# Every key: docs/configuration.md, or the JSON Schema that 'consistency-check schema config' prints.
# Each source is a glob or a folder (read recursively), relative to this file; each file's format is
# recognised from its content. Channels: web, chatbot, agent, store, or one declared in 'channels:'.
locale: en-US          # the language of the sources that do not state one
region: US             # for phone numbers and '$'
fail_on: warning       # the lowest severity that fails a run: error, warning, info or never
sources:
  - path: "*.html"  # 1 file: 1 html
    channel: web  # from the format; change it if these files are for another channel
  - path: "bot/"  # 1 file: 1 rasa
    channel: chatbot
  - path: "help/"  # 1 file: 1 markdown
    channel: web
  - path: "kb/"  # 1 file: 1 text
    channel: agent
  - path: "site/"  # 1 file: 1 markdown
    channel: web
    exclude:
      - "site/**/*.csv"
      - "site/**/*.png"
# Left out (not content, or no format recognised):
#   README.md: a project file, not content
#   site/data.csv: no format recognised
"""


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def test_init_on_a_throwaway_folder_then_check_runs_as_written(tmp_path: Path) -> None:
    _write(tmp_path, THROWAWAY)
    proc = run_cli("init", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-2:] == [
        "wrote consistency-check.yaml: 5 sources; 2 left out (listed in its comments)",
        "next: consistency-check check",
    ]
    assert (tmp_path / "consistency-check.yaml").read_text(encoding="utf-8") == EXPECTED
    load_config(tmp_path / "consistency-check.yaml")  # schema-valid
    check = run_cli("check", "--format", "json", "--no-cache", cwd=tmp_path)
    assert check.returncode == 1, check.stderr
    report = json.loads(check.stdout)
    assert report["summary"]["files"] == 5 and report["notes"] == []
    assert [(f["code"], sorted(loc["value"] for loc in f["locations"])) for f in report["findings"]] == [
        ("CC201", ["30 days", "30 days", "45 days"])
    ]


def test_init_on_the_examples_finds_what_their_own_config_finds(tmp_path: Path) -> None:
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("consistency-check.yaml"))
    proc = run_cli("init", "examples", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = (folder / "consistency-check.yaml").read_text(encoding="utf-8")
    for line in ('path: "agent/"', 'path: "chatbot/"', 'path: "store/"', 'path: "web/"'):
        assert line in text
    assert "campaigns/spring-gear-fest.md: a campaign brief" in text
    ours = run_cli("check", "examples", "--format", "json", "--no-cache", cwd=tmp_path)
    theirs = run_cli("check", "examples", "--format", "json", "--no-cache")
    assert ours.returncode == theirs.returncode == 1, ours.stderr

    def prints(out: str) -> list[str]:
        return sorted(f["fingerprint"] for f in json.loads(out)["findings"])

    assert prints(ours.stdout) == prints(theirs.stdout)


def test_init_refuses_to_replace_a_config_unless_forced(tmp_path: Path) -> None:
    _write(tmp_path, {"faq.md": THROWAWAY["help/returns/faq.md"], "consistency-check.yaml": "# mine\n"})
    proc = run_cli("init", cwd=tmp_path)
    assert (proc.returncode, proc.stderr) == (
        2,
        "consistency-check: error: consistency-check.yaml: a config file is already there; give --force to replace "
        "it\n",
    )
    assert (tmp_path / "consistency-check.yaml").read_text(encoding="utf-8") == "# mine\n"
    assert run_cli("init", "--force", cwd=tmp_path).returncode == 0
    assert 'path: "*.md"' in (tmp_path / "consistency-check.yaml").read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_init_with_no_content_is_exit_2(tmp_path: Path) -> None:
    _write(tmp_path, {"README.md": "# hello\n", "logo.png": "PNG"})
    proc = run_cli("init", cwd=tmp_path)
    assert proc.returncode == 2 and "no content found under ." in proc.stderr
    assert not (tmp_path / "consistency-check.yaml").exists()
    assert run_cli("init", "nowhere", cwd=tmp_path).stderr == "consistency-check: error: nowhere: no such folder\n"


def test_project_files_are_left_out_but_help_pages_named_like_them_are_read(tmp_path: Path) -> None:
    from consistency_check.init_config import scan

    page = "# Security\n\n## How long is a reset link valid?\n\nA reset link is valid for 24 hours.\n"
    _write(tmp_path, {"LICENSE.md": "MIT\n", "CHANGELOG.md": "# 1.0\n", "docs/README.md": "# Docs\n"})
    _write(tmp_path, {"docs/security.md": page, "docs/history.md": page, "docs/SECURITY.md": "# Report a bug\n"})
    plan = scan(tmp_path)
    assert [(s.path, [f.path for f in s.files], s.exclude) for s in plan.sources] == [
        ("docs/", ["docs/history.md", "docs/security.md"], ["docs/README.md", "docs/SECURITY.md"])
    ]
    assert {f.path for f in plan.skipped} == {"CHANGELOG.md", "LICENSE.md", "docs/README.md", "docs/SECURITY.md"}
