"""Words: stems, stopwords, subject terms and the qualifiers around a head word.

Everything here reads plain text: which words of a clause or a question say
what a value is about (:func:`terms`), and whether two texts qualify a shared
word differently (:func:`contrasting`, :func:`one_sided_modifier`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from consistency_check.facts.bridge import function_words

#: A word: letters of any alphabet ("recepción", "Gebühr" are one word each), with inner apostrophes and hyphens.
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*[^\W\d_]|[^\W\d_]")

CAP_RUN = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[ \t]+[A-Z][a-z]+(?:[A-Z][a-z]+)?)*(?![\w'’])")

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
    we’ve you’re you’ll you’ve they’re it’s there’s that’s let’s ask asks asked asking tell tells told am pm
    anything something everything nothing anyone someone everyone nobody anybody somebody everybody""".split()
)
#: The function words of the other languages the facts read (facts/languages/): never a term as written (a stem of
#: an English word may spell one: "due" stems to French "du").
FUNCTION_WORDS = function_words() - STOPWORDS
# (Some words say how up to date or how sure a statement is, not what it is about: "current outages",
# "estimated restoration times"; "am" and "pm" are halves of a time of day, whatever the value is.)

#: Clock words: a time's half of the day and its time zone are part of the value, not of its subject.
_CLOCK = "am pm et est edt ct cst cdt mt mst mdt pt pst pdt utc gmt eastern pacific local"
#: Day names and day sets are part of a value of opening hours.
_DAYS = (
    "monday mondays mon tuesday tuesdays tue tues wednesday wednesdays wed thursday thursdays thu thur thurs "
    "friday fridays fri saturday saturdays sat sunday sundays sun weekday weekdays weekend weekends daily"
)

#: Words that come with every value of a kind and so say nothing about which subject it is.
KIND_WORDS: dict[str, frozenset[str]] = {
    "money": frozenset(
        "fee fees cost costs charge charges charged price prices priced pay pays paid amount dollar dollars usd "
        "free".split()
    ),
    "duration": frozenset(
        "take takes taking took day days week weeks month months year years hour hours minute minutes business "
        "calendar long".split()
    ),
    "percent": frozenset("percent percentage".split()),
    # "Max 5 bags per pax" / "Limit: 4 bags per customer": the bound and who it is per say how it is counted.
    "count": frozenset(
        "number max maximum limit limits person people passenger passengers pax customer customers".split()
    ),
    "rate": frozenset("point points dollar dollars spend spent every".split()),
    "hours": frozenset(f"open opens closed close closes hour hours available availability {_CLOCK} {_DAYS}".split()),
    "date": frozenset("date dates".split()),
    "url": frozenset("visit go online site website page link http https www at".split()),
    # "Call us any time, day or night, at …": how and when to call says nothing about which line it is.
    "phone": frozenset(
        "call calls calling phone telephone number dial reach day night anytime time hour hours open available "
        f"{_CLOCK}".split()
    ),
    "email": frozenset("email emails e-mail mail send write address inbox".split()),
}


_VOWEL = re.compile("[aeiouy]")


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
    elif len(w) > 4 and w.endswith("ing") and _VOWEL.search(w, 0, len(w) - 3):
        w = w[:-3]  # "paying": "pay"; "bring" and "thing" keep their "ing", which is no suffix there
        w = w[:-1] if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz" else w
    elif len(w) > 4 and w.endswith("ied"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("ed") and not w.endswith("eed"):
        w = w[:-2]
        w = w[:-1] if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz" else w
    elif len(w) > 4 and (
        w.endswith("ches") or w.endswith("shes") or w.endswith("sses") or w.endswith("xes") or w.endswith("zes")
    ):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss") and not w.endswith("us") and not w.endswith("is"):
        w = w[:-1]
    if len(w) > 2 and w.endswith("e") and not w.endswith("ee"):
        w = w[:-1]
    return w


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
    for w in """quick reference overview guide faq faqs policy policies procedure procedures process script scripts
    tip tips
    note notes handling handle request requests question questions information info detail details summary basics
    lookup tool tools troubleshooting what expect""".split()
)


def question_terms(question: str, kind: str) -> list[str]:
    """Terms of a question or heading, without a script's speaker ("Member asks about ...") or document words ("quick
    reference")."""
    return [t for t in terms(_SPEAKER_PREFIX.sub(" ", question or ""), kind) if t not in _HEADING_WORDS]


#: "counter and lounge hours", "Senior & Military Discounts": two single words joined by a conjunction,
#: qualifying the noun after them.
_COORDINATED_PAIR = re.compile(r"\b([A-Za-z]+)\s+(?:and|or|&)\s+([A-Za-z]+)\s+([A-Za-z]+)", re.IGNORECASE)


def coordinated_terms(question: str, kind: str) -> frozenset[tuple[str, str]]:
    """Pairs of terms a question or heading joins with "and"/"or" before a noun they both qualify
    ("Counter and lounge hours": counter hours and lounge hours), both ways round. Verbs ("open and
    close?") and phrases ("feedback or make a complaint") are not such pairs."""
    out: set[tuple[str, str]] = set()
    for match in _COORDINATED_PAIR.finditer(question or ""):
        if match.group(3).lower() in STOPWORDS:
            continue
        left, right = terms(match.group(1), kind), terms(match.group(2), kind)
        if len(left) == 1 and len(right) == 1 and left != right:
            out |= {(left[0], right[0]), (right[0], left[0])}
    return frozenset(out)


def terms(text: str, kind: str) -> list[str]:
    """Stemmed content words of ``text`` for a value of ``kind``."""
    return list(_terms(text, kind))


#: A verb and its particle name one thing, however written: "check-in", "check in" and "checkin" are one
#: term and "check-out" another; "pick up" is "pickup". (Read apart, "in" is a function word and the two
#: would share only "check".)
_PHRASAL_VERBS = ("check", "sign", "log", "pick", "drop", "carry", "top", "opt", "roll", "print")
_PHRASAL = re.compile(r"\b(" + "|".join(_PHRASAL_VERBS) + r")[\s-]+(in|out|up|off|on)\b", re.IGNORECASE)


def join_phrasal(text: str) -> str:
    """``text`` with each phrasal verb written as one word ("check-in", "check in": "checkin")."""
    low = text.lower()
    if not any(verb in low for verb in _PHRASAL_VERBS):
        return text  # most texts hold none: a look for each verb is cheaper than the regex's scan
    return _PHRASAL.sub(r"\1\2", text)


@lru_cache(maxsize=1 << 16)
def _terms(text: str, kind: str) -> tuple[str, ...]:
    # The same questions and clauses are looked at again and again (by rule groups, alignment, yes/no pairs).
    generic = KIND_WORDS.get(kind, frozenset())
    out = []
    forms = _FORMS
    for raw in WORD.findall(join_phrasal(text).replace("-", " ")):
        form = forms.get(raw, _UNSEEN)
        if form is _UNSEEN:
            if len(forms) >= _MAX_FORMS:
                forms.clear()
            form = forms[raw] = _form(raw)
        if form is not None and form[0] not in generic and form[1] not in generic:
            out.append(form[1])
    return tuple(out)


#: Each word as written, with its lower case and stem (``None``: a word that is never a term).
_FORMS: dict[str, tuple[str, str] | None] = {}
_MAX_FORMS = 1 << 17
_UNSEEN = ("", "")


def _form(raw: str) -> tuple[str, str] | None:
    """The lower case and the stem of a word as written, or ``None`` when it is never a term (a stopword, a word
    of every subject, a letter): a text's words are mostly words seen before, and each is looked at once."""
    low = raw.lower()
    if low in STOPWORDS or low in FUNCTION_WORDS:
        return None
    word = stem(low)
    if word in STOPWORDS or len(word) < 2 or word in _ORDINARY:
        return None
    return low, word


def spelled(stems: list[str], texts: list[str]) -> str:
    """``stems`` in the words ``texts`` use for them, in the order the texts say them ("first response
    time", not "respons first"); a stem no text spells is left out."""
    wanted = set(stems)
    found: dict[str, tuple[int, int, str]] = {}
    for n, text in enumerate(texts):
        for pos, match in enumerate(WORD.finditer(join_phrasal(text).replace("-", " "))):
            word = match.group(0)
            key = stem(word.lower())
            if key in wanted and key not in found:
                found[key] = (n, pos, word if word.isupper() and len(word) > 1 else word.lower())
        if len(found) == len(wanted):
            break
    return " ".join(word for _, _, word in sorted(found.values()))


def word_sequence(text: str, kind: str) -> list[str | None]:
    """The stems of ``text`` in order; function words, kind words and values become ``None`` (gaps)."""
    return list(_stem_sequence(text, kind))


#: A word as :data:`WORD` reads it (letters of any alphabet), or any other character, for :func:`word_sequence`.
_SEQUENCE_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’])*|\S")


@lru_cache(maxsize=1 << 16)
def _stem_sequence(text: str, kind: str) -> tuple[str | None, ...]:
    # Every candidate pair looks at its two contexts again: each context is read once.
    generic = KIND_WORDS.get(kind, frozenset())
    out: list[str | None] = []
    for raw in _SEQUENCE_WORD.findall(text.replace("-", " ")):
        low = raw.lower()
        if not raw[0].isalpha() or low in STOPWORDS or low in FUNCTION_WORDS or low in generic:
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
    seq_a, seq_b = word_sequence(a_text, kind), word_sequence(b_text, kind)
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
    runs_a = [[stem(w) for w in m.group(0).split()] for m in CAP_RUN.finditer(a_text) if " " in m.group(0)]
    runs_b = [[stem(w) for w in m.group(0).split()] for m in CAP_RUN.finditer(b_text) if " " in m.group(0)]
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
OBJECT_VERBS = frozenset(
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
        if prev and word and nxt is None and prev not in OBJECT_VERBS and len(prev) > 1:
            out.setdefault(word, set()).add(prev)
    return out


#: "claim-free", "at-fault": two words made one by a hyphen ("check-in" ends on a particle and stays a phrase).
_COMPOUND_HYPHEN = re.compile(r"([A-Za-z]+)-([A-Za-z]+)")


@lru_cache(maxsize=1 << 14)
def _outside_compounds(text: str, kind: str) -> frozenset[str]:
    """The words of ``text`` used on their own, not only inside a hyphenated compound of two content words.

    "claim-free year" is about years: an "at-fault claim" on the other side qualifies a word this text
    never uses as a noun of its own, so it makes no exception to it.
    """
    joined = _COMPOUND_HYPHEN.sub(
        lambda m: m.group(1) + m.group(2) if m.group(2).lower() not in STOPWORDS else m.group(0), text
    )
    return frozenset(w for w in word_sequence(joined, kind) if w)


#: Qualifiers that mean "the ordinary case" and so never make an exception.
_DEFAULTS: set[str] = {
    "standard",
    "regular",
    "normal",
    "usual",
    "default",
    "general",
    "basic",
    "all",
    "most",
    "our",
    "residential",
    "personal",
    "consumer",
}
#: The customer, however a team calls them: a subject term, but never a qualifier ("the policyholder accepts a
#: settlement").
_CUSTOMER: set[str] = {
    "customer",
    "customers",
    "client",
    "clients",
    "policyholder",
    "policyholders",
    "insured",
    "caller",
    "callers",
}


#: Stems of the words naming the ordinary case: they say which case, never which subject ("standard shipping" is about
#: shipping).
_ORDINARY = frozenset(stem(w) for w in _DEFAULTS)


def ruleset_defaults() -> frozenset[str]:
    """Stems of the words that name the ordinary case (scope defaults such as 'standard', 'regular')."""
    return frozenset(stem(w) for w in _DEFAULTS | _CUSTOMER)


def one_sided_modifier(
    a_own: str, a_context: str, b_own: str, b_context: str, kind: str, defaults: frozenset[str]
) -> bool:
    """True when one value's own clause qualifies a shared head word with a word the other never uses.

    "Our certificates are valid for 90 days" / "short-lived certificates are
    valid for six days": the second is about an exception. Only qualifiers in
    the value's own clause count (a heading such as "Lost badges" adds
    context, not an exception), and words naming the ordinary case
    ("standard delivery") never do.
    """
    seq_a, seq_b = word_sequence(a_context, kind), word_sequence(b_context, kind)
    words_a = {w for w in seq_a if w}
    words_b = {w for w in seq_b if w}
    loose_a, loose_b = _outside_compounds(a_context, kind), _outside_compounds(b_context, kind)
    for own, other, other_loose in ((a_own, words_b, loose_b), (b_own, words_a, loose_a)):
        for head, before in _modifiers(word_sequence(own, kind)).items():
            if head not in words_a or head not in words_b or head not in other_loose:
                continue
            if any(m not in other and m not in defaults for m in before):
                return True
    return False
