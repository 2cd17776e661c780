"""Dialogflow ES (v2) agent exports: an unpacked folder or the ``.zip`` the console downloads.

Layout: ``agent.json``, ``intents/<Intent>.json`` (responses in every language)
and ``intents/<Intent>_usersays_<lang>.json`` (training phrases), ``entities/``.
The console's single-intent JSON (training phrases embedded as ``userSays``)
is read too.

Every text variation of an intent's responses is one statement: ``speech``
(a string in old exports, a list in newer ones) of text messages (``type``
``0``, ``"0"``, ``"message"``), the display and spoken text of Actions on
Google simple responses, the visible text of cards, quick replies, chips and
list items, and the prompts of required parameters (origin ``prompt``). A
message's ``lang`` is the statement's locale (the agent's ``language`` when it
has none) and its ``platform`` goes into the condition (``platform google``),
so that platform-specific answers are told apart. The question is the intent
name made readable; the training phrases of the same language are the
alternatives. An intent whose answer comes from the webhook and that has no
static text gives one ``dynamic`` statement (subject known, text unknown);
static text of a webhook intent is kept with origin ``webhook-default``. A
knowledge-connector answer (``$Knowledge.Answer[1]``) is dynamic too. Images
and custom payloads are not read. ``agent.json``, entities, ``package.json``
and training-phrase files are recognised as parts of the export and give no
statement of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from consistency_check.model import Statement
from consistency_check.sources import archive as zips
from consistency_check.sources.base import VARIABLE, Document, clean_text, normalise_placeholders, readable_name
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

NAME = "dialogflow-es"
CHANNEL = "chatbot"
EXTENSIONS = (".json", ".zip")

_RESPONSES = re.compile(r'"responses"\s*:\s*\[')
_INTENT_KEY = re.compile(r'"(?:webhookUsed|fallbackIntent|webhookForSlotFilling)"\s*:')
_USERSAYS = re.compile(r'"data"\s*:\s*\[')
_TEMPLATE_FLAG = re.compile(r'"isTemplate"\s*:')
_AGENT = (re.compile(r'"language"\s*:'), re.compile(r'"defaultTimezone"\s*:'))
_CX_AGENT = re.compile(r'"defaultLanguageCode"\s*:')
_ENTITY = re.compile(r'"isEnum"\s*:|"automatedExpansion"\s*:')
_SYNONYMS = re.compile(r'"synonyms"\s*:')
_USERSAYS_NAME = re.compile(r"_usersays_([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)\.json")
_ENTRIES_NAME = re.compile(r"_entries_[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*\.json$")
_ZIP_MARKER = re.compile(r"(?:^|(?<=/))(?:intents/[^/]+\.json|agent\.json)$")
_TEMPLATE_PART = re.compile(r"@[\w.-]+:[\w-]+")

TEXT_TYPES = (0, "0", "message", "text")
SKIPPED_TYPES = (
    3,
    "3",
    4,
    "4",
    "image",
    "custom_payload",
    "media_content",
    "telephony_play_audio",
    "telephony_transfer_call",
)
CARD_FIELDS = (
    "title",
    "subtitle",
    "formattedText",
    "text",
    "ssml",
    "displayText",
    "textToSpeech",
    "destinationName",
    "description",
    "footer",
)
CARD_LISTS = ("replies", "suggestions", "buttons", "quickReplies")
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+$|tel:|mailto:", re.IGNORECASE)


def sniff(doc: Document) -> bool:
    """True for a Dialogflow ES export zip, or a JSON file of one (intent, training phrases, agent, entity)."""
    if zips.is_archive(doc):
        return any(PurePosixPath(name).parent.name == "intents" for name, _ in _select(zips.entry_names(doc)))
    return _kind(doc) is not None


def parse(doc: Document) -> Iterator[Statement]:
    """Yield the statements of an intent file, or of every intent of a zip export."""
    yield from parse_export(doc, _handle, _select, _locate, _may_answer)


def _may_answer(text: str, rel: str) -> bool:
    """Intent files hold answers; training phrases, entities and the agent settings do not."""
    return _RESPONSES.search(text) is not None


def _kind(doc: Document) -> str | None:
    """What part of an ES export a JSON document is, judged from its keys and name."""
    name = PurePosixPath(doc.path).name
    if head_matches(doc, _RESPONSES, _INTENT_KEY):
        return "intent"
    if head_matches(doc, re.compile(r"\A\s*\[")) and (
        _USERSAYS_NAME.search(name) or head_matches(doc, _USERSAYS, _TEMPLATE_FLAG)
    ):
        return "usersays"
    if head_matches(doc, *_AGENT) and not head_matches(doc, _CX_AGENT):
        return "agent"
    if head_matches(doc, _ENTITY) or (
        _ENTRIES_NAME.search(name) and head_matches(doc, re.compile(r"\A\s*\[(?:\s*\]|[\s\S]*\"synonyms\")"))
    ):
        return "entity"
    if name == "package.json" and doc.fs_path.name == "package.json":
        agent = doc.fs_path.parent / "agent.json"
        if agent.is_file() and (doc.fs_path.parent / "intents").is_dir():
            return "package" if _is_es_agent(Document(agent.name, agent, "")) else None
    return None


def _is_es_agent(doc: Document) -> bool:
    return head_matches(doc, *_AGENT) and not head_matches(doc, _CX_AGENT)


def _select(names: list[str]) -> list[tuple[str, str]]:
    """The JSON entries of every ES export inside an archive, with the export's folder prefix."""
    prefixes = sorted({prefix for _, prefix in export_prefixes(names, _ZIP_MARKER)}, key=len, reverse=True)
    chosen = []
    for name in names:
        if not name.endswith(".json"):
            continue
        prefix = next((p for p in prefixes if name.startswith(p)), None)
        rel = name[len(prefix) :] if prefix is not None else ""
        if prefix is not None and (rel.count("/") == 0 or rel.split("/")[0] in ("intents", "entities")):
            chosen.append((name, prefix))
    return chosen


def _locate(doc: Document) -> tuple[ExportFiles, str]:
    """The export root of a file on disk: the folder above ``intents/``, else the file's folder."""
    parent = doc.fs_path.parent
    if parent.name in ("intents", "entities"):
        return FolderFiles(parent.parent), f"{parent.name}/{doc.fs_path.name}"
    return FolderFiles(parent), doc.fs_path.name


def _handle(doc: Document, root: JNode, files: ExportFiles, rel: str) -> Iterator[Statement]:
    responses = root.get("responses")
    if isinstance(root.value, dict) and responses is not None and isinstance(responses.value, list):
        yield from _Intent(doc, root, files, rel).statements()


@dataclass
class _Text:
    """One answer text found in a message: where it starts, its words, and its pointer."""

    node: JNode
    text: str
    pointer: str


class _Intent:
    """One intent file and the statements it gives."""

    def __init__(self, doc: Document, root: JNode, files: ExportFiles, rel: str) -> None:
        self.doc = doc
        self.root = root
        self.loc = Located(doc, root)
        path = PurePosixPath(rel)
        folder = path.parent.as_posix() if path.parent.as_posix() != "." else ""
        agent_folder = PurePosixPath(folder).parent.as_posix() if PurePosixPath(folder).name == "intents" else folder
        self.language = _agent_language(files, "" if agent_folder == "." else agent_folder)
        self.name = string(root.get("name")) or path.stem
        self.question = readable_name(self.name)
        self.translation = f"dialogflow:{self.doc.path}"  # the intent's answers, one per language
        self.phrases = _training_phrases(root, files, folder, path.stem, self.language)

    def statements(self) -> Iterator[Statement]:
        """Every answer of the intent in file order, or one dynamic statement for a webhook-only intent."""
        webhook = is_true(self.root.get("webhookUsed"))
        found: list[Statement] = []
        for ri, response in enumerate(items(self.root.get("responses"))):
            base = f"/responses/{ri}"
            for mi, message in enumerate(items(response.get("messages"))):
                found.extend(self._message(message, pointer(base, "messages", mi), webhook))
            found.extend(self._legacy_speech(response.get("speech"), pointer(base, "speech"), webhook))
            found.extend(self._prompts(response, base))
        flag = self.root.get("webhookUsed")
        if webhook and flag is not None and all(s.origin == "prompt" for s in found):
            found.append(
                self.doc.statement(
                    NAME,
                    self.question,
                    "",
                    self.loc.line(flag),
                    pointer="/webhookUsed",
                    locale=locale_tag(self.language),
                    alternatives=self._alternatives(self.language),
                    origin="webhook",
                    dynamic=True,
                )
            )
        found.sort(key=lambda s: s.location.line or 0)
        yield from found

    def _message(self, message: JNode, ptr: str, webhook: bool) -> Iterator[Statement]:
        if not isinstance(message.value, dict):
            return
        lang = string(message.get("lang")) or self.language
        platform = string(message.get("platform"))
        conditions = [f"platform {platform}" if platform else "", string(message.get("condition")).strip()]
        condition = "; ".join(c for c in conditions if c)
        origin = "webhook-default" if webhook else "response"
        for found in message_texts(message, ptr):
            yield self._statement(found, lang, condition, origin)

    def _legacy_speech(self, speech: JNode | None, ptr: str, webhook: bool) -> Iterator[Statement]:
        """API.AI V1 ``responses[].speech`` (a string or a list), in the agent's language."""
        origin = "webhook-default" if webhook else "response"
        for found in _speech(speech, ptr):
            yield self._statement(found, self.language, "", origin)

    def _prompts(self, response: JNode, base: str) -> Iterator[Statement]:
        """Prompts of required parameters (``prompts[]`` with ``lang``/``value``; newer ``promptMessages``)."""
        for pi, parameter in enumerate(items(response.get("parameters"))):
            for qi, prompt in enumerate(items(parameter.get("prompts"))):
                value = prompt.get("value")
                if value is not None and string(value).strip():
                    found = _Text(value, string(value), pointer(base, "parameters", pi, "prompts", qi, "value"))
                    yield self._statement(found, string(prompt.get("lang")) or self.language, "", "prompt")
            for qi, message in enumerate(items(parameter.get("promptMessages"))):
                lang = string(message.get("lang")) or self.language
                for found in message_texts(message, pointer(base, "parameters", pi, "promptMessages", qi)):
                    yield self._statement(found, lang, "", "prompt")

    def _statement(self, found: _Text, lang: str, condition: str, origin: str) -> Statement:
        text = answer_text(found.text)
        dynamic = is_runtime_answer(text)
        return self.doc.statement(
            NAME,
            self.question,
            "" if dynamic else text,
            self.loc.line(found.node),
            pointer=found.pointer,
            locale=locale_tag(lang),
            alternatives=self._alternatives(lang),
            origin="knowledge" if dynamic and "Knowledge" in found.text else origin,
            condition=condition,
            dynamic=dynamic,
            translation=self.translation,
        )

    def _alternatives(self, lang: str) -> tuple[str, ...]:
        if not lang:
            return tuple(p for phrases in self.phrases.values() for p in phrases)
        return tuple(self.phrases.get(lang, [])) + tuple(self.phrases.get("", []))


def message_texts(message: JNode, ptr: str) -> Iterator[_Text]:
    """The answer texts of one message, whatever its type (text, simple response, card, chips, list…)."""
    kind = child(message, "type")
    kind_value = kind.value if kind is not None else None
    if kind_value in SKIPPED_TYPES:
        return
    if kind_value in TEXT_TYPES or (kind_value is None and "speech" in message.value):
        yield from _speech(message.get("speech"), pointer(ptr, "speech"))
        nested = child(message, "text", "text")  # v2 API shape {"text": {"text": [...]}}
        yield from _speech(nested, pointer(ptr, "text", "text"))
        return
    if kind_value == "simple_response":
        yield from _simple_response(message, ptr)
        return
    card = _card(message, ptr)
    if card:
        yield card
    for ii, item in enumerate(items(message.get("items"))):
        entry = _card(item, pointer(ptr, "items", ii))
        if entry:
            yield entry


def _speech(node: JNode | None, ptr: str) -> Iterator[_Text]:
    if node is None:
        return
    if isinstance(node.value, str):
        if node.value.strip():
            yield _Text(node, node.value, ptr)
        return
    for i, variant in enumerate(items(node)):
        if isinstance(variant.value, str) and variant.value.strip():
            yield _Text(variant, variant.value, pointer(ptr, i))


def _simple_response(message: JNode, ptr: str) -> Iterator[_Text]:
    """``displayText`` and ``textToSpeech``; the spoken text only when it says something else."""
    shown = message.get("displayText")
    spoken = message.get("textToSpeech")
    if shown is not None and string(shown).strip():
        yield _Text(shown, string(shown), pointer(ptr, "displayText"))
    if spoken is not None and string(spoken).strip() and answer_text(string(spoken)) != answer_text(string(shown)):
        yield _Text(spoken, string(spoken), pointer(ptr, "textToSpeech"))


def _card(node: JNode, ptr: str) -> _Text | None:
    """The visible text of a card-like object (title, subtitle, body, buttons, replies) as one answer.

    It is located at its first text value.
    """
    if not isinstance(node.value, dict):
        return None
    lines: list[str] = []
    first: tuple[JNode, str] | None = None
    for key in CARD_FIELDS + CARD_LISTS:
        for part, text, at in _card_strings(node.get(key), pointer(ptr, key)):
            lines.append(text)
            if first is None:
                first = (part, at)
    if first is None:
        return None
    return _Text(first[0], "\n".join(lines), first[1])


def _card_strings(value: JNode | None, ptr: str) -> Iterator[tuple[JNode, str, str]]:
    """Text values of one card field: a string, a list of strings, or a list of buttons/chips."""
    if value is None:
        return
    if isinstance(value.value, str):
        if value.value.strip():
            yield value, value.value, ptr
        return
    for i, element in enumerate(items(value)):
        if isinstance(element.value, str):
            if element.value.strip():
                yield element, element.value, pointer(ptr, i)
        elif isinstance(element.value, dict):
            for key in ("text", "title", "description"):
                part = element.get(key)
                if part is not None and string(part).strip():
                    link = _link(element)
                    label = string(part)
                    yield part, f"{label} ({link})" if link and link not in label else label, pointer(ptr, i, key)
                    break


def _link(button: JNode) -> str:
    """The web address a button opens: its ``postback`` when that is one (a card button's), or its
    ``openUrlAction.url`` (a Google card's); ``""`` otherwise (a postback that sends text back to the bot)."""
    action = button.get("openUrlAction")
    for node in (button.get("postback"), action.get("url") if action is not None else None, button.get("url")):
        target = string(node).strip() if node is not None else ""
        if _WEB_ADDRESS.match(target):
            return target
    return ""


_LANGUAGES: dict[str, tuple[tuple[object, ...], str]] = {}


def _agent_language(files: ExportFiles, folder: str) -> str:
    """The agent's default ``language`` from its ``agent.json`` (read once per export)."""
    path = f"{folder}/agent.json" if folder else "agent.json"
    key, signature = f"{files.key()}/{path}", files.signature([path])
    cached = _LANGUAGES.get(key)
    if cached is not None and cached[0] == signature:
        return cached[1]
    agent = files.json(path)
    language = string(agent.get("language")) if agent is not None else ""
    if len(_LANGUAGES) > 256:
        _LANGUAGES.clear()
    _LANGUAGES[key] = (signature, language)
    return language


def _training_phrases(root: JNode, files: ExportFiles, folder: str, stem: str, language: str) -> dict[str, list[str]]:
    """Training phrases by language: the sibling ``<stem>_usersays_<lang>.json`` files and embedded ``userSays``."""
    phrases: dict[str, list[str]] = {}
    _add_phrases(phrases, root.get("userSays"), "")
    for name, lang in _usersays_files(files.list_dir(folder)).get(stem, []):
        data = files.json(f"{folder}/{name}" if folder else name)
        _add_phrases(phrases, data, lang)
    return phrases


_USERSAYS_INDEX: dict[int, tuple[list[str], dict[str, list[tuple[str, str]]]]] = {}


def _usersays_files(listing: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Training-phrase files of a folder listing by intent file stem: ``{stem: [(file name, lang)]}``.

    Listings are cached by the export view, so the index is built once per folder.
    """
    cached = _USERSAYS_INDEX.get(id(listing))
    if cached is not None and cached[0] is listing:
        return cached[1]
    index: dict[str, list[tuple[str, str]]] = {}
    for name in listing:
        match = _USERSAYS_NAME.search(name)
        if match and match.end() == len(name):
            index.setdefault(name[: match.start()], []).append((name, match.group(1)))
    if len(_USERSAYS_INDEX) > 256:
        _USERSAYS_INDEX.clear()
    _USERSAYS_INDEX[id(listing)] = (listing, index)
    return index


def _add_phrases(phrases: dict[str, list[str]], entries: JNode | None, file_lang: str) -> None:
    for entry in items(entries):
        parts = [string(part.get("text")) for part in items(entry.get("data"))]
        text = "".join(parts)
        if is_true(entry.get("isTemplate")):
            text = _TEMPLATE_PART.sub(VARIABLE, text)
        text = clean_text(normalise_placeholders(text))
        if text:
            lang = file_lang or string(entry.get("lang"))
            phrases.setdefault(lang, []).append(text)
