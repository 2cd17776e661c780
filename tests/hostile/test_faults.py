"""Faults on content: a damaged archive.

Each gives a located finding or a clear message and exit 0, 1 or 2: never exit 3, a hang or a traceback.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.hostile.corpus import has_return_window_conflict, json_report, run_cli, write_project
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
