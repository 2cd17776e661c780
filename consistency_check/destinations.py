"""Where a report may be written: never over a file the run reads, a folder, a device, a pipe or a socket.

The CLI asks before anything is read (:func:`refusal`), so a mistyped
``--output`` costs nothing; the sources are known once discovered and are
checked then. :func:`~consistency_check.fileio.write_user_file` checks the
kind of file again when it writes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from consistency_check.fileio import destination_problem

if TYPE_CHECKING:
    from consistency_check.config import Config

SOURCE = "a source file"


def input_files(
    config: Config,
    paths: Iterable[Path] = (),
    policies: Iterable[Path] | None = None,
    baseline: Path | None = None,
    brief: Path | None = None,
) -> dict[str, str]:
    """What each file the run reads besides its discovered sources is, by real path.

    The config file, files named on the command line, policy files (``policies``,
    else the config's), rule files, the ignore file, the baseline in use and the
    campaign brief.
    """
    from consistency_check.policy.loader import policy_files
    from consistency_check.yamlfile import YamlFileError

    found: dict[str, str] = {}

    def add(path: Path | None, what: str) -> None:
        if path is not None and path.is_file():
            found.setdefault(os.path.realpath(path), what)

    add(config.path, "the config file")
    add(brief, "the campaign brief")
    for path in paths:
        add(path, SOURCE)
    try:
        for path in policy_files(tuple(policies) if policies else config.policies()):
            add(path, "a policy file")
    except YamlFileError:
        pass  # a missing policy path is reported when the policies are loaded
    for folder in config.rule_dirs:
        for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else ():
            add(path, "a rule file")
    add(config.ignore_path, "the ignore file")
    add(baseline or config.baseline, "the baseline")
    return found


def sources(files: Iterable[Path]) -> dict[str, str]:
    """The discovered source files, by real path (as :func:`input_files` gives the others)."""
    return {os.path.realpath(path): SOURCE for path in files}


def refusal(dest: Path, inputs: dict[str, str]) -> str | None:
    """Why a report must not be written at ``dest`` (``None``: it may); a symbolic link counts as what it points to."""
    what = inputs.get(os.path.realpath(dest))
    if what is not None:
        return f"{dest}: refusing to write a report over {what} of this run"
    problem = destination_problem(dest)
    return None if problem is None else f"{dest} {problem}"


def duplicate(dests: Iterable[Path]) -> Path | None:
    """A destination given twice (the second report would replace the first), if any."""
    seen: set[str] = set()
    for dest in dests:
        real = os.path.realpath(dest)
        if real in seen:
            return dest
        seen.add(real)
    return None
