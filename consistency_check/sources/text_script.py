"""Plain-text store and call-centre scripts (``.txt``, often exported from Word).

Section titles are ALL-CAPS lines (``HOUSE CLEANING``), numbered step titles
(``5. Present pricing``), short lines ending with a colon, and short lines in any case heading a bulleted list
(``Cours collectifs adultes`` after a blank line, ``- La journée : 95 Fr.`` under it). Every other
non-empty line is a statement (a bullet, a quoted line to read aloud, a
coaching note), except that hard-wrapped lines of one paragraph are joined; a line of a
list set with leaders (``Adult lesson ........ €45``) is never joined to another.
A ``…:`` topic lasts until the next blank line; a rule (``____``) also ends
the numbered step.
The question is the path of titles in force
(``HOUSE CLEANING / Present pricing with the guarantee up front``). A branch line such as
``▸ If they are driving:`` (or ``> If they are driving:``) is a statement itself and the condition of the
lines under it until the next blank line, title, branch or numbered step (one indented no deeper than the
branch). In a question-and-answer list
(``Q: Is there an app?`` then ``A: Yes, ...``) the question is the answer's topic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from consistency_check.model import Statement
from consistency_check.sources.base import (
    CLOSING_QUOTES,
    STRUCTURED_EXTENSIONS,
    Document,
    looks_like_yaml,
    title_from_path,
)
from consistency_check.sources.tables import is_leader_line
from consistency_check.suppress import strip_directive

NAME = "text"
CHANNEL = "store"
EXTENSIONS = (".txt", ".text")

_BULLET = re.compile(r"^\s*(?:[-*+•▸►▪◦‣–→]|\d{1,2}[.)](?=\s))\s*")
_NUMBERED = re.compile(r"^\s*(?:step\s+)?\d{1,2}[.)]\s+(\S.{0,70})$", re.I)
#: A branch line: an arrow, or a quoting ">" before a condition ending with a colon ("> If they are buying fewer:";
#: "> Security checkpoint: TSA." says something).
_BRANCH = re.compile(r"^\s*(?:[▸►→]\s*(.+?):?|>\s*(.+?):)\s*$")
#: A numbered step ("5. Give the coordinator's number"): one indented no deeper than a branch line ends the branch.
_STEP = re.compile(r"^(?:step\s+)?\d{1,2}[.)]\s", re.IGNORECASE)
#: A question line of a Q/A list ("Q: Is there an app?"), and the answer's mark ("A: Yes, ...").
_QUESTION = re.compile(r"^\s*(?:Q|Question)\s*[:.)]\s+(\S.*)$")
_ANSWER = re.compile(r"^\s*(?:A|Answer)\s*[:.)]\s+(?=\S)")
_RULE = re.compile(r"^\s*[-_=*~#.·•]{3,}\s*$")
#: The end of a sentence, or of a quotation (:data:`~consistency_check.sources.base.CLOSING_QUOTES`).
_SENTENCE_END = re.compile(rf"[.!?:;){re.escape(CLOSING_QUOTES)}\]]$")
_JSON_ARRAY = re.compile(r"\[\s*(?:[\[{\"\d-]|\]|true|false|null)")
_DIRECTIVE_LINE = re.compile(r"^[ \t]*#[ \t]*consistency-check[ \t]*:.*$", re.M)
_MD_MARKS = re.compile(r"\A\ufeff?(?:---|\+\+\+)[ \t]*\n|^#{1,6}[ \t]+\S|^[ \t]{0,3}```", re.M)


def sniff(doc: Document) -> bool:
    """True for readable text that is not JSON, YAML, HTML or Markdown."""
    if PurePosixPath(doc.path).suffix.lower() in STRUCTURED_EXTENSIONS:
        return False
    raw = doc.read_bytes()[:4096]
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    head = _DIRECTIVE_LINE.sub("", doc.head())  # "# consistency-check: ..." is a suppression, not a heading
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped[:1] in ("{", "<") or _JSON_ARRAY.match(stripped) or _MD_MARKS.search(head) or looks_like_yaml(head):
        return False
    return not _is_table([ln for ln in stripped.split("\n")[:6] if ln.strip()])


def _is_table(lines: list[str]) -> bool:
    """True when the first lines are CSV/TSV records (the same number of separators, at least one)."""
    for sep in ("\t", ",", ";", "|"):
        counts = {ln.count(sep) for ln in lines}
        if len(lines) >= 2 and len(counts) == 1 and counts.pop() >= 2:
            return True
    return False


_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*:?\s*$")


def is_title(line: str) -> int:
    """Title level of a line: 1 for ALL CAPS, 2 for a numbered step title, 3 for a short ``…:`` line, else 0."""
    text = line.strip()
    # "OUR HOURS (if the caller asks)": a note in brackets after a capitalised title is still a title.
    core = _TRAILING_NOTE.sub("", text)
    letters = [c for c in core if c.isalpha()]
    if len(letters) >= 3 and len(text) <= 80 and core.upper() == core and any(c.isupper() for c in letters):
        return 1
    # "4. Groups (10 rooms or more)": the note in brackets does not make the title a sentence.
    if _NUMBERED.match(text) and not _SENTENCE_END.search(core):
        return 2
    if (
        text.endswith(":")
        and len(text) <= 60
        and not _BULLET.match(text)
        and not _BRANCH.match(text)
        and '"' not in text
    ):
        return 3
    return 0


def _block_heads(lines: list[str]) -> set[int]:
    """The numbers (from 1) of lines heading a list as titles do, in any case ("Cours collectifs adultes" above
    "- La journée : 95 Fr."): short, without a number or a sentence's end, after a blank line (or first), and
    followed at once by a bulleted line."""
    heads: set[int] = set()
    for i, raw in enumerate(lines[:-1]):
        text = raw.strip()
        if (
            text
            and (i == 0 or not lines[i - 1].strip())
            and len(text) <= 60
            and len(text.split()) <= 8
            and not any(c.isdigit() for c in text)
            and not _SENTENCE_END.search(text)
            and not _BULLET.match(text)
            and _BULLET.match(lines[i + 1]) is not None
            and lines[i + 1].strip()
        ):
            heads.add(i + 1)
    return heads


def _title_text(line: str) -> str:
    return re.sub(r"^\s*(?:step\s+)?\d{1,2}[.)]\s+", "", line.strip(), flags=re.I).rstrip(":").strip()


def parse(doc: Document) -> Iterator[Statement]:
    """Yield one statement per script line or wrapped paragraph, under its section title."""
    titles = ["", "", ""]  # ALL-CAPS section, numbered step, "…:" topic
    condition = ""
    branch_indent = 0  # how far the branch line setting ``condition`` is indented
    fallback = title_from_path(doc.path)
    para: list[str] = []
    start = 0
    asked = False  # a "Q:" line was read and its answer not yet
    last_leader = False  # the last line of the paragraph is an item of a list set with leaders

    def flush(end: int) -> Iterator[Statement]:
        if para:
            question = " / ".join(t for t in titles if t) or fallback
            yield doc.statement(
                NAME, question, " ".join(para), start, end_line=end if end > start else None, condition=condition
            )
            para.clear()

    lines = doc.read_text().split("\n")
    heads = _block_heads(lines)
    for number, raw in enumerate(lines, start=1):
        line = strip_directive(raw).strip()
        if not line and raw.strip():  # a suppression comment on its own line ends a paragraph, nothing more
            yield from flush(number - 1)
            continue
        if not line and asked and not para:
            continue  # a blank line between a question and its answer
        if not line or _RULE.match(line):
            yield from flush(number - 1)
            condition = titles[2] = ""  # a "…:" topic ends at a blank line
            asked = False
            if line:
                titles[1] = ""  # a rule also ends the numbered step
            continue
        question = _QUESTION.match(line)
        if question:  # the question of the answer under it, as a "…:" topic is
            yield from flush(number - 1)
            titles[2] = question.group(1).strip().strip('"“”')
            condition, asked = "", True
            continue
        if asked and _ANSWER.match(line):
            yield from flush(number - 1)
            line = _ANSWER.sub("", line)
        asked = False
        level = is_title(line) or (3 if number in heads else 0)
        branch = _BRANCH.match(line)
        leader = is_leader_line(line)
        indent = len(raw) - len(raw.lstrip())
        # The next step of the procedure, not a line of the branch above it (it is a bullet: what came before is
        # flushed under the branch first).
        next_step = bool(condition) and _STEP.match(line) is not None and indent <= branch_indent
        if (
            level
            or branch
            or _BULLET.match(line)
            or not para
            or _SENTENCE_END.search(para[-1])
            or len(para[-1]) < 50
            or leader
            or last_leader
        ):
            yield from flush(number - 1)
        condition = "" if next_step else condition
        if level:
            titles[level - 1 :] = [_title_text(line)] + [""] * (3 - level)
            condition = ""
        else:
            if branch:
                condition = ""
            if not para:
                start = number
            para.append(_BULLET.sub("", line) or line)
            last_leader = leader  # read once: the next line is joined to this one only when neither has a leader
            if branch:
                yield from flush(number)
                condition = (branch.group(1) or branch.group(2)).strip()
                branch_indent = indent
    yield from flush(len(lines))
