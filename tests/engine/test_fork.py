"""Steps run in a forked process: their result and records come back, and a failed child changes nothing."""

from __future__ import annotations

import os
import sys

import pytest

from consistency_check.engine.fork import Forked

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the engine forks on Linux only")


class Owner:
    def __init__(self) -> None:
        self.seen: dict[str, int] = {}
        self.untouched = "here"

    def step(self) -> list[int]:
        self.seen["pid"] = os.getpid()
        self.untouched = "changed in the child"
        return list(range(100_000))


def test_result_and_records_come_back_from_the_child() -> None:
    owner = Owner()
    forked = Forked(owner.step, owner, ("seen",))
    assert forked.result() == list(range(100_000))  # larger than a pipe holds at once
    assert owner.seen["pid"] != os.getpid()  # it ran in the child
    assert owner.untouched == "here"  # only the named records are sent back
    assert forked.cpu > 0


def test_a_failing_child_leaves_the_step_to_this_process() -> None:
    parent = os.getpid()

    def step() -> str:
        if os.getpid() != parent:
            raise RuntimeError("lost in the child")
        return "computed here"

    assert Forked(step).result() == "computed here"


def test_an_error_of_the_step_itself_is_raised_here() -> None:
    def step() -> None:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        Forked(step).result()


def test_cancel_stops_the_child() -> None:
    import time

    forked = Forked(lambda: time.sleep(60))
    started = time.perf_counter()
    forked.cancel()
    assert time.perf_counter() - started < 5


def test_the_engine_gives_the_same_findings_when_no_process_can_be_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every forked step then runs here, after the rest of the comparison: it must still have what it needs
    (the generic step once captured a name the engine deleted before asking for its result)."""
    import os

    import consistency_check.engine as engine
    from consistency_check.config import load_config
    from consistency_check.discovery import from_config
    from consistency_check.pipeline import read_source
    from consistency_check.rules import load_rules
    from tests.test_examples import ROOT

    config = load_config(ROOT / "benchmarks" / "accuracy" / "hotel" / "consistency-check.yaml")
    ruleset = load_rules(config.rule_dirs, config.root)
    statements = [s for f in from_config(config)[0] for s in read_source(f, config).statements]
    expected = engine.analyse(statements, ruleset, jobs=1).findings
    monkeypatch.setattr(engine, "PARALLEL_MIN_STATEMENTS", 0)

    def no_fork() -> int:
        raise OSError("fork refused (a process limit)")

    monkeypatch.setattr(os, "fork", no_fork)
    assert engine.analyse(statements, ruleset, jobs=2).findings == expected
