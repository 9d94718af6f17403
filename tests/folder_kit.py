"""Small data folders for loader and validator tests: events as raw text, in ``2025/``."""

from __future__ import annotations

import shutil
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


VALID = Path(__file__).parent / "data" / "valid"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24  # an image by its first bytes


def copy_valid(tmp_path: Path) -> Path:
    """``tmp_path/events``: a copy of the valid test dataset (tests/data/valid)."""
    target = tmp_path / "events"
    shutil.copytree(VALID, target)
    return target


def damage_cache(path: Path, section: int) -> None:
    """Overwrite one section of a cache file (0-3 from its header: meta, head, dataset,
    outline; 4: the results)."""
    data = bytearray(path.read_bytes())
    sizes = [int.from_bytes(data[8 * i:8 * i + 8], "little") for i in range(4)]
    start = 32 + sum(sizes[:section])
    end = start + sizes[section] if section < 4 else len(data)
    data[start:end] = bytes(end - start)  # zeros: no valid pickle
    path.write_bytes(bytes(data))
