"""The README's install commands, run as written on a snapshot of this repository tagged as a release.

The repository URL is the only thing replaced (by the snapshot's path), and
``pipx``/``python3`` run with this interpreter. pipx installs into folders of
the test's own; the installed ``consistency-check`` is then the only one on
``PATH`` for the README's first run (``init``, then ``check``) in a copy of the
example content. The wheel the README's other route builds is built and
checked, not installed a second time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_doc_commands import commands
from tests.test_examples import EXAMPLES, ROOT
from tests.test_precommit import git_env, release_repository

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _readme_block(section: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8").split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    return [line for _, lines in commands(text) for line in lines]


def _run(line: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    line = line.replace("pipx ", f"{sys.executable} -m pipx ", 1).replace("python3 ", f"{sys.executable} ", 1)
    return subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def _pipx_env(tmp_path: Path) -> dict[str, str]:
    env = git_env(tmp_path)
    bin_dir = tmp_path / "bin"
    path = [
        p for p in env.get("PATH", "").split(os.pathsep) if Path(p).resolve() != Path(sys.executable).parent.resolve()
    ]
    env.update(
        PIPX_HOME=str(tmp_path / "pipx"),
        PIPX_BIN_DIR=str(bin_dir),
        PIPX_MAN_DIR=str(tmp_path / "man"),
        PATH=os.pathsep.join([str(bin_dir), *path]),
    )
    env.pop("VIRTUAL_ENV", None)
    return env


def _first_run(tmp_path: Path, env: dict[str, str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(EXAMPLES, content, ignore=shutil.ignore_patterns("consistency-check.yaml"))
    init, check = _readme_block("First run: `init`, then `check`")
    assert (init, check) == ("consistency-check init", "consistency-check check")
    assert _run(init, content, env).returncode == 0
    checked = _run(check, content, env)
    assert checked.returncode == 1 and "CC201 return-window" in checked.stdout, checked.stderr


def test_pipx_install_from_the_repository_at_a_release_tag(tmp_path: Path) -> None:
    env = _pipx_env(tmp_path)
    repo = tmp_path / "consistency-check"
    release_repository(repo, env)
    install, version = _readme_block("Install it for your content repository")[:2]
    assert install == 'pipx install "git+<repository URL>@v0.1.0"'
    proc = _run(install.replace("<repository URL>", repo.as_uri()), tmp_path, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert shutil.which("consistency-check", path=env["PATH"]) == str(tmp_path / "bin" / "consistency-check")
    shown = _run(version, tmp_path, env)
    assert shown.returncode == 0 and shown.stdout.startswith("consistency-check 0.1.0"), shown.stderr
    _first_run(tmp_path, env)


def test_the_wheel_built_from_a_checkout_is_the_one_the_readme_installs(tmp_path: Path) -> None:
    # pipx installing a wheel is pipx's own business (and the install from the tag above covers the
    # tool's side of it); what the README must get right is the command that builds it and its name.
    import zipfile

    env = _pipx_env(tmp_path)
    checkout = tmp_path / "consistency-check"
    release_repository(checkout, env)
    build, install = _readme_block("Install it for your content repository")[2:]
    assert build == "python3 -m pip wheel --no-deps -w dist ."
    proc = _run(build, checkout, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    wheel = install.removeprefix("pipx install ")
    assert install.startswith("pipx install ") and (checkout / wheel).is_file(), sorted((checkout / "dist").iterdir())
    names = zipfile.ZipFile(checkout / wheel).namelist()
    for needed in (
        "consistency_check/cli.py",
        "consistency_check/schemas/config.schema.json",
        "consistency_check/builtin_rules/scopes.yaml",
        "consistency_check/facts/languages/es.yaml",
        "consistency_check/schemas/language.schema.json",
    ):
        assert needed in names
    assert any(n.endswith("entry_points.txt") for n in names)
