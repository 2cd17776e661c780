"""Rule-less alignment: values about the same subject, found by their own words.

A value no rule claims is compared with others of the same kind when their
subject terms (see :mod:`consistency_check.engine.subject`) mostly coincide,
their names are the same, and no scope qualifier tells them apart. Candidate
pairs share one of the three rarest terms of each value (blocking, so the
cost grows with the corpus, not with its square); pairs are then scored
with weighted overlaps and joined into groups that are compared as a rule
group would be, at lower confidence.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable

from consistency_check.engine.claims import Claim
from consistency_check.engine.compare import group_findings, locale_key, role_class
from consistency_check.engine.subject import SubjectIndex, contrasting, names_conflict, own_words, terms
from consistency_check.model import Finding
from consistency_check.rules import RuleSet

GENERIC_CONFIDENCE = 0.6
#: Weighted overlap relative to the smaller term set, and weighted Jaccard, a pair must reach.
MIN_OVERLAP = 0.5
MIN_JACCARD = 0.25
#: Overlap at which the smaller term set counts as contained in the other.
CONTAINED = 0.99
#: Terms shared by more claims than this are too common to block on.
MAX_BUCKET = 400
BLOCK_TERMS = 3
# Contact details and links come in lists (one per department or page); without a rule naming the subject they are not compared.
SKIP_KINDS = frozenset({"yesno", "url", "email", "phone"})


def generic_findings(
    claims: list[Claim],
    ruleset: RuleSet,
    names: Callable[[Claim], frozenset[str]] = lambda c: frozenset(),
    tiers: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Findings for groups of unmatched claims about the same subject that disagree."""
    items: list[tuple[Claim, frozenset[str], frozenset[str], tuple[object, ...]]] = []
    for claim in claims:
        if claim.kind in SKIP_KINDS:
            continue
        entry = _entry(claim, ruleset, names, tiers)
        if entry is None:
            continue
        own, full, key = entry
        items.append((claim, own, full, key))
    if len(items) < 2:
        return []
    index = SubjectIndex.build([full for _, _, full, _ in items])
    df: Counter[str] = Counter(t for _, _, full, _ in items for t in full)
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, full, _) in enumerate(items):
        for term in sorted(full, key=lambda t: (df[t], t))[:BLOCK_TERMS]:
            buckets[term].append(i)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in buckets.values():
        if len(members) > MAX_BUCKET:
            continue
        for pos, a in enumerate(members):
            for b in members[pos + 1 :]:
                if find(a) == find(b):
                    continue
                ca, own_a, full_a, key_a = items[a]
                cb, own_b, full_b, key_b = items[b]
                if key_a != key_b or (ca.statement is cb.statement and ca.quote == cb.quote):
                    continue
                if not (own_a & full_b) or not (own_b & full_a) or names_conflict(names(ca), names(cb)):
                    continue
                if index.similarity(full_a, full_b) < MIN_OVERLAP or index.jaccard(full_a, full_b) < MIN_JACCARD:
                    continue
                if contrasting(_context(ca), _context(cb), ca.kind):
                    continue
                parent[find(a)] = find(b)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        clusters[find(i)].append(i)
    findings: list[Finding] = []
    for members in clusters.values():
        group = [items[i][0] for i in members]
        if len(members) < 2 or len({c.value for c in group}) < 2:
            continue
        findings.extend(group_findings(group, GENERIC_CONFIDENCE, subject=_subject_words([items[i][1] for i in members], index)))
    return findings


def _entry(
    claim: Claim, ruleset: RuleSet, names: Callable[[Claim], frozenset[str]], tiers: frozenset[str]
) -> tuple[frozenset[str], frozenset[str], tuple[object, ...]] | None:
    """A claim's own terms, its terms with the question's, and what a partner must share exactly.

    A statement too short to have words of its own ("The charge is $129 per
    order.") borrows the words of the question it answers.
    """
    own_text = own_words(claim)
    question = frozenset(terms(claim.statement.question, claim.kind))
    own = frozenset(terms(own_text, claim.kind)) or question
    if not own:
        return None
    key = (_compat(claim), _scope(own_text + " " + claim.statement.question, ruleset, bool(names(claim) & tiers)))
    return own, own | question, key


def _context(claim: Claim) -> str:
    return own_words(claim) + " . " + claim.statement.question


def adopt_rules(
    claims: list[Claim],
    ruleset: RuleSet,
    names: Callable[[Claim], frozenset[str]] = lambda c: frozenset(),
    tiers: frozenset[str] = frozenset(),
) -> list[Claim]:
    """Give an unmatched value the rule of a matched one it closely aligns with.

    "A replacement debit card takes 5-7 business days by mail" names no
    delivery phrase, but it says what "Replacement debit cards arrive in
    7-10 business days" says about the same thing: it joins that rule's
    group (with that claim's scope) and is compared there.
    """
    entries = []
    for i, claim in enumerate(claims):
        if claim.kind == "yesno":
            continue
        entry = _entry(claim, ruleset, names, tiers)
        if entry is None:
            continue
        own, full, key = entry
        entries.append((i, claim, own, full, key))
    if not entries:
        return claims
    index = SubjectIndex.build([e[3] for e in entries])
    df: Counter[str] = Counter(t for e in entries for t in e[3])
    anchors: dict[str, list[int]] = defaultdict(list)
    for pos, (_, claim, _, full, _) in enumerate(entries):
        if claim.rule is not None:
            for term in full:
                anchors[term].append(pos)
    out = list(claims)
    for i, claim, own, full, key in entries:
        if claim.rule is not None:
            continue
        best: tuple[float, int] | None = None
        for term in sorted(full, key=lambda t: (df[t], t))[:BLOCK_TERMS]:
            for pos in anchors.get(term, ())[:MAX_BUCKET]:
                _, other, own_o, full_o, key_o = entries[pos]
                if key_o != key or not (own & full_o) or not (own_o & full) or names_conflict(names(claim), names(other)):
                    continue
                sim, jac = index.similarity(full, full_o), index.jaccard(full, full_o)
                # A short statement whose words all recur in a matched one ("Delivery is free on orders over $75")
                # says the same thing with less context.
                if sim < MIN_OVERLAP or (jac < MIN_JACCARD and sim < CONTAINED):
                    continue
                if contrasting(_context(claim), _context(other), claim.kind):
                    continue
                if best is None or jac > best[0]:
                    best = (jac, pos)
        if best is not None:
            anchor = entries[best[1]][1]
            out[i] = dataclasses.replace(claim, rule=anchor.rule, scope=anchor.scope)
    return out


def _compat(claim: Claim) -> tuple[str, str, str, str]:
    unit = "" if claim.kind == "duration" else claim.unit
    return (claim.kind, unit, role_class(claim.kind, claim.role), locale_key(claim.statement.locale))


def _scope(text: str, ruleset: RuleSet, programme: bool) -> tuple[tuple[str, str], ...]:
    """Every scope qualifier in the value's own words and question (any dimension)."""
    out = []
    for name in sorted(ruleset.dimensions):
        if name == "cutoff":
            continue
        values = sorted({v for _, v in ruleset.dimensions[name].find(text) if v})
        if name == "tier" and programme and not values:
            values = ["member"]
        if values:
            out.append((name, ",".join(values)))
    return tuple(out)


def _subject_words(term_sets: list[frozenset[str]], index: SubjectIndex) -> str:
    """A short name for a group: the terms most of its members share, rarest first."""
    counts: Counter[str] = Counter(t for ts in term_sets for t in ts)
    shared = [t for t, n in counts.items() if n * 2 > len(term_sets)] or list(counts)
    shared.sort(key=lambda t: (-index.idf.get(t, 0.0), t))
    return " ".join(shared[:4])


def scope_of_text(text: str, ruleset: RuleSet) -> tuple[tuple[str, str], ...]:
    """Every scope qualifier in ``text`` (any dimension but the cut-off)."""
    return _scope(text, ruleset, False)
