"""The pre-commit hook's ``files:`` pattern is derived from, and matches, every extension the sources read."""

from __future__ import annotations

import re

import yaml

from consistency_check.sources import REGISTRY, extensions
from consistency_check.sources.archive import ARCHIVE_EXTENSIONS
from tests.test_examples import ROOT


def _hook() -> dict[str, object]:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return hook  # type: ignore[no-any-return]


def test_the_pattern_is_the_one_derived_from_the_source_registry() -> None:
    derived = "(?i)\\.(" + "|".join(ext.lstrip(".") for ext in extensions()) + ")$"
    assert _hook()["files"] == derived, "update 'files:' in .pre-commit-hooks.yaml to the derived pattern"


def test_every_extension_a_format_reads_is_matched_in_any_case() -> None:
    pattern = re.compile(str(_hook()["files"]))  # pre-commit matches with Python's re.search
    every = {ext for fmt in REGISTRY.values() for ext in fmt.EXTENSIONS} | set(ARCHIVE_EXTENSIONS)
    assert every and every == set(extensions())
    for ext in sorted(every):
        for name in (f"content/page{ext}", f"PAGE{ext.upper()}"):
            assert pattern.search(name), name
    for name in ("logo.png", "style.css", "app.py", "faq.md.orig", "Makefile"):
        assert not pattern.search(name), name
