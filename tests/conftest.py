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


#: The longest test files (CPU seconds in one measured run), started first: the suite runs on two
#: workers a file at a time (``--dist loadfile``), and a long file left to the end keeps one worker
#: busy while the other has nothing left. Order only; every file still runs whole, on one worker.
LONGEST_FIRST = (
    "tests/hostile/test_cache_faults.py",  # 100 s
    "tests/test_incremental.py",  # 91 s
    "tests/hostile/test_destinations.py",  # 63 s
    "tests/test_install.py",  # 55 s
    "tests/test_precommit.py",  # 50 s
    "tests/test_doc_commands.py",  # 49 s
    "tests/test_baseline.py",  # 46 s
    "tests/sources/test_real_samples_all.py",  # 46 s
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {path: i for i, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))  # stable: file order kept
