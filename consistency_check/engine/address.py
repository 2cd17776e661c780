"""What a link or a mailbox is named for, and when two of them are given for one purpose.

A site's pages and mailboxes are named for what they are for: ``/claims/start``,
``/outage-map``, ``rebates@``. Two different addresses on one site that name
the same thing (``/coverage`` and ``/network/coverage``; ``claimdocs@`` and
``claims-documents@``), each named in the other's statement, are two answers
to one question — one of them stale. Two addresses on one site named for
different things (``/claims/start`` and ``/claims/status``; ``billing@`` and
``privacy@``) are not, however alike the sentences that give them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from consistency_check.engine.words import terms

#: Kinds whose values are addresses: compared when they are named for the same thing.
ADDRESS_KINDS = frozenset({"email", "url"})
#: The shortest part of a compound address word that still names something ("claimdocs" holds "claim").
MIN_PART = 4
#: The shortest stem that names a part of a compound when the rest of the compound is MIN_PART long ("customer|car").
MIN_STEM = 3

_SEPARATORS = re.compile(r"[/_.+=?&#~-]+")
_EXTENSION = re.compile(r"\.(?:html?|php|aspx?|jsp|cfm)$", re.IGNORECASE)
#: Last path segments that name no page of their own ("/returns/index.html", "/en/").
_GENERIC_LEAVES = frozenset({"index", "default", "home", "main", "en", "us", "page", "overview"})
#: Ways of saying "begin something new" — "start a claim", "file a claim", "sign up", "enroll", "apply",
#: "open an account".
_BEGIN = frozenset(
    {
        "start",
        "begin",
        "fil",
        "file",
        "submit",
        "open",
        "report",
        "apply",
        "application",
        "enroll",
        "enrol",
        "enrollment",
        "enrolment",
        "signup",
        "regist",
        "register",
        "registration",
        "join",
        "new",
        "creat",
        "create",
    }
)
_SIGN_UP = re.compile(r"\bsign(?:s|ed|ing)?[\s-]*up\b", re.IGNORECASE)
_BEGIN_WORD = "start"


def _canonical(word: str) -> str:
    return _BEGIN_WORD if word in _BEGIN else word


_ADDRESS = re.compile(r"\S+@\S+|(?:https?://)?[\w.-]+\.[a-z]{2,}/\S*|https?://\S+", re.IGNORECASE)


def statement_words(text: str, kind: str) -> frozenset[str]:
    """The content words of a value's statement outside any address, every way of beginning something as one word."""
    return frozenset(_canonical(w) for w in terms(_SIGN_UP.sub(" enroll ", _ADDRESS.sub(" ", text)), kind))


@lru_cache(maxsize=1 << 14)
def address_words(value: str, kind: str) -> tuple[frozenset[str], frozenset[str]]:
    """``(leaf, every)``: the words naming the page or mailbox itself, and every word of its path or local part."""
    if kind == "email":
        segments = [value.partition("@")[0]]
    else:
        segments = [s for s in value.partition("/")[2].split("?")[0].split("#")[0].split("/") if s]
    segments = [_EXTENSION.sub("", s) for s in segments]
    while len(segments) > 1 and (segments[-1].lower() in _GENERIC_LEAVES or segments[-1].isdigit()):
        segments.pop()
    if not segments:
        return frozenset(), frozenset()

    def words(segment: str) -> frozenset[str]:
        return frozenset(_canonical(w) for w in terms(_SEPARATORS.sub(" ", _SIGN_UP.sub(" enroll ", segment)), kind))

    every: frozenset[str] = frozenset().union(*(words(s) for s in segments))
    return words(segments[-1]), every


def _match(word: str, others: frozenset[str]) -> bool:
    """``word`` is among ``others``, or one holds the other at its start or end ("claimdoc"/"claim",
    "energyrebat"/"rebat")."""
    if word in others:
        return True
    for other in others:
        short, long = (word, other) if len(word) <= len(other) else (other, word)
        if not (long.startswith(short) or long.endswith(short)):
            continue
        # A short stem ("car" of "care") names a part only of a compound whose rest is long enough to be a
        # word of its own ("customer|care"), not of a longer word it merely begins ("card", "cart").
        if len(short) >= MIN_PART or (len(short) >= MIN_STEM and len(long) - len(short) >= MIN_PART):
            return True
    return False


def host(value: str, kind: str) -> str:
    """The site or mail domain of an address, without ``www.``."""
    site = value.partition("@")[2] if kind == "email" else value.partition("/")[0]
    return site.lower().removeprefix("www.")


#: Second-level labels under which a country's domains are registered ("example.co.uk", "example.com.au").
SECOND_LEVEL = frozenset(
    {"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "nhs", "sch", "govt", "or", "ne"}
)


def site(domain: str) -> str:
    """The registered domain of a host (:func:`host`): its last two labels, or three under a country's second
    level ("book.kingsmere.org.uk" is "kingsmere.org.uk")."""
    labels = domain.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def kin(value_a: str, words_a: frozenset[str], value_b: str, words_b: frozenset[str], kind: str) -> bool:
    """Two addresses on one site named for the same thing.

    ``words_a``/``words_b`` are the words of each value's statement outside
    the address (see :func:`statement_words`). Each page or mailbox name must
    be named on the other side (in its address or its statement), and no word
    of a name may be one its own statement stresses and the other never uses:
    ``/claims/start`` and ``/claims/status`` share only a folder;
    ``/returns-policy`` given as "our returns policy" is not ``/returns``
    given to start a return, while ``/return-center`` and ``/returns`` are
    one portal.
    """
    if value_a == value_b or host(value_a, kind) != host(value_b, kind):
        return False
    leaf_a, every_a = address_words(value_a, kind)
    leaf_b, every_b = address_words(value_b, kind)
    named_a, named_b = words_a | every_a, words_b | every_b
    if not any(_match(w, named_b) for w in leaf_a) or not any(_match(w, named_a) for w in leaf_b):
        return False
    for leaf, own, other in ((leaf_a, words_a, named_b), (leaf_b, words_b, named_a)):
        if any(_match(w, own) and not _match(w, other) for w in leaf):
            return False
    # Parts of the two paths that stand in each other's place, each named by its own side's words and never by the
    # other's, name two things: ".../dev-mode-explorers/discussions" given for "Dev Mode" and
    # ".../zero-gpu-explorers/discussions" for "ZeroGPU" are two products' forums. A folder only one link has
    # ("/coverage" and "/network/coverage") is a page moved, not another page.
    return not all(
        any(_match(w, own) and not _match(w, other) for w in mine - theirs)
        for mine, theirs, own, other in ((every_a, every_b, words_a, named_b), (every_b, every_a, words_b, named_a))
    )


#: Most address pairs looked at in one group: beyond it a group's remaining pairs are not linked.
MAX_CHECKS = 20_000


def kin_pairs(values: list[str], words: list[frozenset[str]], kind: str) -> Iterator[tuple[int, int]]:
    """Index pairs of kin addresses among ``values`` (their statements' words in ``words``).

    One pair is enough for two values; at most ``MAX_CHECKS`` pairs are
    looked at, so the cost stays bounded whatever the group's size.
    """
    by_value: dict[tuple[str, str], list[int]] = {}
    for i, value in enumerate(values):
        by_value.setdefault((host(value, kind), value), []).append(i)
    keys = sorted(by_value)
    checks = 0
    for pos, (site, value) in enumerate(keys):
        for other_site, other in keys[pos + 1 :]:
            if other_site != site:
                break
            found = False
            for i in by_value[site, value]:
                for j in by_value[other_site, other]:
                    checks += 1
                    if checks > MAX_CHECKS:
                        return
                    if kin(value, words[i], other, words[j], kind):
                        yield i, j
                        found = True
                        break
                if found:
                    break


#: A path part or query value that numbers a document rather than naming it: digits ("issues/6641", "articles/
#: 360015"), or a token of letters and digits at least six long ("watch?v=7zmg5PEnwR0").
_IDENTIFIER = re.compile(r"\d{3,}|(?=[a-z_-]*\d)(?=\d*[a-z_-])[a-z0-9_-]{6,}", re.IGNORECASE)


def _parts(url: str) -> tuple[list[str], list[str]]:
    """A URL's host and path parts, and its query's ``name=value`` parts in order of name."""
    path, _, query = url.split("://", 1)[-1].rstrip("/").partition("?")
    return path.split("/"), sorted(query.split("&")) if query else []


def numbered_apart(value_a: str, value_b: str) -> bool:
    """Whether two links differ only as two documents of one series do, not as one page given two ways: the same
    host and path but for parts that number them (two issues, two articles, two videos), or the same page asked
    with other options ("/models" and "/models?provider=all")."""
    path_a, query_a = _parts(value_a)
    path_b, query_b = _parts(value_b)
    if path_a == path_b:
        return True
    if len(path_a) != len(path_b) or len(query_a) != len(query_b) or path_a[0] != path_b[0]:
        return False
    differ = [(x, y) for x, y in zip(path_a + query_a, path_b + query_b, strict=True) if x != y]
    for x, y in differ:
        name_x, _, x_value = x.rpartition("=")
        name_y, _, y_value = y.rpartition("=")
        if name_x != name_y or not _IDENTIFIER.fullmatch(x_value) or not _IDENTIFIER.fullmatch(y_value):
            return False
    return bool(differ)
