"""The configuration, policy, rule, campaign, ignore-file and CI examples of the README and docs/ load as written.

(The ``sh`` command examples are run by :mod:`tests.test_doc_commands`.)
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

from consistency_check.campaign import load_brief
from consistency_check.policy import load_policies
from consistency_check.rules import load_rules
from consistency_check.suppress import load_ignore_file
from tests.test_examples import EXAMPLES, ROOT, run_cli


def block(page: str, lang: str, section: str = "", index: int = 0) -> str:
    """The ``index``-th fenced block of ``lang`` in ``page`` (under its ``## section`` heading, if given)."""
    text = (ROOT / page).read_text(encoding="utf-8")
    if section:
        text = text.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    found = re.findall(rf"```{lang}\n(.*?)```", text, re.S)
    assert len(found) > index, f"no {lang} block {index} in {page} {section}"
    return found[index]


def _check_with(config: str, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    """The JSON report of ``check`` on a copy of the example corpus with ``config`` as its config."""
    project = tmp_path / "project"
    shutil.copytree(EXAMPLES, project)
    (project / "consistency-check.yaml").write_text(config, encoding="utf-8")
    proc = run_cli("check", "--format", "json", "--no-cache", cwd=project)
    assert proc.returncode == 1, proc.stderr
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def _quiet(notes: list[str]) -> list[str]:
    """The notes but the count of findings below the confidence threshold (the example has a few)."""
    return [n for n in notes if "less likely than the confidence threshold" not in n]


def test_readme_minimal_config_runs_on_the_example(tmp_path: Path) -> None:
    report = _check_with(block("README.md", "yaml", "A minimal config"), tmp_path)
    assert report["summary"]["files"] == 8 and _quiet(report["notes"]) == []


def test_full_config_reference_runs_as_copied(tmp_path: Path) -> None:
    report = _check_with(block("docs/configuration.md", "yaml"), tmp_path)
    assert report["summary"]["files"] == 7  # web/*.html leaves out web/shipping.md
    assert _quiet(report["notes"]) == [
        "consistency-check.yaml:26: optional source 'drafts-to-come/*.md' matches no file"
    ]


def test_policy_example_loads(tmp_path: Path) -> None:
    (tmp_path / "returns.yaml").write_text(block("docs/policies.md", "yaml"), encoding="utf-8")
    facts = load_policies([tmp_path], load_rules()).facts
    assert [f.rule.name for f in facts] == [
        "return-window",
        "return-window",
        "return-window",
        "payment-methods",
        "store-hours",
    ]


def test_rule_example_loads_and_campaign_example_loads(tmp_path: Path) -> None:
    rules = tmp_path / "my-rules"
    rules.mkdir()
    (rules / "gift-wrap-fee.yaml").write_text(block("docs/rules.md", "yaml"), encoding="utf-8")
    ruleset = load_rules((rules,))
    assert ruleset.by_code("NW101") is not None
    (tmp_path / "brief.md").write_text(block("docs/campaigns.md", "markdown"), encoding="utf-8")
    brief = load_brief(tmp_path / "brief.md", ruleset)
    assert brief.name == "Spring Gear Fest" and brief.terms[0].value == "60 days"


def test_ignore_file_example_loads(tmp_path: Path) -> None:
    path = tmp_path / ".consistency-check-ignore.yaml"
    path.write_text(block("docs/suppressions.md", "yaml", index=1), encoding="utf-8")
    (entry,) = load_ignore_file(path, path.name)
    assert entry.codes == ("CC203",) and entry.expires == "2025-12-31"


def test_ci_jobs_are_valid_yaml_running_the_installed_tool() -> None:
    for page in ("README.md", "docs/outputs.md"):
        job = yaml.safe_load(block(page, "yaml", "In CI"))
        steps = job["jobs"]["channels"]["steps"]
        runs = [step["run"] for step in steps if "run" in step]
        assert runs[0] == 'pipx install "git+<repository URL>@v0.1.0"'
        assert any("consistency-check check" in run for run in runs[1:])


def test_pre_commit_snippets_agree() -> None:
    readme = yaml.safe_load(block("README.md", "yaml", "pre-commit"))
    docs = yaml.safe_load(block("docs/pre-commit.md", "yaml"))
    for config in (readme, docs):
        (repo,) = config["repos"]
        assert (repo["repo"], repo["rev"], repo["hooks"][0]["id"]) == (
            "<repository URL>",
            "v0.1.0",
            "consistency-check",
        )
