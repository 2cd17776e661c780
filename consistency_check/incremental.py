"""Incremental comparison for the pre-commit path: one changed file checked against a kept index of the corpus.

A full run with the cache on records what the comparison learned about the
whole corpus in ``<cache dir>/corpus-index.sqlite3``:

* every statement (with its facts) and its claims, by file, with each file's
  size, modification time and SHA-256 (and those of the files its adapter
  read besides it);
* the corpus-wide statistics: the counts names are learned from, the term
  counts of rule groups, of alignment (weights and blocks) and of yes/no
  pairs (per denied verb), and how often each word is used in a sentence
  that denies nothing;
* what each claim became: its alignment terms, the rule it adopted and from
  which claim, its rule group, its group of aligned rule-less values, and
  the words each statement denies or uses.

A run given changed files then reads only those files, updates the
statistics by their difference (exactly: the counts are sums over
statements), and compares the changed files' statements with the part of the
corpus that can pair with them: claims sharing an alignment block with
them, the claims adopting a rule from them (and the claims these adopted
from), every claim of their rule groups, the groups of aligned values they
can join, and every statement denying or using a verb they deny or use.
That part runs through the engine (:func:`consistency_check.engine.analyse`)
with the corpus-wide statistics given (:class:`Replay`), so the findings
touching the changed files are those a full run reports. Decisions between
two unchanged claims (a rule one adopted from the other, two values aligned)
are taken from the index: the changed file moves the term weights of such a
pair only by the change in the number of values (a relative change of about
one in the corpus size).

The index is not used (the full comparison runs, and rewrites it) when it is
missing, unreadable, written by another version of the tool or its code,
for another config or other rules, when more than :data:`MAX_CHANGED` files
differ from it, when the names the corpus defines change, or when a term
crosses a block-size limit (the pairs of unchanged claims would change).
SQLite from the standard library, written to a temporary file and renamed:
loading it runs no code, and a concurrent run sees the old index or the new.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import sqlite3
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from consistency_check import __version__
from consistency_check.engine import EngineHooks, Names

if TYPE_CHECKING:
    from consistency_check.cache import ParseCache
    from consistency_check.config import Config
    from consistency_check.discovery import SourceFile
    from consistency_check.engine.align import ItemMemo, _Item
    from consistency_check.engine.claims import Claim
    from consistency_check.engine.polar import Denial
    from consistency_check.engine.subject import Lexicon, SubjectIndex
    from consistency_check.model import Finding, Statement
    from consistency_check.pipeline import ParseOutcome
    from consistency_check.rules import RuleSet
    from consistency_check.suppress import Directive

INDEX = "corpus-index.sqlite3"
FORMAT = 1
#: Postings are kept for terms up to this many holders over a block limit (a changed file may remove some).
MARGIN = 100
#: More files than this differing from the index: the full comparison is as quick.
MAX_CHANGED = 50


class Stale(Exception):
    """The index cannot give this run's findings exactly: the full comparison runs instead."""


# --------------------------------------------------------------------------- keys


def index_key(config: Config, ruleset: RuleSet) -> str:
    """What the index depends on besides the files: tool, code, config and rules."""
    from consistency_check.cache import code_digest

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
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


# --------------------------------------------------------------------------- corpus-wide counts


@dataclass
class LexiconCounts:
    """What :meth:`Lexicon.learn` counts, kept so that statements can be added and taken away."""

    capital: Counter[str] = dataclasses.field(default_factory=Counter)
    lower: Counter[str] = dataclasses.field(default_factory=Counter)
    per_statement: Counter[str] = dataclasses.field(default_factory=Counter)
    tiers: Counter[str] = dataclasses.field(default_factory=Counter)
    total: int = 0

    def add(self, statements: Iterable[Statement], sign: int = 1) -> None:
        """Count ``statements`` in (``sign`` 1) or out (-1)."""
        from consistency_check.engine.subject import _case_words

        for stmt in statements:
            self.total += sign
            found: set[str] = set()
            for text in (stmt.text, stmt.question):
                if not text:
                    continue
                tiers, lower, capital = _case_words(text)
                for counter, words in ((self.tiers, tiers), (self.lower, lower), (self.capital, capital)):
                    for w in words:
                        counter[w] += sign
                found.update(capital)
            for w in found:
                self.per_statement[w] += sign

    def add_counts(self, other: LexiconCounts) -> None:
        """Count in what ``other`` counted (statements counted apart, in another process)."""
        for mine, theirs in ((self.capital, other.capital), (self.lower, other.lower), (self.per_statement, other.per_statement), (self.tiers, other.tiers)):
            for word, n in theirs.items():
                mine[word] += n
        self.total += other.total

    def lexicon(self) -> Lexicon:
        """The lexicon these counts give (the same as :meth:`Lexicon.learn` over the same statements)."""
        from consistency_check.engine.subject import BRAND_SHARE, Lexicon

        total = self.total
        names = {
            w for w, n in self.capital.items()
            if n > 0 and self.lower[w] <= n and not (total >= 20 and self.per_statement[w] > BRAND_SHARE * total)
        }
        tiers = frozenset(w for w, n in self.tiers.items() if n > 0 and w in names)
        return Lexicon(frozenset(names), tiers, frozenset(w for w, n in self.capital.items() if n > 0))

    def to_json(self) -> dict[str, Any]:
        return {"capital": _positive(self.capital), "lower": _positive(self.lower), "per": _positive(self.per_statement),
                "tiers": _positive(self.tiers), "total": self.total}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LexiconCounts:
        return cls(Counter(data["capital"]), Counter(data["lower"]), Counter(data["per"]), Counter(data["tiers"]), int(data["total"]))


def _positive(counter: Mapping[str, int]) -> dict[str, int]:
    return {k: v for k, v in counter.items() if v > 0}


def common_contribution(claim: Claim) -> set[str]:
    """The terms a claim counts for in :func:`~consistency_check.engine.subject.common_terms`."""
    from consistency_check.engine.subject import own_words
    from consistency_check.engine.words import terms

    return set(terms(own_words(claim), claim.kind)) | set(terms(claim.statement.question, claim.kind))


def common_from(df: Mapping[str, int], n: int, share: float = 0.05, minimum: int = 5) -> frozenset[str]:
    """:func:`~consistency_check.engine.subject.common_terms` from its counts."""
    return frozenset(t for t, c in df.items() if c >= minimum and c > share * n)


def index_from(df: Mapping[str, int], n: int, wanted: Iterable[str] | None = None) -> SubjectIndex:
    """:meth:`SubjectIndex.build` from its counts (only the ``wanted`` terms, when given)."""
    from consistency_check.engine.subject import SubjectIndex

    total = max(1, n)
    keys = df if wanted is None else wanted
    return SubjectIndex({t: math.log(1 + total / df[t]) for t in keys if df.get(t, 0) > 0})


def _plain_uses(plain: list[tuple[Statement, int, int]], affirmed: list[tuple[Statement, str]]) -> dict[int, Counter[str]]:
    """Per statement (by identity), how often each verb is used without a negation (words of sentences that deny nothing, and "Yes." answers)."""
    from consistency_check.engine.polar import _WORD, _canon
    from consistency_check.engine.words import stem

    out: dict[int, Counter[str]] = defaultdict(Counter)
    for stmt, s0, s1 in plain:
        uses = out[id(stmt)]
        for w in _WORD.finditer(stmt.text, s0, s1):
            uses[_canon(stem(w.group(0)))] += 1
    for stmt, verb in affirmed:
        out[id(stmt)][verb] += 1
    return out


def _verb_counts(sets: list[frozenset[str]]) -> tuple[int, Counter[str]]:
    df: Counter[str] = Counter()
    for ts in sets:
        df.update(ts)
    return len(sets), df


# --------------------------------------------------------------------------- codec


def _encode_claims(claims: list[Claim], ruleset: RuleSet) -> str:
    from consistency_check.engine.claims import pack_claims

    return json.dumps(pack_claims(claims, ruleset), separators=(",", ":"), ensure_ascii=False)


def _decode_claims(text: str, stmt: Statement, ruleset: RuleSet) -> list[Claim]:
    from consistency_check.engine.claims import unpack_claims

    packed = []
    for kind, value, unit, role, scope, r, obj, quote, surface, parts, from_q, key, span in json.loads(text):
        packed.append((kind, value, unit, role, tuple((a, b) for a, b in scope), r, obj, quote, surface,
                       tuple((a, b) for a, b in parts), bool(from_q), key, (span[0], span[1])))
    return unpack_claims(packed, stmt, ruleset)


def _names_text(names: frozenset[str]) -> str:
    return json.dumps(sorted(names), ensure_ascii=False)


def _rule_index(ruleset: RuleSet) -> dict[int, int]:
    return {id(rule): i for i, rule in enumerate(ruleset.rules)}


def _gkey(claim: Claim) -> str | None:
    """The rule group a claim is compared in (as :func:`~consistency_check.engine.compare.rule_groups` keys it)."""
    from consistency_check.engine.compare import group_key

    if claim.rule is None or not (claim.scope or not claim.rule.require_scope):
        return None
    return repr(group_key(claim))


# --------------------------------------------------------------------------- recording a full run


class Recorder(EngineHooks):
    """The engine's corpus-wide steps, done as usual, with what they learn kept for :func:`save`."""

    FORKABLE = {"lexicon": (), "generic": ("generic_ids", "cluster"), "polar": ("negs", "uses", "verbs")}

    def __init__(self) -> None:
        self.counts = LexiconCounts()
        self.claims: list[Claim] = []
        self.after: list[Claim] = []
        self.terms: dict[int, frozenset[str]] = {}
        self.ikey: dict[int, str] = {}
        self.names: Names = lambda c: frozenset()
        self.anchor: dict[int, int] = {}
        self.common_df: Counter[str] = Counter()
        self.common_n = 0
        self.generic_ids: set[int] = set()
        self.cluster: dict[int, int] = {}
        self.negs: dict[int, list[str]] = {}
        self.uses: dict[int, Counter[str]] = {}
        self.verbs: dict[str, tuple[int, Counter[str]]] = {}
        self._position: dict[int, int] = {}

    def lexicon(self, statements: list[Statement]) -> Lexicon:
        self.counts.add(statements)
        return self.counts.lexicon()

    def lexicon_counted(self, counts: LexiconCounts) -> Lexicon:
        self.counts.add_counts(counts)
        return self.counts.lexicon()

    def adopt(self, claims: list[Claim], ruleset: RuleSet, names: Names, tiers: frozenset[str], memo: ItemMemo) -> list[Claim]:
        from consistency_check.engine.align import adopt_rules

        self.claims = claims
        self.names = names
        before = {id(c): i for i, c in enumerate(claims)}

        def weigh(items: list[_Item]) -> tuple[SubjectIndex, None]:
            from consistency_check.engine.subject import SubjectIndex

            for item in items:
                self.terms[before[id(item.claim)]] = item.full
                self.ikey[before[id(item.claim)]] = repr(item.key)
            return SubjectIndex.build([item.full for item in items]), None

        chosen: dict[int, Claim] = {}
        self.after = adopt_rules(claims, ruleset, names, tiers, memo, weigh=weigh, chosen=chosen)
        self.anchor = {before[k]: before[id(v)] for k, v in chosen.items()}
        self._position = {id(c): i for i, c in enumerate(self.after)}
        return self.after

    def common(self, claims: list[Claim]) -> frozenset[str]:
        for claim in claims:
            if claim.kind != "yesno":
                self.common_n += 1
                self.common_df.update(common_contribution(claim))
        return common_from(self.common_df, self.common_n)

    def generic(self, claims: list[Claim], ruleset: RuleSet, names: Names, tiers: frozenset[str], memo: ItemMemo) -> list[Finding]:
        from consistency_check.engine.align import generic_findings

        def weigh(items: list[_Item]) -> tuple[SubjectIndex, None]:
            from consistency_check.engine.subject import SubjectIndex

            self.generic_ids = {self._position[id(item.claim)] for item in items}
            return SubjectIndex.build([item.full for item in items]), None

        clusters: list[list[Claim]] = []
        findings = generic_findings(claims, ruleset, names, tiers, memo, weigh=weigh, clusters_out=clusters)
        for number, members in enumerate(clusters):
            if len(members) > 1:
                for claim in members:
                    self.cluster[self._position[id(claim)]] = number
        return findings

    def polar(self, statements, ruleset, claimed, names, scope):  # type: ignore[no-untyped-def]
        from consistency_check.engine.polar import MAX_BUCKET, polar_findings
        from consistency_check.engine.subject import SubjectIndex

        recorder = self

        class Hook:
            def seen(self, negatives: list[Denial], plain: list[tuple[Statement, int, int]], affirmed: list[tuple[Statement, str]]) -> None:
                for neg in negatives:
                    recorder.negs.setdefault(id(neg.claim.statement), []).append(neg.verb)
                recorder.uses = _plain_uses(plain, affirmed)

            def too_common(self, verb: str, hits: int) -> bool:
                return hits > MAX_BUCKET

            def index(self, sets_by_verb: dict[str, list[frozenset[str]]]) -> SubjectIndex:
                recorder.verbs = {verb: _verb_counts(sets) for verb, sets in sets_by_verb.items()}
                return SubjectIndex.build([s for sets in sets_by_verb.values() for s in sets])

        return polar_findings(statements, ruleset, claimed, names, scope, Hook())


@dataclass
class FileRecord:
    """What the index keeps of one source file besides its statements."""

    src: SourceFile
    stat: tuple[int, int]
    digest: str
    outcome: ParseOutcome
    #: Files its adapter read besides it: path, size and mtime, digest.
    dependencies: list[list[Any]]


def file_records(files: list[SourceFile], stats: list[tuple[int, int]], outcomes: list[ParseOutcome], cache: ParseCache) -> list[FileRecord]:
    """The records of ``files`` (``stats`` taken before they were read)."""
    out = []
    for src, st, outcome in zip(files, stats, outcomes, strict=True):
        deps = cache._dependencies(src, outcome.format) or []
        dependencies = [[p, *_stat(Path(p)), digest] for p, digest in deps]
        out.append(FileRecord(src, st, cache._digest(src.fs_path), outcome, dependencies))
    return out


def save(folder: Path, key: str, records: list[FileRecord], statements: list[Statement], recorder: Recorder, ruleset: RuleSet) -> None:
    """Write the index of a full run to ``folder`` (atomically: a temporary file, then renamed)."""
    from consistency_check.cache import _directive
    from consistency_check.engine.align import MAX_BUCKET
    from consistency_check.engine.polar import MAX_BUCKET as POLAR_BUCKET

    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{INDEX}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        try:
            _write(db, key, records, statements, recorder, ruleset, MAX_BUCKET, POLAR_BUCKET, _directive)
            db.commit()
        finally:
            db.close()
        os.replace(tmp, folder / INDEX)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write(db, key, records, statements, recorder, ruleset, bucket, polar_bucket, directive) -> None:  # type: ignore[no-untyped-def]
    from consistency_check.cache import _statement

    db.executescript(
        """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE files(fid INTEGER PRIMARY KEY, path TEXT UNIQUE, size INT, mtime INT, digest TEXT,
                           first_sid INT, statements INT, extra TEXT);
        CREATE TABLE statements(sid INTEGER PRIMARY KEY, fid INT, data TEXT, claims TEXT, first_cid INT, negs TEXT, uses TEXT);
        CREATE TABLE claims(cid INTEGER PRIMARY KEY, sid INT, terms TEXT, loose INT, anchor INT, rule INT, scope TEXT,
                            gkey TEXT, generic INT, cluster INT, ikey TEXT, names TEXT, fid INT);
        CREATE TABLE adopt_post(term TEXT, cid INT);
        CREATE TABLE generic_post(term TEXT, cid INT);
        CREATE TABLE neg_post(verb TEXT, sid INT);
        CREATE TABLE use_post(stem TEXT, sid INT);
        CREATE TABLE verbs(verb TEXT PRIMARY KEY, n INT, df TEXT);
        """
    )
    rules = _rule_index(ruleset)
    sid_of = {id(s): i for i, s in enumerate(statements)}
    # files and statements
    claims_by_sid: dict[int, list[int]] = defaultdict(list)
    for cid, claim in enumerate(recorder.claims):
        claims_by_sid[sid_of[id(claim.statement)]].append(cid)
    sid = 0
    file_rows, stmt_rows = [], []
    for fid, rec in enumerate(records):
        extra = {"notes": rec.outcome.notes, "directives": [directive(d) for d in rec.outcome.directives],
                 "dependencies": rec.dependencies}
        n = len(rec.outcome.statements)
        extra_text = json.dumps(extra, ensure_ascii=False) if any(extra.values()) else None
        file_rows.append((fid, rec.src.path, rec.stat[0], rec.stat[1], rec.digest, sid, n, extra_text))
        for k in range(n):
            stmt = statements[sid + k]
            cids = claims_by_sid.get(sid + k, [])
            own = [recorder.claims[c] for c in cids]
            stmt_rows.append((
                sid + k, fid, json.dumps(_statement(stmt), ensure_ascii=False, separators=(",", ":")),
                _encode_claims(own, ruleset), cids[0] if cids else -1,
                json.dumps(recorder.negs.get(id(stmt), [])), json.dumps(recorder.uses.get(id(stmt), {})),
            ))
        sid += n
    assert sid == len(statements)
    db.executemany("INSERT INTO files VALUES (?,?,?,?,?,?,?,?)", file_rows)
    db.executemany("INSERT INTO statements VALUES (?,?,?,?,?,?,?)", stmt_rows)
    # claims
    adopt_df: Counter[str] = Counter()
    for ts in recorder.terms.values():
        adopt_df.update(ts)
    generic_df: Counter[str] = Counter()
    for cid in recorder.generic_ids:
        generic_df.update(recorder.terms[cid])
    claim_rows = []
    fid_of = [fid for fid, rec in enumerate(records) for _ in rec.outcome.statements]
    for cid, (before, after) in enumerate(zip(recorder.claims, recorder.after, strict=True)):
        ts = recorder.terms.get(cid)
        gkey = _gkey(after)
        sid_here = sid_of[id(before.statement)]
        claim_rows.append((
            cid, sid_here, json.dumps(sorted(ts)) if ts is not None else None, int(before.rule is None),
            recorder.anchor.get(cid), rules[id(after.rule)] if after.rule is not None else -1, json.dumps(after.scope),
            gkey, int(cid in recorder.generic_ids), recorder.cluster.get(cid), recorder.ikey.get(cid),
            _names_text(recorder.names(after)) if gkey is not None else None, fid_of[sid_here],
        ))
    db.executemany("INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", claim_rows)
    limit = bucket + MARGIN
    db.executemany("INSERT INTO adopt_post VALUES (?,?)", ((t, cid) for cid, ts in recorder.terms.items() for t in ts if adopt_df[t] <= limit))
    db.executemany(
        "INSERT INTO generic_post VALUES (?,?)",
        ((t, cid) for cid in sorted(recorder.generic_ids) for t in recorder.terms[cid] if generic_df[t] <= limit),
    )
    db.executemany("INSERT INTO neg_post VALUES (?,?)", ((v, sid_of[k]) for k, verbs in recorder.negs.items() for v in set(verbs)))
    hits: Counter[str] = Counter()
    for uses in recorder.uses.values():
        hits.update(uses)
    polar_limit = polar_bucket + MARGIN
    db.executemany(
        "INSERT INTO use_post VALUES (?,?)",
        ((w, sid_of[k]) for k, uses in recorder.uses.items() for w in uses if hits[w] <= polar_limit),
    )
    polar_df: Counter[str] = Counter()
    polar_n = 0
    verb_rows = []
    for verb, (n, df) in recorder.verbs.items():
        polar_n += n
        polar_df.update(df)
        verb_rows.append((verb, n, json.dumps(df)))
    db.executemany("INSERT INTO verbs VALUES (?,?,?)", verb_rows)
    lexicon = recorder.counts.lexicon()
    aggregates = {
        "lexicon": recorder.counts.to_json(),
        "names": [sorted(lexicon.names), sorted(lexicon.tiers), sorted(lexicon.capitalised)],
        "common": [recorder.common_n, recorder.common_df],
        "adopt": [len(recorder.terms), adopt_df],
        "generic": [len(recorder.generic_ids), generic_df],
        "polar": [polar_n, polar_df],
        "hits": hits,
        "statements": len(statements),
        "claims": len(recorder.claims),
    }
    db.executemany("INSERT INTO meta VALUES (?,?)", [("key", key), ("aggregates", json.dumps(aggregates, ensure_ascii=False))])
    db.executescript(
        """
        CREATE INDEX adopt_term ON adopt_post(term); CREATE INDEX generic_term ON generic_post(term);
        CREATE INDEX neg_verb ON neg_post(verb); CREATE INDEX use_stem ON use_post(stem);
        CREATE INDEX claim_gkey ON claims(gkey); CREATE INDEX claim_cluster ON claims(cluster);
        CREATE INDEX claim_anchor ON claims(anchor);
        CREATE INDEX statement_fid ON statements(fid);
        """
    )


# --------------------------------------------------------------------------- answering from the index


@dataclass
class Replayed:
    """What the incremental comparison gives the pipeline in place of reading and comparing everything."""

    findings: list[Finding]
    subjects: list[Any]
    notes: list[str]
    directives: list[Directive]
    statements: int


class _Seen(Exception):
    """Stops :func:`polar_findings` once it has said what it found in a few statements."""

    def __init__(self, negatives: list[Denial], plain: list[tuple[Statement, int, int]], affirmed: list[tuple[Statement, str]]) -> None:
        super().__init__()
        self.negatives = negatives
        self.plain = plain
        self.affirmed = affirmed


class _Collect:
    def seen(self, negatives: list[Denial], plain: list[tuple[Statement, int, int]], affirmed: list[tuple[Statement, str]]) -> None:
        raise _Seen(negatives, plain, affirmed)

    def too_common(self, verb: str, hits: int) -> bool:  # pragma: no cover - never reached
        return False

    def index(self, sets_by_verb: dict[str, list[frozenset[str]]]) -> SubjectIndex:  # pragma: no cover - never reached
        raise AssertionError


def _polar_features(statements: list[Statement], claims: list[Claim], ruleset: RuleSet) -> tuple[dict[int, list[str]], dict[int, Counter[str]]]:
    """The verbs each statement denies and the words it uses in sentences that deny nothing (by statement identity)."""
    from consistency_check.engine.align import scope_of_text
    from consistency_check.engine.polar import polar_findings

    claimed = {(id(c.statement), c.statement.text.find(c.quote)) for c in claims if c.kind == "yesno"}
    try:
        polar_findings(statements, ruleset, claimed, lambda c: frozenset(), lambda t: scope_of_text(t, ruleset), _Collect())
    except _Seen as seen:
        negs: dict[int, list[str]] = {}
        for neg in seen.negatives:
            negs.setdefault(id(neg.claim.statement), []).append(neg.verb)
        return negs, _plain_uses(seen.plain, seen.affirmed)
    raise AssertionError("polar_findings did not report what it found")  # pragma: no cover


def _chunks(values: Iterable[Any], size: int = 900) -> Iterable[list[Any]]:
    chunk: list[Any] = []
    for value in values:
        chunk.append(value)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _select(db: sqlite3.Connection, sql: str, values: Iterable[Any]) -> list[tuple[Any, ...]]:
    """``sql`` (with one ``IN ({})``) over ``values``, in chunks."""
    rows: list[tuple[Any, ...]] = []
    for chunk in _chunks(sorted(set(values), key=repr)):
        rows.extend(db.execute(sql.format(",".join("?" * len(chunk))), chunk).fetchall())
    return rows


@dataclass
class _ClaimRow:
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


_CLAIM_COLUMNS = "cid, sid, terms, loose, anchor, rule, scope, gkey, generic, cluster, ikey, names, fid"


def _claim_row(row: tuple[Any, ...]) -> _ClaimRow:
    cid, sid, terms, loose, anchor, rule, scope, gkey, generic, cluster, ikey, names, fid = row
    return _ClaimRow(
        cid, sid, frozenset(json.loads(terms)) if terms is not None else None, bool(loose), anchor, rule,
        tuple((a, b) for a, b in json.loads(scope)), gkey, bool(generic), cluster, ikey, names, fid,
    )


def _crossing(before: Mapping[str, int], after: Mapping[str, int], terms: Iterable[str], limit: int) -> bool:
    """Whether a term's count crosses ``limit`` (its block opens or closes for every pair holding it)."""
    return any((before.get(t, 0) > limit) != (after.get(t, 0) > limit) for t in terms)


def replay(config: Config, ruleset: RuleSet, files: list[SourceFile], changed: set[str], cache: ParseCache) -> Replayed:
    """The findings touching the ``changed`` files, from the index in ``cache``'s folder (raises :class:`Stale`)."""
    path = cache.folder / INDEX
    if not path.is_file():
        raise Stale("no index")
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise Stale(str(exc)) from None
    try:
        return _replay(db, config, ruleset, files, changed, cache)
    except (sqlite3.Error, ValueError, KeyError, TypeError, IndexError) as exc:
        raise Stale(f"unreadable index: {exc}") from None
    finally:
        db.close()


def _replay(db: sqlite3.Connection, config: Config, ruleset: RuleSet, files: list[SourceFile], changed: set[str], cache: ParseCache) -> Replayed:
    from consistency_check.cache import _undirective, _unstatement
    from consistency_check.engine import _programme_tier, analyse
    from consistency_check.engine.align import MAX_BUCKET, SKIP_KINDS, _items
    from consistency_check.engine.claims import claims_of
    from consistency_check.engine.polar import MAX_BUCKET as POLAR_BUCKET
    from consistency_check.engine.subject import names_of
    from consistency_check.pipeline import _read_all
    from consistency_check.timings import stage

    key = db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
    if key is None or key[0] != index_key(config, ruleset):
        raise Stale("index of another version, config or rules")
    with stage("incremental.files"):
        known = {row[1]: row for row in db.execute("SELECT fid, path, size, mtime, digest, first_sid, statements, extra FROM files")}
        position = {src.path: i for i, src in enumerate(files)}
        edited: list[int] = []  # positions in ``files`` of the files to read again
        extras: dict[str, dict[str, Any]] = {}
        for i, src in enumerate(files):
            row = known.get(src.path)
            if src.path in changed or row is None:
                edited.append(i)
                continue
            extra = json.loads(row[7]) if row[7] else {}
            extras[src.path] = extra
            if _differs(src.fs_path, row[2], row[3], row[4]) or any(_differs(Path(p), size, mtime, digest) for p, size, mtime, digest in extra.get("dependencies", ())):
                edited.append(i)
        removed = [row for p, row in known.items() if p not in position]
        if len(edited) + len(removed) > MAX_CHANGED:
            raise Stale("too many files differ from the index")
        old_fids = [known[files[i].path][0] for i in edited if files[i].path in known] + [row[0] for row in removed]
    with stage("incremental.read"):
        outcomes = list(_read_all([files[i] for i in edited], config, cache, 1, None))
    aggregates = json.loads(db.execute("SELECT value FROM meta WHERE name = 'aggregates'").fetchone()[0])

    # The files as the index knows them, and as they are now.
    with stage("incremental.delta"):
        old_stmt_rows = _select(db, "SELECT sid, data, claims, negs, uses FROM statements WHERE fid IN ({})", old_fids)
        old_sids = {row[0] for row in old_stmt_rows}
        old_statements = [_unstatement(json.loads(row[1])) for row in old_stmt_rows]
        old_claims = [c for row, stmt in zip(old_stmt_rows, old_statements) for c in _decode_claims(row[2], stmt, ruleset)]
        old_rows = [_claim_row(r) for r in _select(db, f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE sid IN ({{}})", old_sids)]
        old_cids = {r.cid for r in old_rows}
        new_statements = [s for o in outcomes for s in o.statements]
        found = [claims_of(s, ruleset) for s in new_statements]

        counts = LexiconCounts.from_json(aggregates["lexicon"])
        counts.add(old_statements, -1)
        counts.add(new_statements, 1)
        lexicon = counts.lexicon()
        if [sorted(lexicon.names), sorted(lexicon.tiers), sorted(lexicon.capitalised)] != aggregates["names"]:
            raise Stale("the names the corpus defines changed")
        memo: dict[tuple[int, str], frozenset[str]] = {}

        def names(claim: Claim) -> frozenset[str]:
            k = (id(claim.statement), claim.quote)
            if k not in memo:
                memo[k] = names_of(claim, lexicon)
            return memo[k]

        new_claims = [_programme_tier(c, names(c), lexicon.tiers) for cs in found for c in cs]

        common_n, common_df = aggregates["common"][0], Counter(aggregates["common"][1])
        for sign, claims in ((-1, old_claims), (1, new_claims)):
            for claim in claims:
                if claim.kind != "yesno":
                    common_n += sign
                    for t in common_contribution(claim):
                        common_df[t] += sign
        common = common_from(common_df, common_n)

        new_items = _items(new_claims, ruleset, names, lexicon.tiers, frozenset({"yesno"}))
        adopt_n, adopt_before = aggregates["adopt"][0], aggregates["adopt"][1]
        adopt_df = Counter(adopt_before)
        for r in old_rows:
            if r.terms is not None:
                adopt_n -= 1
                adopt_df.subtract(r.terms)
        for item in new_items:
            adopt_n += 1
            adopt_df.update(item.full)
        touched = {t for r in old_rows if r.terms for t in r.terms} | {t for item in new_items for t in item.full}
        if _crossing(adopt_before, adopt_df, touched, MAX_BUCKET):
            raise Stale("an alignment block opened or closed")

    rules = ruleset.rules
    fid_path = {row[0]: p for p, row in known.items()}
    ruled_keys: dict[str, set[str]] = defaultdict(set)  # term -> item keys of edited values with a rule
    loose_keys: dict[str, set[str]] = defaultdict(set)  # and without
    for item in new_items:
        for t in item.full:
            (ruled_keys if item.claim.rule is not None else loose_keys)[t].add(repr(item.key))

    def open_block(t: str) -> bool:
        return 2 <= adopt_df[t] <= MAX_BUCKET

    def postings(table: str, by_term: Mapping[str, set[str]], want_loose: bool | None) -> dict[int, _ClaimRow]:
        # Blocks of rule-less values are counted once their rules are known (Replay.generic): take every posting kept.
        """Unchanged claims sharing an open block with the values in ``by_term``, with one of their item keys."""
        out: dict[int, _ClaimRow] = {}
        sql = f"SELECT p.term, {', '.join('c.' + c for c in _CLAIM_COLUMNS.split(', '))} FROM {table} p JOIN claims c ON c.cid = p.cid WHERE p.term IN ({{}})"
        for term, *rest in _select(db, sql, [t for t in by_term if table != "adopt_post" or open_block(t)]):
            row = _claim_row(tuple(rest))
            if row.cid not in old_cids and row.ikey in by_term[term] and (want_loose is None or row.loose == want_loose):
                out[row.cid] = row
        return out

    # Values whose rule may come from (or go to) the edited files: worked out again, with every possible anchor.
    with stage("incremental.neighbours"):
        anchors = postings("adopt_post", loose_keys, False)
        again_rows = postings("adopt_post", ruled_keys, True)
        again_rows.update((r.cid, r) for r in map(_claim_row, _select(db, f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE anchor IN ({{}})", old_cids)) if r.cid not in old_cids)
        second: dict[str, set[str]] = defaultdict(set)
        kept_anchors: set[int] = set()
        for row in again_rows.values():
            if row.anchor is not None and row.anchor not in old_cids:
                kept_anchors.add(row.anchor)
            elif row.anchor is not None and row.ikey is not None:
                for t in row.terms or ():
                    second[t].add(row.ikey)
        anchors.update((r.cid, r) for r in map(_claim_row, _select(db, f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE cid IN ({{}})", kept_anchors - anchors.keys())))
        anchors.update(postings("adopt_post", second, False))
    loaded: dict[int, tuple[Statement, list[Claim], int]] = {}

    def load(sids: Iterable[int]) -> None:
        missing = set(sids) - loaded.keys() - old_sids
        for sid, data, claims_text, first_cid in _select(db, "SELECT sid, data, claims, first_cid FROM statements WHERE sid IN ({})", missing):
            stmt = _unstatement(json.loads(data))
            loaded[sid] = (stmt, _decode_claims(claims_text, stmt, ruleset), first_cid)

    sid_fid: dict[int, int] = {}

    def part_of(sids: Iterable[int]) -> list[tuple[tuple[int, int], Statement, list[Claim], int | None]]:
        """The statements ``sids`` (loaded) and those of the edited files, in corpus order."""
        chosen = set(sids)
        for sid, fid in _select(db, "SELECT sid, fid FROM statements WHERE sid IN ({})", chosen - sid_fid.keys()):
            sid_fid[sid] = fid
        out = [((position[fid_path[sid_fid[sid]]], sid), *loaded[sid]) for sid in chosen]
        k = 0
        for i, outcome in zip(edited, outcomes):
            for j, stmt in enumerate(outcome.statements):
                out.append(((i, -len(known) - 1 + j), stmt, found[k], None))
                k += 1
        out.sort(key=lambda p: p[0])
        return out  # type: ignore[return-value]

    def hooks_for(part: list[Any], rows: dict[int, _ClaimRow], probe: bool) -> Replay:
        hooks = Replay(
            ruleset, lexicon, common, adopt_n, adopt_df, aggregates["generic"], old_rows, rows, set(again_rows),
            aggregates["polar"], {}, set(), hits_now, probe,
        )
        for _, stmt, claims, first in part:
            hooks.cids.extend([first + n if first is not None else None for n in range(len(claims))])
        return hooks

    hits_now: Counter[str] = Counter()
    with stage("incremental.adopt"):
        first_sids = {r.sid for r in anchors.values()} | {r.sid for r in again_rows.values()}
        first_rows = {r.cid: r for r in map(_claim_row, _select(db, f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE sid IN ({{}})", first_sids))}
        load(first_sids)
        part = part_of(first_sids)
        hooks = hooks_for(part, first_rows, True)
        try:
            analyse([p[1] for p in part], ruleset, None, [p[2] for p in part], hooks)
            raise AssertionError("the probe did not stop")  # pragma: no cover
        except _Adopted as done:
            after = done.claims
        adopted_new = [c for c, cid in zip(after, hooks.cids) if cid is None]
        adopted_again = {cid: c for c, cid in zip(after, hooks.cids) if cid in again_rows}

    with stage("incremental.neighbours"):
        wanted: set[int] = set(first_sids)
        # Rule groups: the part of each group (by names, see partition_by_names) the edited values are in.
        keys: dict[str, list[tuple[tuple[int, int], frozenset[str]]]] = defaultdict(list)
        yesno: set[str] = set()
        new_order = [
            (i, -len(known) - 1 + j)
            for (i, j), claims in zip(((i, j) for i, o in zip(edited, outcomes) for j in range(len(o.statements))), found)
            for _ in claims
        ]
        for claim, order in zip(adopted_new, new_order, strict=True):
            gkey = _gkey(claim)
            if gkey is not None:
                keys[gkey].append((order, names(claim)))
                if claim.kind == "yesno":
                    yesno.add(gkey)
        moved: dict[str, list[tuple[tuple[int, int], frozenset[str]]]] = defaultdict(list)
        for cid, claim in adopted_again.items():
            gkey = _gkey(claim)
            if gkey is not None:
                moved[gkey].append(((position[fid_path[again_rows[cid].fid]], cid), names(claim)))
        members: dict[str, set[int]] = {}
        for gkey, mine in keys.items():
            members[gkey] = _group_part(db, gkey, gkey in yesno, mine, moved.get(gkey, []), old_cids | set(again_rows), position, fid_path)
            members[gkey] |= {cid for cid, claim in adopted_again.items() if _gkey(claim) == gkey}
            wanted |= members[gkey]
        # Groups of aligned rule-less values the edited values (or values that lost their rule) may join.
        generic_keys: dict[str, set[str]] = defaultdict(set)
        generic_new = _items([c for c in adopted_new if c.rule is None], ruleset, names, lexicon.tiers, SKIP_KINDS)
        for item in generic_new:
            for t in item.full:
                generic_keys[t].add(repr(item.key))
        for cid, claim in adopted_again.items():
            row = again_rows[cid]
            if claim.rule is None and not row.generic and row.ikey is not None:
                for t in row.terms or ():
                    generic_keys[t].add(row.ikey)
        joined = set(postings("generic_post", generic_keys, None))
        joined |= {cid for cid, row in again_rows.items() if row.generic}
        clusters = {r[0] for r in _select(db, "SELECT cluster FROM claims WHERE cid IN ({}) AND cluster IS NOT NULL", joined)}
        joined |= {r[0] for r in _select(db, "SELECT cid FROM claims WHERE cluster IN ({})", clusters)}
        wanted |= joined - old_cids
        # Statements denying or using the verbs the edited files deny or use.
        new_negs, new_uses = _polar_features(new_statements, new_claims, ruleset)
        hits = Counter(aggregates["hits"])
        hits_before = dict(hits)
        stems: set[str] = set()
        verbs: set[str] = set()
        for row in old_stmt_rows:
            verbs.update(json.loads(row[3]))
            uses = json.loads(row[4])
            hits.subtract(uses)
            stems.update(uses)
        for v in new_negs.values():
            verbs.update(v)
        for uses in new_uses.values():
            hits.update(uses)
            stems.update(uses)
        denied = {v for v, sid in _select(db, "SELECT verb, sid FROM neg_post WHERE verb IN ({})", stems) if sid not in old_sids}
        interest = verbs | (stems & (denied | verbs))
        polar_sids = {sid for _, sid in _select(db, "SELECT verb, sid FROM neg_post WHERE verb IN ({})", interest)}
        open_verbs = [v for v in interest if hits[v] <= POLAR_BUCKET]
        if any(hits_before.get(v, 0) > POLAR_BUCKET + MARGIN for v in open_verbs):
            raise Stale("a verb's uses are not in the index")
        polar_sids |= {sid for _, sid in _select(db, "SELECT stem, sid FROM use_post WHERE stem IN ({})", open_verbs)}
        contrib = {v: (n, json.loads(df)) for v, n, df in _select(db, "SELECT verb, n, df FROM verbs WHERE verb IN ({})", interest)}

    with stage("incremental.load"):
        sids = ({r[0] for r in _select(db, "SELECT sid FROM claims WHERE cid IN ({})", wanted - first_rows.keys())} | {r.sid for r in first_rows.values()} | polar_sids) - old_sids
        rows_of = dict(first_rows)
        rows_of.update((r.cid, r) for r in map(_claim_row, _select(db, f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE sid IN ({{}})", sids - first_sids)))
        load(sids)
        part = part_of(sids)

    hooks = hooks_for(part, rows_of, False)
    hooks.contrib, hooks.interest, hooks.hits, hooks.members = contrib, interest, hits, members
    with stage("incremental.engine"):
        analysis = analyse([p[1] for p in part], ruleset, None, [p[2] for p in part], hooks)

    notes: list[str] = []
    directives: list[Directive] = []
    findings: list[Finding] = []
    total = 0
    fresh = dict(zip(edited, outcomes))
    for i, src in enumerate(files):
        if i in fresh:
            outcome = fresh[i]
            notes.extend(outcome.notes)
            directives.extend(outcome.directives)
            findings.extend(outcome.findings)
            total += len(outcome.statements)
        else:
            extra = extras.get(src.path, {})
            notes.extend(extra.get("notes", ()))
            directives.extend(_undirective(d) for d in extra.get("directives", ()))
            total += known[src.path][6]
    return Replayed(findings + analysis.findings, analysis.subjects, notes, directives, total)


class _Names:
    """One distinct set of names in a rule group, standing for every claim naming it."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names


def _group_part(
    db: sqlite3.Connection, gkey: str, whole: bool, mine: list[tuple[tuple[int, int], frozenset[str]]],
    moved: list[tuple[tuple[int, int], frozenset[str]]], excluded: set[int], position: dict[str, int], fid_path: dict[int, str],
) -> set[int]:
    """The unchanged claims of rule group ``gkey`` compared with the edited ones (``mine``: corpus order and names).

    The group is split by names as :func:`~consistency_check.engine.subject.partition_by_names`
    splits it, run over one stand-in per distinct set of names (claims naming
    the same things always land together, where the first of them lands).
    ``moved`` are unchanged claims that now adopt this group's rule; a
    ``whole`` group (yes/no) is not split.
    """
    from consistency_check.engine.subject import partition_by_names

    rows = [(cid, names, fid) for cid, names, fid in db.execute("SELECT cid, names, fid FROM claims WHERE gkey = ?", (gkey,)) if cid not in excluded]
    if whole:
        return {cid for cid, _, _ in rows}
    first: dict[str, tuple[int, int]] = {}
    for cid, names, fid in rows:
        order = (position[fid_path[fid]], cid)
        if names not in first or order < first[names]:
            first[names] = order
    sets = {text: frozenset(json.loads(text)) for text in first}
    stand_ins: dict[frozenset[str], tuple[int, int]] = {}
    for text, order in first.items():
        ns = sets[text]
        if ns not in stand_ins or order < stand_ins[ns]:
            stand_ins[ns] = order
    for order, ns in mine + moved:
        if ns not in stand_ins or order < stand_ins[ns]:
            stand_ins[ns] = order
    ordered = [_Names(ns) for ns in sorted(stand_ins, key=lambda ns: stand_ins[ns])]
    parts = partition_by_names(ordered, lambda p: p.names)  # type: ignore[arg-type,return-value]
    ours = {ns for _, ns in mine}
    keep: set[frozenset[str]] = set()
    for part in parts:
        names_here = {p.names for p in part}  # type: ignore[attr-defined]
        if names_here & ours:
            keep |= names_here
    return {cid for cid, names, _ in rows if sets[names] in keep}


class _Adopted(Exception):
    """Stops a probe run of :func:`analyse` once the rules values adopt are known."""

    def __init__(self, claims: list[Claim]) -> None:
        super().__init__()
        self.claims = claims


def _differs(path: Path, size: int, mtime: int, digest: str) -> bool:
    """Whether a file is not what the index read (by size and time, else by content)."""
    return _stat(path) != (size, mtime) and _file_digest(path) != digest


class Replay(EngineHooks):
    """The engine's corpus-wide steps over a part of the corpus, with the statistics of the whole.

    ``cids`` gives, for each claim in the order :func:`analyse` lists them,
    its number in the index (``None`` for claims of edited files).
    """

    def __init__(
        self, ruleset: RuleSet, lexicon: Lexicon, common: frozenset[str], adopt_n: int, adopt_df: Counter[str],
        generic: list[Any], old_rows: list[_ClaimRow], rows: dict[int, _ClaimRow], again: set[int],
        polar: list[Any], contrib: dict[str, tuple[int, dict[str, int]]], interest: set[str], hits: Counter[str],
        probe: bool = False,
    ) -> None:
        self.probe = probe
        #: Rule groups the edited values are in, with the unchanged claims compared with them there.
        self.members: dict[str, set[int]] = {}
        self.ruleset = ruleset
        self._lexicon = lexicon
        self._common = common
        self.adopt_n, self.adopt_df = adopt_n, adopt_df
        self.generic_n, self.generic_before = generic[0], generic[1]
        self.old_rows = old_rows
        self.rows = rows
        self.again = again
        self.polar_n, self.polar_df = polar[0], polar[1]
        self.contrib = contrib
        self.interest = interest
        self.hits = hits
        self.cids: list[int | None] = []
        self._after_position: dict[int, int] = {}

    def lexicon(self, statements: list[Statement]) -> Lexicon:
        return self._lexicon

    def adopt(self, claims: list[Claim], ruleset: RuleSet, names: Names, tiers: frozenset[str], memo: ItemMemo) -> list[Claim]:
        from consistency_check.engine.align import adopt_rules

        if len(claims) != len(self.cids):
            raise Stale("claims of the index do not line up")

        def weigh(items: list[_Item]) -> tuple[SubjectIndex, Counter[str]]:
            return index_from(self.adopt_df, self.adopt_n, {t for item in items for t in item.full}), self.adopt_df

        after = adopt_rules(claims, ruleset, names, tiers, memo, weigh=weigh)
        rules = ruleset.rules
        for i, (cid, claim) in enumerate(zip(self.cids, claims)):
            if cid is None or cid in self.again or claim.rule is not None:
                continue
            row = self.rows[cid]  # a value whose possible anchors are not all here: it keeps the rule it had
            after[i] = dataclasses.replace(claim, rule=rules[row.rule], scope=row.scope) if row.rule >= 0 else claim
        self._after_position = {id(c): i for i, c in enumerate(after)}
        if self.probe:
            raise _Adopted(after)
        return after

    def common(self, claims: list[Claim]) -> frozenset[str]:
        return self._common

    def groups(self, claims: list[Claim], names: Names, common: frozenset[str]) -> list[list[Claim]]:
        from consistency_check.engine.compare import rule_groups

        # Only the groups of the edited values, each with exactly the claims a full run compares them with.
        kept = []
        for claim in claims:
            gkey = _gkey(claim)
            if gkey in self.members:
                cid = self.cids[self._after_position[id(claim)]]
                if cid is None or cid in self.members[gkey]:
                    kept.append(claim)
        return rule_groups(kept, names, common)

    def generic(self, claims: list[Claim], ruleset: RuleSet, names: Names, tiers: frozenset[str], memo: ItemMemo) -> list[Finding]:
        from consistency_check.engine.align import MAX_BUCKET, generic_findings

        def weigh(items: list[_Item]) -> tuple[SubjectIndex, Counter[str]]:
            df = Counter(self.generic_before)
            n = self.generic_n
            touched: set[str] = set()
            for row in self.old_rows:
                if row.generic and row.terms is not None:
                    n -= 1
                    df.subtract(row.terms)
                    touched |= row.terms
            now: set[int] = set()
            for item in items:
                cid = self.cids[self._after_position[id(item.claim)]]
                if cid is None:
                    n += 1
                    df.update(item.full)
                    touched |= item.full
                else:
                    now.add(cid)
            for cid in self.again:
                row = self.rows.get(cid)
                if row is None or row.terms is None or row.generic == (cid in now):
                    continue
                n += 1 if cid in now else -1
                for t in row.terms:
                    df[t] += 1 if cid in now else -1
                touched |= row.terms
            if _crossing(self.generic_before, df, touched, MAX_BUCKET):
                raise Stale("an alignment block of rule-less values opened or closed")
            return index_from(df, n, {t for item in items for t in item.full}), df

        return generic_findings(claims, ruleset, names, tiers, memo, weigh=weigh)

    def polar(self, statements, ruleset, claimed, names, scope):  # type: ignore[no-untyped-def]
        from consistency_check.engine.polar import MAX_BUCKET, polar_findings

        replay = self

        class Hook:
            def seen(self, negatives: list[Denial], plain: list[tuple[Statement, int, int]], affirmed: list[tuple[Statement, str]]) -> None:
                pass

            def too_common(self, verb: str, hits: int) -> bool:
                return (replay.hits[verb] if verb in replay.interest else hits) > MAX_BUCKET

            def index(self, sets_by_verb: dict[str, list[frozenset[str]]]) -> SubjectIndex:
                df = Counter(replay.polar_df)
                n = replay.polar_n
                for verb in replay.interest:
                    old_n, old_df = replay.contrib.get(verb, (0, {}))
                    n -= old_n
                    df.subtract(old_df)
                    if verb in sets_by_verb:
                        add_n, add_df = _verb_counts(sets_by_verb[verb])
                        n += add_n
                        df.update(add_df)
                return index_from(df, n)

        return polar_findings(statements, ruleset, claimed, names, scope, Hook())
