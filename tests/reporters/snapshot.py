"""Exact-snapshot helper: compare output with a file under ``snapshots/``.

Set ``CC_UPDATE_SNAPSHOTS=1`` to (re)write the files; review the diff before
keeping it.
"""

from __future__ import annotations

import os
from pathlib import Path

SNAPSHOT_DIR = Path(__file__).parent / "snapshots"


def assert_snapshot(name: str, actual: str) -> None:
    """Fail unless ``actual`` equals the stored snapshot ``name`` byte for byte."""
    path = SNAPSHOT_DIR / name
    if os.environ.get("CC_UPDATE_SNAPSHOTS") == "1":
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"missing snapshot {path}; run with CC_UPDATE_SNAPSHOTS=1"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected
