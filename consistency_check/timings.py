"""Opt-in stage timings for benchmarks: ``CONSISTENCY_CHECK_TIMINGS=FILE`` makes a run write them as JSON.

The file holds ``wall`` and ``cpu`` seconds per stage of the main process
(``config``, ``discovery``, ``read``, ``engine``, ``report``…); ``parse``
and ``facts`` are CPU seconds added up over every process that read files,
so with several jobs they can exceed the ``read`` wall time. When the engine
runs a step in a forked process (``engine.polar``, part of ``engine.align``),
that process's CPU seconds are added to the stage, whose wall time is then
only the wait for it. CPU seconds are the steadier measure on a busy machine.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV = "CONSISTENCY_CHECK_TIMINGS"

_wall: dict[str, float] = {}
_cpu: dict[str, float] = {}


def enabled() -> bool:
    """Whether this run records timings."""
    return bool(os.environ.get(ENV))


def add_cpu(name: str, seconds: float) -> None:
    """Add CPU ``seconds`` (measured elsewhere, e.g. in a worker) to stage ``name``."""
    _cpu[name] = _cpu.get(name, 0.0) + seconds


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the block as stage ``name`` (wall and CPU seconds of this process)."""
    start, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        _wall[name] = _wall.get(name, 0.0) + time.perf_counter() - start
        add_cpu(name, time.process_time() - cpu)


def snapshot() -> dict[str, dict[str, float]]:
    """The stages recorded so far, rounded to milliseconds."""
    return {
        "wall": {name: round(seconds, 3) for name, seconds in _wall.items()},
        "cpu": {name: round(seconds, 3) for name, seconds in _cpu.items()},
    }


def write() -> None:
    """Write the stages to the file named by the environment variable, if it is set."""
    target = os.environ.get(ENV)
    if not target:
        return
    from consistency_check.fileio import write_user_file

    write_user_file(Path(target), json.dumps(snapshot(), indent=2) + "\n")
