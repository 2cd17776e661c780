"""Which training phrases lead to which Rasa response, read from the project's ``data/``.

A response file only holds the answers; the questions users ask are in NLU
files, and rules/stories say which intent a response answers. This module
finds the project root near a response file, reads its training data once
(read-only, cached per root and file timestamps) and links:

* retrieval intents ``faq/x`` to responses ``utter_faq/x``;
* ``- intent: X`` (or an ``or:`` of intents; in Rasa 1 Markdown ``* x OR y``)
  to the first action after it, when that action is an ``utter_`` response
  (rules and stories, YAML or Rasa 1 Markdown).

Intent examples have their entity annotations removed (``[Paris](city)`` →
``Paris``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from consistency_check.sources.base import PROJECT_FILE_BYTES, YAML_LOADER, project_signature
from consistency_check.yamlfile import load_bounded

_ENTITY = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\}|\[[^\]]*\])")
_MD_INTENT = re.compile(r"^##\s*intent\s*:\s*(\S+)")
_MD_USER = re.compile(r"^\s*\*\s*([\w/.-]+(?:\s+OR\s+[\w/.-]+)*)")
_MD_ACTION = re.compile(r"^\s*-\s*(\w+)\s*$")
_CACHE: dict[Path, tuple[tuple[tuple[str, int, int], ...], TrainingIndex]] = {}


@dataclass
class TrainingIndex:
    """Intent examples and intent → response links of one project."""

    examples: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)

    def alternatives(self, response: str) -> tuple[str, ...]:
        """The training phrases of every intent answered by ``response``."""
        intents = list(self.links.get(response, ()))
        if response.startswith("utter_") and "/" in response:
            intents.append(response[len("utter_") :])
        seen: dict[str, None] = {}
        for intent in intents:
            for example in self.examples.get(intent, ()):
                seen.setdefault(example, None)
        return tuple(seen)

    def link(self, intents: Iterable[str], action: str) -> None:
        """Record that ``action`` answers each of ``intents``."""
        if action.startswith("utter_"):
            targets = self.links.setdefault(action, [])
            targets.extend(i for i in intents if i not in targets)


def find_root(path: Path) -> Path | None:
    """The nearest folder (the file's own or up to three above) holding ``domain.yml`` or ``data/``."""
    folder = path.parent
    for _ in range(4):
        if (folder / "data").is_dir() or (folder / "domain.yml").is_file() or (folder / "domain.yaml").is_file():
            return folder
        if folder.parent == folder:
            break
        folder = folder.parent
    return None


def training_files(path: Path) -> list[Path]:
    """The training data files of the project around ``path`` (what :func:`training_index` reads)."""
    return _training_files(find_root(path))


def _training_files(root: Path | None) -> list[Path]:
    """The training data files under the project folder ``root`` (none without one)."""
    if root is None or not (root / "data").is_dir():
        return []
    return sorted(p for p in (root / "data").rglob("*") if p.suffix in (".yml", ".yaml", ".md") and p.is_file())


def training_index(path: Path) -> TrainingIndex:
    """The (cached) training index of the project around ``path``; empty when there is none."""
    root = find_root(path)
    files = _training_files(root)
    if root is None or not files:
        return TrainingIndex()
    signature = project_signature(files)
    cached = _CACHE.get(root)
    if cached and cached[0] == signature:
        return cached[1]
    index = TrainingIndex()
    for file in files:
        if file.stat().st_size > PROJECT_FILE_BYTES:
            continue
        try:
            text = file.read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            continue
        if file.suffix == ".md":
            _read_markdown(text, index)
        else:
            _read_yaml(text, index)
    _CACHE[root] = (signature, index)
    return index


def clean_example(text: str) -> str:
    """A training example without entity annotations."""
    return _ENTITY.sub(r"\1", text).strip()


def _read_yaml(text: str, index: TrainingIndex) -> None:
    try:
        data = load_bounded(text, YAML_LOADER)
    except (yaml.YAMLError, RecursionError):
        return  # reported when the file itself is parsed
    if not isinstance(data, dict):
        return
    for item in _dicts(data.get("nlu")):
        intent = item.get("intent")
        if isinstance(intent, str):
            index.examples.setdefault(intent, []).extend(_examples(item.get("examples")))
    for key in ("rules", "stories"):
        for item in _dicts(data.get(key)):
            _read_steps(_dicts(item.get("steps")), index)


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _examples(value: Any) -> list[str]:
    if isinstance(value, str):
        lines = (ln.strip() for ln in value.splitlines())
        return [clean_example(ln[1:]) for ln in lines if ln.startswith("-") and ln[1:].strip()]
    return [clean_example(str(v.get("text", ""))) for v in _dicts(value) if v.get("text")]


def _read_steps(steps: list[dict[str, Any]], index: TrainingIndex) -> None:
    intents: list[str] = []
    for step in steps:
        if isinstance(step.get("intent"), str):
            intents = [step["intent"]]
        elif "or" in step:
            intents = [s["intent"] for s in _dicts(step["or"]) if isinstance(s.get("intent"), str)]
        elif isinstance(step.get("action"), str):
            if intents:
                index.link(intents, step["action"])
            intents = []


def _read_markdown(text: str, index: TrainingIndex) -> None:
    """Rasa 1 Markdown: ``## intent:x`` example lists and ``* intent`` / ``- utter_x`` stories."""
    intent: str | None = None
    user: list[str] = []
    for line in text.splitlines():
        if line.startswith("##"):
            match = _MD_INTENT.match(line)
            intent = match.group(1) if match else None
            user = []
        elif intent and line.lstrip().startswith("- "):
            index.examples.setdefault(intent, []).append(clean_example(line.lstrip()[2:]))
        elif not intent:
            story_user = _MD_USER.match(line)
            action = _MD_ACTION.match(line)
            if story_user:
                user = re.split(r"\s+OR\s+", story_user.group(1))
            elif action and user:
                index.link(user, action.group(1))
                user = []
