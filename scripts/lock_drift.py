#!/usr/bin/env python3
"""Print the packages whose installed version differs from the one constraints.txt pins.

    python scripts/lock_drift.py constraints.txt installed.txt

Both files are ``name==version`` lines (``pip list --format=freeze`` writes the
second). Packages in only one of them are ignored: the lock also pins the dev
and docs tools, and an install holds pip itself. ``make test-latest`` runs it
before the suite, so that a failure can be put down to the releases that
changed.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def versions(path: Path) -> dict[str, str]:
    """Normalised package name to version, for every ``name==version`` line."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, sep, version = line.strip().partition("==")
        if sep and not name.startswith("#"):
            out[re.sub(r"[-_.]+", "-", name).lower()] = version
    return out


def main(argv: list[str]) -> int:
    """Print the differences; always exit 0 (information, not a check)."""
    pinned, installed = (versions(Path(arg)) for arg in argv[1:3])
    changed = sorted(n for n in pinned.keys() & installed.keys() if pinned[n] != installed[n])
    for name in changed:
        print(f"{name}: pinned {pinned[name]}, latest {installed[name]}")
    if not changed:
        print("the latest releases are the pinned versions")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
