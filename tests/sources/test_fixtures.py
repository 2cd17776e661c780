"""Every fixture file gives exactly the statements listed in its folder's expected.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.sources.conftest import FIXTURES, parse_file


def _cases() -> list[tuple[Path, str, dict[str, object]]]:
    cases = []
    for expected in sorted(FIXTURES.glob("*/expected.yaml")):
        for name, spec in yaml.safe_load(expected.read_text(encoding="utf-8")).items():
            cases.append((expected.parent, name, spec))
    return cases


CASES = _cases()


@pytest.mark.parametrize(("folder", "name", "spec"), CASES, ids=[f"{c[0].name}/{c[1]}" for c in CASES])
def test_fixture_statements(folder: Path, name: str, spec: dict[str, object]) -> None:
    fmt, statements = parse_file(folder / name, folder)
    assert fmt == spec["format"]
    got = [[s.origin, s.location.line, s.question, s.text] for s in statements]
    expected = spec["statements"]
    assert isinstance(expected, list)
    assert [g[:3] for g in got] == [e[:3] for e in expected]
    for g, e in zip(got, expected, strict=True):
        assert str(g[3]).startswith(e[3]), (g, e)


def test_every_fixture_is_listed() -> None:
    listed = {(c[0], c[1]) for c in CASES}
    files = {
        (expected.parent, p.relative_to(expected.parent).as_posix())
        for expected in FIXTURES.glob("*/expected.yaml")
        for p in expected.parent.rglob("*")
        if p.is_file() and p.name != "expected.yaml"
    }
    assert files == listed


def test_statements_carry_channel_path_and_format() -> None:
    folder = FIXTURES / "zendesk"
    _, statements = parse_file(folder / "articles.json", folder)
    first = statements[0]
    assert (first.channel, first.format, first.location.path) == ("web", "zendesk", "articles.json")
    assert first.location.pointer == "/articles/0/body#p0"
    assert first.locale == "en-us"
