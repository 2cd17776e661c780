"""The canonical model: small, frozen, typed records shared by every stage.

This module imports nothing else from the package. Adapters produce
:class:`Statement` records, the fact extractors attach :class:`Fact` records,
and the engine produces :class:`Finding` records whose :class:`Side` entries
point back into the original files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

#: The channel name of a finding's side that quotes the policy (the reference statements are judged against).
POLICY_CHANNEL = "policy"
#: The channel name of a campaign brief's own text (its sides in a launch check).
BRIEF_CHANNEL = "brief"


class Severity(StrEnum):
    """How serious a finding is; ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Numeric rank used for ``--fail-on`` comparisons."""
        return {"info": 1, "warning": 2, "error": 3}[self.value]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a statement sits in its source file.

    ``path`` is POSIX and relative to the project root. ``line`` is 1-based and
    ``None`` only where the format has no meaningful lines (minified JSON,
    .docx); ``pointer`` is a structural locator (JSON Pointer, YAML path, CSV
    row, paragraph index) printed where lines mean little.
    """

    path: str
    line: int | None = None
    end_line: int | None = None
    column: int | None = None
    pointer: str | None = None

    def display(self) -> str:
        """``path:line`` when there is a line, else ``path#pointer``, else the path."""
        if self.line is not None:
            return f"{self.path}:{self.line}"
        if self.pointer:
            return f"{self.path}#{self.pointer}"
        return self.path


@dataclass(frozen=True, slots=True)
class Fact:
    """A typed value found in a statement's text.

    ``value`` is the canonical form: two facts of the same ``kind`` and ``unit``
    are equivalent exactly when their values are equal ("two weeks" and
    "14 days" both become ``14 days``). ``unit`` is the comparability class
    (``calendar``/``business``/``month`` for durations, the currency for money,
    the counted noun for counts, the time zone for hours). ``role`` qualifies
    the value (``min``/``max`` thresholds, ``per:<unit>`` prices, ``until``).
    ``span`` is the character range of ``text`` within the statement text.
    ``parts`` carries structured components where a value has several (opening
    hours per day).
    """

    kind: str
    value: str
    text: str
    span: tuple[int, int]
    unit: str = ""
    role: str = ""
    parts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Statement:
    """One answer a customer could see, in one channel, at one location.

    ``question`` is the question, intent, title or section it answers;
    ``alternatives`` are other phrasings of that question (training phrases).
    ``text`` is the answer with markup stripped and entities decoded.
    ``origin`` says which part of a file it came from where a file has several
    (``json-ld``, ``microdata``, ``visible``, ``response``). A ``dynamic``
    statement comes from a webhook or custom code: its subject is known, its
    text is not, and it is never compared. ``translation`` is the id the export
    gives every language version of one answer (an Intercom or Zendesk article,
    a Dialogflow intent, an HTML page's ``hreflang`` set), "" when it gives none.
    """

    channel: str
    format: str
    question: str
    text: str
    location: Location
    locale: str = ""
    alternatives: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    origin: str = ""
    condition: str = ""
    dynamic: bool = False
    translation: str = ""

    def with_facts(self, facts: tuple[Fact, ...], locale: str) -> Statement:
        """This statement with its facts and locale (as ``dataclasses.replace`` gives, at half its cost: a run
        does it once per statement)."""
        return Statement(
            self.channel,
            self.format,
            self.question,
            self.text,
            self.location,
            locale,
            self.alternatives,
            facts,
            self.origin,
            self.condition,
            self.dynamic,
            self.translation,
        )


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a finding: what one place says."""

    location: Location
    channel: str
    quote: str
    value: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem to report: a contradiction (two or more sides) or a single-place problem."""

    code: str
    name: str
    severity: Severity
    message: str
    subject: str
    sides: tuple[Side, ...]
    confidence: float = 1.0
    expected: str = ""
    extra: tuple[tuple[str, str], ...] = field(default=())
    #: Why the sides were judged to state one fact ("same question or heading", "same table row"), best first.
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Suppression:
    """Why a finding is not reported: an inline comment or an ignore-file entry.

    ``kind`` is ``inSource`` (a comment in the source file) or ``external``
    (an ignore file or a baseline), as SARIF names them. ``location`` is where
    the suppression itself is written; ``expires`` an ISO date or ``""``.
    """

    kind: str
    justification: str
    location: Location | None = None
    expires: str = ""


@dataclass(frozen=True, slots=True)
class SuppressedFinding:
    """A finding that a suppression silenced; reporters that can (SARIF) still carry it."""

    finding: Finding
    suppression: Suppression


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """The documentation of one check or subject rule, as reports describe it.

    Built from the built-in checks and the rule set in force
    (:func:`consistency_check.catalogue.rule_catalogue`); SARIF writes it as
    rule metadata. ``fact`` is the fact kind a subject rule compares (``""``
    for built-in checks); ``bad``/``good`` are examples; ``source`` says where
    the rule is defined (``""`` for checks that are part of the engine).
    """

    code: str
    name: str
    severity: Severity
    summary: str
    description: str
    fact: str = ""
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True, slots=True)
class CheckedSubject:
    """A subject the engine compared across at least two statements.

    ``subject`` is spelled exactly as :attr:`Finding.subject` spells it, so a
    subject without a finding is one whose channels agree. ``code`` is the
    rule that named it; ``values`` the distinct ``(channel, value)`` pairs
    stated, sorted; ``paths`` the files that state it.
    """

    subject: str
    code: str
    values: tuple[tuple[str, str], ...] = ()
    paths: tuple[str, ...] = ()


def _pickle_by_fields(cls: type) -> None:
    """Pickle ``cls`` as its constructor and field values.

    Statements cross process boundaries when files are read in parallel; the
    generic pickling of frozen slotted dataclasses goes through a per-object
    state dict and is about three times slower to write.
    """
    from operator import attrgetter

    names = tuple(cls.__dataclass_fields__)  # type: ignore[attr-defined]
    values = attrgetter(*names)

    def __reduce__(self: object) -> tuple[type, tuple[object, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]


for _cls in (Location, Fact, Statement):
    _pickle_by_fields(_cls)
