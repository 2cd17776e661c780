"""Writing the index: what a full run learns about the corpus, recorded through the engine's hooks."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from consistency_check.cache import INDEX, INDEX_DIGEST, INDEX_TEMP
from consistency_check.engine import EngineHooks, Names
from consistency_check.engine.compare import table_rows
from consistency_check.engine.polar import plain_uses
from consistency_check.engine.subject import LexiconCounts, SubjectIndex, common_contribution, common_from, term_counts
from consistency_check.fileio import locked_temp, remove_stale_temps, write_atomic
from consistency_check.incremental.index import (
    MARGIN,
    encode_claims,
    file_stat,
    names_text,
    rule_index,
    stored_group_key,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from consistency_check.cache import ParseCache
    from consistency_check.discovery import SourceFile
    from consistency_check.engine.align import Item, ItemMemo
    from consistency_check.engine.claims import Claim
    from consistency_check.engine.polar import Denial
    from consistency_check.engine.subject import Lexicon, SubjectIndex
    from consistency_check.model import Finding, Statement
    from consistency_check.reading import ParseOutcome
    from consistency_check.rules import RuleSet
    from consistency_check.suppress import Directive


class Recorder(EngineHooks):
    """The engine's corpus-wide steps, done as usual, with what they learn kept for :func:`save`."""

    FORKABLE: ClassVar[dict[str, tuple[str, ...]]] = {
        "lexicon": (),
        "generic": ("generic_ids", "cluster"),
        "polar": ("negs", "uses", "verbs"),
    }

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

    def adopt(
        self, claims: list[Claim], ruleset: RuleSet, names: Names, tiers: frozenset[str], memo: ItemMemo
    ) -> list[Claim]:
        from consistency_check.engine.align import adopt_rules

        self.claims = claims
        self.names = names
        before = {id(c): i for i, c in enumerate(claims)}

        def weigh(items: list[Item]) -> tuple[SubjectIndex, None]:
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

    def generic(
        self, claims: list[Claim], ruleset: RuleSet, names: Names, tiers: frozenset[str], memo: ItemMemo
    ) -> list[Finding]:
        from consistency_check.engine.align import generic_findings

        def weigh(items: list[Item]) -> tuple[SubjectIndex, None]:
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

    def polar(
        self,
        statements: list[Statement],
        ruleset: RuleSet,
        claimed: set[tuple[int, int]],
        names: Names,
        scope: Callable[[str], tuple[object, ...]],
    ) -> list[Finding]:
        from consistency_check.engine.polar import MAX_BUCKET, polar_findings
        from consistency_check.engine.subject import SubjectIndex

        recorder = self

        class Hook:
            def seen(
                self,
                negatives: list[Denial],
                plain: list[tuple[Statement, int, int]],
                affirmed: list[tuple[Statement, str]],
            ) -> None:
                for neg in negatives:
                    recorder.negs.setdefault(id(neg.claim.statement), []).append(neg.verb)
                recorder.uses = plain_uses(plain, affirmed)

            def too_common(self, verb: str, hits: int) -> bool:
                return hits > MAX_BUCKET

            def index(self, sets_by_verb: dict[str, list[frozenset[str]]]) -> SubjectIndex:
                recorder.verbs = {verb: term_counts(sets) for verb, sets in sets_by_verb.items()}
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


def file_records(
    files: list[SourceFile], stats: list[tuple[int, int]], outcomes: list[ParseOutcome], cache: ParseCache
) -> list[FileRecord]:
    """The records of ``files`` (``stats`` taken before they were read)."""
    out = []
    for src, st, outcome in zip(files, stats, outcomes, strict=True):
        deps = cache.dependencies(src, outcome.format) or []
        dependencies = [[p, *file_stat(Path(p)), digest] for p, digest in deps]
        out.append(FileRecord(src, st, cache.source_digest(src), outcome, dependencies))
    return out


def save(
    folder: Path, key: str, records: list[FileRecord], statements: list[Statement], recorder: Recorder, ruleset: RuleSet
) -> None:
    """Write the index of a full run to ``folder`` (atomically: a temporary file, then renamed)."""
    from consistency_check.cache import directive_json
    from consistency_check.engine.align import MAX_BUCKET
    from consistency_check.engine.polar import MAX_BUCKET as POLAR_BUCKET

    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(folder, INDEX_TEMP)  # left by a run killed while writing
    fd, tmp = locked_temp(folder, f".{INDEX}.")  # locked until renamed: no other run takes it for a leftover
    try:
        db = sqlite3.connect(tmp)
        try:
            _write(db, key, records, statements, recorder, ruleset, MAX_BUCKET, POLAR_BUCKET, directive_json)
            db.commit()
        finally:
            db.close()
        with os.fdopen(os.dup(fd), "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        # The digest first: a run killed between the two renames leaves a mismatch (a full run), never a wrong index.
        write_atomic(folder / INDEX_DIGEST, digest + "\n", durable=False)
        os.replace(tmp, folder / INDEX)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def _write(
    db: sqlite3.Connection,
    key: str,
    records: list[FileRecord],
    statements: list[Statement],
    recorder: Recorder,
    ruleset: RuleSet,
    bucket: int,
    polar_bucket: int,
    directive: Callable[[Directive], dict[str, Any]],
) -> None:
    from consistency_check.cache import statement_json

    db.executescript(
        """
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE meta(name TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE files(fid INTEGER PRIMARY KEY, path TEXT UNIQUE, size INT, mtime INT, digest TEXT,
                           first_sid INT, statements INT, extra TEXT);
        CREATE TABLE statements(sid INTEGER PRIMARY KEY, fid INT, data TEXT, claims TEXT, first_cid INT,
                                negs TEXT, uses TEXT);
        CREATE TABLE claims(cid INTEGER PRIMARY KEY, sid INT, terms TEXT, loose INT, anchor INT, rule INT, scope TEXT,
                            gkey TEXT, generic INT, cluster INT, ikey TEXT, names TEXT, fid INT);
        CREATE TABLE adopt_post(term TEXT, cid INT);
        CREATE TABLE generic_post(term TEXT, cid INT);
        CREATE TABLE neg_post(verb TEXT, sid INT);
        CREATE TABLE use_post(stem TEXT, sid INT);
        CREATE TABLE verbs(verb TEXT PRIMARY KEY, n INT, df TEXT);
        """
    )
    rules = rule_index(ruleset)
    sid_of = {id(s): i for i, s in enumerate(statements)}
    # files and statements
    claims_by_sid: dict[int, list[int]] = defaultdict(list)
    for cid, claim in enumerate(recorder.claims):
        claims_by_sid[sid_of[id(claim.statement)]].append(cid)
    sid = 0
    file_rows, stmt_rows = [], []
    for fid, rec in enumerate(records):
        extra = {
            "notes": rec.outcome.notes,
            "directives": [directive(d) for d in rec.outcome.directives],
            "dependencies": rec.dependencies,
        }
        n = len(rec.outcome.statements)
        extra_text = json.dumps(extra, ensure_ascii=False) if any(extra.values()) else None
        file_rows.append((fid, rec.src.path, rec.stat[0], rec.stat[1], rec.digest, sid, n, extra_text))
        for k in range(n):
            stmt = statements[sid + k]
            cids = claims_by_sid.get(sid + k, [])
            own = [recorder.claims[c] for c in cids]
            stmt_rows.append(
                (
                    sid + k,
                    fid,
                    json.dumps(statement_json(stmt), ensure_ascii=False, separators=(",", ":")),
                    encode_claims(own, ruleset),
                    cids[0] if cids else -1,
                    json.dumps(recorder.negs.get(id(stmt), [])),
                    json.dumps(recorder.uses.get(id(stmt), {})),
                )
            )
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
    rows = table_rows(recorder.after)
    for cid, (before, after) in enumerate(zip(recorder.claims, recorder.after, strict=True)):
        kept_terms = recorder.terms.get(cid)
        gkey = stored_group_key(after, rows, recorder.names)
        sid_here = sid_of[id(before.statement)]
        claim_rows.append(
            (
                cid,
                sid_here,
                json.dumps(sorted(kept_terms)) if kept_terms is not None else None,
                int(before.rule is None),
                recorder.anchor.get(cid),
                rules[id(after.rule)] if after.rule is not None else -1,
                json.dumps(after.scope),
                gkey,
                int(cid in recorder.generic_ids),
                recorder.cluster.get(cid),
                recorder.ikey.get(cid),
                names_text(recorder.names(after)) if gkey is not None else None,
                fid_of[sid_here],
            )
        )
    db.executemany("INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", claim_rows)
    limit = bucket + MARGIN
    db.executemany(
        "INSERT INTO adopt_post VALUES (?,?)",
        ((t, cid) for cid, ts in recorder.terms.items() for t in ts if adopt_df[t] <= limit),
    )
    db.executemany(
        "INSERT INTO generic_post VALUES (?,?)",
        ((t, cid) for cid in sorted(recorder.generic_ids) for t in recorder.terms[cid] if generic_df[t] <= limit),
    )
    db.executemany(
        "INSERT INTO neg_post VALUES (?,?)", ((v, sid_of[k]) for k, verbs in recorder.negs.items() for v in set(verbs))
    )
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
    db.executemany(
        "INSERT INTO meta VALUES (?,?)", [("key", key), ("aggregates", json.dumps(aggregates, ensure_ascii=False))]
    )
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
