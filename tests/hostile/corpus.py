"""Hostile and broken inputs, written at test time into temporary folders (never committed).

Every test starts from a small healthy project whose web FAQ and store script
disagree on the return window (30 vs 45 days): whatever else is broken, that
finding must still be reported, which shows the run went on.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HEALTHY = {
    "web/faq.md": (
        "# Returns\n\n## How long do I have to return an item?\n\n"
        "You can return unused items within 30 days of purchase.\n"
    ),
    "store/script.txt": 'RETURNS\n"You can return unused items within 45 days of purchase."\n',
}
HEALTHY_CONFIG = """\
sources:
  - path: "web/*"
    channel: web
  - path: "store/*"
    channel: store
  - path: "bad/"
    channel: agent
    optional: true
"""


def write_project(root: Path, extra_config: str = "") -> Path:
    """The healthy project in ``root`` (with an empty ``bad/`` folder for broken files); returns the config path."""
    for rel, text in HEALTHY.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "bad").mkdir(exist_ok=True)
    config = root / "consistency-check.yaml"
    config.write_text(HEALTHY_CONFIG + extra_config, encoding="utf-8")
    return config


def has_return_window_conflict(findings: list[dict]) -> bool:
    """Whether the JSON report's findings still hold the healthy 30 vs 45 days contradiction."""
    for f in findings:
        values = {loc.get("value") for loc in f["locations"]}
        if {"30 days", "45 days"} <= values:
            return True
    return False


@dataclass(frozen=True)
class Broken:
    """A broken file: where it goes under ``bad/``, its bytes, and the CC001 location expected."""

    label: str
    name: str
    data: bytes
    line: int | None
    column: int | None = None
    message: str = ""
    fmt: str = "auto"


_RASA_HEAD = b"version: '3.1'\nresponses:\n  utter_returns:\n"

BROKEN: tuple[Broken, ...] = (
    # Syntax errors, located at the line (and column) where the parser stopped.
    Broken("yaml syntax", "domain.yml", _RASA_HEAD + b"  - text: [unclosed\n", 5, 1, "invalid YAML"),
    Broken("yaml tab indent", "responses.yml", _RASA_HEAD + b"  - text: ok\n\t- text: tab\n", 5, None, "invalid YAML"),
    Broken("yaml unrecognised", "notes.yaml", b"key: value\nother: [1, 2\n", 3, 1, "invalid YAML"),
    Broken(
        "json syntax",
        "articles.json",
        b'{"articles": [\n  {"title": "Returns", "body": "30 days",}\n]}\n',
        2,
        42,
        "invalid JSON",
    ),
    Broken("json unrecognised", "data.json", b'{"a": 1,\n "b": }\n', 2, 7, "invalid JSON"),
    Broken(
        "json truncated",
        "truncated.json",
        b'{"articles": [{"title": "Returns", "body": "You have 30 da',
        1,
        44,
        "invalid JSON",
    ),
    Broken(
        "html unclosed comment",
        "faq.html",
        b"<html><body>\n<h2>Returns?</h2>\n<p>30 days.</p>\n<!-- draft\n<h2>Shipping?</h2>\n<p>5 days.</p>\n"
        b"</body></html>\n",
        4,
        1,
        "never closed",
    ),
    Broken(
        "html unclosed script",
        "page.html",
        b"<html><body>\n<p>Returns within 30 days.</p>\n  <script>var a = 1;\n<p>Ships in 5 days.</p>\n"
        b"</body></html>\n",
        3,
        3,
        "never closed",
    ),
    Broken(
        "html json-ld",
        "ld.html",
        b'<html><head>\n<script type="application/ld+json">\n{"@type": "FAQPage", "mainEntity": [\n'
        b'  {"@type": "Question" "name": "x"}]}\n</script></head><body><p>Hi</p></body></html>\n',
        4,
        24,
        "invalid JSON-LD",
    ),
    Broken(
        "csv quoting",
        "knowledge.csv",
        b'Title,Answer__c,PublishStatus\n"Returns,"You have 30 days",Online\n',
        2,
        None,
        "malformed CSV",
    ),
    Broken(
        "front matter",
        "page.md",
        b"---\ntitle: [Returns\nlang: en\n---\n# Returns\n\nYou have 30 days.\n",
        3,
        5,
        "invalid front matter",
    ),
    Broken("lu qna header", "bot.lu", b"# ?\n- what is the return window\n", 1, 1, ""),
    Broken(
        "lu unclosed answer",
        "faq.qna",
        b"# ? How long do I have?\n```markdown\nYou have 30 days.\n",
        2,
        1,
        "never closed",
    ),
    Broken("lg template line", "bot.lg", b"# ReturnWindow\n- You have 30 days.\n```\nunterminated\n", 3, 1, ""),
    Broken(
        "xml unclosed",
        "bot.xml",
        b"<?xml version='1.0'?>\n<Bot xmlns='http://soap.sforce.com/2006/04/metadata'>\n<x>\n",
        4,
        None,
        "invalid XML",
    ),
    Broken("docx damaged", "script.docx", b"PK\x03\x04not really a zip", None, None, "Word"),
    # Empty, blank and binary files.
    Broken("empty json", "empty.json", b"", 1, None, "empty"),
    Broken("empty markdown", "empty.md", b"", 1, None, "empty"),
    Broken("blank html", "blank.html", b"  \n\n\t\n", 1, None, "empty"),
    Broken("bom only", "bom.txt", b"\xef\xbb\xbf", 1, None, "empty"),
    Broken("nul in markdown", "nul.md", b"# Returns\n\nYou have 30\x00 days.\n", 3, 12, "NUL"),
    Broken("binary under .txt", "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, 3, 1, "binary"),
    Broken("binary under .yml", "blob.yml", bytes(range(256)) * 4, 1, 1, "binary"),
    Broken("binary under .json", "blob.json", b'{"a": "\x00\x01\x02"}', 1, 8, "binary"),
)


def write_broken(folder: Path, case: Broken) -> Path:
    """Write ``case`` into ``folder`` and return its path."""
    path = folder / case.name
    path.write_bytes(case.data)
    return path


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """The CLI in a fresh process, as a user runs it."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "consistency_check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
    )


@dataclass(frozen=True)
class Measured:
    """A finished CLI process with its peak memory."""

    returncode: int
    stdout: str
    stderr: str
    max_rss_mb: float
    seconds: float


_LAUNCHER = r"""
import json, os, subprocess, sys, time
for line in sys.stdin:
    job = json.loads(line)
    with open(job["out"], "wb") as out, open(job["err"], "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(job["argv"], cwd=job["cwd"], stdout=out, stderr=err)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > job["timeout"]:
                proc.kill()
                timed_out = True
            time.sleep(0.02)
    print(json.dumps({"code": os.waitstatus_to_exitcode(status), "kib": usage.ru_maxrss,
                      "seconds": time.perf_counter() - started, "timed_out": timed_out}), flush=True)
"""
_launcher: subprocess.Popen[str] | None = None


def _launch() -> subprocess.Popen[str]:
    """A small, long-lived process that starts measured runs.

    A child's ``ru_maxrss`` includes the memory of the process it was forked
    from, so children are forked from this launcher (a bare interpreter), not
    from the test process, which may hold large generated inputs.
    """
    global _launcher
    if _launcher is None or _launcher.poll() is not None:
        _launcher = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
    return _launcher


def run_measured(*args: str, cwd: Path, timeout: float = 120) -> Measured:
    """Run the CLI in a child process and read its own peak resident memory (``ru_maxrss``, via ``wait4``)."""
    import tempfile

    launcher = _launch()
    assert launcher.stdin is not None and launcher.stdout is not None
    with tempfile.TemporaryDirectory() as tmp:
        out, err = Path(tmp) / "out", Path(tmp) / "err"
        job = {
            "argv": [sys.executable, "-m", "consistency_check", *args],
            "cwd": str(cwd),
            "out": str(out),
            "err": str(err),
            "timeout": timeout,
        }
        launcher.stdin.write(json.dumps(job) + "\n")
        launcher.stdin.flush()
        result = json.loads(launcher.stdout.readline())
        if result["timed_out"]:
            raise TimeoutError(f"consistency-check {' '.join(args)} ran over {timeout} s")
        return Measured(
            result["code"],
            out.read_text("utf-8", "replace"),
            err.read_text("utf-8", "replace"),
            result["kib"] / 1024,
            result["seconds"],
        )


def json_report(stdout: str) -> dict:
    """The JSON report printed on stdout."""
    return json.loads(stdout)


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """A "billion laughs" YAML block: ``width ** levels`` strings if every alias were expanded."""
    names = "abcdefghijklmnopqrstuvwxyz"
    lines = [f"{names[0]}: &{names[0]} [" + ", ".join(['"lol"'] * width) + "]"]
    for i in range(1, levels):
        lines.append(f"{names[i]}: &{names[i]} [" + ", ".join([f"*{names[i - 1]}"] * width) + "]")
    return "\n".join(lines) + "\n"


def deep_json(levels: int = 100_000, wrapper: str = "{}") -> str:
    """``levels`` nested arrays, inside ``wrapper`` where it holds ``{}``."""
    return wrapper.replace("{}", "[" * levels + "]" * levels)


#: ``Attack.expect`` for an attack whose refusal is worded by a parser: any CC001 at a line will do.
LOCATED = "<located>"


@dataclass(frozen=True)
class Attack:
    """A resource attack on one source: its file, how it is configured, and what the tool must say."""

    label: str
    name: str
    make: object  # Callable[[], bytes]
    fmt: str
    expect: str  # a fragment of the CC001 message, or "" when the file reads fine within bounds


def _b(text: str) -> bytes:
    return text.encode("utf-8")


_BOMB = alias_bomb()
_DEEP_YAML = "[" * 100_000 + "]" * 100_000
_DEEP_XML = "<a>" * 100_000 + "</a>" * 100_000

SOURCE_ATTACKS: tuple[Attack, ...] = (
    Attack(
        "rasa alias bomb",
        "bomb-domain.yml",
        lambda: _b(
            "version: '3.1'\n"
            + _BOMB
            + "responses:\n  utter_bomb: *i\n  utter_ok:\n  - text: Returns within 30 days.\n"
        ),
        "rasa",
        "",
    ),
    Attack(
        "front matter alias bomb",
        "bomb.md",
        lambda: _b("---\n" + _BOMB + "title: Returns\n---\n# Returns\n\nReturns within 30 days.\n"),
        "markdown",
        "",
    ),
    Attack("unrecognised yaml alias bomb", "bomb.yaml", lambda: _b(_BOMB), "auto", ""),
    Attack(
        "rasa deep nesting",
        "deep-domain.yml",
        lambda: _b("version: '3.1'\nresponses: " + _DEEP_YAML + "\n"),
        "rasa",
        LOCATED,
    ),
    Attack(
        "front matter deep nesting",
        "deep.md",
        lambda: _b("---\ntitle: " + _DEEP_YAML + "\n---\n# Q\n\nReturns within 30 days.\n"),
        "markdown",
        LOCATED,
    ),
    Attack("unrecognised yaml deep nesting", "deep.yaml", lambda: _b(_DEEP_YAML), "auto", LOCATED),
    Attack(
        "zendesk deep json",
        "deep-zendesk.json",
        lambda: _b(deep_json(wrapper='{"articles": {}}')),
        "zendesk",
        "nested too deeply",
    ),
    Attack(
        "intercom deep json",
        "deep-intercom.json",
        lambda: _b(deep_json(wrapper='{"type": "list", "data": {}}')),
        "intercom",
        "nested too deeply",
    ),
    Attack(
        "luis deep json",
        "deep-luis.json",
        lambda: _b(deep_json(wrapper='{"luis_schema_version": "7.0.0", "utterances": {}}')),
        "luis",
        "nested too deeply",
    ),
    Attack(
        "botpress deep json",
        "deep-botpress.json",
        lambda: _b(deep_json(wrapper='{"id": "x", "data": {}}')),
        "botpress",
        "nested too deeply",
    ),
    Attack(
        "composer deep json",
        "deep.dialog",
        lambda: _b(deep_json(wrapper='{"$kind": "Microsoft.AdaptiveDialog", "triggers": {}}')),
        "composer-dialog",
        "nested too deeply",
    ),
    Attack("unrecognised deep json", "deep.json", lambda: _b(deep_json()), "auto", "nested too deeply"),
    Attack(
        "json-ld deep nesting",
        "deep-ld.html",
        lambda: _b(
            '<html><head><script type="application/ld+json">{"@type": "FAQPage", "mainEntity": '
            + deep_json(1000)
            + "}</script></head><body><p>Returns within 30 days.</p></body></html>"
        ),
        "html",
        "nested too deeply",
    ),
    Attack(
        "deep html",
        "deep.html",
        lambda: _b(
            "<html><body>" + "<div>" * 100_000 + "Returns within 30 days." + "</div>" * 100_000 + "</body></html>"
        ),
        "html",
        "nested too deeply",
    ),
    Attack("deep xml", "deep-bot.xml", lambda: _b("<?xml version='1.0'?>" + _DEEP_XML), "einstein_bot", ""),
    Attack(
        "deep confluence",
        "deep-page.xml",
        lambda: _b("<p>" * 100_000 + "Returns within 30 days." + "</p>" * 100_000),
        "confluence",
        "Excessive depth",
    ),
)


def zipped(folder: Path) -> bytes:
    """The files under ``folder`` as a deflated zip archive (a bot export as its platform downloads it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()
