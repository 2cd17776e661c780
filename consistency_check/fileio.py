"""Writing files safely: atomically (temporary file + rename), never over what is not a plain file.

Two kinds of file are written. The user's files (reports, baselines) go through
:func:`write_user_file`: a symbolic link is written through (the file it points
to is replaced, the link stays), an existing file keeps its mode and a new one
gets the mode the umask gives, and a folder, device, pipe or socket is refused,
never replaced. The tool's own files (cache entries, the corpus index) go through
:func:`write_atomic` and :func:`locked_temp`: private (mode 0600), their
temporary files locked while being written, so that the next run can tell the
leftovers of a killed run (:func:`remove_stale_temps`) from a concurrent write.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]
#: Whether files can be locked here (type checkers, which see fcntl on a POSIX system, do not take it as constant).
_CAN_LOCK: bool = fcntl is not None

#: Open flags for reading a file that must be a plain file: never through a link, never blocking on a pipe.
SAFE_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
#: A temporary file younger than this is never taken for a leftover (its writer may not have locked it yet).
TEMP_GRACE_SECONDS = 5.0
#: Without file locks (not POSIX), only a temporary file this old is taken for a leftover.
UNLOCKED_TEMP_SECONDS = 3600.0


def destination_problem(path: Path) -> str | None:
    """Why a report or baseline cannot be written at ``path``, or ``None`` when it can.

    What a symbolic link points to is what counts: the write goes through it.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return exc.strerror or str(exc)
    if stat.S_ISDIR(info.st_mode):
        return "is a folder; give a file name"
    if not stat.S_ISREG(info.st_mode):
        return "is a device, pipe or socket, not a file; refusing to replace it"
    return None


def write_user_file(path: Path, text: str) -> None:
    """Write ``text`` to the user's file ``path`` (a report, a baseline) atomically and durably.

    A symbolic link is written through; an existing file keeps its mode, a new
    one gets ``0o666`` less the umask (as the shell's ``>`` would); a folder,
    device, pipe or socket raises :class:`OSError`. Characters UTF-8 cannot
    hold (lone surrogates from a file name) are written as ``\\udc80`` escapes.
    """
    target = Path(os.path.realpath(path))
    problem = destination_problem(target)
    if problem is not None:
        raise OSError(f"{path} {problem}")
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    write_atomic(target, text.encode("utf-8", "backslashreplace"), mode=mode)


def write_atomic(
    path: Path, data: str | bytes, *, durable: bool = True, mode: int | None = None, temp_dir: Path | None = None
) -> None:
    """Write ``data`` to ``path`` so that an interrupted run leaves the old file intact.

    ``durable=False`` skips the fsync: for files that are only worth keeping
    (cache entries), where a lost write is a miss rather than lost work.
    ``mode`` is the new file's mode (default: private, 0600). The temporary
    file is made in ``temp_dir`` (default: beside ``path``; it must be on the
    same file system) and locked while it is written (see :func:`remove_stale_temps`).
    """
    folder = temp_dir or path.parent
    try:
        fd, tmp = locked_temp(folder, f".{path.name}.")
    except FileNotFoundError:  # folders are made when first needed (a cache writes thousands of files)
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = locked_temp(folder, f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            if durable:
                os.fsync(handle.fileno())
            try:
                os.replace(tmp, path)  # before the lock goes with the file's closing
            except FileNotFoundError:
                if not os.path.exists(tmp):
                    raise
                path.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def locked_temp(folder: Path, prefix: str) -> tuple[int, str]:
    """A new private temporary file in ``folder`` (descriptor and path), locked while the descriptor is open."""
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    if fcntl is not None:
        with contextlib.suppress(OSError):  # a file system without locks: the age of the file tells instead
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd, tmp


def remove_stale_temps(folder: Path, name: re.Pattern[str], grace: float = TEMP_GRACE_SECONDS) -> int:
    """Remove the temporary files in ``folder`` whose name matches ``name`` and whose writer is gone; return how many.

    A writer holds a lock on its temporary file until it renames it; a file
    nobody holds (and older than ``grace`` seconds) was left by a run that
    was killed. Nothing is followed or opened but plain files.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if name.match(entry.name) and _stale(entry.path, grace):
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass
    return removed


def _stale(path: str, grace: float) -> bool:
    """Whether the temporary file at ``path`` is a leftover (a link or special file named like one is too)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return True  # removed, never opened
        fd = os.open(path, SAFE_READ)
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return True
        age = time.time() - info.st_mtime
        if not _CAN_LOCK:
            return age > UNLOCKED_TEMP_SECONDS
        if age < grace:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # its writer is still at work
        return True
    finally:
        os.close(fd)


class NotPlainFile(OSError):
    """A file that had to be a plain file of a likely size: a link, a folder, a pipe, a device, or too large."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def read_regular(path: Path, max_bytes: int, *, follow_links: bool = False) -> bytes:
    """The content of ``path`` if it is a plain file of at most ``max_bytes``; else :class:`NotPlainFile`.

    A pipe or device is never opened: its kind is looked at first, and again
    once open (without blocking), before anything is read. A symbolic link is
    refused unless ``follow_links`` (the user's own files may be links).
    Other failures (a missing file, no permission) raise :class:`OSError` as usual.
    """
    flags = SAFE_READ & ~getattr(os, "O_NOFOLLOW", 0) if follow_links else SAFE_READ
    if not stat.S_ISREG((os.stat if follow_links else os.lstat)(path).st_mode):  # a device is not even opened
        kind = "a symbolic link" if os.path.islink(path) and not follow_links else "a folder, pipe or device"
        raise NotPlainFile(errno.EINVAL, f"{kind}, not a plain file", str(path))
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links:
            raise NotPlainFile(exc.errno, "a symbolic link, not a plain file", str(path)) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotPlainFile(errno.EINVAL, "a folder, pipe or device, not a plain file", str(path))
        if info.st_size > max_bytes:
            raise NotPlainFile(errno.EFBIG, f"{info.st_size:,} bytes, more than the {max_bytes:,} expected", str(path))
        chunks = []
        remaining = max_bytes + 1
        while remaining > 0 and (chunk := os.read(fd, min(remaining, 1 << 20))):
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            raise NotPlainFile(errno.EFBIG, f"grew past the {max_bytes:,} bytes expected while read", str(path))
        return data
    finally:
        os.close(fd)


def _umask() -> int:
    """The process's umask (read by setting it and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
