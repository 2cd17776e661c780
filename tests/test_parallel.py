"""Reading files across processes changes nothing: the same report as a single-process run."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path

import pytest

from consistency_check.config import load_config
from consistency_check.discovery import from_config
from consistency_check.pipeline import _chunks, read_sources, run
from consistency_check.reporters.base import Report
from consistency_check.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]


def _generate(out: Path, statements: int) -> None:
    """Write a small synthetic corpus with the benchmark's generator."""
    spec = importlib.util.spec_from_file_location("perf_generate", ROOT / "benchmarks" / "perf" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(ROOT / "benchmarks" / "perf"))
    try:
        spec.loader.exec_module(module)
        module.generate(out, statements, seed=3)
    finally:
        sys.path.remove(str(ROOT / "benchmarks" / "perf"))


def _report(config_path: Path, jobs: int) -> Report:
    config = load_config(config_path)
    report = run(config, load_rules(config.rule_dirs, config.root), jobs=jobs)
    return dataclasses.replace(report, elapsed=0.0)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("perf") / "corpus"
    _generate(out, 1500)
    return out


@pytest.mark.parametrize("name", ["examples", "generated"])
def test_parallel_report_equals_single_process(name: str, corpus: Path) -> None:
    config = ROOT / "examples" / "consistency-check.yaml" if name == "examples" else corpus / "consistency-check.yaml"
    single = _report(config, jobs=1)
    parallel = _report(config, jobs=2)
    assert single.findings, "the corpus has contradictions to find"
    assert parallel == single


def test_outcomes_keep_file_order(corpus: Path) -> None:
    config = load_config(corpus / "consistency-check.yaml")
    files, _ = from_config(config)
    assert len(_chunks(files, 2)) >= 8  # work is spread in small runs, not one per worker
    single = list(read_sources(files, config, jobs=1))
    parallel = list(read_sources(files, config, jobs=2))
    assert [o.statements for o in parallel] == [o.statements for o in single]
    assert [o.findings for o in parallel] == [o.findings for o in single]


def test_cli_jobs_option() -> None:
    from tests.test_examples import run_cli

    one = run_cli("check", "examples/", "--format", "json", "--jobs", "1", "--no-cache")
    two = run_cli("check", "examples/", "--format", "json", "--jobs", "2", "--no-cache")
    assert one.returncode == two.returncode == 1, one.stderr + two.stderr
    assert _findings(one.stdout) == _findings(two.stdout)
    bad = run_cli("check", "examples/", "--jobs", "0")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def _findings(output: str) -> list[object]:
    import json

    return json.loads(output)["findings"]


def test_stage_timings_are_written_on_request(tmp_path: Path) -> None:
    import json
    import os
    import subprocess

    target = tmp_path / "times.json"
    env = dict(os.environ, CONSISTENCY_CHECK_TIMINGS=str(target))
    proc = subprocess.run(
        [sys.executable, "-m", "consistency_check", "check", "examples/", "--format", "json", "--no-cache"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    stages = json.loads(target.read_text(encoding="utf-8"))
    assert {"discovery", "read", "engine", "report"} <= set(stages["wall"])
    assert {"parse", "facts", "engine.align", "engine.polar"} <= set(stages["cpu"])
