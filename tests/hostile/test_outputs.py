"""Untrusted source text in every output format, end to end through the CLI.

Quotes, messages and file names come from files the tool did not write. No
format lets them run script, open a link, forge a CI annotation or drive the
terminal.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree, html
from markdown_it import MarkdownIt

from consistency_check.reporters import REGISTRY
from tests.hostile.corpus import run_cli

WEB = (
    "# Returns\n\n## How long do I have?\n\n"
    "You can return &lt;script&gt;alert(1)&lt;/script&gt; items `<img src=x onerror=alert(2)>` "
    "[click](javascript:alert(3)) within 30 days of purchase.\n"
)
STORE = (
    'RETURNS\n"You can return <script>alert(4)</script> <a href=\\"javascript:alert(5)\\" onclick=alert(6)>x</a> '
    "\x1b[2J\x1b]0;owned\x07 \x1b[31mred\x1b[0m \u202eitems %0A::error file=x.py::forged\r::warning::cr "
    'within 45 days of purchase."\n'
)
LG = "# Template\n- ok\n<script>alert(8)</script>\x1b[2J ::error::forged\n"
ODD_NAMES = {
    "store/<img src=x onerror=alert(7)>.txt": STORE,
    "store/evil\x1b[2J\nname\u202e.txt": 'RETURNS\n"You can return items within 60 days of purchase."\n',
}
CONFIG = (
    'sources:\n  - path: "web/*"\n    channel: web\n  - path: "store/*"\n    channel: store\n  - path: "bad/*"\n'
    "    channel: chatbot\n"
)
CONTROLS = ("\x1b", "\x07", "\u202e", "\r")


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile-output")
    for rel, text in {"web/faq.md": WEB, "bad/bot.lg": LG, "consistency-check.yaml": CONFIG, **ODD_NAMES}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return root


@pytest.fixture(scope="module")
def outputs(hostile_project: Path) -> dict[str, str]:
    rendered = {}
    for name in REGISTRY:
        # The classic engine quotes every side of the return window, the hostile lines among them: what matters
        # here is how each format writes the text it quotes.
        proc = run_cli("check", "--format", name, "--engine", "classic", cwd=hostile_project, timeout=120)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        rendered[name] = proc.stdout
    return rendered


def test_every_format_was_given_the_hostile_text(outputs: dict[str, str]) -> None:
    for name, text in outputs.items():
        assert "alert(4)" in text or name == "github", name
        assert "45 days" in text and "60 days" in text, name


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_no_format_passes_control_characters_through(outputs: dict[str, str], name: str) -> None:
    text = outputs[name]
    assert not [c for c in CONTROLS if c in text], name


def test_html_report_runs_nothing_from_the_sources(outputs: dict[str, str]) -> None:
    page = outputs["html"]
    tree = html.fromstring(page.encode("utf-8"))
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert (
        csp and "default-src 'none'" in csp[0] and "'unsafe-inline'" not in csp[0].split("script-src")[1].split(";")[0]
    )
    scripts = tree.xpath("//script")
    assert len(scripts) == 1 and "alert" not in (scripts[0].text or "")
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        assert not [a for a in el.attrib if a.lower().startswith("on")], etree.tostring(el)[:200]
        for attr in ("href", "src", "action", "formaction"):
            assert not el.get(attr, "").strip().lower().startswith(("javascript:", "data:")), etree.tostring(el)[:200]
    assert el is not None and tree.xpath("//img") == []
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in page


def test_markdown_output_has_no_live_markup_or_links(outputs: dict[str, str]) -> None:
    text = outputs["markdown"]
    assert not re.search(r"<(?:script|img|a)\b", text, re.I)
    assert not re.search(r"(?<!\\)\]\(javascript:", text)
    rendered = html.fromstring(MarkdownIt("commonmark").enable("table").render(text).encode("utf-8"))
    assert rendered.xpath("//script|//img|//a[starts-with(@href, 'javascript')]|//*[@onclick or @onerror]") == []
    assert "<script>alert(4)</script>" in rendered.text_content()


def test_github_annotations_cannot_be_forged(outputs: dict[str, str]) -> None:
    lines = outputs["github"].splitlines()
    command = re.compile(r"^::(?:error|warning|notice|debug|group|endgroup)(?: [^:]*)?::")
    assert lines and all(command.match(line) for line in lines), [ln[:80] for ln in lines if not command.match(ln)]
    assert sum(line.startswith("::error") for line in lines) == sum(1 for line in lines if "CC" in line.split("::")[1])
    # A literal "%0A" in a source stays literal text, never a newline.
    assert "%250A::error file=x.py::forged" in outputs["github"]


def test_text_output_shows_escapes_instead_of_driving_the_terminal(outputs: dict[str, str]) -> None:
    text = outputs["text"]
    assert "\\x1b[2J" in text and "\\x07" in text
    assert "\\u202e" in text


@pytest.mark.parametrize("name", ["json", "sarif"])
def test_json_formats_parse_and_keep_the_text(outputs: dict[str, str], name: str) -> None:
    data = json.loads(outputs[name])
    assert "alert(4)" in json.dumps(data)


def test_junit_is_well_formed_xml(outputs: dict[str, str]) -> None:
    root = etree.fromstring(outputs["junit"].encode("utf-8"))
    assert root.tag in ("testsuites", "testsuite")
