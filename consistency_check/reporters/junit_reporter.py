"""JUnit XML, the test-report format every CI system displays.

One ``testsuite`` per check code (``CC201 return-window``), one ``testcase``
per subject checked, so a subject whose channels agree shows as a pass and a
contradiction as a failure. Suites follow check codes rather than channels
because a subject spans several channels: per channel, one contradiction
would fail in every suite it touches and the counts would no longer add up.
Here every finding belongs to exactly one test case.

The subjects come from :attr:`Report.subjects` (filled by the pipeline); a
report without them still lists one test case per finding subject. Errors
and warnings are ``<failure>`` elements; an info finding leaves its case
passing with the finding in ``<system-out>`` (info never fails a run by
default); a case whose only findings were suppressed is ``<skipped>``.
Text that XML 1.0 cannot carry (control characters) is written as a visible
escape.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field

from consistency_check.model import Finding, RuleInfo, Severity, SuppressedFinding
from consistency_check.reporters.base import Report, Reporter, side_order
from consistency_check.reporters.sanitize import clean

SUITES_NAME = "consistency-check"
FAILING = frozenset({Severity.ERROR, Severity.WARNING})

# Not allowed in XML 1.0 at all (besides what sanitize.clean already makes visible).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` made safe for XML 1.0: terminal controls and non-XML characters shown as escapes."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", clean(text))


def describe(finding: Finding) -> str:
    """The failure body: message, expected value, then one line per side (odd side first)."""
    lines = [f"{Severity(finding.severity).value} {finding.code} {finding.name}: {finding.message}"]
    if finding.expected:
        lines.append(f"expected: {finding.expected}")
    for index in side_order(finding):
        side = finding.sides[index]
        value = f" ({side.value})" if side.value else ""
        quote = f' "{" ".join(side.quote.split())}"' if side.quote else ""
        lines.append(f"- {side.channel} {side.location.display()}{value}{quote}")
    return "\n".join(lines)


@dataclass
class _Case:
    """One test case being assembled."""

    subject: str
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[SuppressedFinding] = field(default_factory=list)


def _suite_title(code: str, rules: dict[str, RuleInfo], findings: Iterable[Finding]) -> str:
    """``CC201 return-window``: the code and its rule name when known."""
    name = rules[code].name if code in rules else next((f.name for f in findings if f.code == code), "")
    return f"{code} {name}".strip()


class JunitReporter(Reporter):
    """JUnit XML; see the module docstring."""

    name = "junit"
    description = "JUnit XML: one test case per subject checked, failures for contradictions."
    default_extension = ".xml"

    def render(self, report: Report) -> str:
        """The ``<testsuites>`` document with an XML declaration, newline-terminated."""
        suites = self._cases(report)
        rules = {info.code: info for info in report.rules}
        every = list(report.findings)
        root = ET.Element("testsuites", name=SUITES_NAME)
        totals = {"tests": 0, "failures": 0, "skipped": 0}
        for code in sorted(suites):
            cases = suites[code]
            title = xml_text(_suite_title(code, rules, every))
            suite = ET.SubElement(root, "testsuite", name=title)
            counts = {"tests": 0, "failures": 0, "skipped": 0}
            for case in sorted(cases.values(), key=lambda c: c.subject):
                self._case(suite, title, case, counts)
            for key, value in counts.items():
                suite.set(key, str(value))
                totals[key] += value
            suite.set("errors", "0")
            suite.set("time", "0")
        for key, value in totals.items():
            root.set(key, str(value))
        root.set("errors", "0")
        root.set("time", f"{report.elapsed:.3f}")
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

    @staticmethod
    def _cases(report: Report) -> dict[str, dict[str, _Case]]:
        """Test cases by suite code, then by subject."""
        suite_of = {s.subject: s.code for s in report.subjects}
        suites: dict[str, dict[str, _Case]] = {}
        for checked in report.subjects:
            suites.setdefault(checked.code, {}).setdefault(checked.subject, _Case(checked.subject))
        for finding in report.findings:
            code = suite_of.get(finding.subject, finding.code)
            suites.setdefault(code, {}).setdefault(finding.subject, _Case(finding.subject)).findings.append(finding)
        for silenced in report.suppressed:
            finding = silenced.finding
            code = suite_of.get(finding.subject, finding.code)
            suites.setdefault(code, {}).setdefault(finding.subject, _Case(finding.subject)).suppressed.append(silenced)
        return suites

    @staticmethod
    def _case(suite: ET.Element, classname: str, case: _Case, counts: dict[str, int]) -> None:
        """Add one ``<testcase>`` and count it."""
        element = ET.SubElement(suite, "testcase", name=xml_text(case.subject), classname=classname, time="0")
        counts["tests"] += 1
        failing = [f for f in case.findings if Severity(f.severity) in FAILING]
        if failing:
            worst = max(failing, key=lambda f: Severity(f.severity).rank)
            failure = ET.SubElement(
                element,
                "failure",
                message=xml_text(" ".join(worst.message.split())),
                type=f"{worst.code} {Severity(worst.severity).value}",
            )
            failure.text = xml_text("\n\n".join(describe(f) for f in failing))
            counts["failures"] += 1
        elif case.suppressed and not case.findings:
            reasons = "; ".join(s.suppression.justification or s.suppression.kind for s in case.suppressed)
            ET.SubElement(element, "skipped", message=xml_text(f"suppressed: {reasons}"))
            counts["skipped"] += 1
        others = [f for f in case.findings if Severity(f.severity) not in FAILING]
        if others:
            ET.SubElement(element, "system-out").text = xml_text("\n\n".join(describe(f) for f in others))
