"""The processes a run forks (file readers, engine steps) die with it, and quietly on Ctrl-C.

:func:`install` (called by the CLI) registers fork hooks: each child asks the
kernel to kill it when its parent dies (Linux ``PR_SET_PDEATHSIG``), even by
``kill -9``, and ignores Ctrl-C, which reaches the whole process group: the
parent alone answers it (it says the run was interrupted, once, and exits at
once; its children die with it). A child ending on Ctrl-C by itself broke its
process pool under the parent, which then saw a broken pool, or waited at exit
for queue threads feeding workers that were gone.

Ctrl-C waits (blocked) while the process forks: a child starts with its parent's
handler, and a Ctrl-C reaching it before it ignored Ctrl-C raised
``KeyboardInterrupt`` inside Python's own fork hooks, which print it ("Exception
ignored in ...") and go on. A ``KeyboardInterrupt`` a hook swallows in the parent
(the Ctrl-C that waited arrives as the hooks end) is kept, and :func:`forked`,
called where the run forks, raises it.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from typing import Any

PR_SET_PDEATHSIG = 1
_state: dict[str, Any] = {"installed": False, "parent": 0, "prctl": None, "interrupted": False, "swallowed": False}
_MASK = hasattr(signal, "pthread_sigmask")


def install() -> None:
    """Make every process forked from now on die with this one (where the platform allows)."""
    if _state["installed"] or not hasattr(os, "register_at_fork"):
        return
    _state["installed"] = True
    os.register_at_fork(before=_before_fork, after_in_parent=_in_parent, after_in_child=_in_child)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_interrupt)
        sys.unraisablehook = _unraisable


def _on_interrupt(signum: int, frame: object) -> None:
    _state["interrupted"] = True
    raise KeyboardInterrupt


def _unraisable(unraisable: Any) -> None:
    if isinstance(unraisable.exc_value, KeyboardInterrupt):
        _state["swallowed"] = True  # raised again by forked()
    else:
        sys.__unraisablehook__(unraisable)


def forked() -> None:
    """Raise the ``KeyboardInterrupt`` a fork hook swallowed in this process, if any (call after forking)."""
    if _state["swallowed"]:
        _state["swallowed"] = False
        raise KeyboardInterrupt


def interrupted() -> bool:
    """Whether this process was interrupted (Ctrl-C) since :func:`install`.

    Ctrl-C reaches the whole process group: the forked processes end at once, and the run may
    first see them gone (a broken process pool) before its own ``KeyboardInterrupt``.
    """
    return bool(_state["interrupted"])


def _before_fork() -> None:
    if _MASK:  # Ctrl-C waits while the process forks
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    _state["parent"] = os.getpid()
    if _state["prctl"] is None and sys.platform.startswith("linux"):
        try:  # loaded at the first fork: a run that forks nothing does not pay for it
            import ctypes

            _state["prctl"] = ctypes.CDLL(None, use_errno=True).prctl
        except (OSError, AttributeError, ImportError):
            _state["prctl"] = False


def _in_parent() -> None:
    if _MASK:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # a Ctrl-C that waited arrives now


def _in_child() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C that waited is dropped: ignored before unblocked
    if _MASK:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
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


#: Allocations between two collections of the youngest generation. A run makes millions of small objects
#: (statements, values, mentions) and keeps nearly all of them to its end: at Python's default (700) the
#: collector ran about 140 times per 100,000 values, and took about a tenth of a comparison's time.
YOUNG_COLLECTION = 100_000


def tune_collector() -> None:
    """Collect the youngest generation less often (see :data:`YOUNG_COLLECTION`); for the CLI's own process."""
    young, middle, old = gc.get_threshold()
    if young:  # 0: collection is off, leave it so
        gc.set_threshold(max(young, YOUNG_COLLECTION), middle, old)
