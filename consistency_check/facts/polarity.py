"""Whether a phrase is negated in its clause ("we do not accept returns", "non-refundable").

A phrase is negated when a negator stands up to five words before it in the
same clause: not, n't, never, no, cannot, can't, won't, unable to, nor,
no longer, or when the phrase is (or is prefixed by) "non-"; a clause opening on "no" before a noun
("no outside food or drink is permitted") denies its predicate at any distance. Clauses end at
; . , : ! ? and at but, although, though, however, whereas, while, unless,
except, yet. Comparative qualifiers are not negation ("no more than", "not
less than", "no later than", "not only"). "expire never." — the phrase
followed by "never" at the end of its clause — is negated too.
"""

from __future__ import annotations

import re

_WINDOW_WORDS = 5
_BOUNDARY_RE = re.compile(
    r"[;.,:!?\n]|\b(?:but|although|though|however|whereas|while|unless|except|yet)\b", re.IGNORECASE
)
_WORD_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
_NEGATORS = frozenset({"not", "never", "no", "cannot", "nor", "neither", "none", "nothing", "nobody"})
_NOT_NEGATION_NEXT = frozenset({"only", "more", "less", "later", "fewer", "sooner", "earlier", "longer", "matter"})
_AFTER_RE = re.compile(r"\s+never\s*(?:[;.,:!?\n]|$)", re.IGNORECASE)
#: "no-show", "no-cost": a compound, not a negator.
_NO_COMPOUND_RE = re.compile(r"\bno[-\u2011](?=[a-z])", re.IGNORECASE)
#: A clause opening on "no" before a noun ("No outside food ...", not "No-show fees ...", not "No, ...").
_CLAUSE_NO_RE = re.compile(r"\W*no\s+[a-z]", re.IGNORECASE)


def _clause_start(text: str, start: int) -> int:
    """Where the clause holding ``start`` begins."""
    lo = max(0, start - 200)
    last = lo
    for m in _BOUNDARY_RE.finditer(text, lo, start):
        last = m.end()
    return last


def _is_negator(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` negates what follows it (``words`` lowercased, in order)."""
    w = words[i].replace("’", "'")
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if w.endswith("n't"):
        return True
    if w == "unable":
        return nxt == "to"
    if w == "no" and nxt == "longer":
        return True
    if w in ("no", "not") and nxt in _NOT_NEGATION_NEXT:
        return False
    return w in _NEGATORS


def is_negated(text: str, start: int, end: int) -> bool:
    """True when the phrase ``text[start:end]`` is negated in its clause (see the module docstring)."""
    start, end = max(0, start), min(len(text), end)
    phrase = text[start:end].lower()
    if (
        phrase.startswith("non-")
        or phrase.startswith("non\u2011")
        or text[max(0, start - 4) : start].lower() in ("non-", "non\u2011")
    ):
        return True
    clause = _clause_start(text, start)
    before = [w.lower() for w in _WORD_RE.findall(_NO_COMPOUND_RE.sub(" ", text[clause:start]))]
    words = before + [w.lower() for w in _WORD_RE.findall(text[start:end])]
    if any(_is_negator(words, i) for i in range(max(0, len(before) - _WINDOW_WORDS), len(before))):
        return True
    if before and _is_negator(words, 0) and _CLAUSE_NO_RE.match(text, clause):
        return True  # "no outside food or drink is permitted": "no" opening the clause denies its predicate
    return bool(_AFTER_RE.match(text, end))


__all__ = ["is_negated"]
