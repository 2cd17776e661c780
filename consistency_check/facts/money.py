"""Money: "$49", "USD 49", "49 dollars", "€10,50", "$10/month", "orders over $49".

Canonical value: ``$49.00`` / ``€10.00`` / ``£5.00`` for USD, EUR and GBP,
``CAD 10.00`` (ISO code, a space, the amount) for every other currency; two
decimals (none for JPY/KRW) and thousands commas (``$1,299.99``). ``unit`` is
the ISO code. A bare "$" is the region's dollar (USD unless the region is
CA/AU/NZ/SG/HK). "pounds" is GBP only for region GB or with "sterling" (in
the US it is a weight). Ranges render ``$10.00-$20.00``.

Roles: ``min`` (over, above, more than, at least, minimum (order) of, "a
minimum daily balance of", orders of/over, spend, starting at, "$49+", "or
more"), ``max`` (under, below, less than, up to, "or less"), ``per:<noun>`` ("$5 each" → ``per:each``,
"$10/mo" and "$10 a month" → ``per:month``, "$34 per overdraft item" →
``per:item``); a per-unit price keeps
``per:`` even when it also has a threshold.
"""

from __future__ import annotations

import math
import re

from consistency_check.facts.common import (
    CHANGE_VERB,
    DASH,
    MAX_BEFORE,
    MIN_BEFORE,
    PERSON_NOUNS,
    fold,
    is_label_number,
    make_fact,
    singular,
    threshold_role,
)
from consistency_check.facts.numbers import LEFT, NUMBER, WHOLE_NUMBER, format_number, parse_number
from consistency_check.model import Fact

_ISO = "usd|eur|gbp|cad|aud|nzd|jpy|chf|sek|nok|dkk|mxn|inr|sgd|hkd|cny|brl|zar|pln|krw"
_SYM = r"(?:us|ca|au|nz|hk|[casr])?\$|€|£|¥|₹"
SYMBOL = _SYM
"""Regex fragment: a currency symbol, lowercase ("$", "us$", "ca$", "r$", "€", "£", "¥", "₹")."""
_AMOUNT = r"\d+(?:[.,]\d+)*"
_MULT = r"(?P<mult>k(?![\w])|\s?(?:million|billion)\b|m(?![\w]))?"
_TOKEN_RE = re.compile(
    rf"(?<![A-Za-z0-9])(?:(?P<sym>{_SYM})\s?(?P<a1>{_AMOUNT}){_MULT}"
    rf"(?:\s*{DASH}\s*(?:{_SYM})?\s?(?P<a2>{_AMOUNT})(?![\d%]))?"
    rf"|(?P<iso>{_ISO})\s?(?P<ia>{_AMOUNT})"
    rf"|{LEFT}(?P<pa>{_AMOUNT})\s?(?P<piso>{_ISO})\b"
    rf"|{LEFT}(?P<sa>{_AMOUNT})\s?(?P<ssym>€|£)"
    rf"|{LEFT}(?P<ca>\d+)\s?¢"
    rf"|{LEFT}(?P<wa>{NUMBER})\s+(?P<word>(?:(?P<cc>us|canadian|australian)\s+)?dollars?|bucks|euros?"
    rf"|pounds?(?P<stg>\s+sterling)?|cents?|(?:swiss\s+)?francs?))(?![\w%])"
    # The cents said after the whole amount ("thirty-eight pounds fifty", "ten dollars and fifty cents"), when
    # nothing is counted by them: the sentence goes on, or ends.
    rf"(?:\s+(?:and\s+)?(?P<wc>{NUMBER})(?:\s+(?:cents?|pence|p))?"
    rf"(?=\s*(?:$|[^\w\s]|(?:a|an|per|each|every|for|and|or|to|on|in|plus|with|at|if|when)\b)))?"
)
_MIN_M = (
    r"over|above|more\s+than|greater\s+than|exceeding|in\s+excess\s+of|starting\s+(?:at|from)|"
    r"(?:a\s+)?minimum\s+(?:order|purchase|spend|basket)(?:\s+(?:value|amount|total))?(?:\s+of)?|"
    r"(?:the\s+|a\s+)?minimum(?:\s+[a-z\-]+){1,3}?\s+(?:of|is)|"
    r"orders?\s+(?:of|over|above|totall?ing)|purchases?\s+(?:of|over|above)|"
    r"spend(?:ing|s)?(?:\s+(?:over|above|at\s+least|more\s+than))?|" + MIN_BEFORE
)
_MAX_M = (
    r"(?:the\s+|a\s+)?maximum(?:\s+[a-z\-]+){1,3}?\s+(?:of|is)|under|below|capped\s+at|"
    r"not\s+(?:to\s+)?exceed(?:ing)?|no\s+greater\s+than|" + MAX_BEFORE
)
_PREFIX_RE = re.compile(rf"\b(?:(?P<qmin>{_MIN_M})|(?P<qmax>{_MAX_M}))\s*:?\s*$")
_SUFFIX_RE = re.compile(
    r"(?P<plus>\s?\+)?(?:\s+(?P<smin>or\s+(?:more|above|over|higher|greater)|minimum|min\b\.?)"
    r"|\s+(?P<smax>or\s+(?:less|under|below|lower)|maximum|max\b\.?))?"
    r"(?:\s*/\s*(?P<slash>[a-z]+)\b|\s+per\s+(?P<per>[a-z]+)(?P<per2>\s+[a-z]+)?\b|\s+(?P<each>each|ea)\b\.?"
    r"|\s+an?\s+(?P<an>day|week|month|year|hour|night|person|item|visit|order|bag|box|piece|pair)\b"
    r"|\s+(?P<adv>monthly|annually|yearly|weekly|daily|hourly|nightly))?"
)
_GAP_RE = re.compile(rf"\s*(?:{DASH}|to|and)\s*")
_BETWEEN_RE = re.compile(r"\bbetween\s+$")
#: "from $10 up to $250": a range whose second end is said as a limit.
_FROM_RE = re.compile(r"\bfrom\s+$")
_UP_TO_GAP_RE = re.compile(r"\s*up\s+to\s*")
#: "went up from $22 to $23", "the price changes from $55 to $59": two prices, one before a change and one
#: after it, not a range.
_CHANGE_FROM_RE = re.compile(rf"\b{CHANGE_VERB}(?:\s+[a-z]+){{0,3}}?\s+from\s+$")
_PREFIX_ENDS = frozenset(
    {
        "over",
        "above",
        "than",
        "exceeding",
        "of",
        "at",
        "from",
        "spend",
        "spending",
        "spends",
        "order",
        "orders",
        "purchase",
        "purchases",
        "totaling",
        "totalling",
        "minimum",
        "min",
        "is",
        "under",
        "below",
        "to",
        "most",
        "maximum",
        "max",
        "exceed",
        "least",
        "limit",
        "basket",
        "total",
        "value",
        "amount",
    }
)
_HINT_CHARS = ("$", "€", "£", "¥", "₹", "¢", "dollar", "buck", "euro", "pound", "cent", "franc")
ISO_CODES = tuple(_ISO.upper().split("|"))
"""The ISO codes of the currencies read (capitals)."""

_SYMBOL_CCY = {
    "r$": "BRL",  # the Brazilian real
    "us$": "USD",
    "ca$": "CAD",
    "c$": "CAD",
    "au$": "AUD",
    "a$": "AUD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
}
_DOLLAR = {"US": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD"}
_PREFIX_SIGN = {"USD": "$", "EUR": "€", "GBP": "£"}
_NO_DECIMALS = frozenset({"JPY", "KRW"})
_PER_ALIAS = {
    "mo": "month",
    "mth": "month",
    "yr": "year",
    "hr": "hour",
    "wk": "week",
    "ea": "each",
    "pc": "piece",
    "pcs": "piece",
    "monthly": "month",
    "annually": "year",
    "yearly": "year",
    "weekly": "week",
    "daily": "day",
    "hourly": "hour",
    "nightly": "night",
    "annum": "year",
}
_HEADS = frozenset(
    {
        "item",
        "order",
        "line",
        "person",
        "device",
        "month",
        "year",
        "day",
        "week",
        "hour",
        "night",
        "visit",
        "bag",
        "box",
        "piece",
        "pair",
        "account",
        "user",
        "guest",
        "ticket",
        "transaction",
        "check",
        "transfer",
        "withdrawal",
        "deposit",
        "statement",
        "call",
        "minute",
        "mile",
        "unit",
        "package",
        "shipment",
        "delivery",
    }
)
_PER_STOP = frozenset({"the", "a", "an", "our", "your", "their", "this", "that", "each", "every", "cent", "and", "or"})


def dollar_currency(region: str) -> str:
    """The ISO code a bare "$" or "dollars" means in ``region``."""
    return _DOLLAR.get(region.upper(), "USD")


def symbol_currency(symbol: str, region: str) -> str | None:
    """The ISO code of a currency symbol ("$" depends on the region, "€" is EUR)."""
    sym = symbol.lower()
    return dollar_currency(region) if sym == "$" else _SYMBOL_CCY.get(sym)


def word_currency(word: str, region: str, sterling: bool = False) -> str | None:
    """The ISO code of a currency word ("dollars", "euro", "francs", "pounds" — GBP only in GB or with "sterling")."""
    w = word.lower()
    if w.startswith("pound"):
        return "GBP" if sterling or region.upper() in ("GB", "UK") else None
    if w.startswith("euro"):
        return "EUR"
    if w.startswith(("franc", "swiss")):
        return "CHF"  # the franc still in use in Europe
    return dollar_currency(region) if w.startswith(("dollar", "buck", "cent")) else None


def parse_amount(raw: str, currency: str) -> float | None:
    """A written amount ("1,299.99", "10,50" for EUR) as a number; ``None`` when ambiguous or too long to be an
    amount (a numeral of hundreds of digits)."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?", raw):
        amount = float(raw.replace(",", ""))
    elif currency != "USD" and re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+,\d{1,2}", raw):
        amount = float(raw.replace(".", "").replace(",", "."))
    else:
        return None
    return amount if math.isfinite(amount) else None


def render_money(amount: float, currency: str) -> str:
    """Canonical money text: ``$1,299.99``, ``€10.00``, ``CAD 10.00``, ``JPY 1,000``."""
    digits = f"{amount:,.0f}" if currency in _NO_DECIMALS else f"{amount:,.2f}"
    sign = _PREFIX_SIGN.get(currency)
    return f"{sign}{digits}" if sign else f"{currency} {digits}"


#: Currencies a "$" is written for (the dollars and the Mexican peso), and the capitals naming one right after a "$"
#: amount ("$700 MXN", "$35 CAD").
_DOLLAR_CODES = frozenset(_DOLLAR.values()) | {"MXN"}
_CODE_AFTER = re.compile(r"\s?([A-Z]{3})\b")


def _currency(m: re.Match[str], region: str, text: str) -> str | None:
    """The ISO code of a token match; ISO codes must be written in capitals. A "$" amount followed by the code of
    a currency written with "$" is in that currency ("$700 MXN" is Mexican pesos wherever it is read)."""
    if m.group("sym"):
        after = _CODE_AFTER.match(text, m.end()) if "$" in m.group("sym") else None
        if after and after.group(1) in _DOLLAR_CODES:
            return after.group(1)
        return symbol_currency(m.group("sym"), region)
    if m.group("iso") or m.group("piso"):
        g = "iso" if m.group("iso") else "piso"
        code = text[m.start(g) : m.end(g)]
        return code if code.isupper() else None
    if m.group("ssym"):
        return _SYMBOL_CCY[m.group("ssym")]
    if m.group("ca") is not None:
        return dollar_currency(region)
    cc = (m.group("cc") or "").lower()
    named = {"us": "USD", "canadian": "CAD", "australian": "AUD"}.get(cc)
    return named or word_currency(m.group("word"), region, bool(m.group("stg")))


def _token(m: re.Match[str], region: str, text: str) -> tuple[list[float], str] | None:
    """Amounts (one, or two for an inline range) and currency of a token match on ``fold(text)``."""
    currency = _currency(m, region, text)
    if currency is None:
        return None
    if m.group("ca") is not None:
        return [int(m.group("ca")) / 100], currency
    if m.group("wa"):
        n = parse_number(m.group("wa"))
        if n is None or (m.group("word").lower().startswith("cent") and n != int(n)):
            return None
        if m.group("word").lower().startswith("cent"):
            return [n / 100], currency
        cents = parse_number(m.group("wc")) if m.group("wc") else None
        if cents is not None and n == int(n) and cents == int(cents) and 0 < cents < 100:
            n += cents / 100
        return [n], currency
    raw = m.group("a1") or m.group("ia") or m.group("pa") or m.group("sa")
    amounts = [parse_amount(raw, currency)]
    if m.group("a2"):
        amounts.append(parse_amount(m.group("a2"), currency))
    if any(a is None for a in amounts):
        return None
    mult = (m.group("mult") or "").strip().lower()
    factor = {"k": 1e3, "m": 1e6, "million": 1e6, "billion": 1e9}.get(mult, 1.0)
    return [a * factor for a in amounts if a is not None], currency


def _per(s: re.Match[str]) -> tuple[str, int]:
    """The per-unit noun of a suffix match ("" when none) and where the fact's span should end."""
    word = s.group("slash") or s.group("per") or s.group("an") or s.group("adv") or s.group("each") or ""
    end = s.end()
    if s.group("per2"):
        second = s.group("per2").strip()
        if singular(second) in _HEADS:
            word = second
        else:
            end = s.end("per")
    if word in ("each", "ea"):
        return "each", end
    if not word or word in _PER_STOP:
        return "", end
    if word in PERSON_NOUNS:
        return "person", end  # "per passenger", "per pax", "per person": one price per head
    return _PER_ALIAS.get(word, singular(word)), end


def _prefix(low: str, start: int) -> re.Match[str] | None:
    """The threshold qualifier ending right before offset ``start`` ("orders over", "up to"), if any."""
    words = low[max(0, start - 40) : start].split()
    if not words or words[-1].rstrip(":.") not in _PREFIX_ENDS:
        return None
    return _PREFIX_RE.search(low, max(0, start - 40), start)


_Token = tuple[int, int, list[float], str]


def _merge_ranges(low: str, tokens: list[_Token]) -> list[_Token]:
    """Join "$10 - $20", "$10 to $20", "between $10 and $20" and "from $10 up to $20" into one token with two
    amounts."""
    merged: list[_Token] = []
    for tok in tokens:
        if merged and len(merged[-1][2]) == 1 and len(tok[2]) == 1 and merged[-1][3] == tok[3]:
            prev = merged[-1]
            gap = _GAP_RE.fullmatch(low, prev[1], tok[0])
            if gap is None and _FROM_RE.search(low, max(0, prev[0] - 8), prev[0]):
                gap = _UP_TO_GAP_RE.fullmatch(low, prev[1], tok[0])
            between = _BETWEEN_RE.search(low, max(0, prev[0] - 12), prev[0])
            is_and = gap is not None and gap.group().strip() == "and"
            changed = gap is not None and _CHANGE_FROM_RE.search(low, max(0, prev[0] - 60), prev[0]) is not None
            if gap is not None and (between or not is_and) and prev[2][0] < tok[2][0] and not changed:
                start = between.start() if between and is_and else prev[0]
                merged[-1] = (start, tok[1], [prev[2][0], tok[2][0]], tok[3])
                continue
        merged.append(tok)
    return merged


#: A price for a number of things ("5 follow-ups for £235", "$139 for two adults"): not the price of one. Lengths of
#: time ("3 months for $35", "$52 for 30 minutes") and measures are what one thing lasts or holds, and "for up to 5
#: quarts" a limit, not a number of things.
_NOT_THINGS = (
    r"(?:seconds|minutes|mins|hours|hrs|days|nights|weeks|months|years|points|pts|miles|percent|dollars|pounds|euros"
    r"|cents|lbs|ounces|grams|kilograms|kgs|litres|liters|gallons|quarts|qts|pints|feet|inches|yards|metres|meters"
    r"|kilometres|kilometers|kms|gb|mb|tb)"
)
_NOT_MODIFIER = r"(?:for|of|to|in|on|at|by|the|a|an|and|or|with|per|from|your|our|you|each|every)"
_BUNDLE_BEFORE = re.compile(
    rf"(?:^|[^\w$£€])(?P<n>{WHOLE_NUMBER})\s+(?:x\s+)?(?:(?!{_NOT_MODIFIER}\b)\w[\w'’-]*\s+){{0,2}}"
    rf"(?!{_NOT_THINGS}\b)[a-z][\w-]*[a-z]s\s+for\s+$"
)
_BUNDLE_AFTER = re.compile(
    rf"\s+for\s+(?P<n>{WHOLE_NUMBER})\s+(?:(?!{_NOT_MODIFIER}\b)[a-z][\w'’-]*\s+){{0,2}}?"
    rf"(?!{_NOT_THINGS}\b)[a-z][\w-]*[a-z]s\b"
)


#: A period naming what an amount is the price of, as a label right before it ("6 days: €180", "Per day: $35", "1
#: week: $90"): a column of hire prices under its period (``sources/tables.py``), or a list of them. The label starts
#: its cell, clause or bracket, or is a number of periods, and counts them ("Opening day: $10" names a day, and "Day:
#: $85" beside "Night: $135" a time of day, not a period).
PERIOD_UNITS = "minute|hour|day|night|week|month|year"
"""Regex fragment: the units a price may be for ("6 days: €180")."""
_PERIOD_LABEL = re.compile(
    r"(?:(?:^|(?<=[|(,;]))\s*(?P<n>\d{1,3}|one|a|per)\s+|(?<=\s)(?P<m>\d{1,3})\s+)"
    rf"(?P<u>{PERIOD_UNITS})s?\s*:\s*$"
)


def _period(low: str, start: int) -> tuple[str, int]:
    """The period the amount at ``start`` is labelled the price of ("day", "6 days") and where its label starts,
    or ("", ``start``)."""
    m = _PERIOD_LABEL.search(low, max(0, start - 24), start)
    if m is None:
        return "", start
    n = m.group("n") or m.group("m")
    period = m.group("u") if n in (None, "1", "one", "a", "per") else f"{n} {m.group('u')}s"
    return period, m.start() + len(m.group()) - len(m.group().lstrip())


def _bundle(low: str, start: int, end: int) -> str:
    """How many things the amount at ``low[start:end]`` is the price of, when it is a price for several ("" if
    not)."""
    m = _BUNDLE_BEFORE.search(low, max(0, start - 60), start) or _BUNDLE_AFTER.match(low, end)
    if m is None or is_label_number(low, m.start("n")):
        return ""  # "Form 4868 for individuals for $45" names a form
    n = parse_number(m.group("n"))
    return format_number(n) if n is not None and n >= 2 and n == int(n) else ""


#: Amounts of a currency written with its country's own sign, read in that country only (elsewhere "R 80" or "12 kr"
#: may be anything): the rand ("R150", "R1 250,00"), the rupee ("Rs. 500"), the Swiss franc ("Fr. 95.–", "95 Fr."),
#: the Nordic crowns ("99 kr", "kr 99") and the zloty ("49 zł"). Case matters: "R" and "Fr." are capitals.
_SPACED = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d{2})?|\d+(?:[.,]\d+)*"
_BEFORE = r"(?<![\w$]){sign}[ \u00a0]?(?P<a>{amount})(?:\.[\u2013\u2014-])?(?![\d\w])"
_AFTER = r"(?<![\w.,])(?P<b>{amount})(?:\.[\u2013\u2014-])?[ \u00a0]?{sign}(?!\w)"


def _signs(before: str, after: str) -> re.Pattern[str]:
    """The pattern of amounts with a sign written ``before`` them and/or ``after`` them (regex fragments, "" for
    neither)."""
    parts = [_BEFORE.format(sign=before, amount=_SPACED)] if before else []
    parts += [_AFTER.format(sign=after, amount=_SPACED)] if after else []
    return re.compile("|".join(parts))


_LOCAL_SIGNS: dict[str, tuple[str, re.Pattern[str]]] = {
    "ZA": ("ZAR", _signs("R", "")),
    "IN": ("INR", _signs(r"Rs\.?", "")),
    "CH": ("CHF", _signs(r"S?Fr\.", r"S?Fr\.")),
    "SE": ("SEK", _signs(r"kr\.?", r"kr\b\.?")),
    "NO": ("NOK", _signs(r"kr\.?", r"kr\b\.?")),
    "DK": ("DKK", _signs(r"kr\.?", r"kr\b\.?")),
    "PL": ("PLN", _signs("", "zł")),
}


_ROAD_BEFORE = re.compile(r"\b(?:route|road|highway|freeway|via|the|onto|off|along|take)\s+$", re.IGNORECASE)


def _local_tokens(text: str, region: str) -> list[_Token]:
    """The amounts written with the sign of ``region``'s own currency (see :data:`_LOCAL_SIGNS`)."""
    sign = _LOCAL_SIGNS.get(region.upper())
    if sign is None:
        return []
    code, pattern = sign
    tokens: list[_Token] = []
    for m in pattern.finditer(text):
        if _ROAD_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "the R44 to Stellenbosch": a road's number, not rands
        raw = m.groupdict().get("a") or m.groupdict()["b"]
        amount = parse_amount(re.sub(r"[ \u00a0\u202f]", "", raw), code)
        if amount is not None:
            tokens.append((m.start(), m.end(), [amount], code))
    return tokens


def extract_money(text: str, region: str = "US", low: str | None = None) -> list[Fact]:
    """Every money amount in ``text`` with its threshold or per-unit role."""
    low = fold(text) if low is None else low
    local = _local_tokens(text, region)
    if not local and not any(h in low for h in _HINT_CHARS) and not any(c in text for c in ISO_CODES):
        return []
    tokens: list[_Token] = []
    for m in _TOKEN_RE.finditer(low):
        got = _token(m, region, text)
        if got is not None:
            tokens.append((m.start(), m.end(), got[0], got[1]))
    if local:  # in the order of the text, as ranges are merged
        tokens = sorted(tokens + local)
    facts: list[Fact] = []
    for start, end, amounts, currency in _merge_ranges(low, tokens):
        if len(amounts) == 2 and amounts[0] >= amounts[1]:
            continue
        value = "-".join(render_money(a, currency) for a in amounts)
        pre = _prefix(low, start) if len(amounts) == 1 else None
        suf = _SUFFIX_RE.match(low, end)
        assert suf is not None  # every part of the pattern is optional: it matches, if only the empty string
        role = (
            threshold_role(
                bool(pre and pre.group("qmax")) or bool(suf.group("smax")),
                bool(pre and pre.group("qmin")) or bool(suf.group("smin") or suf.group("plus")),
            )
            if len(amounts) == 1
            else ""
        )
        per, suf_end = _per(suf)
        labelled = start
        if not per and not role and len(amounts) == 1:
            per, labelled = _period(low, start)
        if per:
            role = f"per:{per}"
        elif not role and len(amounts) == 1 and (n := _bundle(low, start, end)):
            role = f"for:{n}"
        s0 = pre.start() if pre and (pre.group("qmin") or pre.group("qmax")) else labelled
        s1 = suf_end if suf.group(0).strip() else end
        facts.append(make_fact("money", value, text, s0, s1, currency, role))
    return facts


__all__ = [
    "ISO_CODES",
    "PERIOD_UNITS",
    "SYMBOL",
    "dollar_currency",
    "extract_money",
    "parse_amount",
    "render_money",
    "symbol_currency",
    "word_currency",
]
