"""Raw HTML and prose code blocks inside Markdown.

CommonMark ends an HTML block at the first blank line, so an indented ``<ul>``
after a blank line inside a ``<div>`` accordion becomes a code block.
Jekyll/kramdown and most CMS renderers read the HTML element to its closing
tag instead; :func:`cut_html_regions` does the same: it finds block-level HTML
elements that start a line, takes them whole and blanks them out of the
Markdown (keeping the line count), so they can be read with lxml.

:func:`prose_blocks` reads a fenced block without a language that holds
prose (chat scripts are often kept in plain ````` ``` ````` fences) as
paragraphs and bullet lines; anything that looks like code is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_OPEN = re.compile(
    r"^ {0,3}<(div|details|section|article|aside|table|dl|ul|ol|p|h[1-6]|blockquote|figure|center|"
    r"main|header|footer|nav|form|script|style|noscript|iframe|video|audio|pre|template)(?=[\s>/]|$)",
    re.I,
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SILENT = {"script", "style", "noscript", "iframe", "video", "audio", "pre", "template", "nav", "form"}
_BULLET = re.compile(r"^\s*(?:[-*+•▸►▪◦‣–]|\d{1,3}[.)])\s+")
_CODE = re.compile(
    r"[{};]\s*$|^\s*[$#>%]\s|=>|==|!=|\(\)|^\s*</?[a-zA-Z][^>]*>\s*$|^\s*[\w.-]+\s*[:=]\s*\S*$"
    r"|^\s*(?:def|class|import|from|return|function|var|let|const|public|private|SELECT|curl|npm|pip)\b"
)
_PROSE_INFO = {"", "text", "txt", "plain", "plaintext", "none"}


@dataclass(frozen=True, slots=True)
class HtmlRegion:
    """An HTML element taken whole out of Markdown: 0-based first and last line, its source."""

    start: int
    end: int
    html: str
    silent: bool


def cut_html_regions(text: str) -> tuple[str, list[HtmlRegion]]:
    """Return the Markdown with block HTML elements blanked, and those elements."""
    lines = text.split("\n")
    regions: list[HtmlRegion] = []
    fence: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        marker = _FENCE.match(line)
        if marker:
            if fence is None:
                fence = marker.group(1)[0] * 3
            elif marker.group(1).startswith(fence):
                fence = None
        if fence is None and not marker:
            opened = _OPEN.match(line)
            if opened:
                end = _close_line(lines, i, opened.group(1).lower())
                regions.append(HtmlRegion(i, end, "\n".join(lines[i : end + 1]), opened.group(1).lower() in _SILENT))
                for j in range(i, end + 1):
                    lines[j] = ""
                i = end + 1
                continue
        i += 1
    return "\n".join(lines), regions


def _close_line(lines: list[str], start: int, tag: str) -> int:
    """The line where the element opened on ``start`` closes (or, unclosed, the line before a blank)."""
    opener = re.compile(rf"<{tag}(?=[\s>/])", re.I)
    closer = re.compile(rf"</{tag}\s*>", re.I)
    depth = 0
    for j in range(start, len(lines)):
        depth += len(opener.findall(lines[j])) - len(closer.findall(lines[j]))
        if depth <= 0:
            return j
    for j in range(start, len(lines)):
        if not lines[j].strip():
            return max(start, j - 1)
    return len(lines) - 1


def is_prose_fence(info: str, content: str) -> bool:
    """True for a fence without a language whose lines read as sentences, not code."""
    if info.strip().lower() not in _PROSE_INFO:
        return False
    lines = [ln for ln in content.split("\n") if ln.strip()]
    if not lines:
        return False
    code = sum(1 for ln in lines if _CODE.search(ln))
    words = sum(len(ln.split()) for ln in lines) / len(lines)
    return code * 5 <= len(lines) and words >= 3


def prose_blocks(content: str, first_line: int) -> Iterator[tuple[str, int, int]]:
    """``(text, line, end_line)`` per paragraph or bullet line of a prose fence."""
    chunk: list[str] = []
    start = first_line
    for offset, raw in enumerate(content.split("\n") + [""]):
        line = first_line + offset
        if not raw.strip() or _BULLET.match(raw):
            if chunk:
                yield " ".join(chunk), start, line - 1
                chunk = []
            if raw.strip():
                yield _BULLET.sub("", raw).strip(), line, line
            continue
        if not chunk:
            start = line
        chunk.append(raw.strip())
