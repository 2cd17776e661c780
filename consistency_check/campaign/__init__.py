"""The campaign launch check: is every channel ready for a campaign brief?

:func:`run_campaign` reads the corpus (like ``check``), reads the brief and
its free text, and returns a :class:`~consistency_check.reporters.base.Report`
whose findings are grouped by channel, with the brief's facts as its context.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import date
from pathlib import Path

from consistency_check import __version__
from consistency_check.campaign.brief import Brief, load_brief
from consistency_check.campaign.check import BRIEF, check_campaign
from consistency_check.config import Config
from consistency_check.discovery import from_config, from_paths
from consistency_check.model import Finding, Statement
from consistency_check.policy.model import PolicySet
from consistency_check.report import Report
from consistency_check.rules import RuleSet


def brief_statements(brief: Brief, config: Config) -> list[Statement]:
    """The free text of a Markdown brief, as statements of the pseudo-channel ``brief``."""
    if not brief.markdown:
        return []
    from consistency_check.facts import extract_facts
    from consistency_check.sources import markdown
    from consistency_check.sources.base import Document, SourceError

    doc = Document(brief.path, brief.fs_path, BRIEF, config.locale)
    out = []
    try:
        for stmt in markdown.parse(doc):
            if stmt.origin != "front-matter":
                out.append(
                    dataclasses.replace(
                        stmt,
                        facts=extract_facts(stmt.text, region=config.region, locale=stmt.locale or config.locale),
                        locale=stmt.locale or config.locale,
                    )
                )
    except SourceError:
        return out
    return out


def run_campaign(
    brief_path: Path,
    config: Config,
    ruleset: RuleSet,
    paths: list[Path] | None = None,
    standing: PolicySet | None = None,
    as_of: date | None = None,
) -> Report:
    """Check the corpus (the config's sources, or ``paths``) against the brief at ``brief_path``."""
    from consistency_check.discovery import changed_only
    from consistency_check.reading import read_source

    started = time.perf_counter()
    brief = load_brief(brief_path, ruleset, config.display(brief_path), config.region, config.channels)
    if paths and config.path is not None and not changed_only(config, paths):
        paths = None  # the project's own folder: its configured sources, as check reads them
    files, notes = (from_paths(paths, config), []) if paths else from_config(config)
    files = [f for f in files if f.fs_path.resolve() != brief_path.resolve()]  # the brief is no channel's content
    statements: list[Statement] = []
    problems: list[Finding] = []
    for src in files:
        outcome = read_source(src, config)
        statements.extend(outcome.statements)
        problems.extend(outcome.findings)
        notes.extend(outcome.notes)
    own = brief_statements(brief, config)
    findings = problems + check_campaign(brief, statements, own, ruleset, standing, as_of, config.channel_sources())
    today = date.today()
    if brief.ends < today:
        notes.append(f"{brief.name} ended on {brief.ends.isoformat()}")
    return Report(
        findings=tuple(findings),
        files=len(files) + 1,
        statements=len(statements) + len(own),
        elapsed=time.perf_counter() - started,
        tool_version=__version__,
        root=config.root.as_posix(),
        notes=tuple(notes),
        title=f"Launch check: {brief.name}",
        context=_context(brief),
        channels=brief.channels,
    )


def _context(brief: Brief) -> tuple[tuple[str, str], ...]:
    offer = []
    if brief.discount is not None:
        offer.append(f"{brief.discount.value} off" + (f" {', '.join(brief.applies_to)}" if brief.applies_to else ""))
    if brief.minimum_spend is not None:
        offer.append(f"minimum spend {brief.minimum_spend.value}")
    rows = [("Brief", brief.path), ("Dates", brief.dates())]
    if offer:
        rows.append(("Offer", "; ".join(offer)))
    if brief.code:
        rows.append(("Code", brief.code))
    if brief.eligibility:
        rows.append(("Eligibility", "; ".join(brief.eligibility)))
    if brief.exclusions:
        rows.append(("Exclusions", ", ".join(brief.exclusions)))
    for term in brief.terms:
        rows.append(("Changes policy", f"{term.subject}: {term.value}"))
    if brief.owner:
        rows.append(("Owner", brief.owner))
    rows.append(("Channels", ", ".join(brief.channels)))
    return tuple(rows)


__all__ = ["Brief", "brief_statements", "check_campaign", "load_brief", "run_campaign"]
