"""Policy facts: the right value of one subject in one scope, for a period, owned by someone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from consistency_check.model import Fact, Location
from consistency_check.rules import Rule

Scope = tuple[tuple[str, str], ...]
Key = tuple[str, Scope, str]

IN_FORCE, EXPIRED, FUTURE = "in-force", "expired", "future"


def scope_key(scope: Scope | dict[str, str]) -> Scope:
    """A scope in canonical order, so claims and policies compare equal."""
    items = scope.items() if isinstance(scope, dict) else scope
    return tuple(sorted((str(k), str(v)) for k, v in items))


def describe(rule: Rule, scope: Scope, obj: str = "") -> str:
    """'return window (member)' / 'accepted payment methods — paypal': the subject as reports print it."""
    scope_text = ", ".join(v for _, v in scope)
    return rule.title + (f" ({scope_text})" if scope_text else "") + (f" — {obj}" if obj else "")


@dataclass(frozen=True)
class PolicyFact:
    """One fact of a policy file, resolved against the rules.

    ``expected`` holds one typed value, or several for a ``one-of`` rule.
    Dates are inclusive: a fact with ``effective_until: 2025-01-31`` still
    applies on that day.
    """

    rule: Rule
    scope: Scope
    obj: str
    expected: tuple[Fact, ...]
    written: str
    location: Location
    effective_from: date | None = None
    effective_until: date | None = None
    owner: str = ""
    required_channels: tuple[str, ...] = ()
    key_path: str = ""

    @property
    def key(self) -> Key:
        """What a claim must share with this fact to be judged by it."""
        return (self.rule.name, self.scope, self.obj)

    @property
    def subject(self) -> str:
        """The subject in plain words, with its scope."""
        return describe(self.rule, self.scope, self.obj)

    @property
    def value(self) -> str:
        """The canonical expected value(s), as a finding's ``expected``."""
        return " or ".join(e.value for e in self.expected)

    def status(self, as_of: date) -> str:
        """``in-force``, ``expired`` or ``future`` on ``as_of``."""
        if self.effective_from is not None and as_of < self.effective_from:
            return FUTURE
        if self.effective_until is not None and as_of > self.effective_until:
            return EXPIRED
        return IN_FORCE

    def overlaps(self, other: PolicyFact) -> bool:
        """Whether the two facts' periods share a day."""
        lo = max(self.effective_from or date.min, other.effective_from or date.min)
        hi = min(self.effective_until or date.max, other.effective_until or date.max)
        return lo <= hi

    def period(self) -> str:
        """'from 2025-01-01 until 2025-12-31', 'until 2024-12-31', or ''."""
        parts = []
        if self.effective_from:
            parts.append(f"from {self.effective_from.isoformat()}")
        if self.effective_until:
            parts.append(f"until {self.effective_until.isoformat()}")
        return " ".join(parts)

    def policy_quote(self) -> str:
        """How the fact reads in a report: 'return-window (tier: member): 60 days'."""
        scope = ", ".join(f"{k}: {v}" for k, v in self.scope)
        obj = f" [{self.obj}]" if self.obj else ""
        when = f", {self.period()}" if self.period() else ""
        return f"{self.rule.name}{f' ({scope})' if scope else ''}{obj}: {self.written}{when}"


@dataclass(frozen=True)
class PolicySet:
    """Every policy fact loaded, and the files they came from."""

    facts: tuple[PolicyFact, ...] = ()
    files: tuple[str, ...] = ()

    def by_status(self, as_of: date) -> dict[str, list[PolicyFact]]:
        """Facts grouped by their status on ``as_of``."""
        out: dict[str, list[PolicyFact]] = {IN_FORCE: [], EXPIRED: [], FUTURE: []}
        for fact in self.facts:
            out[fact.status(as_of)].append(fact)
        return out
