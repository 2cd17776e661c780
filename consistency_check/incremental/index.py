"""The corpus index file: its name and key, file fingerprints, claims as stored, and queries in chunks."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from consistency_check import __version__
from consistency_check.cache import INDEX, INDEX_DIGEST, code_digest, file_sha256
from consistency_check.fileio import SAFE_READ, read_regular

if TYPE_CHECKING:
    from consistency_check.config import Config
    from consistency_check.engine.claims import Claim, PackedClaim
    from consistency_check.engine.compare import Rows
    from consistency_check.model import Statement
    from consistency_check.rules import RuleSet


FORMAT = 2

#: Postings are kept for terms up to this many holders over a block limit (a changed file may remove some).
MARGIN = 100

#: More files than this differing from the index: the full comparison is as quick.
MAX_CHANGED = 50


class Stale(Exception):
    """The index cannot give this run's findings exactly: the full comparison runs instead."""


class Damaged(Stale):
    """The index is not what a run wrote (damaged, edited, not a plain file): the full comparison runs, with a note."""


def open_index(folder: Path) -> sqlite3.Connection:
    """The index in ``folder``, opened read-only, once its content matches its digest (else :class:`Stale`)."""
    path = folder / INDEX
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise Stale("no index") from None
    except OSError as exc:
        raise Damaged(str(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise Damaged("not a plain file")
    try:
        recorded = read_regular(folder / INDEX_DIGEST, 100).decode("ascii").strip()
        fd = os.open(path, SAFE_READ)
    except (OSError, UnicodeDecodeError) as exc:
        raise Damaged(f"its digest cannot be read ({exc})") from None
    try:
        with os.fdopen(os.dup(fd), "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        read = os.fstat(fd)
    finally:
        os.close(fd)
    if digest != recorded:
        raise Damaged("its content does not match its digest")
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise Damaged(str(exc)) from None
    try:
        now = os.stat(path)
    except OSError:
        now = None
    if now is None or (now.st_ino, now.st_dev) != (read.st_ino, read.st_dev):
        db.close()
        raise Stale("the index was replaced while it was read")
    return db


# --------------------------------------------------------------------------- keys


def index_key(config: Config, ruleset: RuleSet) -> str:
    """What the index depends on besides the files: tool, code, config and rules."""
    digest = hashlib.sha256()
    config_bytes = config.path.read_bytes() if config.path is not None and config.path.is_file() else b""
    head = [FORMAT, __version__, code_digest(), str(config.root.resolve()), config.locale, config.region]
    digest.update(json.dumps(head).encode())
    digest.update(hashlib.sha256(config_bytes).digest())
    from consistency_check.rules import builtin_rules_dir

    for folder in (builtin_rules_dir(), *config.rule_dirs):
        for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else ():
            digest.update(path.name.encode() + hashlib.sha256(path.read_bytes()).digest())
    # Compiled phrase patterns list their alternatives in no fixed order: their characters are compared.
    for rule in ruleset.rules:
        fields = [getattr(rule, f.name) for f in dataclasses.fields(rule)]
        digest.update(repr([_pattern_key(f) for f in fields]).encode())
    for name in sorted(ruleset.dimensions):
        dim = ruleset.dimensions[name]
        digest.update(repr((name, _pattern_key(dim.pattern), sorted(dim.lookup.items()))).encode())
    return digest.hexdigest()


def _pattern_key(value: Any) -> Any:
    return "".join(sorted(value.pattern)) if hasattr(value, "pattern") else value


def _file_digest(path: Path) -> str:
    return file_sha256(path)


def file_stat(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


# --------------------------------------------------------------------------- corpus-wide counts


def encode_claims(claims: list[Claim], ruleset: RuleSet) -> str:
    from consistency_check.engine.claims import pack_claims

    return json.dumps(pack_claims(claims, ruleset), separators=(",", ":"), ensure_ascii=False)


def decode_claims(text: str, stmt: Statement, ruleset: RuleSet) -> list[Claim]:
    from consistency_check.engine.claims import unpack_claims

    packed: list[PackedClaim] = []
    for kind, value, unit, role, scope, r, obj, quote, surface, parts, from_q, key, span in json.loads(text):
        packed.append(
            (
                kind,
                value,
                unit,
                role,
                tuple((a, b) for a, b in scope),
                r,
                obj,
                quote,
                surface,
                tuple((a, b) for a, b in parts),
                bool(from_q),
                key,
                (span[0], span[1]),
            )
        )
    return unpack_claims(packed, stmt, ruleset)


def names_text(names: frozenset[str]) -> str:
    return json.dumps(sorted(names), ensure_ascii=False)


def rule_index(ruleset: RuleSet) -> dict[int, int]:
    return {id(rule): i for i, rule in enumerate(ruleset.rules)}


def stored_group_key(claim: Claim, rows: Rows, names: Callable[[Claim], frozenset[str]]) -> str | None:
    """The rule group a claim is compared in (as :func:`~consistency_check.engine.compare.rule_groups` keys it)."""
    from consistency_check.engine.compare import joined_key

    if claim.rule is None or not (claim.scope or not claim.rule.require_scope):
        return None
    return repr(joined_key(claim, rows, names))


# --------------------------------------------------------------------------- recording a full run


def _chunks(values: Iterable[Any], size: int = 900) -> Iterable[list[Any]]:
    chunk: list[Any] = []
    for value in values:
        chunk.append(value)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def select_rows(db: sqlite3.Connection, sql: str, values: Iterable[Any]) -> list[tuple[Any, ...]]:
    """``sql`` (with one ``IN ({})``) over ``values``, in chunks."""
    rows: list[tuple[Any, ...]] = []
    for chunk in _chunks(sorted(set(values), key=repr)):
        rows.extend(db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall())
    return rows


@dataclass
class ClaimRow:
    cid: int
    sid: int
    terms: frozenset[str] | None
    loose: bool
    anchor: int | None
    rule: int
    scope: tuple[tuple[str, str], ...]
    gkey: str | None
    generic: bool
    cluster: int | None
    ikey: str | None
    names: str | None
    fid: int


CLAIM_COLUMNS = "cid, sid, terms, loose, anchor, rule, scope, gkey, generic, cluster, ikey, names, fid"


def claim_row(row: tuple[Any, ...]) -> ClaimRow:
    cid, sid, terms, loose, anchor, rule, scope, gkey, generic, cluster, ikey, names, fid = row
    return ClaimRow(
        cid,
        sid,
        frozenset(json.loads(terms)) if terms is not None else None,
        bool(loose),
        anchor,
        rule,
        tuple((a, b) for a, b in json.loads(scope)),
        gkey,
        bool(generic),
        cluster,
        ikey,
        names,
        fid,
    )


def file_differs(path: Path, size: int, mtime: int, digest: str) -> bool:
    """Whether a file is not what the index read (by size and time, else by content; ``""``: not hashed, not read)."""
    return file_stat(path) != (size, mtime) and (not digest or _file_digest(path) != digest)
