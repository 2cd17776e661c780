"""A small hand-built report shared by the reporter tests."""

from __future__ import annotations

import pytest

from consistency_check.model import Finding, Location, Severity, Side
from consistency_check.reporters import Report

HOSTILE_QUOTE = "Call [bold]now[/bold] \x1b[31mfor free\x1b[0m <script>alert(1)</script> on 0800 123 456."


def build_report() -> Report:
    """Three findings over two subjects: a line-less side with a pointer, and a hostile quote."""
    refund = Finding(
        code="CC101",
        name="value-mismatch",
        severity=Severity.ERROR,
        message="Channels disagree on the refund window: 14 days vs 30 days.",
        subject="refund window",
        sides=(
            Side(
                location=Location("web/faq/returns.html", line=42, end_line=43),
                channel="web",
                quote="You can return any item within 14 days of delivery.",
                value="14 days",
            ),
            Side(
                location=Location("bot/intents.json", line=None, pointer="/intents/3/responses/0"),
                channel="chatbot",
                quote="Returns are accepted for a full thirty days.",
                value="30 days",
            ),
        ),
        confidence=0.85,
        expected="14 days",
        extra=(("highlight:1", "thirty days"),),
    )
    phone = Finding(
        code="CC104",
        name="contact-mismatch",
        severity=Severity.WARNING,
        message="Support phone number differs [between] channels.",
        subject="support phone",
        sides=(
            Side(
                location=Location("kb/contact.md", line=7),
                channel="agent-kb",
                quote="Our hotline is 0800 111 222.",
                value="0800 111 222",
            ),
            Side(
                location=Location("stores/script.yaml", line=12),
                channel="store",
                quote=HOSTILE_QUOTE,
                value="0800 123 456",
            ),
        ),
    )
    refund_info = Finding(
        code="CC201",
        name="vague-wording",
        severity=Severity.INFO,
        message="The refund window is stated without a unit.",
        subject="refund window",
        sides=(
            Side(
                location=Location("kb/returns.md", line=3),
                channel="agent-kb",
                quote="Refunds are possible within the usual window.",
            ),
        ),
    )
    return Report(
        findings=(phone, refund_info, refund),
        files=4,
        statements=17,
        elapsed=0.4213,
        tool_version="0.1.0",
        root="/srv/acme",
        notes=("docs/x.bin: no format recognised",),
    )


def empty_report() -> Report:
    """A run that found nothing."""
    return Report(findings=(), files=1, statements=1, elapsed=0.05, tool_version="0.1.0", root=".")


@pytest.fixture
def report() -> Report:
    """The three-finding report."""
    return build_report()


@pytest.fixture
def empty() -> Report:
    """The empty report."""
    return empty_report()
