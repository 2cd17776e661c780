"""The mutation fuzzer (:mod:`tests.hostile.fuzz`) within a budget: past failures first, then new inputs.

It runs in a child process, so that a hang is caught by the budget and named
(the child writes each input before checking it). ``FUZZ_SECONDS`` sets the
budget (default 20 s, about a minute with start-up and the last batch through
the CLI), ``FUZZ_SEED`` the seed (default: a new one each run; it is printed).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from tests.hostile.fuzz import CORPUS, ROOT, Failure, past_failures

SECONDS = float(os.environ.get("FUZZ_SECONDS", "20"))


def test_the_corpus_of_past_failures_is_kept() -> None:
    assert len(past_failures()) >= 6 and (CORPUS / "README.md").is_file()


def test_mutated_inputs_never_break_the_contract(tmp_path: Path) -> None:
    seed = int(os.environ.get("FUZZ_SEED", random.randrange(100_000)))
    state = tmp_path / "state.json"
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "tests.hostile.fuzz", "--seconds", str(SECONDS), "--seed", str(seed)]
            + ["--state", str(state)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=SECONDS + 120,
        )
    except subprocess.TimeoutExpired:
        hung = json.loads(state.read_text())
        kept = Failure(hung["name"], bytes.fromhex(hung["data"]), "hang").save(tmp_path / "failures")
        raise AssertionError(f"seed {seed}: the fuzzer hung on an input, kept in {kept}") from None
    result = json.loads(proc.stdout)
    print(
        f"fuzzing, seed {seed}: {result['inputs']} inputs in {result['seconds']} s, "
        f"slowest {result['slowest_input_seconds']} s, {len(result['failures'])} failures"
    )
    kept = [
        Failure(f["name"], bytes.fromhex(f["data"]), f["problem"]).save(tmp_path / "failures")
        for f in result["failures"]
        if f["data"]
    ]
    assert proc.returncode == 0 and not result["failures"], (seed, kept, [f["problem"] for f in result["failures"]])
    # It ran: every past failure and new inputs besides (how many in the budget depends on the machine's
    # speed and load, which a test does not assert).
    assert result["inputs"] > len(past_failures())
