"""Zip exports: read in memory like the unpacked folder, with limits and refused entries reported."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from consistency_check.config import Config
from consistency_check.discovery import SourceFile
from consistency_check.pipeline import ParseOutcome, read_source, run
from consistency_check.rules import load_rules
from consistency_check.sources import archive
from tests.sources.conftest import FIXTURES, parse_file

FOLDERS = [
    (FIXTURES / "dialogflow_es" / "shop_agent", "dialogflow-es"),
    (FIXTURES / "dialogflow_cx" / "shop_cx", "dialogflow-cx"),
    (FIXTURES / "lex_v2" / "ShopBotExport", "lex-v2"),
]
REAL = [
    ("dialogflow_es/atomicbongorg__DialogFlow-Support-Bot1", "dialogflow-es"),
    ("dialogflow_es/Krsna-Codes__Food-Delivery-Chatbot-Dialogflow-Agent", "dialogflow-es"),
    ("dialogflow_cx/aaronblythe__aaron_banking", "dialogflow-cx"),
    ("dialogflow_cx/Nicocalji__S-Query-Operadora-y-Atencion-Al-Cliente-Dialogflow-CX", "dialogflow-cx"),
    ("lex_v2/aws__lex-helper/examples/sample_airline_bot/lex-export", "lex-v2"),
    ("lex_v2/lomibaod__lexV2Demos/pizza_demo/PizzaShopLexExport.zip.unzipped", "lex-v2"),
]


def zip_folder(folder: Path, target: Path, top: str = "") -> Path:
    """Zip every file below ``folder`` (optionally under a top folder), as the consoles do."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, top + path.relative_to(folder).as_posix())
    return target


def read(path: Path, root: Path) -> ParseOutcome:
    return read_source(SourceFile(path.relative_to(root).as_posix(), path, None, "auto", ""), Config(root=root))


def folder_statements(folder: Path) -> list[tuple[str, str, str, int | None]]:
    """(relative path, pointer, text, line) of every statement of an unpacked export."""
    out = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        for s in parse_file(path, folder)[1]:
            out.append((s.location.path, s.location.pointer or "", s.text, s.location.line))
    return sorted(out)


def zip_statements(outcome: ParseOutcome, name: str) -> list[tuple[str, str, str, int | None]]:
    prefix = f"{name}!/"
    assert all(s.location.path.startswith(prefix) for s in outcome.statements)
    return sorted(
        (s.location.path[len(prefix) :], s.location.pointer or "", s.text, s.location.line) for s in outcome.statements
    )


@pytest.mark.parametrize(("folder", "fmt"), FOLDERS, ids=[f[1] for f in FOLDERS])
def test_zip_gives_the_same_statements_as_the_folder(tmp_path: Path, folder: Path, fmt: str) -> None:
    target = zip_folder(folder, tmp_path / "export.zip")
    outcome = read(target, tmp_path)
    assert not outcome.findings
    assert outcome.statements and all(s.format == fmt and s.channel == "chatbot" for s in outcome.statements)
    assert zip_statements(outcome, "export.zip") == folder_statements(folder)


def test_zip_with_a_top_folder_and_alternatives(tmp_path: Path) -> None:
    target = zip_folder(FIXTURES / "dialogflow_es" / "shop_agent", tmp_path / "agent.zip", top="Northwind/")
    outcome = read(target, tmp_path)
    refund = next(s for s in outcome.statements if s.location.pointer == "/responses/0/messages/0/speech/0")
    assert refund.location.path == "agent.zip!/Northwind/intents/Refund status.json"
    assert refund.location.display() == "agent.zip!/Northwind/intents/Refund status.json:31"
    assert refund.alternatives == ("where is my refund for order 1234", "how long do refunds take")
    assert refund.locale == "en"


@pytest.mark.parametrize(("sample", "fmt"), REAL, ids=[r[0].split("/")[1] for r in REAL])
def test_real_export_zipped(real_samples: Path, tmp_path: Path, sample: str, fmt: str) -> None:
    folder = real_samples / sample
    target = zip_folder(folder, tmp_path / "export.zip")
    outcome = read(target, tmp_path)
    assert not outcome.findings
    assert {s.format for s in outcome.statements} == {fmt}
    assert zip_statements(outcome, "export.zip") == folder_statements(folder)


def _write(target: Path, entries: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(target, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return target


def _fixture(name: str) -> bytes:
    return (FIXTURES / "dialogflow_es" / "shop_agent" / name).read_bytes()


def _good_entries() -> dict[str, bytes | str]:
    return {"agent.json": _fixture("agent.json"), "intents/Refund status.json": _fixture("intents/Refund status.json")}


def test_zip_bomb_entry_is_refused_and_the_rest_read(tmp_path: Path) -> None:
    entries = _good_entries()
    entries["intents/Huge.json"] = (
        b'{"name": "Huge", "responses": [], "webhookUsed": false, "pad": "' + b" " * 4_000_000 + b'"}'
    )
    outcome = read(_write(tmp_path / "bomb.zip", entries), tmp_path)
    assert len(outcome.statements) == 7
    [finding] = outcome.findings
    assert finding.code == "CC001" and "zip bomb" in finding.message
    assert finding.sides[0].location.path == "bomb.zip!/intents/Huge.json"


def test_too_many_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_ENTRIES", 3)
    entries = _good_entries()
    entries.update({f"intents/Extra{i}.json": "{}" for i in range(3)})
    outcome = read(_write(tmp_path / "many.zip", entries), tmp_path)
    assert not outcome.statements
    [finding] = outcome.findings
    assert finding.code == "CC001" and "5 entries, more than the limit of 3" in finding.message


def test_too_large_when_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 1000)
    outcome = read(_write(tmp_path / "large.zip", _good_entries()), tmp_path)
    assert not outcome.statements
    assert [f.code for f in outcome.findings] == ["CC001"] and "limit; not read" in outcome.findings[0].message


@pytest.mark.parametrize(
    "name", ["../evil.json", "intents/../../evil.json", "/etc/evil.json", "C:/evil.json", "..\\evil.json"]
)
def test_unsafe_names_are_refused_and_the_rest_read(tmp_path: Path, name: str) -> None:
    entries = _good_entries()
    entries[name] = _fixture("intents/Refund status.json")
    outcome = read(_write(tmp_path / "unsafe.zip", entries), tmp_path)
    assert len(outcome.statements) == 7
    [finding] = outcome.findings
    assert finding.code == "CC001" and "refused" in finding.message and name in finding.message
    assert finding.sides[0].location.path == "unsafe.zip"


def test_broken_entry_is_located_inside_the_archive(tmp_path: Path) -> None:
    entries = _good_entries()
    entries["intents/Broken.json"] = '{\n  "name": "Broken",\n  "responses": [\n    {"messages": [}\n'
    outcome = read(_write(tmp_path / "broken.zip", entries), tmp_path)
    assert len(outcome.statements) == 7
    [finding] = outcome.findings
    location = finding.sides[0].location
    assert (location.path, location.line, location.column) == ("broken.zip!/intents/Broken.json", 4, 19)


def test_os_junk_and_stored_entries(tmp_path: Path) -> None:
    entries = _good_entries()
    entries["__MACOSX/intents/._Refund status.json"] = b"\x00\x05\x16\x07binary"
    entries[".DS_Store"] = b"\x00\x00\x00\x01Bud1"
    outcome = read(_write(tmp_path / "mac.zip", entries, zipfile.ZIP_STORED), tmp_path)
    assert len(outcome.statements) == 7 and not outcome.findings


def test_zip_that_is_not_an_export_or_not_a_zip(tmp_path: Path) -> None:
    other = _write(tmp_path / "photos.zip", {"readme.txt": "holiday photos", "a.json": '{"x": 1}'})
    assert [f.code for f in read(other, tmp_path).findings] == ["CC002"]
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"not a zip at all")
    assert [f.code for f in read(fake, tmp_path).findings] == ["CC002"]
    truncated = tmp_path / "cut.zip"
    truncated.write_bytes(zip_folder(FIXTURES / "lex_v2" / "ShopBotExport", tmp_path / "whole.zip").read_bytes()[:300])
    outcome = read(truncated, tmp_path)
    assert [f.code for f in outcome.findings] in (["CC001"], ["CC002"])


def test_run_over_a_folder_holding_a_zip(tmp_path: Path) -> None:
    zip_folder(FIXTURES / "dialogflow_cx" / "shop_cx", tmp_path / "cx-export.zip")
    report = run(Config(root=tmp_path), load_rules(), [tmp_path])
    assert report.files == 1 and report.statements == 14
    assert not [f for f in report.findings if f.code in ("CC001", "CC002")]
