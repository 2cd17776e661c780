"""User-written rules cannot hang the run: phrases are literal text, never regular expressions.

Every phrase field (``phrases``, ``context``, ``exclude``, ``negative``,
``objects`` and scope phrases) is escaped before it joins the one pattern a
rule compiles (:func:`consistency_check.rules.phrase_pattern`), and no rule
field takes a raw regular expression: a key that tries to is an unknown key,
reported at its file and line with exit 2.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from consistency_check.rules import phrase_pattern
from tests.hostile.corpus import json_report, run_cli

CATASTROPHIC = ["(a+)+$", "((a|a)*)*b", "(x+x+)+y", "(.*a){20}", "^(\\w+\\s?)*$", "[a-z]+\\d{1,1000}"]
ATTACK_TEXT = "a" * 5000 + "!" + " x" * 2000 + " " + "aaaa " * 1000


@pytest.mark.parametrize("phrase", CATASTROPHIC)
def test_a_phrase_is_matched_literally_and_fast(phrase: str) -> None:
    pattern = phrase_pattern([phrase])
    assert pattern is not None
    started = time.perf_counter()
    assert pattern.search(ATTACK_TEXT) is None
    assert time.perf_counter() - started < 0.5
    assert pattern.search(f"See {phrase} here") is not None


RULE = """\
code: XX500
name: regex-trap
severity: error
fact: duration
subject:
  phrases: ["(a+)+$", "((a|a)*)*b"]
  context: ["(x+x+)+y", "(a+)+$"]
  exclude: ["(.*a){20}"]
"""


def test_catastrophic_patterns_in_a_user_rule_neither_hang_nor_act_as_regex(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "trap.yaml").write_text(RULE, encoding="utf-8")
    (tmp_path / "consistency-check.yaml").write_text(
        "rules: [rules]\nsources:\n  - path: web.md\n    channel: web\n  - path: store.txt\n    channel: store\n",
        encoding="utf-8",
    )
    (tmp_path / "web.md").write_text(f"# (a+)+$\n\n{'a' * 3000}! The (a+)+$ window is 30 days.\n", encoding="utf-8")
    (tmp_path / "store.txt").write_text("The (a+)+$ window is 45 days.\n" + "x" * 3000 + "y\n", encoding="utf-8")
    started = time.perf_counter()
    # The two sentences around 3,000 characters of noise link at 0.6: shown, as the rule's naming is what is tested.
    proc = run_cli("check", "--format", "json", "--min-confidence", "0.5", cwd=tmp_path, timeout=60)
    assert time.perf_counter() - started < 30
    assert proc.returncode == 1, proc.stderr
    codes = {f["code"] for f in json_report(proc.stdout)["findings"]}
    assert "XX500" in codes


@pytest.mark.parametrize(
    "text,where",
    [
        (RULE.replace("  exclude:", "  regex: ['(a+)+$']\n  exclude:"), ":8 at 'subject.regex': unknown key 'regex'"),
        (RULE + "pattern: '(a+)+$'\n", ":9 at 'pattern': unknown key 'pattern'"),
        (
            RULE.replace('phrases: ["(a+)+$", "((a|a)*)*b"]', "phrases: (a+)+$"),
            ":6 at 'subject.phrases': expected array",
        ),
    ],
    ids=["regex key", "pattern key", "phrases not a list"],
)
def test_a_field_that_tries_to_take_a_regex_is_a_located_rule_error(tmp_path: Path, text: str, where: str) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "trap.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "consistency-check.yaml").write_text("rules: [rules]\nsources:\n  - path: web.md\n", encoding="utf-8")
    proc = run_cli("check", cwd=tmp_path, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert re.search(r"rules/trap\.yaml" + re.escape(where), proc.stderr), proc.stderr
