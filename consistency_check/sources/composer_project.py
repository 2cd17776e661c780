"""Which intent a Bot Framework Composer ``.lg`` template answers, read from the project around it.

In Composer the answer and the question are in different files: a ``.dialog``
trigger (``Microsoft.OnIntent`` with ``"intent": "Returns"``) sends
``${SendActivity_Ab12Cd()}``, the template is defined in the dialog's ``.lg``
file and the intent's utterances are in its ``.lu`` file. For a ``.lg`` file at
``<dialog>/language-generation/<locale>/<name>.<locale>.lg`` this module reads
(read-only, cached per folder and file timestamps) the ``*.dialog`` files of
``<dialog>/``, the ``.lu`` files of ``<dialog>/language-understanding/<locale>/``
and the other ``.lg`` files of the same folder, and maps each template to a
:class:`Topic`: the intent's name and utterances, or what fires the trigger
(``welcome``, ``unknown intent``, the dialog's name when it begins). A
template only reached through another template (``${DepartmentsCard()}``)
inherits that template's topic. A template several triggers reach (one answer
template two intents send, which branches into a template per intent) answers
the one of them its name names ("ResidentialFees_Response"), else its own name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from consistency_check.sources.base import project_signature, read_project_file

_CALL = re.compile(r"\$\{\s*([A-Za-z_][\w.-]*)\s*\(")
_NAME_CALL = re.compile(r"([A-Za-z_][\w.-]*)\s*\(")
_TRIGGER_TOPICS = {
    "Microsoft.OnConversationUpdateActivity": "welcome",
    "Microsoft.OnUnknownIntent": "unknown intent",
    "Microsoft.OnQnAMatch": "qna match",
    "Microsoft.OnChooseIntent": "choose intent",
    "Microsoft.OnCancelDialog": "cancel",
    "Microsoft.OnError": "error",
}
_CACHE: dict[tuple[Path, str], tuple[tuple[tuple[str, int, int], ...], ComposerIndex]] = {}


@dataclass(frozen=True)
class Topic:
    """What a template answers: a question (intent or trigger) and the utterances that lead there."""

    question: str
    alternatives: tuple[str, ...] = ()


@dataclass
class ComposerIndex:
    """Template name → topic, for one dialog folder and locale."""

    topics: dict[str, Topic] = field(default_factory=dict)


def template_calls(text: str) -> list[str]:
    """Names of the templates or functions a text calls inside ``${…}`` (``${json(deptsjson())}`` → both)."""
    names: list[str] = []
    for match in _CALL.finditer(text):
        start = match.start()
        end = text.find("}", start)
        names.extend(_NAME_CALL.findall(text, start, end if end > 0 else len(text)))
    return names


def trigger_topic(trigger: dict[str, Any], dialog: dict[str, Any], intents: dict[str, list[str]]) -> Topic:
    """The topic of one trigger of a dialog."""
    intent = trigger.get("intent")
    if isinstance(intent, str) and intent:
        return Topic(humanize(intent), tuple(dict.fromkeys(intents.get(intent, ()))))
    kind = str(trigger.get("$kind", ""))
    if kind == "Microsoft.OnBeginDialog":
        designer = dialog.get("$designer")
        inner = designer.get("$designer") if isinstance(designer, dict) else None
        name = inner.get("name") if isinstance(inner, dict) else None
        return Topic(humanize(str(name or dialog.get("id") or "dialog")))
    if kind in _TRIGGER_TOPICS:
        return Topic(_TRIGGER_TOPICS[kind])
    designer = trigger.get("$designer")
    name = designer.get("name") if isinstance(designer, dict) else None
    return Topic(humanize(str(name or kind.rsplit(".", 1)[-1])))


def humanize(name: str) -> str:
    """``ask_store-hours`` → ``ask store hours``."""
    return re.sub(r"[_\-]+", " ", name).strip()


def strings(value: Any) -> Iterator[str]:
    """Every string anywhere inside a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def composer_index(lg_path: Path) -> ComposerIndex:
    """The (cached) index for a ``.lg`` file; empty when it is not inside a Composer project layout."""
    locale_dir = lg_path.parent
    if locale_dir.parent.name != "language-generation":
        return ComposerIndex()
    folder = locale_dir.parent.parent
    lu_dir = folder / "language-understanding" / locale_dir.name
    files = sorted([*folder.glob("*.dialog"), *locale_dir.glob("*.lg"), *lu_dir.glob("*.lu")])
    signature = project_signature(p for p in files if p.is_file())
    key = (folder, locale_dir.name)
    cached = _CACHE.get(key)
    if cached and cached[0] == signature:
        return cached[1]
    index = _build(folder, locale_dir, lu_dir)
    _CACHE[key] = (signature, index)
    return index


def _build(folder: Path, locale_dir: Path, lu_dir: Path) -> ComposerIndex:
    from consistency_check.sources.lg_syntax import scan_templates
    from consistency_check.sources.ludown import scan

    intents: dict[str, list[str]] = {}
    for lu_file in sorted(lu_dir.glob("*.lu")):  # errors are reported when the file itself is checked
        for intent, utterances in scan(read_project_file(lu_file)).intents.items():
            intents.setdefault(intent, []).extend(utterances)
    reached: dict[str, list[Topic]] = {}
    for dialog_file in sorted(folder.glob("*.dialog")):
        for topic, calls in dialog_triggers(read_project_file(dialog_file), intents):
            for name in calls:
                if topic not in reached.setdefault(name, []):
                    reached[name].append(topic)
    calls_of: dict[str, list[str]] = {}
    for lg_file in sorted(locale_dir.glob("*.lg")):
        for template in scan_templates(read_project_file(lg_file))[0]:
            calls_of.setdefault(template.name, []).extend(template_calls(template.source))
    _inherit(reached, calls_of)
    index = ComposerIndex()
    for name, topics in reached.items():
        index.topics[name] = _own_topic(name, topics)
    return index


def _own_topic(name: str, topics: list[Topic]) -> Topic:
    """The topic of a template reached from ``topics``: the one, or, when several triggers share it (one answer
    template that branches into one template per intent), the one its own name names ("ResidentialFees_Response"
    under "ResidentialFees"), else its own name: the first trigger's topic is not every branch's."""
    if len(topics) == 1:
        return topics[0]
    key = _letters(name)
    named = [t for t in topics if _letters(t.question) and _letters(t.question) in key]
    return named[0] if len(named) == 1 else Topic(humanize(name))


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def dialog_triggers(text: str, intents: dict[str, list[str]]) -> Iterable[tuple[Topic, list[str]]]:
    """(topic, templates called) for each trigger of a ``.dialog`` JSON text; nothing if it is not one."""
    try:
        dialog = json.loads(text) if text else None
    except (ValueError, RecursionError):  # the .dialog file's own error is reported when it is checked
        return []
    if not isinstance(dialog, dict) or not isinstance(dialog.get("triggers"), list):
        return []
    out = []
    for trigger in dialog["triggers"]:
        if isinstance(trigger, dict):
            calls = [name for s in strings(trigger.get("actions")) for name in template_calls(s)]
            out.append((trigger_topic(trigger, dialog, intents), calls))
    return out


def _inherit(reached: dict[str, list[Topic]], calls_of: dict[str, list[str]]) -> None:
    """Give templates reached only through other templates the topics of the templates that call them (a
    trigger's own call is what it answers)."""
    direct = set(reached)
    queue = list(reached)
    while queue:
        name = queue.pop(0)
        for callee in calls_of.get(name, ()):
            if callee not in calls_of or callee in direct:
                continue
            topics = reached.setdefault(callee, [])
            added = [t for t in reached[name] if t not in topics]
            if added:
                topics.extend(added)
                queue.append(callee)
