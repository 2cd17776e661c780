"""Reading files across processes changes nothing: the same report as a single-process run."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path

import pytest

from consistency_check.config import load_config
from consistency_check.discovery import from_config
from consistency_check.pipeline import read_sources, run
from consistency_check.reading import _chunks
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
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    stages = json.loads(target.read_text(encoding="utf-8"))
    assert {"discovery", "read", "engine", "report"} <= set(stages["wall"])
    assert {"parse", "facts", "engine.names", "engine.link"} <= set(stages["cpu"])


@pytest.fixture
def engine_forks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The engine forks for any corpus; the steps that ran in a forked process are listed."""
    import consistency_check.engine as engine
    from consistency_check.engine import fork

    monkeypatch.setattr(engine, "PARALLEL_MIN_STATEMENTS", 0)
    forked: list[str] = []
    original = fork.Forked.__init__

    def record(self, step, owner=None, records=()):  # type: ignore[no-untyped-def]
        original(self, step, owner, records)
        forked.append(type(owner).__name__)

    monkeypatch.setattr(fork.Forked, "__init__", record)
    return forked


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the engine forks on Linux only")
@pytest.mark.parametrize("name", ["examples", "generated"])
@pytest.mark.parametrize("policy", [False, True])
def test_parallel_engine_equals_single_process(name: str, policy: bool, corpus: Path, engine_forks: list[str]) -> None:
    """Yes/no pairs and values no rule claims found in forked processes: the same analysis, in the same order."""
    from consistency_check.engine import analyse

    config_path = (
        ROOT / "examples" / "consistency-check.yaml" if name == "examples" else corpus / "consistency-check.yaml"
    )
    config = load_config(config_path)
    ruleset = load_rules(config.rule_dirs, config.root)
    files, _ = from_config(config)
    statements = [s for outcome in read_sources(files, config, jobs=1) for s in outcome.statements]
    judge = _judge(config, ruleset) if policy else None
    single = analyse(statements, ruleset, judge, jobs=1)
    assert not engine_forks
    parallel = analyse(statements, ruleset, judge, jobs=2)
    assert engine_forks == ["NoneType", "EngineHooks", "EngineHooks"]  # names counted in halves, then two steps
    assert single.findings, "the corpus has contradictions to find"
    assert parallel.findings == single.findings  # the same findings in the same order
    assert parallel.subjects == single.subjects


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the engine forks on Linux only")
@pytest.mark.parametrize("name", ["examples", "generated"])
def test_parallel_linkage_equals_single_process(name: str, corpus: Path, engine_forks: list[str]) -> None:
    """The linkage engine's names counted in halves in a forked process: the same analysis, in the same order."""
    from consistency_check.engine import link

    config_path = (
        ROOT / "examples" / "consistency-check.yaml" if name == "examples" else corpus / "consistency-check.yaml"
    )
    config = load_config(config_path)
    ruleset = load_rules(config.rule_dirs, config.root)
    files, _ = from_config(config)
    statements = [s for outcome in read_sources(files, config, jobs=1) for s in outcome.statements]
    single = link(statements, ruleset, jobs=1)
    assert not engine_forks
    parallel = link(statements, ruleset, jobs=2)
    assert engine_forks == ["NoneType"]  # names counted in halves
    assert single.findings, "the corpus has contradictions to find"
    assert parallel.findings == single.findings
    assert parallel.subjects == single.subjects


def _judge(config, ruleset):  # type: ignore[no-untyped-def]
    """The example policy set's judge (on the generated corpus it judges little, but it moves polar after the
    policy)."""
    from datetime import date

    from consistency_check.policy import PolicyJudge, load_policies

    policies = load_policies((ROOT / "policies" / "northwind",), ruleset, config.root, config.region)
    return PolicyJudge(policies, date(2025, 4, 1), config.channel_sources(), False)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the engine forks on Linux only")
def test_parallel_run_records_the_same_corpus_index(corpus: Path, tmp_path: Path, engine_forks: list[str]) -> None:
    """A full run with the cache writes the same corpus index whether its steps ran here or in forked processes."""
    import sqlite3

    from consistency_check.cache import ParseCache

    config = dataclasses.replace(load_config(corpus / "consistency-check.yaml"), engine="classic")  # it indexes
    ruleset = load_rules(config.rule_dirs, config.root)
    tables = []
    for jobs in (1, 2):
        folder = tmp_path / f"cache-{jobs}"
        report = run(config, ruleset, cache=ParseCache(folder), jobs=jobs)
        assert report.findings
        db = sqlite3.connect(folder / "corpus-index.sqlite3")
        names = [row[0] for row in db.execute("select name from sqlite_master where type = 'table' order by name")]
        tables.append({name: sorted(map(repr, map(_decoded, db.execute(f"select * from {name}")))) for name in names})
        db.close()
    assert engine_forks == ["NoneType", "Recorder", "Recorder"]  # names counted in halves, then two steps
    assert tables[0] == tables[1]


def _decoded(row: tuple[object, ...]) -> tuple[object, ...]:
    """A row with its JSON cells read (counts are written in the order they were made, which may differ), keys
    sorted."""
    import json

    def read(cell: object) -> object:
        if isinstance(cell, str) and cell[:1] in "{[":
            return json.dumps(json.loads(cell), sort_keys=True)
        return cell

    return tuple(read(cell) for cell in row)


def test_engine_stays_in_one_process_below_the_threshold(corpus: Path) -> None:
    from consistency_check.engine import PARALLEL_MIN_STATEMENTS, EngineHooks, _forkable

    assert _forkable(EngineHooks(), 2, PARALLEL_MIN_STATEMENTS - 1) == {}
    assert _forkable(EngineHooks(), 1, 10**6) == {}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the engine forks on Linux only")
def test_names_counted_in_halves_are_the_names_learned_at_once(corpus: Path) -> None:
    from consistency_check.engine import EngineHooks, _lexicon_in_halves
    from consistency_check.engine.subject import Lexicon

    config = load_config(corpus / "consistency-check.yaml")
    files, _ = from_config(config)
    statements = [s for outcome in read_sources(files, config, jobs=1) for s in outcome.statements]
    learned = Lexicon.learn(statements)
    assert learned.names and learned.tiers
    assert _lexicon_in_halves(EngineHooks(), statements) == learned
