"""YAML (or TOML) front matter of docs-as-code pages.

:func:`split_front_matter` separates the metadata block from the body and
returns the body with the front-matter lines blanked, so that line numbers in
the body stay those of the file. :func:`faq_items` finds question/answer lists
kept in the front matter itself (``general_accordion: [{title, content}]``),
located by line; :func:`summary` the page's own summary (``description``,
shown under the title in lists and search results).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from consistency_check.sources.base import YAML_LOADER, SourceError
from consistency_check.yamlfile import compose_bounded, load_bounded

# Front matter opens on the first line that is not blank (some generators write a blank line first).
_YAML_FM = re.compile(r"\A\ufeff?((?:[ \t]*\n)*)---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_TOML_FM = re.compile(r"\A\ufeff?((?:[ \t]*\n)*)\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.S)
_TOML_STR = re.compile(r"""^(\w+)\s*=\s*["'](.*?)["']\s*$""", re.M)
_QUESTION_KEYS = ("question", "title", "q")
_ANSWER_KEYS = ("answer", "content", "a", "body", "text")
#: Keys of a page's summary, as docs generators name it (Hugo ``description``/``summary``, Jekyll ``excerpt``).
_SUMMARY_KEYS = ("description", "summary", "excerpt")


@dataclass
class FrontMatter:
    """Metadata of a page: plain values, the YAML node tree and any YAML error."""

    meta: dict[str, Any] = field(default_factory=dict)
    node: yaml.MappingNode | None = None
    error: SourceError | None = None

    def first(self, *keys: str) -> str:
        """The first of ``keys`` that holds a non-empty string."""
        for key in keys:
            value = self.meta.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return ""


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """Return the front matter and the body with the front-matter lines left empty."""
    match = _YAML_FM.match(text) or _TOML_FM.match(text)
    if not match:
        return FrontMatter(), text
    blank = "\n" * match.group().count("\n")
    body = blank + text[match.end() :]
    source = "\n" * match.group(1).count("\n") + (match.group(2) or "")  # at the lines of the file
    if match.re is _TOML_FM:
        return FrontMatter(meta=dict(_TOML_STR.findall(source))), body
    try:
        node = compose_bounded(source, YAML_LOADER)
        meta = load_bounded(source, YAML_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        error = SourceError(
            f"invalid front matter: {exc.problem or exc.context}",
            mark.line + 2 if mark else 1,
            mark.column + 1 if mark else None,
        )
        return FrontMatter(error=error), body
    except (yaml.YAMLError, RecursionError) as exc:
        return FrontMatter(error=SourceError(f"invalid front matter: {exc}", 1)), body
    return FrontMatter(
        meta=meta if isinstance(meta, dict) else {},
        node=node if isinstance(node, yaml.MappingNode) else None,
    ), body


@dataclass(frozen=True, slots=True)
class FaqItem:
    """One question/answer pair kept in front matter."""

    question: str
    answer: str
    line: int
    pointer: str


def faq_items(front: FrontMatter) -> Iterator[FaqItem]:
    """Question/answer mappings listed under any top-level front-matter key."""
    if front.node is None:
        return
    for key, value in front.node.value:
        if not isinstance(value, yaml.SequenceNode):
            continue
        for i, item in enumerate(value.value):
            if not isinstance(item, yaml.MappingNode):
                continue
            fields = {str(k.value).lower(): (str(k.value), v) for k, v in item.value if isinstance(v, yaml.ScalarNode)}
            question = next((fields[k][1] for k in _QUESTION_KEYS if k in fields), None)
            answer_key = next((k for k in _ANSWER_KEYS if k in fields), None)
            if question is None or answer_key is None:
                continue
            name, answer = fields[answer_key]
            line = answer.start_mark.line + 2 + (1 if answer.style in ("|", ">") else 0)
            yield FaqItem(str(question.value), str(answer.value), line, f"front-matter.{key.value}[{i}].{name}")


def summary(front: FrontMatter) -> FaqItem | None:
    """The page's summary (the first of :data:`_SUMMARY_KEYS` holding text), as an answer to the page title."""
    if front.node is None:
        return None
    for key in _SUMMARY_KEYS:
        for k, v in front.node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.ScalarNode) and v.value.strip():
                line = v.start_mark.line + 2 + (1 if v.style in ("|", ">") else 0)
                return FaqItem("", str(v.value), line, f"front-matter.{key}")
    return None
