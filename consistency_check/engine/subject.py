"""What a value is about, in the words of its own statement.

Two pieces of evidence, both computed from the corpus itself, never from a
list of known sentences:

* **Subject terms**: the content words of the clause that states the value
  (other values of the same kind take the words on their side), stemmed, with
  function words and the words every value of that kind comes with ("fee",
  "takes", "days") left out, plus the words of the question it answers (the
  word-level machinery is in :mod:`consistency_check.engine.words`).
* **Names**: capitalised words that name a product, plan or programme
  ("Everyday Checking", "Premier Savings", "Insider"). A word counts as a
  name when the corpus writes it capitalised in the middle of a sentence;
  the organisation's own brand (a name found in a large share of the
  statements) is dropped. Two values stated for differently named things are
  never compared: "Premier Savings earns 4.25%" and "Standard Savings earns
  0.50%" are different subjects.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar, cast

from consistency_check.engine.address import ADDRESS_KINDS, address_words, kin_pairs, statement_words
from consistency_check.engine.claims import Claim
from consistency_check.engine.text import clauses, span_containing, value_segment
from consistency_check.engine.words import CAP_RUN, OBJECT_VERBS, WORD, stem, terms, word_sequence
from consistency_check.model import Statement

_CAP = re.compile(r"(?<![\w'’-])([A-Z][a-z]+(?:[A-Z][a-z]+)?)(?![\w'’])")
# Where a capital says nothing: a sentence's start, a cell's, a heading's in a path ("Scripts / New booking").
_SENTENCE_START = re.compile(r"(?:^|[.!?:;|\n\"“(•*#>-]|\s/)[\s\"“'‘*_>#-]*$")
_PROGRAMME = re.compile(
    r"\b([A-Z][a-z]+)(?:\s+(?:Club|Rewards|Program|Programme|Plus))?\s+(?:members?|membership|cardholders?|cardmembers?|status)\b"
)

_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun weekday weekdays weekend
    weekends
    january february march april may june july august september october november december jan feb mar apr jun jul aug
    sep sept oct nov dec
    i say ask tell yes no please note tip am pm et ct mt pt est cst mst pst edt cdt mdt pdt utc gmt
    the a an our your we you if for and or but to in on at of with this that these those it its they there here when
    what how why
    who which where can do does is are will may must should would could all any each every most some no not""".split()
)

BRAND_SHARE = 0.08

#: What :func:`partition_by_names` partitions: claims, or anything standing for them (only their names count).
Named = TypeVar("Named")


@lru_cache(maxsize=1 << 17)
def name_key(word: str) -> str:
    """How a name is compared: lower case, without a possessive or plural 's' ('Insiders' = 'Insider')."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


def _title_case(words: list[str]) -> bool:
    """Whether a text of these ``words`` is written in title case: most of them capitalised."""
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _case_words(text: str) -> tuple[list[str], list[str], list[str]]:
    """Programme names, words written in lower case, and words capitalised mid-sentence, of one text."""
    words = WORD.findall(text)
    if _title_case(words):
        return [], [], []
    tiers = [name_key(m.group(1)) for m in _PROGRAMME.finditer(text)]
    lower = [name_key(word) for word in words if word.islower()]
    capital = []
    for m in _CAP.finditer(text):
        if _SENTENCE_START.search(text, max(0, m.start() - 12), m.start()) or m.start() == 0:
            continue
        key = name_key(m.group(1))
        if key not in _NOT_NAMES and len(key) > 1:
            capital.append(key)
    return tiers, lower, capital


@dataclass(frozen=True)
class Lexicon:
    """Names learned from a corpus, with the brand names dropped."""

    names: frozenset[str]
    #: Names of membership programmes ("Insider membership", "Perks members"): a tier qualifier.
    tiers: frozenset[str] = frozenset()
    #: Every word the corpus capitalises mid-sentence at least once (names or not).
    capitalised: frozenset[str] = frozenset()

    @classmethod
    def learn(cls, statements: Iterable[Statement]) -> Lexicon:
        """Words the corpus capitalises mid-sentence more often than it writes them in lower case.

        Names found in a large share of the statements (the organisation's brand) are dropped.
        """
        counts = LexiconCounts()
        counts.add(statements)
        return counts.lexicon()

    def names_in(self, text: str, *, any_case: bool = False) -> frozenset[str]:
        """The names in ``text``, each as the run of words that writes it ("standard saving").

        A run of capitalised words holding a known name is a name as a whole
        ("Standard Savings" next to "Premier Savings"). With ``any_case``
        (lower-case intent names) runs of known names are matched in any case.
        """
        if not self.names or not text:
            return frozenset()
        out: set[str] = set()
        if any_case:
            run: list[str] = []
            for m in WORD.finditer(text + " ."):
                key = name_key(m.group(0))
                if key in self.names:
                    run.append(key)
                    continue
                if run:
                    out.add(" ".join(run))
                    run = []
            if run:
                out.add(" ".join(run))
            return frozenset(out)
        for m in CAP_RUN.finditer(text):
            keys = [name_key(w) for w in m.group(0).split()]
            if keys[0] not in self.capitalised and (
                m.start() == 0 or _SENTENCE_START.search(text, max(0, m.start() - 12), m.start())
            ):
                keys = keys[1:]  # a sentence's first word is capitalised anyway
            if any(k in self.names for k in keys):
                kept = [k for k in keys if k not in _NOT_NAMES and len(k) > 1]
                if kept:
                    out.add(" ".join(kept))
        return frozenset(out)


@dataclass
class LexiconCounts:
    """What :meth:`Lexicon.learn` counts, which adds up over statements and subtracts again.

    A full run counts the whole corpus (in parts across processes: :meth:`add_counts`); the
    changed-file path keeps the counts in its index and takes edited files out (``sign`` -1)
    and in again.
    """

    capital: Counter[str] = field(default_factory=Counter)
    lower: Counter[str] = field(default_factory=Counter)
    per_statement: Counter[str] = field(default_factory=Counter)
    tiers: Counter[str] = field(default_factory=Counter)
    total: int = 0

    def add(self, statements: Iterable[Statement], sign: int = 1) -> None:
        """Count ``statements`` in (``sign`` 1) or out (-1)."""
        seen: dict[str, tuple[list[str], list[str], list[str]]] = {}  # questions and answers repeat
        for stmt in statements:
            self.total += sign
            found: set[str] = set()
            for text in (stmt.text, stmt.question):
                if not text:
                    continue
                words = seen.get(text)
                if words is None:
                    words = seen[text] = _case_words(text)
                for counter, some in zip((self.tiers, self.lower, self.capital), words, strict=True):
                    if sign > 0:
                        counter.update(some)
                    else:
                        counter.subtract(some)
                found.update(words[2])
            if sign > 0:
                self.per_statement.update(found)
            else:
                self.per_statement.subtract(found)

    def add_counts(self, other: LexiconCounts) -> None:
        """Count in what ``other`` counted (statements counted apart, in another process)."""
        for mine, theirs in (
            (self.capital, other.capital),
            (self.lower, other.lower),
            (self.per_statement, other.per_statement),
            (self.tiers, other.tiers),
        ):
            for word, n in theirs.items():
                mine[word] += n
        self.total += other.total

    def lexicon(self) -> Lexicon:
        """The names these counts give."""
        total = self.total
        names = {
            w
            for w, n in self.capital.items()
            if n > 0 and self.lower[w] <= n and not (total >= 20 and self.per_statement[w] > BRAND_SHARE * total)
        }
        tiers = frozenset(w for w, n in self.tiers.items() if n > 0 and w in names)
        return Lexicon(frozenset(names), tiers, frozenset(w for w, n in self.capital.items() if n > 0))

    def to_json(self) -> dict[str, Any]:
        return {
            "capital": _positive(self.capital),
            "lower": _positive(self.lower),
            "per": _positive(self.per_statement),
            "tiers": _positive(self.tiers),
            "total": self.total,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LexiconCounts:
        return cls(
            Counter(data["capital"]),
            Counter(data["lower"]),
            Counter(data["per"]),
            Counter(data["tiers"]),
            int(data["total"]),
        )


def _positive(counter: Mapping[str, int]) -> dict[str, int]:
    return {k: v for k, v in counter.items() if v > 0}


def names_of(claim: Claim, lexicon: Lexicon) -> frozenset[str]:
    """Names in the claim's sentence (its own words when the sentence states several such values) and question."""
    stmt = claim.statement
    question = stmt.question or ""
    lower_q = question == question.lower()
    same_kind = sum(1 for f in stmt.facts if f.kind == claim.kind and claim.quote.find(f.text) >= 0)
    text = own_words(claim) if claim.kind != "yesno" and same_kind > 1 else claim.quote
    # A name inside the value itself is what it counts ("6 Skylark Miles for every $1"), not another subject.
    inside = lexicon.names_in(claim.surface) if claim.kind in ("rate", "count") else frozenset()
    return (lexicon.names_in(text) - inside) | lexicon.names_in(question, any_case=lower_q)


def names_memo(lexicon: Lexicon) -> Callable[[Claim], frozenset[str]]:
    """:func:`names_of` over ``lexicon``, worked out once per value.

    Names depend on the sentence, the value's place in it and the question; the key holds the
    statement's identity (statements outlive the memo, claims may not).
    """
    memo: dict[tuple[int, str, tuple[int, int]], frozenset[str]] = {}

    def names(claim: Claim) -> frozenset[str]:
        key = (id(claim.statement), claim.quote, claim.span)
        found = memo.get(key)
        if found is None:
            found = memo[key] = names_of(claim, lexicon)
        return found

    return names


def name_tokens(names: frozenset[str]) -> frozenset[str]:
    """The single words of a set of names."""
    return frozenset(word for name in names for word in name.split())


def own_words(claim: Claim, *, with_value: bool = False) -> str:
    """The words of the clause that belong to this value.

    Other values of the same kind in the clause split it: words between two
    values go to the nearer one, or are split at a conjunction ("a balance of
    $1,000 or direct deposits of $500"). With ``with_value`` the value's
    own text stays in place (for qualifiers written inside it: "5 fabric swatches").
    """
    stmt = claim.statement
    text = stmt.text
    start, end = claim.span
    sent = text.find(claim.quote)
    if sent < 0 or end <= start:
        return claim.quote
    clause = span_containing(clauses(text, sent, sent + len(claim.quote)), start)
    lo, hi = value_segment(text, stmt.facts, claim.span, claim.kind, clause)
    if with_value:
        return text[lo:hi]
    return text[lo:start] + " " + text[end:hi]


@dataclass(frozen=True)
class SubjectIndex:
    """Term weights (inverse document frequency over claims) for comparing subject terms."""

    idf: dict[str, float]

    @classmethod
    def build(cls, term_sets: list[frozenset[str]]) -> SubjectIndex:
        """IDF of every term over ``term_sets``."""
        n, df = term_counts(term_sets)
        return cls.from_counts(df, n)

    @classmethod
    def from_counts(cls, df: Mapping[str, int], n: int, wanted: Iterable[str] | None = None) -> SubjectIndex:
        """The index of ``n`` term sets in which each term occurs ``df[term]`` times (only ``wanted`` terms, if given).

        The counts add up over term sets: the changed-file path keeps them and builds the index from them.
        """
        total = max(1, n)
        keys = df if wanted is None else wanted
        return cls({t: math.log(1 + total / df[t]) for t in keys if df.get(t, 0) > 0})

    def weight(self, ts: Iterable[str]) -> float:
        """Total weight of a term set."""
        return sum(self.idf.get(t, 0.0) for t in ts)

    def similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted overlap of two term sets relative to the smaller one (0..1)."""
        small = min(self.weight(a), self.weight(b))
        if small <= 0:
            return 0.0
        return self.weight(a & b) / small

    def jaccard(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted Jaccard of two term sets (0..1)."""
        union = self.weight(a | b)
        return self.weight(a & b) / union if union else 0.0


def names_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two values are about differently named things.

    Both must name something, and no name of one is a name of the other, or
    the end of it ("Cedar Ridge Everyday Checking" is "Everyday Checking";
    "Unlimited Plus" is not "Unlimited").
    """
    if not a or not b:
        return False
    for x in a:
        for y in b:
            if x == y or x.endswith(" " + y) or y.endswith(" " + x):
                return False
    return True


def _without_containers(
    group: list[Named], names: Callable[[Named], frozenset[str]], row: str = ""
) -> Callable[[Named], frozenset[str]]:
    """``names`` without the names that hold differently named things: "Harborview Rewards" is named next
    to "Gold" in one claim and next to "Platinum" in another, so it is the programme both tiers belong
    to and tells neither apart from the other, nor from the programme's base values. The table ``row`` the
    group was joined to ("Platinum | 20%") names what every value is about: its name holds nothing."""
    companions: dict[str, list[frozenset[str]]] = {}
    for claim in group:
        key = names(claim)
        if len(key) > 1:
            for x in key:
                companions.setdefault(x, []).append(key - {x})
    label = frozenset(name_key(w) for w in WORD.findall(row))
    containers = frozenset(
        x
        for x, others in companions.items()
        if not frozenset(x.split()) <= label
        and any(names_conflict(p, q) for i, p in enumerate(others) for q in others[i + 1 :])
    )
    if not containers:
        return names
    return lambda claim: names(claim) - containers


def group_row(key: tuple[object, ...]) -> str:
    """The table row label in a rule-group key (see :func:`.compare.joined_key`), or ``""``."""
    scope = cast(tuple[tuple[str, str], ...], key[2])
    return next((v for d, v in scope if d == "row"), "")


def partition_by_names(
    group: list[Named], names: Callable[[Named], frozenset[str]], row: str = ""
) -> list[list[Named]]:
    """Split a group of comparable claims so that differently named things are never compared.

    Claims naming the same things (or a part of them) stay together; claims
    naming nothing join the one named part when there is exactly one, and
    stay apart when several named things compete for them.
    """
    names = _without_containers(group, names, row)
    parts: list[list[Named]] = []
    unnamed: list[Named] = []
    # A claim joins the first part whose names do not conflict with its own (see names_conflict):
    # a part holding one of its names, a name ending in one of them, or a name one of them ends in.
    # Only the first such part matters: keep, for each name, the first part holding it (or a name ending in it).
    holding: dict[str, int] = {}  # name -> first part holding it
    ending: dict[str, int] = {}  # x -> first part holding a name that ends in " x"
    none = len(group)
    for claim in sorted(group, key=lambda c: -len(names(c))):
        key = names(claim)
        if not key:
            unnamed.append(claim)
            continue
        part = none
        for x in key:
            part = min(
                part, holding.get(x, none), ending.get(x, none), *(holding.get(tail, none) for tail in _word_tails(x))
            )
        if part < none:
            parts[part].append(claim)
        else:
            part = len(parts)
            parts.append([claim])
        for y in key:
            if holding.get(y, none) > part:
                holding[y] = part
            for tail in _word_tails(y):
                if ending.get(tail, none) > part:
                    ending[tail] = part
    if len(parts) == 1:
        parts[0].extend(unnamed)
    elif unnamed:
        parts.append(unnamed)
    return parts


def _word_tails(name: str) -> list[str]:
    """Every ``t`` with ``name.endswith(" " + t)``."""
    return [name[i + 1 :] for i, ch in enumerate(name) if ch == " "]


def split_by_terms(group: list[Claim], common: frozenset[str] = frozenset()) -> list[list[Claim]]:
    """Split a rule group whose members talk about different objects.

    Members are linked when their subject terms (own words and question,
    without the rule's own phrases and without the corpus's most ``common``
    terms) share a word, or when one of them has no words of its own to tell
    it apart; the connected parts are compared separately ("checkbooks
    arrive in 14 days" and "replacement cards arrive in 7-10 business days").
    """
    if len(group) < 2:
        return [group]
    rule = group[0].rule
    phrases = rule.phrases if rule is not None else None
    # The group's scope is every member's: "member" in "Members earn 5 miles" tells no member apart.
    scoped = frozenset(t for _, value in group[0].scope for t in terms(value, group[0].kind))

    def words(text: str, kind: str) -> frozenset[str]:
        if phrases is not None:
            text = phrases.sub(" ", text)
        return frozenset(t for t in terms(text, kind) if t not in common and t not in scoped)

    own = [words(own_words(c), c.kind) for c in group]
    if group[0].kind in ADDRESS_KINDS:
        # A mailbox or page is named for what it is for ("Email bagclaims@…" has words of its own).
        own = [o | (address_words(c.value, c.kind)[1] - common) for o, c in zip(own, group, strict=True)]
    full = [o | words(c.statement.question, c.kind) for o, c in zip(own, group, strict=True)]
    parts = _Parts(len(group))
    first_with: dict[str, int] = {}
    hub: int | None = None
    for i in range(len(group)):
        if own[i]:
            for term in full[i]:
                j = first_with.setdefault(term, i)
                parts.join(i, j)
    for i in range(len(group)):
        if own[i]:
            continue
        # No words of its own: its question places it ("How much can I save by bundling?"); with no
        # question word any other member uses, nothing tells it apart: it may be about any of them.
        linked = [first_with[t] for t in full[i] if t in first_with]
        if linked:
            for j in linked:
                parts.join(i, j)
        else:
            hub = i if hub is None else hub
            parts.join(i, hub)
    if group[0].kind in ADDRESS_KINDS:
        _join_kin(group, parts)
    if hub is not None:
        for i in range(len(group)):
            parts.join(i, hub)
    return parts.of(group)


def _join_kin(group: list[Claim], parts: _Parts) -> None:
    """Two addresses named for the same thing are about it whatever else their sentences say."""
    contexts = [statement_words(own_words(c, with_value=True) + " . " + c.statement.question, c.kind) for c in group]
    for i, j in kin_pairs([c.value for c in group], contexts, group[0].kind):
        parts.join(i, j)


class _Parts:
    """Connected parts of ``n`` things joined pairwise (union-find)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)

    def of(self, things: list[Claim]) -> list[list[Claim]]:
        """``things`` in their parts, each part in the order of its things, parts in order of their first thing."""
        parts: dict[int, list[Claim]] = {}
        for i, thing in enumerate(things):
            parts.setdefault(self.find(i), []).append(thing)
        return list(parts.values())


def term_counts(term_sets: Iterable[frozenset[str]]) -> tuple[int, Counter[str]]:
    """How many term sets there are, and in how many each term occurs (they add up over term sets)."""
    df: Counter[str] = Counter()
    n = 0
    for ts in term_sets:
        n += 1
        df.update(ts)
    return n, df


def common_terms(claims: Iterable[Claim], share: float = 0.05, minimum: int = 5) -> frozenset[str]:
    """Terms in more than ``share`` of the claims (and at least ``minimum``): too common to tell subjects apart."""
    n, df = term_counts(common_contribution(claim) for claim in claims)
    return common_from(df, n, share, minimum)


def common_contribution(claim: Claim) -> frozenset[str]:
    """The terms ``claim`` counts for in :func:`common_terms`."""
    return frozenset(terms(own_words(claim), claim.kind)) | frozenset(terms(claim.statement.question, claim.kind))


def common_from(df: Mapping[str, int], n: int, share: float = 0.05, minimum: int = 5) -> frozenset[str]:
    """:func:`common_terms` from its counts over ``n`` claims (they add up over claims)."""
    return frozenset(t for t, c in df.items() if c >= minimum and c > share * n)


#: Adverbs that follow an amount without naming what it is ("$100 off", "$5 back", "2 hours more"); a verb
#: after it ("a fee of $75 applies") says what the amount does, not what it is either.
_PARTICLES = frozenset(stem(w) for w in "off back more less extra up down out over early late later earlier".split())


def head_words(claim: Claim) -> frozenset[str]:
    """The words right after a value, up to the first function word: what it is a number of ("$300 bonus")."""
    text = claim.statement.text
    out: list[str] = []
    for word in word_sequence(text[claim.span[1] : claim.span[1] + 60], claim.kind):
        if word is None or word in _PARTICLES or word in OBJECT_VERBS or len(out) == 3:
            break
        out.append(word)
    return frozenset(out)


_LABEL_NUMBER = re.compile(r"(?<![\w$€£.,:/-])\d+[a-z]?(?![\w.,%:/-])")


_YEAR = re.compile(r"^(?:19|20)\d\d$")


def labels_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Label numbers (see :func:`label_numbers`) name the same things.

    A year names a period: two different years disagree, but a year on one
    side only ("Appliance rebates 2027" / "Which rebates are available?")
    dates the statement, it does not name another thing.
    """
    years_a = {n for n in a if _YEAR.match(n)}
    years_b = {n for n in b if _YEAR.match(n)}
    if a - years_a != b - years_b:
        return False
    return not (years_a and years_b) or years_a == years_b


_ORDINAL_WORDS = {
    w: i for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), start=1)
}
_ORDINAL = re.compile(
    r"\b(?:(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|(\d{1,2})(?:st|nd|rd|th))\b",
    re.IGNORECASE,
)


def _ordinals_in(text: str) -> frozenset[int]:
    return frozenset(
        _ORDINAL_WORDS[m.group(1).lower()] if m.group(1) else int(m.group(2)) for m in _ORDINAL.finditer(text)
    )


def ordinals(claim: Claim) -> frozenset[int]:
    """Which items in a series the claim is about ("first checked bag", "2nd bag"): ordinals of its own words,
    else of its sentence ("Your first bag is $35 online, or $40 at the airport")."""
    return _ordinals_in(own_words(claim, with_value=True)) or _ordinals_in(claim.quote)


def label_numbers(claim: Claim) -> frozenset[str]:
    """Numbers outside every value in a claim's own words and question ("Level 2", "question 24")."""
    text = claim.statement.text
    spans = [f.span for f in claim.statement.facts]
    out = set()
    start = text.find(claim.quote)
    region = own_words(claim) if claim.kind != "yesno" else claim.quote
    for m in _LABEL_NUMBER.finditer(region):
        pos = text.find(m.group(0), max(0, start))
        if pos >= 0 and any(a <= pos < b for a, b in spans):
            continue
        out.add(m.group(0).lower())
    for m in _LABEL_NUMBER.finditer(claim.statement.question or ""):
        out.add(m.group(0).lower())
    return frozenset(out)
