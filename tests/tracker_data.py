"""Small hand-made datasets for the tracker tests, written as real record files.

Each test states its events as plain mappings; :func:`write_dataset` writes them as
YAML under a temporary folder and :func:`load` reads them back through the real
loader, so the tests exercise the same path as the app and the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from timeline.model import Dataset
from timeline.validate.loader import load_dataset


def event(ident: str, date: str, type_: str, countries: list[str], **extra: Any
          ) -> tuple[str, dict[str, Any]]:
    record: dict[str, Any] = {"title": {"en": f"Event {ident}", "es": f"Evento {ident}"},
                              "date": date, "type": type_, "countries": countries,
                              "sources": [{"url": f"https://example.org/{ident}"}]}
    record.update(extra)
    return ident, record


def write_dataset(root: Path, events: list[tuple[str, dict[str, Any]]],
                  actors: dict[str, dict[str, Any]] | None = None,
                  campaigns: dict[str, dict[str, Any]] | None = None,
                  timezone: str = "UTC") -> Path:
    """Write ``timeline.yaml``, one file per record, and return the folder."""
    root.mkdir(parents=True, exist_ok=True)
    settings = {"title": {"en": "Test", "es": "Prueba"}, "languages": ["en", "es"],
                "timezone": timezone}
    (root / "timeline.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    for ident, record in events:
        folder = root / str(record["date"])[:4]
        folder.mkdir(exist_ok=True)
        (folder / f"{ident}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True),
                                              encoding="utf-8")
    for kind, records in (("actors", actors or {}), ("campaigns", campaigns or {})):
        if records:
            (root / kind).mkdir(exist_ok=True)
        for ident, record in records.items():
            (root / kind / f"{ident}.yaml").write_text(
                yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    return root


def load(root: Path) -> Dataset:
    """Load a folder and insist that every record is valid (a typo must fail the test)."""
    report = load_dataset(root, use_cache=False)
    assert not report.errors, [p.as_text() for p in report.errors]
    return report.dataset
