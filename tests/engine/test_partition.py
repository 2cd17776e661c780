"""Splitting a rule group by the names its values carry (subject.partition_by_names)."""

from __future__ import annotations

from typing import Any

import pytest

from consistency_check.engine.subject import partition_by_names

# Each case: the names of the group's values, in order, and the parts expected (as lists of indexes).
CASES: list[dict[str, Any]] = [
    {
        "id": "programme-name-holds-tiers",
        # "Harborview Rewards" is named next to Gold and next to Platinum: it is the programme, not a tier.
        "names": [
            ["harborview rewards"],
            ["gold", "harborview rewards"],
            ["platinum", "harborview rewards"],
            ["harborview rewards"],
            ["gold"],
        ],
        "parts": [[1, 4], [2], [0, 3]],
    },
    {
        "id": "one-name-on-every-value",
        "names": [["harborview rewards"], ["harborview rewards"]],
        "parts": [[0, 1]],
    },
    {
        "id": "shared-name-with-one-other",
        # Named next to one other name only: nothing says it holds differently named things.
        "names": [["cedar ridge", "everyday checking"], ["cedar ridge"], ["everyday checking"]],
        "parts": [[0, 1, 2]],
    },
    {
        "id": "row-name-holds-nothing",
        # Joined to the table row "Platinum": named next to two programme spellings, Platinum is still
        # what every value is about, not a programme holding them.
        "names": [
            ["harborview rewards", "platinum"],
            ["platinum", "rewards discounts"],
            ["harborview rewards", "platinum"],
        ],
        "row": "Platinum",
        "parts": [[0, 1, 2]],
    },
    {
        "id": "unnamed-values-stay-apart-from-competing-names",
        "names": [["gold"], ["silver"], []],
        "parts": [[0], [1], [2]],
    },
]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_partition(case: dict[str, Any]) -> None:
    claims = list(range(len(case["names"])))
    names = {i: frozenset(n) for i, n in enumerate(case["names"])}
    parts = partition_by_names(claims, names.__getitem__, case.get("row", ""))  # type: ignore[arg-type]
    assert sorted(sorted(p) for p in parts) == sorted(sorted(p) for p in case["parts"])
