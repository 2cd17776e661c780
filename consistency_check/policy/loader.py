"""Policy files: found, validated against ``schemas/policy.schema.json``, resolved against the rules.

Every error names the file, the line and the key path, like config and rule
errors: an unknown subject, a value that is not of the rule's kind, a scope
the rule does not have, two facts for the same subject and scope in force at
the same time.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from consistency_check.config import BUILTIN_CHANNELS, unknown_channel
from consistency_check.model import Location
from consistency_check.policy.model import PolicyFact, PolicySet, scope_key
from consistency_check.policy.values import PolicyValueError, parse_value
from consistency_check.rules import Rule, RuleSet
from consistency_check.yamlfile import Located, YamlFileError, iso_dates, load_located, validate

SCHEMA = "policy.schema.json"
INHERITED = ("owner", "required_channels", "effective_from", "effective_until")


def policy_files(paths: Sequence[Path]) -> list[Path]:
    """The YAML files of ``paths`` (folders read recursively, sorted); a missing path is an error."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()))
        elif path.is_file():
            out.append(path)
        else:
            raise YamlFileError(path.as_posix(), None, "policy file or folder not found")
    return out


def load_policies(
    paths: Sequence[Path],
    ruleset: RuleSet,
    root: Path | None = None,
    region: str = "US",
    channels: Sequence[str] = BUILTIN_CHANNELS,
) -> PolicySet:
    """Load every policy file under ``paths``; raise :class:`YamlFileError` on the first bad one.

    ``required_channels`` may name only ``channels`` (the built-in ones and those the config declares).
    """
    facts: list[PolicyFact] = []
    shown_files: list[str] = []
    for path in policy_files(paths):
        shown = _show(path, root)
        shown_files.append(shown)
        doc = iso_dates(load_located(path, shown))
        if doc.data is None:
            raise YamlFileError(shown, 1, "the file is empty; expected a mapping with a 'topics' list")
        validate(doc, SCHEMA)
        facts.extend(_facts_of(doc, ruleset, region))
        check_channels(doc, channels)
    _check_overlaps(facts)
    return PolicySet(tuple(facts), tuple(shown_files))


def _facts_of(doc: Located, ruleset: RuleSet, region: str) -> list[PolicyFact]:
    out = []
    defaults = {k: doc.data[k] for k in INHERITED if k in doc.data}
    for i, topic in enumerate(doc.data["topics"]):
        where: tuple[str | int, ...] = ("topics", i)
        rule = resolve_rule(topic["subject"], ruleset, doc, where + ("subject",))
        inherited = defaults | {k: topic[k] for k in INHERITED if k in topic}
        if ("facts" in topic) == ("value" in topic):
            _fail(doc, where, "give either 'value' (one fact) or 'facts' (a list of facts)")
        entries = (
            [(where + ("facts", j), f) for j, f in enumerate(topic["facts"])] if "facts" in topic else [(where, topic)]
        )
        for fpath, entry in entries:
            out.append(
                resolve_fact(
                    doc, rule, ruleset, fpath, inherited | {k: entry[k] for k in INHERITED if k in entry}, entry, region
                )
            )
    return out


def resolve_fact(
    doc: Located,
    rule: Rule,
    ruleset: RuleSet,
    where: tuple[str | int, ...],
    fields: dict[str, Any],
    entry: dict[str, Any],
    region: str,
) -> PolicyFact:
    """One fact (``value``, ``scope``, ``object`` of ``entry``; dates, owner, channels from ``fields``), checked
    against ``rule``."""
    raw = entry["value"]
    values = raw if isinstance(raw, list) else [raw]
    if isinstance(raw, list) and rule.compare != "one-of":
        _fail(
            doc,
            where + ("value",),
            f"rule {rule.name} compares with '{rule.compare}': give one value (lists need a rule with compare: one-of)",
        )
    expected = []
    for n, item in enumerate(values):
        try:
            expected.append(parse_value(item, rule, region))
        except PolicyValueError as exc:
            _fail(doc, where + (("value", n) if isinstance(raw, list) else ("value",)), str(exc))
    scope = _scope(doc, rule, ruleset, where, entry.get("scope", {}))
    obj = _object(doc, rule, where, entry.get("object"))
    start, end = (_date(doc, where, fields, k) for k in ("effective_from", "effective_until"))
    if start and end and start > end:
        _fail(doc, where + ("effective_until",), f"effective_until {end} is before effective_from {start}")
    written = ", ".join("yes" if v is True else "no" if v is False else str(v) for v in values)
    return PolicyFact(
        rule=rule,
        scope=scope,
        obj=obj,
        expected=tuple(expected),
        written=written,
        location=Location(doc.path, doc.line_of(where + ("value",))),
        effective_from=start,
        effective_until=end,
        owner=str(fields.get("owner", "")),
        required_channels=tuple(fields.get("required_channels", ())),
        key_path=_dotted(where),
    )


def check_channels(doc: Located, known: Sequence[str], keys: Sequence[str] = ("required_channels",)) -> None:
    """A located error for the first channel under ``keys`` (at any depth) that is not in ``known``."""

    def walk(value: Any, where: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                if key in keys and isinstance(child, list):
                    for i, name in enumerate(child):
                        problem = unknown_channel(str(name), known)
                        if problem:
                            _fail(doc, (*where, key, i), problem)
                else:
                    walk(child, (*where, key))
        elif isinstance(value, list):
            for i, child in enumerate(value):
                walk(child, (*where, i))

    walk(doc.data, ())


def resolve_rule(subject: str, ruleset: RuleSet, doc: Located, where: tuple[str | int, ...]) -> Rule:
    """The rule a subject names (by name or code); a located error with a suggestion otherwise."""
    rule = ruleset.by_code(subject)
    if rule is not None:
        return rule
    names = [r.name for r in ruleset.rules]
    close = difflib.get_close_matches(subject, names, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else "; 'consistency-check rules' lists them"
    _fail(doc, where, f"unknown subject '{subject}': no rule has that name or code{hint}")


def _scope(
    doc: Located, rule: Rule, ruleset: RuleSet, where: tuple[str | int, ...], scope: dict[str, str]
) -> tuple[tuple[str, str], ...]:
    for dim, value in scope.items():
        if dim not in rule.scopes:
            known = ", ".join(rule.scopes) or "none"
            _fail(doc, where + ("scope", dim), f"rule {rule.name} has no scope '{dim}' (its scopes: {known})")
        values = sorted({v for v in ruleset.dimensions[dim].lookup.values() if v})
        if value not in values:
            _fail(doc, where + ("scope", dim), f"unknown {dim} '{value}' (known: {', '.join(values)})")
    if rule.require_scope and not scope:
        _fail(doc, where, f"rule {rule.name} only compares scoped statements: give a scope ({', '.join(rule.scopes)})")
    return scope_key(scope)


def _object(doc: Located, rule: Rule, where: tuple[str | int, ...], obj: str | None) -> str:
    if rule.objects is None:
        if obj is not None:
            _fail(doc, where + ("object",), f"rule {rule.name} has no objects")
        return ""
    if obj is None:
        _fail(doc, where, f"rule {rule.name} compares each object on its own: give 'object' (e.g. PayPal)")
    text = " ".join(str(obj).lower().split())
    if not rule.objects.fullmatch(text):
        _fail(doc, where + ("object",), f"'{obj}' is not one of the objects rule {rule.name} knows")
    return _canonical_object(text)


def _canonical_object(text: str) -> str:
    """The object as claims name it ('amex' is 'american express'), using the engine's own aliases."""
    from consistency_check.engine import claims

    canon = getattr(claims, "_canon_object", None)
    return str(canon(text)) if callable(canon) else text


def _date(doc: Located, where: tuple[str | int, ...], fields: dict[str, Any], key: str) -> date | None:
    if key not in fields:
        return None
    try:
        return date.fromisoformat(str(fields[key]))
    except ValueError:
        _fail(doc, where + (key,), f"'{fields[key]}' is not a date (YYYY-MM-DD)")


def _check_overlaps(facts: list[PolicyFact]) -> None:
    seen: dict[tuple[object, ...], list[PolicyFact]] = {}
    for fact in facts:
        for other in seen.get(fact.key, []):
            if fact.overlaps(other):
                raise YamlFileError(
                    fact.location.path,
                    fact.location.line,
                    f"{fact.subject} is also stated at {other.location.display()} for an overlapping period; "
                    "give each fact its own effective_from / effective_until",
                    fact.key_path,
                )
        seen.setdefault(fact.key, []).append(fact)


def _fail(doc: Located, where: tuple[str | int, ...], message: str) -> NoReturn:
    raise YamlFileError(doc.path, doc.line_of(where), message, _dotted(where))


def _dotted(where: tuple[str | int, ...]) -> str:
    return "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in where).lstrip(".")


def _show(path: Path, root: Path | None) -> str:
    """Inside the project: relative to its root; else relative to the current folder when below it."""
    if not path.is_absolute():
        return path.as_posix()
    for base in (root, Path.cwd()):
        if base is not None:
            try:
                return path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                pass
    return path.as_posix()
