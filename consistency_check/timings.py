"""Opt-in stage timings for benchmarks: ``CONSISTENCY_CHECK_TIMINGS=FILE`` makes a run write them as JSON.

Stages are wall-clock seconds in the main process (``discovery``, ``read``,
``engine``, ``report``…); ``parse`` and ``facts`` add up the time spent in
every worker process, so with several jobs they can exceed ``read``. When the
variable is not set, :func:`stage` costs one attribute look-up.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV = "CONSISTENCY_CHECK_TIMINGS"

_seconds: dict[str, float] = {}


def enabled() -> bool:
    """Whether this run records timings."""
    return bool(os.environ.get(ENV))


def add(name: str, seconds: float) -> None:
    """Add ``seconds`` to stage ``name``."""
    _seconds[name] = _seconds.get(name, 0.0) + seconds


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the block as stage ``name``."""
    start = time.perf_counter()
    try:
        yield
    finally:
        _seconds[name] = _seconds.get(name, 0.0) + time.perf_counter() - start


def snapshot() -> dict[str, float]:
    """The stages recorded so far, rounded to milliseconds."""
    return {name: round(seconds, 3) for name, seconds in _seconds.items()}


def write() -> None:
    """Write the stages to the file named by the environment variable, if it is set."""
    target = os.environ.get(ENV)
    if not target:
        return
    from consistency_check.fileio import write_atomic

    write_atomic(Path(target), json.dumps(snapshot(), indent=2) + "\n")
