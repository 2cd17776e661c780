"""The JUnit reporter: snapshot, counts that add up, suites per check, hostile text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

from consistency_check.model import Finding, Location, Severity, Side
from consistency_check.reporters import JunitReporter, Report

from .snapshot import assert_snapshot


def parse(report: Report) -> ET.Element:
    return ET.fromstring(JunitReporter().render(report).encode("utf-8"))


def test_snapshot(full: Report) -> None:
    assert_snapshot("report.junit.xml", JunitReporter().render(full))


def test_empty_snapshot(empty: Report) -> None:
    output = JunitReporter().render(empty)
    assert_snapshot("report_empty.junit.xml", output)
    root = ET.fromstring(output.encode("utf-8"))
    assert (root.get("tests"), root.get("failures"), list(root)) == ("0", "0", [])


def test_one_case_per_subject_passes_fail_and_skips(full: Report) -> None:
    root = parse(full)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("skipped"), root.get("errors")) == ("4", "2", "1", "0")
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["CC101 value-mismatch", "CC104 contact-mismatch", "CC201 vague-wording", "CC214"]
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert set(cases) == {"refund window", "support phone", "exchange window", "gift card expiry"}
    assert list(cases["gift card expiry"]) == []  # channels agree: a pass
    skipped = cases["exchange window"].find("skipped")
    assert skipped is not None and skipped.get("message") == "suppressed: Known: the KB article is being rewritten"
    refund = cases["refund window"]
    failure = refund.find("failure")
    assert failure is not None and failure.get("type") == "CC101 error"
    assert failure.get("message") == "Channels disagree on the refund window: 14 days vs 30 days."
    body = failure.text or ""
    assert "- chatbot bot/intents.json#/intents/3/responses/0 (30 days)" in body.splitlines()[2]
    assert "- web web/faq/returns.html:42 (14 days)" in body
    # The info finding on the same subject does not fail it; it is shown as output.
    assert "CC201 vague-wording" in (refund.findtext("system-out") or "")
    for suite in suites.values():
        members = suite.findall("testcase")
        assert suite.get("tests") == str(len(members))
        assert suite.get("failures") == str(sum(1 for c in members if c.find("failure") is not None))


def test_without_subjects_every_finding_subject_is_a_case(report: Report) -> None:
    root = parse(report)
    names = sorted(c.get("name") or "" for c in root.iter("testcase"))
    assert names == ["refund window", "refund window", "support phone"]
    assert root.get("failures") == "2"  # the info finding passes


def test_several_findings_on_one_subject_make_one_failure() -> None:
    side = Side(Location("a.md", 1), "web", "q", "1")
    first = Finding("CC201", "return-window", Severity.WARNING, "first", "s", (side,))
    second = replace(first, severity=Severity.ERROR, message="second")
    root = parse(Report((first, second), 1, 1, 0.0, "0", "."))
    failures = list(root.iter("failure"))
    assert len(failures) == 1 and failures[0].get("message") == "second"
    assert "first" in (failures[0].text or "") and "second" in (failures[0].text or "")


def test_hostile_text_stays_well_formed(attack: Report) -> None:
    output = JunitReporter().render(attack)
    assert "\x1b" not in output and "\r" not in output and "<script>" not in output
    root = ET.fromstring(output.encode("utf-8"))
    failure = next(root.iter("failure"))
    assert "<script>alert(1)</script>" in (failure.text or "")  # escaped in XML, intact as text
    assert "\\x1b[2J" in (failure.text or "")
    case = next(root.iter("testcase"))
    assert case.get("name") == "return window: members, <i>all</i> | `x`"


def test_invalid_xml_characters_are_escaped() -> None:
    side = Side(Location("a.md", 1), "web", "nul\x00 and \ufffe and \ud800", "1")
    finding = Finding("CC1", "n", Severity.ERROR, "m\x0c", "s", (side,))
    output = JunitReporter().render(Report((finding,), 1, 1, 0.0, "0", "."))
    ET.fromstring(output.encode("utf-8", "surrogatepass"))
    assert "\\x00" in output and "\\ufffe" in output and "\\ud800" in output
