"""Shared helpers for the source adapter tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.model import Statement
from consistency_check.sources import REGISTRY, detect_format
from consistency_check.sources.base import Document

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL_SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "real-samples"


def document(path: Path, root: Path, channel: str = "web") -> Document:
    """A document for ``path`` displayed relative to ``root``."""
    return Document(path.relative_to(root).as_posix(), path, channel)


def parse_file(path: Path, root: Path) -> tuple[str | None, list[Statement]]:
    """Detect the format of ``path`` and parse it with that format."""
    doc = document(path, root)
    fmt = detect_format(doc)
    return fmt, list(REGISTRY[fmt].parse(doc)) if fmt else []


@pytest.fixture
def real_samples() -> Path:
    """The shared real-sample folder; the test is skipped when it is not beside the repository."""
    if not REAL_SAMPLES.is_dir():
        pytest.skip(f"real samples not found at {REAL_SAMPLES}")
    return REAL_SAMPLES
