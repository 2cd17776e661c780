"""The campaign launch check: every channel against the brief and the standing policy.

Per channel it reports

* contradictions with the brief (CC310): a date, discount, minimum spend or
  code other than the brief's, an excluded item said to be included, a value
  other than one of the brief's ``terms``;
* gaps (CC311): a channel the brief lists that never mentions the campaign,
  and, in the answer channels (default: agent), each question customers will
  ask that its campaign content does not answer;
* changes to standing policy the brief does not declare (CC312): a value the
  brief's own text, or a channel's campaign content, gives for a policy
  subject that differs from the policy in force when the campaign starts.

The brief's terms and the standing policy are judged with the policy judge,
as a temporary policy scoped to the campaign's content.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date

from consistency_check.campaign.brief import Brief
from consistency_check.campaign.context import (
    Mention,
    codes_in,
    exclusion_said,
    mentions,
    phrases_for,
    says_eligibility,
)
from consistency_check.checks import CAMPAIGN_CONTRADICTION, CAMPAIGN_GAP, CAMPAIGN_OVERRIDE, Check
from consistency_check.engine.claims import Claim
from consistency_check.model import BRIEF_CHANNEL, Finding, Location, Side, Statement
from consistency_check.policy.judge import PolicyJudge, claim_key
from consistency_check.policy.model import PolicySet
from consistency_check.rules import RuleSet

BRIEF = BRIEF_CHANNEL
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def check_campaign(
    brief: Brief,
    statements: Sequence[Statement],
    brief_text: Sequence[Statement],
    ruleset: RuleSet,
    standing: PolicySet | None = None,
    as_of: date | None = None,
    channel_sources: dict[str, tuple[str, ...]] | None = None,
) -> list[Finding]:
    """Every campaign finding, channel by channel (the brief's own text as channel ``brief``).

    ``as_of`` is the date the standing policy is taken at (default: the day the campaign starts).
    """
    sources = channel_sources or {}
    by_channel: dict[str, list[Mention]] = {}
    for mention in mentions(statements, brief, ruleset):
        by_channel.setdefault(mention.statement.channel, []).append(mention)
    own = mentions(brief_text, brief, ruleset, whole=True)
    findings: list[Finding] = []
    for channel, found in [(BRIEF, own), *by_channel.items()]:
        for mention in found:
            findings.extend(_contradictions(brief, mention, channel, ruleset))
    claims = [c for found in [own, *by_channel.values()] for m in found for c in m.claims]
    findings.extend(_judged(brief, claims, standing, as_of or brief.starts))
    findings.extend(_gaps(brief, by_channel, sources, {s.channel for s in statements}, ruleset))
    order = {ch: i for i, ch in enumerate((*brief.channels, BRIEF))}
    return sorted(findings, key=lambda f: (order.get(_channel(f), len(order)), _channel(f), f.code))


# -- contradictions with the brief -------------------------------------------------------------------


def _contradictions(brief: Brief, mention: Mention, channel: str, ruleset: RuleSet) -> Iterable[Finding]:
    who = _who(channel)
    for claim in mention.claims:
        if claim.kind == "date":
            wrong = _wrong_date(claim, brief)
            if wrong:
                key, expected = wrong
                message = (
                    f"{who} says {brief.name} {_date_phrase(claim)} {_human(claim.value)}; "
                    f"the brief says {_human(expected)} ({brief.at(key).display()})."
                )
                yield _finding(
                    CAMPAIGN_CONTRADICTION,
                    brief,
                    channel,
                    claim.statement,
                    claim.quote,
                    _human(claim.value),
                    claim.surface,
                    message,
                    _human(expected),
                    key,
                )
        elif (
            brief.discount is not None
            and _is_discount(claim, brief.discount.kind)
            and claim.value != brief.discount.value
        ):
            message = (
                f"{who} gives {claim.value} off for {brief.name}; "
                f"the brief's discount is {brief.discount.value} ({brief.at('offer.discount').display()})."
            )
            yield _finding(
                CAMPAIGN_CONTRADICTION,
                brief,
                channel,
                claim.statement,
                claim.quote,
                claim.value,
                claim.surface,
                message,
                brief.discount.value,
                "offer.discount",
            )
        elif brief.minimum_spend is not None and _is_minimum(claim) and claim.value != brief.minimum_spend.value:
            message = (
                f"{who} says {brief.name} needs {claim.value}; the brief's minimum spend is "
                f"{brief.minimum_spend.value} ({brief.at('offer.minimum_spend').display()})."
            )
            yield _finding(
                CAMPAIGN_CONTRADICTION,
                brief,
                channel,
                claim.statement,
                claim.quote,
                claim.value,
                claim.surface,
                message,
                brief.minimum_spend.value,
                "offer.minimum_spend",
            )
    for sentence in mention.sentences:
        for code, _ in codes_in(sentence):
            if code.upper() == brief.code.upper():
                continue
            expected = brief.code
            message = (
                f"{who} gives the code {code} for {brief.name}; "
                f"the brief's code is {brief.code} ({brief.at('code').display()})."
                if brief.code
                else f"{who} gives the code {code} for {brief.name}, but the brief has no code."
            )
            yield _finding(
                CAMPAIGN_CONTRADICTION,
                brief,
                channel,
                mention.statement,
                sentence,
                code,
                code,
                message,
                expected,
                "code",
            )
        for i, item in enumerate(brief.exclusions):
            if exclusion_said(sentence, phrases_for(item, ruleset)) == "included":
                message = (
                    f"{who} says {item} are part of {brief.name}; "
                    f"the brief excludes them ({brief.at('exclusions', i).display()})."
                )
                yield _finding(
                    CAMPAIGN_CONTRADICTION,
                    brief,
                    channel,
                    mention.statement,
                    sentence,
                    "included",
                    item,
                    message,
                    "excluded",
                    "exclusions",
                    i,
                )


def _wrong_date(claim: Claim, brief: Brief) -> tuple[str, str] | None:
    """``(brief key, expected value)`` when a campaign date differs from the brief's; ``None`` when it agrees."""
    parts = claim.value.split("..")
    starts, ends = brief.starts, brief.ends
    if len(parts) == 2:
        ok = _same_day(parts[0], starts) and _same_day(parts[1], ends)
        return None if ok else ("starts", f"{starts.isoformat()}..{ends.isoformat()}")
    if claim.role == "until":
        return None if _same_day(parts[0], ends) else ("ends", ends.isoformat())
    if claim.role == "from":
        return None if _same_day(parts[0], starts) else ("starts", starts.isoformat())
    if claim.role or _same_day(parts[0], starts) or _same_day(parts[0], ends):
        return None
    return ("ends", ends.isoformat())


def _same_day(value: str, day: date) -> bool:
    """'--04-14' (no year) matches any year's April 14; '2025-04-14' only that day."""
    if value.startswith("--"):
        return value[2:] == day.strftime("%m-%d")
    return value == day.isoformat()


def _is_discount(claim: Claim, kind: str) -> bool:
    if claim.kind != kind or claim.role not in ("", "max"):
        return False
    if claim.rule is None:
        return True
    return claim.rule.name == "discount" and all(dim == "period" for dim, _ in claim.scope)


def _is_minimum(claim: Claim) -> bool:
    return claim.kind == "money" and claim.role == "min" and claim.rule is None


# -- terms and standing policy -----------------------------------------------------------------------


def _judged(brief: Brief, claims: list[Claim], standing: PolicySet | None, as_of: date) -> list[Finding]:
    """Campaign claims judged by the brief's terms (CC310) and by the standing policy it does not change (CC312)."""
    out: list[Finding] = []
    terms = tuple(dataclasses.replace(t, required_channels=()) for t in brief.terms)
    term_keys = {t.key for t in terms}
    if terms:
        found, _ = PolicyJudge(PolicySet(terms), brief.starts).judge(claims)
        out.extend(_relabel(f, brief, "terms") for f in found)
    if standing is not None:
        kept = tuple(dataclasses.replace(f, required_channels=()) for f in standing.facts if f.key not in term_keys)
        judge = PolicyJudge(PolicySet(kept), as_of)
        found, _ = judge.judge([c for c in claims if claim_key(c) not in term_keys])
        out.extend(_relabel(f, brief, "standing") for f in found)
    return out


def _relabel(finding: Finding, brief: Brief, source: str) -> Finding:
    """A policy judge's finding, told as a campaign finding."""
    said, policy = finding.sides[0], finding.sides[1]
    channel = said.channel
    what, expected = finding.subject, finding.expected or policy.value
    if source == "terms":
        check: Check = CAMPAIGN_CONTRADICTION
        message = (
            f"{_who(channel)} says {said.value} for the {what} in {brief.name} content; "
            f"the brief's terms say {expected} ({policy.location.display()})."
        )
        policy = dataclasses.replace(policy, channel=BRIEF)
    elif channel == BRIEF:
        check = CAMPAIGN_OVERRIDE
        message = (
            f"The brief says {said.value} for the {what}, "
            f"but the standing policy says {expected} ({policy.location.display()}) "
            "and the brief's terms declare no change. Declare it under terms: so every channel can be told, or drop it."
        )
    else:
        check = CAMPAIGN_OVERRIDE
        message = (
            f"{_who(channel)} says {said.value} for the {what} in {brief.name} content; "
            f"the standing policy says {expected} "
            f"({policy.location.display()}) and the brief declares no change under terms:."
        )
    extra = tuple(kv for kv in finding.extra if kv[0] != "channel") + (("channel", channel),)
    return dataclasses.replace(
        finding,
        code=check.code,
        name=check.name,
        severity=check.severity,
        message=message,
        subject=f"{brief.name} · {channel}",
        sides=(said, policy),
        extra=extra,
    )


# -- gaps -----------------------------------------------------------------------------------------------


def _gaps(
    brief: Brief,
    by_channel: dict[str, list[Mention]],
    sources: dict[str, tuple[str, ...]],
    read: set[str],
    ruleset: RuleSet,
) -> Iterable[Finding]:
    looked_for = ", ".join(brief.names)
    for channel in brief.channels:
        found = by_channel.get(channel, [])
        if not found:
            where = ", ".join(sources.get(channel, ()))
            if channel not in read and not where:
                message = f"No {channel} source was read, so nothing in the {channel} channel mentions {brief.name}."
            else:
                message = (
                    f"Nothing in the {channel} channel mentions {brief.name} "
                    f"(looked for: {looked_for}{f' in {where}' if where else ''})."
                )
            yield _gap(brief, channel, "channels", f"channels: {channel}", message)
            continue
        if channel in brief.answer_channels:
            yield from _unanswered(brief, channel, found, ruleset)


def _unanswered(brief: Brief, channel: str, found: list[Mention], ruleset: RuleSet) -> Iterable[Finding]:
    claims = [c for m in found for c in m.claims]
    text = " ".join(m.text for m in found)
    sentences = [s for m in found for s in m.sentences]
    name, who = brief.name, f"The {channel} material about {brief.name}"
    if not any(c.kind == "date" for c in claims):
        yield _gap(
            brief,
            channel,
            "ends",
            f"ends: {brief.ends.isoformat()}",
            f"{who} never says when it runs ({_human(brief.starts.isoformat())} to {_human(brief.ends.isoformat())}).",
        )
    if brief.discount is not None and not any(_is_discount(c, brief.discount.kind) for c in claims):
        yield _gap(
            brief,
            channel,
            "offer.discount",
            f"discount: {brief.discount.value}",
            f"{who} never gives the discount ({brief.discount.value}).",
        )
    if brief.minimum_spend is not None and not any(_is_minimum(c) for c in claims):
        yield _gap(
            brief,
            channel,
            "offer.minimum_spend",
            f"minimum_spend: {brief.minimum_spend.value}",
            f"{who} never gives the minimum spend ({brief.minimum_spend.value}).",
        )
    if brief.code and not codes_in(text) and brief.code.upper() not in text.upper():
        yield _gap(brief, channel, "code", f"code: {brief.code}", f"{who} never gives the code ({brief.code}).")
    if brief.eligibility and not says_eligibility(text):
        yield _gap(
            brief,
            channel,
            "eligibility",
            f"eligibility: {'; '.join(brief.eligibility)}",
            f"{who} never says who can use it ({'; '.join(brief.eligibility)}).",
        )
    for i, item in enumerate(brief.exclusions):
        pattern = phrases_for(item, ruleset)
        if not any(exclusion_said(s, pattern) for s in sentences):
            yield _gap(
                brief,
                channel,
                "exclusions",
                f"exclusions: {item}",
                f"{who} never says that the offer excludes {item}.",
                i,
            )
    for term in brief.terms:
        if not any(claim_key(c) == term.key for c in claims):
            yield _gap(
                brief,
                channel,
                "terms",
                f"terms: {term.rule.name} {term.written}",
                f"{who} never gives the {term.subject} during {name} ({term.value}).",
                line=term.location.line,
            )


def _gap(
    brief: Brief, channel: str, key: str, quote: str, message: str, index: int | None = None, line: int | None = None
) -> Finding:
    location = Location(brief.path, line) if line else brief.at(key, index)
    side = Side(location, BRIEF, quote if key == "channels" else f"{quote} (to answer in {channel})", "")
    return Finding(
        CAMPAIGN_GAP.code,
        CAMPAIGN_GAP.name,
        CAMPAIGN_GAP.severity,
        message,
        f"{brief.name} · {channel}",
        (side,),
        1.0,
        "",
        (("channel", channel),),
    )


# -- helpers --------------------------------------------------------------------------------------------


def _finding(
    check: Check,
    brief: Brief,
    channel: str,
    stmt: Statement,
    quote: str,
    value: str,
    surface: str,
    message: str,
    expected: str,
    key: str,
    index: int | None = None,
) -> Finding:
    sides = (
        Side(stmt.location, channel, quote, value),
        Side(brief.at(key, index), BRIEF, f"{key}: {expected}", expected),
    )
    extra = (("highlight:0", surface), ("channel", channel))
    return Finding(
        check.code, check.name, check.severity, message, f"{brief.name} · {channel}", sides, 1.0, expected, extra
    )


def _who(channel: str) -> str:
    return "The brief's text" if channel == BRIEF else channel[:1].upper() + channel[1:]


def _date_phrase(claim: Claim) -> str:
    return {"until": "ends", "from": "starts"}.get(claim.role, "runs")


def _human(value: str) -> str:
    """'2025-04-14' → 'April 14, 2025'; '--04-12' → 'April 12'; ranges joined with 'to'."""
    parts = []
    for part in value.split(".."):
        bits = part.lstrip("-").split("-")
        if part.startswith("--") and len(bits) == 2:
            parts.append(f"{_MONTHS[int(bits[0]) - 1]} {int(bits[1])}")
        elif len(bits) == 3:
            parts.append(f"{_MONTHS[int(bits[1]) - 1]} {int(bits[2])}, {bits[0]}")
        else:
            parts.append(part)
    return " to ".join(parts)


def _channel(finding: Finding) -> str:
    return dict(finding.extra).get("channel", "")


__all__ = ["BRIEF", "check_campaign"]
