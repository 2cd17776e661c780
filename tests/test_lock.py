"""constraints.txt pins every dependency the project declares, and the set-up commands use it."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.test_examples import ROOT

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9.+!_-]+)$")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        match = PIN.match(line)
        assert match, f"constraints.txt: not a pin: {line!r}"
        pins[_norm(match.group(1))] = match.group(2)
    return pins


def test_every_declared_dependency_is_pinned() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"])
    for group in ("test", "dev", "docs"):
        declared += project["optional-dependencies"][group]
    pins = _pins()
    missing = [req for req in declared if _norm(re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0]) not in pins]
    assert not missing, f"not in constraints.txt (run 'make lock'): {missing}"
    assert "consistency-check" not in pins


def test_setup_commands_and_ci_install_the_pinned_versions() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "PIP_INSTALL = $(BIN)/python -m pip install -q -c $(CONSTRAINTS)" in makefile
    for target in ("demo", "test", "docs"):
        body = makefile.split(f"\n{target}:", 1)[1].split("\n\n", 1)[0]
        assert "$(PIP_INSTALL)" in body, target
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci and "make docs" in ci


def test_lock_drift_names_the_releases_that_changed(tmp_path: Path) -> None:
    installed = tmp_path / "installed.txt"
    pins = _pins()
    installed.write_text("PyYAML==0.0.1\npip==99\nRich==" + pins["rich"] + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "lock_drift.py"), str(ROOT / "constraints.txt"), str(installed)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout == f"pyyaml: pinned {pins['pyyaml']}, latest 0.0.1\n"


def test_the_projects_pre_commit_hooks_use_the_locked_ruff() -> None:
    """The project's own .pre-commit-config.yaml runs the ruff that `make lint` and CI run."""
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    wanted = f"ruff=={_pins()['ruff']}"
    deps = [
        dep for repo in config["repos"] for hook in repo["hooks"] for dep in hook.get("additional_dependencies", [])
    ]
    assert deps and all(dep == wanted for dep in deps if dep.startswith("ruff")), deps
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("make lint") < ci.index("make test"), "CI runs the code's checks before the tests"
