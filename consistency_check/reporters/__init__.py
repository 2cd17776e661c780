"""Output formats, looked up by name.

The CLI never branches on a format name: it calls :func:`get_reporter` and
lists :data:`REGISTRY` for ``--help``. Adding a format means adding a module
and one registry entry.
"""

from __future__ import annotations

from consistency_check.reporters.base import Report, Reporter, fingerprint, severity_counts
from consistency_check.reporters.github_reporter import GithubReporter
from consistency_check.reporters.html_reporter import HtmlReporter
from consistency_check.reporters.json_reporter import JsonReporter
from consistency_check.reporters.junit_reporter import JunitReporter
from consistency_check.reporters.markdown_reporter import MarkdownReporter
from consistency_check.reporters.sarif_reporter import SarifReporter
from consistency_check.reporters.text_reporter import TextReporter

#: Every output format by ``--format`` name, in the order ``--help`` lists them.
REGISTRY: dict[str, type[Reporter]] = {
    reporter.name: reporter
    for reporter in (
        TextReporter,
        JsonReporter,
        SarifReporter,
        JunitReporter,
        GithubReporter,
        MarkdownReporter,
        HtmlReporter,
    )
}

DEFAULT_FORMAT = TextReporter.name


def get_reporter(name: str, *, color: bool = False, width: int = 100) -> Reporter:
    """A reporter instance for format ``name``.

    Raises :class:`KeyError` naming the known formats when ``name`` is unknown.
    """
    try:
        reporter_class = REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise KeyError(f"unknown format {name!r}; known formats: {known}") from None
    return reporter_class(color=color, width=width)


__all__ = [
    "DEFAULT_FORMAT",
    "REGISTRY",
    "GithubReporter",
    "HtmlReporter",
    "JsonReporter",
    "JunitReporter",
    "MarkdownReporter",
    "Report",
    "Reporter",
    "SarifReporter",
    "TextReporter",
    "fingerprint",
    "get_reporter",
    "severity_counts",
]
