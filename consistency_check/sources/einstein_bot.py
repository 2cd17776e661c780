"""Salesforce Einstein Bot metadata (``bots/<Bot>/v<N>.botVersion-meta.xml``, ``<Bot>.bot``).

The XML (namespace ``http://soap.sforce.com/2006/04/metadata``) has one
``<botDialogs>`` per dialog: ``<label>`` (shown to customers in menus),
``<developerName>``, ``<mlIntent>`` and nested ``<botSteps>``. Every
``<botMessages><message>`` is a statement at the line of its text, the question
being the dialog's label. A message inside a ``Collect`` variable operation is a
prompt (``origin="prompt"``) and its quick-reply options follow it on new lines,
as Rasa buttons do. Steps under ``<botStepConditions>`` carry the condition
(``Calendar_Event Equals true``). A message that is only a merge field
(``{!AnswerSelectedResult.Answer}``) is filled at run time: a dynamic statement.
``<language>`` gives the locale.

Training utterances come from ``<mlIntentUtterances>`` in the same file (a
``Bot`` with ``botMlDomain`` or a ``BotVersion`` with ``mlDomain``), and from
utterance CSVs (``MlDomainName,MlIntentName,Utterance``) in the Salesforce
project around the bot; they become the alternatives of the dialogs whose
``mlIntent`` they train. Those CSVs and ``MlDomain`` files are claimed without
statements of their own: they hold questions, no answers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from lxml import etree

from consistency_check.model import Statement
from consistency_check.sources.base import Document, SourceError, decode_bytes

NAME = "einstein_bot"
CHANNEL = "chatbot"
EXTENSIONS = (".xml", ".bot", ".csv")

_ROOT = re.compile(r"<(Bot|BotVersion|MlDomain)\b[^>]*soap\.sforce\.com/2006/04/metadata")
_UTTERANCE_HEADER = ("mldomainname", "mlintentname", "utterance")
_MERGE_ONLY = re.compile(r"^\s*(?:\{![^}]*\}\s*)+$")
_MAX_CSV_FILES = 200
_MAX_CSV_BYTES = 5_000_000
_SKIP_DIRS = frozenset({".git", ".sfdx", ".sf", "node_modules", ".venv", "venv", "__pycache__"})
_CACHE: dict[tuple[Path, str], dict[str, tuple[str, ...]]] = {}


def sniff(doc: Document) -> bool:
    """True for Einstein Bot, BotVersion or MlDomain metadata XML and for utterance CSVs."""
    head = doc.head(4096)
    if _ROOT.search(head):
        return True
    return _is_utterance_header(head.lstrip("\ufeff").split("\n", 1)[0])


def _is_utterance_header(line: str) -> bool:
    names = [c.strip().strip('"').lower() for c in line.split(",")]
    return tuple(names[:3]) == _UTTERANCE_HEADER


def parse(doc: Document) -> Iterator[Statement]:
    """Yield every bot message of every dialog; utterance CSVs and MlDomain files give none."""
    head = doc.head(4096)
    if not _ROOT.search(head):
        return  # an utterance CSV: read as alternatives by the bot it trains
    root = _load(doc)
    if _local(root) == "MlDomain":
        return
    versions = [root] if _local(root) == "BotVersion" else [v for v in root if _local(v) == "botVersions"] or [root]
    locale = _bot_language(root, versions)
    utterances = _inline_utterances(root)
    for name, examples in _project_utterances(doc).items():
        utterances.setdefault(name, examples)
    for version in versions:
        for dialog in version:
            if _local(dialog) == "botDialogs":
                yield from _dialog(doc, dialog, locale, utterances)


def _load(doc: Document) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True, huge_tree=True
    )
    try:
        return etree.fromstring(doc.read_bytes(), parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        raise SourceError(f"invalid XML: {exc.msg}", line, column) from None


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _child(el: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in el if _local(c) == name), None)


def _child_text(el: etree._Element, name: str) -> str:
    child = _child(el, name)
    return (child.text or "").strip() if child is not None else ""


def _bot_language(root: etree._Element, versions: list[etree._Element]) -> str:
    """The bot's ``<language>``: on the root or a version, else its NLP provider's (not an utterance's)."""
    for holder in (root, *versions):
        direct = _child_text(holder, "language")
        if direct:
            return direct
        for provider in holder:
            if _local(provider) == "nlpProviders" and _child_text(provider, "language"):
                return _child_text(provider, "language")
    return ""


def _humanize(name: str) -> str:
    return re.sub(r"_+", " ", name).strip()


def _dialog(
    doc: Document, dialog: etree._Element, locale: str, utterances: dict[str, tuple[str, ...]]
) -> Iterator[Statement]:
    name = _child_text(dialog, "developerName")
    question = _child_text(dialog, "label") or _humanize(name)
    intent = _child_text(dialog, "mlIntent")
    alternatives = utterances.get(intent, ()) if intent else ()
    base = f"botDialogs[{name}]" if name else "botDialogs"
    for message in dialog.iter():
        if _local(message) != "message" or (parent := message.getparent()) is None or _local(parent) != "botMessages":
            continue
        text = message.text or ""
        if not text.strip():
            continue
        operation = _enclosing(message, "botVariableOperation")
        options = _quick_replies(operation) if operation is not None else []
        dynamic = bool(_MERGE_ONLY.match(text)) and not options
        line = (message.sourceline or 1) + text[: len(text) - len(text.lstrip())].count("\n")
        lines_in_text = text.strip().count("\n")
        yield doc.statement(
            NAME,
            question,
            "\n".join([text, *options]),
            line,
            end_line=line + lines_in_text if lines_in_text else None,
            pointer=base + _path_below(dialog, message),
            locale=locale,
            alternatives=alternatives,
            origin="prompt" if operation is not None else "message",
            condition=_conditions(dialog, message),
            dynamic=dynamic,
        )


def _enclosing(el: etree._Element, name: str) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and _local(parent) != "botDialogs":
        if _local(parent) == name:
            return parent
        parent = parent.getparent()
    return None


def _quick_replies(operation: etree._Element) -> list[str]:
    """The static quick-reply labels a Collect step offers."""
    out = []
    for option in operation:
        if _local(option) == "botQuickReplyOptions":
            value = _child_text(option, "literalValue")
            if value:
                out.append(value)
    return out


def _conditions(dialog: etree._Element, el: etree._Element) -> str:
    """The step conditions in force at ``el``: ``Var Equals true and Other IsSet``."""
    parts: list[str] = []
    parent = el.getparent()
    while parent is not None and parent is not dialog:
        if _local(parent) == "botSteps":
            for cond in parent:
                if _local(cond) == "botStepConditions":
                    words = [_child_text(cond, k) for k in ("leftOperandName", "operatorType", "rightOperandValue")]
                    parts.insert(0, " ".join(w for w in words if w))
        parent = parent.getparent()
    return " and ".join(p for p in parts if p)


def _path_below(top: etree._Element, el: etree._Element) -> str:
    """``/botSteps[2]/botMessages/message``: local names, positions among same-named siblings when needed."""
    steps: list[str] = []
    node: etree._Element | None = el
    while node is not None and node is not top:
        parent = node.getparent()
        name = _local(node)
        if parent is not None:
            same = [c for c in parent if _local(c) == name]
            name += f"[{same.index(node) + 1}]" if len(same) > 1 else ""
        steps.insert(0, name)
        node = parent
    return "/" + "/".join(steps)


def _inline_utterances(root: etree._Element) -> dict[str, tuple[str, ...]]:
    """``mlIntents`` → utterances declared in the file itself."""
    out: dict[str, tuple[str, ...]] = {}
    for intent in root.iter():
        if _local(intent) != "mlIntents":
            continue
        name = _child_text(intent, "developerName")
        examples = [_child_text(u, "utterance") for u in intent if _local(u) == "mlIntentUtterances"]
        if name and examples:
            out[name] = tuple(dict.fromkeys(e for e in examples if e))
    return out


def _project_utterances(doc: Document) -> dict[str, tuple[str, ...]]:
    """Utterances of the bot's intents from CSV files in its Salesforce project (cached per project)."""
    bot = _bot_name(doc.fs_path.as_posix())
    root = _project_root(doc.fs_path)
    if root is None:
        return {}
    key = (root, bot)
    if key not in _CACHE:
        _CACHE[key] = _read_utterance_csvs(root, bot)
    return _CACHE[key]


def _bot_name(path: str) -> str:
    parts = PurePosixPath(path).parts
    if "bots" in parts[:-1]:
        after = parts[parts.index("bots") + 1]
        return after.split(".")[0]
    return ""


def _project_root(path: Path) -> Path | None:
    """The folder holding ``sfdx-project.json`` or ``force-app``/``src`` above the bot file."""
    for folder in path.parents:
        if (folder / "sfdx-project.json").is_file():
            return folder
        if folder.name in ("force-app", "src") and folder.parent != folder:
            return folder.parent
    return None


def _read_utterance_csvs(root: Path, bot: str) -> dict[str, tuple[str, ...]]:
    by_domain: dict[str, dict[str, list[str]]] = {}
    seen = 0
    for path in sorted(root.rglob("*.csv")):
        if seen >= _MAX_CSV_FILES or any(part in _SKIP_DIRS for part in path.relative_to(root).parts):
            continue
        seen += 1
        try:
            if path.stat().st_size > _MAX_CSV_BYTES:
                continue
            text = decode_bytes(path.read_bytes())
        except OSError:
            continue
        if not _is_utterance_header(text.split("\n", 1)[0]):
            continue
        try:
            rows = list(csv.reader(io.StringIO(text)))[1:]
        except csv.Error:
            continue
        for row in rows:
            if len(row) >= 3 and row[2].strip():
                by_domain.setdefault(row[0].strip(), {}).setdefault(row[1].strip(), []).append(row[2].strip())
    if not by_domain:
        return {}
    chosen = [d for d in by_domain if d.lower() == bot.lower()] or list(by_domain)
    merged: dict[str, list[str]] = {}
    for domain in chosen:
        for intent, examples in by_domain[domain].items():
            merged.setdefault(intent, []).extend(examples)
    return {intent: tuple(dict.fromkeys(examples)) for intent, examples in merged.items()}
