"""A clause of many values is indexed (``_ClauseValues``): it must give exactly what comparing every pair gives."""

from __future__ import annotations

import random

import pytest

from consistency_check.engine import text as T
from consistency_check.model import Fact

# Words and marks the split points depend on: commas, semicolons, conjunctions (also glued to other
# words and values, and in other cases), white space of several kinds.
_TOKENS = [
    "a", "b", "x", "s", "and", "or", "but", "while", "whereas", "with", "plus", "And", "OR", "or5", "ors",
    ",", ";", " ", " ", " ", "  ", "\n", "5", "$4", "days", "\u017f",
]  # fmt: skip


def _case(rng: random.Random) -> tuple[str, tuple[Fact, ...], tuple[int, int]]:
    text = "".join(rng.choice(_TOKENS) + rng.choice(["", "", " "]) for _ in range(rng.randint(5, 120)))
    facts = []
    for _ in range(rng.randint(T.FEW_VALUES + 1, T.FEW_VALUES + 30)):
        a = rng.randrange(len(text))
        facts.append(Fact(rng.choice("kkkmd"), "v", "", (a, min(len(text), a + rng.randint(1, 5)))))
    start = rng.randint(0, len(text) // 3)
    return text, tuple(facts), (start, rng.randint(max(start + 1, len(text) * 2 // 3), len(text)))


@pytest.mark.parametrize("seed", range(2))
def test_the_clause_index_gives_what_comparing_every_pair_gives(seed: int) -> None:
    rng = random.Random(seed)
    compared = 0
    for _ in range(400):
        text, facts, clause = _case(rng)
        inside = tuple(sorted((f for f in facts if clause[0] <= f.span[0] < clause[1]), key=lambda f: f.span[0]))
        if len(inside) <= T.FEW_VALUES:
            continue
        index = T._ClauseValues(text, inside, clause)
        for fact in facts:
            want = T._segment_scan(text, facts, fact.span, fact.kind, clause)
            assert index.segment(fact.span, fact.kind, clause) == want, (text, clause, fact)
            compared += 1
    assert compared > 3_000


def test_value_segment_uses_the_index_for_a_clause_of_many_values() -> None:
    text = "Plans cost " + ", ".join(f"${n}" for n in range(10, 40)) + " and ship within 5 days or 10 days."
    from consistency_check.facts import extract_facts

    facts = extract_facts(text)
    clause = (0, len(text))
    assert isinstance(T._clause_values(text, facts, clause), T._ClauseValues)
    for fact in facts:
        assert T.value_segment(text, facts, fact.span, fact.kind, clause) == T._segment_scan(
            text, facts, fact.span, fact.kind, clause
        )
