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
missing, written by another version of the tool or its code, for another
config or other rules, when more than :data:`MAX_CHANGED` files differ from
it, when the names the corpus defines change, or when a term crosses a
block-size limit (the pairs of unchanged claims would change); nor, with a
note, when it is not a plain file, its content does not match the SHA-256
written beside it (``corpus-index.sqlite3.sha256``), or anything read from it
is inconsistent. SQLite from the standard library, written to a temporary
file (locked while written; the next run removes those of a killed run) and
renamed: loading it runs no code, and a concurrent run sees the old index or
the new.

The package: :mod:`.index` (the file, its key, claims as stored), :mod:`.counts` (what the yes/no step
learns per statement; the corpus-wide counts that add up over statements are the engine's own),
:mod:`.record` (writing the index from a full run) and :mod:`.replay` (a changed-files run).
"""

from consistency_check.incremental.index import (
    FORMAT,
    MAX_CHANGED,
    Damaged,
    Stale,
    file_stat,
    index_key,
)
from consistency_check.incremental.record import FileRecord, Recorder, file_records, save
from consistency_check.incremental.replay import Replay, Replayed, replay

__all__ = [
    "FORMAT",
    "MAX_CHANGED",
    "Damaged",
    "FileRecord",
    "Recorder",
    "Replay",
    "Replayed",
    "Stale",
    "file_records",
    "file_stat",
    "index_key",
    "replay",
    "save",
]
