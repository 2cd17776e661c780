"""A file that breaks part-way keeps what was read before the error, plus a located parse-error finding."""

from __future__ import annotations

from pathlib import Path

from consistency_check.config import Config
from consistency_check.discovery import SourceFile
from consistency_check.pipeline import read_source


def test_partial_file_keeps_statements_and_reports_error(tmp_path: Path) -> None:
    page = tmp_path / "faq.html"
    page.write_text(
        '<html><head><script type="application/ld+json">{"@type": "FAQPage", "mainEntity": [</script></head>\n'
        "<body><details><summary>How long do returns take?</summary><p>Returns are accepted within 30 "
        "days.</p></details></body></html>\n",
        encoding="utf-8",
    )
    outcome = read_source(SourceFile("faq.html", page, "web", "html", ""), Config(root=tmp_path))
    assert any("30 days" in s.text for s in outcome.statements)
    assert all(f.code == "CC001" for f in outcome.findings)


def _example_run(paths: list[Path] | None = None):  # type: ignore[no-untyped-def]
    from consistency_check.config import load_config
    from consistency_check.pipeline import run
    from consistency_check.rules import load_rules

    config = load_config(Path(__file__).resolve().parents[1] / "examples" / "consistency-check.yaml")
    return config, run(config, load_rules(config.rule_dirs, config.root), paths)


def test_report_carries_rule_catalogue_and_checked_subjects() -> None:
    _, report = _example_run()
    codes = [info.code for info in report.rules]
    assert codes == sorted(codes) and {"CC001", "CC002", "CC100", "CC101", "CC201"} <= set(codes)
    subjects = {s.subject: s for s in report.subjects}
    # Every finding's subject is a checked subject, and some subjects agree everywhere.
    assert {f.subject for f in report.findings} <= set(subjects)
    agreeing = set(subjects) - {f.subject for f in report.findings}
    assert "restocking fee (electronics+opened)" in agreeing
    restocking = subjects["restocking fee (electronics+opened)"]
    assert restocking.code == "CC209" and {v for _, v in restocking.values} == {"15%"}
    assert {c for c, _ in restocking.values} == {"web", "chatbot", "agent", "store"}
    assert len(restocking.paths) >= 4


def test_changed_files_keep_only_their_subjects() -> None:
    _config, report = _example_run([Path(__file__).resolve().parents[1] / "examples" / "store" / "returns-desk.md"])
    assert report.subjects
    assert all("store/returns-desk.md" in s.paths for s in report.subjects)


def test_a_statement_given_its_facts_keeps_every_other_field() -> None:
    # Reading gives each statement its facts and locale without dataclasses.replace (once per statement): a
    # field added to Statement must come through too.
    import dataclasses

    from consistency_check.model import Fact, Location, Statement

    stmt = Statement(
        "web",
        "html",
        "Q?",
        "A.",
        Location("a.html", 3),
        "fr",
        ("alt",),
        (),
        "json-ld",
        "members",
        True,
        "t1",
    )
    assert all(getattr(stmt, f.name) != f.default for f in dataclasses.fields(Statement) if f.name != "facts")
    facts = (Fact("money", "$5.00", "$5", (0, 2)),)
    assert stmt.with_facts(facts, "de") == dataclasses.replace(stmt, facts=facts, locale="de")
