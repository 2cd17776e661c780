"""Suppressions: inline ``consistency-check: ignore[...]`` comments and the ignore file.

Inline comments are found by scanning the raw text of each source file, so
adapters need not know about them:

* ``# consistency-check: ignore[CC201] reason`` in YAML and plain text;
* ``> consistency-check: ignore[CC201] reason`` in ``.lu``, ``.lg`` and ``.qna`` files;
* ``<!-- consistency-check: ignore[CC201] reason -->`` in every format (HTML,
  Markdown, and HTML bodies inside JSON exports, escaped or not).

``ignore[CC201,return-window]`` names checks by code or name; a bare
``ignore`` covers every check. A comment alone on its line covers the block
that follows it (the next non-blank line and what belongs to it: a YAML key's
nested lines, an HTML element's indented lines and closing tag, a Markdown or
text paragraph, a list item, a heading's whole section); a comment after
content covers its own line.

The ignore file (``.consistency-check-ignore.yaml`` beside the config) serves
formats without comments: each entry names a check, optionally a path glob, a
subject and a fingerprint, and a required reason, optionally an expiry date.

A finding is suppressed when, once the sides a suppression covers are set
aside, the sides left no longer disagree (at most one distinct value). For the
usual two-sided finding that means "either side is covered"; on a finding
with seven sides, excusing the one odd value silences it, while excusing one
of the six that agree does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from consistency_check.checks import EXPIRED_SUPPRESSION, INVALID_SUPPRESSION, UNUSED_SUPPRESSION, Check
from consistency_check.model import Finding, Location, Side, SuppressedFinding, Suppression
from consistency_check.yamlfile import Located, YamlFileError, load_located, validate

INLINE, EXTERNAL = "inSource", "external"
SUPPRESSION_CODES = frozenset({EXPIRED_SUPPRESSION.code, UNUSED_SUPPRESSION.code, INVALID_SUPPRESSION.code})

_MARKER = "consistency-check"
_MARKER_BYTES = _MARKER.encode()
_HTML_OPEN = re.compile(r"(?:<|\\u003[cC]|&lt;)!--\s*consistency-check\s*:")
_HTML_CLOSE = re.compile(r"--(?:>|\\u003[eE]|&gt;)")
_HASH = re.compile(r"(?:^|(?<=\s))#\s*consistency-check\s*:(?P<body>.*)$")
_ANGLE = re.compile(r"^\s*>\s*consistency-check\s*:(?P<body>.*)$")
_BODY = re.compile(r"^\s*ignore\b(?:\s*\[(?P<codes>[^\]]*)\])?(?P<rest>.*)$", re.I)
_CODE = re.compile(r"^[A-Za-z][\w.-]*$")
_HEADING = re.compile(r"^(#{1,6})\s")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s")

#: Which line-comment form a file's extension takes, and how its blocks are shaped.
_HASH_EXTENSIONS = frozenset({".yml", ".yaml", ".txt", ".text", ""})
_ANGLE_EXTENSIONS = frozenset({".lu", ".lg", ".qna"})
_BLOCK_KINDS = {
    ".yml": "yaml",
    ".yaml": "yaml",
    ".html": "html",
    ".htm": "html",
    ".xml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".lu": "markdown",
    ".lg": "markdown",
    ".qna": "markdown",
    ".txt": "text",
    ".text": "text",
    "": "text",
}


@dataclass(frozen=True, slots=True)
class Directive:
    """One suppression: where it is written, what it names, and what it covers.

    Inline directives cover lines ``first..last`` of ``path``; ignore-file
    entries cover the sides whose path matches ``path_glob`` (every side when
    empty). ``codes`` are as written (codes or names); empty means every check.
    """

    kind: str
    codes: tuple[str, ...]
    reason: str
    location: Location
    path: str = ""
    first: int = 0
    last: int = 0
    path_glob: str = ""
    subject: str = ""
    fingerprint: str = ""
    expires: str = ""
    text: str = ""

    def matches(self, finding: Finding, finding_fingerprint: str) -> bool:
        """Whether this directive is about ``finding`` (check, subject, fingerprint); sides aside."""
        if self.codes and not ({finding.code.casefold(), finding.name.casefold()} & {c.casefold() for c in self.codes}):
            return False
        if self.subject and self.subject.casefold() != finding.subject.casefold():
            return False
        return not self.fingerprint or self.fingerprint == finding_fingerprint

    def covers(self, side: Side) -> bool:
        """Whether this directive covers ``side``'s location."""
        loc = side.location
        if self.kind == INLINE:
            if loc.path != self.path or loc.line is None:
                return False
            return loc.line <= self.last and (loc.end_line or loc.line) >= self.first
        if not self.path_glob:
            return True
        from consistency_check.discovery import glob_regex

        return bool(glob_regex(self.path_glob).match(loc.path))

    def expired(self, today: date) -> bool:
        """True once the expiry date has passed (the directive is valid through that day)."""
        return bool(self.expires) and date.fromisoformat(self.expires) < today

    def suppression(self) -> Suppression:
        """The model record reporters show for a finding this directive silenced."""
        return Suppression(self.kind, self.reason, self.location, self.expires)


@dataclass
class Outcome:
    """What applying the suppressions to a run's findings gave."""

    findings: list[Finding]
    suppressed: list[SuppressedFinding]
    problems: list[Finding] = field(default_factory=list)


# --------------------------------------------------------------------------- inline comments


def scan(path: str, text: str) -> tuple[list[Directive], list[Finding]]:
    """Inline directives in one source file's text, and CC005 findings for unreadable ones."""
    if _MARKER not in text:
        return [], []
    suffix = PurePosixPath(path).suffix.lower()
    kind = _BLOCK_KINDS.get(suffix, "line")
    lines = text.split("\n")
    directives: list[Directive] = []
    problems: list[Finding] = []
    for index, line in enumerate(lines):
        if _MARKER not in line:
            continue
        found = _comment(line, suffix)
        if found is None:
            continue
        body, own_line, closed = found
        location = Location(path, index + 1)
        if not closed:
            problems.append(
                _problem(
                    INVALID_SUPPRESSION,
                    location,
                    line.strip(),
                    "close the suppression comment on the same line ('-->')",
                )
            )
            continue
        parsed = parse_body(body)
        if isinstance(parsed, str):
            problems.append(_problem(INVALID_SUPPRESSION, location, line.strip(), parsed))
            continue
        codes, reason = parsed
        first, last = index + 1, index + 1
        if own_line:
            span = _block_after(lines, index, kind, suffix)
            if span is None:
                first, last = 0, -1  # nothing follows: covers nothing, reported as unused
            else:
                first, last = span[0] + 1, span[1] + 1
        directives.append(
            Directive(INLINE, codes, reason, location, path=path, first=first, last=last, text=line.strip())
        )
    return directives, problems


def strip_directive(line: str) -> str:
    """``line`` without a trailing ``# consistency-check: ...`` comment (for formats that read ``#`` as text)."""
    if _MARKER not in line:
        return line
    match = _HASH.search(line)
    return line[: match.start()].rstrip() if match else line


def has_marker(raw: bytes) -> bool:
    """Cheap test: can this file hold a directive at all?"""
    return _MARKER_BYTES in raw


def parse_body(body: str) -> tuple[tuple[str, ...], str] | str:
    """``ignore[CC201,CC203] reason`` → ``(codes, reason)``, or a message saying what is wrong."""
    match = _BODY.match(body)
    if not match:
        word = body.strip().split(" ")[0] or "(nothing)"
        return f"unknown directive '{word[:40]}'; expected 'ignore[CODE] reason'"
    rest = match.group("rest")
    if rest and not rest[0].isspace() and rest.lstrip()[:1] not in (":", "-", "—", "–", ""):
        if "[" in rest:
            return "unclosed '[' in the suppression; expected 'ignore[CODE] reason'"
        return "expected 'ignore[CODE] reason'"
    raw_codes = match.group("codes")
    codes: tuple[str, ...] = ()
    if raw_codes is not None:
        codes = tuple(c.strip() for c in raw_codes.split(",") if c.strip())
        bad = [c for c in codes if not _CODE.match(c)]
        if bad or not codes:
            return f"'{raw_codes.strip()}' is not a list of check codes or names"
    reason = rest.strip().lstrip(":-—–").strip()
    return codes, reason


def _comment(line: str, suffix: str) -> tuple[str, bool, bool] | None:
    """The directive body in ``line``, whether the comment stands alone, and whether it is closed."""
    match = _HTML_OPEN.search(line)
    if match:
        close = _HTML_CLOSE.search(line, match.end())
        if close is None:
            return line[match.end() :], False, False
        alone = not line[: match.start()].strip() and not line[close.end() :].strip()
        return line[match.end() : close.start()], alone, True
    if suffix in _ANGLE_EXTENSIONS:
        match = _ANGLE.match(line)
        return (match.group("body"), True, True) if match else None
    if suffix in _HASH_EXTENSIONS:
        match = _HASH.search(line)
        if match:
            return match.group("body"), not line[: match.start()].strip(), True
    return None


def _is_comment_only(line: str, suffix: str) -> bool:
    stripped = line.strip()
    if stripped.startswith("<!--") and stripped.endswith("-->"):
        return True
    if suffix in _ANGLE_EXTENSIONS:
        return stripped.startswith(">")
    if suffix in (".yml", ".yaml"):
        return stripped.startswith("#")
    return _MARKER in stripped and _comment(line, suffix) is not None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _block_after(lines: Sequence[str], index: int, kind: str, suffix: str) -> tuple[int, int] | None:
    """0-based first and last line of the block a stand-alone comment at ``index`` covers."""
    start = index + 1
    while start < len(lines) and (not lines[start].strip() or _is_comment_only(lines[start], suffix)):
        start += 1
    if start >= len(lines):
        return None
    end = {"yaml": _yaml_end, "html": _html_end, "markdown": _markdown_end, "text": _paragraph_end}.get(
        kind, _line_end
    )(lines, start)
    while end > start and not lines[end].strip():
        end -= 1
    return start, end


def _line_end(lines: Sequence[str], start: int) -> int:
    return start


def _paragraph_end(lines: Sequence[str], start: int) -> int:
    end = start
    while end + 1 < len(lines) and lines[end + 1].strip():
        end += 1
    return end


def _yaml_end(lines: Sequence[str], start: int) -> int:
    """A key or item and everything nested under it (a list at the key's own indent included)."""
    base = _indent(lines[start])
    opens_block = lines[start].rstrip().endswith(":") or lines[start].rstrip().endswith(("|", ">", "|-", ">-"))
    end = start
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        ind = _indent(line)
        if ind > base or (
            opens_block
            and ind == base
            and line.lstrip().startswith("- ")
            and not lines[start].lstrip().startswith("- ")
        ):
            end = i
            continue
        break
    return end


def _html_end(lines: Sequence[str], start: int) -> int:
    """An element: its line, the more indented lines after it, and a closing tag at its indent."""
    base = _indent(lines[start])
    end = start
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip():
            continue
        ind = _indent(line)
        if ind > base:
            end = i
            continue
        if ind == base and line.lstrip().startswith("</"):
            end = i
        break
    return end


def _markdown_end(lines: Sequence[str], start: int) -> int:
    """A heading's section, a list item with its continuation, or a paragraph."""
    heading = _HEADING.match(lines[start])
    if heading:
        level = len(heading.group(1))
        end = start
        for i in range(start + 1, len(lines)):
            other = _HEADING.match(lines[i])
            if other and len(other.group(1)) <= level:
                break
            end = i
        return end
    item = _LIST_ITEM.match(lines[start])
    end = start
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if not line.strip() or _HEADING.match(line):
            break
        if item and _LIST_ITEM.match(line) and _indent(line) <= _indent(lines[start]):
            break
        end = i
    return end


# --------------------------------------------------------------------------- ignore file


def load_ignore_file(path: Path, display: str) -> list[Directive]:
    """Entries of an ignore file as directives; :class:`YamlFileError` (located) when it is invalid."""
    doc = load_located(path, display)
    if doc.data is None:
        return []
    doc = Located(doc.path, _dates_as_text(doc.data), doc.lines)
    validate(doc, "ignore.schema.json")
    directives = []
    for i, entry in enumerate(doc.data.get("ignore") or []):
        line = doc.line_of(("ignore", i))
        expires = entry.get("expires", "")
        if expires:
            try:
                date.fromisoformat(expires)
            except ValueError:
                raise YamlFileError(
                    display, doc.line_of(("ignore", i, "expires")), f"not a date: {expires!r}", f"ignore[{i}].expires"
                ) from None
        directives.append(
            Directive(
                EXTERNAL,
                (entry["code"],),
                entry["reason"].strip(),
                Location(display, line),
                path_glob=entry.get("path", ""),
                subject=entry.get("subject", ""),
                fingerprint=entry.get("fingerprint", "").lower(),
                expires=expires,
                text=f"code: {entry['code']}, reason: {entry['reason'].strip()}",
            )
        )
    return directives


def _dates_as_text(value: Any) -> Any:
    """YAML reads ``2026-01-31`` as a date; the schema and the model want the ISO text."""
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------- applying


def apply(
    findings: Iterable[Finding],
    directives: Sequence[Directive],
    known_codes: Iterable[str],
    today: date,
    report_unused: bool = True,
) -> Outcome:
    """Split ``findings`` into kept and suppressed, and report expired, unused and invalid directives."""
    from consistency_check.report import fingerprint

    known = {c.casefold() for c in known_codes}
    problems: list[Finding] = []
    active: list[Directive] = []
    for d in directives:
        unknown = [c for c in d.codes if c.casefold() not in known]
        if unknown:
            problems.append(
                _problem(
                    INVALID_SUPPRESSION,
                    d.location,
                    d.text,
                    f"unknown check '{unknown[0]}' in the suppression; 'consistency-check rules' lists them",
                )
            )
        elif d.expired(today):
            problems.append(
                _problem(
                    EXPIRED_SUPPRESSION,
                    d.location,
                    d.text,
                    f"suppression expired on {d.expires} and no longer hides findings ({_why(d)})",
                )
            )
        else:
            if not d.reason:
                problems.append(
                    _problem(
                        INVALID_SUPPRESSION,
                        d.location,
                        d.text,
                        "suppression without a reason: say why after the codes, e.g. ignore[CC201] legacy script "
                        "until May",
                    )
                )
            active.append(d)
    used: set[int] = set()
    kept: list[Finding] = []
    suppressed: list[SuppressedFinding] = []
    for finding in findings:
        if finding.code in SUPPRESSION_CODES:
            kept.append(finding)
            continue
        print_ = fingerprint(finding)
        relevant = [(i, d) for i, d in enumerate(active) if d.matches(finding, print_)]
        covering: list[int] = []
        open_sides: list[Side] = []
        for side in finding.sides:
            hit = next((i for i, d in relevant if d.covers(side)), None)
            if hit is None:
                open_sides.append(side)
            else:
                covering.append(hit)
        used.update(covering)
        if covering and len({s.value for s in open_sides}) <= 1:
            suppressed.append(SuppressedFinding(finding, active[covering[0]].suppression()))
        else:
            kept.append(finding)
    if report_unused:
        for i, d in enumerate(active):
            if i not in used:
                problems.append(
                    _problem(
                        UNUSED_SUPPRESSION, d.location, d.text, f"suppression matched no finding; remove it ({_why(d)})"
                    )
                )
    return Outcome(kept, suppressed, problems)


def _why(d: Directive) -> str:
    codes = ", ".join(d.codes) or "every check"
    return f"{codes}: {d.reason}" if d.reason else codes


def _problem(check: Check, location: Location, quote: str, message: str) -> Finding:
    """A finding about a suppression, located where it is written and quoting it."""
    return Finding(
        check.code, check.name, check.severity, message, "suppression", (Side(location, "suppression", quote),)
    )
