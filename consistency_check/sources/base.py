"""The small protocol every source format implements, and the helpers they share.

A format module exposes ``NAME``, ``CHANNEL`` (the channel inferred when the
user gives none), ``EXTENSIONS``, ``sniff(doc) -> bool`` and
``parse(doc) -> Iterator[Statement]``. ``parse`` raises :class:`SourceError`
for input it cannot read; the pipeline turns that into a located finding and
goes on with the other files.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Protocol

import yaml

from consistency_check.model import Location, Statement

try:
    YAML_LOADER: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    YAML_LOADER = yaml.SafeLoader


class SourceError(Exception):
    """A source file that cannot be parsed, with the best location known.

    ``path`` names a part of the file when the problem is inside it (an entry
    of a zip archive: ``export.zip!/intents/x.json``); ``None`` means the file itself.
    """

    def __init__(
        self, message: str, line: int | None = None, column: int | None = None, *, path: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.path = path


@dataclass
class Document:
    """A source file handed to an adapter.

    ``path`` is the display path (POSIX, relative to the project root);
    ``fs_path`` is where to read it. Reading is lazy and cached.
    ``problems`` collects errors an adapter met and read past (a broken entry
    of an archive whose other entries were read); each becomes its own finding.
    """

    path: str
    fs_path: Path
    channel: str
    locale: str = ""
    _bytes: bytes | None = field(default=None, repr=False)
    _text: str | None = field(default=None, repr=False)
    problems: list[SourceError] = field(default_factory=list, repr=False)

    @property
    def held_bytes(self) -> bytes | None:
        """The file's bytes when they are in memory already (read before, or given: an archive's entry), else None."""
        return self._bytes

    @property
    def held_text(self) -> str | None:
        """The file's text when it is in memory already (decoded before, or given), else None."""
        return self._text

    def read_bytes(self) -> bytes:
        """The raw file content."""
        if self._bytes is None:
            self._bytes = self.fs_path.read_bytes()
        return self._bytes

    def read_text(self) -> str:
        """The content decoded (UTF-8 with or without BOM, UTF-16 with BOM, else cp1252).

        Line endings are normalised to ``\\n`` so that line numbers count the
        way editors do.
        """
        if self._text is None:
            self._text = decode_bytes(self.read_bytes())
        return self._text

    def head(self, size: int = 4096) -> str:
        """The first ``size`` characters of the text, for sniffing."""
        return self.read_text()[:size]

    def statement(
        self,
        fmt: str,
        question: str,
        text: str,
        line: int | None,
        *,
        end_line: int | None = None,
        pointer: str | None = None,
        locale: str = "",
        alternatives: tuple[str, ...] = (),
        origin: str = "",
        condition: str = "",
        dynamic: bool = False,
        translation: str = "",
    ) -> Statement:
        """Build a statement located in this document."""
        return Statement(
            channel=self.channel,
            format=fmt,
            question=clean_text(question),
            text=clean_text(text),
            location=Location(self.path, line, end_line, None, pointer),
            locale=locale or self.locale,
            alternatives=tuple(a for a in (clean_text(x) for x in alternatives) if a),
            origin=origin,
            condition=condition,
            dynamic=dynamic,
            translation=translation,
        )


class SourceFormat(Protocol):
    """What a format module provides (modules satisfy this structurally).

    The constants are read-only members, so that a module's ``EXTENSIONS = (".md", ".markdown")`` (a tuple of
    two strings) satisfies ``tuple[str, ...]``.
    """

    @property
    def NAME(self) -> str:
        """The format's name, as the config's ``format:`` gives it."""

    @property
    def CHANNEL(self) -> str:
        """The channel of the format's content when the config names none."""

    @property
    def EXTENSIONS(self) -> tuple[str, ...]:
        """The file extensions of the format (lower case, with the dot)."""

    def sniff(self, doc: Document) -> bool:
        """True when the content looks like this format."""

    def parse(self, doc: Document) -> Iterator[Statement]:
        """Yield the statements of ``doc``; raise :class:`SourceError` on bad input."""


#: Largest file read beside a source to tell what it answers (a bot's flows and intents, training data, dialogs):
#: a larger one is left unread.
PROJECT_FILE_BYTES = 5_000_000


def project_signature(files: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """What a cache of files read beside a source is keyed on: each file's path, modification time and size."""
    return tuple((str(p), st.st_mtime_ns, st.st_size) for p in files for st in (p.stat(),))


def read_project_file(path: Path) -> str:
    """The text of a file read beside a source (decoded as :func:`decode_bytes` does); "" when it cannot be read
    or is larger than :data:`PROJECT_FILE_BYTES` (it is reported when it is a source itself)."""
    try:
        if path.stat().st_size > PROJECT_FILE_BYTES:
            return ""
        return decode_bytes(path.read_bytes())
    except OSError:
        return ""


def decode_bytes(data: bytes) -> str:
    """Decode file bytes: BOMs first, then UTF-8, then Windows-1252 (a superset of Latin-1 in practice)."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        text = data.decode("utf-16", errors="replace")
    elif _utf16_without_bom(data):
        text = data.decode(_utf16_without_bom(data), errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# Digit groups joined by a no-break or thin space ("1\u00a0000", "1\u202f299.99"): the
# French and SI thousands separator. Kept apart, "1 000 dollars" would read as 0 dollars.
# A run followed by another spaced digit (a phone number "1 800 555 0199") is left alone.
_GROUPED = re.compile(r"(?<![\d\u00a0\u202f\u2009])\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?![\d\u00a0\u202f\u2009])")
_GROUP_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2009"), None)


def _utf16_without_bom(data: bytes) -> str:
    """``utf-16-le`` or ``utf-16-be`` when the bytes look like mostly-ASCII UTF-16 without a BOM, else ``""``.

    In such text every other byte is NUL; binary content has NULs scattered
    on both sides and is left for the NUL-byte check to report.
    """
    head = data[:4096]
    if len(head) < 8 or len(head) % 2 or b"\x00" not in head:
        return ""
    even, odd = head[0::2], head[1::2]
    half = len(head) // 2
    if odd.count(0) >= 0.9 * half and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * half and odd.count(0) == 0:
        return "utf-16-be"
    return ""


_INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"), None
)
# A single plain space is left as it is (not replaced by itself): a long text of words is not rebuilt
# from millions of pieces.
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
#: A number written with a vulgar fraction ("15½", "2¼"): NFKC writes the fraction as "1⁄2" and joins it to the
#: number ("151⁄2", read as 151 and 2); a space keeps them apart and the fraction slash becomes "/".
_MIXED_FRACTION = re.compile(r"(\d)(?=[\u00bc-\u00be\u2150-\u215e])")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|(?<![\w*])\*(?!\s)|(?<=\S)\*(?![\w*])|(?<![\w_])_(?!\s)|(?<=\S)_(?![\w_])|`)")


#: Longer texts are cleaned afresh each time: the cache would keep a whole file's text alive.
_CACHED_CHARS = 20_000
_SURROGATE = re.compile("[\ud800-\udfff]")


_LAST_LONG: list[str] = ["", ""]


def clean_text(text: str) -> str:
    """Decode entities, drop invisible characters, fold width forms and spaces, trim.

    A lone surrogate (a JSON escape such as ``\\udc80`` that encodes no character) becomes
    U+FFFD, so that every statement can be written as UTF-8. Cached: titles, questions and
    repeated answers come back many times. Of texts over :data:`_CACHED_CHARS` characters only
    the last is kept (an adapter may clean it twice), so no file's text outlives the next one's.
    """
    if len(text) <= _CACHED_CHARS:
        return _clean_cached(text)
    if text != _LAST_LONG[0]:
        _LAST_LONG[:] = ["", ""]  # the old pair goes before the new one is made
        _LAST_LONG[:] = [text, _clean(text)]
    return _LAST_LONG[1]


def _clean(text: str) -> str:
    if not text:
        return ""
    if not text.isascii() and _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    if "&" in text:
        text = html.unescape(text)
    text = text.translate(_INVISIBLE)
    if "\u00a0" in text or "\u202f" in text or "\u2009" in text:
        text = _GROUPED.sub(lambda m: m.group().translate(_GROUP_SPACES), text)
    if not text.isascii():
        text = _MIXED_FRACTION.sub(r"\1 ", text)
        text = unicodedata.normalize("NFKC", text).replace("\u2044", "/")
    text = _SPACES.sub(" ", text)
    lines = [ln.strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln).strip()


_clean_cached = lru_cache(maxsize=1 << 16)(_clean)


def strip_markdown_inline(text: str) -> str:
    """Remove inline Markdown (links keep their text, emphasis marks go)."""
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPH.sub("", text)


def line_of_offset(text: str, offset: int) -> int:
    """1-based line number of a character offset."""
    return text.count("\n", 0, offset) + 1


class LineIndex:
    """1-based line numbers of many offsets in one text, each in O(log n)."""

    def __init__(self, text: str) -> None:
        self._breaks = [m.start() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        """The line of the character at ``offset``."""
        return bisect_right(self._breaks, offset - 1) + 1


_TEMPLATE_TAGS = re.compile(
    r"\{%-?.*?-?%\}"  # Liquid / Jinja tags: {% callout %}, {% endif %}
    r"|\{\{[<%].*?[>%]\}\}"  # Hugo shortcodes: {{< relref "x" >}}, {{% note %}}
    r"|\{:[^}\n]*\}"  # kramdown attribute lists: {:target="_blank"}, {: .class}
    r"|\{#[\w:.-]+\}",  # custom heading ids: ## Heading {#anchor}
    re.S,
)
_LABEL = re.compile(r"^(?:Q|A|Question|Answer|QUESTION|ANSWER)\s*(?:[:：]\s*|\.\s+)")


def strip_template_tags(text: str) -> str:
    """Remove Liquid/Jinja tags, Hugo shortcodes and kramdown attribute lists; ``{{ var }}`` stays."""
    if "{" not in text:
        return text
    return _TEMPLATE_TAGS.sub("", text)


def strip_qa_label(text: str) -> str:
    """Drop a leading ``Q.``/``Q:``/``A:``/``Answer:`` label from a question or answer."""
    return _LABEL.sub("", text, count=1) if text[:1] in "QA" else text


CLOSING_QUOTES = "\"”“»«'’‘"
"""The marks a quotation may end with: English ” and ’, German “ and ‘ („…“, ‚…‘), French », Swiss German « (»…«)."""

# Extensions of structured formats that the free-text adapters (Markdown, plain
# text) must not claim by sniffing alone: data, code and other bot formats.
STRUCTURED_EXTENSIONS = frozenset(
    ".csv .tsv .json .jsonl .yml .yaml .xml .properties .toml .ini .lu .lg .qna .dialog .js .ts .py "
    ".zip .docx .xlsx .pdf".split()
)
_YAML_KEY = re.compile(r"""^["']?[A-Za-z_][\w-]*["']?[ \t]*:(?:[ \t]|$)""")


def looks_like_yaml(head: str) -> bool:
    """True when the first two significant lines are a YAML mapping (``key:`` then a key or an indented line)."""
    lines = [ln for ln in head.split("\n")[:12] if ln.strip() not in ("", "---") and not ln.lstrip().startswith("#")]
    if len(lines) < 2 or not _YAML_KEY.match(lines[0]):
        return False
    return bool(_YAML_KEY.match(lines[1])) or lines[1][:1] in " \t-"


# Rasa 1 Markdown training data, which the Markdown adapter must leave to the Rasa 1 adapter.
RASA1_MARKDOWN = re.compile(
    r"^##[ \t]*(?:intent|synonym|regex|lookup)[ \t]*:"  # NLU
    r"|^\*[ \t]+\w+.*\n[ \t]*-[ \t]+(?:utter_|action_)"  # stories
    r"|^\*[ \t]+\w+/\w+[ \t]*\n[ \t]*-[ \t]+",  # retrieval responses.md
    re.M,
)
LANG_CODES = frozenset(
    "ar bg cs da de el en es et fa fi fr he hi hr hu id it ja ko lt lv ms nb nl no pl pt ro ru sk sl sr sv "
    "th tr uk vi zh".split()
)
_LOCALE_PART = re.compile(r"^([a-z]{2})(?:[-_]([a-z]{2}|[a-z]{4}|\d{3}))?$", re.I)
_LOCALE_DIR = re.compile(r"^([a-z]{2})[-_]([a-z]{2}|[a-z]{4}|\d{3})$", re.I)


def is_locale_name(segment: str) -> bool:
    """Whether a folder or name segment is a language code, alone or with a region ("es", "pt-BR", "fr_ca")."""
    match = _LOCALE_PART.match(segment)
    return bool(match) and match.group(1).lower() in LANG_CODES  # type: ignore[union-attr]


def path_locale(path: str) -> str:
    """The locale a file's name or folder gives, as written (``x.en-us.lu`` → ``en-us``), else ``""``.

    A dotted segment of the file name between the stem and the extension counts
    when it is a known language code, alone or with a region (``Faq.fr.qna``,
    ``chitchat.source.en-us.qna``); otherwise the innermost folder named like
    ``de-de`` or ``pt_BR``.
    """
    parts = PurePosixPath(path).parts
    segments = parts[-1].split(".")[1:-1] if parts else []
    for segment in reversed(segments):
        match = _LOCALE_PART.match(segment)
        if match and match.group(1).lower() in LANG_CODES:
            return segment
    for folder in reversed(parts[:-1]):
        match = _LOCALE_DIR.match(folder)
        if match and match.group(1).lower() in LANG_CODES:
            return folder
    return ""


_WORD = re.compile(r"\w")
_SIMPLE_PATH = re.compile(r"^\s*([A-Za-z_](?:[A-Za-z_.]*[A-Za-z_])?)\s*$")
_MUSTACHE = re.compile(r"\{\{\{?\s*(.*?)\s*\}?\}\}", re.S)


def mask_placeholders(text: str, *, mustache: bool = False) -> str:
    """Replace each ``${expression}`` (and with ``mustache``, ``{{expression}}``) by one token.

    A plain variable path becomes ``⟨user.name⟩``; anything else (a call, an
    operator, a number) becomes ``⟨expr⟩``, so that no value inside an
    expression is mistaken for a fact. Braces and quotes nest
    (``${if(x, '}', 'y')}``); ``\\${`` is a literal ``${``. An expression left
    open runs to the end of the text.
    """
    if "${" in text:
        text = _mask_dollar(text)
    if mustache and "{{" in text:
        text = _MUSTACHE.sub(lambda m: _token(m.group(1)), text)
    return text


def _token(expression: str) -> str:
    match = _SIMPLE_PATH.match(expression)
    return f"\u27e8{match.group(1)}\u27e9" if match else "\u27e8expr\u27e9"


def _mask_dollar(text: str) -> str:
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        start = text.find("${", i)
        if start < 0:
            out.append(text[i:])
            break
        if start and text[start - 1] == "\\":
            out.append(text[i : start - 1] + "${")
            i = start + 2
            continue
        out.append(text[i:start])
        end = expression_end(text, start + 2)
        out.append(_token(text[start + 2 : end - 1] if end <= n and text[end - 1] == "}" else text[start + 2 : end]))
        i = end
    return "".join(out)


def expression_end(text: str, i: int) -> int:
    """Offset just past the ``}`` closing an expression whose body starts at ``i`` (``len(text)`` if none)."""
    depth, quote = 0, ""
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                return i + 1
            depth -= 1
        i += 1
    return len(text)


def has_words(text: str) -> bool:
    """True when ``text`` holds a letter or digit outside placeholders (``⟨…⟩``)."""
    return bool(_WORD.search(re.sub("\u27e8[^\u27e9]*\u27e9", "", text)))


def title_from_path(path: str) -> str:
    """A readable title from a file name, the question of last resort (``call-script._en.txt`` → ``call script``)."""
    return re.sub(r"[-_]+", " ", PurePosixPath(path).name.split(".")[0]).strip()


def readable_name(name: str) -> str:
    """An identifier as words: ``TrackBaggage`` → ``Track Baggage``, ``BookARace`` → ``Book A Race``, ``BookMOT`` →
    ``Book MOT``, ``int_cancelar_cita`` → ``int cancelar cita``.

    Underscores always become spaces; in a name written without spaces (``pass.spring_offer``) dots and
    hyphens do too, and CamelCase words are split (codes such as ``MTUyNTA`` are not).
    """
    text = name.replace("_", " ").strip()
    if not re.search(r"\s", name.strip()):
        words = re.split(r"[.\-\s]+", text)
        text = " ".join(_CAMEL_SPLIT.sub(" ", w) if _CAMEL_WORD.match(w) else w for w in words)
    return re.sub(r"\s+", " ", text).strip()


_CAMEL_WORD = re.compile(
    r"^[A-Z]?[a-z]+(?:[A-Z][a-z]+|[A-Z](?=[A-Z][a-z])|[0-9]+)+$|^[A-Z]{2,}[A-Z][a-z]+$"
    # a word, then an abbreviation in capitals: "MotorcycleMOT", "BookMOT" (not "iOS")
    r"|^[A-Z]?[a-z]{2,}(?:[A-Z][a-z]+|[A-Z](?=[A-Z][a-z]))*[A-Z]{2,}$"
)
_CAMEL_SPLIT = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


VARIABLE = "⟨var⟩"
_PLACEHOLDER = re.compile(
    r"\$sys\.func\.[A-Za-z_]+\((?:[^()]|\([^()]*\))*\)"  # Dialogflow CX system functions
    # $param, $session.params.x, $Knowledge.Answer[1]
    r"|\$[A-Za-z_]\w*(?:-\w+)*(?:\.[A-Za-z_]\w*(?:-\w+)*)*(?:\[\d+\])*"
    r"|#[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+"  # Dialogflow ES #context.param
    r"|\{[A-Za-z_][\w.-]*\}"  # Lex {Slot}
)
_NOT_WORDS = re.compile(r"[\W_]+")


def normalise_placeholders(text: str) -> str:
    """Replace bot placeholders (``$param``, ``#context.param``, ``$session.params.x``, ``{Slot}``) by one token.

    Money such as ``$4.95`` is left alone: a placeholder starts with a letter.
    """
    if "$" not in text and "#" not in text and "{" not in text:
        return text
    return _PLACEHOLDER.sub(VARIABLE, text)


def only_placeholders(text: str) -> bool:
    """True when a (normalised) text is nothing but placeholders: the answer is filled in at run time."""
    return VARIABLE in text and not _NOT_WORDS.sub("", text.replace(VARIABLE, ""))


_SSML_HINT = re.compile(
    r"<(?:speak|say-as|break|prosody|emphasis|sub|audio|phoneme|voice|lang|mark|amazon:[\w-]+|p|s)\b", re.I
)
_SSML_SUB = re.compile(r"<sub\b[^>]*?\balias\s*=\s*(['\"])(.*?)\1[^>]*>.*?</sub\s*>", re.I | re.S)
_SSML_PAUSE = re.compile(r"<(?:break|/p|/s)\b[^>]*>", re.I)
_SPACE_BEFORE_STOP = re.compile(r"\s*\x00\s*(?=[.,;:!?])")
_SSML_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")


def strip_ssml(text: str, *, force: bool = False) -> str:
    """The words an SSML text speaks: tags removed, ``<sub alias>`` spoken as its alias, breaks as spaces.

    Without ``force`` a text is only treated as SSML when it contains an SSML tag,
    so that ``orders <50 items`` is left alone.
    """
    if "<" not in text or not (force or _SSML_HINT.search(text)):
        return text
    text = _SSML_SUB.sub(r"\2", text)
    text = _SSML_PAUSE.sub(" ", text)
    text = _SSML_TAG.sub("\x00", text)
    text = _SPACE_BEFORE_STOP.sub("", text)  # "<say-as> 10 </say-as>?" → "10?"
    return text.replace("\x00", "")
