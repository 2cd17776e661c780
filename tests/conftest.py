"""Suite-wide settings: the parse cache lives in a temporary folder, never in the user's cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point ``CONSISTENCY_CHECK_CACHE_DIR`` at a session folder (CLI subprocesses inherit it)."""
    folder = tmp_path_factory.mktemp("cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("CONSISTENCY_CHECK_CACHE_DIR", str(folder))
    yield folder
    patch.undo()
