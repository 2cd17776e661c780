"""Which question a Botpress v12 content element answers, read from the bot around it.

A content element (``content-elements/builtin_text.json``) holds the bot's
words under an id; the flows (``flows/**/*.flow.json``) say them from a node
(``"onEnter": ["say #!builtin_text-r3deem"]``) that a transition reaches on an
intent (``"condition": "event.nlu.intent.is('redeem_voucher')"``), and the
intent's training phrases are in ``intents/<name>.json``. For a
content-elements file at ``<bot>/content-elements/`` this module reads
(read-only, cached by the files' timestamps and sizes) the flows and intents of
``<bot>/`` and maps each element id to a :class:`Topic`: the intent that leads
to a node saying it (its name as words, its utterances as alternatives), else
the node's name. An element no node says keeps its id.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from consistency_check.sources.base import project_signature, read_project_file, readable_name

_SAY = re.compile(r"^\s*say\s+#!?([\w-]+)")
_INTENT = re.compile(r"""intent\.is\(\s*['"]([^'"]+)['"]\s*\)|intent\.name\s*={2,3}\s*['"]([^'"]+)['"]""")
#: The intent Botpress's understanding gives when no intent matches: a fallback, not a question.
_NO_INTENT = "none"


@dataclass(frozen=True)
class Topic:
    """What a content element answers: a question and, per language, the phrasings that ask it."""

    question: str
    utterances: dict[str, tuple[str, ...]]


_CACHE: dict[Path, tuple[tuple[tuple[str, int, int], ...], dict[str, Topic]]] = {}


def bot_files(path: Path) -> list[Path]:
    """The flow and intent files of the bot a content-elements file belongs to (none elsewhere)."""
    if path.parent.name != "content-elements":
        return []
    root = path.parent.parent
    flows = sorted(p for p in (root / "flows").rglob("*.flow.json") if p.is_file())
    intents = sorted(p for p in (root / "intents").glob("*.json") if p.is_file())
    return flows + intents


def topics(path: Path) -> dict[str, Topic]:
    """Each content element id of the bot ``path`` belongs to, with what it answers."""
    files = bot_files(path)
    if not files:
        return {}
    signature = project_signature(files)
    key = path.parent.parent
    cached = _CACHE.get(key)
    if cached is not None and cached[0] == signature:
        return cached[1]
    found = _build(files)
    _CACHE[key] = (signature, found)
    return found


def _load(path: Path) -> Any:
    try:
        return json.loads(read_project_file(path) or "null")
    except ValueError:
        return None  # a file that cannot be read names no topic; it is reported when it is itself a source


def _build(files: list[Path]) -> dict[str, Topic]:
    utterances: dict[str, dict[str, tuple[str, ...]]] = {}
    flows: list[dict[str, Any]] = []
    for path in files:
        data = _load(path)
        if not isinstance(data, dict):
            continue
        if path.name.endswith(".flow.json"):
            flows.append(data)
        elif isinstance(data.get("utterances"), dict):
            utterances[str(data.get("name") or path.stem)] = _phrasings(data["utterances"])
    intent_of_node: dict[str, str] = {}
    says: list[tuple[str, str]] = []  # (node name, element id)
    for flow in flows:
        nodes = [n for n in flow.get("nodes") or () if isinstance(n, dict)]
        catch = flow.get("catchAll")
        for source in [*nodes, catch if isinstance(catch, dict) else {}]:
            for target, intent in _intent_transitions(source):
                intent_of_node.setdefault(target, intent)
        says.extend((str(node.get("name") or ""), element) for node in nodes for element in _said(node))
    out: dict[str, Topic] = {}
    for node, element in says:
        asked = intent_of_node.get(node)
        if asked is not None:
            out.setdefault(element, Topic(readable_name(asked), utterances.get(asked, {})))
        elif node:
            out.setdefault(element, Topic(readable_name(node), {}))
    return out


def _phrasings(by_language: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """An intent's utterances per language."""
    return {
        str(lang): tuple(u for u in texts if isinstance(u, str) and u.strip())
        for lang, texts in by_language.items()
        if isinstance(texts, list)
    }


def _intent_transitions(source: dict[str, Any]) -> list[tuple[str, str]]:
    """(target node, intent) of each transition of a node (or a flow's catch-all) taken on an intent."""
    out = []
    for transition in source.get("next") or ():
        if not isinstance(transition, dict):
            continue
        match = _INTENT.search(str(transition.get("condition") or ""))
        target = transition.get("node")
        intent = (match.group(1) or match.group(2)) if match else ""
        if intent and intent != _NO_INTENT and isinstance(target, str):
            out.append((target, intent))
    return out


def _said(node: dict[str, Any]) -> list[str]:
    """The content element ids a node says."""
    steps = [*(node.get("onEnter") or ()), *(node.get("onReceive") or ())]
    return [said.group(1) for step in steps if isinstance(step, str) and (said := _SAY.match(step))]
