"""From statements to claims: each fact given a subject (a rule) and a scope.

A claim says "this place states VALUE for SUBJECT in SCOPE". The subject of a
fact comes from its own words: the rule phrase closest to the value in the
same clause (phrases inside a modifier such as "for returned items" or an
anchor such as "of delivery" count less), then the rest of the sentence,
then the question the statement answers. Scope qualifiers come from the
clause, then the question and the statement's condition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consistency_check.engine.text import clauses, comma_parts, sentences, span_containing, value_segment
from consistency_check.facts.polarity import is_negated
from consistency_check.model import Fact, Statement
from consistency_check.rules import Rule, RuleSet, ScopeDimension

# A phrase right after "of", "from", "after", "before"... is the anchor a duration counts from (or back
# from: "up to 48 hours before arrival"), never its subject.
#: The words that introduce the point a duration counts from or back from.
ANCHOR_WORDS = r"(?:of|from|after|since|following|upon|once|before|prior\s+to|ahead\s+of)"
_ANCHOR = re.compile(rf"\b{ANCHOR_WORDS}\s+(?:(?!to\b|and\b|or\b)[\w']+\s+){{0,3}}$", re.IGNORECASE)
_MODIFIER = re.compile(
    r"\b(?:for|of|on|with|about|regarding|than)\s+(?:(?:a|an|the|your|our|any|all|their)\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
_LIST_JOIN = re.compile(r"\s(?:and|&|or)\s|,")
_CONDITION_OPENING = re.compile(r"\W*(?:if|when|once|as long as|provided)\s", re.IGNORECASE)
_MAIN_CLAUSE = re.compile(
    r",\s+(?:then\s+)?(?:we|you|they|it|we'll|we’ll|you'll|you’ll|it'll|it’ll|there)\b", re.IGNORECASE
)
_PATH_SEP = " / "  # a script's heading path: "OUR HOURS / Cancelling or changing / Flexible rate"
# A sentence opening with a pronoun or with "the line", "the team", "the office" … goes on about the one before.
_PRONOUN_START = re.compile(
    r"^(?:they|it|this|these|those|that|such|(?:the|this|that)\s+(?:line|number|team|office|desk|service|center|centre)s?)\b",
    re.IGNORECASE,
)
_NOT_BEFORE = re.compile(r"\b(?:not|no|nor|except|excluding)\s+(?:\w+\s+){0,1}$", re.IGNORECASE)

#: Sentences that illustrate rather than state: their values are examples.
EXAMPLE = re.compile(r"\b(?:for example|for instance|example:|e\.g\.|such as the example)", re.IGNORECASE)

Scope = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Claim:
    """One located statement of a value about a subject."""

    statement: Statement
    kind: str
    value: str
    unit: str
    role: str
    scope: Scope
    rule: Rule | None
    obj: str
    quote: str
    surface: str
    parts: tuple[tuple[str, str], ...]
    from_question: bool
    sentence_key: str = ""
    #: Character span of the value (or yes/no predicate) in the statement text.
    span: tuple[int, int] = (0, 0)


def sentence_facts(claim: Claim) -> list[Fact] | None:
    """The facts of the claim's kind stated in its sentence (its own among them); ``None``: the sentence is not
    found."""
    start = claim.statement.text.find(claim.quote)
    if start < 0:
        return None
    end = start + len(claim.quote)
    return [f for f in claim.statement.facts if f.kind == claim.kind and start <= f.span[0] < end]


def claims_of(stmt: Statement, ruleset: RuleSet, *, yes_no: bool = True) -> list[Claim]:
    """All claims a statement makes: rule-matched facts, yes/no claims, and unmatched facts (rule ``None``).

    Without ``yes_no``, the yes/no claims of the rules are not looked for (the linkage engine finds its own,
    :mod:`~consistency_check.engine.proposition`; only the classic engine and policies use these).
    """
    if stmt.dynamic or not stmt.text:
        return []
    text = stmt.text
    out: list[Claim] = []
    sent_spans = sentences(text) or [(0, len(text))]
    header = _PATH_SEP.join(x for x in (stmt.condition, stmt.question) if x)  # innermost last
    row = row_label(text)
    for idx, (s0, s1) in enumerate(sent_spans):
        if EXAMPLE.search(text, s0, s1):
            continue  # "For example, if your birthday is May 3, 2005": an illustration, not a policy
        clause_spans = clauses(text, s0, s1)
        prev = sent_spans[idx - 1] if idx and _PRONOUN_START.match(text[s0:s1]) else None
        quote = text[s0:s1]
        for fact in stmt.facts:
            if not s0 <= fact.span[0] < s1:
                continue
            rule, from_q = _subject_of(fact, text, (s0, s1), clause_spans, stmt, ruleset)
            clause = span_containing(clause_spans, fact.span[0])
            scope = (
                _scope_of(
                    rule,
                    _scope_text(stmt, fact, clause),
                    clause,
                    fact.span[0],
                    header,
                    prev,
                    ruleset,
                    _free_spans(stmt, clause_spans, fact),
                    text,
                )
                if rule
                else ()
            )
            if row and rule:
                scope = scope + (("row", row),)
            out.append(
                Claim(
                    stmt,
                    fact.kind,
                    fact.value,
                    fact.unit,
                    fact.role,
                    scope,
                    rule,
                    "",
                    quote,
                    fact.text,
                    fact.parts,
                    from_q,
                    span=fact.span,
                )
            )
        for rule in ruleset.rules if yes_no else ():
            if rule.fact == "yesno":
                out.extend(_yesno_claims(rule, stmt, text, (s0, s1), clause_spans, header, prev, ruleset))
    return out


def _subject_of(
    fact: Fact, text: str, sent: tuple[int, int], clause_spans: list[tuple[int, int]], stmt: Statement, ruleset: RuleSet
) -> tuple[Rule | None, bool]:
    clause = span_containing(clause_spans, fact.span[0])
    rule = _subject_in_sentence(fact, text, sent, clause, stmt, ruleset)
    if rule is not None:
        return rule, False
    # Fall back to the question the statement answers.
    rule = _subject_in_question(fact, text, clause, stmt, ruleset)
    return (rule, True) if rule is not None else (None, False)


def _subject_in_sentence(
    fact: Fact, text: str, sent: tuple[int, int], clause: tuple[int, int], stmt: Statement, ruleset: RuleSet
) -> Rule | None:
    """The rule whose phrase in the sentence is closest to the fact (same part, then clause, then sentence)."""
    best: tuple[tuple[int, int, int, int, int], Rule] | None = None
    part = span_containing(comma_parts(text, *clause), fact.span[0])
    # "If you cancel … within 30 days of its start date, we'll refund the full premium": a value in an
    # opening condition is about what the condition says; the main clause after it is another matter.
    main = _MAIN_CLAUSE.search(text, fact.span[1], sent[1]) if _CONDITION_OPENING.match(text, sent[0]) else None
    for rule in ruleset.rules:
        if rule.fact != fact.kind or rule.phrases is None or not rule.accepts_role(fact.role):
            continue
        if rule.units and fact.unit not in rule.units:
            continue
        if rule.context and not (rule.context.search(text) or rule.context.search(stmt.question)):
            continue
        if rule.exclude and rule.exclude.search(text, *clause):
            continue
        for m in rule.phrases.finditer(text, *sent):
            if main is not None and m.start() >= main.start():
                continue
            score = _phrase_score(m, fact, text, sent, part, clause, rule)
            if score is not None and (best is None or score < best[0]):
                best = (score, rule)
    return best[1] if best is not None else None


def _phrase_score(
    m: re.Match[str],
    fact: Fact,
    text: str,
    sent: tuple[int, int],
    part: tuple[int, int],
    clause: tuple[int, int],
    rule: Rule,
) -> tuple[int, int, int, int, int] | None:
    """How close the phrase ``m`` is to the fact, lower is closer (``None``: it cannot be the fact's subject)."""
    if m.start() < fact.span[1] and m.end() > fact.span[0]:
        dist, after = 0, 0
    elif m.end() <= fact.span[0]:
        dist, after = fact.span[0] - m.end(), 0
    else:
        dist, after = m.start() - fact.span[1], 1
    if after and _ANCHOR.search(text, max(sent[0], m.start() - 40), m.start()):
        return None
    tier = 0 if part[0] <= m.start() < part[1] else 1 if clause[0] <= m.start() < clause[1] else 2
    if tier == 2 and after:
        return None
    penalty = 1 if _MODIFIER.search(text, max(sent[0], m.start() - 30), m.start()) else 0
    return (tier, penalty, dist + 4 * after, -rule.priority, -(m.end() - m.start()))


def _subject_in_question(
    fact: Fact, text: str, clause: tuple[int, int], stmt: Statement, ruleset: RuleSet
) -> Rule | None:
    """The rule whose phrase in the question the statement answers is the highest priority and longest."""
    q_best: tuple[tuple[int, int], Rule] | None = None
    for rule in ruleset.rules:
        if rule.fact != fact.kind or rule.phrases is None or not rule.accepts_role(fact.role):
            continue
        if rule.units and fact.unit not in rule.units:
            continue
        if rule.exclude and (rule.exclude.search(stmt.question) or rule.exclude.search(text, *clause)):
            continue
        m = rule.phrases.search(stmt.question)
        score = (-rule.priority, -(m.end() - m.start())) if m else None
        if score is not None and (q_best is None or score < q_best[0]):
            q_best = (score, rule)
    return q_best[1] if q_best is not None else None


def _scope_of(
    rule: Rule,
    text: str,
    clause: tuple[int, int],
    anchor: int,
    header: str,
    prev: tuple[int, int] | None,
    ruleset: RuleSet,
    free: tuple[tuple[int, int], ...] | list[tuple[int, int]] = (),
    whole: str = "",
) -> Scope:
    scope: list[tuple[str, str]] = []
    for dim_name in rule.scopes:
        dim = ruleset.dimensions[dim_name]
        hits = dim.find(text[clause[0] : clause[1]])
        named = sorted({v for _, v in hits if v})
        if dim_name == "category" and named and prev:
            # "Pairing renters with auto? That bundle saves 10% on the auto policy": the sentence the
            # pronoun points back to names the rest of what it is about.
            named = sorted(set(named) | {v for _, v in dim.find(text[prev[0] : prev[1]]) if v})
        if dim_name == "category" and len(named) > 1:
            value = "+".join(named)  # "outdoor furniture" is neither all furniture nor all outdoor goods
        elif hits:
            value = min(hits, key=lambda h: abs(clause[0] + h[0] - anchor))[1]
            # "Book by September 7 for stays through September 30": a qualifier right before the value
            # is what it is about, whichever value the words between them were given to.
            adjacent = _adjacent(dim, whole, clause[0], anchor) if whole else None
            if adjacent is not None:
                value = adjacent
        else:
            found = [h for span in free for h in dim.find(text[span[0] : span[1]])]
            if not found and header:
                found = _header_scope(dim, header)
            found = found or (dim.find(text[prev[0] : prev[1]]) if prev else [])
            value = found[0][1] if found else ""
        if value:
            scope.append((dim_name, value))
    return tuple(scope)


def _adjacent(dim: ScopeDimension, text: str, start: int, anchor: int) -> str | None:
    """The qualifier of ``dim`` written right before the value at ``anchor`` (``None``: none is)."""
    window = text[max(start, anchor - 40) : anchor].rstrip()
    last = None
    for m in dim.pattern.finditer(window):
        last = m
    return dim.value_of(last.group(0)) if last is not None and last.end() == len(window) else None


def _header_scope(dim: ScopeDimension, header: str) -> list[tuple[int, str]]:
    """The qualifiers of ``dim`` a heading names, innermost heading of a path ("Cancelling or changing /
    Flexible rate") first.

    A heading that lists topics ("store hours and holiday closures") scopes none of them, unless the
    join is inside the qualifier itself ("lost or stolen").
    """
    for part in reversed(header.split(_PATH_SEP)):
        inside = [(m.start(), m.end()) for m in dim.pattern.finditer(part)]
        if not inside:
            continue
        joins = [j.start() for j in _LIST_JOIN.finditer(part)]
        return dim.find(part) if all(any(a <= j < b for a, b in inside) for j in joins) else []
    return []


def _scope_text(stmt: Statement, fact: Fact, clause: tuple[int, int]) -> str:
    """The statement's text with the other values' parts of the clause blanked: where this value's qualifiers may be.

    "Cardholders earn 3 points per $1 on groceries and 1 point per $1 on
    everything else": "cardholders", before the first value, is said of
    both; "groceries" only of the first. Offsets are unchanged.
    """
    text = stmt.text
    lo, hi = value_segment(text, stmt.facts, fact.span, fact.kind, clause)
    if (lo, hi) == clause:
        return text
    first = min(
        (f.span[0] for f in stmt.facts if f.kind == fact.kind and clause[0] <= f.span[0] < clause[1]), default=lo
    )
    keep_to = min(first, lo)
    return text[:keep_to] + " " * (lo - keep_to) + text[lo:hi] + " " * (clause[1] - hi) + text[clause[1] :]


_CELL_SEP = " | "


def row_label(text: str) -> str:
    """A table row (cells joined by ' | ') describes one item: its first cell is part of its scope."""
    if _CELL_SEP not in text:
        return ""
    return re.sub(r"\s+", " ", text.split(_CELL_SEP, 1)[0].strip().lower())


def _free_spans(stmt: Statement, clause_spans: list[tuple[int, int]], fact: Fact | None) -> list[tuple[int, int]]:
    """Other clauses of the sentence that state no value of the same kind (their qualifiers may apply)."""
    out = []
    for span in clause_spans:
        if fact is not None and span[0] <= fact.span[0] < span[1]:
            continue
        if fact is not None and any(f.kind == fact.kind and span[0] <= f.span[0] < span[1] for f in stmt.facts):
            continue
        out.append(span)
    return out


def _yesno_claims(
    rule: Rule,
    stmt: Statement,
    text: str,
    sent: tuple[int, int],
    clause_spans: list[tuple[int, int]],
    header: str,
    prev: tuple[int, int] | None,
    ruleset: RuleSet,
) -> list[Claim]:
    if rule.context and not (rule.context.search(text) or rule.context.search(stmt.question)):
        return []
    quote = text[sent[0] : sent[1]]
    preds = [(m.start(), m.end(), False) for m in rule.phrases.finditer(text, *sent)] if rule.phrases else []
    if rule.negative:
        preds += [(m.start(), m.end(), True) for m in rule.negative.finditer(text, *sent)]
    if not preds:
        return []
    out = []
    objects = (
        [(m.start(), m.end(), m.group(0).lower()) for m in rule.objects.finditer(text, *sent)] if rule.objects else []
    )
    if rule.objects and not objects:
        return []
    targets = objects or [(preds[0][0], preds[0][1], "")]
    for o0, o1, obj in targets:
        p0, p1, neg_phrase = min(preds, key=lambda p: abs(p[0] - o0))
        yes = not neg_phrase
        if is_negated(text, p0, p1):
            yes = not yes
        if obj and _NOT_BEFORE.search(text, max(sent[0], o0 - 20), o0) and not is_negated(text, p0, p1):
            yes = False
        clause = span_containing(clause_spans, o0)
        others = [
            c for c in clause_spans if not c[0] <= o0 < c[1] and not any(q[0] >= c[0] and q[0] < c[1] for q in preds)
        ]
        scope = _scope_of(rule, text, clause, o0, header, prev, ruleset, others)
        surface = text[min(p0, o0) : max(p1, o1)]
        out.append(
            Claim(
                stmt,
                "yesno",
                "yes" if yes else "no",
                "",
                "",
                scope,
                rule,
                _canon_object(obj),
                quote,
                surface,
                (),
                False,
                span=(min(p0, o0), max(p1, o1)),
            )
        )
    return out


_OBJECT_ALIASES = {
    "amex": "american express",
    "cheques": "checks",
    "personal checks": "checks",
    "uk": "united kingdom",
    "p.o. boxes": "po boxes",
}


def _canon_object(obj: str) -> str:
    obj = re.sub(r"\s+", " ", obj.strip().lower())
    return _OBJECT_ALIASES.get(obj, obj)


#: A claim without its statement and with its rule as an index into ``RuleSet.rules``: what crosses
#: from a process that read a file to the one that compares (see :func:`pack_claims`). The fields:
#: kind, value, unit, role, scope, rule index (-1: none), obj, quote, surface, parts, from_question,
#: sentence_key, span.
PackedClaim = tuple[
    str, str, str, str, Scope, int, str, str, str, tuple[tuple[str, str], ...], bool, str, tuple[int, int]
]


def pack_claims(claims: list[Claim], ruleset: RuleSet) -> list[PackedClaim]:
    """``claims`` (of one statement) as plain tuples, cheap to send to another process."""
    index = {id(rule): i for i, rule in enumerate(ruleset.rules)}
    return [
        (
            c.kind,
            c.value,
            c.unit,
            c.role,
            c.scope,
            index[id(c.rule)] if c.rule is not None else -1,
            c.obj,
            c.quote,
            c.surface,
            c.parts,
            c.from_question,
            c.sentence_key,
            c.span,
        )
        for c in claims
    ]


def unpack_claims(packed: list[PackedClaim], stmt: Statement, ruleset: RuleSet) -> list[Claim]:
    """The claims :func:`pack_claims` packed, about ``stmt`` and with the rules of ``ruleset`` (the same rules,
    in order)."""
    rules = ruleset.rules
    return [
        Claim(
            stmt,
            kind,
            value,
            unit,
            role,
            scope,
            rules[r] if r >= 0 else None,
            obj,
            quote,
            surface,
            parts,
            from_q,
            key,
            span,
        )
        for kind, value, unit, role, scope, r, obj, quote, surface, parts, from_q, key, span in packed
    ]
