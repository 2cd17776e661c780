"""Broken files: each is a parse error (CC001) at its file, line and column, and the run goes on."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.config import Config, load_config
from consistency_check.discovery import SourceFile, from_config
from consistency_check.pipeline import read_source, run
from consistency_check.rules import load_rules
from tests.hostile.corpus import BROKEN, Broken, write_broken, write_project


@pytest.mark.parametrize("case", BROKEN, ids=[c.label for c in BROKEN])
def test_broken_file_is_a_located_parse_error(tmp_path: Path, case: Broken) -> None:
    path = write_broken(tmp_path, case)
    outcome = read_source(SourceFile(case.name, path, "agent", case.fmt, ""), Config(root=tmp_path))
    errors = [f for f in outcome.findings if f.code == "CC001"]
    assert errors, f"no parse error for {case.label}: {outcome.findings}"
    where = errors[0].sides[0].location
    assert (where.path, where.line) == (case.name, case.line)
    if case.column is not None:
        assert where.column == case.column
    assert case.message in errors[0].message


def test_run_goes_on_past_every_broken_file(tmp_path: Path) -> None:
    config_path = write_project(tmp_path)
    for case in BROKEN:
        write_broken(tmp_path / "bad", case)
    config = load_config(config_path)
    report = run(config, load_rules(config.rule_dirs, config.root))
    broken = {f.sides[0].location.path for f in report.findings if f.code == "CC001"}
    assert broken == {f"bad/{c.name}" for c in BROKEN}
    conflict = [f for f in report.findings if f.code == "CC201"]
    assert conflict and {s.value for s in conflict[0].sides} == {"30 days", "45 days"}


def test_folder_where_a_file_is_expected(tmp_path: Path) -> None:
    folder = tmp_path / "articles.json"
    folder.mkdir()
    outcome = read_source(SourceFile("articles.json", folder, "agent", "zendesk", ""), Config(root=tmp_path))
    assert [f.message for f in outcome.findings] == ["a folder where a file was expected"]


def test_config_source_naming_a_folder_reads_the_folder_and_an_empty_optional_one_is_a_note(tmp_path: Path) -> None:
    config_path = write_project(
        tmp_path,
        '  - path: "kb/articles.json"\n    channel: agent\n  - path: "kb/empty.json"\n    channel: agent\n'
        "    optional: true\n",
    )
    (tmp_path / "kb" / "articles.json").mkdir(parents=True)
    (tmp_path / "kb" / "empty.json").mkdir()
    (tmp_path / "kb" / "articles.json" / "page.md").write_text(
        "# Returns\n\nReturns within 60 days.\n", encoding="utf-8"
    )
    config = load_config(config_path)
    report = run(config, load_rules(config.rule_dirs, config.root))
    assert any("kb/empty.json' matches no file" in n for n in report.notes)
    # The folder's page is a source of the agent channel, and read.
    (page,) = [src for src in from_config(config)[0] if src.path == "kb/articles.json/page.md"]
    assert page.channel == "agent"
    assert [s.text for s in read_source(page, config).statements] == ["Returns within 60 days."]
