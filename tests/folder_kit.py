"""Small data folders written on disk for loader and validator tests."""

from __future__ import annotations

from pathlib import Path

EVENT = """title: {title}
date: 2025-05-21
type: march
countries: [MX]
sources: [{{url: "https://example.org"}}]
"""


def write_dataset(tmp_path: Path, events: dict[str, str]) -> Path:
    """``tmp_path/events`` with a minimal timeline.yaml and ``events`` in its 2025 folder."""
    root = tmp_path / "events"
    (root / "2025").mkdir(parents=True)
    (root / "timeline.yaml").write_text("title: T\nlanguages: [en]\n")
    for name, text in events.items():
        (root / "2025" / name).write_text(text, encoding="utf-8")
    return root
