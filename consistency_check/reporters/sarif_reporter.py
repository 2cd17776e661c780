"""SARIF 2.1.0, for GitHub code scanning and any other SARIF viewer.

One result per finding. A contradiction lives in several files, so its
primary location is the odd side (the side that differs from the value most
channels state, see :func:`.base.primary_side`) and every other side is a
``relatedLocation`` whose message quotes what that place says; the result's
message links to them (``[web/faq.html:71](1)``). Paths are relative to
``%SRCROOT%``, which ``originalUriBaseIds`` resolves to the project root.

Rule metadata comes from :attr:`Report.rules` (the checks and rules in force,
filled by the pipeline); a finding whose code is not catalogued still gets a
minimal rule entry, so every ``ruleIndex`` is valid. Findings silenced by a
suppression are carried with ``suppressions`` so viewers can show them as
dismissed. Message text is plain text where ``[``, ``]`` and ``\\`` are
escaped, as the specification requires outside embedded links.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from consistency_check.model import Finding, Location, RuleInfo, Severity, Side, Suppression
from consistency_check.reporters.base import Report, Reporter, fingerprint, side_order

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
TOOL_NAME = "consistency-check"
SRCROOT = "%SRCROOT%"
#: The key of our fingerprint in ``partialFingerprints`` (versioned with the recipe).
FINGERPRINT_KEY = "consistencyCheck/v1"
LEVELS: dict[Severity, str] = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: Rule-less alignment (CC100) is fuzzy; everything else is rule-matched or a parse fact.
PRECISION: dict[str, str] = {"CC100": "medium"}

_MESSAGE_SPECIAL = re.compile(r"([\\\[\]])")
# Same set the JSON reporter escapes: characters that act on terminals or break embedding.
_ESCAPE_IN_OUTPUT = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def message_text(text: str) -> str:
    """Plain text for a SARIF message: ``\\``, ``[`` and ``]`` backslash-escaped."""
    return _MESSAGE_SPECIAL.sub(r"\\\1", text)


def artifact_uri(path: str) -> str:
    """A relative URI reference for a POSIX (or Windows) relative path, percent-encoded."""
    return quote(path.replace("\\", "/"), safe="/-._~!$&'()*+,;=@")


def root_uri(root: str) -> str | None:
    """``file:///…/`` for an absolute project root, else ``None`` (a relative root has no URI)."""
    for flavour in (PurePosixPath, PureWindowsPath):
        path = flavour(root)
        if path.is_absolute():
            uri = path.as_uri()
            return uri if uri.endswith("/") else uri + "/"
    return None


def _level(severity: Severity | str) -> str:
    return LEVELS[Severity(severity)]


def _quote_message(side: Side) -> str:
    """What one side says, for a related location: ``web: "…" (30 days)``."""
    text = f'{side.channel}: "{side.quote}"' if side.quote else side.channel
    if side.value:
        text += f" ({side.value})"
    return message_text(text)


def physical_location(location: Location) -> dict[str, Any]:
    """``physicalLocation`` with a region when the line is known."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(location.path), "uriBaseId": SRCROOT}}
    if location.line is not None and location.line >= 1:
        region: dict[str, Any] = {"startLine": location.line}
        if location.end_line is not None and location.end_line >= location.line:
            region["endLine"] = location.end_line
        if location.column is not None and location.column >= 1:
            region["startColumn"] = location.column
        physical["region"] = region
    return physical


def sarif_location(location: Location, message: str | None = None, ident: int | None = None) -> dict[str, Any]:
    """A ``location``: physical, plus a logical location and a property when only a pointer is known."""
    out: dict[str, Any] = {}
    if ident is not None:
        out["id"] = ident
    out["physicalLocation"] = physical_location(location)
    if location.pointer:
        out["logicalLocations"] = [{"fullyQualifiedName": location.pointer}]
        out["properties"] = {"pointer": location.pointer}
    if message:
        out["message"] = {"text": message}
    return out


def rule_descriptor(info: RuleInfo) -> dict[str, Any]:
    """A ``reportingDescriptor`` for ``tool.driver.rules``."""
    help_lines = [info.description or info.summary or info.name]
    if info.bad:
        help_lines += ["", "Contradicts:"] + [f"  {example}" for example in info.bad]
    if info.good:
        help_lines += ["", "Consistent:"] + [f"  {example}" for example in info.good]
    help_lines += ["", f"Run 'consistency-check explain {info.code}' for details."]
    properties: dict[str, Any] = {
        "tags": ["consistency"] + ([info.fact] if info.fact else []),
        "precision": PRECISION.get(info.code, "high"),
    }
    if info.fact:
        properties["fact"] = info.fact
    if info.source:
        properties["source"] = info.source
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": message_text(info.summary or info.name)},
        "fullDescription": {"text": message_text(info.description or info.summary or info.name)},
        "help": {"text": message_text("\n".join(help_lines))},
        "defaultConfiguration": {"level": _level(info.severity)},
        "properties": properties,
    }


def _rule_for(finding: Finding) -> RuleInfo:
    """A minimal rule entry for a finding whose code is not in the catalogue."""
    return RuleInfo(finding.code, finding.name, Severity(finding.severity), finding.name.replace("-", " "), "")


class SarifReporter(Reporter):
    """SARIF 2.1.0 log with one run; see the module docstring."""

    name = "sarif"
    description = "SARIF 2.1.0 for GitHub code scanning and SARIF viewers."
    default_extension = ".sarif"

    def render(self, report: Report) -> str:
        """The SARIF log as indented JSON, newline-terminated."""
        text = json.dumps(self.to_sarif(report), indent=2, ensure_ascii=False)
        return _ESCAPE_IN_OUTPUT.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"

    def to_sarif(self, report: Report) -> dict[str, Any]:
        """The SARIF log as a JSON-ready object."""
        rules = list(report.rules)
        index = {info.code: i for i, info in enumerate(rules)}
        every = list(report.findings) + [s.finding for s in report.suppressed]
        for finding in every:
            if finding.code not in index:
                index[finding.code] = len(rules)
                rules.append(_rule_for(finding))
        results = [self._result(f, index[f.code], None) for f in report.findings]
        results += [self._result(s.finding, index[s.finding.code], s.suppression) for s in report.suppressed]
        base: dict[str, Any] = {
            "description": {"text": "The project root: the folder of the config file, or where the tool ran."}
        }
        uri = root_uri(report.root)
        if uri:
            base["uri"] = uri
        invocation: dict[str, Any] = {"executionSuccessful": True}
        if report.notes:
            invocation["toolExecutionNotifications"] = [
                {"message": {"text": message_text(note)}, "level": "note"} for note in report.notes
            ]
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": TOOL_NAME,
                    "version": report.tool_version,
                    "semanticVersion": report.tool_version,
                    "rules": [rule_descriptor(info) for info in rules],
                }
            },
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: base},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {
                "files": report.files,
                "statements": report.statements,
                "subjectsChecked": len(report.subjects),
            },
        }
        return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}

    def _result(self, finding: Finding, rule_index: int, suppression: Suppression | None) -> dict[str, Any]:
        """One ``result``: primary location, related locations, fingerprint, properties."""
        order = side_order(finding)
        related = []
        links = []
        for ident, side_index in enumerate(order[1:], start=1):
            side = finding.sides[side_index]
            related.append(sarif_location(side.location, _quote_message(side), ident))
            links.append(f"[{message_text(side.location.display())}]({ident})")
        text = message_text(finding.message)
        if links:
            text += " Other places: " + ", ".join(links) + "."
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": rule_index,
            "level": _level(finding.severity),
            "message": {"text": text},
        }
        if order:
            primary = finding.sides[order[0]]
            result["locations"] = [sarif_location(primary.location, _quote_message(primary))]
        if related:
            result["relatedLocations"] = related
        result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(finding)}
        if suppression is not None:
            entry: dict[str, Any] = {"kind": suppression.kind, "status": "accepted"}
            if suppression.justification:
                entry["justification"] = suppression.justification
            if suppression.location is not None:
                entry["location"] = sarif_location(suppression.location)
            if suppression.expires:
                entry["properties"] = {"expires": suppression.expires}
            result["suppressions"] = [entry]
        properties: dict[str, Any] = {
            "confidence": float(finding.confidence),
            "subject": finding.subject,
            "channels": sorted({side.channel for side in finding.sides}),
        }
        if finding.expected:
            properties["expected"] = finding.expected
        if finding.evidence:
            properties["evidence"] = list(finding.evidence)
        result["properties"] = properties
        return result
