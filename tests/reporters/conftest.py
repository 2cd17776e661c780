"""A small hand-built report shared by the reporter tests."""

from __future__ import annotations

from dataclasses import replace

import pytest

from consistency_check.model import (
    CheckedSubject,
    Finding,
    Location,
    RuleInfo,
    Severity,
    Side,
    SuppressedFinding,
    Suppression,
)
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


#: A quote written to attack every output format at once.
ATTACK_QUOTE = (
    "Returns: 30 days <script>alert(1)</script><img src=x onerror=alert(2)> "
    "[click](javascript:alert(3)) ![pixel](https://evil.example/p.png) <!-- hidden --> "
    "a | b `code` *bold* $5 and $6 @octocat #1 www.evil.example https://evil.example/x "
    "\r\n::error file=x.py::injected\n##[error]legacy\n"
    "::stop-commands::tok %0A%25 \x1b[2J\x1b[31mred\x1b[0m \u202egnp.exe"
)


def build_full_report() -> Report:
    """The three-finding report plus rule metadata, checked subjects and a suppressed finding."""
    base = build_report()
    refund = base.findings[2]
    silenced = Finding(
        code="CC201",
        name="vague-wording",
        severity=Severity.WARNING,
        message="The exchange window is stated twice.",
        subject="exchange window",
        sides=(Side(Location("kb/exchanges.md", line=9), "agent-kb", "Exchanges within 30 days.", "30 days"),),
    )
    rules = (
        RuleInfo(
            "CC101",
            "value-mismatch",
            Severity.ERROR,
            "Channels disagree on a value.",
            "Two channels state different values for one subject.",
            "duration",
            ("Web: 14 days / Bot: 30 days",),
            ("Web: 14 days / Bot: two weeks",),
            "built-in rules/value-mismatch.yaml",
        ),
        RuleInfo(
            "CC201",
            "vague-wording",
            Severity.INFO,
            "A value is stated without a unit.",
            "A statement names a subject but not its value [unit].",
            "",
            (),
            (),
            "",
        ),
    )
    subjects = (
        CheckedSubject(
            "refund window",
            "CC101",
            (("agent-kb", ""), ("chatbot", "30 days"), ("web", "14 days")),
            ("bot/intents.json", "web/faq/returns.html"),
        ),
        CheckedSubject(
            "support phone",
            "CC104",
            (("agent-kb", "0800 111 222"), ("store", "0800 123 456")),
            ("kb/contact.md", "stores/script.yaml"),
        ),
        CheckedSubject(
            "gift card expiry", "CC214", (("chatbot", "no"), ("web", "no")), ("bot/intents.json", "web/faq/gift.html")
        ),
        CheckedSubject(
            "exchange window",
            "CC201",
            (("agent-kb", "30 days"), ("web", "30 days")),
            ("kb/exchanges.md", "web/faq/returns.html"),
        ),
    )
    suppression = Suppression(
        "external",
        "Known: the KB article is being rewritten",
        Location(".consistency-check-ignore", line=3),
        "2026-01-31",
    )
    assert refund.code == "CC101"
    return replace(base, rules=rules, subjects=subjects, suppressed=(SuppressedFinding(silenced, suppression),))


def attack_report() -> Report:
    """One contradiction whose quotes, subject, paths and values are hostile."""
    finding = Finding(
        code="CC201",
        name="return-window",
        severity=Severity.ERROR,
        message="Channels disagree: ::error::x\n<b>bold</b> | [a](javascript:alert(1))",
        subject="return window: members, <i>all</i> | `x`",
        sides=(
            Side(Location("web/faq.html", line=3, end_line=4), "web", ATTACK_QUOTE, "30 days"),
            Side(Location("bot/a b#c, d:e.json", pointer="/a/0"), "chat<bot>", "Returns: 45 days | ok", "45 days <x>"),
            Side(Location("kb/r.md", line=7), "agent", "Returns: 30 days.", "30 days"),
        ),
        expected="30 days",
    )
    return Report((finding,), 3, 3, 0.01, "0.1.0", "/srv/acme", notes=("note <b>with</b> | markup\n::error::x",))


@pytest.fixture
def full() -> Report:
    """The three-finding report with rules, subjects and a suppressed finding."""
    return build_full_report()


@pytest.fixture
def attack() -> Report:
    """A report built to inject markup and commands into every format."""
    return attack_report()
