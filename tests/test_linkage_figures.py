"""The linkage engine's figures on content its model never saw (docs/linkage.md).

Each organisation is scored by the model fitted without it (``benchmarks/accuracy/loo/``): the
figure a new organisation's first run would get. Three of the unseen organisations are scored here
(the whole table is in the docs, and ``score.py --weights-dir`` gives it); the floors sit just under
what was measured, so a change that loses precision or recall on unseen content fails.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCORE = ROOT / "benchmarks" / "accuracy" / "score.py"
LOO = ROOT / "benchmarks" / "accuracy" / "loo"
#: Three unseen organisations (Lex V2 + Zendesk, Rasa 3 + Intercom + Word, .qna + Zendesk) whose figures together are
#: near those of all 70 (P 0.90, R 0.56 at 0.7), and the floors of their leave-one-out figures (measured 0.92, 0.62
#: with the models fitted on every organisation; 0.79, 0.55 with blocking on shared words; 0.75, 0.61 with the models
#: fitted on 17, less precise).
ORGS = ("dmv", "gym", "university")
PRECISION, RECALL = 0.88, 0.58


@pytest.fixture(scope="module")
def score() -> ModuleType:
    spec = importlib.util.spec_from_file_location("accuracy_score_linkage", SCORE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_leave_one_out_figures_on_unseen_organisations(score: ModuleType) -> None:
    score.ENGINE, score.WEIGHTS_DIR, score.MIN_CONFIDENCE = "linkage", LOO, 0.7
    results = [score.score_org(score.HERE / "unseen" / name) for name in ORGS]
    table = score.report(results)["table"]["overall"]
    assert table["precision"] >= PRECISION and table["recall"] >= RECALL, table


REALWORLD = ROOT / "benchmarks" / "realworld.py"
SHARED = ROOT.parent / "shared" / "real-world"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/real-world is not beside the project")
@pytest.mark.parametrize("corpus", ["SparkPost__support-docs", "kagisearch__kagi-docs"])
def test_real_help_centres_get_no_false_finding_at_the_default_threshold(corpus: str) -> None:
    """Two of the five hand-labelled real help centres, each with the model fitted without it: the
    classic engine gave 14 and 28 findings there, none true; the linkage engine gives none at 0.7."""
    spec = importlib.util.spec_from_file_location("realworld_linkage", REALWORLD)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    module.ENGINE, module.WEIGHTS_DIR = "linkage", LOO
    result = module.score(SHARED / corpus, 0.7)
    assert result["false"] == [] and result["new"] == [], result


IN_REPO = ROOT / "benchmarks" / "real-world"


@pytest.mark.parametrize(
    ("corpus", "most_false"),
    [
        ("npm__documentation", 0),
        ("superfly__docs", 0),
        ("huggingface__hub-docs", 0),
        ("railwayapp__docs", 0),
        ("plausible__docs", 0),
        ("arduino__help-center-content", 0),
    ],
)
def test_real_help_centres_fetched_later_get_at_most_their_labelled_false_findings(
    corpus: str, most_false: int
) -> None:
    """Two real help centres fetched and labelled by hand after the engine's round (benchmarks/real-world/): at the
    default threshold every finding is one the labels know, and the false ones are no more than measured (npm: 2
    false before addresses to fill in were left unread, then none; Fly.io: 1, two help links on one page, then none
    with the model fitted on every organisation; Hugging Face, fetched later: 1, one placeholder written two ways,
    then none once names to fill in were left unread)."""
    spec = importlib.util.spec_from_file_location("realworld_in_repo", REALWORLD)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    result = module.score(IN_REPO / corpus, 0.7)
    assert result["new"] == [] and len(result["false"]) <= most_false, result
