"""Small pieces shared by the extractors: dashes, threshold qualifiers, guards, nouns.

Threshold qualifiers ("up to", "at least", "or more") are written once here so
that every kind reads them alike; each extractor picks the lists it needs.
"""

from __future__ import annotations

import re

from consistency_check.model import Fact

DASH = r"[-\u2010\u2011\u2012\u2013\u2014\u2212]"
"""Regex fragment: any hyphen or dash a writer may use in a range ("5-7", "5–7", "5—7")."""

MAX_BEFORE = (
    r"up\s+to|no\s+more\s+than|not\s+more\s+than|at\s+(?:the\s+)?most|"
    r"(?:a\s+)?(?:maximum|max\.?)(?:\s+of)?|less\s+than|fewer\s+than|limited\s+to|(?:a\s+)?limit(?:\s+of)?"
)
"""Regex fragment: qualifiers before a number that make it an upper bound."""

MIN_BEFORE = (
    r"at\s+(?:the\s+)?least|(?:a\s+)?(?:minimum|min\.?)(?:\s+of)?|more\s+than|no\s+less\s+than|"
    r"not\s+less\s+than|no\s+fewer\s+than"
)
"""Regex fragment: qualifiers before a number that make it a lower bound."""

_SPREAD = re.compile(
    r"\b(?:spread|split|divided|spaced|staggered|paid|pay|payable|repaid|repay|repayable|billed|charged)"
    r"(?:\s+(?:out|up|it|them|the|rest|balance|remainder|cost|fee|payments?|evenly|equally)){0,3}\s+$"
)


def spread_over(low: str, qualifier: str | None, start: int) -> bool:
    """Whether a qualifier "over" at ``start`` of ``low`` spreads something across the number rather than bounds it:
    "spread the rest over three monthly instalments", "paid over 12 months" (not "over 50 guests")."""
    return qualifier == "over" and _SPREAD.search(low, max(0, start - 60), start) is not None


MAX_AFTER = r"or\s+(?:less|fewer|under|below|lower|sooner)|at\s+(?:the\s+)?most|maximum|max\b\.?"
"""Regex fragment: qualifiers after a quantity that make it an upper bound."""

MIN_AFTER = r"or\s+(?:more|greater|higher|above|over|longer|older|later)|at\s+(?:the\s+)?least|minimum"
"""Regex fragment: qualifiers after a quantity that make it a lower bound."""

PERSON_NOUNS: frozenset[str] = frozenset(
    "person persons people passenger passengers pax customer customers guest guests traveler travelers traveller "
    "travellers individual individuals head".split()
)
"""Ways of saying "each person" after "per": "$99 per passenger", "$119 per person" and "5 bags per pax" count alike."""

GUARD_WORDS: frozenset[str] = frozenset(
    {
        "step",
        "press",
        "option",
        "dial",
        "ext",
        "extension",
        "no",
        "number",
        "page",
        "section",
        "chapter",
        "version",
        "model",
        "room",
        "gate",
        "aisle",
        "level",
        "floor",
        "suite",
        "unit",
        "apt",
        "sku",
        "ref",
        "reference",
        "code",
        "line",
        "iphone",
        "galaxy",
        "pixel",
        "series",
        "gen",
        "generation",
        "windows",
        "ios",
        "android",
        "route",
        "highway",
        "exit",
        "pin",
        "size",
        "top",
        "usb",
        "type",
        "class",
        "grade",
        "vol",
        "volume",
        "phase",
        "stage",
        "round",
        "rank",
        "question",
        "item",
        "box",
        "form",
        "part",
        "appendix",
        "article",
        "rule",
        "clause",
        "schedule",
    }
)
"""Words after which a number is a label, not a quantity ("Step 2", "Press 1", "iPhone 15")."""


def prev_word(text: str, start: int) -> str:
    """The word just before ``start`` (lowercase), skipping spaces, a '#' and an abbreviation dot."""
    j = start - 1
    while j >= 0 and (text[j].isspace() or text[j] == "#"):
        j -= 1
    if j >= 0 and text[j] == ".":
        j -= 1
    k = j
    while k >= 0 and text[k].isascii() and text[k].isalpha():
        k -= 1
    return text[k + 1 : j + 1].lower()


def is_label_number(text: str, start: int) -> bool:
    """Whether the number at ``start`` is a label ("Step 2", "Press 1", "No. 5") rather than a quantity."""
    return prev_word(text, start) in GUARD_WORDS


def threshold_role(is_max: bool, is_min: bool) -> str:
    """``max``/``min`` from the qualifiers seen; contradictory or no qualifiers give ``""``."""
    if is_max and not is_min:
        return "max"
    if is_min and not is_max:
        return "min"
    return ""


_IRREGULAR = {
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "series": "series",
    "species": "species",
    "lenses": "lens",
    "buses": "bus",
}
_PLURALS = {v: k for k, v in _IRREGULAR.items()}


def singular(noun: str) -> str:
    """A lowercase English noun in the singular ("items" → "item", "boxes" → "box", "people" → "person")."""
    w = noun.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 3 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def plural(noun: str) -> str:
    """The plural of a lowercase singular noun, the inverse of :func:`singular` for regular nouns."""
    if noun in _PLURALS:
        return _PLURALS[noun]
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def make_fact(
    kind: str,
    value: str,
    text: str,
    start: int,
    end: int,
    unit: str = "",
    role: str = "",
    parts: tuple[tuple[str, str], ...] = (),
) -> Fact:
    """A :class:`Fact` whose ``text`` is exactly ``text[start:end]``."""
    return Fact(kind, value, text[start:end], (start, end), unit, role, parts)


def fold(text: str) -> str:
    """``text`` lowercased with every offset kept (characters whose lowercase is longer stay as they are).

    Extractors match their lowercase patterns against the folded text, which is
    several times faster than case-insensitive matching, and read case from the
    original text where it matters (month names, ISO codes, time zones).
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


#: Regex fragment: a verb telling that a value moved ("went up", "rose", "increased", "dropped", "changes").
CHANGE_VERB = (
    r"(?:went|go|goes|going|gone|rose|rise|rises|rising|risen|jump\w*|climb\w*|increas\w*|decreas\w*|"
    r"dropp?\w*|fell|fall|falls|falling|reduc\w*|rais\w*|lower\w*|cut|chang\w*|mov\w*)"
)

__all__ = [
    "CHANGE_VERB",
    "DASH",
    "GUARD_WORDS",
    "MAX_AFTER",
    "MAX_BEFORE",
    "MIN_AFTER",
    "MIN_BEFORE",
    "fold",
    "is_label_number",
    "make_fact",
    "plural",
    "prev_word",
    "singular",
    "threshold_role",
]
