"""What a value is about, in the words of its own statement.

Two pieces of evidence, both computed from the corpus itself, never from a
list of known sentences:

* **Subject terms**: the content words of the clause that states the value
  (other values of the same kind take the words on their side), stemmed, with
  function words and the words every value of that kind comes with ("fee",
  "takes", "days") left out, plus the words of the question it answers.
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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from consistency_check.engine.claims import Claim
from consistency_check.engine.text import clauses, span_containing, value_segment
from consistency_check.model import Statement

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
_CAP = re.compile(r"(?<![\w'’-])([A-Z][a-z]+(?:[A-Z][a-z]+)?)(?![\w'’])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;|\n\"“(•*#>-])[\s\"“'‘*_>#-]*$")
_CAP_RUN = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[ \t]+[A-Z][a-z]+(?:[A-Z][a-z]+)?)*(?![\w'’])")
_PROGRAMME = re.compile(
    r"\b([A-Z][a-z]+)(?:\s+(?:Club|Rewards|Program|Programme|Plus))?\s+(?:members?|membership|cardholders?|cardmembers?|status)\b"
)

STOPWORDS = frozenset(
    """a an the and or of to in on at for by with from into onto over under about as is are be been being was were
    will would can could may might must shall should do does did done doing has have had having get gets got getting
    our your you we us it its this that these those their they them i my me he she his her if so than then there here
    not no never nor dont don't cannot can't won't isn't aren't doesn't didn't also just only all any each every up
    what which who whom whose when where why how per via after before until till within between both either neither
    more most less least much many some such other another same own very too again once while until say says said
    please yes okay ok sure one just new now currently right also usually typically normally generally about around
    approximately roughly up time times sorry unfortunately afraid good great news happy glad i'm im yet but however
    still even two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty
    ninety hundred thousand outside inside across through throughout during without except along beyond toward
    towards upon among against beside beneath current latest estimated expected updated actual exact approximate
    we're we'll we've you're you'll you've they're they'll it's there's that's here's let's i'll i've we’re we’ll
    we’ve you’re you’ll you’ve they’re it’s there’s that’s let’s ask asks asked asking tell tells told""".split()
)
# (The last words say how up to date or how sure a statement is, not what it is about: "current outages",
# "estimated restoration times".)

#: Words that come with every value of a kind and so say nothing about which subject it is.
KIND_WORDS: dict[str, frozenset[str]] = {
    "money": frozenset("fee fees cost costs charge charges charged price prices priced pay pays paid amount dollar dollars usd free".split()),
    "duration": frozenset("take takes taking took day days week weeks month months year years hour hours minute minutes business calendar long".split()),
    "percent": frozenset("percent percentage".split()),
    "count": frozenset("number".split()),
    "rate": frozenset("point points dollar dollars spend spent every".split()),
    "hours": frozenset("open opens closed close closes hour hours available availability".split()),
    "date": frozenset("date dates".split()),
    "url": frozenset("visit go online site website page link http https www at".split()),
    # "Call us any time, day or night, at …": how and when to call says nothing about which line it is.
    "phone": frozenset("call calls calling phone telephone number dial reach day night anytime time hour hours open available".split()),
    "email": frozenset("email emails e-mail mail send write address inbox".split()),
}

_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun weekday weekdays weekend weekends
    january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    i say ask tell yes no please note tip am pm et ct mt pt est cst mst pst edt cdt mdt pdt utc gmt
    the a an our your we you if for and or but to in on at of with this that these those it its they there here when what how why
    who which where can do does is are will may must should would could all any each every most some no not""".split()
)

BRAND_SHARE = 0.08


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A light English stemmer: enough to equate 'fees'/'fee', 'charged'/'charge', 'waived'/'waive'.

    Suffixes are stripped and a final 'e' dropped, so every form of a word
    lands on the same stem ("price", "prices", "pricing", "priced": "pric").
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("ing"):
        w = w[:-3]
        w = w[:-1] if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz" else w
    elif len(w) > 4 and w.endswith("ied"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("ed") and not w.endswith("eed"):
        w = w[:-2]
        w = w[:-1] if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz" else w
    elif len(w) > 4 and (w.endswith("ches") or w.endswith("shes") or w.endswith("sses") or w.endswith("xes") or w.endswith("zes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss") and not w.endswith("us") and not w.endswith("is"):
        w = w[:-1]
    if len(w) > 2 and w.endswith("e") and not w.endswith("ee"):
        w = w[:-1]
    return w


@lru_cache(maxsize=1 << 17)
def name_key(word: str) -> str:
    """How a name is compared: lower case, without a possessive or plural 's' ('Insiders' = 'Insider')."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    return w


def _title_case(text: str) -> bool:
    words = _WORD.findall(text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _case_words(text: str) -> tuple[list[str], list[str], list[str]]:
    """Programme names, words written in lower case, and words capitalised mid-sentence, of one text."""
    if _title_case(text):
        return [], [], []
    tiers = [name_key(m.group(1)) for m in _PROGRAMME.finditer(text)]
    lower = [name_key(word) for word in _WORD.findall(text) if word.islower()]
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
        capital: Counter[str] = Counter()
        lower: Counter[str] = Counter()
        per_statement: Counter[str] = Counter()
        tiers: set[str] = set()
        total = 0
        seen: dict[str, tuple[list[str], list[str], list[str]]] = {}  # questions and answers repeat
        for stmt in statements:
            total += 1
            found: set[str] = set()
            for text in (stmt.text, stmt.question):
                if not text:
                    continue
                words = seen.get(text)
                if words is None:
                    words = seen[text] = _case_words(text)
                tiers.update(words[0])
                lower.update(words[1])
                capital.update(words[2])
                found.update(words[2])
            per_statement.update(found)
        names = {
            w for w, n in capital.items()
            if lower[w] <= n and not (total >= 20 and per_statement[w] > BRAND_SHARE * total)
        }
        return cls(frozenset(names), frozenset(w for w in tiers if w in names), frozenset(capital))

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
            for m in _WORD.finditer(text + " ."):
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
        for m in _CAP_RUN.finditer(text):
            keys = [name_key(w) for w in m.group(0).split()]
            if keys[0] not in self.capitalised and (m.start() == 0 or _SENTENCE_START.search(text, max(0, m.start() - 12), m.start())):
                keys = keys[1:]  # a sentence's first word is capitalised anyway
            if any(k in self.names for k in keys):
                kept = [k for k in keys if k not in _NOT_NAMES and len(k) > 1]
                if kept:
                    out.add(" ".join(kept))
        return frozenset(out)


def names_of(claim: Claim, lexicon: Lexicon) -> frozenset[str]:
    """Names in the claim's sentence (its own words when the sentence states several such values) and question."""
    stmt = claim.statement
    question = stmt.question or ""
    lower_q = question == question.lower()
    same_kind = sum(1 for f in stmt.facts if f.kind == claim.kind and claim.quote.find(f.text) >= 0)
    text = own_words(claim) if claim.kind != "yesno" and same_kind > 1 else claim.quote
    return lexicon.names_in(text) | lexicon.names_in(question, any_case=lower_q)


def name_tokens(names: frozenset[str]) -> frozenset[str]:
    """The single words of a set of names."""
    return frozenset(word for name in names for word in name.split())


_SPEAKER_PREFIX = re.compile(
    r"^\W*(?:(?:the|a|an)\s+)?(?:customer|member|caller|guest|client|shopper|user|visitor|patient|cardholder)s?\s+"
    r"(?:asks?|asking|wants?|needs?|says?|calls?|is asking|would like|requests?|reports?|received|comes in|walks in)"
    r"(?:\s+(?:about|for|to|if|whether|how|what|when|why))?\b",
    re.IGNORECASE,
)


#: Words of headings that name the kind of document or how up to date it is, not its subject
#: ("Rates quick reference", "Current rates", "Unlock policy", "Handling unlock requests").
_HEADING_WORDS = frozenset(
    stem(w)
    for w in """quick reference overview guide faq faqs policy policies procedure procedures process script scripts tip tips
    note notes handling handle request requests question questions information info detail details summary basics
    lookup tool tools troubleshooting what expect""".split()
)


def question_terms(question: str, kind: str) -> list[str]:
    """Terms of a question or heading, without a script's speaker ("Member asks about ...") or document words ("quick reference")."""
    return [t for t in terms(_SPEAKER_PREFIX.sub(" ", question or ""), kind) if t not in _HEADING_WORDS]


def terms(text: str, kind: str) -> list[str]:
    """Stemmed content words of ``text`` for a value of ``kind``."""
    return list(_terms(text, kind))


@lru_cache(maxsize=1 << 16)
def _terms(text: str, kind: str) -> tuple[str, ...]:
    # The same questions and clauses are looked at again and again (by rule groups, alignment, yes/no pairs).
    generic = KIND_WORDS.get(kind, frozenset())
    out = []
    for raw in _WORD.findall(text.replace("-", " ")):
        low = raw.lower()
        if low in STOPWORDS or low in generic:
            continue
        word = stem(low)
        if word in STOPWORDS or word in generic or len(word) < 2 or word in _ORDINARY:
            continue
        out.append(word)
    return tuple(out)


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
        df: Counter[str] = Counter()
        for ts in term_sets:
            df.update(ts)
        n = max(1, len(term_sets))
        return cls({t: math.log(1 + n / c) for t, c in df.items()})

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


def partition_by_names(group: list[Claim], names: Callable[[Claim], frozenset[str]]) -> list[list[Claim]]:
    """Split a group of comparable claims so that differently named things are never compared.

    Claims naming the same things (or a part of them) stay together; claims
    naming nothing join the one named part when there is exactly one, and
    stay apart when several named things compete for them.
    """
    parts: list[list[Claim]] = []
    unnamed: list[Claim] = []
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
            part = min(part, holding.get(x, none), ending.get(x, none), *(holding.get(tail, none) for tail in _word_tails(x)))
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

    def words(text: str, kind: str) -> frozenset[str]:
        if phrases is not None:
            text = phrases.sub(" ", text)
        return frozenset(t for t in terms(text, kind) if t not in common)

    own = [words(own_words(c), c.kind) for c in group]
    full = [o | words(c.statement.question, c.kind) for o, c in zip(own, group)]
    parent = list(range(len(group)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str, int] = {}
    hub: int | None = None
    for i in range(len(group)):
        if own[i]:
            for term in full[i]:
                j = first_with.setdefault(term, i)
                parent[find(i)] = find(j)
    for i in range(len(group)):
        if own[i]:
            continue
        # No words of its own: its question places it ("How much can I save by bundling?"); with no
        # question word any other member uses, nothing tells it apart: it may be about any of them.
        linked = [first_with[t] for t in full[i] if t in first_with]
        if linked:
            for j in linked:
                parent[find(i)] = find(j)
        else:
            hub = i if hub is None else hub
            parent[find(i)] = find(hub)
    if hub is not None:
        for i in range(len(group)):
            parent[find(i)] = find(hub)
    parts: dict[int, list[Claim]] = {}
    for i, claim in enumerate(group):
        parts.setdefault(find(i), []).append(claim)
    return list(parts.values())


def common_terms(claims: Iterable[Claim], share: float = 0.05, minimum: int = 5) -> frozenset[str]:
    """Terms in more than ``share`` of the claims (and at least ``minimum``): too common to tell subjects apart."""
    df: Counter[str] = Counter()
    n = 0
    for claim in claims:
        n += 1
        df.update(set(terms(own_words(claim), claim.kind)) | set(terms(claim.statement.question, claim.kind)))
    return frozenset(t for t, c in df.items() if c >= minimum and c > share * n)


def _sequence(text: str, kind: str) -> list[str | None]:
    """The stems of ``text`` in order; function words, kind words and values become ``None`` (gaps)."""
    return list(_stem_sequence(text, kind))


@lru_cache(maxsize=1 << 16)
def _stem_sequence(text: str, kind: str) -> tuple[str | None, ...]:
    # Every candidate pair looks at its two contexts again: each context is read once.
    generic = KIND_WORDS.get(kind, frozenset())
    out: list[str | None] = []
    for raw in re.findall(r"[A-Za-z][A-Za-z'’]*|\S", text.replace("-", " ")):
        low = raw.lower()
        if not raw[0].isalpha() or low in STOPWORDS or low in generic:
            out.append(None)
            continue
        out.append(stem(low))
    return tuple(out)


def contrasting(a_text: str, b_text: str, kind: str) -> bool:
    """True when the two texts qualify a shared word differently ("incoming wire" / "outgoing wire").

    For every word both texts share that ends a phrase (a head noun), the
    word right before it is its modifier; two different modifiers, neither of which the other text uses
    at all, mean two different things ("Premier Savings" / "Standard
    Savings"), whereas "outgoing domestic wire" and "domestic outgoing wire"
    use the same words in another order.
    """
    seq_a, seq_b = _sequence(a_text, kind), _sequence(b_text, kind)
    words_a = {w for w in seq_a if w}
    words_b = {w for w in seq_b if w}
    if _named_differently(a_text, b_text, words_a, words_b):
        return True
    mods_a = _modifiers(seq_a)
    mods_b = _modifiers(seq_b)
    for head in words_a & words_b:
        for ma in mods_a.get(head, ()):
            for mb in mods_b.get(head, ()):
                if ma != mb and ma not in words_b and mb not in words_a:
                    return True
    return False


def _named_differently(a_text: str, b_text: str, words_a: set[str], words_b: set[str]) -> bool:
    """Capitalised names ending in the same word but starting differently: "Gold Savings" / "Silver Savings"."""
    runs_a = [[stem(w) for w in m.group(0).split()] for m in _CAP_RUN.finditer(a_text) if " " in m.group(0)]
    runs_b = [[stem(w) for w in m.group(0).split()] for m in _CAP_RUN.finditer(b_text) if " " in m.group(0)]
    for ra in runs_a:
        for rb in runs_b:
            if ra[-1] != rb[-1] or ra == rb:
                continue
            only_a = [w for w in ra[:-1] if w not in words_b]
            only_b = [w for w in rb[:-1] if w not in words_a]
            if only_a and only_b:
                return True
    return False


#: Stems of common verbs that take an object ("offer Pay-Over-Time", "check outages"): the word after them
#: is what they act on, never a kind they qualify. Words that are nouns as often (return, charge) are left out.
_OBJECT_VERBS = frozenset(
    stem(w)
    for w in """offer give get send use see make take provide include add apply choose select enter visit contact
    confirm explain request need require receive earn save buy keep let allow help find follow read bring""".split()
)


def _modifiers(seq: list[str | None]) -> dict[str, set[str]]:
    """Head word -> the words right before it, for heads that end a phrase (the next token is a gap)."""
    out: dict[str, set[str]] = {}
    padded = seq + [None]
    for i in range(1, len(seq)):
        prev, word, nxt = padded[i - 1], padded[i], padded[i + 1]
        if prev and word and nxt is None and prev not in _OBJECT_VERBS and len(prev) > 1:
            out.setdefault(word, set()).add(prev)
    return out


def head_words(claim: Claim) -> frozenset[str]:
    """The words right after a value, up to the first function word: what it is a number of ("$300 bonus")."""
    text = claim.statement.text
    out: list[str] = []
    for word in _sequence(text[claim.span[1] : claim.span[1] + 60], claim.kind):
        if word is None or len(out) == 3:
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


#: Qualifiers that mean "the ordinary case" and so never make an exception.
_DEFAULTS: set[str] = {"standard", "regular", "normal", "usual", "default", "general", "basic", "all", "most", "our", "residential", "personal", "consumer"}
#: The customer, however a team calls them: a subject term, but never a qualifier ("the policyholder accepts a settlement").
_CUSTOMER: set[str] = {"customer", "customers", "client", "clients", "policyholder", "policyholders", "insured", "caller", "callers"}


#: Stems of the words naming the ordinary case: they say which case, never which subject ("standard shipping" is about shipping).
_ORDINARY = frozenset(stem(w) for w in _DEFAULTS)


def ruleset_defaults() -> frozenset[str]:
    """Stems of the words that name the ordinary case (scope defaults such as 'standard', 'regular')."""
    return frozenset(stem(w) for w in _DEFAULTS | _CUSTOMER)


def one_sided_modifier(a_own: str, a_context: str, b_own: str, b_context: str, kind: str, defaults: frozenset[str]) -> bool:
    """True when one value's own clause qualifies a shared head word with a word the other never uses.

    "Our certificates are valid for 90 days" / "short-lived certificates are
    valid for six days": the second is about an exception. Only qualifiers in
    the value's own clause count (a heading such as "Lost badges" adds
    context, not an exception), and words naming the ordinary case
    ("standard delivery") never do.
    """
    words_a = {w for w in _sequence(a_context, kind) if w}
    words_b = {w for w in _sequence(b_context, kind) if w}
    for own, other in ((a_own, words_b), (b_own, words_a)):
        for head, before in _modifiers(_sequence(own, kind)).items():
            if head not in words_a or head not in words_b:
                continue
            if any(m not in other and m not in defaults for m in before):
                return True
    return False
