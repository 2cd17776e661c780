"""Which language a text is in, from its function words, when nothing else says.

The articles, prepositions, pronouns and auxiliaries of a language are most of its running words and few of
another's: each language with a table lists them (``stopwords:`` in ``languages/<code>.yaml``), and English, the
language read without a table, has its own list here. A word counts for every language it is a function word
of, shared out among them ("de" is Spanish, French and Portuguese: a third to each), so the words languages
share weigh little and the ones only one language has decide. A language is detected when its words are enough
to tell (:data:`MIN_WORDS`) and outweigh every other's :data:`MARGIN` times; otherwise nothing is said and the
configuration's locale stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from consistency_check.facts.bridge import languages, strip_accents

#: English's function words (those other languages write alike, "a", "in", "on", "no", count for each of them).
ENGLISH = frozenset(
    """a an the and of to in on at as is are be been was were will would can could should must may you your yours
    we our ours us they their them it its this that these those with for from by into onto about after before
    until within between during without than then there here which who whom whose what when where why how not no
    any all each every some such other only also just very more most less if or but so do does did has have had
    """.split()
)
#: Function words a text needs, weighed, to tell its language.
MIN_WORDS = 3.0
#: How many times the weight of the next language the detected one's must be.
MARGIN = 2.0
#: Function words of the usual language, and the most of the others' beside them (a share), from which a file is
#: plainly in it.
PLAIN = 20.0
STRAY = 0.05
#: A word of prose: letters not run into digits, not part of an address, a path or a domain ("example.com/de/la"
#: holds no word), not a currency's letters ("C$") and not right after a number (where "am" is a time, not German).
#: A word in capitals is an abbreviation ("ET" is a time zone, not French "et").
_WORD = re.compile(r"(?<![\w./@\\\-])(?<!\d\s)[^\W\d_]+(?:['’][^\W\d_]+)?(?![\w/@\\$]|\.\w)")


@cache
def _weights() -> dict[str, dict[str, float]]:
    """For each function word (lower case, accents kept and stripped), each language's share of it."""
    owners: dict[str, set[str]] = {}
    for word in ENGLISH:
        owners.setdefault(word, set()).add("en")
    for code, table in languages().items():
        for word in table.stopwords:
            for form in {word.lower(), strip_accents(word.lower())}:
                owners.setdefault(form, set()).add(code)
    return {word: {code: 1.0 / len(codes) for code in codes} for word, codes in owners.items()}


def language_weights(text: str) -> dict[str, float]:
    """How much of each language the function words of ``text`` are (a word shared by n languages: 1/n each)."""
    weights = _weights()
    found: dict[str, float] = {}
    for word in _WORD.findall(text):
        if len(word) > 1 and word.isupper():
            continue
        word = word.lower()
        for code, share in weights.get(word, {}).items():
            found[code] = found.get(code, 0.0) + share
    return found


def add_weights(many: Iterable[dict[str, float]]) -> dict[str, float]:
    """The weights of several texts together."""
    total: dict[str, float] = {}
    for weights in many:
        for code, weight in weights.items():
            total[code] = total.get(code, 0.0) + weight
    return total


def language_of_weights(weights: dict[str, float]) -> str:
    """The language ("en", "es", "fr", "pt", "de") function words of these weights are of, or "" when they do not
    tell: too few, or no language far ahead of the next."""
    ranked = sorted(weights.items(), key=lambda kv: -kv[1])[:2]
    if not ranked or ranked[0][1] < MIN_WORDS:
        return ""
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    return ranked[0][0] if ranked[0][1] >= MARGIN * runner_up else ""


def detect_languages(texts: list[str], usual: str) -> list[str]:
    """The language of each of one file's texts: its own when its words tell, else the whole file's, else "".

    A file whose first texts are plainly in the ``usual`` language (:data:`PLAIN` of its function words, the other
    languages' at most :data:`STRAY` of that) is taken to be in it throughout, and its other texts are not read
    for their language: most files of a project are in its language, and a 100,000-statement project reads them
    all."""
    total: dict[str, float] = {}
    found: list[str] = []
    for text in texts:
        weights = language_weights(text)
        found.append(language_of_weights(weights))
        for code, weight in weights.items():
            total[code] = total.get(code, 0.0) + weight
        ours = total.get(usual, 0.0)
        if ours >= PLAIN and sum(total.values()) - ours <= STRAY * ours:
            found += [usual] * (len(texts) - len(found))
            break
    whole = language_of_weights(total)
    return [lang or whole for lang in found]


def detect_language(texts: Iterable[str]) -> str:
    """The language the function words of ``texts`` are of, together, or "" when they do not tell."""
    return language_of_weights(add_weights(language_weights(text) for text in texts))


__all__ = [
    "ENGLISH",
    "MARGIN",
    "MIN_WORDS",
    "PLAIN",
    "STRAY",
    "add_weights",
    "detect_language",
    "detect_languages",
    "language_of_weights",
    "language_weights",
]
