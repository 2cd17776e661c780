"""Percentages, counts of things, and earn rates.

* percent — ``15%`` (trailing zeros stripped: "12.50 percent" → ``12.5%``);
  ranges ``10-15%``; roles ``max`` ("up to 50%") and ``min`` ("at least 10%").
* count — a whole number (digits or words, never the article "a"/"an")
  directly followed by at most one modifier and a known countable noun:
  "3 items" → ``3`` with unit ``item``; "one free exchange" → ``1`` /
  ``exchange``. Roles as for percent plus "2 or more items", "3+ items".
* rate — points (miles, stars, credits) per money amount: "2 points for every
  $1" → ``2 points per $1.00`` with unit ``point/USD``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from consistency_check.facts.common import (
    DASH,
    MAX_AFTER,
    MAX_BEFORE,
    MIN_AFTER,
    MIN_BEFORE,
    fold,
    is_label_number,
    make_fact,
    plural,
    prev_word,
    singular,
    spread_over,
    threshold_role,
)
from consistency_check.facts.money import SYMBOL, parse_amount, render_money, symbol_currency, word_currency
from consistency_check.facts.numbers import (
    LEFT,
    NO_SPLIT,
    NUMBER,
    WHOLE_NUMBER,
    format_number,
    match_numbers,
    parse_number,
)
from consistency_check.model import Fact

_PCT = r"(?:%|percent\b|per\s*cent\b|pct\b)"
_PERCENT_RE = re.compile(
    rf"{LEFT}(?:(?P<qmax>{MAX_BEFORE})\s+|(?P<qmin>over|{MIN_BEFORE})\s+)?"
    rf"(?:between\s+(?P<b1>{NUMBER})\s*{_PCT}?\s+and\s+(?P<b2>{NUMBER})"
    rf"|(?P<r1>{NUMBER}){NO_SPLIT}\s*{_PCT}?\s*(?:{DASH}|\bto\b)\s*(?P<r2>{NUMBER})"
    rf"|(?P<n>{NUMBER}))\s*{_PCT}"
    rf"(?:\s+(?P<smax>or\s+(?:less|lower|under))|\s+(?P<smin>or\s+(?:more|higher|greater|above)))?"
)

COUNT_NOUNS: tuple[str, ...] = (
    "item",
    "product",
    "order",
    "device",
    "pair",
    "exchange",
    "return",
    "refund",
    "user",
    "account",
    "seat",
    "license",
    "licence",
    "bag",
    "box",
    "package",
    "parcel",
    "piece",
    "ticket",
    "guest",
    "person",
    "member",
    "attempt",
    "login",
    "payment",
    "installment",
    "instalment",
    "location",
    "store",
    "visit",
    "code",
    "coupon",
    "voucher",
    "discount",
    "point",
    "stamp",
    "gift",
    "card",
    "address",
    "profile",
    "screen",
    "stream",
    "sample",
    "character",
    "digit",
    "letter",
    "photo",
    "image",
    "file",
    "child",
    "adult",
    "pet",
    "passenger",
    "dog",
    "cat",
    "bottle",
    "pack",
    "set",
    "copy",
    "shipment",
    "delivery",
    "carton",
    "reward",
    "credit",
    "transaction",
    "purchase",
    "claim",
    "repair",
    "replacement",
    "session",
    "lesson",
    "appointment",
    "consultation",
    "call",
    "email",
    "message",
    "review",
    "question",
    "book",
    "download",
    "subscription",
    "plan",
    "phone",
    "tablet",
    "laptop",
    "computer",
    "vehicle",
    "tire",
    "tyre",
    "battery",
    "charger",
    "cable",
    "accessory",
    "cartridge",
    "filter",
    "lens",
    "frame",
    "employee",
    "agent",
    "customer",
    "household",
    "referral",
    "star",
    "mile",
    "garment",
    "shoe",
    "size",
    "color",
    "colour",
    "style",
    "variant",
    "option",
    "warranty",
    "label",
    "line",
    "check",
    "cheque",
    "withdrawal",
    "deposit",
    "transfer",
    "swatch",
    "time",
    "reschedule",
    "pass",
    "room",
    "statement",
    "change",
    "cancellation",
    "seat",
    "guest",
    "voucher",
    "trade-in",
    "upgrade",
    "sim",
    "estimate",
    "quote",
    "receipt",
    "invoice",
    "form",
    "document",
    "signature",
    "reference",
    "bid",
    "inspection",
    # services' own allowances and limits ("12 liveaboard permits", "2 free cleanings a year", "up to 3 drivers")
    "prescription",
    "permit",
    "bay",
    "pickup",
    "driver",
    "bike",
    "scooter",
    "locker",
    "ride",
    "trip",
    "meal",
    "student",
    "participant",
    "attendee",
    "instructor",
    "teacher",
    "dvd",
    "bed",
    "refill",
    "cleaning",
    "treatment",
    "exam",
    "checkup",
    "loan",
    "renewal",
)
"""Countable nouns (singular) a count may name; anything else is not counted."""

_MODIFIERS = (
    "free",
    "additional",
    "extra",
    "more",
    "new",
    "eligible",
    "separate",
    "different",
    "unused",
    "unopened",
    "physical",
    "digital",
    "active",
    "registered",
    "authorized",
    "authorised",
    "concurrent",
    "simultaneous",
    "consecutive",
    "full-price",
    "online",
    "in-store",
    "paid",
    "complimentary",
    "bonus",
    "standard",
    "premium",
    "personal",
    "individual",
    "qualifying",
    "returned",
    "damaged",
    "defective",
    "promo",
    "loyalty",
    "mobile",
    "prepaid",
    "express",
    "reward",
    "rewards",
    "gift",
    "store",
    "return",
    "shipping",
    "email",
    "phone",
    "atm",
    "out-of-network",
    "in-network",
    "fabric",
    "international",
    "domestic",
    "paper",
    "sim",
    "data",
    "family",
    "postpaid",
    "prepaid",
    "previous",
    "refundable",
    "nonrefundable",
    "non-refundable",
    "monthly",
    "annual",
    "daily",
    "weekly",
    "streaming",
    "user",
    "adult",
    "child",
    "checked",
    "carry-on",
    "cabin",
)
_NOUN_FORMS = sorted({f for n in COUNT_NOUNS for f in (n, plural(n))}, key=lambda w: (-len(w), w))
_NOUN_RE = "|".join(_NOUN_FORMS)
_MOD_RE = "|".join(sorted(set(_MODIFIERS), key=lambda w: (-len(w), w)))
_NOT_MOD = (
    r"(?:the|and|for|per|than|more|less|fewer|any|all|each|every|your|our|their|its|this|that|these|those|with|from|into|over|under"
    r"|within|after|before|about|around|until|days?|weeks?|months?|years?|hours?|minutes?|times?|percent|dollars?|of|or|to|in|on|at|by|a|an"
    # a verb or a relative word ends what is counted: "10 or more visitors who book together", "15 people are buying
    # tickets"
    r"|who|whom|whose|which|where|when|are|is|was|were|be|been|will|can|may|must|should|would|could|need|needs)"
)
#: A count's number with the words that bound it before ("up to 3", "over 50", "2 or more"), and after its noun.
_COUNT_HEAD = (
    rf"{LEFT}(?:(?P<qmax>{MAX_BEFORE}|under|below)\s+|(?P<qmin>over|above|{MIN_BEFORE})\s+)?"
    rf"(?P<n>{WHOLE_NUMBER})(?P<plus>\+)?(?:\s+or\s+(?:(?P<omin>more)|(?P<omax>fewer|less)))?"
)
_COUNT_TAIL = rf"(?:\s+(?P<smax>{MAX_AFTER})|\s+(?P<smin>{MIN_AFTER}))?"
_COUNT_RE = re.compile(
    _COUNT_HEAD
    # Known modifiers, or any hyphenated compound ("on-time", "non-member"): a compound before a noun is adjectival.
    # or up to two other words that are not function or time words ("3 roadside service calls").
    # A hyphen never joins the last modifier to the noun ("50 full-time employees" counts employees, not
    # times); an abbreviation in brackets may stand among the modifiers ("full-time equivalent (FTE) employees").
    + rf"\s+(?:(?:{_MOD_RE}|[a-z]+(?:-[a-z]+)+|\([a-z][a-z0-9&.]{{1,8}}\)|(?!{_NOT_MOD}\b)[a-z]{{3,}})\s+){{0,3}}"
    rf"(?P<noun>{_NOUN_RE})(?![\w\-])" + _COUNT_TAIL
)
#: Plural nouns that follow a number without being things counted: time, measures, money, frequency, and
#: words that stand for a noun said before ("3 others").
_NOT_COUNTED = (
    r"(?:seconds|secs|minutes|mins|hours|hrs|days|nights|weeks|wks|months|mos|years|yrs|decades|centuries|times"
    r"|percent|dollars|euros|pounds|cents|pence|bucks|miles|kilometres|kilometers|kms|metres|meters|feet|inches"
    r"|yards|lbs|ounces|ozs|grams|kilograms|kilos|kgs|litres|liters|gallons|degrees|others|ones|ways|things|points"
    r"|pts|stars|credits|is|was|has|does|goes|comes|gets|takes|costs|runs"
    r"|means|applies|includes|remains|lasts|plus|less|minus|as|us|yes|this|its|his|hers|ours|yours|theirs)"
)
# A number and a plural noun the list above does not know, read where the known nouns found nothing: "3 free
# hints per game" counts hints; "up to 3 additional cars" counts cars. The noun is the count's unit, so it is
# only ever compared with counts of the same noun.
#: A plural noun of things counted ("hints", "add-ons"; not "hours", "lbs", "class").
_PLURAL_NOUN = rf"(?!{_NOT_COUNTED}\b)(?:[a-z]+-)?[a-z]{{2,}}(?<![su])s"
_OPEN_COUNT_RE = re.compile(
    _COUNT_HEAD + rf"\s+(?:(?:{_MOD_RE}|[a-z]+(?:-[a-z]+)+|(?!{_NOT_MOD}\b|{_NOT_COUNTED}\b)[a-z]{{2,}})\s+){{0,2}}"
    rf"(?P<noun>{_PLURAL_NOUN})(?![\w\-'’])" + _COUNT_TAIL
)
# After a count, within its sentence: a joined clause naming another thing and a limit with no noun of its own.
_ELIDED_RE = re.compile(
    rf"\s*(?:[,;]\s*(?:and\s+|but\s+|while\s+)?|\s(?:and|but|while|whereas)\s+)(?:(?:the|our|a|an|all)\s+)?"
    rf"(?:[a-z][a-z'-]*\s+){{1,3}}?(?P<q>(?P<qmax>{MAX_BEFORE})|(?P<qmin>{MIN_BEFORE}))\s+(?P<n>{WHOLE_NUMBER})"
    rf"(?=\s*(?:[.,;)!]|$)|\s+(?:and|or|but)\b)"
)
_PCT_QUALIFIER_RE = re.compile(rf"between|over|{MAX_BEFORE}|{MIN_BEFORE}")
_COUNT_QUALIFIER_RE = re.compile(rf"over|above|under|below|{MAX_BEFORE}|{MIN_BEFORE}")
#: Counted nouns that name the same thing: "6 monthly installments" are 6 monthly payments; "two dogs
#: or cats per room" are two pets.
_SAME_NOUN = {"installment": "payment", "instalment": "payment", "dog": "pet", "cat": "pet"}
_MONTH_WORDS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
    "september october november december".split()
)

_RATE_RE = re.compile(
    rf"{LEFT}(?P<n>{NUMBER})\s*(?:x\s+)?(?:(?!times\b)[a-z][a-z'’-]*\s+){{0,2}}"  # "5 bonus points", "6 Skylark Miles"
    rf"(?P<noun>points?|pts?|miles?|stars?|credits?)(?![\w])\.?"  # "10 pts per $1"
    rf"\s+(?:for\s+(?:every|each)|per|on\s+(?:every|each)|every|with\s+every)\s+"
    rf"(?:(?P<sym>{SYMBOL})\s?(?P<amt>\d+(?:[.,]\d+)*)|(?P<wn>{NUMBER})\s+(?P<wcur>dollars?|euros?|pounds?)"
    rf"|(?P<cur>dollar|euro|pound))(?![\w])(?:\s+(?:spent|you\s+spend|in\s+purchases|of\s+purchases))?"
)
_RATE_HINTS = ("point", "pts", "mile", "star", "credit")
#: Abbreviations of the counted noun.
_RATE_NOUNS = {"pt": "point", "pts": "point"}
_PCT_HINTS = ("%", "per", "pct")


#: Qualifiers that leave the number out: of whole things, "more than 50" (or "over 50") is 51 or more and
#: "fewer than 50" ("under 50") is 49 or fewer, so "more than 50 employees" and "50 or more employees" state
#: different thresholds, and "under 75 miles" and "fewer than 75 miles" the same one.
_EXCLUSIVE_RE = re.compile(r"(?:more\s+than|over|above|less\s+than|fewer\s+than|under|below)")


#: Counted nouns that are also measures, whose bounds are not whole: "under 3 miles" takes in 2.5 miles.
_MEASURES = frozenset({"mile"})


def _inclusive(n: int, m: re.Match[str], unit: str, spread: bool = False) -> int:
    """The count's inclusive bound: one more than ``n`` after "more than"/"over", one less after "fewer than"
    (``spread``: the "over" spreads something across the count, which is then exact)."""
    if unit in _MEASURES:
        return n
    if (q := m.group("qmin")) and _EXCLUSIVE_RE.fullmatch(q) and not spread:
        return n + 1
    if (q := m.group("qmax")) and _EXCLUSIVE_RE.fullmatch(q) and n > 0:
        return n - 1
    return n


def _role(m: re.Match[str], spread: bool = False) -> str:
    groups = m.groupdict()
    is_max = any(groups.get(g) for g in ("qmax", "smax", "omax"))
    is_min = any(groups.get(g) for g in ("qmin", "smin", "omin", "plus") if not (spread and g == "qmin"))
    return threshold_role(is_max, is_min)


#: A discount of half said in words ("half off your first box", "half-price entry"): 50% off.
_HALF_OFF_RE = re.compile(r"\bhalf[\s\-]+(?:off|price|priced)\b")


def extract_percents(text: str, low: str | None = None) -> list[Fact]:
    """Every percentage in ``text``: ``15%``, ``12.5%``, ``10-15%``, and half off (``50%``)."""
    low = fold(text) if low is None else low
    facts: list[Fact] = []
    if "half" in low:
        facts.extend(make_fact("percent", "50%", text, m.start(), m.end(), "", "") for m in _HALF_OFF_RE.finditer(low))
    if not any(h in low for h in _PCT_HINTS):
        return facts
    for m in match_numbers(_PERCENT_RE, low, _PCT_QUALIFIER_RE):
        if m.group("n"):
            n = parse_number(m.group("n"))
            if n is None:
                continue
            value = f"{format_number(n)}%"
        else:
            lo = parse_number(m.group("b1") or m.group("r1"))
            hi = parse_number(m.group("b2") or m.group("r2"))
            if lo is None or hi is None or lo >= hi:
                continue
            value = f"{format_number(lo)}-{format_number(hi)}%"
        role = _role(m) if m.group("n") else ""
        facts.append(make_fact("percent", value, text, m.start(), m.end(), "", role))
    return facts


def extract_counts(text: str, low: str | None = None) -> list[Fact]:
    """Every count of a known countable noun in ``text``: ``3`` with unit ``item``."""
    low = fold(text) if low is None else low
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for m in match_numbers(_COUNT_RE, low, _COUNT_QUALIFIER_RE):
        taken.append(m.span())
        facts.extend(_count(text, low, m))
    for m in match_numbers(_OPEN_COUNT_RE, low, _COUNT_QUALIFIER_RE):
        if not any(s < m.end() and m.start() < e for s, e in taken) and _plural_count(text, m):
            facts.extend(_count(text, low, m))
    if "|" in low:
        facts.extend(_cell_counts(text, low))
    return facts


#: A table cell of a whole number under a label ("Balls: 110", "Pickups per month: 4", "Guest passes/yr: 6"), as a
#: table row is read ("Large | Balls: 110 | Price: $15"): the label names what is counted.
_CELL_COUNT_RE = re.compile(
    r"(?:^|\|\s)(?P<label>[a-z][a-z'’ -]{1,40}?)(?:\s*(?:/|\bper\s)\s*[a-z.]+)?:\s(?P<n>\d{1,5})(?=\s*(?:\||$))"
)
_PLURAL_NOUN_RE = re.compile(_PLURAL_NOUN)


def _cell_counts(text: str, low: str) -> Iterator[Fact]:
    """The whole numbers of a table row's cells whose label, or else the row's own label (its first cell, when it
    has no value: "Systems covered | Basic: 1"), is a plural noun of things counted."""
    first = low.split("|", 1)[0].strip()
    for m in _CELL_COUNT_RE.finditer(low):
        noun = _plural_noun(m.group("label")) or ("" if ":" in first else _plural_noun(first))
        if noun:
            unit = singular(noun)
            unit = _SAME_NOUN.get(unit, unit)
            yield make_fact("count", str(int(m.group("n"))), text, m.start("n"), m.end("n"), unit, "")


def _plural_noun(label: str) -> str:
    """The last plural noun of a label, or ``""`` ("guest passes": "passes"; "systems covered": "systems")."""
    return next((word for word in reversed(label.split()) if _PLURAL_NOUN_RE.fullmatch(word)), "")


_RANGE_END = re.compile(rf"\d\s*(?:{DASH}|to|or)\s*$|\b(?:between|from)\s+\w+\s+(?:and|to)\s*$", re.IGNORECASE)


#: An abbreviation in capitals ("AI", "GPU", "FTE").
_ABBREVIATION = re.compile(r"(?!AM\b|PM\b)[A-Z]{2,5}")


def _plural_count(text: str, m: re.Match[str]) -> bool:
    """Whether an open count's words are a number of things: more than one, not a year ("the 2026 holidays"),
    and written in lower case after the number, as common nouns are ("200 State Street closes" is an address
    and a verb, "the new one opens" a pronoun and a verb)."""
    n = parse_number(m.group("n"))
    number = m.group("n")
    if n is None or n < 2 or (number.isdigit() and len(number) == 4 and 1900 <= int(number) <= 2100):
        return False
    if _RANGE_END.search(text, 0, m.start("n")):
        return False  # the end of a range ("3 to 5 galleries"): not one count
    # An abbreviation may stand among the words before the noun ("100 AI interactions", "2 GPU instances"); a word of
    # two letters must be one.
    head = max(m.end(g) for g in ("n", "plus", "omin", "omax"))
    words = [w for w in text[head : m.start("noun")].split() if not _ABBREVIATION.fullmatch(w)]
    if any(len(w) < 3 for w in words):
        return False
    words.append(text[m.start("noun") : m.end("noun")])
    return all(w == w.lower() for w in words)


def _count(text: str, low: str, m: re.Match[str]) -> Iterator[Fact]:
    """The count a match of a count pattern states, and the limits after it that leave its noun out."""
    start_n = m.start("n")
    if is_label_number(low, start_n) or prev_word(low, start_n) in _MONTH_WORDS:
        return
    n = parse_number(m.group("n"))
    if n is None or n != int(n):
        return
    unit = singular(m.group("noun"))
    unit = _SAME_NOUN.get(unit, unit)
    spread = spread_over(low, m.group("qmin"), m.start())
    count = str(_inclusive(int(n), m, unit, spread))
    yield make_fact("count", count, text, m.start(), m.end(), unit, _role(m, spread))
    yield from _elided(text, low, m.end(), unit)


def _elided(text: str, low: str, end: int, unit: str) -> Iterator[Fact]:
    """Limits that leave out the noun of the count before them ("sleep up to 4 guests and suites up to 6",
    "a maximum of 4 guests; suites take up to 6"): the same noun is counted."""
    while (m := _ELIDED_RE.match(low, end)) is not None:
        n = parse_number(m.group("n"))
        if n is None or n != int(n):
            return
        yield make_fact("count", str(_inclusive(int(n), m, unit)), text, m.start("q"), m.end("n"), unit, _role(m))
        end = m.end()


def extract_rates(text: str, region: str = "US", low: str | None = None) -> list[Fact]:
    """Every earn rate in ``text``: ``2 points per $1.00`` with unit ``point/USD``."""
    low = fold(text) if low is None else low
    facts: list[Fact] = []
    if not any(h in low for h in _RATE_HINTS):
        return facts
    for m in match_numbers(_RATE_RE, low):
        n = parse_number(m.group("n"))
        if m.group("sym"):
            currency = symbol_currency(m.group("sym"), region)
            amount = parse_amount(m.group("amt"), currency or "USD")
        elif m.group("wcur"):
            currency = word_currency(m.group("wcur"), region)
            amount = parse_number(m.group("wn"))
        else:
            currency, amount = word_currency(m.group("cur"), region), 1.0
        if n is None or currency is None or amount is None or amount <= 0:
            continue
        noun = _RATE_NOUNS.get(m.group("noun")) or singular(m.group("noun"))
        counted = noun if n == 1 else plural(noun)
        value = f"{format_number(n)} {counted} per {render_money(amount, currency)}"
        facts.append(make_fact("rate", value, text, m.start(), m.end(), f"{noun}/{currency}"))
    return facts


__all__ = ["COUNT_NOUNS", "extract_counts", "extract_percents", "extract_rates"]
