"""Group claims about the same subject and scope, and turn disagreements into findings."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from consistency_check.checks import UNIT_MISMATCH, VALUE_CONFLICT
from consistency_check.engine.claims import Claim, sentence_facts
from consistency_check.engine.subject import group_row, own_words, partition_by_names, split_by_terms
from consistency_check.engine.values import agree
from consistency_check.engine.words import terms
from consistency_check.facts.bridge import language_of
from consistency_check.model import CheckedSubject, Finding, Side

# A price "per order" (or shipment, package) is the plain, order-level price.
ORDER_LEVEL = frozenset({"per:order", "per:shipment", "per:package", "per:delivery"})
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_LABEL = {d: d.capitalize() for d in DAYS}


#: Roles bounding a value from below or from above: a least and a most ("at least 2 players", "up to 8 players"), a
#: start and an end ("from April 1", "until May 15") are two limits of one thing. Of durations, counts and dates,
#: whether a value is bounded is evidence, not what must match (see the linkage engine's keys).
BOUNDS = {"min": "low", "max": "high", "from": "low", "until": "high"}
BOUNDED_KINDS = frozenset({"duration", "count", "date"})


def role_class(kind: str, role: str) -> str:
    """Roles that state the same thing: for durations, 'within 30 days' (max) and '30 days' are one claim;
    for counts, 'up to 5 bags' and 'you can check 5 bags' are one allowance."""
    if kind in ("duration", "count") and role in ("", "max"):
        return ""
    if role in ORDER_LEVEL:
        return ""
    return role


def locale_key(locale: str) -> str:
    """Statements are compared within one language: 'en-US', 'en_us' and 'en' are all 'en'."""
    return language_of(locale)


def group_key(claim: Claim) -> tuple[object, ...]:
    """What two claims must share to be compared."""
    # Durations compare across units (business vs calendar is its own finding); opening hours
    # with and without a stated time zone compare (a zone is said once, not on every line).
    unit = "" if claim.kind in ("duration", "hours") else claim.unit
    code = claim.rule.code if claim.rule else ""
    return (
        code,
        locale_key(claim.statement.locale),
        claim.scope,
        claim.kind,
        unit,
        role_class(claim.kind, claim.role),
        claim.obj,
    )


def rule_groups(
    claims: Iterable[Claim],
    names: Callable[[Claim], frozenset[str]] = lambda c: frozenset(),
    common: frozenset[str] = frozenset(),
    rows: Rows | None = None,
) -> list[list[Claim]]:
    """Claims whose subject comes from a rule, in groups of comparable claims (stable order).

    Claims of one rule and scope (or table row, see :func:`joined_key`) are
    compared only when they name the same things ("Premier Savings" and
    "Standard Savings" are two subjects) and talk about the same object (see
    :func:`split_by_terms`). ``rows``: the corpus's table rows, when
    ``claims`` are a part of it (by default those of ``claims``).
    """
    compared = [c for c in claims if c.rule is not None and (c.scope or not c.rule.require_scope)]
    if rows is None:
        rows = table_rows(compared)
    groups: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for claim in compared:
        groups[joined_key(claim, rows, names)].append(claim)
    out: list[list[Claim]] = []
    for key in sorted(groups, key=repr):
        group = groups[key]
        if group[0].kind == "yesno":
            out.append(group)
            continue
        for part in partition_by_names(group, names, group_row(key)):
            out.extend(split_by_terms(part, common))
    return out


#: Rows of tables by the group key their values would have without the row: (the row label's words, the row's key).
Rows = dict[tuple[object, ...], list[tuple[frozenset[str], tuple[object, ...]]]]


def row_key(claim: Claim) -> tuple[object, ...] | None:
    """The rule-group key of a value in a table row (``None`` for any other claim)."""
    if claim.rule is None or not any(d == "row" for d, _ in claim.scope):
        return None
    return group_key(claim)


def table_rows(claims: Iterable[Claim]) -> Rows:
    """The table rows among ``claims``' rule groups (see :func:`joined_key`)."""
    return rows_of_keys(k for k in map(row_key, claims) if k is not None)


def rows_of_keys(keys: Iterable[tuple[object, ...]]) -> Rows:
    """The table rows of the rule-group keys ``keys`` (see :func:`group_key`); keys of no row are left out."""
    rows: Rows = defaultdict(list)
    for key in sorted(set(keys), key=repr):
        scope: tuple[tuple[str, str], ...] = key[2]  # type: ignore[assignment]
        label = next((v for d, v in scope if d == "row"), None)
        # "Gold (50,000 qualifying miles)": the row is Gold's; what the parentheses add is a note.
        words = frozenset(terms(_PARENTHESES.sub(" ", label), str(key[3]))) if label is not None else frozenset()
        if words:
            base = key[:2] + (tuple(p for p in scope if p[0] != "row"),) + key[3:]
            rows[base].append((words, key))
    return rows


_PARENTHESES = re.compile(r"\([^()]*\)")


def joined_key(claim: Claim, rows: Rows, names: Callable[[Claim], frozenset[str]]) -> tuple[object, ...]:
    """The group a rule-matched claim is compared in: its own, or the table row it names.

    A row's values are scoped by its first cell; a sentence stating the same
    rule's value for what that cell names ("a 15% good student discount") is
    about that row. A sentence naming the labels of several rows stays in its
    own group; so does one stating two values of the claim's kind, unless the
    value's own ``names`` name one row ("Gold members earn 12 points per $1,
    and Platinum members earn 15": 12 is Gold's).
    """
    key = group_key(claim)
    labelled = rows.get(key)
    if not labelled:
        return key
    if _several_of_kind(claim):
        return _listed_row(claim, labelled, names, lambda: _other_row_labels(rows, key)) or key
    said = frozenset(terms(own_words(claim) + " " + claim.statement.question, claim.kind))
    named = [row for words, row in labelled if words <= said]
    if not named:
        # A row labelled with the claim's own scope ("Member | 5 miles per $1" in a table of tiers) is what a
        # claim of that scope naming no other row is about ("You earn 6 miles per $1", a member's rate).
        scoped = frozenset(t for _, value in claim.scope for t in terms(value, claim.kind))
        named = [row for words, row in labelled if words <= scoped]
    return named[0] if len(named) == 1 else key


def _other_row_labels(rows: Rows, key: tuple[object, ...]) -> list[frozenset[str]]:
    """The labels of the rule's table rows scoped otherwise than ``key``."""
    return [words for base, listed in rows.items() if base[0] == key[0] and base != key for words, _ in listed]


def _listed_row(
    claim: Claim,
    labelled: list[tuple[frozenset[str], tuple[object, ...]]],
    names: Callable[[Claim], frozenset[str]],
    elsewhere: Callable[[], list[frozenset[str]]],
) -> tuple[object, ...] | None:
    """The row a value of a sentence listing one value per row is about ("Gold members earn 12 points per $1,
    and Platinum members earn 15": 12 is Gold's): each value of the sentence names a row of its own by the
    names the others do not have. ``None`` when the sentence is no such list ("HelpingHand takes 25% off …
    at or below 200% of the poverty level": 200% names no row, so neither value is said to be a row's)."""
    siblings = [
        dataclasses.replace(claim, value=f.value, unit=f.unit, role=f.role, surface=f.text, parts=f.parts, span=f.span)
        for f in sentence_facts(claim) or ()
    ]
    keyed = [(sibling, names(sibling)) for sibling in siblings]
    found: dict[tuple[int, int], tuple[object, ...]] = {}
    for sibling, own in keyed:
        others = frozenset(n for s, found_names in keyed if s.span != sibling.span for n in found_names)
        words = frozenset(t for name in own - others for t in terms(name, claim.kind))
        named = [row for label, row in labelled if label <= words]
        if not named:
            # "Members save 10%, Gold members 15% and Platinum members 25%": the base value names its row
            # by a plain word ("Member | 10%"), the others by their names — unless its words also name a
            # row of the rule scoped otherwise ("Elite members earn more: Silver earns 7": Silver's row).
            said = frozenset(terms(own_words(sibling), claim.kind))
            named = [row for label, row in labelled if label <= said]
            if any(label <= said for label in elsewhere()):
                return None
        if len(named) != 1:
            return None
        found[sibling.span] = named[0]
    if len(set(found.values())) != len(found):
        return None
    return found.get(claim.span)


def _several_of_kind(claim: Claim) -> bool:
    """The claim's sentence states another value of its kind ("25% off … at or below 200% of the poverty level")."""
    facts = sentence_facts(claim)
    return facts is None or len(facts) > 1


def rule_findings(
    claims: Iterable[Claim],
    names: Callable[[Claim], frozenset[str]] = lambda c: frozenset(),
    common: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Findings for claims whose subject comes from a rule."""
    findings: list[Finding] = []
    for group in rule_groups(claims, names, common):
        findings.extend(group_findings(group, confidence=1.0))
    return findings


def checked_subjects(groups: Iterable[list[Claim]]) -> list[CheckedSubject]:
    """The subjects of groups stated by two statements or more: what was compared, agreeing or not.

    Groups with the same rule and subject text (a money threshold and a plain
    price, say) are merged, as their findings share one subject.
    """
    merged: dict[tuple[str, str], tuple[set[tuple[str, str]], set[str]]] = {}
    for group in groups:
        if len({id(claim.statement) for claim in group}) < 2:
            continue
        code = group[0].rule.code if group[0].rule else VALUE_CONFLICT.code
        values, paths = merged.setdefault((code, subject_title(group)), (set(), set()))
        for claim in group:
            values.add((claim.statement.channel, claim.value))
            paths.add(claim.statement.location.path)
    return [
        CheckedSubject(subject, code, tuple(sorted(values)), tuple(sorted(paths)))
        for (code, subject), (values, paths) in sorted(merged.items())
    ]


def subject_title(group: list[Claim], subject: str | None = None) -> str:
    """The subject of a group as findings name it: rule title, scope, and the object of a yes/no rule."""
    rule = group[0].rule
    title = subject or (rule.title if rule else "value")
    scope_text = ", ".join(v for _, v in group[0].scope)
    return title + (f" ({scope_text})" if scope_text else "") + (f" — {group[0].obj}" if group[0].obj else "")


def group_findings(group: list[Claim], confidence: float, subject: str | None = None) -> list[Finding]:
    """Findings for one group of comparable claims."""
    kind = group[0].kind
    if kind == "hours":
        zones = sorted({c.unit for c in group if c.unit})
        if len(zones) > 1:
            # Two stated time zones: compare within each zone only ("9-5 ET" is "8-4 CT").
            return [f for z in zones for f in group_findings([c for c in group if c.unit == z], confidence, subject)]
        group = _restrict_hours(group)
        return [_finding(group, confidence, subject)] if disagree(group) else []
    if kind != "duration":
        return [_finding(group, confidence, subject)] if disagree(group) else []
    out = []
    by_unit: dict[str, list[Claim]] = defaultdict(list)
    for claim in group:
        by_unit[claim.unit].append(claim)
    for unit in sorted(by_unit):
        if disagree(by_unit[unit]):
            out.append(_finding(by_unit[unit], confidence, subject))
    mixed = by_unit.get("business", []) + by_unit.get("calendar", [])
    if not out and disagree(mixed, key=lambda c: c.unit):
        out.append(_finding(mixed, confidence, subject, unit_mismatch=True))
    return out


def _value(claim: Claim) -> str:
    return claim.value


def disagree(group: list[Claim], key: Callable[[Claim], str] = _value) -> bool:
    """True when two different statements state disjoint sets of values.

    A statement that gives several values for one subject (before and after a
    cut-off time, say) agrees with any statement giving one of them, and two
    values agree as :func:`~consistency_check.engine.values.agree` says (a range
    and one of its ends; a date with and without its year).
    """
    per_statement: dict[int, set[str]] = defaultdict(set)
    for claim in group:
        per_statement[id(claim.statement)].add(key(claim))
    # Statements stating the very same values agree with each other: compare each distinct set once.
    sets = list({frozenset(values) for values in per_statement.values()})
    kind = group[0].kind if group and key is _value else ""  # another key's values agree when equal
    return any(
        not (a & b or any(agree(kind, x, y) for x in a for y in b)) for i, a in enumerate(sets) for b in sets[i + 1 :]
    )


def _restrict_hours(group: list[Claim]) -> list[Claim]:
    """Keep, for each claim, only the days on which claims disagree."""
    per_day: dict[str, set[str]] = defaultdict(set)
    for claim in group:
        for day, hours in claim.parts:
            per_day[day].add(hours)
    conflict = {day for day, values in per_day.items() if len(values) > 1}
    out = []
    for claim in group:
        parts = tuple((d, h) for d, h in claim.parts if d in conflict)
        if parts:
            out.append(_replace_value(claim, render_hours(parts)))
    return out


def _replace_value(claim: Claim, value: str) -> Claim:
    return Claim(
        claim.statement,
        claim.kind,
        value,
        claim.unit,
        claim.role,
        claim.scope,
        claim.rule,
        claim.obj,
        claim.quote,
        claim.surface,
        claim.parts,
        claim.from_question,
        claim.sentence_key,
        claim.span,
    )


def render_hours(parts: tuple[tuple[str, str], ...]) -> str:
    """'Mon-Fri 09:00-17:00; Sun closed' from per-day parts (runs of equal days folded)."""
    if parts and parts[0][0] == "*":
        return parts[0][1]
    ordered = sorted(parts, key=lambda p: DAYS.index(p[0]) if p[0] in DAYS else 7)
    chunks: list[str] = []
    i = 0
    while i < len(ordered):
        j = i
        while (
            j + 1 < len(ordered)
            and ordered[j + 1][1] == ordered[i][1]
            and ordered[j + 1][0] in DAYS
            and ordered[j][0] in DAYS
            and DAYS.index(ordered[j + 1][0]) == DAYS.index(ordered[j][0]) + 1
        ):
            j += 1
        first, last = _DAY_LABEL.get(ordered[i][0], ordered[i][0]), _DAY_LABEL.get(ordered[j][0], ordered[j][0])
        days = first if i == j else f"{first}-{last}"
        chunks.append(f"{days} {ordered[i][1]}")
        i = j + 1
    return "; ".join(chunks)


def display_value(claim: Claim) -> str:
    """The value as a report prints it, with its threshold role where it has one."""
    prefix = {"min": "at least ", "max": "at most "}.get(claim.role, "") if claim.kind in ("money",) else ""
    return prefix + claim.value


def _finding(group: list[Claim], confidence: float, subject: str | None, unit_mismatch: bool = False) -> Finding:
    rule = group[0].rule
    seen: set[tuple[str, str, str]] = set()
    claims: list[Claim] = []
    for claim in sorted(group, key=_side_order):
        ident = (claim.statement.location.display(), claim.value, claim.quote)
        if ident not in seen:
            seen.add(ident)
            claims.append(claim)
    channels: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for claim in claims:
        channels[claim.value].add(claim.statement.channel)
        counts[claim.value] += 1
    ranked = sorted(channels, key=lambda v: (-len(channels[v]), -counts[v], v))
    expected = ""
    if len(ranked) > 1 and (len(channels[ranked[0]]), counts[ranked[0]]) > (
        len(channels[ranked[1]]),
        counts[ranked[1]],
    ):
        expected = ranked[0]
    claims.sort(key=lambda c: (ranked.index(c.value), _side_order(c)))
    what = subject_title(group, subject)
    by_value = "; ".join(
        f"{display_value(next(c for c in claims if c.value == v))} ({', '.join(sorted(channels[v]))})" for v in ranked
    )
    if unit_mismatch:
        code, name, severity = UNIT_MISMATCH.code, UNIT_MISMATCH.name, UNIT_MISMATCH.severity
        message = (
            f"The {what} is given in business days in one place and calendar days in another: {by_value}. "
            "These cannot be compared; state one unit everywhere."
        )
    elif rule is not None:
        code, name, severity = rule.code, rule.name, rule.severity
        message = f"Channels disagree on the {what}: {by_value}."
    else:
        code, name, severity = VALUE_CONFLICT.code, VALUE_CONFLICT.name, VALUE_CONFLICT.severity
        message = f"Closely matching statements give different values: {by_value}."
    conf = confidence * (0.85 if any(c.from_question for c in claims) else 1.0)
    sides = tuple(Side(c.statement.location, c.statement.channel, c.quote, c.value) for c in claims)
    extra = tuple((f"highlight:{i}", c.surface) for i, c in enumerate(claims))
    return Finding(code, name, severity, message, what, sides, round(conf, 2), expected, extra)


def _side_order(claim: Claim) -> tuple[str, int, str]:
    loc = claim.statement.location
    return (loc.path, loc.line or 0, loc.pointer or "")
