"""Small data folders for loader and validator tests: events as raw text, in ``2025/``."""

from __future__ import annotations

from pathlib import Path

from browser_kit import write_dataset

EVENT = """title: {title}
date: 2025-05-21
type: march
countries: [MX]
sources: [{{url: "https://example.org"}}]
"""
SETTINGS = "title: T\nlanguages: [en]\n"


def events_folder(tmp_path: Path, events: dict[str, str]) -> Path:
    """``tmp_path/events``: minimal settings, no actors, ``events`` (file name -> text)
    in its ``2025`` folder."""
    return write_dataset(tmp_path / "events", events, settings=SETTINGS, actors={},
                         campaigns={}, year="2025")
