"""The rules' yes/no claims are looked for only where they are used: the classic engine compares them and
policies judge them; the linkage engine finds its own yes/no propositions, and its findings are the same
whether the workers reading the files looked for the rules' claims or not."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from consistency_check import pipeline
from consistency_check.config import load_config
from consistency_check.discovery import from_config
from consistency_check.engine.claims import claims_of
from consistency_check.rules import load_rules

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_without_yes_no_the_claims_are_the_values_alone() -> None:
    config = load_config(EXAMPLES / "consistency-check.yaml")
    ruleset = load_rules(config.rule_dirs, config.root)
    files, _ = from_config(config)
    statements = [s for o in pipeline.read_sources(files, config, 1) for s in o.statements]
    every = [c for s in statements for c in claims_of(s, ruleset)]
    values = [c for s in statements for c in claims_of(s, ruleset, yes_no=False)]
    assert any(c.kind == "yesno" for c in every)  # the example says yes and no to things
    assert values == [c for c in every if c.kind != "yesno"]


def test_linkage_findings_do_not_depend_on_the_workers() -> None:
    config = dataclasses.replace(load_config(EXAMPLES / "consistency-check.yaml"), engine="linkage")
    ruleset = load_rules(config.rule_dirs, config.root)
    runs = [
        json.dumps([f.message for f in pipeline.run(config, ruleset, cache=None, jobs=jobs).findings])
        for jobs in (1, 2)  # 1: claims found in this process; 2: by workers, without the rules' yes/no claims
    ]
    assert runs[0] == runs[1]
    assert json.loads(runs[0])  # the example has contradictions the linkage engine reports
