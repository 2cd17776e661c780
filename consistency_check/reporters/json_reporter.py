"""The machine-readable report: one versioned JSON object.

Its shape is fixed by ``consistency_check/schemas/report.schema.json``
(:func:`load_schema`). Values are reported faithfully; characters that can
act on a terminal or break embedding (C1 controls, bidi controls, U+2028/9)
are written as ``\\uXXXX`` escapes, which JSON reads back as the same string.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

from consistency_check.model import Finding, Severity, Side
from consistency_check.reporters.base import Report, Reporter, fingerprint, severity_counts

SCHEMA_VERSION = 1
TOOL_NAME = "consistency-check"
SCHEMA_RESOURCE = "schemas/report.schema.json"

# JSON text outside strings is ASCII, so these can only occur inside strings,
# where a \uXXXX escape denotes the same character. (json.dumps already
# escapes C0 controls.)
_ESCAPE_IN_OUTPUT = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every ``json`` report satisfies."""
    text = resources.files("consistency_check").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def side_to_json(side: Side) -> dict[str, Any]:
    """One ``locations`` entry."""
    location = side.location
    return {
        "path": location.path.replace("\\", "/"),
        "line": location.line,
        "endLine": location.end_line,
        "pointer": location.pointer or None,
        "channel": side.channel,
        "quote": side.quote,
        "value": side.value,
    }


def finding_to_json(finding: Finding) -> dict[str, Any]:
    """One ``findings`` entry."""
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": Severity(finding.severity).value,
        "message": finding.message,
        "subject": finding.subject,
        "confidence": float(finding.confidence),
        **({"evidence": list(finding.evidence)} if finding.evidence else {}),
        "expected": finding.expected or None,
        "fingerprint": fingerprint(finding),
        "locations": [side_to_json(side) for side in finding.sides],
    }


def report_to_json(report: Report) -> dict[str, Any]:
    """The whole report as a JSON-ready object, findings in the order given."""
    return {
        "schemaVersion": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "findings": [finding_to_json(finding) for finding in report.findings],
        "summary": {
            "files": report.files,
            "statements": report.statements,
            "findings": len(report.findings),
            "bySeverity": severity_counts(report.findings),
            "elapsedSeconds": round(float(report.elapsed), 3),
        },
        "notes": list(report.notes),
    } | (_context(report) if report.title else {})


def _context(report: Report) -> dict[str, Any]:
    """The ``context`` member of a titled report (a campaign launch check)."""
    return {
        "context": {
            "title": report.title,
            "facts": [{"label": label, "value": value} for label, value in report.context],
            "channels": list(report.channels),
        }
    }


def _escape(match: re.Match[str]) -> str:
    """``\\uXXXX`` for one character."""
    return f"\\u{ord(match.group()):04x}"


class JsonReporter(Reporter):
    """Versioned JSON for tools and CI; see :func:`load_schema`."""

    name = "json"
    description = "Versioned JSON object (schemaVersion 1) for tools and CI."
    default_extension = ".json"

    def render(self, report: Report) -> str:
        """``json.dumps`` of :func:`report_to_json`, indented, UTF-8 friendly, newline-terminated."""
        text = json.dumps(report_to_json(report), indent=2, ensure_ascii=False)
        return _ESCAPE_IN_OUTPUT.sub(_escape, text) + "\n"
