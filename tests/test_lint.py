"""The code passes the project's linter, so CI catches style and obvious bugs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing() -> None:
    command = [sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks", "docs"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
