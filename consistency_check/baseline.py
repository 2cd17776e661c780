"""Baselines: record today's findings once, then report only new ones.

A baseline is a JSON file listing the fingerprint of every finding of a run
(:func:`consistency_check.reporters.base.fingerprint`: code, subject, values
and quotes, never lines), with the code, subject, values and quotes beside it
for the people who review it. Entries are sorted and the file has no
timestamp, so writing it twice over the same corpus gives the same bytes and
a diff shows exactly which findings were added or fixed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from consistency_check import __version__
from consistency_check.config import ConfigError
from consistency_check.fileio import read_regular, write_user_file
from consistency_check.model import Finding, Location, SuppressedFinding, Suppression
from consistency_check.report import FINGERPRINT_VERSION, fingerprint, normalise_quote

BASELINE_VERSION = 1
KIND = "consistency-check-baseline"
#: Largest baseline read (a pipe or device given as the baseline is refused, never read).
MAX_BASELINE_BYTES = 512 * 1024 * 1024


class BaselineError(ConfigError):
    """A baseline file that is missing, unreadable or not a baseline: exit 2."""


#: What recognises a baselined finding whose fingerprint changed: its code, subject and values, and its quotes.
Recognised = tuple[str, str, frozenset[str], frozenset[str]]


@dataclass(frozen=True)
class Baseline:
    """The fingerprints a baseline file records, and how to name it in reports.

    A finding is known when its fingerprint is recorded, or when an entry has its code, subject and values and
    shares a quote with it (``recognised``): one more place restating a side of a known contradiction ("members
    save 10%" on another page) changes the fingerprint, not the contradiction.
    """

    path: str
    fingerprints: frozenset[str]
    recognised: tuple[tuple[str, Recognised], ...] = ()

    def split(self, findings: list[Finding]) -> tuple[list[Finding], list[SuppressedFinding], int]:
        """``(new findings, baselined ones as suppressed, entries no longer found)``."""
        new: list[Finding] = []
        known: list[SuppressedFinding] = []
        seen: set[str] = set()
        marker = Suppression("external", f"in baseline {self.path}", Location(self.path))
        for finding in findings:
            key = fingerprint(finding)
            if key not in self.fingerprints:
                key = self._recognise(finding) or key
            if key in self.fingerprints:
                known.append(SuppressedFinding(finding, marker))
                seen.add(key)
            else:
                new.append(finding)
        return new, known, len(self.fingerprints - seen)

    def _recognise(self, finding: Finding) -> str | None:
        """The fingerprint of an entry with the finding's code, subject and values that shares a quote with it."""
        values = frozenset(side.value for side in finding.sides if side.value)
        quotes = frozenset(normalise_quote(side.quote) for side in finding.sides if side.quote)
        for key, (code, subject, said, quoted) in self.recognised:
            if code == finding.code and subject == finding.subject and said == values and quoted & quotes:
                return key
        return None


def entry(finding: Finding) -> dict[str, Any]:
    """One baseline entry: the fingerprint, and what a reviewer needs to recognise the finding."""
    return {
        "fingerprint": fingerprint(finding),
        "code": finding.code,
        "subject": finding.subject,
        "values": sorted({side.value for side in finding.sides if side.value}),
        "quotes": sorted({side.quote for side in finding.sides if side.quote}),
    }


def render(findings: list[Finding]) -> str:
    """The baseline file's text: stable (sorted, no timestamp), one entry per distinct finding."""
    entries = {e["fingerprint"]: e for e in map(entry, findings)}
    doc = {
        "kind": KIND,
        "version": BASELINE_VERSION,
        "tool": {"name": "consistency-check", "version": __version__},
        "fingerprintVersion": FINGERPRINT_VERSION,
        "findings": sorted(entries.values(), key=lambda e: (e["code"], e["subject"], e["fingerprint"])),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write(path: Path, findings: list[Finding]) -> int:
    """Write the baseline atomically; return the number of entries."""
    text = render(findings)
    write_user_file(path, text)
    return len(json.loads(text)["findings"])


def load(path: Path, display: str | None = None) -> Baseline:
    """Read a baseline; :class:`BaselineError` with a clear message when it cannot be used."""
    shown = display or path.as_posix()
    try:
        text = read_regular(path, MAX_BASELINE_BYTES, follow_links=True).decode("utf-8")
    except FileNotFoundError:
        raise BaselineError(f"{shown}: baseline file not found (create it with --write-baseline {shown})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{shown}: cannot read baseline: {exc}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{shown}:{exc.lineno}: baseline is not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise BaselineError(f"{shown}: baseline is not valid JSON: nested too deeply") from None
    if not isinstance(doc, dict) or doc.get("kind") != KIND:
        raise BaselineError(f'{shown}: not a consistency-check baseline (no "kind": "{KIND}")')
    if doc.get("version") != BASELINE_VERSION:
        raise BaselineError(
            f"{shown}: baseline version {doc.get('version')!r} is not supported (expected {BASELINE_VERSION}); "
            "rewrite it with --write-baseline"
        )
    if doc.get("fingerprintVersion") != FINGERPRINT_VERSION:
        raise BaselineError(
            f"{shown}: baseline fingerprints are {doc.get('fingerprintVersion')!r}, this version computes "
            f"{FINGERPRINT_VERSION!r}; rewrite it with --write-baseline"
        )
    entries = doc.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and _is_hex64(e.get("fingerprint")) for e in entries
    ):
        raise BaselineError(f'{shown}: baseline "findings" must be a list of entries each with a 64-hex "fingerprint"')
    return Baseline(shown, frozenset(e["fingerprint"].lower() for e in entries), tuple(_recognised(entries)))


def _recognised(entries: list[dict[str, Any]]) -> list[tuple[str, Recognised]]:
    """What recognises each entry that says its code, subject, values and quotes (entries written by hand may not)."""
    out: list[tuple[str, Recognised]] = []
    for e in entries:
        code, subject, values, quotes = e.get("code"), e.get("subject"), e.get("values"), e.get("quotes")
        if not (isinstance(code, str) and isinstance(subject, str) and _strings(values) and _strings(quotes)):
            continue
        quoted = frozenset(normalise_quote(q) for q in quotes)
        out.append((e["fingerprint"].lower(), (code, subject, frozenset(values), quoted)))
    return out


def _strings(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def is_baseline(path: Path) -> bool:
    """True when ``path`` holds a baseline this tool wrote (so overwriting it is safe)."""
    try:
        doc = json.loads(read_regular(path, MAX_BASELINE_BYTES, follow_links=True).decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return False
    return isinstance(doc, dict) and doc.get("kind") == KIND


def _is_hex64(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdefABCDEF" for c in value)
