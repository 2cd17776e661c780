"""An exported help centre carries images, stylesheets and scripts beside its pages (a Confluence HTML export's
``images/``, ``styles/site.css``): found in a source's folder they are passed over with one note, not read as
pages nor reported as unreadable; a file named by itself is still read."""

from __future__ import annotations

from pathlib import Path

from consistency_check.config import Config, load_config
from consistency_check.discovery import from_config, from_paths

PAGE = """<!DOCTYPE html><html><head><title>Support : Fees</title></head>
<body><div id="main-content"><p>The late fee is $5.</p></div></body></html>
"""


def _export(root: Path) -> None:
    space = root / "agent" / "SUP"
    (space / "styles").mkdir(parents=True)
    (space / "images").mkdir()
    (space / "Fees_123456.html").write_text(PAGE, encoding="utf-8")
    (space / "styles" / "site.css").write_text('.note:before { content: "Fee is $9"; }\n', encoding="utf-8")
    (space / "styles" / "site.js").write_text("if (a < b) { x(); }\n", encoding="utf-8")
    (space / "images" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")


def test_a_source_folder_skips_the_assets_of_an_export(tmp_path: Path) -> None:
    _export(tmp_path)
    (tmp_path / "consistency-check.yaml").write_text(
        "sources:\n  - path: agent\n    channel: agent\n    format: confluence\n", encoding="utf-8"
    )
    files, notes = from_config(load_config(tmp_path / "consistency-check.yaml"))
    assert [f.path for f in files] == ["agent/SUP/Fees_123456.html"]
    assert any("3 image, stylesheet or script files in source 'agent' not read" in n for n in notes), notes


def test_a_folder_given_skips_them_and_a_file_given_is_read(tmp_path: Path) -> None:
    _export(tmp_path)
    plain = Config(root=tmp_path)  # no config file: the folder is read as given
    notes: list[str] = []
    found = from_paths([tmp_path / "agent"], plain, notes)
    assert [f.path for f in found] == ["agent/SUP/Fees_123456.html"]
    assert any("3 image, stylesheet or script files not read" in n for n in notes), notes
    css = tmp_path / "agent" / "SUP" / "styles" / "site.css"
    assert [f.path for f in from_paths([css], plain, [])] == ["agent/SUP/styles/site.css"]
