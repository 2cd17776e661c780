"""A seeded mutation fuzzer over real inputs: the examples, the shared real samples and bot exports.

Each input is a seed file changed by a few mutations (bytes flipped, spans cut,
repeated or spliced from another seed, hostile fragments inserted: lone
surrogates, NUL bytes, BOMs, deep nesting, lines of hundreds of values, a
damaged zip entry). It is checked beside the healthy two-file project of
:mod:`tests.hostile.corpus` through :func:`consistency_check.pipeline.run`, with
the cache on, twice (written, then read back), and rendered in every format.
The contract: no exception, the same report from the cache, every report
encodable as UTF-8, and no input taking more than :data:`SLOW_SECONDS`. Every
:data:`CLI_EVERY` inputs the CLI runs in a fresh process on the last batch
(exit 0, 1 or 2, never a traceback).

The inputs of past failures are kept in ``fuzz_corpus/`` and checked first,
every time. ``tests/hostile/test_fuzz.py`` runs the fuzzer in CI for a budget
of seconds; run it longer by hand::

    python -m tests.hostile.fuzz --seconds 600 --seed 7 --save

``--save`` copies each failing input into ``fuzz_corpus/`` (commit it with the
fix). Before each input the fuzzer writes what it is about to check to
``--state``, so that a run killed on a hang still says which input hung.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "real-samples"
CORPUS = Path(__file__).resolve().parent / "fuzz_corpus"
FIXTURES = ROOT / "tests" / "sources" / "fixtures"

SEED_MAX_BYTES = 200_000
_NOT_SEEDS = frozenset({"consistency-check.yaml", "PROVENANCE.tsv", "PROVENANCE.md"})
#: An input checked (two runs and every report) in more than this many seconds is a failure: a slow path.
SLOW_SECONDS = 10.0
CLI_EVERY = 150

HOSTILE = [
    b"\\udc80",
    b"\\ud800\\u0041",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xed\xa0\x80",
    b"\xc3",
    b"\r",
    b"\r\n" * 50,
    rb"\u202e".decode("unicode_escape").encode(),
    "\u200b\u00a0\u2009".encode(),
    b"&#xdc80;&amp;&lt;&#0;&#x110000;",
    b"[" * 3000,
    b"{" * 3000,
    b"<div>" * 3000,
    b"$49 " * 800,
    b"30 days " * 700,
    b"$49 for 30 days, " * 200,
    b"9" * 400,
    b"1e999999 ",
    b"-" * 5000,
    b"\n" * 2000,
    b"---\n",
    b"# ",
    b"${",
    b"{{",
    b"<!--",
    b"<script>",
    b"```\n",
    b'"',
    b"'",
    b"\\",
    b": ",
    b"- ",
    b"&a: *a\n",
]


@dataclasses.dataclass(frozen=True)
class Seed:
    """A file to mutate: its name (the extension decides how it is read) and content."""

    name: str
    data: bytes


def seeds() -> list[Seed]:
    """The examples, the real samples (when ``../shared`` is there), bot exports zipped, and past failures."""
    from tests.hostile.corpus import zipped

    found: list[Seed] = []
    for base in (ROOT / "examples", SHARED):
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and path.stat().st_size <= SEED_MAX_BYTES and path.name not in _NOT_SEEDS:
                found.append(Seed(path.name, path.read_bytes()))
    for folder, name in (("dialogflow_es/shop_agent", "agent.zip"), ("lex_v2/ShopBotExport", "export.zip")):
        if (FIXTURES / folder).is_dir():
            found.append(Seed(name, zipped(FIXTURES / folder)))
    found.append(Seed("script.docx", _docx()))
    return found + [Seed(name, data) for name, data in past_failures()]


def past_failures() -> list[tuple[str, bytes]]:
    """The kept inputs of past failures (``fuzz_corpus/``), by file name."""
    if not CORPUS.is_dir():
        return []
    return [
        (p.name.split("--", 1)[-1], p.read_bytes())
        for p in sorted(CORPUS.iterdir())
        if p.is_file() and p.name != "README.md"
    ]


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Returns", level=1)
    document.add_paragraph("You can return unused items within 45 days of purchase.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def mutate(rng: random.Random, seed: Seed, pool: list[Seed]) -> bytes:
    """``seed``'s bytes after one to four random mutations."""
    data = bytearray(seed.data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(7)
        at = rng.randint(0, len(data))
        if op == 0 and data:  # flip bytes
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        elif op == 1:  # cut a span (or the tail)
            data[at : at + rng.randint(1, 400) if rng.random() < 0.8 else len(data)] = b""
        elif op == 2 and data:  # repeat a span
            span = bytes(data[at : at + rng.randint(1, 80)])
            data[at:at] = span * rng.randint(2, 300)
        elif op == 3:  # splice another seed in
            other = rng.choice(pool).data
            start = rng.randint(0, len(other))
            data[at:at] = other[start : start + rng.randint(1, 2000)]
        else:  # a hostile fragment
            data[at:at] = rng.choice(HOSTILE)
    return bytes(data)


@dataclasses.dataclass
class Failure:
    """An input that broke the contract, and how."""

    name: str
    data: bytes
    problem: str

    def save(self, folder: Path) -> Path:
        """Keep the input in ``folder`` under a name from its content (its extension kept)."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{hashlib.sha256(self.data).hexdigest()[:12]}--{self.name}"
        path.write_bytes(self.data)
        return path


class Checker:
    """Checks inputs in a scratch folder: two runs with a cache, every format, and now and then the CLI."""

    def __init__(self, scratch: Path) -> None:
        """Prepare the rules and the scratch folder."""
        from consistency_check import pipeline
        from consistency_check.rules import load_rules
        from tests.hostile.corpus import HEALTHY

        # The corpus index is left to the CLI runs (a third of the time of a small run went to writing it).
        pipeline._save_index = lambda *args: None  # type: ignore[assignment]

        self.scratch = scratch
        self.ruleset = load_rules()
        self.healthy = HEALTHY
        self.batch = scratch / "batch"
        self.count = 0

    def check(self, name: str, data: bytes) -> str | None:
        """What is wrong with how ``data`` (a file named ``name``) is handled, or ``None``."""
        from consistency_check.cache import ParseCache
        from consistency_check.config import Config
        from consistency_check.pipeline import run
        from consistency_check.reporters import REGISTRY, get_reporter

        self.count += 1
        folder = self.scratch / f"input-{self.count}"
        for rel, text in self.healthy.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(text, encoding="utf-8")
        (folder / "bad").mkdir(exist_ok=True)
        (folder / "bad" / name).write_bytes(data)
        started = time.monotonic()
        try:
            config = Config(root=folder)
            reports = [
                run(config, self.ruleset, [folder], cache=ParseCache(self.scratch / "cache"), jobs=1) for _ in range(2)
            ]
            first, second = (dataclasses.replace(r, elapsed=0.0) for r in reports)
            if first != second:
                return "the report read from the cache differs from the one read afresh"
            for fmt in REGISTRY:
                get_reporter(fmt).render(reports[0]).encode("utf-8")
        except Exception:
            return "exception: " + traceback.format_exc(limit=-6)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        seconds = time.monotonic() - started
        if seconds > SLOW_SECONDS:
            return f"slow: {seconds:.1f} s"
        self.batch.mkdir(parents=True, exist_ok=True)
        (self.batch / f"{self.count}-{name}").write_bytes(data)
        return None

    def cli(self) -> str | None:
        """The CLI on the inputs since the last call, in fresh processes; what went wrong, if anything.

        Three runs share a cache: cold, warm, then one naming a changed file (the path through the corpus index).
        """
        if not self.batch.is_dir():
            return None
        from tests.hostile.corpus import HEALTHY_CONFIG, write_project

        project = self.scratch / "cli"
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir()
        write_project(project)
        (project / "consistency-check.yaml").write_text(HEALTHY_CONFIG, encoding="utf-8")
        shutil.rmtree(project / "bad")
        shutil.move(self.batch, project / "bad")
        changed = sorted(p.relative_to(project).as_posix() for p in (project / "bad").iterdir())[:1]
        for paths in ([], [], changed):
            proc = subprocess.run(
                [sys.executable, "-m", "consistency_check", "check", "--format", "json", "--no-progress", *paths],
                cwd=project,
                capture_output=True,
                text=True,
                timeout=300,
                env={
                    "PATH": "/usr/bin:/bin",
                    "CONSISTENCY_CHECK_CACHE_DIR": str(self.scratch / "cli-cache"),
                    "PYTHONPATH": str(ROOT),
                },
            )
            if proc.returncode not in (0, 1, 2) or "Traceback" in proc.stderr:
                return f"CLI exit {proc.returncode}: {proc.stderr[-800:]}"
        return None


def fuzz(seconds: float, seed: int, state: Path | None = None) -> dict[str, object]:
    """Check the past failures, then mutated inputs until ``seconds`` have passed; the figures and the failures."""
    started = time.monotonic()
    pool = seeds()
    rng = random.Random(seed)
    failures: list[Failure] = []
    slowest = 0.0
    inputs = 0
    with tempfile.TemporaryDirectory(prefix="cc-fuzz-") as tmp:
        checker = Checker(Path(tmp))
        queue = [(name, data) for name, data in past_failures()]
        reserve = 10.0  # the time the last batch through the CLI will take, kept within the budget
        while queue or time.monotonic() - started < seconds - reserve:
            if queue:
                name, data = queue.pop(0)
            else:
                parent = rng.choice(pool)
                name, data = parent.name, mutate(rng, parent, pool)
            if state is not None:
                state.write_text(json.dumps({"name": name, "data": data.hex()}))
            began = time.monotonic()
            problem = checker.check(name, data)
            slowest = max(slowest, time.monotonic() - began)
            inputs += 1
            if problem:
                failures.append(Failure(name, data, problem))
            if inputs % CLI_EVERY == 0:
                began = time.monotonic()
                problem = checker.cli()
                reserve = time.monotonic() - began
                if problem:
                    failures.append(Failure("(a batch through the CLI)", b"", problem))
        problem = checker.cli()
        if problem:
            failures.append(Failure("(a batch through the CLI)", b"", problem))
    return {
        "seed": seed,
        "seeds": len(pool),
        "inputs": inputs,
        "seconds": round(time.monotonic() - started, 1),
        "slowest_input_seconds": round(slowest, 2),
        "failures": failures,
    }


def main() -> None:
    """Run the fuzzer and print its figures (and failures) as JSON; exit 1 if anything failed."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100_000)
    parser.add_argument("--state", type=Path, help="file naming the input being checked (to find a hang)")
    parser.add_argument("--save", action="store_true", help=f"copy failing inputs into {CORPUS}")
    args = parser.parse_args()
    result = fuzz(args.seconds, args.seed, args.state)
    failures: list[Failure] = result.pop("failures")  # type: ignore[assignment]
    for failure in failures:
        if args.save and failure.data:
            failure.save(CORPUS)
    result["failures"] = [{"name": f.name, "problem": f.problem, "data": f.data.hex()} for f in failures]
    print(json.dumps(result, indent=1))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
