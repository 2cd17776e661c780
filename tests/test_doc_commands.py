"""Every command example in the README and the documentation site runs as written.

Each ``sh`` block is read line by line (a trailing ``\\`` joins lines, a
``  # comment`` is dropped). A line that runs ``consistency-check`` is run
with bash, in a copy of ``examples/`` and ``policies/`` (with a config at its
root listing the example's sources, for the examples that run in a project's
own folder), or, for a block whose first line says it runs in your content
repository, in a copy of the example content and policies where
``consistency-check init`` wrote the config (as the README's first run does). It must
exit 0 or 1 (findings), never 2 or 3, and print no traceback. Every other
line must be one this module knows is run elsewhere (``KNOWN``), so that a
new kind of example cannot go untested unnoticed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_examples import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```sh\n(.*?)```", re.S)
COMMENT = re.compile(r"\s+#\s.*$")
#: Commands run by another test, or too long to run in the suite (with where they are run).
KNOWN = {
    "make demo": "the newcomer path (a fresh clone), CI's make test installs the same way",
    "make test": ".ci/run",
    "make lint": ".ci/run runs it before the tests",
    "make lock": "tests/test_lock.py checks the lock it writes",
    "make bench": "a benchmark of minutes: benchmarks/perf/bench.py",
    "pipx install": "tests/test_install.py installs from a tagged snapshot of this repository",
    "python3 -m pip wheel": "tests/test_install.py builds the wheel",
    "python3 -m venv .venv": "make demo and make test do the same",
    ".venv/bin/pip install": "make test does the same",
    ".venv/bin/python scripts/screenshot_html.py": "tests/test_screenshot_html.py",
    ".venv/bin/python benchmarks/accuracy/score.py": "tests/test_accuracy.py scores the same corpus",
    ".venv/bin/python benchmarks/accuracy/pairs.py": "fitting the linkage model: minutes (docs/linkage.md)",
    ".venv/bin/python benchmarks/accuracy/fit.py": "fitting the linkage model: minutes (docs/linkage.md)",
    ".venv/bin/python -m pip install numpy": "fitting the linkage model only (docs/linkage.md)",
    ".venv/bin/python benchmarks/realworld.py": "minutes on the real help centres (tests/test_linkage_figures.py)",
    ".venv/bin/python benchmarks/perf/bench.py": "a benchmark of minutes",
    "pre-commit install": "tests/test_precommit.py",
}
ROOT_CONFIG = """\
# The example's sources, for the documentation's examples run from this folder.
policies: []
sources:
  - path: "examples/web/*.html"
    channel: web
  - path: "examples/web/*.md"
    channel: web
  - path: "examples/chatbot/**/*.yml"
    channel: chatbot
  - path: "examples/agent/*.json"
    channel: agent
  - path: "examples/store/*"
    channel: store
"""


def commands(text: str) -> list[tuple[bool, list[str]]]:
    """Each sh block: whether it runs in a content repository, and its command lines."""
    out = []
    for block in BLOCK.findall(text):
        lines: list[str] = []
        pending = ""
        for raw in block.splitlines():
            line = COMMENT.sub("", raw).rstrip()
            if line.endswith("\\"):
                pending += line[:-1].rstrip() + " "
                continue
            line = (pending + line.strip()).strip()
            pending = ""
            if line and not line.startswith("#"):
                lines.append(line)
        first = block.splitlines()[0] if block.strip() else ""
        out.append(("content repository" in first, lines))
    return out


CASES = [
    pytest.param(page, number, in_repo, lines, id=f"{page.relative_to(ROOT).as_posix()}#{number}")
    for page in PAGES
    for number, (in_repo, lines) in enumerate(commands(page.read_text(encoding="utf-8")), start=1)
]


def _workspace(tmp_path: Path, content_repo: bool) -> Path:
    if content_repo:  # the example's content and policies, with no config yet
        repo = tmp_path / "content"
        shutil.copytree(ROOT / "examples", repo, ignore=shutil.ignore_patterns("consistency-check.yaml"))
        shutil.copytree(ROOT / "policies" / "northwind", repo / "policies")
        return repo
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "policies", tmp_path / "policies")
    (tmp_path / "consistency-check.yaml").write_text(ROOT_CONFIG, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("page,number,content_repo,lines", CASES)
def test_command_examples_run(tmp_path: Path, page: Path, number: int, content_repo: bool, lines: list[str]) -> None:
    cwd = _workspace(tmp_path, content_repo)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    if content_repo and not any(line.startswith("consistency-check init") for line in lines):
        lines = ["consistency-check init", *lines]  # the README's first run, before the rest
    for line in lines:
        if line.startswith(".venv/bin/consistency-check"):  # the tool make demo installs: this interpreter's
            line = line.removeprefix(".venv/bin/")
        if "consistency-check" not in line.split()[0] and not line.startswith("cd "):
            assert any(line.startswith(known) for known in KNOWN), f"{page.name}: no test runs {line!r}"
            continue
        proc = subprocess.run(
            ["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
        )
        assert proc.returncode in (0, 1), f"{page.name}: {line}\n{proc.stderr}"
        assert "Traceback" not in proc.stderr and "error:" not in proc.stderr, f"{page.name}: {line}\n{proc.stderr}"


def test_every_page_with_commands_is_read() -> None:
    pages = {case.values[0] for case in CASES}  # type: ignore[attr-defined]
    assert ROOT / "README.md" in pages and ROOT / "docs" / "cli.md" in pages
