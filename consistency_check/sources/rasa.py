"""Rasa 1–3 YAML: the bot's answers are the variations of its ``responses``.

Files are classified by their top-level keys, not their names. Only a file with
``responses:`` (or Rasa 1 ``templates:``) yields statements: one per variation,
located at its ``text`` value, with the buttons' titles appended. Training
phrases of the intents that trigger a response (retrieval intents, rules and
stories found in the project's ``data/`` folder) become the statement's
``alternatives``; see :mod:`consistency_check.sources.rasa_project`. NLU,
rules, stories, config and slot-only files yield nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from consistency_check.model import Statement
from consistency_check.sources.base import YAML_LOADER, Document, SourceError, strip_markdown_inline
from consistency_check.sources.rasa_project import training_files, training_index
from consistency_check.yamlfile import compose_bounded

NAME = "rasa"
CHANNEL = "chatbot"
EXTENSIONS = (".yml", ".yaml")

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:", re.M)
_CONTENT_KEYS = {"responses", "templates", "nlu", "rules", "stories", "intents", "flows"}
_DOMAIN_KEYS = {"slots", "forms", "actions", "entities", "session_config", "e2e_actions"}
_VERSION = re.compile(r"""^version[ \t]*:[ \t]*["']?[23]\.""", re.M)
_FIRST_LINE = re.compile(r"\A(?:\ufeff)?(?:[ \t]*(?:#[^\n]*)?\n|---[ \t]*\n)*[\"']?[A-Za-z_][\w-]*[\"']?[ \t]*:")


def sniff(doc: Document) -> bool:
    """True for YAML whose top-level keys are Rasa's (responses, nlu, rules, stories, …)."""
    text = doc.read_text()
    if not _FIRST_LINE.match(text):
        return False
    keys = set(_TOP_KEY.findall(text))
    if keys & _CONTENT_KEYS or {"pipeline", "policies"} <= keys:
        return True
    return bool(keys & _DOMAIN_KEYS and _VERSION.search(text))


def dependencies(doc: Document) -> list[Path]:
    """Files besides ``doc`` whose content changes what :func:`parse` yields: the project's training data."""
    return [p for p in training_files(doc.fs_path) if p.resolve() != doc.fs_path.resolve()]


def parse(doc: Document) -> Iterator[Statement]:
    """Yield one statement per response variation that has text."""
    root = _compose(doc.read_text())
    if not isinstance(root, yaml.MappingNode):
        return
    for key, value in root.value:
        if key.value in ("responses", "templates") and isinstance(value, yaml.MappingNode):
            index = training_index(doc.fs_path)
            for name_node, variations in value.value:
                yield from _response(doc, key.value, str(name_node.value), variations, index.alternatives)


def _compose(text: str) -> yaml.Node | None:
    try:
        return compose_bounded(text, YAML_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise SourceError(f"invalid YAML: {problem}", line, column) from None
    except yaml.YAMLError as exc:
        raise SourceError(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise SourceError("YAML nested too deeply to read") from None


def humanize(name: str) -> str:
    """``utter_faq/return_window`` → ``faq return window``."""
    if name.startswith("utter_"):
        name = name[len("utter_") :]
    return re.sub(r"[/_]+", " ", name).strip()


def _response(
    doc: Document, section: str, name: str, node: yaml.Node, alternatives: Callable[[str], tuple[str, ...]]
) -> Iterator[Statement]:
    variations = node.value if isinstance(node, yaml.SequenceNode) else [node]
    question = humanize(name)
    origin = "prompt" if name.startswith("utter_ask_") else "response"
    alts = alternatives(name)
    translation = f"rasa:{name}"  # a response of the same name in another language's project
    text_node: yaml.Node | None
    for i, variation in enumerate(variations):
        if isinstance(variation, yaml.ScalarNode):  # Rasa 1 bare-string template
            text_node, fields = variation, {}
            pointer = f"{section}.{name}[{i}]"
        elif isinstance(variation, yaml.MappingNode):
            fields = {str(k.value): v for k, v in variation.value}
            text_node = fields.get("text")
            pointer = f"{section}.{name}[{i}].text"
        else:
            continue
        if not isinstance(text_node, yaml.ScalarNode) or not str(text_node.value).strip():
            continue
        body = [strip_markdown_inline(str(text_node.value))] + _button_titles(fields.get("buttons"))
        yield doc.statement(
            NAME,
            question,
            "\n".join(body),
            _start_line(text_node),
            end_line=_end_line(text_node),
            pointer=pointer,
            alternatives=alts,
            origin=origin,
            condition=_condition(fields),
            translation=translation,
        )


def _start_line(node: yaml.ScalarNode) -> int:
    """Line of the scalar's first character of text (the line after ``|``/``>`` for block scalars)."""
    return node.start_mark.line + (2 if node.style in ("|", ">") else 1)


def _end_line(node: yaml.ScalarNode) -> int | None:
    end = node.end_mark.line + (0 if node.end_mark.column else -1) + 1
    return end if end > _start_line(node) else None


def _button_titles(node: yaml.Node | None) -> list[str]:
    if not isinstance(node, yaml.SequenceNode):
        return []
    titles = []
    for button in node.value:
        if isinstance(button, yaml.MappingNode):
            for key, value in button.value:
                if key.value == "title" and isinstance(value, yaml.ScalarNode) and value.value:
                    titles.append(strip_markdown_inline(str(value.value)))
    return titles


def _condition(fields: dict[str, yaml.Node]) -> str:
    """``condition:`` and ``channel:`` of a variation as ``slot account_type=primary; channel facebook``."""
    parts: list[str] = []
    node = fields.get("condition")
    if isinstance(node, yaml.ScalarNode) and node.value:
        parts.append(str(node.value))  # Rasa Pro expression string
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if isinstance(item, yaml.MappingNode):
                spec = {str(k.value): str(v.value) for k, v in item.value if isinstance(v, yaml.ScalarNode)}
                parts.append(f"{spec.get('type', 'slot')} {spec.get('name', '?')}={spec.get('value', '')}")
    parts = [" and ".join(parts)] if parts else []
    channel = fields.get("channel")
    if isinstance(channel, yaml.ScalarNode) and channel.value:
        parts.append(f"channel {channel.value}")
    return "; ".join(parts)
