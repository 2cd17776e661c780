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
from typing import TYPE_CHECKING, Any

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
    from consistency_check.engine.align import Item, ItemMemo
    from consistency_check.engine.claims import Claim
    from consistency_check.engine.compare import Rows
    from consistency_check.engine.polar import Denial
    from consistency_check.engine.subject import Lexicon, SubjectIndex
    from consistency_check.model import Finding, Statement
    from consistency_check.rules import RuleSet
    from consistency_check.suppress import Directive


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


def _replay(  # noqa: C901 - one pass over the index in stages that share its rows (see the closing note of #19)
    db: sqlite3.Connection,
    config: Config,
    ruleset: RuleSet,
    files: list[SourceFile],
    changed: set[str],
    cache: ParseCache,
) -> Replayed:
    from consistency_check.cache import directive_from_json, statement_from_json
    from consistency_check.engine import analyse, complete_scope
    from consistency_check.engine.align import MAX_BUCKET, SKIP_KINDS, value_items
    from consistency_check.engine.claims import claims_of
    from consistency_check.engine.compare import row_key, rows_of_keys
    from consistency_check.engine.polar import MAX_BUCKET as POLAR_BUCKET
    from consistency_check.engine.subject import names_memo
    from consistency_check.reading import read_all
    from consistency_check.timings import stage

    key = db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
    if key is None or key[0] != index_key(config, ruleset):
        raise Stale("index of another version, config or rules")
    with stage("incremental.files"):
        known = {
            row[1]: row
            for row in db.execute("SELECT fid, path, size, mtime, digest, first_sid, statements, extra FROM files")
        }
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
            if file_differs(src.fs_path, row[2], row[3], row[4]) or any(
                file_differs(Path(p), size, mtime, digest) for p, size, mtime, digest in extra.get("dependencies", ())
            ):
                edited.append(i)
        removed = [row for p, row in known.items() if p not in position]
        if len(edited) + len(removed) > MAX_CHANGED:
            raise Stale("too many files differ from the index")
        old_fids = [known[files[i].path][0] for i in edited if files[i].path in known] + [row[0] for row in removed]
    with stage("incremental.read"):
        outcomes = list(read_all([files[i] for i in edited], config, cache, 1, None))
    aggregates = json.loads(db.execute("SELECT value FROM meta WHERE name = 'aggregates'").fetchone()[0])

    # The files as the index knows them, and as they are now.
    with stage("incremental.delta"):
        old_stmt_rows = select_rows(
            db, "SELECT sid, data, claims, negs, uses FROM statements WHERE fid IN ({})", old_fids
        )
        old_sids = {row[0] for row in old_stmt_rows}
        old_statements = [statement_from_json(json.loads(row[1])) for row in old_stmt_rows]
        old_claims = [
            c
            for row, stmt in zip(old_stmt_rows, old_statements, strict=True)
            for c in decode_claims(row[2], stmt, ruleset)
        ]
        old_rows = [
            claim_row(r) for r in select_rows(db, f"SELECT {CLAIM_COLUMNS} FROM claims WHERE sid IN ({{}})", old_sids)
        ]
        old_cids = {r.cid for r in old_rows}
        new_statements = [s for o in outcomes for s in o.statements]
        found = [claims_of(s, ruleset) for s in new_statements]

        counts = LexiconCounts.from_json(aggregates["lexicon"])
        counts.add(old_statements, -1)
        counts.add(new_statements, 1)
        lexicon = counts.lexicon()
        if [sorted(lexicon.names), sorted(lexicon.tiers), sorted(lexicon.capitalised)] != aggregates["names"]:
            raise Stale("the names the corpus defines changed")
        names = names_memo(lexicon)

        new_claims = [complete_scope(c, names(c), lexicon.tiers, ruleset) for cs in found for c in cs]

        common_n, common_df = aggregates["common"][0], Counter(aggregates["common"][1])
        for sign, claims in ((-1, old_claims), (1, new_claims)):
            for claim in claims:
                if claim.kind != "yesno":
                    common_n += sign
                    for t in common_contribution(claim):
                        common_df[t] += sign
        common = common_from(common_df, common_n)

        new_items = value_items(new_claims, ruleset, names, lexicon.tiers, frozenset({"yesno"}))
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

    fid_path = {row[0]: p for p, row in known.items()}
    ruled_keys: dict[str, set[str]] = defaultdict(set)  # term -> item keys of edited values with a rule
    loose_keys: dict[str, set[str]] = defaultdict(set)  # and without
    for item in new_items:
        for t in item.full:
            (ruled_keys if item.claim.rule is not None else loose_keys)[t].add(repr(item.key))

    def open_block(t: str) -> bool:
        return 2 <= adopt_df[t] <= MAX_BUCKET

    def postings(table: str, by_term: Mapping[str, set[str]], want_loose: bool | None) -> dict[int, ClaimRow]:
        # Blocks of rule-less values are counted once their rules are known (Replay.generic): take every posting kept.
        """Unchanged claims sharing an open block with the values in ``by_term``, with one of their item keys."""
        out: dict[int, ClaimRow] = {}
        columns = ", ".join("c." + c for c in CLAIM_COLUMNS.split(", "))
        sql = f"SELECT p.term, {columns} FROM {table} p JOIN claims c ON c.cid = p.cid WHERE p.term IN ({{}})"
        for term, *rest in select_rows(db, sql, [t for t in by_term if table != "adopt_post" or open_block(t)]):
            row = claim_row(tuple(rest))
            if (
                row.cid not in old_cids
                and row.ikey in by_term[term]
                and (want_loose is None or row.loose == want_loose)
            ):
                out[row.cid] = row
        return out

    # Values whose rule may come from (or go to) the edited files: worked out again, with every possible anchor.
    with stage("incremental.neighbours"):
        anchors = postings("adopt_post", loose_keys, False)
        again_rows = postings("adopt_post", ruled_keys, True)
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
        anchors.update(postings("adopt_post", second, False))
    loaded: dict[int, tuple[Statement, list[Claim], int]] = {}

    def load(sids: Iterable[int]) -> None:
        missing = set(sids) - loaded.keys() - old_sids
        for sid, data, claims_text, first_cid in select_rows(
            db, "SELECT sid, data, claims, first_cid FROM statements WHERE sid IN ({})", missing
        ):
            stmt = statement_from_json(json.loads(data))
            loaded[sid] = (stmt, decode_claims(claims_text, stmt, ruleset), first_cid)

    sid_fid: dict[int, int] = {}

    def part_of(sids: Iterable[int]) -> list[tuple[tuple[int, int], Statement, list[Claim], int | None]]:
        """The statements ``sids`` (loaded) and those of the edited files, in corpus order."""
        chosen = set(sids)
        for sid, fid in select_rows(db, "SELECT sid, fid FROM statements WHERE sid IN ({})", chosen - sid_fid.keys()):
            sid_fid[sid] = fid
        out: list[tuple[tuple[int, int], Statement, list[Claim], int | None]] = [
            ((position[fid_path[sid_fid[sid]]], sid), *loaded[sid]) for sid in chosen
        ]
        k = 0
        for i, outcome in zip(edited, outcomes, strict=True):
            for j, stmt in enumerate(outcome.statements):
                out.append(((i, -len(known) - 1 + j), stmt, found[k], None))
                k += 1
        out.sort(key=lambda p: p[0])
        return out

    def hooks_for(part: list[Any], rows: dict[int, ClaimRow], probe: bool) -> Replay:
        hooks = Replay(
            ruleset,
            lexicon,
            common,
            adopt_n,
            adopt_df,
            aggregates["generic"],
            old_rows,
            rows,
            set(again_rows),
            aggregates["polar"],
            {},
            set(),
            hits_now,
            probe,
        )
        for _, _, claims, first in part:
            hooks.cids.extend([first + n if first is not None else None for n in range(len(claims))])
        return hooks

    hits_now: Counter[str] = Counter()
    with stage("incremental.adopt"):
        first_sids = {r.sid for r in anchors.values()} | {r.sid for r in again_rows.values()}
        first_rows = {
            r.cid: r
            for r in map(
                claim_row, select_rows(db, f"SELECT {CLAIM_COLUMNS} FROM claims WHERE sid IN ({{}})", first_sids)
            )
        }
        load(first_sids)
        part = part_of(first_sids)
        hooks = hooks_for(part, first_rows, True)
        try:
            analyse([p[1] for p in part], ruleset, None, [p[2] for p in part], hooks)
            raise AssertionError("the probe did not stop")  # pragma: no cover
        except _Adopted as done:
            after = done.claims
        adopted_new = [c for c, cid in zip(after, hooks.cids, strict=True) if cid is None]
        adopted_again = {cid: c for c, cid in zip(after, hooks.cids, strict=True) if cid in again_rows}

    with stage("incremental.neighbours"):
        # Table rows: sentences naming a row are compared in its group (see joined_key); the rows must be the index's.
        def in_row(scope: tuple[tuple[str, str], ...]) -> bool:
            return any(d == "row" for d, _ in scope)

        def row_text(claim: Claim) -> str | None:
            key = row_key(claim)
            return repr(key) if key is not None else None

        old_row_keys = {r.gkey for r in old_rows if r.gkey is not None and in_row(r.scope)}
        if old_row_keys != {k for k in map(row_text, adopted_new) if k is not None}:
            raise Stale("a table row changed")
        for cid, claim in adopted_again.items():
            now = row_text(claim)
            if (now is not None or in_row(again_rows[cid].scope)) and now != again_rows[cid].gkey:
                raise Stale("a table row changed")
        rows = rows_of_keys(
            ast.literal_eval(k)
            for (k,) in db.execute("SELECT DISTINCT gkey FROM claims WHERE scope LIKE '%\"row\"%' AND gkey IS NOT NULL")
        )
        wanted: set[int] = set(first_sids)
        # Rule groups: the part of each group (by names, see partition_by_names) the edited values are in.
        keys: dict[str, list[tuple[tuple[int, int], frozenset[str]]]] = defaultdict(list)
        yesno: set[str] = set()
        new_order = [
            (i, -len(known) - 1 + j)
            for (i, j), claims in zip(
                ((i, j) for i, o in zip(edited, outcomes, strict=True) for j in range(len(o.statements))),
                found,
                strict=True,
            )
            for _ in claims
        ]
        for claim, order in zip(adopted_new, new_order, strict=True):
            gkey = stored_group_key(claim, rows, names)
            if gkey is not None:
                keys[gkey].append((order, names(claim)))
                if claim.kind == "yesno":
                    yesno.add(gkey)
        moved: dict[str, list[tuple[tuple[int, int], frozenset[str]]]] = defaultdict(list)
        for cid, claim in adopted_again.items():
            gkey = stored_group_key(claim, rows, names)
            if gkey is not None:
                moved[gkey].append(((position[fid_path[again_rows[cid].fid]], cid), names(claim)))
        members: dict[str, set[int]] = {}
        for gkey, mine in keys.items():
            members[gkey] = _group_part(
                db, gkey, gkey in yesno, mine, moved.get(gkey, []), old_cids | set(again_rows), position, fid_path
            )
            members[gkey] |= {
                cid for cid, claim in adopted_again.items() if stored_group_key(claim, rows, names) == gkey
            }
            wanted |= members[gkey]
        # Groups of aligned rule-less values the edited values (or values that lost their rule) may join.
        generic_keys: dict[str, set[str]] = defaultdict(set)
        generic_new = value_items([c for c in adopted_new if c.rule is None], ruleset, names, lexicon.tiers, SKIP_KINDS)
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
        clusters = {
            r[0]
            for r in select_rows(db, "SELECT cluster FROM claims WHERE cid IN ({}) AND cluster IS NOT NULL", joined)
        }
        joined |= {r[0] for r in select_rows(db, "SELECT cid FROM claims WHERE cluster IN ({})", clusters)}
        wanted |= joined - old_cids
        # Statements denying or using the verbs the edited files deny or use.
        new_negs, new_uses = polar_features(new_statements, new_claims, ruleset)
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
        denied = {
            v
            for v, sid in select_rows(db, "SELECT verb, sid FROM neg_post WHERE verb IN ({})", stems)
            if sid not in old_sids
        }
        interest = verbs | (stems & (denied | verbs))
        polar_sids = {sid for _, sid in select_rows(db, "SELECT verb, sid FROM neg_post WHERE verb IN ({})", interest)}
        open_verbs = [v for v in interest if hits[v] <= POLAR_BUCKET]
        if any(hits_before.get(v, 0) > POLAR_BUCKET + MARGIN for v in open_verbs):
            raise Stale("a verb's uses are not in the index")
        polar_sids |= {
            sid for _, sid in select_rows(db, "SELECT stem, sid FROM use_post WHERE stem IN ({})", open_verbs)
        }
        contrib = {
            v: (n, json.loads(df))
            for v, n, df in select_rows(db, "SELECT verb, n, df FROM verbs WHERE verb IN ({})", interest)
        }

    with stage("incremental.load"):
        sids = (
            {r[0] for r in select_rows(db, "SELECT sid FROM claims WHERE cid IN ({})", wanted - first_rows.keys())}
            | {r.sid for r in first_rows.values()}
            | polar_sids
        ) - old_sids
        rows_of = dict(first_rows)
        rows_of.update(
            (r.cid, r)
            for r in map(
                claim_row, select_rows(db, f"SELECT {CLAIM_COLUMNS} FROM claims WHERE sid IN ({{}})", sids - first_sids)
            )
        )
        load(sids)
        part = part_of(sids)

    hooks = hooks_for(part, rows_of, False)
    hooks.contrib, hooks.interest, hooks.hits, hooks.members, hooks.table_rows = contrib, interest, hits, members, rows
    with stage("incremental.engine"):
        analysis = analyse([p[1] for p in part], ruleset, None, [p[2] for p in part], hooks)

    notes: list[str] = []
    directives: list[Directive] = []
    findings: list[Finding] = []
    total = 0
    fresh = dict(zip(edited, outcomes, strict=True))
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
            directives.extend(directive_from_json(d) for d in extra.get("directives", ()))
            total += known[src.path][6]
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
