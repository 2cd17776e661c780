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
    "CC001", "parse-error", Severity.ERROR,
    "A source file could not be read or parsed.",
    "The file is reported at the best location known (line and column of the syntax error) and the run goes on with the other files. Its statements are not checked until it is fixed.",
    "domain.yml:12: a tab where YAML expects spaces",
    "domain.yml parses: every response is checked",
)
UNRECOGNISED = Check(
    "CC002", "unrecognised-file", Severity.INFO,
    "No source format recognised the file.",
    "The file was listed by a source glob or a path, but no adapter claims its content. Name its format in the config (format: ...) or exclude it.",
    "notes/todo.bin listed under sources but not a known format",
    "sources: - path: 'kb/*.json'  format: zendesk",
)
VALUE_CONFLICT = Check(
    "CC100", "value-conflict", Severity.WARNING,
    "Closely matching statements give different values (no subject rule).",
    "Two statements that say the same thing word for word once their values are masked give different values. No subject rule covers them, so confidence is lower; add a rule in rules/ to name the subject and its scopes.",
    "Web: 'Gift wrapping costs $4.99 per item.' / Store: 'Gift wrapping costs $5.99 per item.'",
    "Web: 'Gift wrapping costs $4.99 per item.' / Store: 'Gift wrapping is $4.99 per item.'",
)
UNIT_MISMATCH = Check(
    "CC101", "business-vs-calendar-days", Severity.WARNING,
    "One place counts business days, another calendar days, for the same subject.",
    "Business days and calendar days are never silently equated: '5 business days' may be 7 or 9 calendar days. The finding says so instead of calling it a contradiction; state one unit in every channel.",
    "Web: 'Refunds take 5 business days.' / Bot: 'Refunds take 5 days.'",
    "Web: 'Refunds take 5 business days.' / Bot: 'Refunds take five business days.'",
)

BUILTIN_CHECKS: tuple[Check, ...] = (PARSE_ERROR, UNRECOGNISED, VALUE_CONFLICT, UNIT_MISMATCH)
