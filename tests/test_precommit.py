"""The pre-commit hook for real: a throwaway content repository uses this project as a hook repository.

The project's files are committed to a temporary git repository, which a
content repository names in its ``.pre-commit-config.yaml`` with that commit
as ``rev``. pre-commit then builds the hook's own virtual environment from it
(``pip install .``, offline from the configured package index), exactly as it
would from a published release, and runs it on every ``git commit``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_examples import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

CONFIG = """\
sources:
  - path: "web/*.md"
    channel: web
  - path: "store/*.txt"
    channel: store
  - path: "bot/*.xml"
    channel: chatbot
"""
FAQ = """\
# Returns

## How long do I have to return an item?

Unused items can be returned within 30 days of purchase for a full refund.

## How long do refunds take?

Refunds are issued within 5 business days of receiving your return.
"""
BOT = """\
<?xml version="1.0" encoding="UTF-8"?>
<BotVersion xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>v1</fullName>
    <botDialogs>
        <botSteps>
            <botMessages>
                <message>You can return unused items within 30 days of purchase.</message>
            </botMessages>
            <type>Message</type>
        </botSteps>
        <developerName>Return_Policy</developerName>
        <label>How long do I have to return an item?</label>
    </botDialogs>
</BotVersion>
"""
SCRIPT = """\
RETURNS
"You can return unused items within 30 days of purchase for a full refund."
"Refunds are issued within 5 business days after we receive the return."
"""


def _git(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


#: The tag the README and docs install and pin (a release); the snapshot below is tagged with it.
RELEASE = "v0.1.0"


def git_env(tmp_path: Path) -> dict[str, str]:
    """An environment for git and pre-commit that reads no user or system configuration."""
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_GLOBAL": str(gitconfig),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Content Team",
        "GIT_AUTHOR_EMAIL": "content@example.invalid",
        "GIT_COMMITTER_NAME": "Content Team",
        "GIT_COMMITTER_EMAIL": "content@example.invalid",
        "NO_COLOR": "1",
    }


def release_repository(dest: Path, env: dict[str, str]) -> str:
    """A snapshot of this project (what a release would hold), committed and tagged :data:`RELEASE`."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, dest / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "consistency_check", dest / "consistency_check", ignore=ignore)
    shutil.copytree(ROOT / "rules", dest / "rules", ignore=ignore)
    _git(dest, "init", "-q", env=env)
    _git(dest, "add", "-A", env=env)
    assert _git(dest, "commit", "-q", "-m", "snapshot", env=env).returncode == 0
    assert _git(dest, "tag", RELEASE, env=env).returncode == 0
    return _git(dest, "rev-parse", "HEAD", env=env).stdout.strip()


def readme_block(section: str, lang: str) -> str:
    """The first ``lang`` block under the README's ``## section``."""
    import re

    body = (ROOT / "README.md").read_text(encoding="utf-8").split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(rf"```{lang}\n(.*?)```", body, re.S)
    assert match, f"no {lang} block under {section}"
    return match.group(1)


def test_hook_refuses_a_contradiction_and_accepts_a_consistent_change(tmp_path: Path) -> None:
    env = git_env(tmp_path)
    hooks = tmp_path / "hooks"
    release_repository(hooks, env)

    site = tmp_path / "site"
    (site / "web").mkdir(parents=True)
    (site / "store").mkdir()
    (site / "consistency-check.yaml").write_text(CONFIG, encoding="utf-8")
    (site / "web" / "returns.md").write_text(FAQ, encoding="utf-8")
    (site / "store" / "script.txt").write_text(SCRIPT, encoding="utf-8")
    (site / "bot").mkdir()
    (site / "bot" / "v1.botVersion-meta.xml").write_text(BOT, encoding="utf-8")
    # The README's snippet as written, with this snapshot as the repository.
    snippet = readme_block("pre-commit", "yaml").replace("<repository URL>", hooks.as_posix())
    assert f"rev: {RELEASE}" in snippet
    (site / ".pre-commit-config.yaml").write_text(snippet, encoding="utf-8")
    _git(site, "init", "-q", env=env)
    pre_commit = [sys.executable, "-m", "pre_commit"]
    installed = subprocess.run(
        [*pre_commit, "install", "--install-hooks"], cwd=site, env=env, capture_output=True, text=True, timeout=600
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    def commit(message: str) -> subprocess.CompletedProcess[str]:
        _git(site, "add", "-A", env=env)
        return _git(site, "commit", "-m", message, env=env)

    first = commit("Consistent content")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "consistency-check" in first.stdout + first.stderr and "Passed" in first.stdout + first.stderr

    script = site / "store" / "script.txt"
    script.write_text(SCRIPT.replace("within 30 days", "within 45 days"), encoding="utf-8")
    refused = commit("Holiday return window")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "Failed" in output and "CC201 return-window" in output
    assert "store/script.txt:2" in output and "web/returns.md:5" in output and "45 days" in output
    assert _git(site, "rev-list", "--count", "HEAD", env=env).stdout.strip() == "1"

    script.write_text(SCRIPT, encoding="utf-8")  # the contradiction is withdrawn
    (site / "web" / "returns.md").write_text(
        FAQ + "\nExchanges are free within 30 days of purchase.\n", encoding="utf-8"
    )
    accepted = commit("Consistent edit")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert _git(site, "rev-list", "--count", "HEAD", env=env).stdout.strip() == "2"

    # A commit that changes only Einstein Bot metadata (.xml) runs the hook too.
    bot = site / "bot" / "v1.botVersion-meta.xml"
    bot.write_text(BOT.replace("within 30 days", "within 60 days"), encoding="utf-8")
    output = (refused := commit("Bot return window")).stdout + refused.stderr
    assert refused.returncode != 0 and "bot/v1.botVersion-meta.xml:7" in output and "60 days" in output, output
    bot.write_text(BOT, encoding="utf-8")

    # A staged YAML file that no source lists is passed to the hook and skipped (--sources-only).
    (site / "notes.yaml").write_text("owner: content team\n", encoding="utf-8")
    unrelated = commit("Notes")
    assert unrelated.returncode == 0 and "Passed" in unrelated.stdout + unrelated.stderr, (
        unrelated.stdout + unrelated.stderr
    )


def _examples_in(dest: Path) -> Path:
    shutil.copytree(ROOT / "examples", dest)
    (dest / "README.md").write_text("# Content\n\nReturns within 90 days.\n", encoding="utf-8")
    return dest


def test_changed_files_from_the_repository_root_with_sources_only(tmp_path: Path) -> None:
    from tests.test_examples import run_cli

    root = _examples_in(tmp_path / "repo")
    (root / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    proc = run_cli(
        "check",
        "--sources-only",
        "--format",
        "json",
        "store/phone-script.txt",
        "README.md",
        ".pre-commit-config.yaml",
        cwd=root,
    )
    assert proc.returncode == 1, proc.stderr
    import json

    report = json.loads(proc.stdout)
    assert report["findings"] and all(
        any(loc["path"] == "store/phone-script.txt" for loc in f["locations"]) for f in report["findings"]
    )
    assert report["summary"]["files"] == 8  # the whole corpus, and nothing else

    nothing = run_cli("check", "--sources-only", "README.md", cwd=root)
    assert nothing.returncode == 0 and "nothing to check" in nothing.stdout

    without = run_cli("check", "README.md", cwd=root)  # without --sources-only a given file is read too
    assert "README.md: channel 'web' inferred" in without.stdout


def test_config_in_a_subfolder_is_found_from_the_staged_paths(tmp_path: Path) -> None:
    from tests.test_examples import run_cli

    repo = tmp_path / "repo"
    _examples_in(repo / "content")
    (repo / "README.md").write_text("# Site\n", encoding="utf-8")
    proc = run_cli("check", "--sources-only", "README.md", "content/store/phone-script.txt", cwd=repo)
    assert proc.returncode == 1 and "store/phone-script.txt:12" in proc.stdout


def test_sources_only_needs_a_config(tmp_path: Path) -> None:
    from tests.test_examples import run_cli

    (tmp_path / "a.md").write_text("Returns within 30 days.\n", encoding="utf-8")
    proc = run_cli("check", "--sources-only", "a.md", cwd=tmp_path)
    assert proc.returncode == 2 and "--sources-only needs a config file" in proc.stderr


def test_manifest_is_valid_and_lists_the_hook() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "consistency-check" and hook["require_serial"] is True and hook["language"] == "python"
    assert hook["entry"].startswith("consistency-check check --sources-only")
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
