"""A changed-files run: the changed files compared with the part of the corpus that can pair with them."""

from __future__ import annotations

import ast
import dataclasses
import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from consistency_check.engine import EngineHooks, Names
from consistency_check.engine.subject import LexiconCounts, SubjectIndex, common_contribution, common_from, term_counts
from consistency_check.incremental.counts import polar_features
from consistency_check.incremental.index import (
    CLAIM_COLUMNS,
    MARGIN,
    MAX_CHANGED,
    ClaimRow,
    Damaged,
    Stale,
    claim_row,
    decode_claims,
    file_differs,
    index_key,
    open_index,
    select_rows,
    stored_group_key,
)

if TYPE_CHECKING:
    from consistency_check.cache import ParseCache
    from consistency_check.config import Config
    from consistency_check.discovery import SourceFile
    from consistency_check.engine import Analysis
    from consistency_check.engine.align import Item, ItemMemo
    from consistency_check.engine.claims import Claim
    from consistency_check.engine.compare import Rows
    from consistency_check.engine.polar import Denial
    from consistency_check.engine.subject import Lexicon, SubjectIndex
    from consistency_check.model import Finding, Statement
    from consistency_check.reading import ParseOutcome
    from consistency_check.rules import RuleSet
    from consistency_check.suppress import Directive

    #: A statement of the part of the corpus a run compares: its place in corpus order, its claims and the first's cid.
    _Entry: TypeAlias = tuple[tuple[int, int], Statement, list[Claim], int | None]
    #: Values of a rule group: each one's place in corpus order and its names.
    _Placed: TypeAlias = list[tuple[tuple[int, int], frozenset[str]]]


@dataclass
class Replayed:
    """What the incremental comparison gives the pipeline in place of reading and comparing everything."""

    findings: list[Finding]
    subjects: list[Any]
    notes: list[str]
    directives: list[Directive]
    statements: int


def _crossing(before: Mapping[str, int], after: Mapping[str, int], terms: Iterable[str], limit: int) -> bool:
    """Whether a term's count crosses ``limit`` (its block opens or closes for every pair holding it)."""
    return any((before.get(t, 0) > limit) != (after.get(t, 0) > limit) for t in terms)


def replay(config: Config, ruleset: RuleSet, files: list[SourceFile], changed: set[str], cache: ParseCache) -> Replayed:
    """The findings touching the ``changed`` files, from the index in ``cache``'s folder (raises :class:`Stale`)."""
    db = open_index(cache.folder)
    try:
        return _replay(db, config, ruleset, files, changed, cache)
    except Stale:
        raise
    except Exception as exc:  # any inconsistency in what was read (a null, a wrong type, a missing row)
        raise Damaged(f"{type(exc).__name__}: {exc}") from None
    finally:
        db.close()


def _replay(
    db: sqlite3.Connection,
    config: Config,
    ruleset: RuleSet,
    files: list[SourceFile],
    changed: set[str],
    cache: ParseCache,
) -> Replayed:
    """The changed-files run over the index ``db``, stage by stage (the stages' names are the timing output's)."""
    from consistency_check.timings import stage

    run = _ReplaySession(db, config, ruleset, files, changed, cache)
    run.check_key()
    with stage("incremental.files"):
        run.find_edited()
    with stage("incremental.read"):
        run.read_edited()
    run.read_aggregates()

    # The files as the index knows them, and as they are now.
    with stage("incremental.delta"):
        run.read_old()
        run.work_out_lexicon()
        run.count_common()
        run.count_adopt()
    run.key_new_items()

    # Values whose rule may come from (or go to) the edited files: worked out again, with every possible anchor.
    with stage("incremental.neighbours"):
        run.find_anchors()
    with stage("incremental.adopt"):
        run.probe_adoption()
    with stage("incremental.neighbours"):
        run.check_table_rows()
        run.find_group_members()
        run.find_generic_joins()
        run.find_polar_neighbours()

    with stage("incremental.load"):
        run.load_part()
    hooks = run.engine_hooks()
    with stage("incremental.engine"):
        analysis = run.analyse(run.part, hooks)
    return run.assemble(analysis)


def _differs(src: SourceFile, row: tuple[Any, ...], extra: dict[str, Any]) -> bool:
    """Whether ``src``, or a file it depends on, differs from what the index recorded of it (``row``, ``extra``)."""
    return file_differs(src.fs_path, row[2], row[3], row[4]) or any(
        file_differs(Path(p), size, mtime, digest) for p, size, mtime, digest in extra.get("dependencies", ())
    )


def _in_row(scope: tuple[tuple[str, str], ...]) -> bool:
    """Whether a value with ``scope`` is in a table row."""
    return any(d == "row" for d, _ in scope)


def _row_text(claim: Claim) -> str | None:
    """The rule-group key of ``claim``'s table row as the index stores it (``None`` when it is in no row)."""
    from consistency_check.engine.compare import row_key

    key = row_key(claim)
    return repr(key) if key is not None else None


class _ReplaySession:
    """One changed-files run: the index, the corpus as it is now, and what each stage of the run works out.

    The stages run in the order :func:`_replay` calls them; each sets the attributes listed under it.
    Positions are positions in ``files``; sids, cids and fids are the index's numbers of statements,
    claims and files.
    """

    # find_edited
    known: dict[str, Any]  # path -> the index's row of the file
    position: dict[str, int]  # path -> position in ``files``
    edited: list[int]  # positions of the files to read again
    extras: dict[str, dict[str, Any]]  # path -> what the index recorded of an unedited file besides statements
    old_fids: list[int]  # the index's edited and removed files
    # read_edited, read_aggregates
    outcomes: list[ParseOutcome]  # of the edited files, in the order of ``edited``
    aggregates: Any  # the corpus-wide counts of the index
    # read_old
    old_stmt_rows: list[tuple[Any, ...]]
    old_sids: set[int]
    old_statements: list[Statement]
    old_claims: list[Claim]
    old_rows: list[ClaimRow]
    old_cids: set[int]
    # work_out_lexicon
    new_statements: list[Statement]
    found: list[list[Claim]]  # the claims of each new statement
    lexicon: Lexicon
    names: Names
    new_claims: list[Claim]
    # count_common, count_adopt
    common: frozenset[str]
    new_items: list[Item]
    adopt_n: int
    adopt_df: Counter[str]
    # key_new_items
    fid_path: dict[int, str]
    ruled_keys: dict[str, set[str]]  # term -> item keys of edited values with a rule
    loose_keys: dict[str, set[str]]  # and without
    # find_anchors
    anchors: dict[int, ClaimRow]
    again_rows: dict[int, ClaimRow]  # unchanged values whose rule is worked out again
    # probe_adoption
    first_sids: set[int]
    first_rows: dict[int, ClaimRow]
    adopted_new: list[Claim]
    adopted_again: dict[int, Claim]
    # check_table_rows, find_group_members, find_generic_joins, find_polar_neighbours
    table_rows: Rows
    wanted: set[int]  # cids of the unchanged claims the edited ones are compared with
    members: dict[str, set[int]]
    interest: set[str]
    hits: Counter[str]
    polar_sids: set[int]
    contrib: dict[str, tuple[int, dict[str, int]]]
    # load_part
    rows_of: dict[int, ClaimRow]
    part: list[_Entry]

    def __init__(
        self,
        db: sqlite3.Connection,
        config: Config,
        ruleset: RuleSet,
        files: list[SourceFile],
        changed: set[str],
        cache: ParseCache,
    ) -> None:
        self.db = db
        self.config = config
        self.ruleset = ruleset
        self.files = files
        self.changed = changed
        self.cache = cache
        # sid -> the statement, its claims and the cid of the first
        self.loaded: dict[int, tuple[Statement, list[Claim], int]] = {}
        # sid -> fid, of the statements looked up so far
        self.sid_fid: dict[int, int] = {}

    def check_key(self) -> None:
        """Raise :class:`Stale` unless the index was written by this version with this config and these rules."""
        key = self.db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
        if key is None or key[0] != index_key(self.config, self.ruleset):
            raise Stale("index of another version, config or rules")

    def find_edited(self) -> None:
        """The files to read again (changed, new, or differing from the index) and the index's files they replace."""
        files = self.files
        known = {
            row[1]: row
            for row in self.db.execute("SELECT fid, path, size, mtime, digest, first_sid, statements, extra FROM files")
        }
        position = {src.path: i for i, src in enumerate(files)}
        edited: list[int] = []
        extras: dict[str, dict[str, Any]] = {}
        for i, src in enumerate(files):
            row = known.get(src.path)
            if src.path in self.changed or row is None:
                edited.append(i)
                continue
            extra = json.loads(row[7]) if row[7] else {}
            extras[src.path] = extra
            if _differs(src, row, extra):
                edited.append(i)
        self.known, self.position, self.edited, self.extras = known, position, edited, extras
        removed = [row for p, row in known.items() if p not in position]
        if len(edited) + len(removed) > MAX_CHANGED:
            raise Stale("too many files differ from the index")
        rewritten = [known[files[i].path][0] for i in edited if files[i].path in known]
        self.old_fids = rewritten + [row[0] for row in removed]

    def read_edited(self) -> None:
        """What reading the edited files gives (from the parse cache where it has them)."""
        from consistency_check.reading import read_all

        self.outcomes = list(read_all([self.files[i] for i in self.edited], self.config, self.cache, 1, None))

    def read_aggregates(self) -> None:
        """The corpus-wide counts the index holds, as the run that wrote it left them."""
        self.aggregates = json.loads(self.db.execute("SELECT value FROM meta WHERE name = 'aggregates'").fetchone()[0])

    def read_old(self) -> None:
        """What the index holds of the edited and removed files: their statements, claims and claim rows."""
        from consistency_check.cache import statement_from_json

        db = self.db
        old_stmt_rows = select_rows(
            db, "SELECT sid, data, claims, negs, uses FROM statements WHERE fid IN ({})", self.old_fids
        )
        self.old_stmt_rows = old_stmt_rows
        self.old_sids = {row[0] for row in old_stmt_rows}
        self.old_statements = [statement_from_json(json.loads(row[1])) for row in old_stmt_rows]
        self.old_claims = [
            c
            for row, stmt in zip(old_stmt_rows, self.old_statements, strict=True)
            for c in decode_claims(row[2], stmt, self.ruleset)
        ]
        self.old_rows = [
            claim_row(r)
            for r in select_rows(db, f"SELECT {CLAIM_COLUMNS} FROM claims WHERE sid IN ({{}})", self.old_sids)
        ]
        self.old_cids = {r.cid for r in self.old_rows}

    def work_out_lexicon(self) -> None:
        """The edited files' statements and claims, and the lexicon with them in place of the old ones."""
        from consistency_check.engine import complete_scope
        from consistency_check.engine.claims import claims_of
        from consistency_check.engine.subject import names_memo

        self.new_statements = [s for o in self.outcomes for s in o.statements]
        self.found = [claims_of(s, self.ruleset) for s in self.new_statements]

        counts = LexiconCounts.from_json(self.aggregates["lexicon"])
        counts.add(self.old_statements, -1)
        counts.add(self.new_statements, 1)
        lexicon = counts.lexicon()
        if [sorted(lexicon.names), sorted(lexicon.tiers), sorted(lexicon.capitalised)] != self.aggregates["names"]:
            raise Stale("the names the corpus defines changed")
        names = names_memo(lexicon)
        self.lexicon, self.names = lexicon, names

        self.new_claims = [complete_scope(c, names(c), lexicon.tiers, self.ruleset) for cs in self.found for c in cs]

    def count_common(self) -> None:
        """The corpus's common terms, with the edited files' claims in place of the old ones."""
        common_n, common_df = self.aggregates["common"][0], Counter(self.aggregates["common"][1])
        for sign, claims in ((-1, self.old_claims), (1, self.new_claims)):
            for claim in claims:
                if claim.kind != "yesno":
                    common_n += sign
                    for t in common_contribution(claim):
                        common_df[t] += sign
        self.common = common_from(common_df, common_n)

    def count_adopt(self) -> None:
        """The values' alignment counts with the edited values in place of the old ones (no block may open or close)."""
        from consistency_check.engine.align import MAX_BUCKET, value_items

        self.new_items = value_items(
            self.new_claims, self.ruleset, self.names, self.lexicon.tiers, frozenset({"yesno"})
        )
        adopt_n, adopt_before = self.aggregates["adopt"][0], self.aggregates["adopt"][1]
        adopt_df = Counter(adopt_before)
        for r in self.old_rows:
            if r.terms is not None:
                adopt_n -= 1
                adopt_df.subtract(r.terms)
        for item in self.new_items:
            adopt_n += 1
            adopt_df.update(item.full)
        self.adopt_n, self.adopt_df = adopt_n, adopt_df
        touched = {t for r in self.old_rows if r.terms for t in r.terms} | {
            t for item in self.new_items for t in item.full
        }
        if _crossing(adopt_before, adopt_df, touched, MAX_BUCKET):
            raise Stale("an alignment block opened or closed")

    def key_new_items(self) -> None:
        """Each indexed file's path by fid, and the edited values' item keys by term, with a rule and without."""
        self.fid_path = {row[0]: p for p, row in self.known.items()}
        self.ruled_keys = defaultdict(set)
        self.loose_keys = defaultdict(set)
        for item in self.new_items:
            for t in item.full:
                (self.ruled_keys if item.claim.rule is not None else self.loose_keys)[t].add(repr(item.key))

    def postings(self, table: str, by_term: Mapping[str, set[str]], want_loose: bool | None) -> dict[int, ClaimRow]:
        """Unchanged claims sharing an open block with the values in ``by_term``, with one of their item keys."""
        # Blocks of rule-less values are counted once their rules are known (Replay.generic): take every posting kept.
        from consistency_check.engine.align import MAX_BUCKET

        out: dict[int, ClaimRow] = {}
        columns = ", ".join("c." + c for c in CLAIM_COLUMNS.split(", "))
        sql = f"SELECT p.term, {columns} FROM {table} p JOIN claims c ON c.cid = p.cid WHERE p.term IN ({{}})"
        terms = [t for t in by_term if table != "adopt_post" or 2 <= self.adopt_df[t] <= MAX_BUCKET]
        for term, *rest in select_rows(self.db, sql, terms):
            row = claim_row(tuple(rest))
            if (
                row.cid not in self.old_cids
                and row.ikey in by_term[term]
                and (want_loose is None or row.loose == want_loose)
            ):
                out[row.cid] = row
        return out

    def find_anchors(self) -> None:
        """The unchanged values whose rule is worked out again, and every value that may anchor them."""
        db, old_cids = self.db, self.old_cids
        anchors = self.postings("adopt_post", self.loose_keys, False)
        again_rows = self.postings("adopt_post", self.ruled_keys, True)
        again_rows.update(
            (r.cid, r)
            for r in map(
                claim_row, select_rows(db, f"SELECT {CLAIM_COLUMNS} FROM claims WHERE anchor IN ({{}})", old_cids)
            )
            if r.cid not in old_cids
        )
        second: dict[str, set[str]] = defaultdict(set)
        kept_anchors: set[int] = set()
        for row in again_rows.values():
            if row.anchor is not None and row.anchor not in old_cids:
                kept_anchors.add(row.anchor)
            elif row.anchor is not None and row.ikey is not None:
                for t in row.terms or ():
                    second[t].add(row.ikey)
        anchors.update(
            (r.cid, r)
            for r in map(
                claim_row,
                select_rows(
                    db, f"SELECT {CLAIM_COLUMNS} FROM claims WHERE cid IN ({{}})", kept_anchors - anchors.keys()
                ),
            )
        )
        anchors.update(self.postings("adopt_post", second, False))
        self.anchors, self.again_rows = anchors, again_rows

    def load(self, sids: Iterable[int]) -> None:
        """Load the unchanged statements ``sids`` (those not loaded yet) with their claims."""
        from consistency_check.cache import statement_from_json

        missing = set(sids) - self.loaded.keys() - self.old_sids
        for sid, data, claims_text, first_cid in select_rows(
            self.db, "SELECT sid, data, claims, first_cid FROM statements WHERE sid IN ({})", missing
        ):
            stmt = statement_from_json(json.loads(data))
            self.loaded[sid] = (stmt, decode_claims(claims_text, stmt, self.ruleset), first_cid)

    def part_of(self, sids: Iterable[int]) -> list[_Entry]:
        """The statements ``sids`` (loaded) and those of the edited files, in corpus order."""
        chosen = set(sids)
        sid_fid = self.sid_fid
        for sid, fid in select_rows(
            self.db, "SELECT sid, fid FROM statements WHERE sid IN ({})", chosen - sid_fid.keys()
        ):
            sid_fid[sid] = fid
        out: list[_Entry] = [((self.position[self.fid_path[sid_fid[sid]]], sid), *self.loaded[sid]) for sid in chosen]
        k = 0
        for i, outcome in zip(self.edited, self.outcomes, strict=True):
            for j, stmt in enumerate(outcome.statements):
                out.append(((i, -len(self.known) - 1 + j), stmt, self.found[k], None))
                k += 1
        out.sort(key=lambda p: p[0])
        return out

    def hooks_for(self, part: list[_Entry], rows: dict[int, ClaimRow], probe: bool) -> Replay:
        """The engine's hooks for a run over ``part`` (whose unchanged claims' rows are in ``rows``)."""
        hooks = Replay(
            self.ruleset,
            self.lexicon,
            self.common,
            self.adopt_n,
            self.adopt_df,
            self.aggregates["generic"],
            self.old_rows,
            rows,
            set(self.again_rows),
            self.aggregates["polar"],
            {},
            set(),
            Counter(),
            probe,
        )
        for _, _, claims, first in part:
            hooks.cids.extend([first + n if first is not None else None for n in range(len(claims))])
        return hooks

    def analyse(self, part: list[_Entry], hooks: Replay) -> Analysis:
        """What the engine finds in ``part`` with ``hooks``."""
        from consistency_check.engine import analyse

        return analyse([p[1] for p in part], self.ruleset, None, [p[2] for p in part], hooks)

    def probe_adoption(self) -> None:
        """The rules the edited values and the values worked out again adopt (a run of the engine stopped there)."""
        first_sids = {r.sid for r in self.anchors.values()} | {r.sid for r in self.again_rows.values()}
        self.first_sids = first_sids
        self.first_rows = {
            r.cid: r
            for r in map(
                claim_row, select_rows(self.db, f"SELECT {CLAIM_COLUMNS} FROM claims WHERE sid IN ({{}})", first_sids)
            )
        }
        self.load(first_sids)
        part = self.part_of(first_sids)
        hooks = self.hooks_for(part, self.first_rows, True)
        try:
            self.analyse(part, hooks)
            raise AssertionError("the probe did not stop")  # pragma: no cover
        except _Adopted as done:
            after = done.claims
        self.adopted_new = [c for c, cid in zip(after, hooks.cids, strict=True) if cid is None]
        self.adopted_again = {cid: c for c, cid in zip(after, hooks.cids, strict=True) if cid in self.again_rows}

    def check_table_rows(self) -> None:
        """The corpus's table rows, which must be the index's (the edited files may not add, drop or move one)."""
        from consistency_check.engine.compare import rows_of_keys

        # Table rows: sentences naming a row are compared in its group (see joined_key); the rows must be the index's.
        old_row_keys = {r.gkey for r in self.old_rows if r.gkey is not None and _in_row(r.scope)}
        if old_row_keys != {k for k in map(_row_text, self.adopted_new) if k is not None}:
            raise Stale("a table row changed")
        for cid, claim in self.adopted_again.items():
            now = _row_text(claim)
            again = self.again_rows[cid]
            if (now is not None or _in_row(again.scope)) and now != again.gkey:
                raise Stale("a table row changed")
        self.table_rows = rows_of_keys(
            ast.literal_eval(k)
            for (k,) in self.db.execute(
                "SELECT DISTINCT gkey FROM claims WHERE scope LIKE '%\"row\"%' AND gkey IS NOT NULL"
            )
        )

    def new_group_keys(self) -> tuple[dict[str, _Placed], set[str]]:
        """The rule groups of the edited values, with each value's place in corpus order and names; the yes/no ones."""
        keys: dict[str, _Placed] = defaultdict(list)
        yesno: set[str] = set()
        new_order = [
            (i, -len(self.known) - 1 + j)
            for (i, j), claims in zip(
                ((i, j) for i, o in zip(self.edited, self.outcomes, strict=True) for j in range(len(o.statements))),
                self.found,
                strict=True,
            )
            for _ in claims
        ]
        for claim, order in zip(self.adopted_new, new_order, strict=True):
            gkey = stored_group_key(claim, self.table_rows, self.names)
            if gkey is not None:
                keys[gkey].append((order, self.names(claim)))
                if claim.kind == "yesno":
                    yesno.add(gkey)
        return keys, yesno

    def find_group_members(self) -> None:
        """The unchanged claims of each rule group of the edited values that a full run compares with them there."""
        rows, names = self.table_rows, self.names
        self.wanted = set(self.first_sids)
        # Rule groups: the part of each group (by names, see partition_by_names) the edited values are in.
        keys, yesno = self.new_group_keys()
        moved: dict[str, _Placed] = defaultdict(list)
        for cid, claim in self.adopted_again.items():
            gkey = stored_group_key(claim, rows, names)
            if gkey is not None:
                moved[gkey].append(((self.position[self.fid_path[self.again_rows[cid].fid]], cid), names(claim)))
        excluded = self.old_cids | set(self.again_rows)
        self.members = {}
        for gkey, mine in keys.items():
            part = _group_part(
                self.db, gkey, gkey in yesno, mine, moved.get(gkey, []), excluded, self.position, self.fid_path
            )
            part |= {cid for cid, claim in self.adopted_again.items() if stored_group_key(claim, rows, names) == gkey}
            self.members[gkey] = part
            self.wanted |= part

    def find_generic_joins(self) -> None:
        """The unchanged values in blocks of rule-less values the edited values (or ones that lost a rule) may join."""
        from consistency_check.engine.align import SKIP_KINDS, value_items

        # Groups of aligned rule-less values the edited values (or values that lost their rule) may join.
        generic_keys: dict[str, set[str]] = defaultdict(set)
        generic_new = value_items(
            [c for c in self.adopted_new if c.rule is None], self.ruleset, self.names, self.lexicon.tiers, SKIP_KINDS
        )
        for item in generic_new:
            for t in item.full:
                generic_keys[t].add(repr(item.key))
        for cid, claim in self.adopted_again.items():
            row = self.again_rows[cid]
            if claim.rule is None and not row.generic and row.ikey is not None:
                for t in row.terms or ():
                    generic_keys[t].add(row.ikey)
        joined = set(self.postings("generic_post", generic_keys, None))
        joined |= {cid for cid, row in self.again_rows.items() if row.generic}
        clusters = {
            r[0]
            for r in select_rows(
                self.db, "SELECT cluster FROM claims WHERE cid IN ({}) AND cluster IS NOT NULL", joined
            )
        }
        joined |= {r[0] for r in select_rows(self.db, "SELECT cid FROM claims WHERE cluster IN ({})", clusters)}
        self.wanted |= joined - self.old_cids

    def count_uses(self) -> tuple[Counter[str], dict[str, int], set[str], set[str]]:
        """The words' use counts with the edited files' in place of the old (and before), words used, verbs denied."""
        new_negs, new_uses = polar_features(self.new_statements, self.new_claims, self.ruleset)
        hits = Counter(self.aggregates["hits"])
        hits_before = dict(hits)
        stems: set[str] = set()
        verbs: set[str] = set()
        for row in self.old_stmt_rows:
            verbs.update(json.loads(row[3]))
            uses = json.loads(row[4])
            hits.subtract(uses)
            stems.update(uses)
        for v in new_negs.values():
            verbs.update(v)
        for counted in new_uses.values():
            hits.update(counted)
            stems.update(counted)
        return hits, hits_before, stems, verbs

    def find_polar_neighbours(self) -> None:
        """The statements denying or using the verbs the edited files deny or use, and those verbs' counts."""
        from consistency_check.engine.polar import MAX_BUCKET as POLAR_BUCKET

        # Statements denying or using the verbs the edited files deny or use.
        db = self.db
        hits, hits_before, stems, verbs = self.count_uses()
        denied = {
            v
            for v, sid in select_rows(db, "SELECT verb, sid FROM neg_post WHERE verb IN ({})", stems)
            if sid not in self.old_sids
        }
        interest = verbs | (stems & (denied | verbs))
        polar_sids = {sid for _, sid in select_rows(db, "SELECT verb, sid FROM neg_post WHERE verb IN ({})", interest)}
        open_verbs = [v for v in interest if hits[v] <= POLAR_BUCKET]
        if any(hits_before.get(v, 0) > POLAR_BUCKET + MARGIN for v in open_verbs):
            raise Stale("a verb's uses are not in the index")
        polar_sids |= {
            sid for _, sid in select_rows(db, "SELECT stem, sid FROM use_post WHERE stem IN ({})", open_verbs)
        }
        self.contrib = {
            v: (n, json.loads(df))
            for v, n, df in select_rows(db, "SELECT verb, n, df FROM verbs WHERE verb IN ({})", interest)
        }
        self.interest, self.hits, self.polar_sids = interest, hits, polar_sids

    def load_part(self) -> None:
        """The part of the corpus a full run compares the edited files with (loaded), and its claims' rows."""
        db = self.db
        compared = select_rows(db, "SELECT sid FROM claims WHERE cid IN ({})", self.wanted - self.first_rows.keys())
        sids = ({r[0] for r in compared} | {r.sid for r in self.first_rows.values()} | self.polar_sids) - self.old_sids
        self.rows_of = dict(self.first_rows)
        self.rows_of.update(
            (r.cid, r)
            for r in map(
                claim_row,
                select_rows(db, f"SELECT {CLAIM_COLUMNS} FROM claims WHERE sid IN ({{}})", sids - self.first_sids),
            )
        )
        self.load(sids)
        self.part = self.part_of(sids)

    def engine_hooks(self) -> Replay:
        """The engine's hooks for the run over the part, with the statistics of the whole corpus."""
        hooks = self.hooks_for(self.part, self.rows_of, False)
        hooks.contrib, hooks.interest, hooks.hits = self.contrib, self.interest, self.hits
        hooks.members, hooks.table_rows = self.members, self.table_rows
        return hooks

    def assemble(self, analysis: Analysis) -> Replayed:
        """The run's result: ``analysis`` with the findings, notes and directives of reading every file."""
        from consistency_check.cache import directive_from_json

        notes: list[str] = []
        directives: list[Directive] = []
        findings: list[Finding] = []
        total = 0
        fresh = dict(zip(self.edited, self.outcomes, strict=True))
        for i, src in enumerate(self.files):
            if i in fresh:
                outcome = fresh[i]
                notes.extend(outcome.notes)
                directives.extend(outcome.directives)
                findings.extend(outcome.findings)
                total += len(outcome.statements)
            else:
                extra = self.extras.get(src.path, {})
                notes.extend(extra.get("notes", ()))
                directives.extend(directive_from_json(d) for d in extra.get("directives", ()))
                total += self.known[src.path][6]
        return Replayed(findings + analysis.findings, analysis.subjects, notes, directives, total)


class _Names:
    """One distinct set of names in a rule group, standing for every claim naming it."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names


def _group_part(
    db: sqlite3.Connection,
    gkey: str,
    whole: bool,
    mine: list[tuple[tuple[int, int], frozenset[str]]],
    moved: list[tuple[tuple[int, int], frozenset[str]]],
    excluded: set[int],
    position: dict[str, int],
    fid_path: dict[int, str],
) -> set[int]:
    """The unchanged claims of rule group ``gkey`` compared with the edited ones (``mine``: corpus order and names).

    The group is split by names as :func:`~consistency_check.engine.subject.partition_by_names`
    splits it, run over one stand-in per distinct set of names (claims naming
    the same things always land together, where the first of them lands).
    ``moved`` are unchanged claims that now adopt this group's rule; a
    ``whole`` group (yes/no) is not split.
    """
    from consistency_check.engine.subject import group_row, partition_by_names

    rows = [
        (cid, names, fid)
        for cid, names, fid in db.execute("SELECT cid, names, fid FROM claims WHERE gkey = ?", (gkey,))
        if cid not in excluded
    ]
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
    parts = partition_by_names(ordered, lambda p: p.names, group_row(ast.literal_eval(gkey)))
    ours = {ns for _, ns in mine}
    keep: set[frozenset[str]] = set()
    for part in parts:
        names_here = {p.names for p in part}
        if names_here & ours:
            keep |= names_here
    return {cid for cid, names, _ in rows if sets[names] in keep}


class _Adopted(Exception):
    """Stops a probe run of :func:`analyse` once the rules values adopt are known."""

    def __init__(self, claims: list[Claim]) -> None:
        super().__init__()
        self.claims = claims


class Replay(EngineHooks):
    """The engine's corpus-wide steps over a part of the corpus, with the statistics of the whole.

    ``cids`` gives, for each claim in the order :func:`analyse` lists them,
    its number in the index (``None`` for claims of edited files).
    """

    def __init__(
        self,
        ruleset: RuleSet,
        lexicon: Lexicon,
        common: frozenset[str],
        adopt_n: int,
        adopt_df: Counter[str],
        generic: list[Any],
        old_rows: list[ClaimRow],
        rows: dict[int, ClaimRow],
        again: set[int],
        polar: list[Any],
        contrib: dict[str, tuple[int, dict[str, int]]],
        interest: set[str],
        hits: Counter[str],
        probe: bool = False,
    ) -> None:
        self.probe = probe
        #: Rule groups the edited values are in, with the unchanged claims compared with them there.
        self.members: dict[str, set[int]] = {}
        #: The corpus's table rows (see :func:`~consistency_check.engine.compare.joined_key`).
        self.table_rows: Rows = {}
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

    def adopt(
        self, claims: list[Claim], ruleset: RuleSet, names: Names, tiers: frozenset[str], memo: ItemMemo
    ) -> list[Claim]:
        from consistency_check.engine.align import adopt_rules

        if len(claims) != len(self.cids):
            raise Stale("claims of the index do not line up")

        def weigh(items: list[Item]) -> tuple[SubjectIndex, Counter[str]]:
            return SubjectIndex.from_counts(
                self.adopt_df, self.adopt_n, {t for item in items for t in item.full}
            ), self.adopt_df

        after = adopt_rules(claims, ruleset, names, tiers, memo, weigh=weigh)
        rules = ruleset.rules
        for i, (cid, claim) in enumerate(zip(self.cids, claims, strict=True)):
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
            gkey = stored_group_key(claim, self.table_rows, names)
            if gkey in self.members:
                cid = self.cids[self._after_position[id(claim)]]
                if cid is None or cid in self.members[gkey]:
                    kept.append(claim)
        return rule_groups(kept, names, common, self.table_rows)

    def generic(
        self, claims: list[Claim], ruleset: RuleSet, names: Names, tiers: frozenset[str], memo: ItemMemo
    ) -> list[Finding]:
        from consistency_check.engine.align import MAX_BUCKET, generic_findings

        def weigh(items: list[Item]) -> tuple[SubjectIndex, Counter[str]]:
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
                again = self.rows.get(cid)
                if again is None or again.terms is None or again.generic == (cid in now):
                    continue
                n += 1 if cid in now else -1
                for t in again.terms:
                    df[t] += 1 if cid in now else -1
                touched |= again.terms
            if _crossing(self.generic_before, df, touched, MAX_BUCKET):
                raise Stale("an alignment block of rule-less values opened or closed")
            return SubjectIndex.from_counts(df, n, {t for item in items for t in item.full}), df

        return generic_findings(claims, ruleset, names, tiers, memo, weigh=weigh)

    def polar(
        self,
        statements: list[Statement],
        ruleset: RuleSet,
        claimed: set[tuple[int, int]],
        names: Names,
        scope: Callable[[str], tuple[object, ...]],
    ) -> list[Finding]:
        from consistency_check.engine.polar import MAX_BUCKET, polar_findings

        replay = self

        class Hook:
            def seen(
                self,
                negatives: list[Denial],
                plain: list[tuple[Statement, int, int]],
                affirmed: list[tuple[Statement, str]],
            ) -> None:
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
                        add_n, add_df = term_counts(sets_by_verb[verb])
                        n += add_n
                        df.update(add_df)
                return SubjectIndex.from_counts(df, n)

        return polar_findings(statements, ruleset, claimed, names, scope, Hook())
