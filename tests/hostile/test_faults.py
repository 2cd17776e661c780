"""The faults of issue 20 on content: a damaged archive, a lone surrogate, a line of hundreds of values.

Each gives a located finding or a clear message and exit 0, 1 or 2: never exit 3, a hang or a traceback.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile.corpus import has_return_window_conflict, json_report, run_cli, run_measured, write_project, zipped
from tests.sources.conftest import FIXTURES


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
    (tmp_path / "bot" / "export.zip").write_bytes(damage_entry(zipped(FIXTURES / fixture), entry))
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


def _surrogate_project(root: Path) -> None:
    """A Dialogflow intent whose answer holds ``\\udc80``, a JSON escape that encodes no character."""
    write_project(root, '  - path: "bot/*.json"\n    channel: chatbot\n    format: dialogflow-es\n')
    (root / "bot").mkdir()
    intent = {
        "name": "returns",
        "responses": [{"messages": [{"type": "0", "speech": ["You can return unused items within 60 days \\udc80."]}]}],
    }
    (root / "bot" / "returns.json").write_text(json.dumps(intent).replace("\\\\udc80", "\\udc80"), encoding="utf-8")


SURROGATE_FORMATS = ("json", "text", "sarif", "markdown", "html", "junit", "github")


def test_a_lone_surrogate_is_read_and_reported_in_every_format(tmp_path: Path) -> None:
    _surrogate_project(tmp_path)
    assert "\\udc80" in (tmp_path / "bot" / "returns.json").read_text(encoding="utf-8")
    every = [arg for fmt in SURROGATE_FORMATS for arg in ("--format", f"{fmt}:out.{fmt}")]
    for cache in ("--cache-dir=cache", "--cache-dir=cache", "--no-cache"):  # written, then read from the cache
        proc = run_cli("check", *every, cache, cwd=tmp_path, timeout=120)
        assert proc.returncode == 1, proc.stderr
        for fmt in SURROGATE_FORMATS:
            assert "60 days" in (tmp_path / f"out.{fmt}").read_text(encoding="utf-8"), fmt
    proc = run_cli("check", "--format", "json", "--cache-dir=cache", cwd=tmp_path, timeout=120)
    quotes = [loc["quote"] for f in json_report(proc.stdout)["findings"] for loc in f["locations"]]
    assert "You can return unused items within 60 days \ufffd." in quotes


def test_a_file_name_that_is_not_utf8_is_shown_escaped(tmp_path: Path) -> None:
    write_project(tmp_path)
    (tmp_path / "web" / "old\udcff.md").write_bytes(b"# Returns\n\nYou can return unused items within 60 days.\n")
    formats = ("json", "text", "sarif", "junit")
    every = [arg for fmt in formats for arg in ("--format", f"{fmt}:out.{fmt}")]
    for cache in ("--cache-dir=cache", "--cache-dir=cache", "--no-cache"):
        proc = run_cli("check", *every, cache, cwd=tmp_path, timeout=120)
        assert proc.returncode == 1, proc.stderr
        for fmt in formats:  # each format escapes the \\
            assert "xff.md" in (tmp_path / f"out.{fmt}").read_text(encoding="utf-8"), fmt


_SPACE_KINDS = " \t\n\u00a0\u2003\u3000\u202f\u2009"


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(["a", "b.", "&amp;", "\udc80", "\ud83d", *_SPACE_KINDS]), max_size=30).map("".join))
def test_clean_text_folds_white_space_as_before_and_is_always_utf8(text: str) -> None:
    """One plain space is no longer replaced by itself (a long text is not rebuilt from millions of pieces)."""
    import html
    import re
    import unicodedata

    from consistency_check.sources.base import _clean

    cleaned = _clean(text)
    cleaned.encode("utf-8")  # no lone surrogate left
    if "\udc80" not in text and "\ud83d" not in text:
        folded = re.sub(
            r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", unicodedata.normalize("NFKC", html.unescape(text))
        )
        assert cleaned == "\n".join(ln.strip() for ln in folded.split("\n") if ln.strip()).strip()


def _values_project(root: Path, line: str, name: str = "prices.md") -> None:
    write_project(root, f'  - path: "{name}"\n    channel: agent\n')
    (root / name).write_text("# Prices\n\n" + line + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    "unit", ["$49 ", "30 days ", "$49 for 30 days, ", "$49 and 3 days; ", "$49 or $59 within 30 days and 10% off "]
)
def test_a_statement_of_5000_characters_of_values_is_capped_and_checked(unit: str) -> None:
    """The work per statement is bounded: values are capped at :data:`MAX_STATEMENT_VALUES`, and the cut
    statement is compared. How long that takes is measured, not asserted (``benchmarks/hostile/measure.py``
    prints it for each hostile input): a timed assertion fails on a slow hour of a shared machine."""
    import dataclasses

    from consistency_check.engine import analyse
    from consistency_check.facts import extract_facts
    from consistency_check.limits import MAX_STATEMENT_CHARS, MAX_STATEMENT_VALUES
    from consistency_check.model import Location, Statement
    from consistency_check.reading import _few_values
    from consistency_check.rules import load_rules

    ruleset = load_rules()
    text = (unit * (MAX_STATEMENT_CHARS // len(unit)))[:MAX_STATEMENT_CHARS].strip()
    stmt = Statement("web", "markdown", "Prices", text, Location("prices.md", 3))
    other = Statement("store", "text", "Returns", "Returns within 45 days.", Location("s.txt", 1))
    read = [dataclasses.replace(s, facts=extract_facts(s.text)) for s in (stmt, other)]  # as the pipeline reads them
    statements, cut = _few_values(read)
    assert len(read[0].facts) > MAX_STATEMENT_VALUES and cut is not None
    assert len(statements[0].facts) == MAX_STATEMENT_VALUES and statements[1] == read[1]
    analyse(statements, ruleset)  # completes, with no error


def test_a_pasted_line_of_800_prices_is_cut_at_the_value_limit_and_reported(tmp_path: Path) -> None:
    _values_project(tmp_path, "$49 " * 800)
    result = run_measured("check", "--format", "json", "--no-cache", cwd=tmp_path, timeout=120)
    assert result.returncode == 1, result.stderr
    report = json_report(result.stdout)
    messages = [f["message"] for f in report["findings"] if f["code"] == "CC006" and f["severity"] == "info"]
    assert messages == ["a statement of 800 values is over the limit of 200; only its first 200 were checked"]
    assert has_return_window_conflict(report["findings"])
    assert result.seconds < 20


def test_a_10_mb_json_string_of_durations_is_read_in_bounded_time_and_memory(tmp_path: Path) -> None:
    write_project(tmp_path, '  - path: "long.json"\n    channel: agent\n    format: zendesk\n')
    size = 10 * 1024 * 1024
    (tmp_path / "long.json").write_text(
        '{"articles": [{"title": "R", "body": "' + "30 days " * (size // 8) + '"}]}', encoding="utf-8"
    )
    result = run_measured("check", "--format", "json", "--no-cache", cwd=tmp_path, timeout=300)
    assert result.returncode == 1, result.stderr
    messages = [f["message"] for f in json_report(result.stdout)["findings"] if f["code"] == "CC006"]
    assert any("over the limit of 200" in m for m in messages), messages
    assert result.max_rss_mb < 60 + 12 * size / 2**20, f"peak memory {result.max_rss_mb:.0f} MB"
