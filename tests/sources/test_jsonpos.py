"""The located JSON parser agrees with json.loads and reports positions."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consistency_check.sources.jsonpos import mask_js_comments, parse_located, pointer_token

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@given(JSON, st.sampled_from([None, 2]))
def test_same_values_as_json_loads(value: object, indent: int | None) -> None:
    text = json.dumps(value, indent=indent)
    assert parse_located(text).plain() == json.loads(text)


def test_offsets_point_at_values() -> None:
    text = '{\n  "a": [1, {"body": "x"}],\n  "b": null\n}'
    node = parse_located(text)
    body = node.get("a").value[1].get("body")  # type: ignore[union-attr]
    assert text[body.start] == '"' and text.count("\n", 0, body.start) == 1


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [('{"a": 1,}', 1, 9), ("[1,\n 2\n 3]", 3, 2), ('{"a" 1}', 1, 6), ("", 1, 1), ('{"a": 1} x', 1, 10)],
)
def test_errors_have_positions(text: str, line: int, column: int) -> None:
    with pytest.raises(json.JSONDecodeError) as err:
        parse_located(text)
    assert (err.value.lineno, err.value.colno) == (line, column)


def test_lenient_mode_accepts_json_ld_habits() -> None:
    text = mask_js_comments('{"a": "x\ny", // note\n "u": "http://e.com", /* c */ "b": [1,],};')
    assert parse_located(text, lenient=True).plain() == {"a": "x\ny", "u": "http://e.com", "b": [1]}
    assert pointer_token("a/b~c") == "a~1b~0c"


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(json.JSONDecodeError):
        parse_located("[" * 100_000 + "]" * 100_000)
