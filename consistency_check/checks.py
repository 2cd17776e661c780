"""Built-in checks: the codes the engine reports besides the subject rules in ``rules/``.

Codes are stable and never renumbered. Subject rules (``CC2xx``) live in
``rules/`` as data; these are the checks that are part of the engine itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from consistency_check.model import Severity


@dataclass(frozen=True)
class Check:
    """A built-in check with its documentation."""

    code: str
    name: str
    severity: Severity
    summary: str
    description: str
    bad: str
    good: str


PARSE_ERROR = Check(
    "CC001",
    "parse-error",
    Severity.ERROR,
    "A source file could not be read or parsed.",
    "The file is reported at the best location known (line and column of the syntax error) and the run goes on with "
    "the other files. Its statements are not checked until it is fixed.",
    "domain.yml:12: a tab where YAML expects spaces",
    "domain.yml parses: every response is checked",
)
UNRECOGNISED = Check(
    "CC002",
    "unrecognised-file",
    Severity.INFO,
    "No source format recognised the file.",
    "The file was listed by a source glob or a path, but no adapter claims its content. Name its format in the config "
    "(format: ...) or exclude it.",
    "notes/todo.bin listed under sources but not a known format",
    "sources: - path: 'kb/*.json'  format: zendesk",
)
EXPIRED_SUPPRESSION = Check(
    "CC003",
    "expired-suppression",
    Severity.WARNING,
    "A suppression is past its expiry date and no longer hides findings.",
    "An ignore-file entry with 'expires: YYYY-MM-DD' stops suppressing the day after that date; the findings it hid "
    "are reported again, and so is the entry, at its line, until it is renewed with a new date and reason or removed.",
    ".consistency-check-ignore.yaml: - code: CC201  reason: launch promo  expires: 2024-01-31",
    ".consistency-check-ignore.yaml: the entry removed once every channel states the same window",
)
UNUSED_SUPPRESSION = Check(
    "CC004",
    "unused-suppression",
    Severity.INFO,
    "A suppression matches no finding.",
    "An inline comment or an ignore-file entry that silences nothing is probably left over from a contradiction that "
    "was since fixed. Remove it so that it cannot hide a new one. Reported in full runs and, in changed-file runs, "
    "for suppressions in the changed files (the whole corpus is read either way).",
    "<!-- consistency-check: ignore[CC201] old promo --> above a paragraph that now agrees with every channel",
    "the comment removed",
)
INVALID_SUPPRESSION = Check(
    "CC005",
    "invalid-suppression",
    Severity.WARNING,
    "A suppression comment or entry cannot be read, names an unknown check, or gives no reason.",
    "The form is 'consistency-check: ignore[CODE, CODE] reason' inside a comment of the file's format; codes are "
    "check codes or names ('consistency-check rules'), a bare 'ignore' covers every check. A suppression with an "
    "unknown code or malformed brackets is not applied; one without a reason is applied but reported, so that every "
    "exception says why.",
    "# consistency-check: ignore[CC2O1]",
    "# consistency-check: ignore[CC201] store keeps the 45-day holiday window until Jan 31",
)
LONG_STATEMENT = Check(
    "CC006",
    "long-statement",
    Severity.INFO,
    "A statement is longer than the limit (5,000 characters, or 200 values); only its beginning was checked.",
    "Very long statements are usually a page or a table read as one paragraph, or a pasted line of figures. Only "
    "their first 5,000 characters and first 200 values are compared, so a value stated after that is not seen; the "
    "rest of the file is checked as usual. Splitting the text into paragraphs or sections lets every part be checked.",
    "A 12,000-character 'Terms and conditions' paragraph: only its first 5,000 characters are checked",
    "The terms split into sections of a few paragraphs each",
)
VALUE_CONFLICT = Check(
    "CC100",
    "value-conflict",
    Severity.WARNING,
    "Closely matching statements give different values (no subject rule).",
    "Two statements that say the same thing word for word once their values are masked give different values. No "
    "subject rule covers them, so confidence is lower; add a rule in rules/ to name the subject and its scopes.",
    "Web: 'Gift wrapping costs $4.99 per item.' / Store: 'Gift wrapping costs $5.99 per item.'",
    "Web: 'Gift wrapping costs $4.99 per item.' / Store: 'Gift wrapping is $4.99 per item.'",
)
UNIT_MISMATCH = Check(
    "CC101",
    "business-vs-calendar-days",
    Severity.WARNING,
    "One place counts business days, another calendar days, for the same subject.",
    "Business days and calendar days are never silently equated: '5 business days' may be 7 or 9 calendar days. The "
    "finding says so instead of calling it a contradiction; state one unit in every channel.",
    "Web: 'Refunds take 5 business days.' / Bot: 'Refunds take 5 days.'",
    "Web: 'Refunds take 5 business days.' / Bot: 'Refunds take five business days.'",
)
LANGUAGE_VERSIONS = Check(
    "CC102",
    "language-versions",
    Severity.WARNING,
    "Language versions of one answer give different values (linkage engine).",
    "The export links the versions of an answer in each language (Zendesk translations, Intercom translated "
    "content, Dialogflow messages per language, Lex V2 locales, hreflang alternates). Two versions that agree on "
    "every value of one kind but one, where each states a value the other does not, disagree on that fact: the "
    "finding names the languages of each value. A version that adds or drops a sentence is not reported.",
    "English article: 'Refunds within 14 days.' / its Spanish translation: 'Reembolsos en un plazo de 15 días.'",
    "English article: 'Refunds within 14 days.' / its Spanish translation: 'Reembolsos en un plazo de 14 días.'",
)

POLICY_CONFLICT = Check(
    "CC300",
    "policy-conflict",
    Severity.ERROR,
    "A statement disagrees with the policy (the source of truth).",
    "A policy file in policies/ states the right value for this subject and scope, and this statement gives another. "
    "The finding quotes the statement, names the policy file and line, and gives the expected value. Where a policy "
    "speaks, statements are held to it and not compared with each other: each disagreeing statement is reported once, "
    "against the policy.",
    "Policy: return-window 30 days / Store script: 'You can return unused items within 45 days.'",
    "Policy: return-window 30 days / Store script: 'You can return unused items within thirty days.'",
)
POLICY_MISSING = Check(
    "CC301",
    "missing",
    Severity.WARNING,
    "A channel that a policy fact requires never states it.",
    "The policy lists the channels that must state a fact (required_channels). No statement of this channel gives the "
    "subject in this scope (for opening hours: every day the policy gives). The finding names the policy line and "
    "where the channel's content lives. A channel with no source at all in the run is noted, not reported fact by "
    "fact.",
    "Policy: return-shipping-fee $6.95, required_channels: [web, agent] / the web FAQ never mentions the return label "
    "fee",
    "Web FAQ: 'A prepaid return label costs $6.95.'",
)
POLICY_UNCOVERED = Check(
    "CC302",
    "uncovered-topic",
    Severity.INFO,
    "Channels answer a subject that no policy states (listed with --report-uncovered).",
    "Channels give values for this subject and scope, but no policy in force states it, so they can only be compared "
    "with each other. Add the fact to a policy file to make one side authoritative.",
    "Web, chatbot and agent all give the exchange window; no policy file states it",
    "policies/returns.yaml: subject: exchange-window, value: 90 days",
)
POLICY_STALE = Check(
    "CC303",
    "stale",
    Severity.ERROR,
    "A statement still gives a value whose policy has expired.",
    "The statement gives the value of a policy fact whose effective_until has passed (as of --as-of, default today). "
    "The finding names the expired fact and, when there is one, the fact in force now and its value.",
    "Policy: 45 days until 2024-12-31, 30 days from 2025-01-01 / Phone script (2025): 'within 45 days'",
    "Phone script: 'within 30 days'",
)
CAMPAIGN_CONTRADICTION = Check(
    "CC310",
    "campaign-contradiction",
    Severity.ERROR,
    "A channel's campaign content contradicts the campaign brief.",
    "A statement that mentions the campaign (by name, alias or code) gives a date, discount, threshold, code, "
    "exclusion or term that differs from the brief.",
    "Brief: ends 2025-04-14 / Store script: 'Gear Fest runs through April 12.'",
    "Store script: 'Gear Fest runs through April 14.'",
)
CAMPAIGN_GAP = Check(
    "CC311",
    "campaign-gap",
    Severity.WARNING,
    "A channel is not ready for the campaign: it says nothing about it, or lacks an answer customers will ask.",
    "Every channel the brief lists must mention the campaign; the channels in answer_channels (default: agent) must "
    "also answer the questions customers will ask: dates, offer, code, eligibility, each exclusion and each term.",
    "Brief: exclusions [clearance] / the agent article never says clearance is excluded",
    "Agent article: 'Clearance items are excluded from Gear Fest.'",
)
CAMPAIGN_OVERRIDE = Check(
    "CC312",
    "campaign-policy-override",
    Severity.ERROR,
    "The campaign changes a standing policy without saying so.",
    "The brief's text, or a channel talking about the campaign, gives a value for a policy subject that differs from "
    "the standing policy in force when the campaign starts, and the brief does not declare it under terms:. Either "
    "declare the override (so every channel can be told) or drop it.",
    "Policy: return-window 30 days / Brief text: 'Gear Fest purchases can be returned within 60 days.'",
    "Brief: terms: [{subject: return-window, value: 60 days}]",
)

BUILTIN_CHECKS: tuple[Check, ...] = (
    PARSE_ERROR,
    UNRECOGNISED,
    EXPIRED_SUPPRESSION,
    UNUSED_SUPPRESSION,
    INVALID_SUPPRESSION,
    LONG_STATEMENT,
    VALUE_CONFLICT,
    UNIT_MISMATCH,
    LANGUAGE_VERSIONS,
    POLICY_CONFLICT,
    POLICY_MISSING,
    POLICY_UNCOVERED,
    POLICY_STALE,
    CAMPAIGN_CONTRADICTION,
    CAMPAIGN_GAP,
    CAMPAIGN_OVERRIDE,
)

#: Findings about the files and the suppressions themselves, not about what the content says.
FILE_NOTICE_CODES = frozenset(
    c.code
    for c in (PARSE_ERROR, UNRECOGNISED, EXPIRED_SUPPRESSION, UNUSED_SUPPRESSION, INVALID_SUPPRESSION, LONG_STATEMENT)
)
#: Findings that something is not stated where it is required (coverage gaps), rather than contradicted.
GAP_CODES = frozenset(c.code for c in (POLICY_MISSING, POLICY_UNCOVERED, CAMPAIGN_GAP))


def finding_kind(code: str) -> str:
    """What a finding of ``code`` is: ``notice`` (a file or a suppression), ``gap`` or ``contradiction``."""
    if code in FILE_NOTICE_CODES:
        return "notice"
    return "gap" if code in GAP_CODES else "contradiction"
