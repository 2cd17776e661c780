"""Language versions of one answer that state a fact differently.

An export links the language versions of one answer (:attr:`Statement.translation`: a Zendesk article
and its translations, an Intercom article's ``translated_content``, a Dialogflow intent's messages per
``lang``, a Lex V2 intent in each of the bot's locales, an HTML page and its ``hreflang`` alternates).
Within one such answer, the values of one kind (with one unit and role) that each language states are
compared in the order the versions state them: two versions that state as many values and agree on all
of them but one, at the same place in each ("3 Jahre" where the English and Portuguese say "2 years"),
disagree on that fact. Versions that drifted apart (a sentence added or dropped) are aligned by what
stands beside each value instead: a value whose sentence holds the same other facts in each language, and
in no other sentence of its version, is the same fact there. Anything else is not aligned, and nothing is
reported. Contact details (phone numbers, mailboxes, addresses) are not compared: each
language's customers are served by their own line and mailbox, on purpose.

This is the translation-QA number check (a segment and its translation must carry the same numbers)
at the level the exports link, run on values read the same way in every language, so "14,99 €" and
"€14.99", "20 h" and "8 pm" agree.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from consistency_check.checks import LANGUAGE_VERSIONS
from consistency_check.engine.compare import group_findings
from consistency_check.engine.mention import Mention
from consistency_check.facts.bridge import language_of
from consistency_check.model import Finding

#: The probability given to a disagreement between two linked language versions: about half were true on the
#: multilingual organisations (21 of 40 on the seven; see docs/languages.md), so it is shown from
#: ``--min-confidence 0.5`` down, not by default.
CONFIDENCE = 0.5
#: Kinds each language's version states for its own customers: a line, a mailbox, a page of its own.
CONTACT_KINDS = frozenset({"phone", "email", "url"})
WHY = ("the export links them as language versions of one answer", "the versions agree on every other value")


def version_findings(mentions: list[Mention]) -> list[Finding]:
    """Findings for the values on which linked language versions of one answer disagree."""
    versions: dict[tuple[str, tuple[str, ...]], dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for m in mentions:
        statement = m.claim.statement
        lang = language_of(statement.locale)
        if statement.translation and lang and m.kind not in CONTACT_KINDS:
            versions[(statement.translation, m.key[:3])][lang].append(m)
    out: list[Finding] = []
    for (_answer, _key), by_lang in sorted(versions.items(), key=lambda kv: kv[0]):
        ordered = {lang: _one_copy(sorted(ms, key=_place)) for lang, ms in by_lang.items()}
        by_count: dict[int, list[str]] = defaultdict(list)
        for lang in sorted(ordered):
            by_count[len(ordered[lang])].append(lang)
        found = False
        for count, langs in sorted(by_count.items()):
            members = _odd_place(ordered, langs, count)
            if members:
                out.extend(_findings(members))
                found = True
        if not found:
            for members in _same_company(ordered):
                out.extend(_findings(members))
    return out


def _same_company(ordered: dict[str, list[Mention]]) -> list[list[Mention]]:
    """Values that versions which drifted apart (a sentence added or dropped) still state beside the same other
    facts: a value whose sentence holds the same other values (kind and value) in each language, and holds them
    in no other sentence of its version, is the same fact there ("Entre 24 h y 2 h antes: 70%" and "24–2 hrs
    before: 80%" once both read their hours)."""
    placed: dict[frozenset[tuple[str, str]], dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for lang, ms in ordered.items():
        for m in ms:
            if m.others:
                placed[m.others][lang].append(m)
    out = []
    for _company, by_lang in sorted(placed.items(), key=lambda kv: sorted(kv[0])):
        alone = [ms[0] for _lang, ms in sorted(by_lang.items()) if len(ms) == 1]
        if len(alone) < 2 or len({m.value for m in alone}) != 2 or len({_unit(m) for m in alone}) > 1:
            continue
        out.append(alone)
    return out


def _odd_place(ordered: dict[str, list[Mention]], langs: list[str], count: int) -> list[Mention]:
    """The mentions at the one place where versions stating ``count`` values each differ, when the versions agree
    everywhere else and something bears the disagreement out: another value they agree on, or two languages
    against one."""
    if len(langs) < 2 or count == 0:
        return []
    differ = [i for i in range(count) if len({ordered[lang][i].value for lang in langs}) > 1]
    if len(differ) != 1:
        return []
    place = differ[0]
    values = Counter(ordered[lang][place].value for lang in langs)
    if len(values) != 2 or (count < 2 and max(values.values()) < 2):
        return []
    if len({_unit(ordered[lang][place]) for lang in langs}) > 1:
        return []  # "1 hour" and "7 days", "14 days" and "7 business days": a translation keeps its unit
    return [ordered[lang][place] for lang in langs]


def _unit(m: Mention) -> str:
    """What a duration counts: business days, calendar days, hours within a day, months; "" for other kinds."""
    if m.kind != "duration":
        return ""
    return m.claim.unit + (":within-a-day" if m.value.endswith(("hour", "hours", "minute", "minutes")) else "")


def _findings(members: list[Mention]) -> list[Finding]:
    """The finding for one disagreement, naming the languages of each value."""
    langs: dict[str, set[str]] = defaultdict(set)
    for m in members:
        langs[m.value].add(language_of(m.claim.statement.locale))
    said = "; ".join(f"{value} ({', '.join(sorted(langs[value]))})" for value in sorted(langs))
    return [
        dataclasses.replace(
            finding,
            code=LANGUAGE_VERSIONS.code,
            name=LANGUAGE_VERSIONS.name,
            severity=LANGUAGE_VERSIONS.severity,
            message=f"Language versions of one answer disagree: {said}.",
            confidence=CONFIDENCE,
            evidence=WHY,
        )
        for finding in group_findings([m.claim for m in members], CONFIDENCE)
    ]


def _place(m: Mention) -> tuple[str, int, str, int]:
    location = m.claim.statement.location
    return (location.path, location.line or 0, location.pointer or "", m.claim.span[0] if m.claim.span else 0)


def _one_copy(mentions: list[Mention]) -> list[Mention]:
    """The mentions of one language's version, each statement once (an export may carry the source language both
    as the article and as its own translation)."""
    seen: set[tuple[str, tuple[int, int]]] = set()
    out = []
    for m in mentions:
        key = (m.claim.statement.text, m.claim.span)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


__all__ = ["CONFIDENCE", "version_findings"]
