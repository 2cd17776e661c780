"""Steps of the engine run in a forked process while this one goes on (Linux only).

A forked child starts with a copy of everything this process holds (the
statements, claims, names learned, caches), so a step needs nothing sent
to it: the child runs it and sends back its result, pickled, with whatever
the step recorded on the engine's hooks. The result is the one the step
would give here; when the child fails for any reason the step runs here
instead, so a failure shows (or a transient one is overcome) exactly as in
a single-process run.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from consistency_check.processes import forked

_T = TypeVar("_T")


def available() -> bool:
    """Whether steps can run in a forked process here (Linux: fork is cheap and shares memory)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class Forked(Generic[_T]):
    """``step()`` running in a forked child; :meth:`result` waits for it.

    ``records`` names attributes of ``owner`` the step sets: the child sends
    them back and :meth:`result` sets them here, as if the step had run here.
    """

    def __init__(self, step: Callable[[], _T], owner: object = None, records: tuple[str, ...] = ()) -> None:
        self._step = step
        self._owner = owner
        self._records = records
        self.cpu = 0.0
        for stream in (sys.stdout, sys.stderr):  # nothing buffered here may be written twice
            with contextlib.suppress(OSError, ValueError, AttributeError):
                stream.flush()
        read, write = os.pipe()
        gc.freeze()  # the child's collector then leaves the shared objects (and their pages) alone
        try:
            pid = os.fork()
        except OSError:
            gc.unfreeze()
            os.close(read)
            os.close(write)
            self._pid, self._read = 0, -1
            return
        if pid == 0:  # pragma: no cover - runs in the child, which leaves by os._exit
            os.close(read)
            _child(step, owner, records, write)
        gc.unfreeze()
        os.close(write)
        self._pid, self._read = pid, read
        forked()  # a Ctrl-C that came while forking

    def result(self) -> _T:
        """The step's result (computed here if the child could not give it)."""
        payload = self._collect()
        if payload is not None:
            try:
                value, records, self.cpu = pickle.loads(payload)
            except Exception:
                pass
            else:
                for name, recorded in records.items():
                    setattr(self._owner, name, recorded)
                return value  # type: ignore[no-any-return]
        started = time.process_time()
        value = self._step()
        self.cpu = time.process_time() - started
        return value

    def cancel(self) -> None:
        """Stop the child (when this process gives up before asking for the result)."""
        if self._pid:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            self._collect()

    def _collect(self) -> bytes | None:
        """What the child sent, once it has exited successfully (``None``: no child, or it failed)."""
        if not self._pid:
            return None
        pid, self._pid = self._pid, 0
        chunks = []
        try:
            with os.fdopen(self._read, "rb") as pipe:
                while chunk := pipe.read(1 << 20):
                    chunks.append(chunk)
        except OSError:
            chunks = []
        _, status = os.waitpid(pid, 0)
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0 or not chunks:
            return None
        return b"".join(chunks)


def _child(step: Callable[[], Any], owner: object, records: tuple[str, ...], write: int) -> None:  # pragma: no cover
    """Run ``step`` and send its result; never returns (no cleanup of the parent's runs here)."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # an interrupted run: the parent reports it, once
        started = time.process_time()
        value = step()
        recorded = {name: getattr(owner, name) for name in records}
        payload = pickle.dumps((value, recorded, time.process_time() - started), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
        code = 0
    except BaseException:
        code = 1
    finally:
        os._exit(code)
