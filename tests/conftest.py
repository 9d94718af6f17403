"""Shared test set-up."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                   ) -> None:
    """Every test gets its own loader cache folder, never the user's."""
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
