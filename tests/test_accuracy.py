"""Precision and recall on the labelled evaluation corpus (benchmarks/accuracy).

Precision must stay at or above 0.95: a finding that is not a planted
contradiction is a false alarm. Recall must stay at or above 0.90: a planted
contradiction the engine does not report is one a content owner would have
to find by hand (see the README's Accuracy section for the current figures
and what is still missed).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

PRECISION = 0.95
RECALL = 0.90

SCORE = Path(__file__).resolve().parents[1] / "benchmarks" / "accuracy" / "score.py"


@pytest.fixture(scope="module")
def table() -> dict:
    spec = importlib.util.spec_from_file_location("accuracy_score", SCORE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    names = sorted(p.name for p in module.HERE.iterdir() if (p / "truth.yaml").is_file())
    report = module.report([module.score_org(module.HERE / name) for name in names])
    return report["table"]["overall"]


def test_precision_stays_at_or_above_095(table: dict) -> None:
    assert table["precision"] >= PRECISION, table


def test_recall_stays_at_or_above_090(table: dict) -> None:
    assert table["recall"] >= RECALL, table
