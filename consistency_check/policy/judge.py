"""Claims judged against the policy: conflicts, stale values, coverage and uncovered topics.

The judge takes every claim of the run. A claim whose subject, scope and
object match a policy fact in force (and whose value can be compared with it)
is *judged*: it agrees and produces nothing, or it disagrees and produces one
finding. The judged claims are taken out of the channel-to-channel
comparison, so where a policy speaks each wrong statement is reported once,
against the policy, and never again as a channel conflict. Claims no policy
judges go on to the usual comparison.

Claims are judged per statement sentence: a sentence that gives several
values for one subject (before and after a cut-off) agrees when one of them
does; opening hours are judged day by day.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from consistency_check.checks import POLICY_CONFLICT, POLICY_MISSING, POLICY_STALE, POLICY_UNCOVERED, Check
from consistency_check.engine.claims import Claim
from consistency_check.engine.compare import display_value, render_hours
from consistency_check.model import POLICY_CHANNEL, CheckedSubject, Finding, Side
from consistency_check.policy.model import EXPIRED, FUTURE, IN_FORCE, Key, PolicyFact, PolicySet, describe, scope_key
from consistency_check.policy.values import comparable, hours_disagreement, judge_value

__all__ = ["POLICY_CHANNEL", "PolicyJudge", "claim_key"]


def claim_key(claim: Claim) -> Key | None:
    """The policy key a claim can be judged under, or ``None`` (no rule, or too general for its rule)."""
    rule = claim.rule
    if rule is None or (not claim.scope and rule.require_scope):
        return None
    return (rule.name, scope_key(claim.scope), claim.obj)


class PolicyJudge:
    """Judges claims against the policies in force on ``as_of`` (the engine's judge protocol)."""

    def __init__(
        self,
        policies: PolicySet,
        as_of: date,
        channel_sources: dict[str, tuple[str, ...]] | None = None,
        report_uncovered: bool = False,
    ) -> None:
        self.policies = policies
        self.as_of = as_of
        self.channel_sources = channel_sources or {}
        self.report_uncovered = report_uncovered
        self.notes: list[str] = []
        status = policies.by_status(as_of)
        self.current: dict[Key, PolicyFact] = {f.key: f for f in status[IN_FORCE]}
        self.expired: dict[Key, list[PolicyFact]] = defaultdict(list)
        for fact in sorted(status[EXPIRED], key=lambda f: f.effective_until or date.min, reverse=True):
            self.expired[fact.key].append(fact)
        #: Per policy subject: its rule's code, the (channel, value) pairs judged (the policy's as
        #: ``policy``) and the files stating them; see :attr:`subjects`.
        self._checked: dict[str, tuple[str, set[tuple[str, str]], set[str]]] = {}
        self.future: dict[Key, list[PolicyFact]] = defaultdict(list)
        for fact in status[FUTURE]:
            self.future[fact.key].append(fact)
            self.notes.append(
                f"{fact.location.display()}: {fact.subject} = {fact.value} takes effect on "
                f"{fact.effective_from.isoformat() if fact.effective_from else '?'}; "
                f"not applied as of {as_of.isoformat()}"
            )

    def judge(self, claims: list[Claim]) -> tuple[list[Finding], list[Claim]]:
        """Findings against the policy, and the claims left for channel-to-channel comparison."""
        groups: dict[tuple[int, str, Key], list[Claim]] = defaultdict(list)
        for claim in claims:
            key = claim_key(claim)
            if key is not None and (key in self.current or key in self.expired):
                groups[(id(claim.statement), claim.quote, key)].append(claim)
        consumed: set[int] = set()
        findings: list[Finding] = []
        for (_, _, key), group in groups.items():
            fact = self.current.get(key)
            if fact is not None:
                found = self._against(fact, group, consumed)
            else:
                found = self._stale(None, self.expired[key], group, consumed)
            findings.extend(found)
        findings.extend(self._coverage(claims))
        if self.report_uncovered:
            findings.extend(self._uncovered(claims))
        return findings, [c for c in claims if id(c) not in consumed]

    @property
    def subjects(self) -> list[CheckedSubject]:
        """Every subject judged against a policy in force: the policy's value (as channel ``policy``) and the
        values channels state that agree with it (those that do not are findings)."""
        return [
            CheckedSubject(subject, code, tuple(sorted(values)), tuple(sorted(paths)))
            for subject, (code, values, paths) in sorted(self._checked.items())
        ]

    def _record(self, fact: PolicyFact, claims: list[Claim]) -> None:
        """Note the policy's value of ``fact``'s subject and the values of ``claims``, which agree with it."""
        _, values, paths = self._checked.setdefault(fact.subject, (fact.rule.code, set(), set()))
        values.add((POLICY_CHANNEL, fact.value))
        for claim in claims:
            values.add((claim.statement.channel, display_value(claim)))
            paths.add(claim.statement.location.path)

    # -- one sentence against one fact ------------------------------------------------------------

    def _against(self, fact: PolicyFact, group: list[Claim], consumed: set[int]) -> list[Finding]:
        exp = fact.expected[0]
        judged = [(c, comparable(exp, c.kind, c.unit, c.role)) for c in group]
        judged = [(c, comp) for c, comp in judged if comp.ok]
        if not judged:
            return []
        consumed.update(id(c) for c, _ in judged)
        claims = [c for c, _ in judged]
        if fact.rule.fact == "hours":
            return self._hours(fact, claims)
        if any(judge_value(fact.expected, c.value, fact.rule.compare) for c in claims):
            self._record(fact, claims)
            return []
        self._record(fact, [])
        stale = self._stale(fact, self.expired.get(fact.key, []), claims, set())
        if stale:
            return stale
        claim = claims[0]
        claimed = _values(claims)
        message = (
            f"{_cap(claim.statement.channel)} says {claimed} for the {fact.subject}; "
            f"the policy says {_expected_text(fact)} ({_where(fact)})."
        )
        if all(comp.unit_mismatch for _, comp in judged):
            message += (
                f" It counts {_unit_word(claim.unit)} where the policy counts {_unit_word(exp.unit)}: "
                "state the policy's unit."
            )
        upcoming = next(
            (
                f
                for f in self.future.get(fact.key, [])
                if any(judge_value(f.expected, c.value, f.rule.compare) for c in claims)
            ),
            None,
        )
        if upcoming is not None and upcoming.effective_from is not None:
            message += (
                f" That is the value from {upcoming.effective_from.isoformat()} ({upcoming.location.display()}): "
                "publish it then."
            )
        return [_finding(POLICY_CONFLICT, fact, claim, claimed, message, fact.value, _confidence(claims))]

    def _hours(self, fact: PolicyFact, claims: list[Claim]) -> list[Finding]:
        per_day: dict[str, set[str]] = defaultdict(set)
        for claim in claims:
            for day, hours in claim.parts:
                per_day[day].add(hours)
        bad = hours_disagreement(fact.expected[0], per_day)
        self._record(fact, [c for c in claims if not any(d in bad for d, _ in c.parts)])
        if not bad:
            return []
        want = dict(fact.expected[0].parts)
        claimed = render_hours(tuple((d, sorted(per_day[d])[0]) for d in bad))
        expected = render_hours(tuple((d, want.get(d, want.get("*", ""))) for d in bad))
        claim = next(c for c in claims if any(d in bad for d, _ in c.parts))
        for old in self.expired.get(fact.key, []):
            if not hours_disagreement(old.expected[0], {d: per_day[d] for d in bad}):
                message = (
                    f"{_cap(claim.statement.channel)} still says {claimed} for the {fact.subject}: "
                    f"that was the policy until {_date(old.effective_until)} ({old.location.display()}). "
                    f"The policy now says {expected} ({_where(fact)})."
                )
                return [_finding(POLICY_STALE, old, claim, claimed, message, expected, _confidence(claims))]
        message = (
            f"{_cap(claim.statement.channel)} says {claimed} for the {fact.subject}; "
            f"the policy says {expected} ({_where(fact)})."
        )
        return [_finding(POLICY_CONFLICT, fact, claim, claimed, message, expected, _confidence(claims))]

    def _stale(
        self, current: PolicyFact | None, expired: list[PolicyFact], group: list[Claim], consumed: set[int]
    ) -> list[Finding]:
        """A finding when the sentence gives the value of an expired fact (most recent first)."""
        for old in expired:
            hits = [
                c
                for c in group
                if (comp := comparable(old.expected[0], c.kind, c.unit, c.role)).ok
                and not comp.unit_mismatch
                and judge_value(old.expected, c.value, old.rule.compare)
            ]
            if not hits:
                continue
            consumed.update(id(c) for c in hits)
            claim = hits[0]
            claimed = _values(hits)
            message = (
                f"{_cap(claim.statement.channel)} still says {claimed} for the {old.subject}: "
                f"that was the policy until {_date(old.effective_until)} ({old.location.display()})."
            )
            if current is not None:
                since = f"Since {_date(current.effective_from)}, the" if current.effective_from else "The"
                message += f" {since} policy says {_expected_text(current)} ({_where(current)})."
            else:
                message += " No policy states it now: remove it or add the current value to the policy."
            expected = current.value if current is not None else ""
            return [_finding(POLICY_STALE, old, claim, claimed, message, expected, _confidence(hits))]
        return []

    # -- coverage -----------------------------------------------------------------------------------

    def _coverage(self, claims: list[Claim]) -> list[Finding]:
        stated: dict[Key, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        present = set(self.channel_sources)
        for claim in claims:
            present.add(claim.statement.channel)
            key = claim_key(claim)
            if key in self.current:
                days = {d for d, _ in claim.parts} if claim.kind == "hours" else {"*"}
                stated[key][claim.statement.channel].update(days)
        out = []
        absent: set[str] = set()
        for fact in sorted(self.current.values(), key=lambda f: (f.location.path, f.location.line or 0)):
            for channel in fact.required_channels:
                if channel not in present:
                    absent.add(channel)
                    continue
                have = stated[fact.key].get(channel, set())
                if fact.rule.fact == "hours" and have and "*" not in dict(fact.expected[0].parts):
                    gap = [d for d, _ in fact.expected[0].parts if d not in have]
                    if gap:
                        out.append(
                            self._missing(
                                fact,
                                channel,
                                render_hours(tuple((d, h) for d, h in fact.expected[0].parts if d in gap)),
                            )
                        )
                elif not have:
                    out.append(self._missing(fact, channel, ""))
        for channel in sorted(absent):
            self.notes.append(
                f"policies require channel '{channel}', but no source of that channel was read; "
                "its coverage is not checked"
            )
        return out

    def _missing(self, fact: PolicyFact, channel: str, days: str) -> Finding:
        where = ", ".join(self.channel_sources.get(channel, ())) or f"the {channel} sources"
        message = (
            f"No {channel} statement gives the {fact.subject} ({days or _expected_text(fact)}), which the policy "
            f"requires of the {channel} channel ({_where(fact)}). Add it to {where}."
        )
        side = Side(fact.location, POLICY_CHANNEL, f"{fact.policy_quote()} (required in {channel})", fact.value)
        return Finding(
            POLICY_MISSING.code,
            POLICY_MISSING.name,
            POLICY_MISSING.severity,
            _owned(message, fact),
            fact.subject,
            (side,),
            1.0,
            days or fact.value,
            (("channel", channel),),
        )

    def _uncovered(self, claims: list[Claim]) -> list[Finding]:
        by_key: dict[Key, dict[str, Claim]] = defaultdict(dict)
        for claim in sorted(claims, key=lambda c: (c.statement.location.path, c.statement.location.line or 0)):
            key = claim_key(claim)
            if key is not None and key not in self.current:
                by_key[key].setdefault(claim.statement.channel, claim)
        out = []
        for key in sorted(by_key):
            first = by_key[key]
            rule = next(iter(first.values())).rule
            assert rule is not None
            subject = describe(rule, key[1], key[2])
            channels = sorted(first)
            message = f"Answered by {_join(channels)}, but no policy in force states it: {subject}."
            sides = tuple(Side(c.statement.location, ch, c.quote, display_value(c)) for ch, c in sorted(first.items()))
            extra = tuple((f"highlight:{i}", c.surface) for i, (_, c) in enumerate(sorted(first.items())))
            out.append(
                Finding(
                    POLICY_UNCOVERED.code,
                    POLICY_UNCOVERED.name,
                    POLICY_UNCOVERED.severity,
                    message,
                    subject,
                    sides,
                    1.0,
                    "",
                    extra,
                )
            )
        return out


def _finding(
    check: Check, fact: PolicyFact, claim: Claim, claimed: str, message: str, expected: str, confidence: float
) -> Finding:
    message = _owned(message, fact)
    stmt = claim.statement
    sides = (
        Side(stmt.location, stmt.channel, claim.quote, claimed),
        Side(fact.location, POLICY_CHANNEL, fact.policy_quote(), fact.value),
    )
    extra = (("highlight:0", claim.surface), ("channel", stmt.channel), ("policy", fact.location.display()))
    return Finding(check.code, check.name, check.severity, message, fact.subject, sides, confidence, expected, extra)


def _values(claims: list[Claim]) -> str:
    seen: list[str] = []
    for claim in claims:
        shown = display_value(claim)
        if shown not in seen:
            seen.append(shown)
    return " / ".join(seen)


def _expected_text(fact: PolicyFact) -> str:
    prefix = {"at-most": "at most ", "at-least": "at least "}.get(fact.rule.compare, "")
    return prefix + fact.value


def _where(fact: PolicyFact) -> str:
    return fact.location.display()


def _owned(message: str, fact: PolicyFact) -> str:
    """The message with the policy owner, who decides the right value, named at the end."""
    return message + (f" Policy owner: {fact.owner}." if fact.owner else "")


def _confidence(claims: list[Claim]) -> float:
    return 0.85 if all(c.from_question for c in claims) else 1.0


def _unit_word(unit: str) -> str:
    return {"business": "business days", "calendar": "calendar days"}.get(unit, unit)


def _date(day: date | None) -> str:
    return day.isoformat() if day else "?"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
