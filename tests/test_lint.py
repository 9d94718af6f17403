"""The code passes the project's linter and type checker, so CI catches style and
obvious bugs, and the type hints stay true."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_ruff_finds_nothing() -> None:
    command = [sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks", "docs"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing() -> None:
    # Settings (the package, the untyped plotly left out) are in pyproject.toml.
    command = [sys.executable, "-m", "mypy", "--no-error-summary", "--cache-dir",
               str(REPO / ".mypy_cache")]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
