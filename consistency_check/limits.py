"""Bounds on what one run reads, so that hostile or broken input cannot exhaust time or memory.

Each limit is far above what real corpora need (the largest statement in the
shared real samples is about 1,000 characters); the two a large project may
reach, files and file size, can be raised in ``consistency-check.yaml``
(``max_files``, ``max_file_mb``).
"""

from __future__ import annotations

MAX_FILES = 50_000
"""Most source files one run discovers; more stops the run with exit 2 before anything is read."""

MAX_FILE_MB = 100
"""Largest source file read, in MiB; a larger one is a parse error (CC001) and is skipped."""

MAX_STATEMENT_CHARS = 5_000
"""Longest statement checked; a longer one is cut at this length and reported (CC001)."""

MAX_STATEMENT_VALUES = 200
"""Most values (facts) checked in one statement; a statement of more is cut after this many and reported (CC001).

The most in the corpora measured is 80 (a table of rates in one paragraph). Together with
:data:`MAX_STATEMENT_CHARS` it bounds the work one statement costs."""
