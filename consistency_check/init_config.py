"""``consistency-check init``: find the content under a folder and write a first ``consistency-check.yaml``.

Every file with an extension a source format reads is offered to the same
sniffers ``check`` uses. A recognised file gets a channel: the innermost
folder whose name says one (``store/``, ``kb/``, ``bot/``...), else the
channel of its format (HTML → web, Rasa → chatbot, Zendesk → agent...). Files
that are not content are left out: the tool's own files, campaign briefs and
policy files, READMEs and licences, and files no format recognises. The
sources are then as few as the tree allows: a folder whose content is all of
one channel is one source (with the files left out excluded), a folder that
mixes channels is split into its subfolders, and loose files are listed by
extension or by name. The config leaves ``format`` to sniffing, as the scan
did, so ``check`` reads each file as ``init`` saw it.
"""

from __future__ import annotations

import os
import stat
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from consistency_check.config import CONFIG_NAMES, DEFAULT_POLICIES
from consistency_check.discovery import TOOL_FILES, iter_files
from consistency_check.limits import MAX_FILE_MB, MAX_FILES
from consistency_check.sources.base import Document

#: Folder names that say which channel their content is for (compared in lower case, without - and _).
FOLDER_CHANNELS = {
    "web": "web site website www faq faqs help helpcenter helpcentre public",
    "chatbot": "chatbot chatbots bot bots chat rasa dialogflow lex botframework assistant",
    "agent": "agent agents kb knowledge knowledgebase articles helpdesk zendesk salesforce confluence intercom",
    "store": "store stores shop shops retail instore branch branches counter scripts",
}
_BY_FOLDER = {word: channel for channel, words in FOLDER_CHANNELS.items() for word in words.split()}
#: File names (without extension, lower case) of project files that are not content (see :func:`_project_file`).
NOT_CONTENT = frozenset(
    "readme changelog changes history license licence copying contributing code_of_conduct security notice authors "
    "requirements robots mkdocs".split()
)
#: At most this many files left out are named in the config's comments.
LISTED = 8
#: Why a file with an extension no format reads (an image, a stylesheet) is left out; not listed.
OTHER = "not a format consistency-check reads"


@dataclass(frozen=True)
class Found:
    """One file under the folder: its path (POSIX, relative), and its channel and format or why it is left out."""

    path: str
    channel: str | None = None
    format: str | None = None
    why: str = ""
    by_folder: bool = False


@dataclass
class Source:
    """One ``sources:`` entry to write."""

    path: str
    channel: str
    files: list[Found]
    exclude: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    """What ``init`` found under a folder and the config it would write."""

    root: Path
    found: tuple[Found, ...]
    sources: tuple[Source, ...]
    policies: bool

    @property
    def skipped(self) -> list[Found]:
        """The files with a readable extension left out, with the reason."""
        return [f for f in self.found if f.channel is None and f.why != OTHER]


class NothingFound(Exception):
    """No content any source format recognises under the folder."""


def scan(root: Path) -> Plan:
    """Classify every file under ``root`` and plan the sources; raise :class:`NothingFound` if none is content."""
    from consistency_check.sources import extensions

    readable = set(extensions())
    found: list[Found] = []
    for fs_path in iter_files(root):
        rel = fs_path.relative_to(root).as_posix()
        if PurePosixPath(rel).suffix.lower() not in readable or fs_path.name.startswith("."):
            found.append(Found(rel, why=OTHER))
        else:
            found.append(_classify(fs_path, rel))
        if len(found) >= MAX_FILES:
            break
    if not any(f.channel for f in found):
        raise NothingFound(
            f"no content found under {root.as_posix()}: no file there is in a format consistency-check reads "
            "(HTML, Markdown, Rasa, Dialogflow, Lex, Bot Framework, Zendesk, Salesforce, Confluence, Intercom, "
            "Word, plain text...)"
        )
    return Plan(root, tuple(found), tuple(_plan("", found, top=True)), (root / DEFAULT_POLICIES).is_dir())


def _classify(fs_path: Path, rel: str) -> Found:
    from consistency_check.sources import REGISTRY, detect_format

    name = PurePosixPath(rel)
    if name.name in TOOL_FILES or name.name.endswith(".schema.json") or name.name.startswith("consistency-check"):
        return Found(rel, why="a consistency-check file")
    if _project_file(name):
        return Found(rel, why="a project file, not content")
    try:
        info = os.stat(fs_path)
    except OSError as exc:
        return Found(rel, why=f"cannot be read ({exc.strerror or exc})")
    if not stat.S_ISREG(info.st_mode) or info.st_size == 0 or info.st_size > MAX_FILE_MB * 1024 * 1024:
        return Found(rel, why="empty, too large or not a regular file")
    doc = Document(rel, fs_path, "")
    try:
        kind = _tool_document(doc)
        if kind:
            return Found(rel, why=kind)
        fmt = detect_format(doc)
    except (OSError, UnicodeError, ValueError, RecursionError) as exc:
        return Found(rel, why=f"cannot be read ({exc.__class__.__name__})")
    if fmt is None:
        return Found(rel, why="no format recognised")
    folder = _folder_channel(rel)
    return Found(rel, folder or REGISTRY[fmt].CHANNEL, fmt, by_folder=folder is not None)


def _project_file(name: PurePosixPath) -> bool:
    """A README anywhere, or a licence, changelog... at the top or named in capitals (a help page may be
    called security.md or history.md)."""
    stem = name.name.split(".")[0]
    if stem.lower() == "readme":
        return True
    return stem.lower() in NOT_CONTENT and (len(name.parts) == 1 or stem.isupper())


def _tool_document(doc: Document) -> str:
    """'a campaign brief' or 'a policy file' when the file is one of the tool's own inputs, else ''."""
    import yaml

    from consistency_check.campaign.brief import FRONT_MATTER
    from consistency_check.sources.base import YAML_LOADER
    from consistency_check.yamlfile import load_bounded

    suffix = PurePosixPath(doc.path).suffix.lower()
    if suffix not in (".md", ".markdown", ".yml", ".yaml"):
        return ""
    text = doc.read_text()
    if suffix in (".md", ".markdown"):
        match = FRONT_MATTER.match(text)
        text = (match.group(1) or "") if match else ""
    if "starts" not in text and "topics" not in text:
        return ""
    try:
        data = load_bounded(text, YAML_LOADER)
    except (yaml.YAMLError, RecursionError, ValueError):  # not YAML: not one of ours
        return ""
    if isinstance(data, dict) and {"name", "starts", "ends", "channels"} <= data.keys():
        return "a campaign brief (check it with: consistency-check campaign)"
    if isinstance(data, dict) and isinstance(data.get("topics"), list):
        return "a policy file"
    return ""


def _folder_channel(rel: str) -> str | None:
    """The channel the innermost folder naming one says, if any."""
    for part in reversed(PurePosixPath(rel).parts[:-1]):
        channel = _BY_FOLDER.get(part.lower().replace("-", "").replace("_", ""))
        if channel:
            return channel
    return None


def _plan(folder: str, found: list[Found], top: bool = False) -> list[Source]:
    """The sources for ``found`` (all the files under ``folder``): one for the folder, or one per part."""
    content = [f for f in found if f.channel]
    channels = {f.channel for f in content}
    if not content:
        return []
    if len(channels) == 1 and not top:
        (channel,) = channels
        return [Source(f"{folder}/", channel or "", content, _excludes(folder, found))]
    here: list[Found] = []
    below: dict[str, list[Found]] = defaultdict(list)
    prefix = f"{folder}/" if folder else ""
    for f in found:
        head, _, rest = f.path[len(prefix) :].partition("/")
        if rest:
            below[prefix + head].append(f)
        else:
            here.append(f)
    return _loose(prefix, here) + [s for sub in sorted(below) for s in _plan(sub, below[sub])]


def _loose(prefix: str, files: list[Found]) -> list[Source]:
    """Sources for the files directly in a folder: a glob per extension of one channel, else each file."""
    by_ext: dict[str, list[Found]] = defaultdict(list)
    for f in files:
        by_ext[PurePosixPath(f.path).suffix.lower()].append(f)
    out: list[Source] = []
    for ext in sorted(by_ext):
        group = by_ext[ext]
        channel = group[0].channel
        if channel and ext and all(f.channel == channel and PurePosixPath(f.path).suffix == ext for f in group):
            out.append(Source(f"{prefix}*{ext}", channel, group))
        else:
            out += [Source(f.path, f.channel, [f]) for f in group if f.channel]
    return out


def _excludes(folder: str, found: list[Found]) -> list[str]:
    """Exclude patterns for the files of ``folder`` left out: by extension when none of that extension is content."""
    skipped = [f for f in found if not f.channel]
    counts = Counter(PurePosixPath(f.path).suffix for f in found)
    out: list[str] = []
    for ext, n in sorted(Counter(PurePosixPath(f.path).suffix for f in skipped).items()):
        if n == counts[ext] and ext:
            out.append(f"{folder}/**/*{ext}")
        else:
            out += [f.path for f in skipped if PurePosixPath(f.path).suffix == ext]
    return out


def render(plan: Plan) -> str:
    """The commented YAML of the config ``plan`` describes."""
    lines = [
        "# consistency-check configuration, written by 'consistency-check init'.",
        "# Every key: docs/configuration.md, or the JSON Schema that 'consistency-check schema config' prints.",
        "# Each source is a glob or a folder (read recursively), relative to this file; each file's format is",
        "# recognised from its content. Channels: web, chatbot, agent, store, or one declared in 'channels:'.",
        "locale: en-US          # the language of the sources that do not state one",
        "region: US             # for phone numbers and '$'",
        "fail_on: warning       # the lowest severity that fails a run: error, warning, info or never",
    ]
    if plan.policies:
        lines.append(f"# {DEFAULT_POLICIES}/ beside this file is read as the policy (the source of truth).")
    lines.append("sources:")
    for src in plan.sources:
        formats = Counter(f.format or "" for f in src.files)
        shown = ", ".join(f"{n} {fmt}" for fmt, n in sorted(formats.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(
            f"  - path: {_quote(src.path)}  # {len(src.files)} file{'s' if len(src.files) != 1 else ''}: {shown}"
        )
        lines.append(f"    channel: {src.channel}{_channel_comment(src.files)}")
        if src.exclude:
            lines.append("    exclude:")
            lines += [f"      - {_quote(p)}" for p in src.exclude]
    if plan.skipped:
        lines.append("# Left out (not content, or no format recognised):")
        lines += [f"#   {f.path}: {f.why}" for f in plan.skipped[:LISTED]]
        if len(plan.skipped) > LISTED:
            lines.append(f"#   ... and {len(plan.skipped) - LISTED} more")
    return "\n".join(lines) + "\n"


def _channel_comment(files: Iterable[Found]) -> str:
    files = list(files)
    if all(f.by_folder for f in files):
        return ""
    return "  # from the format; change it if these files are for another channel"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def config_path(folder: Path) -> Path | None:
    """The config file already in ``folder``, if any."""
    return next((folder / n for n in CONFIG_NAMES if (folder / n).is_file()), None)
