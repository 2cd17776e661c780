"""Subject rules and the scope vocabulary, loaded from YAML files in ``rules/``.

A rule names a subject channels talk about (the return window, store hours),
the kind of fact that states it, the phrases that name it, and the scope
dimensions that keep its values apart. Rules are data: one YAML file per
rule, validated by ``schemas/rule.schema.json``; errors are located.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from consistency_check.model import Severity
from consistency_check.yamlfile import YamlFileError, load_located, validate

SCOPES_FILE = "scopes.yaml"
_FIND_CACHE = 1 << 17


class LazyPattern:
    """A regex compiled when first used: a rule set holds hundreds of phrase alternations, and compiling
    them all took most of a small run's start-up (0.4 s of 0.7), although a run uses only some of them.
    Same methods and equality as the compiled pattern."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled once)."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().search(string, *args)

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().match(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, *args)

    def findall(self, string: str, *args: int) -> list[Any]:
        return self.compiled().findall(string, *args)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __reduce__(self) -> tuple[type[LazyPattern], tuple[str, int]]:
        return (LazyPattern, (self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern[:40]!r}...)"


#: The word endings a phrase of whole words also matches ("refund" finds "refunds", "refunded").
_ENDINGS = r"(?:s|es|ed|d|ing|able)?"


def phrase_pattern(phrases: list[str] | tuple[str, ...]) -> LazyPattern | None:
    """One regex matching any phrase as whole words, with common word endings, longest first."""
    ordered = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    if not ordered:
        return None
    # When every phrase takes the endings, they follow the alternatives once: the engine tries the same
    # phrases and endings in the same order (so the same match wins), and the regex is half as long to compile.
    shared = all(phrase[-1].isalnum() for phrase in ordered)
    alts = []
    firsts: dict[str, list[str]] = {}
    for phrase in ordered:
        words = [re.escape(w) for w in re.split(r"[\s]+", phrase)]
        body = r"[\s\-]+".join(words)
        if phrase[-1].isalnum() and not shared:
            body += _ENDINGS
        alts.append(body)
        firsts.setdefault(phrase[0], []).append(body)
    if all(c.isascii() and c.isalnum() for c in firsts):
        # The same alternatives in the same order within each first letter: no text character matches two
        # different ASCII letters, so the same phrase wins; grouped, the regex engine skips most offsets fast.
        alts = ["(?:" + "|".join(group) + ")" for group in firsts.values()]
    body = "(?:" + "|".join(alts) + ")" + _ENDINGS if shared else "|".join(alts)
    return LazyPattern(r"(?<![\w-])(?:" + body + r")(?![\w])", re.IGNORECASE)


_SPEAKER = re.compile(
    r"\s+(?:asks|asked|is asking|wants|wanted|needs|needed|says|said|calls|called|received|receives|reports|requests|"
    r"would like|comes in|walks in|writes|emails|complains|is upset|disputes)\b",
    re.IGNORECASE,
)


# An acronym right before a tier word names another body whose members they are ("AAA/CAA members").
_OTHER_BODY = re.compile(r"\b[A-Z]{2,6}(?:\s*/\s*[A-Z]{2,6})?\s+$")


@dataclass(frozen=True)
class ScopeDimension:
    """A scope dimension: values with their phrases, and phrases meaning 'unqualified'."""

    name: str
    pattern: LazyPattern
    lookup: dict[str, str]  # lowercased phrase -> value ('' for default)
    #: A qualifier found on one side only keeps two values no rule claims apart.
    one_sided_separates: bool = True
    #: Read by alignment without a rule too; ``False``: only by the rules that list it (words such as
    #: "before", "stay" or "book" say what a deadline is for, not what an unruled sentence is about).
    generic: bool = True
    #: Answers already given, by text: the engine asks about the same clauses and questions many times.
    _seen: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict, compare=False, repr=False)

    def find(self, text: str) -> list[tuple[int, str]]:
        """(offset, value) of every qualifier of this dimension in ``text``."""
        found = self._seen.get(text)
        if found is None:
            if len(self._seen) >= _FIND_CACHE:
                self._seen.clear()
            found = self._seen[text] = tuple(self._find(text))
        return list(found)

    def _find(self, text: str) -> list[tuple[int, str]]:
        out = []
        for m in self.pattern.finditer(text):
            if _SPEAKER.match(text, m.end()):
                continue  # "Member asks about ...": the person in a script step, not a qualifier
            if self.name == "tier" and _OTHER_BODY.search(text, max(0, m.start() - 12), m.start()):
                continue  # "AAA members", "AARP members": another organisation's members, not a tier of ours
            out.append((m.start(), self.value_of(m.group(0))))
        return out

    def value_of(self, surface: str) -> str:
        """The scope value a matched phrase stands for."""
        key = re.sub(r"[\s\-]+", " ", surface.lower())
        if key in self.lookup:
            return self.lookup[key]
        for phrase, value in sorted(self.lookup.items(), key=lambda kv: -len(kv[0])):
            if key.startswith(phrase.replace("-", " ")):
                return value
        return ""


@dataclass(frozen=True)
class Rule:
    """A subject rule, compiled."""

    code: str
    name: str
    title: str
    severity: Severity
    fact: str
    compare: str
    priority: int
    require_scope: bool
    description: str
    path: str
    line: int
    roles: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()
    #: (dimension, value) a claim of this rule is in when its words name no qualifier of that dimension at all
    #: (an earn rate is a member's: "You earn 6 miles per $1" is what "Members earn 6 miles per $1" says).
    implied: tuple[tuple[str, str], ...] = ()
    phrases: LazyPattern | None = None
    context: LazyPattern | None = None
    exclude: LazyPattern | None = None
    negative: LazyPattern | None = None
    objects: LazyPattern | None = None
    examples_bad: tuple[str, ...] = ()
    examples_good: tuple[str, ...] = ()
    builtin: bool = True

    def accepts_role(self, role: str) -> bool:
        """Whether a fact with ``role`` can state this subject."""
        if not self.roles:
            return True
        base = role.split(":", 1)[0] + ":*" if role.startswith("per:") else role
        return role in self.roles or base in self.roles


@dataclass(frozen=True)
class RuleSet:
    """All rules in force plus the scope vocabulary."""

    rules: tuple[Rule, ...]
    dimensions: dict[str, ScopeDimension] = field(default_factory=dict)

    def by_code(self, code: str) -> Rule | None:
        """The rule with this code or name, if any."""
        for rule in self.rules:
            if code in (rule.code, rule.name):
                return rule
        return None


_ANY_SCOPE: dict[int, tuple[RuleSet, re.Pattern[str] | None]] = {}
_PHRASES = re.compile(r"\A\(\?<!\[\\w-\]\)\(\?:(.*)\)\(\?!\[\\w\]\)\Z", re.S)


def any_generic_qualifier(ruleset: RuleSet) -> re.Pattern[str] | None:
    """One regex matching wherever a qualifier of any generic dimension would (``None``: cannot tell).

    Where it finds nothing, no generic dimension finds anything: a cheap test before asking each. It is
    the phrase pattern of every generic dimension's phrases at once (:func:`phrase_pattern`, grouped by
    first letter), not the dimensions' patterns one after another: the engine tries one group of phrases
    at each word, not one per dimension (2.7 times faster on the mentions of 10k statements). Its phrases
    are the lookup's, whose spaces also match hyphens: it finds wherever a dimension does, and a little more.
    """
    known = _ANY_SCOPE.get(id(ruleset))
    if known is None or known[0] is not ruleset:
        phrases: list[str] = []
        for dim in ruleset.dimensions.values():
            if not dim.generic:
                continue
            if _PHRASES.match(dim.pattern.pattern) is None or not dim.lookup:
                phrases = []
                break
            phrases.extend(dim.lookup)
        pattern = phrase_pattern(phrases) if phrases else None
        union = pattern.compiled() if pattern is not None else None
        known = _ANY_SCOPE[id(ruleset)] = (ruleset, union)
    return known[1]


def builtin_rules_dir() -> Path:
    """The built-in ``rules/`` folder (in the installed package or the source tree)."""
    try:
        res = resources.files("consistency_check").joinpath("builtin_rules")
        if res.is_dir():
            return Path(str(res))
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        pass
    return Path(__file__).resolve().parent.parent / "rules"


def _rule_from(data: dict[str, Any], path: str, line: int, builtin: bool) -> Rule:
    subject = data["subject"]
    examples = data.get("examples", {})

    def pat(key: str) -> LazyPattern | None:
        return phrase_pattern(subject.get(key, []))

    return Rule(
        code=data["code"],
        name=data["name"],
        title=data.get("title", data["name"].replace("-", " ")),
        severity=Severity(data["severity"]),
        fact=data["fact"],
        compare=data.get("compare", "equal"),
        priority=int(data.get("priority", 0)),
        require_scope=bool(data.get("require_scope", False)),
        description=" ".join(str(data.get("description", "")).split()),
        path=path,
        line=line,
        roles=tuple(data.get("roles", ())),
        units=tuple(data.get("units", ())),
        scopes=tuple(data.get("scopes", ())),
        implied=tuple(sorted(data.get("implied_scope", {}).items())),
        phrases=pat("phrases"),
        context=pat("context"),
        exclude=pat("exclude"),
        negative=pat("negative"),
        objects=pat("objects"),
        examples_bad=tuple(examples.get("bad", ())),
        examples_good=tuple(examples.get("good", ())),
        builtin=builtin,
    )


def _load_scopes(path: Path, display: str) -> dict[str, ScopeDimension]:
    doc = load_located(path, display)
    validate(doc, "scopes.schema.json")
    dims: dict[str, ScopeDimension] = {}
    for name, spec in doc.data["dimensions"].items():
        lookup: dict[str, str] = {}
        for phrase in spec.get("default", []):
            lookup[re.sub(r"[\s\-]+", " ", phrase.lower())] = ""
        for value, phrases in spec["values"].items():
            for phrase in phrases:
                lookup[re.sub(r"[\s\-]+", " ", phrase.lower())] = value
        pattern = phrase_pattern(list(spec.get("default", [])) + [p for ps in spec["values"].values() for p in ps])
        assert pattern is not None
        dims[name] = ScopeDimension(
            name, pattern, lookup, spec.get("one_sided_separates", True), spec.get("generic", True)
        )
    return dims


def load_rules(extra_dirs: tuple[Path, ...] = (), root: Path | None = None) -> RuleSet:
    """Load the built-in rules and the rules in ``extra_dirs``; raise :class:`YamlFileError` on a bad file.

    A user rule with the same code or name as a built-in one replaces it.
    """
    dirs = [(builtin_rules_dir(), True)] + [(d, False) for d in extra_dirs]
    by_code: dict[str, Rule] = {}
    dims: dict[str, ScopeDimension] = {}
    for folder, builtin in dirs:
        if not folder.is_dir():
            raise YamlFileError(_show(folder, root), None, "rule folder not found")
        for path in sorted(folder.glob("*.y*ml")):
            display = _show(path, root)
            if path.name == SCOPES_FILE:
                dims.update(_load_scopes(path, display))
                continue
            doc = load_located(path, display)
            validate(doc, "rule.schema.json")
            rule = _rule_from(doc.data, display, doc.line_of(("code",)) or 1, builtin)
            for other in list(by_code.values()):
                if other.name == rule.name and other.code != rule.code:
                    del by_code[other.code]
            by_code[rule.code] = rule
    for rule in by_code.values():
        for dim in rule.scopes:
            if dim not in dims:
                raise YamlFileError(
                    rule.path,
                    rule.line,
                    f"unknown scope dimension '{dim}' (known: {', '.join(sorted(dims))})",
                    "scopes",
                )
        for dim, value in rule.implied:
            if dim not in rule.scopes:
                raise YamlFileError(
                    rule.path,
                    rule.line,
                    f"implied_scope names '{dim}', which is not one of the rule's scopes ({', '.join(rule.scopes)})",
                    "implied_scope",
                )
            known = sorted({v for v in dims[dim].lookup.values() if v})
            if value not in known:
                raise YamlFileError(
                    rule.path,
                    rule.line,
                    f"implied_scope: '{value}' is not a value of '{dim}' (known: {', '.join(known)})",
                    "implied_scope",
                )
    rules = tuple(sorted(by_code.values(), key=lambda r: r.code))
    return RuleSet(rules, dims)


def _show(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
