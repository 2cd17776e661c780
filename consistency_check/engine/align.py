"""Rule-less alignment: statements that say the same thing once their values are masked.

Each unmatched fact gets a key: the words around it in its clause, with
every value replaced by a placeholder and the fact itself by ``<x>``.
Candidate pairs share one of the two rarest words of their keys (blocking,
so the cost grows with the corpus, not with its square); they are scored
with rapidfuzz and joined when they score at or above the threshold.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from consistency_check.engine.claims import Claim
from consistency_check.engine.compare import group_findings, locale_key, role_class
from consistency_check.engine.text import clauses, span_containing
from consistency_check.model import Finding

THRESHOLD = 90.0
WINDOW = 7
MIN_WORDS = 3
GENERIC_CONFIDENCE = 0.6
STOPWORDS = frozenset(
    "a an the and or of to in on at for by with is are be been was were will would can could may might must shall should "
    "do does did our your you we us it its this that these those their they i my me as if so than then there here from "
    "not no never n't dont don't cannot can't won't isn't aren't doesn't also just only all any each every up".split()
)
_WORD = re.compile(r"<[a-z]+>|[a-z0-9][a-z0-9']*")
# Contact details and links come in lists (one per department or page); without a rule naming the subject they are not compared.
SKIP_KINDS = frozenset({"yesno", "url", "email", "phone"})


def claim_key(claim: Claim) -> str:
    """The masked words around a claim's value (empty when too few words to align safely)."""
    stmt = claim.statement
    text = stmt.text
    target = None
    for fact in stmt.facts:
        if fact.text == claim.surface and fact.value == claim.value and fact.kind == claim.kind:
            target = fact
            break
    if target is None:
        return ""
    start = text.find(claim.quote)
    if start < 0:
        return ""
    clause = span_containing(clauses(text, start, start + len(claim.quote)), target.span[0])
    pieces = []
    pos = clause[0]
    for fact in stmt.facts:
        if fact.span[0] < clause[0] or fact.span[1] > clause[1]:
            continue
        pieces.append(text[pos : fact.span[0]].lower())
        pieces.append(" <x> " if fact is target else f" <{fact.kind}> ")
        pos = fact.span[1]
    pieces.append(text[pos : clause[1]].lower())
    words = [w for w in _WORD.findall("".join(pieces)) if w not in STOPWORDS]
    if "<x>" not in words:
        return ""
    i = words.index("<x>")
    window = words[max(0, i - WINDOW) : i + WINDOW + 1]
    content = [w for w in window if not w.startswith("<") and not w[0].isdigit()]
    if len(content) < MIN_WORDS:
        return ""
    return " ".join(window)


def generic_findings(claims: list[Claim]) -> list[Finding]:
    """Findings for clusters of closely matching unmatched claims that disagree."""
    keyed = [(c, k) for c in claims if c.kind not in SKIP_KINDS and (k := claim_key(c))]
    if len(keyed) < 2:
        return []
    df: Counter[str] = Counter()
    token_lists = []
    for _, key in keyed:
        toks = sorted({t for t in key.split() if not t.startswith("<") and t != "|"})
        token_lists.append(toks)
        df.update(toks)
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, toks in enumerate(token_lists):
        for tok in sorted(toks, key=lambda t: (df[t], t))[:2]:
            buckets[tok].append(i)
    parent = list(range(len(keyed)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    compat = [_compat(c) for c, _ in keyed]
    numbers = [frozenset(t for t in k.split() if t[0].isdigit()) for _, k in keyed]
    for members in buckets.values():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                ca, cb = keyed[a][0], keyed[b][0]
                if compat[a] != compat[b] or ca.value == cb.value and find(a) == find(b):
                    continue
                if ca.statement is cb.statement and ca.quote == cb.quote:
                    continue
                if numbers[a] != numbers[b]:
                    continue
                if fuzz.ratio(keyed[a][1], keyed[b][1]) >= THRESHOLD:
                    parent[find(a)] = find(b)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(keyed)):
        clusters[find(i)].append(i)
    findings: list[Finding] = []
    for members in clusters.values():
        group = [keyed[i][0] for i in members]
        if len(members) < 2 or len({c.value for c in group}) < 2:
            continue
        subject = _subject_words(keyed[members[0]][1])
        findings.extend(group_findings(group, GENERIC_CONFIDENCE, subject=subject))
    return findings


def _compat(claim: Claim) -> tuple[str, str, str, str]:
    unit = "" if claim.kind == "duration" else claim.unit
    return (claim.kind, unit, role_class(claim.kind, claim.role), locale_key(claim.statement.locale))


def _subject_words(key: str) -> str:
    words = [w for w in key.split() if not w.startswith("<") and w != "|"]
    return " ".join(words[:8])
