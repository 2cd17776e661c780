"""Amazon Lex V2 bot exports ("Lex JSON"): an unpacked folder or the ``.zip`` from *Actions → Export*.

Layout: ``Manifest.json``, ``<Bot>/Bot.json``, ``<Bot>/BotLocales/<locale>/BotLocale.json``,
``…/Intents/<Intent>/Intent.json``, ``…/Intents/<Intent>/Slots/<Slot>/Slot.json``
and ``…/SlotTypes/<Type>/SlotType.json``. Every locale is a full copy, and the
locale folder is each statement's locale (``en_US`` → ``en-US``). Files are
usually minified to one line, so the JSON Pointer is what locates an answer.

Each message of every ``messageGroupsList`` is one statement — the group's
``message`` and each of its ``variations`` (Lex picks one of them at random):
``plainTextMessage``, ``ssmlMessage`` (reduced to its spoken words), the title,
subtitle and button texts of an ``imageResponseCard``, and a ``customPayload``
that is plain text rather than JSON. They are found wherever the intent keeps
them: closing, confirmation and declination, initial response, fulfillment
start/update/success/failure/timeout responses, code-hook responses, and the
slot prompts of ``Slot.json`` (origin ``prompt``); the branch condition of a
``*Conditional`` block is kept. Settings switched off (``isActive``/``active``
false) are not read. The question is the intent name made readable; sample
utterances are the alternatives, ``{Slot}`` placeholders as one token. An
intent answered by its Lambda (fulfillment code hook on, no closing or
fulfillment message) or by a knowledge base (QnA, Kendra, Bedrock agent,
Q in Connect) gives one ``dynamic`` statement.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import PurePosixPath

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
    is_true,
    items,
    locale_tag,
    parse_export,
    pointer,
    string,
)
from consistency_check.sources.jsonpos import JNode

NAME = "lex-v2"
CHANNEL = "chatbot"
EXTENSIONS = (".json", ".zip")

_MANIFEST = re.compile(r'"fileFormat"\s*:\s*"LexJson"')
_INTENT = (
    re.compile(r'"sampleUtterances"\s*:'),
    re.compile(r'"(?:intentClosingSetting|fulfillmentCodeHook|dialogCodeHook|parentIntentSignature)"\s*:'),
)
_SLOT = (re.compile(r'"slotTypeName"\s*:'), re.compile(r'"valueElicitationSetting"\s*:'))
_SLOT_TYPE = re.compile(r'"slotTypeValues"\s*:|"valueSelectionSetting"\s*:|"parentSlotTypeSignature"\s*:')
_BOT = (re.compile(r'"dataPrivacy"\s*:'), re.compile(r'"idleSessionTTLInSeconds"\s*:'))
_LOCALE = re.compile(r'"nluConfidenceThreshold"\s*:')
_VOCABULARY = re.compile(r'"customVocabularyItems"\s*:')
_LEX_V1 = re.compile(r'"importFormat"\s*:|"importType"\s*:')
_ZIP_MARKER = re.compile(r"(?:^|(?<=/))(?:Manifest\.json|[^/]+/BotLocales/[^/]+/Intents/[^/]+/Intent\.json)$")
_LOCALE_PATH = re.compile(r"(?:^|/)BotLocales/([^/]+)/")
_INTENT_PATH = re.compile(r"(?:^|/)Intents/([^/]+)/")

ORIGINS = {
    "intentClosingSetting": "closing",
    "intentConfirmationSetting": "confirmation",
    "initialResponseSetting": "initial",
    "fulfillmentCodeHook": "fulfillment",
    "closingResponse": "closing",
    "initialResponse": "initial",
    "promptSpecification": "prompt",
    "declinationResponse": "declination",
    "confirmationResponse": "confirmation",
    "failureResponse": "failure",
    "timeoutResponse": "timeout",
    "successResponse": "fulfillment",
    "startResponse": "update",
    "updateResponse": "update",
}
CONDITIONS = {"failureResponse": "on failure", "timeoutResponse": "on timeout"}
ANSWER_ORIGINS = frozenset({"closing", "fulfillment", "failure", "timeout", "update"})
KNOWLEDGE_KEYS = (
    "qnAIntentConfiguration",
    "kendraConfiguration",
    "bedrockAgentIntentConfiguration",
    "qInConnectIntentConfiguration",
)


def sniff(doc: Document) -> bool:
    """True for a Lex V2 export zip, or a JSON file of an unpacked export."""
    if zips.is_archive(doc):
        return any(name.endswith("/Intent.json") for name, _ in _select(zips.entry_names(doc)))
    if head_matches(doc, _LEX_V1):
        return False  # a Lex V1 export: another layout
    return (
        head_matches(doc, _MANIFEST)
        or head_matches(doc, *_INTENT)
        or head_matches(doc, *_SLOT)
        or head_matches(doc, *_BOT)
        or head_matches(doc, _VOCABULARY)
        or (head_matches(doc, _SLOT_TYPE) and "/SlotTypes/" in f"/{doc.path}")
        or (head_matches(doc, _LOCALE) and PurePosixPath(doc.path).name == "BotLocale.json")
    )


def parse(doc: Document) -> Iterator[Statement]:
    """Yield the statements of an intent or slot file, or of every one in a zip export; an intent's file in each
    of the bot's locales holds a language version of its answers."""
    versions: dict[str, str] = {}  # path -> the id its statements share (one string per file)
    for stmt in parse_export(doc, _handle, _select, _locate, _may_answer):
        path = stmt.location.path
        if path not in versions:
            same = _LOCALE_PATH.sub("/BotLocales/*/", path, count=1)
            versions[path] = f"lex:{same}" if same != path else ""
        yield dataclasses.replace(stmt, translation=versions[path]) if versions[path] else stmt


def _may_answer(text: str, rel: str) -> bool:
    """Intent and slot files hold messages; the manifest, bot, locale and slot types do not."""
    return (
        '"messageGroupsList"' in text or '"sampleUtterances"' in text or "Configuration" in text or "CodeHook" in text
    )


def _select(names: list[str]) -> list[tuple[str, str]]:
    prefixes = sorted({prefix for _, prefix in export_prefixes(names, _ZIP_MARKER)}, key=len, reverse=True)
    chosen = []
    for name in names:
        prefix = next((p for p in prefixes if name.startswith(p)), None)
        if prefix is not None and name.endswith(".json"):
            chosen.append((name, prefix))
    return chosen


def _locate(doc: Document) -> tuple[ExportFiles, str]:
    return FolderFiles(doc.fs_path.parent), doc.path


def _handle(doc: Document, root: JNode, files: ExportFiles, rel: str) -> Iterator[Statement]:
    if not isinstance(root.value, dict):
        return
    locale_match = _LOCALE_PATH.search(rel)
    locale = locale_tag(locale_match.group(1)) if locale_match else ""
    is_slot = "valueElicitationSetting" in root.value and "slotTypeName" in root.value
    is_intent = not is_slot and any(
        k in root.value for k in ("sampleUtterances", "intentClosingSetting", "fulfillmentCodeHook")
    )
    if not (is_slot or is_intent):
        return
    intent_match = _INTENT_PATH.search(rel)
    name = string(root.get("name"))
    if is_slot:
        name = intent_match.group(1) if intent_match else name
    loc = Located(doc, root)
    alternatives = (
        tuple(
            text
            for text in (
                clean_text(normalise_placeholders(string(u.get("utterance"))))
                for u in items(root.get("sampleUtterances"))
            )
            if text
        )
        if is_intent
        else ()
    )
    question = readable_name(name or PurePosixPath(rel).parent.name)
    found = list(_messages(doc, loc, root, "", question, locale, alternatives, "prompt" if is_slot else "response", ""))
    if is_intent:
        found.extend(_dynamic(doc, loc, root, question, locale, alternatives, found))
    yield from found


def _inactive(node: JNode) -> bool:
    for key in ("isActive", "active"):
        flag = node.get(key)
        if flag is not None and flag.value is False:
            return True
    return False


def _messages(
    doc: Document,
    loc: Located,
    node: JNode,
    ptr: str,
    question: str,
    locale: str,
    alternatives: tuple[str, ...],
    origin: str,
    condition: str,
) -> Iterator[Statement]:
    """Walk the tree in file order; every message group yields its message and variations."""
    if isinstance(node.value, list):
        for i, element in enumerate(node.value):
            yield from _messages(doc, loc, element, pointer(ptr, i), question, locale, alternatives, origin, condition)
        return
    if not isinstance(node.value, dict) or _inactive(node):
        return
    if "condition" in node.value and "response" in node.value:  # a conditional branch
        expression = string(child(node, "condition", "expressionString"))
        condition = "; ".join(c for c in (condition, expression) if c)
    for key, value in node.value.items():
        if value.value is None:
            continue
        here = pointer(ptr, key)
        if key == "messageGroupsList":
            for gi, group in enumerate(items(value)):
                at = pointer(here, gi)
                message = group.get("message")
                if message is not None:
                    yield from _message(
                        doc, loc, message, pointer(at, "message"), question, locale, alternatives, origin, condition
                    )
                for vi, variation in enumerate(items(group.get("variations"))):
                    yield from _message(
                        doc,
                        loc,
                        variation,
                        pointer(at, "variations", vi),
                        question,
                        locale,
                        alternatives,
                        origin,
                        condition,
                    )
            continue
        sub_origin = ORIGINS.get(key, origin)
        sub_condition = condition
        if key in CONDITIONS:
            sub_condition = "; ".join(c for c in (condition, CONDITIONS[key]) if c)
        elif key == "defaultBranch":
            sub_condition = "; ".join(c for c in (condition, "otherwise") if c)
        yield from _messages(doc, loc, value, here, question, locale, alternatives, sub_origin, sub_condition)


def _message(
    doc: Document,
    loc: Located,
    message: JNode,
    ptr: str,
    question: str,
    locale: str,
    alternatives: tuple[str, ...],
    origin: str,
    condition: str,
) -> Iterator[Statement]:
    """One Lex message: plain text, SSML, an image response card, or a plain-text custom payload."""
    found: tuple[JNode, str, str, bool] | None = None
    plain = child(message, "plainTextMessage", "value")
    ssml = child(message, "ssmlMessage", "value")
    payload = child(message, "customPayload", "value")
    card = child(message, "imageResponseCard")
    if plain is not None and string(plain).strip():
        found = (plain, string(plain), pointer(ptr, "plainTextMessage", "value"), False)
    elif ssml is not None and string(ssml).strip():
        found = (ssml, string(ssml), pointer(ptr, "ssmlMessage", "value"), True)
    elif card is not None:
        lines = [string(card.get("title")), string(card.get("subtitle"))]
        lines += [string(b.get("text")) for b in items(card.get("buttons"))]
        if any(x.strip() for x in lines):
            found = (card, "\n".join(x for x in lines if x.strip()), pointer(ptr, "imageResponseCard"), False)
    elif payload is not None and string(payload).strip() and string(payload).lstrip()[:1] not in ("{", "[", "<"):
        found = (payload, string(payload), pointer(ptr, "customPayload", "value"), False)
    if found is None:
        return
    node, raw, at, is_ssml = found
    text = answer_text(raw, ssml=is_ssml)
    dynamic = is_runtime_answer(text)
    yield doc.statement(
        NAME,
        question,
        "" if dynamic else text,
        loc.line(node),
        pointer=at,
        locale=locale,
        alternatives=alternatives,
        origin=origin,
        condition=condition,
        dynamic=dynamic,
    )


def _dynamic(
    doc: Document,
    loc: Located,
    root: JNode,
    question: str,
    locale: str,
    alternatives: tuple[str, ...],
    found: list[Statement],
) -> Iterator[Statement]:
    """The answer that code or a knowledge base gives: subject known, text not."""
    for key in KNOWLEDGE_KEYS:
        node = root.get(key)
        if node is not None and node.value is not None:
            yield doc.statement(
                NAME,
                question,
                "",
                loc.line(node),
                pointer=f"/{key}",
                locale=locale,
                alternatives=alternatives,
                origin="knowledge",
                dynamic=True,
            )
            return
    hook = root.get("fulfillmentCodeHook")
    if hook is None or not (is_true(hook.get("enabled")) or is_true(hook.get("isActive"))):
        return
    if any(s.origin in ANSWER_ORIGINS for s in found):
        return
    flag = hook.get("enabled") if is_true(hook.get("enabled")) else hook.get("isActive")
    yield doc.statement(
        NAME,
        question,
        "",
        loc.line(flag or hook),
        pointer="/fulfillmentCodeHook/" + ("enabled" if is_true(hook.get("enabled")) else "isActive"),
        locale=locale,
        alternatives=alternatives,
        origin="code-hook",
        dynamic=True,
    )
