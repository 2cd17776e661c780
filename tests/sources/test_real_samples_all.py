"""Every file of every real-sample folder: read by the adapter that claims it, no parse error.

Only the robustness fixtures (``jsonld_microdata_robustness``) are broken on purpose. The CLI
also runs on each folder as a user would, without a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from consistency_check.config import Config
from consistency_check.discovery import SourceFile
from consistency_check.pipeline import read_source

BROKEN_ON_PURPOSE = {"jsonld_microdata_robustness"}
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "real-samples"
FOLDERS = sorted(p.name for p in SHARED.iterdir() if p.is_dir()) if SHARED.is_dir() else []


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_parse_error_in_any_real_file(real_samples: Path, folder: str) -> None:
    if folder in BROKEN_ON_PURPOSE:
        pytest.skip("broken on purpose")
    config = Config(root=real_samples)
    for path in sorted(p for p in (real_samples / folder).rglob("*") if p.is_file()):
        outcome = read_source(SourceFile(path.relative_to(real_samples).as_posix(), path, None, "auto", ""), config)
        assert [f.message for f in outcome.findings if f.code == "CC001"] == [], path


@pytest.mark.parametrize("folder", FOLDERS)
def test_cli_runs_on_each_real_folder(real_samples: Path, folder: str, tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "consistency_check",
            "check",
            str(real_samples / folder),
            "--format",
            "json",
            "--exit-zero",
            "--no-progress",
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["summary"]["files"] > 0
