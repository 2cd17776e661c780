"""Statements in Spanish, French, Portuguese and German, read as English by the English extractors.

Each language is a table of data (``languages/<code>.yaml``): number words, units, day and month
names, qualifiers ("dentro de" = "within", "bis zu" = "up to"), how prices are written (decimal
comma, "45 $", "R$"), how clock times are written ("20 h", "8–20 Uhr", "8:00 p. m.") and which
words join a range ("de lunes a viernes", "von 8 bis 20 Uhr"). :func:`bridge` rewrites a text
with that table into the English the extractors read ("dentro de 30 días hábiles" → "within 30
business days", "14,99 € al mes" → "14.99 € per month"), keeping for every character of the
rewritten text the range of the original it came from, so each fact keeps its own words and span.
A language without a table is read as written.

The rewriting runs in steps, each on what the one before left: numbers and currencies, clock
times, day and month names, the words that join a range of days or times, dates, then every
other phrase of the table, longest first. Phrases match whole words in any case, with or without
their accents; a day's abbreviation ("Mo", "mié", "sex") is read only beside another day or a
time, since alone it is an ordinary word ("mar" is also the sea).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

#: Where the language tables live (inside the package, beside this module).
LANGUAGES_DIR = Path(__file__).resolve().parent / "languages"

_SECTIONS = ("numbers", "units", "months", "phrases")

_EN_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)s?"
_TIME = r"\d{1,2}(?::\d\d)?(?:\s?[ap]m\b)?"
_DASH = "[-\u2010\u2011\u2012\u2013\u2014]"


def strip_accents(text: str) -> str:
    """``text`` without combining accents ("días" → "dias", "Jänner" → "Janner")."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def language_of(locale: str) -> str:
    """The language of a locale tag: "es-MX" → "es", "pt_BR" → "pt", "" → ""."""
    return locale.replace("_", "-").split("-")[0].strip().lower()


def country_of(locale: str) -> str:
    """The country of a locale tag: "de-DE" → "DE", "pt_BR" → "BR", "es" → ""."""
    parts = locale.replace("_", "-").split("-")
    return parts[1].upper() if len(parts) > 1 and len(parts[1]) == 2 and parts[1].isalpha() else ""


def _key(phrase: str) -> str:
    return " ".join(strip_accents(phrase).casefold().replace("’", "'").split())


@dataclass(frozen=True)
class Language:
    """One language's table, compiled."""

    code: str
    name: str
    decimal_comma: bool
    words: dict[str, str]  # folded phrase -> English (numbers, units, months, phrases)
    days: dict[str, str]  # folded day name -> English
    written: tuple[str, ...]  # the phrases of ``words`` as the table writes them (accents and all)
    day_names: tuple[str, ...]  # the days as the table writes them
    abbreviations: dict[str, str]  # as the table writes them (matched in their own case)
    day_of: dict[str, str]  # folded abbreviation -> English day
    range_from: tuple[str, ...]
    range_to: tuple[str, ...]
    articles: tuple[str, ...]
    stopwords: tuple[str, ...]
    date_joiners: tuple[str, ...]
    clock_suffixes: tuple[str, ...]
    clock_before: tuple[str, ...]
    am: tuple[str, ...]
    pm: tuple[str, ...]
    ordinals: tuple[str, ...]
    currencies: dict[str, str]
    currency_of: dict[str, str]  # folded sign -> English sign or code
    yes_no: dict[str, str] = field(default_factory=dict)  # folded phrase -> the English a yes/no is read in
    yes_no_written: tuple[str, ...] = ()  # the phrases of ``yes_no`` as the table writes them


def _phrases_re(phrases: list[str], case: bool = False, left: bool = True) -> str:
    """An alternation of ``phrases`` (and their forms without accents), longest first, as whole words
    (``left=False``: also right after a letter or digit, as "h" in "8h30"). With ``case``, a phrase
    matches as written, capitalised or in capitals only (the pattern is then compiled without ``re.I``)."""
    forms: set[str] = set()
    for p in phrases:
        for form in (p, strip_accents(p), p.replace("'", "’"), p.replace("’", "'")):
            forms.add(form)
            if case:
                forms.update({form.upper(), form[:1].upper() + form[1:]})
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    alternation = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in ordered)
    if not ordered:
        return r"(?!x)x"
    return (r"(?<![\w$])" if left else "") + rf"(?:{alternation})(?![\w])"


def _load(path: Path) -> Language:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    words: dict[str, str] = {}
    written: list[str] = []
    for section in _SECTIONS:
        for phrase, english in (data.get(section) or {}).items():
            words[_key(str(phrase))] = str(english)
            written.append(str(phrase))
    days = {str(k): str(v) for k, v in (data.get("days") or {}).items()}
    abbreviations = {str(k): str(v) for k, v in (data.get("day_abbreviations") or {}).items()}
    currencies = {str(k): str(v) for k, v in (data.get("currencies") or {}).items()}
    rng = data.get("range") or {}
    clock = data.get("clock") or {}
    return Language(
        code=str(data["language"]),
        name=str(data.get("name", data["language"])),
        decimal_comma=bool(data.get("decimal_comma", False)),
        words=words,
        days={_key(k): v for k, v in days.items()},
        written=tuple(written),
        day_names=tuple(days),
        abbreviations=abbreviations,
        day_of={_key(k): v for k, v in abbreviations.items()},
        range_from=tuple(rng.get("from") or ()),
        range_to=tuple(rng.get("to") or ()),
        articles=tuple(data.get("articles") or ()),
        stopwords=tuple(str(w) for w in data.get("stopwords") or ()),
        date_joiners=tuple(data.get("date_joiners") or ()),
        clock_suffixes=tuple(clock.get("suffixes") or ()),
        clock_before=tuple(clock.get("before") or ()),
        am=tuple(clock.get("am") or ()),
        pm=tuple(clock.get("pm") or ()),
        ordinals=tuple(str(o) for o in data.get("ordinals") or ()),
        currencies=currencies,
        currency_of={_key(k): v for k, v in currencies.items()},
        yes_no={_key(str(k)): str(v) for k, v in (data.get("yes_no") or {}).items()},
        yes_no_written=tuple(str(k) for k in data.get("yes_no") or {}),
    )


def function_words() -> frozenset[str]:
    """The function words of every language with a table, in lower case, with and without their accents."""
    return frozenset(
        form
        for lang in languages().values()
        for word in lang.stopwords
        for form in (word.lower(), strip_accents(word.lower()))
    )


@cache
def languages() -> dict[str, Language]:
    """Every language with a table, by its code ("es", "fr", "pt", "de")."""
    found = {}
    for path in sorted(LANGUAGES_DIR.glob("*.yaml")):
        lang = _load(path)
        found[lang.code] = lang
    return found


class _Text:
    """A text being rewritten, with the original range each of its characters stands for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = list(range(len(text)))
        self.ends = list(range(1, len(text) + 1))

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str | None]) -> None:
        """Replace each match of ``pattern`` by ``repl(match)`` (``None`` leaves the match as it is)."""
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        last = 0
        for m in pattern.finditer(self.text):
            new = repl(m)
            a, b = m.span()
            if new is None or b == a:
                continue
            pieces.append(self.text[last:a])
            starts.extend(self.starts[last:a])
            ends.extend(self.ends[last:a])
            pieces.append(new)
            starts.extend([self.starts[a]] * len(new))
            ends.extend([self.ends[b - 1]] * len(new))
            last = b
        if not pieces:
            return
        pieces.append(self.text[last:])
        starts.extend(self.starts[last:])
        ends.extend(self.ends[last:])
        self.text = "".join(pieces)
        self.starts, self.ends = starts, ends


@dataclass(frozen=True)
class Bridged:
    """A text read as English: ``text``, and for each span of it the span of the original."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def origin(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[max(start, end - 1)]


@dataclass(frozen=True)
class _Patterns:
    number: re.Pattern[str]
    currency: re.Pattern[str]
    trailing_symbol: re.Pattern[str]
    am_pm: re.Pattern[str]
    clock_range: re.Pattern[str]
    clock: re.Pattern[str]
    days: re.Pattern[str]
    abbreviation: re.Pattern[str]
    range: re.Pattern[str]
    lead: re.Pattern[str]
    date: re.Pattern[str]
    numeric_date: re.Pattern[str]
    words: re.Pattern[str]


_NEVER = r"(?!x)x"
#: A clock time once the clock step has written it ("8:00", "20:00", "8 pm").
_CLOCK = r"\d{1,2}:\d\d|\d{1,2}\s?[ap]m\b"
_SWISS_ROUND = re.compile(r"(?<![\d.,])(\d+)\.[\u2013\u2014-](?![\d\w])")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _any(phrases: tuple[str, ...] | list[str], **kw: bool) -> str:
    return _phrases_re(list(phrases), **kw) if phrases else _NEVER


@cache
def _patterns(code: str) -> _Patterns:
    lang = languages()[code]
    suffix = _any(lang.clock_suffixes, left=False).replace(r"(?![\w])", r"(?![^\W\d])")
    sep = r"[.:h]" if "h" in lang.clock_suffixes else r"[.:]"
    hm = rf"(\d{{1,2}})(?:{sep}(\d{{2}}))?"
    joiner = _any(lang.range_to)
    abbr = _any(list(lang.abbreviations), case=True)
    day_any = rf"(?:{_EN_DAYS}|{abbr})"
    art = rf"(?:{_any(lang.articles)}\s+)?"
    ordinal = "|".join(re.escape(o) for o in sorted(lang.ordinals, key=len, reverse=True)) or _NEVER
    joiners = _any(lang.date_joiners)
    comma = r"(?:\.\d{3})+(?:,\d+)?|,\d+" if lang.decimal_comma else _NEVER
    am, pm = _any(lang.am, left=False), _any(lang.pm, left=False)
    closed = _any([w for w in lang.written if lang.words[_key(w)] == "closed"])
    sign = "|".join(re.escape(c) for c in sorted(lang.currencies, key=len, reverse=True)) or _NEVER
    return _Patterns(
        number=re.compile(
            r"(?<![\d.,])\d{1,3}(?:(?:[\u00a0\u202f']\d{3})+|(?: \d{3})+(?=,\d|\s?[€$]))(?:,\d+)?(?!\d)"
            rf"|(?<![\d.,])\d+(?:{comma})(?!\d)"
        ),
        currency=re.compile(rf"(?:{sign})\s*(?=\d)|(?<=\d)\s?(?:{sign})(?![\w$])", re.I),
        trailing_symbol=re.compile(r"(?<![\w$€£])(\d[\d.,]*)\s?([$€£]|R\$|US\$)(?![\w$€£])"),
        am_pm=re.compile(rf"(\d{{1,2}}(?::\d\d)?)\s*(?:(?P<am>{am})|(?P<pm>{pm}))", re.I),
        clock_range=re.compile(
            rf"(?<![\d:.,]){hm}\s*(?:{suffix})?\s*(?:{_DASH}|{joiner})\s*{art}{hm}(?:\s*(?:{suffix}))?(?![\d:]|[.,]\d)",
            re.I,
        ),
        clock=re.compile(rf"(?<![\d:.,])(\d{{1,2}})(?:\s?(?:{suffix})\s?(\d{{2}})(?!\d)|\s?(?:{suffix}))", re.I),
        days=re.compile(_any(lang.day_names), re.I),
        abbreviation=re.compile(
            rf"{abbr}\.?(?=\s*(?:{_DASH}|/|,|{joiner})\s*{day_any}|:?\s+(?:{_CLOCK}|{closed}))"
            rf"|(?<=[-\u2013/,]){abbr}\.?|(?<=[-\u2013/,] ){abbr}\.?"
        ),
        range=re.compile(
            rf"(?:(?P<f>{_any(lang.range_from)})\s+{art})?(?P<a>{day_any}|{_TIME})\s*(?P<t>{joiner})\s+{art}"
            rf"(?P<b>{day_any}|{_TIME})",
            re.I,
        ),
        lead=re.compile(rf"{_any(lang.range_from)}\s+{art}(?=\d{{1,2}}:\d\d\s?-\s?\d)", re.I),
        date=re.compile(
            rf"(?:(?P<u>up to)\s+)?(?<![\d.])(?P<d>\d{{1,2}})(?:{ordinal})?\s*(?:{joiners}\s+)?"
            rf"(?P<m>{'|'.join(_MONTHS)})"
            rf"(?:\s*(?:{joiners}\s+)?(?P<y>\d{{4}}))?(?!\d)"
        ),
        numeric_date=re.compile(r"(?<![\d.,/])(\d{1,2})([./])(\d{1,2})\2(\d{4})(?![\d.,/])"),
        words=re.compile(_any(lang.written), re.I),
    )


def _number(m: re.Match[str], decimal_comma: bool) -> str:
    raw = m.group()
    whole, _, frac = raw.partition(",") if decimal_comma else (raw, "", "")
    whole = re.sub(r"[.\u00a0\u202f' ]", "", whole)
    return f"{whole}.{frac}" if frac else whole


def bridge(text: str, lang: str) -> Bridged | None:
    """``text`` in ``lang`` read as English, or ``None`` when ``lang`` has no table (or is English)."""
    if lang not in languages():
        return None
    table = languages()[lang]
    pats = _patterns(lang)
    t = _Text(text)
    # Day names, then clock times: "8.30 Uhr" is a time, not a decimal number, and so is "9 h" after "samedi".
    t.sub(pats.days, lambda m: table.days.get(_key(m.group())))
    t.sub(pats.am_pm, lambda m: f"{m.group(1)} {'am' if m.group('am') else 'pm'}")
    t.sub(pats.numeric_date, _numeric_date)
    t.sub(pats.clock_range, lambda m: _clock_range(m, t.text, table))
    t.sub(pats.clock, lambda m: _clock(m, t.text, table))
    t.sub(pats.abbreviation, lambda m: table.day_of.get(_key(m.group().rstrip("."))))
    t.sub(_SWISS_ROUND, lambda m: f"{m.group(1)}.00")  # "Fr. 185.–"
    t.sub(pats.number, lambda m: _number(m, table.decimal_comma))
    t.sub(pats.currency, lambda m: f" {table.currency_of.get(_key(m.group().strip()), m.group().strip())} ")
    t.sub(pats.trailing_symbol, lambda m: f"{m.group(2)}{m.group(1)}")  # "45 $" is "$45", "14.99 €" is "€14.99"
    t.sub(pats.range, lambda m: f"{'from ' if m.group('f') else ''}{m.group('a')} to {_day(m.group('b'), table)}")
    t.sub(pats.words, lambda m: table.words.get(_key(m.group())))
    t.sub(pats.lead, lambda m: "")
    t.sub(pats.date, _date)
    return Bridged(t.text, tuple(t.starts), tuple(t.ends))


@cache
def _yes_no_pattern(code: str) -> re.Pattern[str]:
    return re.compile(_any(languages()[code].yes_no_written), re.I)


def yes_no_bridge(text: str, lang: str) -> Bridged | None:
    """``text`` in ``lang`` with the words that say yes or no of something read as English ("no está incluido" →
    "not está included", "nicht erstattungsfähig" → "non-refundable"), its other words as written (they say what
    the yes or no is of, in their own language); ``None`` when ``lang`` has no such words (or is English)."""
    table = languages().get(lang)
    if table is None or not table.yes_no:
        return None
    t = _Text(text)
    t.sub(_yes_no_pattern(lang), lambda m: table.yes_no.get(_key(m.group())))
    return Bridged(t.text, tuple(t.starts), tuple(t.ends))


def _day(word: str, table: Language) -> str:
    """A day's abbreviation in English ("sexta" → "Friday"); anything else as it is."""
    return table.day_of.get(_key(word.rstrip(".")), word)


def _hm(hour: str, minute: str | None) -> str | None:
    h = int(hour)
    mm = int(minute) if minute else 0
    if h > 24 or mm > 59:
        return None
    return f"{h}:{mm:02d}"


def _clock_range(m: re.Match[str], text: str, table: Language) -> str | None:
    """A range of clock times as "8:00-20:00": "8–20 Uhr", "de 8 h à 20 h", "8h00-20h00".

    "12 à 24 h" stays hours unless a word before names a time ("de", "samedi"), and "3.50-4.50" (no
    suffix, no clock separator) is not a time.
    """
    written = m.group().casefold()
    if not re.search(r"\d\s?(?:h|uhr)\b|\d[:h]\d", written):
        return None
    if not (m.group(2) or m.group(4) or "uhr" in written or _after(text, m.start(), table)):
        return None
    a, b = _hm(m.group(1), m.group(2)), _hm(m.group(3), m.group(4))
    return f"{a}-{b}" if a and b else None


def _after(text: str, start: int, table: Language) -> bool:
    """Whether a word that leads to a clock time ("à", "um", "de" of a range) ends just before ``start``."""
    before = _key(text[max(0, start - 16) : start])
    if re.search(rf"{_EN_DAYS}[:,]?$", before, re.I):
        return True
    word = re.search(r"(\w+)\.?:?$", before)
    if word and word.group(1) in table.day_of:
        return True
    return any(before.endswith(" " + _key(w)) or before == _key(w) for w in (*table.clock_before, *table.range_from))


def _date(m: re.Match[str]) -> str:
    year = f" {m.group('y')}" if m.group("y") else ""
    return f"{'until ' if m.group('u') else ''}{m.group('d')} {m.group('m')}{year}"


def _numeric_date(m: re.Match[str]) -> str | None:
    """Numeric dates, day first, as words: "01.12.2026" and "1/12/2026" are "1 December 2026"."""
    day, month = int(m.group(1)), int(m.group(3))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{day} {_MONTHS[month - 1]} {m.group(4)}"


def _clock(m: re.Match[str], text: str, table: Language) -> str | None:
    """A clock time as "20:00": "20 h", "8h30", "20 Uhr"; "48 h" is hours unless a time is meant."""
    hour, minute = m.group(1), m.group(2)
    if minute is None and "uhr" not in m.group().casefold() and not _after(text, m.start(), table):
        return f"{hour} hours"  # "sous 48 h", "24 h"
    return _hm(hour, minute)


__all__ = ["LANGUAGES_DIR", "Bridged", "Language", "bridge", "country_of", "language_of", "languages", "strip_accents"]
