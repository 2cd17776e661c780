"""Policies: the organisation's source of truth, and the judge that holds every channel to it.

A policy file (YAML in ``policies/``, schema ``schemas/policy.schema.json``)
states the right value of each fact: a subject (a rule), a scope, a value,
optionally the period it applies (``effective_from`` / ``effective_until``),
an owner and the channels that must state it. :func:`load_policies` reads and
resolves them; :class:`PolicyJudge` judges the engine's claims against the
facts in force on a date.
"""

from __future__ import annotations

from consistency_check.policy.judge import PolicyJudge, claim_key
from consistency_check.policy.loader import load_policies, policy_files
from consistency_check.policy.model import PolicyFact, PolicySet, describe, scope_key
from consistency_check.policy.values import PolicyValueError, comparable, judge_value, parse_value

__all__ = [
    "PolicyFact",
    "PolicyJudge",
    "PolicySet",
    "PolicyValueError",
    "claim_key",
    "comparable",
    "describe",
    "judge_value",
    "load_policies",
    "parse_value",
    "policy_files",
    "scope_key",
]
