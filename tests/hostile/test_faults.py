"""Faults on content: a damaged archive, a line of hundreds of values.

Each gives a located finding or a clear message and exit 0, 1 or 2: never exit 3, a hang or a traceback.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from tests.hostile.corpus import has_return_window_conflict, json_report, run_cli, run_measured, write_project
from tests.sources.conftest import FIXTURES


def _zipped(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def damage_entry(data: bytes, name_part: str) -> bytes:
    """``data`` (a zip) with the deflate stream of the first entry whose name holds ``name_part`` scrambled."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = next(i for i in archive.infolist() if name_part in i.filename and i.compress_size > 40)
    header = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    for i in range(header + 4, header + 24):
        out[i] ^= 0xFF
    return bytes(out)


@pytest.mark.parametrize(
    ("fixture", "entry"),
    [("dialogflow_es/shop_agent", "intents/"), ("lex_v2/ShopBotExport", "Intents/")],
    ids=["dialogflow", "lex"],
)
def test_a_damaged_deflate_stream_in_an_export_is_a_located_finding(tmp_path: Path, fixture: str, entry: str) -> None:
    write_project(tmp_path, '  - path: "bot/"\n    channel: chatbot\n')
    (tmp_path / "bot").mkdir()
    (tmp_path / "bot" / "export.zip").write_bytes(damage_entry(_zipped(FIXTURES / fixture), entry))
    for cache in ("--no-cache", "--cache-dir=cache"):
        proc = run_cli("check", "--format", "json", cache, cwd=tmp_path, timeout=120)
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
        report = json_report(proc.stdout)
        broken = [f for f in report["findings"] if f["code"] == "CC001"]
        assert broken and all("entry cannot be read" in f["message"] for f in broken), broken
        assert broken[0]["locations"][0]["path"].startswith("bot/export.zip!/")
        assert report["summary"]["statements"] > 2  # the other entries were read
        assert has_return_window_conflict(report["findings"])


def _values_project(root: Path, line: str, name: str = "prices.md") -> None:
    write_project(root, f'  - path: "{name}"\n    channel: agent\n')
    (root / name).write_text("# Prices\n\n" + line + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    "unit", ["$49 ", "30 days ", "$49 for 30 days, ", "$49 and 3 days; ", "$49 or $59 within 30 days and 10% off "]
)
def test_a_statement_of_5000_characters_of_values_is_checked_in_well_under_a_second(unit: str) -> None:
    """The work per statement is bounded: values are capped, and a value's part never rescans the clause."""
    import dataclasses

    from consistency_check.engine import analyse
    from consistency_check.facts import extract_facts
    from consistency_check.limits import MAX_STATEMENT_CHARS
    from consistency_check.model import Location, Statement
    from consistency_check.pipeline import _few_values
    from consistency_check.rules import load_rules

    ruleset = load_rules()
    text = (unit * (MAX_STATEMENT_CHARS // len(unit)))[:MAX_STATEMENT_CHARS].strip()
    stmt = Statement("web", "markdown", "Prices", text, Location("prices.md", 3))
    other = Statement("store", "text", "Returns", "Returns within 45 days.", Location("s.txt", 1))
    analyse([dataclasses.replace(other, facts=extract_facts(other.text))], ruleset)  # patterns compiled once
    started = time.process_time()
    statements, _ = _few_values(
        [dataclasses.replace(s, facts=extract_facts(s.text)) for s in (stmt, other)]  # as the pipeline reads them
    )
    analyse(statements, ruleset)
    seconds = time.process_time() - started
    assert seconds < 0.8, f"{seconds:.2f} s of CPU for a statement of {len(text)} characters of values"


def test_a_pasted_line_of_800_prices_is_cut_at_the_value_limit_and_reported(tmp_path: Path) -> None:
    _values_project(tmp_path, "$49 " * 800)
    result = run_measured("check", "--format", "json", "--no-cache", cwd=tmp_path, timeout=120)
    assert result.returncode == 1, result.stderr
    report = json_report(result.stdout)
    messages = [f["message"] for f in report["findings"] if f["code"] == "CC001"]
    assert messages == ["a statement of 800 values is over the limit of 200; only its first 200 were checked"]
    assert has_return_window_conflict(report["findings"])
    assert result.seconds < 20
