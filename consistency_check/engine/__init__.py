"""The contradiction engine: claims from statements, grouped by subject and scope, compared."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Protocol

from consistency_check.model import CheckedSubject, Finding, Statement
from consistency_check.rules import RuleSet
from consistency_check.timings import add_cpu, stage

if TYPE_CHECKING:
    from consistency_check.engine.align import ItemMemo
    from consistency_check.engine.claims import Claim
    from consistency_check.engine.fork import Forked
    from consistency_check.engine.subject import Lexicon, LexiconCounts

Names = Callable[["Claim"], frozenset[str]]

#: Below this many statements the engine runs in one process whatever ``jobs`` is (a fork costs more than it saves).
PARALLEL_MIN_STATEMENTS = 5_000


class Judge(Protocol):
    """An authority claims are judged against before channels are compared (the policy)."""

    def judge(self, claims: list[Claim]) -> tuple[list[Finding], list[Claim]]:
        """Findings against the authority, and the claims it leaves for channel-to-channel comparison."""


@dataclass(frozen=True)
class Analysis:
    """What the engine found: the findings, and every subject it compared (agreeing or not)."""

    findings: list[Finding]
    subjects: list[CheckedSubject]


class EngineHooks:
    """The corpus-wide steps of :func:`analyse`, each done over the statements it is given.

    A subclass may record what a step learns about the corpus, or answer
    from statistics kept between runs when it is given only a part of the
    corpus (see :mod:`consistency_check.incremental`).
    """

    #: The steps that may run in a forked process (``lexicon``: half of its counting, through
    #: :meth:`lexicon_counted`; ``generic``, ``polar``), each with the attributes it sets on the hooks
    #: (sent back from that process). Read from the hooks' own class only: a subclass that does not
    #: declare it runs every step in the calling process.
    FORKABLE: ClassVar[dict[str, tuple[str, ...]]] = {"lexicon": (), "generic": (), "polar": ()}

    def lexicon(self, statements: list[Statement]) -> Lexicon:
        """The names of the corpus."""
        from consistency_check.engine.subject import Lexicon

        return Lexicon.learn(statements)

    def lexicon_counted(self, counts: LexiconCounts) -> Lexicon:
        """The names of the corpus from what :meth:`lexicon` would count, counted in parts (see :func:`analyse`)."""
        return counts.lexicon()

    def adopt(
        self, claims: list[Claim], ruleset: RuleSet, names: Names, tiers: frozenset[str], memo: ItemMemo
    ) -> list[Claim]:
        """``claims`` with values no rule claims given the rule of a value they align with."""
        from consistency_check.engine.align import adopt_rules

        return adopt_rules(claims, ruleset, names, tiers, memo)

    def common(self, claims: list[Claim]) -> frozenset[str]:
        """Terms too common to tell the subjects of a rule group apart."""
        from consistency_check.engine.subject import common_terms

        return common_terms(c for c in claims if c.kind != "yesno")

    def groups(self, claims: list[Claim], names: Names, common: frozenset[str]) -> list[list[Claim]]:
        """The rule groups of ``claims`` (see :func:`~consistency_check.engine.compare.rule_groups`)."""
        from consistency_check.engine.compare import rule_groups

        return rule_groups(claims, names, common)

    def generic(
        self, claims: list[Claim], ruleset: RuleSet, names: Names, tiers: frozenset[str], memo: ItemMemo
    ) -> list[Finding]:
        """Findings among values no rule claims."""
        from consistency_check.engine.align import generic_findings

        return generic_findings(claims, ruleset, names, tiers, memo)

    def polar(
        self,
        statements: list[Statement],
        ruleset: RuleSet,
        claimed: set[tuple[int, int]],
        names: Names,
        scope: Callable[[str], tuple[object, ...]],
    ) -> list[Finding]:
        """Findings for sentences denying what others affirm."""
        from consistency_check.engine.polar import polar_findings

        return polar_findings(statements, ruleset, claimed, names, scope)


def check(statements: Iterable[Statement], ruleset: RuleSet, judge: Judge | None = None) -> list[Finding]:
    """Every disagreement among ``statements`` (facts already attached)."""
    return analyse(statements, ruleset, judge).findings


def analyse(
    statements: Iterable[Statement],
    ruleset: RuleSet,
    judge: Judge | None = None,
    claims_found: Sequence[list[Claim] | None] | None = None,
    hooks: EngineHooks | None = None,
    jobs: int | None = 1,
) -> Analysis:
    """Compare ``statements`` (facts already attached): findings plus the subjects checked.

    With a ``judge`` (the policy), claims it judges are reported against it
    and not compared among channels again. ``claims_found`` may give, for each
    statement in order, what ``claims_of(statement, ruleset)`` returns (found
    while the files were read), or ``None`` where it is still to be found.
    ``hooks`` does the corpus-wide steps (by default over ``statements``).

    ``jobs`` is the number of processes the comparison may use (``None``: one
    per CPU). With more than one, on Linux, and for at least
    :data:`PARALLEL_MIN_STATEMENTS` statements, half the statements are counted
    for names in a forked process, the yes/no pairs are found in another while
    this one aligns values with rules, and the values no rule claims are
    aligned in a third while this one compares rule groups.
    Each step reads only what the corpus-wide steps before it computed over
    every statement, so the result is the same, in the same order.
    """
    from consistency_check.engine.align import scope_of_text
    from consistency_check.engine.compare import checked_subjects, group_findings
    from consistency_check.engine.fork import Forked
    from consistency_check.engine.subject import names_memo

    hooks = hooks if hooks is not None else EngineHooks()
    statements = list(statements)
    forkable = _forkable(hooks, jobs, len(statements))
    with stage("engine.names"):
        lexicon = _lexicon_in_halves(hooks, statements) if "lexicon" in forkable else hooks.lexicon(statements)
    names = names_memo(lexicon)

    with stage("engine.claims"):
        claims = completed_claims(statements, ruleset, lexicon, names, claims_found)
    steps: dict[str, Forked[list[Finding]]] = {}

    def polar(claims: list[Claim]) -> Callable[[], list[Finding]]:
        claimed = {(id(c.statement), c.statement.text.find(c.quote)) for c in claims if c.kind == "yesno"}
        return lambda: hooks.polar(statements, ruleset, claimed, names, lambda text: scope_of_text(text, ruleset))

    try:
        if "polar" in forkable and judge is None:
            # Aligning values with rules leaves yes/no claims as they are: the pairs can be found meanwhile.
            steps["polar"] = Forked(polar(claims), hooks, forkable["polar"])
        memo: ItemMemo = {}
        with stage("engine.align"):
            claims = hooks.adopt(claims, ruleset, names, lexicon.tiers, memo)
        judged: list[Finding] = []
        if judge is not None:
            with stage("engine.policy"):
                judged, claims = judge.judge(claims)
        if "polar" in forkable and "polar" not in steps:
            steps["polar"] = Forked(polar(claims), hooks, forkable["polar"])
        unclaimed = [c for c in claims if c.rule is None]
        if "generic" in forkable:
            # The step holds what it needs (not the names of this frame): run here if the fork fails, it still has them.
            step = functools.partial(hooks.generic, unclaimed, ruleset, names, lexicon.tiers, memo)
            steps["generic"] = Forked(step, hooks, forkable["generic"])
        with stage("engine.compare"):
            groups = hooks.groups(claims, names, hooks.common(claims))
            findings = [finding for group in groups for finding in group_findings(group, confidence=1.0)]
        with stage("engine.align"):
            findings.extend(
                _result(steps.pop("generic"), "engine.align")
                if "generic" in steps
                else hooks.generic(unclaimed, ruleset, names, lexicon.tiers, memo)
            )
        del memo
        with stage("engine.polar"):
            findings.extend(_result(steps.pop("polar"), "engine.polar") if "polar" in steps else polar(claims)())
    finally:
        for pending in steps.values():
            pending.cancel()
    return Analysis(judged + _merge_same_sides(findings), checked_subjects(groups))


def _lexicon_in_halves(hooks: EngineHooks, statements: list[Statement]) -> Lexicon:
    """:meth:`EngineHooks.lexicon`, its counts (they add up over statements) made half here, half in a forked
    process."""
    from consistency_check.engine.fork import Forked
    from consistency_check.engine.subject import LexiconCounts

    def count(part: list[Statement]) -> LexiconCounts:
        counts = LexiconCounts()
        counts.add(part)
        return counts

    half = len(statements) // 2
    other = Forked(lambda: count(statements[half:]))
    try:
        counts = count(statements[:half])
        counts.add_counts(other.result())
    finally:
        other.cancel()
    add_cpu("engine.names", other.cpu)
    return hooks.lexicon_counted(counts)


def _forkable(hooks: EngineHooks, jobs: int | None, statements: int) -> dict[str, tuple[str, ...]]:
    """The steps of :func:`analyse` to run in forked processes (see :attr:`EngineHooks.FORKABLE`)."""
    from consistency_check.engine.fork import available

    if statements < PARALLEL_MIN_STATEMENTS or not available():
        return {}
    if jobs is None:
        from consistency_check.processes import default_jobs

        jobs = default_jobs()
    if jobs <= 1:
        return {}
    return dict(vars(type(hooks)).get("FORKABLE", {}))


def _result(step: Forked[list[Finding]], name: str) -> list[Finding]:
    """A forked step's findings, its CPU time added to stage ``name`` (it ran in another process)."""
    findings = step.result()
    add_cpu(name, step.cpu)
    return findings


def _merge_same_sides(findings: list[Finding]) -> list[Finding]:
    """One finding per disagreement: findings of one rule with the very same sides and values become one.

    "We don't ship to Alaska or Hawaii" against "we deliver to Alaska and
    Hawaii" is one disagreement about two places, reported once.
    """
    merged: dict[tuple[object, ...], Finding] = {}
    order: list[tuple[object, ...]] = []
    for finding in findings:
        key = (finding.code, frozenset((s.location, s.value) for s in finding.sides))
        if key not in merged:
            merged[key] = finding
            order.append(key)
            continue
        kept = merged[key]
        if finding.confidence > kept.confidence:  # the same disagreement, found by a likelier link
            kept = merged[key] = dataclasses.replace(kept, confidence=finding.confidence, evidence=finding.evidence)
        base, _, obj = kept.subject.partition(" — ")
        other = finding.subject.partition(" — ")[2]
        if obj and other and other not in obj.split(", "):
            subject = f"{base} — {obj}, {other}"
            merged[key] = dataclasses.replace(
                kept, subject=subject, message=kept.message.replace(kept.subject, subject)
            )
    return [merged[k] for k in order]


#: Last words of a name that make it a payment card ("Cedar Rewards Visa", "Harbor Cash Card").
CARD_NAMES = frozenset({"visa", "mastercard", "amex", "card"})


def complete_scope(claim: Claim, names: frozenset[str], tiers: frozenset[str], ruleset: RuleSet | None = None) -> Claim:
    """A claim naming a membership programme ("Insiders get 60 days") is in the member tier; one naming a card, in the
    cardholder tier.

    Otherwise, with ``ruleset``, a claim whose words name no qualifier of a dimension its rule
    implies a value for (``implied_scope``) is given that value.
    """
    from consistency_check.engine.subject import name_tokens

    rule = claim.rule
    if rule is None:
        return claim
    added: list[tuple[str, str]] = []
    if "tier" in rule.scopes and not any(d == "tier" for d, _ in claim.scope):
        if name_tokens(names) & tiers:
            added.append(("tier", "member"))
        elif any(name.rsplit(" ", 1)[-1] in CARD_NAMES for name in names if " " in name):
            added.append(("tier", "cardholder"))
    if ruleset is not None and rule.implied:
        said = claim.quote + " . " + claim.statement.question
        for dim, value in rule.implied:
            if not any(d == dim for d, _ in claim.scope + tuple(added)) and not ruleset.dimensions[dim].find(said):
                added.append((dim, value))  # "non-members earn 1 point" names the default: no value implied
    if not added:
        return claim
    scope = tuple(
        sorted(claim.scope + tuple(added), key=lambda dv: rule.scopes.index(dv[0]) if dv[0] in rule.scopes else 99)
    )
    return dataclasses.replace(claim, scope=scope)


def completed_claims(
    statements: list[Statement],
    ruleset: RuleSet,
    lexicon: Lexicon,
    names: Names,
    claims_found: Sequence[list[Claim] | None] | None = None,
    *,
    yes_no: bool = True,
) -> list[Claim]:
    """Every statement's claims (those found while reading, else found now), their scopes completed (without
    ``yes_no``, the rules' yes/no claims are not looked for: see :func:`~.claims.claims_of`)."""
    from consistency_check.engine.claims import claims_of

    found = claims_found if claims_found is not None else [None] * len(statements)
    return [
        complete_scope(c, names(c), lexicon.tiers, ruleset)
        for stmt, known in zip(statements, found, strict=True)
        for c in (claims_of(stmt, ruleset, yes_no=yes_no) if known is None else known)
    ]


def link(
    statements: Iterable[Statement],
    ruleset: RuleSet,
    judge: Judge | None = None,
    claims_found: Sequence[list[Claim] | None] | None = None,
    jobs: int | None = 1,
) -> Analysis:
    """Compare ``statements`` by linking fact mentions (see :mod:`consistency_check.engine.linkage`).

    Values and yes/no statements (:mod:`~consistency_check.engine.proposition`)
    are both mentions, linked by one model: each part with its own corpus
    statistics, yes/no pairs by weights of their own. With ``jobs`` above one (``None``: one
    per CPU), on Linux and for at least :data:`PARALLEL_MIN_STATEMENTS`
    statements, half the statements are counted for names in a forked process:
    the result is the same. (Scoring half the keys' pairs in another process
    took 6 of 52 s of wall time off a 100k-statement run for 10 more CPU-s.)
    """
    from consistency_check.engine.compare import checked_subjects
    from consistency_check.engine.linkage import Model, contradictions, groups, score_parts
    from consistency_check.engine.mention import MentionBuilder
    from consistency_check.engine.proposition import polar_claims
    from consistency_check.engine.subject import names_memo
    from consistency_check.engine.versions import fold_versions, version_findings

    statements = list(statements)
    hooks = EngineHooks()
    with stage("engine.names"):
        halves = "lexicon" in _forkable(hooks, jobs, len(statements))
        lexicon = _lexicon_in_halves(hooks, statements) if halves else hooks.lexicon(statements)
    names = names_memo(lexicon)
    with stage("engine.claims"):
        # The rules' yes/no claims only for policies to judge: this engine links its own (``polar_mentions``).
        claims = completed_claims(statements, ruleset, lexicon, names, claims_found, yes_no=judge is not None)
    judged: list[Finding] = []
    if judge is not None:
        with stage("engine.policy"):
            judged, claims = judge.judge(claims)
    with stage("engine.link"):
        builder = MentionBuilder(ruleset, lexicon, names)  # the names completing the claims found
        mentions = builder.records(claims) + builder.records(polar_claims(statements), polar=True)
        links, stats = score_parts(mentions, Model.load(), builder.complete)
        grouped = groups(mentions, links)
        findings = contradictions(mentions, links, stats=stats[0], grouped=grouped)
        linked = [[mentions[i].claim for i in members] for members in grouped]
    with stage("engine.versions"):
        findings = fold_versions(findings, version_findings([m for m in mentions if m.claim.statement.translation]))
    return Analysis(judged + _merge_same_sides(findings), checked_subjects(linked))
