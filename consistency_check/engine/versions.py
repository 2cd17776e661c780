"""Language versions of one answer that state a fact differently.

An export links the language versions of one answer (:attr:`Statement.translation`: a Zendesk article
and its translations, an Intercom article's ``translated_content``, a Dialogflow intent's messages per
``lang``, a Lex V2 intent in each of the bot's locales, an HTML page and its ``hreflang`` alternates).
Within one such answer, the values of one kind (with one unit and role; a yes or no to one thing) that each
language states are aligned as a translation-QA tool aligns segments: each two versions on the values they agree on
(their longest common sequence, a value said twice in a row counted once); between two such anchors, versions
stating as many values pair them in order; values left over pair with the value of the other version whose sentence
holds the same other facts, when no other sentence of either version does ("Entre 24 h y 2 h antes: 70%" and "24–2
hrs before: 80%"). A translation keeps its unit, two versions of one amount are not three times apart, and a value
the other version also states elsewhere was moved, not changed: a pair that breaks any of these is not one fact.
The values paired across all versions make one fact; one whose values fall in two that disagree, each language on
one side, is a disagreement ("3 Jahre" where the English and Portuguese say "2 years"). Disagreements on the same
two values in several answers are one finding.

How likely it is true depends on what bears it out, as measured on the multilingual organisations
(``docs/languages.md``): two languages or more against one (:data:`CONFIDENCE`); two versions alone that agree
on another value and differ on this one only (:data:`ALONE`); otherwise nothing is reported. Contact details
(phone numbers, mailboxes, addresses) and opening hours are not compared: each language's customers are served
by their own line, mailbox and desk, on purpose.

A disagreement stating the very values of a finding within one language, and sharing a side with it, is that
finding's fact, slipped in one language's channels and versions alike: it is told once, as that finding with the
versions' sides added (:func:`fold_versions`).

This is the translation-QA number check (a segment and its translation must carry the same numbers)
at the level the exports link, run on values read the same way in every language, so "14,99 €" and
"€14.99", "20 h" and "8 pm" agree.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from consistency_check.checks import LANGUAGE_VERSIONS
from consistency_check.engine.compare import group_findings
from consistency_check.engine.linkage import conflict
from consistency_check.engine.mention import Mention
from consistency_check.engine.values import agree, ratio, same_date
from consistency_check.facts.bridge import language_of
from consistency_check.model import Finding

#: The probability of a disagreement two languages or more bear out against one: 26 of 30 such findings were true
#: on the eleven multilingual organisations (see docs/languages.md).
CONFIDENCE = 0.8
#: The probability of a disagreement between two versions alone, which agree on another value: 6 of 13 were true.
ALONE = 0.4
#: Two versions' values compared by place at most (a page of 40 values in each language: 1,600).
MAX_CELLS = 10_000
#: How many times one value of a fact may be the other in two versions that drifted apart.
MAX_RATIO = 3.0
#: Kinds each language's version states for its own customers: a line, a mailbox, a page of its own, and the hours
#: its line or desk is open.
OWN_KINDS = frozenset({"phone", "email", "url", "hours"})
LINKED = "the export links them as language versions of one answer"
WHY = {
    CONFIDENCE: (LINKED, "two languages or more state the other value"),
    ALONE: (LINKED, "the two versions agree on the other values they both state"),
}


def version_findings(mentions: list[Mention]) -> list[Finding]:
    """Findings for the values on which linked language versions of one answer disagree."""
    # Answers stated in one language only (most, in most projects) are not gathered at all.
    languages: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        statement = m.claim.statement
        if statement.translation:
            languages[statement.translation].add(statement.locale)
    several = {answer for answer, locales in languages.items() if len({language_of(x) for x in locales}) > 1}
    versions: dict[tuple[str, tuple[str, ...]], dict[str, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    for m in mentions:
        statement = m.claim.statement
        lang = language_of(statement.locale)
        if statement.translation in several and lang and m.kind not in OWN_KINDS:
            versions[(statement.translation, m.key[:3])][lang].append(m)
    # Each disagreement by its kind and two values (in the same order in every answer stating it): its two sides.
    found: dict[tuple[tuple[str, ...], str, str], tuple[list[Mention], list[Mention]]] = {}
    alone: set[tuple[tuple[str, ...], str, str]] = set()
    for (_answer, key), by_lang in sorted(versions.items(), key=lambda kv: kv[0]):
        if len(by_lang) < 2:
            continue
        ordered = {lang: _collapse(_one_copy(sorted(ms, key=_place))) for lang, ms in sorted(by_lang.items())}
        for sides, anchored in _disagreements(ordered):
            first, second = sorted(sides, key=lambda side: side[0].value)
            fact = (key, first[0].value, second[0].value)
            had = found.setdefault(fact, ([], []))
            had[0].extend(first)
            had[1].extend(second)
            if anchored:
                alone.add(fact)
    out: list[Finding] = []
    for fact, (one, other) in sorted(found.items(), key=lambda kv: kv[0]):
        members = one + other
        if any(len({language_of(m.claim.statement.locale) for m in side}) > 1 for side in (one, other)):
            out.extend(_findings(members, CONFIDENCE))  # two languages or more against one
        elif fact in alone:
            out.extend(_findings(members, ALONE))
    return out


def fold_versions(found: list[Finding], versions: list[Finding]) -> list[Finding]:
    """The findings, with each disagreement between language versions told once: one that states the very values
    of a finding within one language, and shares a side with it (the same fact, slipped in one language's channels
    and versions alike), becomes sides of that finding, which keeps the greater probability. Of several such
    findings, the one sharing the most sides (two facts may disagree on the same two values)."""
    out = list(found)
    by_values: dict[frozenset[str], list[int]] = defaultdict(list)
    for i, finding in enumerate(out):
        by_values[frozenset(side.value for side in finding.sides)].append(i)
    for finding in versions:
        said = {(side.location, side.value) for side in finding.sides}
        shared = {
            i: len(said & {(side.location, side.value) for side in out[i].sides})
            for i in by_values.get(frozenset(side.value for side in finding.sides), [])
        }
        at = max(shared, key=lambda i: (shared[i], -i)) if shared else None
        if at is None or shared[at] == 0:
            out.append(finding)
            continue
        kept = out[at]
        sides = kept.sides + tuple(side for side in finding.sides if side not in kept.sides)
        out[at] = dataclasses.replace(
            kept,
            message=f"{kept.message} {finding.message}",
            sides=sides,
            confidence=max(kept.confidence, finding.confidence),
            evidence=kept.evidence + tuple(why for why in finding.evidence if why not in kept.evidence),
        )
    return out


def _collapse(mentions: list[Mention]) -> list[Mention]:
    """A version's values with a value said again right after itself said once ("within 24 hours, so one day")."""
    out: list[Mention] = []
    for m in mentions:
        if not (out and _same(out[-1], m)):
            out.append(m)
    return out


def _disagreements(ordered: dict[str, list[Mention]]) -> list[tuple[list[list[Mention]], bool]]:
    """The facts on which the versions disagree, each as its two sides (the mentions of each value).

    Each two versions are aligned on the values they agree on (their longest common sequence); between two such
    anchors, versions stating as many values pair them in order. The values paired, across all versions, make
    one fact; a fact whose values fall in exactly two classes that disagree (each language on one side) is a
    disagreement. With each, whether two versions disagree on it alone of the values they state, agreeing on
    another."""
    parent: dict[int, int] = {}
    by_id: dict[int, Mention] = {}

    def find(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    substituted: set[int] = set()
    anchored: set[int] = set()
    langs = sorted(ordered)
    for i, a in enumerate(langs):
        for b in langs[i + 1 :]:
            pairs = _aligned(ordered[a], ordered[b])
            lone = sum(1 for _x, _y, same in pairs if not same) == 1 and any(same for _x, _y, same in pairs)
            for x, y, same in pairs:
                by_id[id(x)], by_id[id(y)] = x, y
                parent[find(id(x))] = find(id(y))
                if not same:
                    substituted.add(id(x))
                    if lone:
                        anchored.add(id(x))
    components: dict[int, list[Mention]] = defaultdict(list)
    for i, m in by_id.items():
        components[find(i)].append(m)
    changed, alone = {find(i) for i in substituted}, {find(i) for i in anchored}
    out = []
    for root, ms in components.items():
        sides = _two_sides(ms) if root in changed else None
        if sides is not None:
            out.append((sides, root in alone))
    return out


def _aligned(a: list[Mention], b: list[Mention]) -> list[tuple[Mention, Mention, bool]]:
    """The values of two versions that state one fact: (a's, b's, whether they agree)."""
    n, k = len(a), len(b)
    if n * k > MAX_CELLS:
        return []
    agree = [[_same(x, y) for y in b] for x in a]
    lcs = [[0] * (k + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(k - 1, -1, -1):
            lcs[i][j] = lcs[i + 1][j + 1] + 1 if agree[i][j] else max(lcs[i + 1][j], lcs[i][j + 1])
    anchors = []
    i = j = 0
    while i < n and j < k:
        if agree[i][j]:
            anchors.append((i, j))
            i, j = i + 1, j + 1
        elif lcs[i + 1][j] >= lcs[i][j + 1]:
            i += 1
        else:
            j += 1
    # A value the other version also states somewhere was moved, not changed: it pairs with nothing else.
    moved = {id(x) for x, row in zip(a, agree, strict=True) if any(row)}
    moved |= {id(y) for j, y in enumerate(b) if any(row[j] for row in agree)}
    out = [(a[i], b[j], True) for i, j in anchors]
    last_i = last_j = -1
    left_a: list[Mention] = []
    left_b: list[Mention] = []
    for i, j in [*anchors, (n, k)]:
        gap_a, gap_b = a[last_i + 1 : i], b[last_j + 1 : j]
        if len(gap_a) == len(gap_b):
            out.extend((x, y, False) for x, y in zip(gap_a, gap_b, strict=True) if _may_be_one(x, y, moved))
        else:
            left_a += gap_a
            left_b += gap_b
        last_i, last_j = i, j
    return out + _same_company(left_a, left_b, a, b, moved)


def _same_company(
    left_a: list[Mention], left_b: list[Mention], a: list[Mention], b: list[Mention], moved: set[int]
) -> list[tuple[Mention, Mention, bool]]:
    """Values two versions that drifted apart (a sentence added or dropped) still state beside the same other
    facts: a value whose sentence holds the same other values (kind and value) in each version, and holds them in
    no other sentence of its version, is the same fact there ("Entre 24 h y 2 h antes: 70%" and "24–2 hrs before:
    80%" once both read their hours)."""
    company_a = Counter(m.others for m in a if m.others)
    company_b = Counter(m.others for m in b if m.others)
    beside = {m.others: m for m in left_b if m.others and company_b[m.others] == 1}
    out = []
    for x in left_a:
        y = beside.get(x.others) if x.others and company_a[x.others] == 1 else None
        if y is None:
            continue
        same = _same(x, y)
        if same or _may_be_one(x, y, moved):
            out.append((x, y, same))
    return out


def _same(a: Mention, b: Mention) -> bool:
    """Whether two values state the same thing, written alike or not ("14,99 €" and "€14.99", a range and one of
    its ends, a date with and without its year, a schedule and one day of it). Unlike two mentions' conflict in
    one language, a statement that also gives the other value does not agree with it: two versions of one answer
    state the same values in the same places."""
    if a.kind == "hours":
        return not conflict(a, b)
    return agree(a.kind, a.value, b.value) or (a.kind == "date" and same_date(a.value, b.value))


def _may_be_one(x: Mention, y: Mention, moved: set[int]) -> bool:
    """Whether two different values paired by place could be one fact translated: a translation keeps the unit;
    two versions of one amount that drifted apart are not an order of magnitude apart; and a value the other
    version also states elsewhere (``moved``: rows of a table in another order) was moved, not changed."""
    if _unit(x) != _unit(y) or id(x) in moved or id(y) in moved:
        return False  # "1 hour" and "7 days", "14 days" and "7 business days"
    far = ratio(x.kind, x.value, y.value)
    return far is None or far <= MAX_RATIO


def _two_sides(mentions: list[Mention]) -> list[list[Mention]] | None:
    """The mentions of one aligned fact as two sides that disagree, each language on one side; ``None`` if the
    fact has one value, more than two, or a language on both sides."""
    sides: list[list[Mention]] = []
    for m in sorted(mentions, key=_place):
        for side in sides:
            if _same(side[0], m):
                side.append(m)
                break
        else:
            sides.append([m])
    if len(sides) != 2 or any(_same(x, y) for x in sides[0] for y in sides[1]):
        return None
    langs = [{language_of(m.claim.statement.locale) for m in side} for side in sides]
    return None if langs[0] & langs[1] else sides


def _unit(m: Mention) -> str:
    """What a duration counts: business days, calendar days, hours within a day, months; "" for other kinds."""
    if m.kind != "duration":
        return ""
    return m.claim.unit + (":within-a-day" if m.value.endswith(("hour", "hours", "minute", "minutes")) else "")


def _findings(members: list[Mention], confidence: float) -> list[Finding]:
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
            confidence=confidence,
            evidence=WHY[confidence],
        )
        for finding in group_findings([m.claim for m in members], confidence)
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


__all__ = ["CONFIDENCE", "fold_versions", "version_findings"]
