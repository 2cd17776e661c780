"""The processes a run forks (file readers, engine steps) die with it, and quietly on Ctrl-C.

:func:`install` (called by the CLI) registers fork hooks: each child asks the
kernel to kill it when its parent dies (Linux ``PR_SET_PDEATHSIG``), even by
``kill -9``, and leaves Ctrl-C to the default action (it ends without a
traceback; the parent says the run was interrupted, once).
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

PR_SET_PDEATHSIG = 1
_state: dict[str, Any] = {"installed": False, "parent": 0, "prctl": None}


def install() -> None:
    """Make every process forked from now on die with this one (where the platform allows)."""
    if _state["installed"] or not hasattr(os, "register_at_fork"):
        return
    _state["installed"] = True
    os.register_at_fork(before=_before_fork, after_in_child=_in_child)


def _before_fork() -> None:
    _state["parent"] = os.getpid()
    if _state["prctl"] is None and sys.platform.startswith("linux"):
        try:  # loaded at the first fork: a run that forks nothing does not pay for it
            import ctypes

            _state["prctl"] = ctypes.CDLL(None, use_errno=True).prctl
        except (OSError, AttributeError, ImportError):
            _state["prctl"] = False


def _in_child() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    prctl = _state["prctl"]
    if prctl:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != _state["parent"]:  # the parent died before the request took hold
            os._exit(1)


def default_jobs() -> int:
    """The number of CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1
