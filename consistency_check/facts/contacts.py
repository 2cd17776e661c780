"""Contact points: phone numbers, email addresses and web addresses.

* phone — E.164 via ``phonenumbers`` ("1-800-555-0100" → ``+18005550100``),
  found with leniency VALID (which accepts the fictional 555-01xx range; the
  United Kingdom's ranges for fiction that it does not accept are read too) and
  only in text holding at least seven digits; an extension is appended as
  ``;ext=12``. Toll-free vanity numbers ("1-800-FLOWERS") are converted.
* email — lowercased ``help@example.com``.
* url — scheme, "www." default ports, fragment and trailing slash dropped,
  host lowercased, path and query kept: ``example.com/returns``. Bare
  domains need a well-known top-level domain ("example.com/returns").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import phonenumbers

from consistency_check.facts.common import fold, make_fact
from consistency_check.model import Fact

_DIGIT_RE = re.compile(r"\d")
_RUN_RE = re.compile(r"\d[\d\s().\-\u2010-\u2015]{5,}\d")
_VANITY_RE = re.compile(
    r"(?<![\w\-])(?:\+?1[\-. ]?)?\(?(?P<area>8(?:00|33|44|55|66|77|88))\)?[\-. ]?"
    r"(?P<rest>(?=[A-Z0-9\-]*[A-Z])[A-Z0-9]{3}-?[A-Z0-9]{4}[A-Z]{0,3})(?![\w\-])"
)
_EMAIL_RE = re.compile(
    r"(?<![\w.+\-])(?P<email>[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})(?![\w\-])"
)
_TLDS = (
    "com|org|net|edu|gov|mil|int|io|co|us|uk|ca|au|de|fr|es|it|nl|be|ch|at|se|no|dk|fi|ie|nz|in|jp|cn|br|mx"
    "|eu|info|biz|shop|store|app|help|support|online|site|ai|me|tv|dev|page|blog|news|club|global|xyz|example"
)
_URL_RE = re.compile(
    r"(?P<url>\b(?:https?|ftp)://[^\s<>\"'`]+|(?<![\w@.\-/])www\.[^\s<>\"'`]+"
    rf"|(?<![\w@.\-/])(?:[a-z0-9\-]+\.)+(?:{_TLDS})(?![\w\-@])(?::\d{{1,5}})?(?:/[^\s<>\"'`]*)?)"
)
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://")
_URL_HINT_RE = re.compile(rf"://|www\.|\.(?:{_TLDS})\b")
_TRAIL = ".,;:!?'\"”’»]}>"
_DEFAULT_PORTS = {"http": "80", "https": "443", "ftp": "21", "": ""}


_LABEL_RE = re.compile(r"[a-z]+|#")
_ID_WORDS = frozenset(
    {
        "order",
        "orders",
        "sku",
        "ref",
        "reference",
        "account",
        "acct",
        "invoice",
        "tracking",
        "confirmation",
        "case",
        "ticket",
        "item",
        "model",
        "serial",
        "po",
        "id",
        "isbn",
        "upc",
        "ean",
        "membership",
    }
)


def _is_identifier(text: str, start: int) -> bool:
    """Whether the digits at ``start`` follow a '#' or an ID label ("Order #212...", "SKU 212...", "Ref no. 212...")."""
    words = _LABEL_RE.findall(text[max(0, start - 30) : start].lower())
    if not words:
        return False
    if words[-1] == "#":
        return True
    if words[-1] in ("no", "number", "num", "nr") and len(words) > 1:
        return words[-2] in _ID_WORDS
    return words[-1] in _ID_WORDS


def _phone_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of ``text`` around digit runs holding at least seven digits (where a phone number can be)."""
    out: list[tuple[int, int]] = []
    if len(_DIGIT_RE.findall(text)) < 7:
        return out
    for run in _RUN_RE.finditer(text):
        if len(_DIGIT_RE.findall(run.group())) < 7:
            continue
        lo = max(0, text.rfind(" ", 0, max(0, run.start() - 8)) + 1)
        hi = min(len(text), run.end() + 24)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


#: Lines that are not called by voice: a fax number or a text telephone is a different contact from the phone
#: line beside it ("fax the papers to 1-866-900-6417", "TTY: 711").
_LINE_WORDS = (
    ("fax", re.compile(r"\b(?:fax(?:ed|es|ing)?|facsimile)\b")),
    ("tty", re.compile(r"\b(?:tty|tdd|teletype)\b")),
)
_VOICE_RE = re.compile(r"\b(?:call(?:s|ed|ing)?|phone|tel|telephone|voice)\b")
_LINE_BREAK_RE = re.compile(r"[.;!?\n|]|\d")
_LINE_BEFORE = 90
_LINE_AFTER = 8


def _line_role(text: str, start: int, end: int) -> str:
    """``fax`` or ``tty`` when the words right before a number (in its clause, after any other number) or right
    after it name such a line and no word there calls it by voice; ``""`` otherwise."""
    window = text[max(0, start - _LINE_BEFORE) : start].lower()
    cut = max((m.end() for m in _LINE_BREAK_RE.finditer(window)), default=0)
    around = window[cut:] + " " + text[end : end + _LINE_AFTER].lower().split(")")[0]
    if _VOICE_RE.search(around):
        return ""
    return next((role for role, words in _LINE_WORDS if words.search(around)), "")


#: Numbers Ofcom keeps for fiction that the numbering plan (and so ``phonenumbers``) leaves unallocated, by country
#: code: the national numbers' first digits ("01632 960xxx", "07700 900xxx", "0115 496 0xxx"). Examples, training
#: material and test content use them as North America's use 555-01xx, which ``phonenumbers`` reads as valid.
FICTIONAL: dict[int, tuple[str, ...]] = {44: ("1632960", "7700900", "1154960")}
_NOT_DIGIT_RE = re.compile(r"\D")


def _fictional(number: phonenumbers.PhoneNumber) -> bool:
    prefixes = FICTIONAL.get(number.country_code or 0)
    return prefixes is not None and str(number.national_number).startswith(prefixes)


def _matches(text: str, region: str) -> Iterator[phonenumbers.PhoneNumberMatch]:
    """The phone numbers of ``text``: valid ones, and (when the text may hold one) the reserved :data:`FICTIONAL`
    and numbers written in international form ("+212 539 00 47 12": a plus, a country code and a number of a
    possible length for it, which the numbering plan may not have allocated yet, or ever, in an example)."""
    found = set()
    for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
        found.add(m.start)
        yield m
    digits = _NOT_DIGIT_RE.sub("", text)
    fictional = any(p[:4] in digits for prefixes in FICTIONAL.values() for p in prefixes)
    if fictional or "+" in text:
        for m in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.POSSIBLE):
            if m.start not in found and (_fictional(m.number) or _international(m)):
                yield m


def _international(m: phonenumbers.PhoneNumberMatch) -> bool:
    """Whether a match is written in international form: a plus, its country code, and at least eight digits."""
    raw = m.raw_string.lstrip()
    return raw.startswith("+") and len(_NOT_DIGIT_RE.sub("", raw)) >= 8 and m.number.country_code != 1


#: Two short numbers joined by a slash: "24/7", a day and month ("25/12"). Read as a phone number's last digits where
#: numbers run to different lengths ("+43 1 555 0187 24/7": Vienna's numbers take extensions as digits), they are not
#: dialled. An area code written before a slash ("030/1234567") runs on to more digits.
_FRACTION_RE = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def extract_phones(text: str, region: str = "US") -> list[Fact]:
    """Every phone number in ``text`` as E.164 (see the module docstring); role ``fax`` or ``tty`` for a fax number or
    a text telephone (see :func:`_line_role`)."""
    facts: list[Fact] = []
    for lo, hi in _phone_windows(text):
        for m in _matches(_FRACTION_RE.sub(_blank, text[lo:hi]), region):
            if _is_identifier(text, lo + m.start):
                continue
            value = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
            if m.number.extension:
                value += f";ext={m.number.extension}"
            end = lo + m.end
            while end > lo + m.start + 1 and not text[end - 1].isdigit():
                end -= 1  # an extension marker with no digits ("555-0100x") is not part of the number
            facts.append(make_fact("phone", value, text, lo + m.start, end, "", _line_role(text, lo + m.start, end)))
    if "8" in text and (region.upper() in ("US", "CA") or "1-8" in text):
        for v in _VANITY_RE.finditer(text):
            rest = v.group("rest").replace("-", "")[:7]
            digits = phonenumbers.convert_alpha_characters_in_number(rest)
            try:
                number = phonenumbers.parse(f"+1{v.group('area')}{digits}", None)
            except phonenumbers.NumberParseException:  # pragma: no cover - the regex admits digits only
                continue
            if phonenumbers.is_valid_number(number):
                value = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                facts.append(
                    make_fact("phone", value, text, v.start(), v.end(), "", _line_role(text, v.start(), v.end()))
                )
    return facts


def extract_emails(text: str) -> list[Fact]:
    """Every email address in ``text``, lowercased."""
    if "@" not in text:
        return []
    out: list[Fact] = []
    for m in _EMAIL_RE.finditer(text):
        out.append(make_fact("email", m.group("email").lower(), text, m.start("email"), m.end("email")))
    return out


def normalise_url(raw: str) -> str | None:
    """``example.com/returns`` from any spelling of a web address; ``None`` when there is no host."""
    has_scheme = bool(_SCHEME_RE.match(raw))  # "://" later in the path is not a scheme
    try:
        parts = urlsplit(raw if has_scheme else f"//{raw}")
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    if not host or "." not in host:
        return None
    if host.startswith("www."):
        host = host[4:]
    scheme = parts.scheme.lower()
    if port is not None and str(port) not in (_DEFAULT_PORTS.get(scheme, ""), "80", "443"):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def _trim(raw: str) -> str:
    """A URL without trailing sentence punctuation (and without an unbalanced closing bracket)."""
    while raw:
        if raw[-1] in _TRAIL or (raw[-1] == ")" and raw.count("(") < raw.count(")")):
            raw = raw[:-1]
        else:
            break
    return raw


def extract_urls(text: str, low: str | None = None) -> list[Fact]:
    """Every web address in ``text`` (not email addresses), normalised."""
    low = fold(text) if low is None else low
    if not _URL_HINT_RE.search(low):
        return []
    out: list[Fact] = []
    for m in _URL_RE.finditer(low):
        raw = _trim(text[m.start("url") : m.end("url")])
        if "@" in raw.split("?", 1)[0]:
            continue
        if _template(text, raw, m.start() + len(raw)):
            continue
        value = normalise_url(raw)
        if value is not None:
            out.append(make_fact("url", value, text, m.start(), m.start() + len(raw)))
    return out


#: A path part that stands for something the reader fills in: "<your-package-name>", "{id}", ":user",
#: "*package-name*", "YOUR_ORG", "your-team", and the generic names of a thing or its owner ("username",
#: "dataset-name", "repo_id", "org-name").
_PLACEHOLDER = re.compile(
    r"[{}\[\]*%]|^:[a-z_]|^your[\-_]?|^(?:x{3,}|\.\.\.)$"
    r"|^(?:user|org|organi[sz]ation|team|account|project|repo|repository|dataset|model|space|app|package|bucket"
    r"|file|site)?[\-_]?(?:name|id)$",
    re.IGNORECASE,
)


def _template(text: str, raw: str, end: int) -> bool:
    """Whether the address ``raw`` (ending at ``end`` in ``text``) is a pattern to fill in, not an address: a part
    of its path is a placeholder, it runs on into one ("https://example.com/package/<your-package-name>"), or
    its sentence says to replace a part of it ("replacing package-name with the name of your package")."""
    if text[end : end + 1] in ("<", "{", "["):
        return True
    path = raw.split("://", 1)[-1].split("?", 1)[0].split("/")[1:]
    parts = [p for p in path if p]
    if any(_PLACEHOLDER.search(p) for p in parts):
        return True
    low = text.lower()
    if "replac" not in low and " where " not in low:
        return False
    return any(
        re.search(
            rf"(?:replac\w*\s+(?:the\s+)?[*_`<\"'“]*{re.escape(p.lower())}|\bwhere\s+[*_`<\"'“]*{re.escape(p.lower())}"
            rf"[*_`>\"'”]*\s+is)\b",
            low,
        )
        for p in parts
        if len(p) > 2
    )


__all__ = ["extract_emails", "extract_phones", "extract_urls", "normalise_url"]
