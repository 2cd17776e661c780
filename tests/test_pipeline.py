"""A file that breaks part-way keeps what was read before the error, plus a located parse-error finding."""

from __future__ import annotations

from pathlib import Path

from consistency_check.config import Config
from consistency_check.discovery import SourceFile
from consistency_check.pipeline import read_source


def test_partial_file_keeps_statements_and_reports_error(tmp_path: Path) -> None:
    page = tmp_path / "faq.html"
    page.write_text(
        "<html><head><script type=\"application/ld+json\">{\"@type\": \"FAQPage\", \"mainEntity\": [</script></head>\n"
        "<body><details><summary>How long do returns take?</summary><p>Returns are accepted within 30 days.</p></details></body></html>\n",
        encoding="utf-8",
    )
    outcome = read_source(SourceFile("faq.html", page, "web", "html", ""), Config(root=tmp_path))
    assert any("30 days" in s.text for s in outcome.statements)
    assert all(f.code == "CC001" for f in outcome.findings)
