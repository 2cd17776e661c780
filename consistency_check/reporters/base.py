"""What every reporter implements.

:class:`Reporter` turns a :class:`~consistency_check.report.Report` (the finished result of one
run) into text. :func:`severity_counts` and :func:`side_order` are shared helpers; the fingerprint
lives in :mod:`consistency_check.report`, below the pipeline and baselines that key on it too.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import ClassVar

from consistency_check.model import Finding, Severity
from consistency_check.report import FINGERPRINT_VERSION, Report, fingerprint, normalise_quote

__all__ = [
    "FINGERPRINT_VERSION",
    "Report",
    "Reporter",
    "fingerprint",
    "normalise_quote",
    "primary_side",
    "severity_counts",
    "side_order",
]


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
