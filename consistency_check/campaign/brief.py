"""Campaign briefs: a YAML file, or Markdown with YAML front matter, validated and resolved.

The brief's facts become expected values: its dates, its offer (a discount,
a minimum spend), its code, and its ``terms`` (standing policy the campaign
changes, resolved like policy facts and in force from ``starts`` to
``ends``). The Markdown body is free text that the check reads like a
channel: a value it gives for a policy subject is compared too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from consistency_check.config import BUILTIN_CHANNELS
from consistency_check.facts import extract_facts
from consistency_check.model import Fact, Location
from consistency_check.policy.loader import check_channels, resolve_fact, resolve_rule
from consistency_check.policy.model import PolicyFact
from consistency_check.rules import RuleSet
from consistency_check.yamlfile import Located, YamlFileError, iso_dates, parse_located, validate

SCHEMA = "campaign.schema.json"
DEFAULT_ANSWER_CHANNELS = ("agent",)
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


@dataclass(frozen=True)
class Brief:
    """A loaded campaign brief. ``where`` maps a top-level key to the location it was written at."""

    path: str
    fs_path: Path
    name: str
    starts: date
    ends: date
    channels: tuple[str, ...]
    answer_channels: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    code: str = ""
    owner: str = ""
    discount: Fact | None = None
    minimum_spend: Fact | None = None
    applies_to: tuple[str, ...] = ()
    eligibility: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    terms: tuple[PolicyFact, ...] = ()
    markdown: bool = False
    lines: tuple[tuple[str, int], ...] = ()

    def at(self, key: str, index: int | None = None) -> Location:
        """Where ``key`` (or its ``index``-th item) is written in the brief."""
        lines = dict(self.lines)
        line = lines.get(f"{key}[{index}]") if index is not None else None
        return Location(self.path, line or lines.get(key) or 1)

    @property
    def names(self) -> tuple[str, ...]:
        """Every way a channel may name the campaign: name, aliases, code."""
        return (self.name, *self.aliases) + ((self.code,) if self.code else ())

    def dates(self) -> str:
        """'2025-04-01 to 2025-04-14'."""
        return f"{self.starts.isoformat()} to {self.ends.isoformat()}"


def read_front_matter(path: Path, shown: str) -> tuple[Located, bool]:
    """The brief's YAML (the whole file, or a Markdown file's front matter) with file line numbers."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise YamlFileError(shown, None, "campaign brief not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlFileError(shown, None, f"cannot read file: {exc}") from None
    if path.suffix.lower() in (".md", ".markdown"):
        match = FRONT_MATTER.match(text)
        if not match:
            raise YamlFileError(shown, 1, "a Markdown brief starts with YAML front matter between '---' lines")
        return parse_located("\n" + (match.group(1) or ""), shown), True
    return parse_located(text, shown), False


def load_brief(
    path: Path,
    ruleset: RuleSet,
    shown: str | None = None,
    region: str = "US",
    known_channels: Sequence[str] = BUILTIN_CHANNELS,
) -> Brief:
    """Load and validate a brief; raise :class:`YamlFileError` located by line and key.

    ``channels`` and ``answer_channels`` may name only ``known_channels``.
    """
    display = shown or path.as_posix()
    raw, markdown = read_front_matter(path, display)
    if raw.data is None:
        raise YamlFileError(display, 1, "the brief is empty; expected name, starts, ends and channels")
    doc = iso_dates(raw)
    validate(doc, SCHEMA)
    check_channels(doc, known_channels, ("channels", "answer_channels"))
    data: dict[str, Any] = doc.data
    starts, ends = (_date(doc, key) for key in ("starts", "ends"))
    if ends < starts:
        raise YamlFileError(display, doc.line_of(("ends",)), f"ends {ends} is before starts {starts}", "ends")
    offer = data.get("offer", {})
    discount = _offer_value(doc, offer, "discount", ("percent", "money"))
    minimum = _offer_value(doc, offer, "minimum_spend", ("money",))
    channels = tuple(data["channels"])
    answers = tuple(data.get("answer_channels", [c for c in DEFAULT_ANSWER_CHANNELS if c in channels]))
    for i, channel in enumerate(answers):
        if channel not in channels:
            raise YamlFileError(
                display, doc.line_of(("answer_channels", i)), f"'{channel}' is not in channels", f"answer_channels[{i}]"
            )
    eligibility = data.get("eligibility", ())
    terms = []
    for i, entry in enumerate(data.get("terms", [])):
        where: tuple[str | int, ...] = ("terms", i)
        rule = resolve_rule(entry["subject"], ruleset, doc, where + ("subject",))
        fields = {
            "effective_from": starts.isoformat(),
            "effective_until": ends.isoformat(),
            "owner": data.get("owner", ""),
        }
        terms.append(resolve_fact(doc, rule, ruleset, where, fields, entry, region))
    lines = [(key, doc.line_of((key,)) or 1) for key in data]
    lines += [(f"offer.{key}", doc.line_of(("offer", key)) or 1) for key in offer]
    lines += [(f"exclusions[{i}]", doc.line_of(("exclusions", i)) or 1) for i in range(len(data.get("exclusions", [])))]
    return Brief(
        path=display,
        fs_path=path,
        name=data["name"].strip(),
        starts=starts,
        ends=ends,
        channels=channels,
        answer_channels=answers,
        aliases=tuple(a.strip() for a in data.get("aliases", [])),
        code=str(data.get("code", "")),
        owner=str(data.get("owner", "")),
        discount=discount,
        minimum_spend=minimum,
        applies_to=tuple(offer.get("applies_to", ())),
        eligibility=(eligibility,) if isinstance(eligibility, str) else tuple(eligibility),
        exclusions=tuple(data.get("exclusions", ())),
        terms=tuple(terms),
        markdown=markdown,
        lines=tuple(lines),
    )


def _date(doc: Located, key: str) -> date:
    try:
        return date.fromisoformat(str(doc.data[key]))
    except ValueError:
        raise YamlFileError(
            doc.path, doc.line_of((key,)), f"'{doc.data[key]}' is not a date (YYYY-MM-DD)", key
        ) from None


def _offer_value(doc: Located, offer: dict[str, Any], key: str, kinds: tuple[str, ...]) -> Fact | None:
    if key not in offer:
        return None
    text = str(offer[key])
    found = [f for f in extract_facts(text) if f.kind in kinds]
    if len(found) != 1:
        want = " or ".join({"percent": "a percentage (20%)", "money": "an amount ($20)"}[k] for k in kinds)
        raise YamlFileError(doc.path, doc.line_of(("offer", key)), f"'{text}' is not {want}", f"offer.{key}")
    return found[0]
