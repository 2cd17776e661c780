"""Which content talks about the campaign, and what it says of codes, exclusions and eligibility.

A statement is about the campaign when its question, title or section names
it (by name, alias or code): then every sentence is campaign content.
Otherwise only the sentences that name it are. Claims are kept when their
sentence is campaign content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from consistency_check.campaign.brief import Brief
from consistency_check.engine.claims import Claim, claims_of
from consistency_check.engine.text import sentences
from consistency_check.model import Statement
from consistency_check.rules import LazyPattern, RuleSet, phrase_pattern

_CODE = re.compile(
    r"\b(?i:promo(?:tion(?:al)?)?\s+code|discount\s+code|coupon(?:\s+code)?|voucher(?:\s+code)?|code)\s*[:\-]?\s*"
    r"[\"'“‘`*]*([A-Z0-9][A-Z0-9_-]{2,})\b"
)
_EXCLUDED = re.compile(
    r"\b(?:except|excluding|excludes?|excluded|exclusions?|not\s+(?:valid|included|eligible|apply|applicable|on)|"
    r"doesn't|does\s+not|don't|do\s+not|isn't|aren't|cannot|can't|never|other\s+than|no\s+discount)\b",
    re.IGNORECASE,
)
_INCLUDED_BEFORE = re.compile(
    r"\b(?:including|includes|include|even|also\s+on|as\s+well\s+as|valid\s+on|applies\s+to|apply\s+to|plus|and\s+also)\b[^.;:]{0,40}$",
    re.IGNORECASE,
)
_INCLUDED_AFTER = re.compile(
    r"^\s*(?:items\s+)?(?:are|is)\s+(?:also\s+)?(?:included|eligible|discounted|part\s+of)", re.IGNORECASE
)
_ELIGIBILITY = re.compile(
    r"\b(?:eligible|eligibility|everyone|every\s+customer|all\s+customers|any\s+customer|anyone|members?\s+only|"
    r"open\s+to|available\s+to|valid\s+for|no\s+membership|membership\s+(?:is\s+)?(?:not\s+)?(?:needed|required)|"
    r"new\s+customers|first\s+order|members?)\b",
    re.IGNORECASE,
)


@dataclass
class Mention:
    """Campaign content of one statement: the sentences about the campaign and their claims."""

    statement: Statement
    sentences: list[str]
    claims: list[Claim] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The campaign sentences joined."""
        return " ".join(self.sentences)


def name_pattern(brief: Brief) -> LazyPattern:
    """Matches the campaign's name, aliases or code, case-insensitively, hyphens and spaces alike."""
    pattern = phrase_pattern(list(brief.names))
    assert pattern is not None
    return pattern


def mentions(statements: Iterable[Statement], brief: Brief, ruleset: RuleSet, whole: bool = False) -> list[Mention]:
    """The campaign content of ``statements`` (all of it when ``whole``, as for the brief's own text)."""
    names = name_pattern(brief)
    out = []
    for stmt in statements:
        if stmt.dynamic or not stmt.text:
            continue
        spans = sentences(stmt.text) or [(0, len(stmt.text))]
        all_sentences = [stmt.text[a:b] for a, b in spans]
        header = " ".join(x for x in (stmt.question, stmt.condition) if x).replace("_", " ")
        chosen = all_sentences if whole or names.search(header) else [s for s in all_sentences if names.search(s)]
        if not chosen:
            continue
        keep = set(chosen)
        claims = [c for c in claims_of(stmt, ruleset) if c.quote in keep]
        out.append(Mention(stmt, chosen, claims))
    return out


def codes_in(text: str) -> list[tuple[str, int]]:
    """Promo codes a text gives ('use code GEARFEST'), with their offsets."""
    return [(m.group(1), m.start(1)) for m in _CODE.finditer(text)]


def phrases_for(item: str, ruleset: RuleSet) -> LazyPattern:
    """A pattern for an exclusion or offer item: its words, plus the phrases of a scope value it names."""
    phrases = [item]
    for dim in ruleset.dimensions.values():
        for _, value in dim.find(item):
            if value:
                phrases += [p for p, v in dim.lookup.items() if v == value]
    pattern = phrase_pattern(phrases)
    assert pattern is not None
    return pattern


def exclusion_said(sentence: str, pattern: LazyPattern) -> str:
    """How a sentence treats an excluded item: ``excluded``, ``included``, ``mentioned`` (no cue) or ``''`` (absent)."""
    verdict = ""
    for m in pattern.finditer(sentence):
        if _EXCLUDED.search(sentence):
            return "excluded"
        if _INCLUDED_BEFORE.search(sentence[: m.start()]) or _INCLUDED_AFTER.match(sentence[m.end() :]):
            verdict = "included"
        else:
            verdict = verdict or "mentioned"
    return verdict


def says_eligibility(text: str) -> bool:
    """Whether campaign content says who can use the offer."""
    return bool(_ELIGIBILITY.search(text))
