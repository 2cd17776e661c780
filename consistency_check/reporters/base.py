"""What every reporter consumes and implements.

:class:`Report` is the finished result of one run; :class:`Reporter` turns it
into text. :func:`severity_counts` and :func:`fingerprint` are shared helpers
(the fingerprint is also what baselines key on, so it lives here, in one place).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from consistency_check.model import CheckedSubject, Finding, RuleInfo, Severity, SuppressedFinding

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


class Reporter(ABC):
    """Turns a :class:`Report` into a string.

    Subclasses set ``name`` (the ``--format`` value), ``description`` (one
    line for ``--help``) and ``default_extension`` (with the dot, for output
    files). Every reporter accepts the same constructor options so callers
    never need to know which format they hold; formats that have no use for
    an option ignore it.
    """

    name: ClassVar[str]
    description: ClassVar[str]
    default_extension: ClassVar[str]

    def __init__(self, *, color: bool = False, width: int = 100) -> None:
        """Store the presentation options: ``color`` for terminal styling, ``width`` in columns (0: no wrapping)."""
        self.color = color
        self.width = width

    @abstractmethod
    def render(self, report: Report) -> str:
        """Return the whole report as text, ending with a newline."""


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Count findings per severity; always has the keys ``error``, ``warning``, ``info`` in that order."""
    counts = {Severity.ERROR.value: 0, Severity.WARNING.value: 0, Severity.INFO.value: 0}
    for finding in findings:
        counts[Severity(finding.severity).value] += 1
    return counts


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


def primary_side(finding: Finding) -> int:
    """The index of the side to point at first: the odd one out.

    That is the first side whose value differs from ``finding.expected`` (the
    value most channels state). Without an expected value (a tie) no side is
    the odd one and the first side is returned, as it is for findings without
    sides (callers check ``finding.sides``).
    """
    if finding.expected:
        for index, side in enumerate(finding.sides):
            if side.value and side.value != finding.expected:
                return index
    return 0


def side_order(finding: Finding) -> list[int]:
    """Side indexes with the primary side first, the others in their given order (``[]`` without sides)."""
    if not finding.sides:
        return []
    first = primary_side(finding)
    return [first] + [i for i in range(len(finding.sides)) if i != first]
