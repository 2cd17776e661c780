"""The finished result of one run, and the fingerprint that names a finding across runs.

:class:`Report` is what the pipeline and the campaign check hand to a reporter. The fingerprint is
what reporters print and baselines and the ignore file key on, so it lives here, below all three.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass

from consistency_check.model import CheckedSubject, Finding, RuleInfo, SuppressedFinding

#: Bumped only if the fingerprint recipe changes; part of the hashed payload.
FINGERPRINT_VERSION = "cc-fingerprint-1"


@dataclass(frozen=True)
class Report:
    """The result of one run, as handed to a reporter."""

    findings: tuple[Finding, ...]
    files: int
    statements: int
    elapsed: float
    tool_version: str
    root: str
    notes: tuple[str, ...] = ()
    #: Findings silenced by an inline comment or the ignore file (SARIF reports them as suppressed).
    suppressed: tuple[SuppressedFinding, ...] = ()
    #: The checks and rules in force (SARIF rule metadata); empty when the caller did not say.
    rules: tuple[RuleInfo, ...] = ()
    #: Every subject compared across two statements or more, agreeing or not (JUnit passes, HTML matrix).
    subjects: tuple[CheckedSubject, ...] = ()
    #: A report about one thing (a campaign launch check) has a title, labelled facts shown above
    #: the findings, and the channels to list even when they have no finding.
    title: str = ""
    context: tuple[tuple[str, str], ...] = ()
    channels: tuple[str, ...] = ()


def normalise_quote(quote: str) -> str:
    """The form of a quote that fingerprints hash: NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", quote).casefold().split())


def fingerprint(finding: Finding) -> str:
    """A stable SHA-256 hex id for ``finding``.

    It hashes the code, the subject, the sorted side values and the sorted
    normalised quotes, so it survives reordered sides, moved lines and
    whitespace or case edits, but changes when what is said changes.
    """
    payload = [
        FINGERPRINT_VERSION,
        finding.code,
        finding.subject,
        sorted(side.value for side in finding.sides),
        sorted(normalise_quote(side.quote) for side in finding.sides),
    ]
    encoded = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
