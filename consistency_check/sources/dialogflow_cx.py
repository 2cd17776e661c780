"""Dialogflow CX (Conversational Agents) "JSON package" exports: an unpacked folder or its ``.zip``.

Layout: ``agent.json``, ``flows/<Flow>/<Flow>.json``, ``flows/<Flow>/pages/<Page>.json``,
``flows/<Flow>/transitionRouteGroups/<Group>.json``, ``intents/<Intent>/<Intent>.json``
and ``intents/<Intent>/trainingPhrases/<lang>.json``, plus entity types,
webhooks, test cases, playbooks and generative settings.

Answers live in *fulfillments*, wherever flows and pages have them: a page's
``entryFulfillment``, the ``triggerFulfillment`` of transition routes and
event handlers (flow and page level), form parameters' initial prompts and
reprompt handlers, and the knowledge connector. Every text variation
(``text.text[]``) is one statement, and so is the spoken ``outputAudioText``
when it says something else than the text; SSML is reduced to its spoken
words and ``$session.params.x``-style placeholders to one token. Conditional
fulfillments (``conditionalCases``, nested too) give their condition. A route
with an intent is answered for that intent: its question is the intent name
and the intent's training phrases are the alternatives; other statements take
the page or flow name as question and say where they come from in ``origin``
(``entry``, ``route``, ``event``, ``prompt``, ``knowledge``) and ``condition``
(route condition, ``event sys.no-match-1``). A fulfillment that calls a webhook
gives a ``dynamic`` statement besides its static messages (CX sends both).
Custom payloads, audio, handoff and playbook instructions are not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from consistency_check.model import Statement
from consistency_check.sources import archive as zips
from consistency_check.sources.base import Document, clean_text, normalise_placeholders, readable_name
from consistency_check.sources.botexport import (
    ExportFiles,
    FolderFiles,
    Located,
    answer_text,
    child,
    export_prefixes,
    head_matches,
    is_runtime_answer,
    items,
    locale_tag,
    parse_export,
    pointer,
    string,
)
from consistency_check.sources.jsonpos import JNode

NAME = "dialogflow-cx"
CHANNEL = "chatbot"
EXTENSIONS = (".json", ".zip")

EXPORT_FOLDERS = frozenset(
    "flows intents entityTypes webhooks testCases generativeSettings playbooks tools generators "
    "transitionRouteGroups environments experiments versions changelogs securitySettings".split()
)
_AGENT = (re.compile(r'"defaultLanguageCode"\s*:'), re.compile(r'"(?:startFlow|startPlaybook|timeZone)"\s*:'))
_DISPLAY_NAME = re.compile(r'"displayName"\s*:')
_FLOW_KEYS = re.compile(
    r'"(?:entryFulfillment|transitionRoutes|eventHandlers|transitionRouteGroups|knowledgeConnectorSettings)"\s*:'
)
_PHRASES = re.compile(r'"trainingPhrases"\s*:\s*\[')
_ZIP_MARKER = re.compile(
    r"(?:^|(?<=/))(?:flows/[^/]+/(?:pages/|transitionRouteGroups/)?[^/]+\.json|intents/[^/]+/trainingPhrases/[^/]+\.json)$"
)
_INDEX_CACHE: dict[str, tuple[tuple[object, ...], dict[str, dict[str, list[str]]]]] = {}
_MAX_DEPTH = 5


def sniff(doc: Document) -> bool:
    """True for a CX export zip, or a JSON file of an unpacked CX export."""
    if zips.is_archive(doc):
        return bool(export_prefixes(zips.entry_names(doc), _ZIP_MARKER))
    if head_matches(doc, *_AGENT) or head_matches(doc, _DISPLAY_NAME, _FLOW_KEYS) or head_matches(doc, _PHRASES):
        return True
    if not head_matches(doc):
        return False
    root = _agent_root(doc.fs_path)
    if root is None:
        return False
    rel = doc.fs_path.relative_to(root).parts
    return len(rel) > 1 and rel[0] in EXPORT_FOLDERS


def parse(doc: Document) -> Iterator[Statement]:
    """Yield the statements of a flow, page or route group file, or of every one in a zip export."""
    yield from parse_export(doc, _handle, _select, _locate, _may_answer)


def _may_answer(text: str, rel: str) -> bool:
    """Flows, pages and route groups hold answers (wherever they are, if they look like one)."""
    return rel.split("/")[0] == "flows" or _FLOW_KEYS.search(text) is not None


def _select(names: list[str]) -> list[tuple[str, str]]:
    prefixes = sorted({prefix for _, prefix in export_prefixes(names, _ZIP_MARKER)}, key=len, reverse=True)
    chosen = []
    for name in names:
        prefix = next((p for p in prefixes if name.startswith(p)), None)
        rel = name[len(prefix) :] if prefix is not None else ""
        if (
            prefix is not None
            and name.endswith(".json")
            and (rel == "agent.json" or rel.split("/")[0] in EXPORT_FOLDERS)
        ):
            chosen.append((name, prefix))
    return chosen


def _agent_root(fs_path: Path) -> Path | None:
    """The nearest folder above a file holding a CX ``agent.json``."""
    folder = fs_path.parent
    for _ in range(_MAX_DEPTH):
        agent = folder / "agent.json"
        if agent.is_file() and agent != fs_path and head_matches(Document(agent.name, agent, ""), _AGENT[0]):
            return folder
        if folder.parent == folder:
            break
        folder = folder.parent
    return None


def _locate(doc: Document) -> tuple[ExportFiles, str]:
    root = _agent_root(doc.fs_path)
    if root is None:
        parts = doc.fs_path.parts
        flows = max((i for i, part in enumerate(parts) if part == "flows"), default=None)
        root = Path(*parts[:flows]) if flows else doc.fs_path.parent
    return FolderFiles(root), doc.fs_path.relative_to(root).as_posix()


@dataclass(frozen=True)
class _Context:
    """Where a fulfillment sits: what it answers and under which condition."""

    question: str
    origin: str
    condition: str = ""
    intent: str = ""


def _handle(doc: Document, root: JNode, files: ExportFiles, rel: str) -> Iterator[Statement]:
    if not isinstance(root.value, dict) or not any(
        k in root.value
        for k in ("entryFulfillment", "transitionRoutes", "eventHandlers", "form", "knowledgeConnectorSettings")
    ):
        return  # agent, intent, training phrases, entity types, webhooks, playbooks…: no answers
    if rel.split("/")[0] != "flows" and not _DISPLAY_NAME.search(doc.read_text()[:65536]):
        return
    found = list(_FlowFile(doc, root, files, rel).statements())
    found.sort(key=lambda s: s.location.line or 0)
    yield from found


class _FlowFile:
    """A flow, page or transition route group file."""

    def __init__(self, doc: Document, root: JNode, files: ExportFiles, rel: str) -> None:
        self.doc = doc
        self.root = root
        self.files = files
        self.loc = Located(doc, root)
        self.name = readable_name(string(root.get("displayName")) or PurePosixPath(rel).stem)
        agent = files.json("agent.json")
        self.language = string(agent.get("defaultLanguageCode")) if agent is not None else ""
        self._index: dict[str, dict[str, list[str]]] | None = None

    def statements(self) -> Iterator[Statement]:
        root = self.root
        base = _Context(self.name, "entry")
        entry = root.get("entryFulfillment")
        if entry is not None:
            yield from self.fulfillment(entry, "/entryFulfillment", base)
        for pi, parameter in enumerate(items(child(root, "form", "parameters"))):
            ptr = pointer("/form/parameters", pi, "fillBehavior")
            behaviour = parameter.get("fillBehavior")
            prompt = _Context(self.name, "prompt")
            initial = child(behaviour, "initialPromptFulfillment")
            if initial is not None:
                yield from self.fulfillment(initial, pointer(ptr, "initialPromptFulfillment"), prompt)
            yield from self.handlers(
                child(behaviour, "repromptEventHandlers"), pointer(ptr, "repromptEventHandlers"), prompt
            )
        for ri, route in enumerate(items(root.get("transitionRoutes"))):
            yield from self.route(route, pointer("/transitionRoutes", ri))
        yield from self.handlers(root.get("eventHandlers"), "/eventHandlers", _Context(self.name, "event"))
        knowledge = child(root, "knowledgeConnectorSettings", "triggerFulfillment")
        if knowledge is not None:
            ptr = "/knowledgeConnectorSettings/triggerFulfillment"
            yield from self.fulfillment(knowledge, ptr, _Context(self.name, "knowledge"))

    def route(self, route: JNode, ptr: str) -> Iterator[Statement]:
        fulfillment = route.get("triggerFulfillment")
        if fulfillment is None:
            return
        intent = string(route.get("intent"))
        condition = string(route.get("condition")).strip()
        question = readable_name(intent) if intent else self.name
        yield from self.fulfillment(
            fulfillment, pointer(ptr, "triggerFulfillment"), _Context(question, "route", condition, intent)
        )

    def handlers(self, handlers: JNode | None, ptr: str, context: _Context) -> Iterator[Statement]:
        for hi, handler in enumerate(items(handlers)):
            fulfillment = handler.get("triggerFulfillment")
            if fulfillment is None:
                continue
            event = string(handler.get("event"))
            here = replace(context, condition=f"event {event}" if event else string(handler.get("condition")))
            yield from self.fulfillment(fulfillment, pointer(ptr, hi, "triggerFulfillment"), here)

    def fulfillment(self, node: JNode, ptr: str, context: _Context) -> Iterator[Statement]:
        """Messages, conditional cases and webhook call of one fulfillment."""
        seen: set[tuple[str, str]] = set()
        for mi, message in enumerate(items(node.get("messages"))):
            yield from self.message(message, pointer(ptr, "messages", mi), context, seen)
        for ci, block in enumerate(items(node.get("conditionalCases"))):
            yield from self.cases(block, pointer(ptr, "conditionalCases", ci), context, seen)
        webhook = node.get("webhook")
        if webhook is not None and string(webhook).strip():
            tag = string(node.get("tag"))
            yield self.doc.statement(
                NAME,
                context.question,
                "",
                self.loc.line(webhook),
                pointer=pointer(ptr, "webhook"),
                locale=locale_tag(self.language),
                alternatives=self.alternatives(context.intent, self.language),
                origin="webhook",
                condition=_join(context.condition, f"webhook {string(webhook)}" + (f" tag {tag}" if tag else "")),
                dynamic=True,
            )

    def cases(self, block: JNode, ptr: str, context: _Context, seen: set[tuple[str, str]]) -> Iterator[Statement]:
        """``conditionalCases[].cases[]``: each case's messages under its condition, nested cases too."""
        for ci, case in enumerate(items(block.get("cases"))):
            condition = string(case.get("condition")).strip() or "otherwise"
            here = replace(context, condition=_join(context.condition, condition))
            for ki, content in enumerate(items(case.get("caseContent"))):
                at = pointer(ptr, "cases", ci, "caseContent", ki)
                message = content.get("message")
                if message is not None:
                    yield from self.message(message, pointer(at, "message"), here, seen)
                nested = content.get("additionalCases")
                if nested is not None:
                    yield from self.cases(nested, pointer(at, "additionalCases"), here, seen)

    def message(self, message: JNode, ptr: str, context: _Context, seen: set[tuple[str, str]]) -> Iterator[Statement]:
        """Text variations, and the spoken text when it differs from every text already seen."""
        lang = string(message.get("languageCode")) or self.language
        texts = child(message, "text", "text")
        for vi, variant in enumerate(items(texts)):
            if isinstance(variant.value, str) and variant.value.strip():
                seen.add((lang, answer_text(variant.value)))
                yield self.statement(variant, variant.value, pointer(ptr, "text", "text", vi), lang, context)
        audio = message.get("outputAudioText")
        for key in ("ssml", "text"):
            spoken = child(audio, key)
            if spoken is None or not string(spoken).strip():
                continue
            if (lang, answer_text(string(spoken), ssml=key == "ssml")) not in seen:
                yield self.statement(
                    spoken, string(spoken), pointer(ptr, "outputAudioText", key), lang, context, ssml=key == "ssml"
                )
            break

    def statement(
        self, node: JNode, raw: str, ptr: str, lang: str, context: _Context, *, ssml: bool = False
    ) -> Statement:
        text = answer_text(raw, ssml=ssml)
        dynamic = is_runtime_answer(text)
        return self.doc.statement(
            NAME,
            context.question,
            "" if dynamic else text,
            self.loc.line(node),
            pointer=ptr,
            locale=locale_tag(lang),
            alternatives=self.alternatives(context.intent, lang),
            origin=context.origin,
            condition=context.condition,
            dynamic=dynamic,
        )

    def alternatives(self, intent: str, lang: str) -> tuple[str, ...]:
        if not intent:
            return ()
        if self._index is None:
            self._index = intent_index(self.files)
        phrases = self._index.get(intent, {})
        if not lang:
            return tuple(p for group in phrases.values() for p in group)
        return tuple(phrases.get(lang, [])) + tuple(phrases.get("", []))


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def intent_index(files: ExportFiles) -> dict[str, dict[str, list[str]]]:
    """Training phrases by intent display name and language, read once per export (cached)."""
    paths = files.walk("intents")
    signature = files.signature(paths)
    cached = _INDEX_CACHE.get(files.key())
    if cached and cached[0] == signature:
        return cached[1]
    names: dict[str, str] = {}
    phrases: dict[str, dict[str, list[str]]] = {}
    for path in paths:
        parts = path.split("/")
        if len(parts) == 3 and parts[2].endswith(".json"):
            node = files.json(path)
            display = string(node.get("displayName")) if node is not None else ""
            names[parts[1]] = display or PurePosixPath(parts[2]).stem
    for path in paths:
        parts = path.split("/")
        if len(parts) == 4 and parts[2] == "trainingPhrases" and parts[3].endswith(".json"):
            intent = names.get(parts[1], parts[1])
            by_lang = phrases.setdefault(intent, {})
            node = files.json(path)
            file_lang = PurePosixPath(parts[3]).stem
            for phrase in items(child(node, "trainingPhrases")):
                text = clean_text(
                    normalise_placeholders("".join(string(p.get("text")) for p in items(phrase.get("parts"))))
                )
                if text:
                    by_lang.setdefault(string(phrase.get("languageCode")) or file_lang, []).append(text)
    if len(_INDEX_CACHE) > 64:
        _INDEX_CACHE.clear()
    _INDEX_CACHE[files.key()] = (signature, phrases)
    return phrases
