"""Small hand-made datasets for the tracker tests, written as real record files.

Each test states its events as plain mappings; :func:`tracker_folder` writes them
with the tests' one writer and :func:`load` reads them back through the real loader,
so the tests exercise the same path as the app and the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from browser_kit import load, write_dataset

__all__ = ["event", "load", "tracker_folder"]


def event(ident: str, date: str, type_: str, countries: list[str], **extra: Any
          ) -> tuple[str, dict[str, Any]]:
    record: dict[str, Any] = {"title": {"en": f"Event {ident}", "es": f"Evento {ident}"},
                              "date": date, "type": type_, "countries": countries,
                              "sources": [{"url": f"https://example.org/{ident}"}]}
    record.update(extra)
    return ident, record


def tracker_folder(root: Path, events: list[tuple[str, dict[str, Any]]],
                   actors: dict[str, dict[str, Any]] | None = None,
                   campaigns: dict[str, dict[str, Any]] | None = None,
                   timezone: str = "UTC") -> Path:
    """A tracker test's records (and only those) written as a data folder."""
    settings = {"title": {"en": "Test", "es": "Prueba"}, "languages": ["en", "es"],
                "timezone": timezone}
    return write_dataset(root, dict(events), settings=settings, actors=actors or {},
                         campaigns=campaigns or {})
