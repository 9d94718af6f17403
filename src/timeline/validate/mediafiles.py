"""Local media files of events: they exist, are images a browser shows, and are small.

A local file may only be a PNG, JPEG, GIF, WebP or AVIF image, judged by its first bytes
(its "magic number"), never by its name: the app serves these files from its own
origin, and an HTML or SVG file served there could run script in the reader's browser.
Anything else is linked with ``url:``. The app serves a file with the type found here.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from timeline.errors import Problem
from timeline.model import Event
from timeline.validate import messages
from timeline.validate.record import FileResult

MEDIA_FOLDER = "media"
MEDIA_MAX_BYTES = 2_000_000  # per file; docs/format.md and the README say so
_AVIF_BRANDS = (b"avif", b"avis")


def sniff_image(head: bytes) -> str | None:
    """The media type of an image from its first 32 bytes, or None for anything else."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and (head[8:12] in _AVIF_BRANDS
                                 or any(head[i:i + 4] in _AVIF_BRANDS
                                        for i in range(16, min(len(head), 32) - 3, 4))):
        return "image/avif"
    return None


def media_path(folder: str | os.PathLike[str], name: str) -> Path:
    return Path(folder) / MEDIA_FOLDER / name


def check_file(path: Path) -> tuple[str | None, str]:
    """``(media type, "")`` for a servable image, else ``(None, problem code)``."""
    try:
        info = path.stat()
        if not path.is_file():
            return None, "media-missing"
        if info.st_size > MEDIA_MAX_BYTES:
            return None, "media-too-large"
        with path.open("rb") as handle:
            head = handle.read(32)
    except OSError:
        return None, "media-missing"
    found = sniff_image(head)
    return (found, "") if found else (None, "media-not-image")


def check_media(results: Iterable[FileResult], folder: str, shown: str | None = None
                ) -> dict[str, list[Problem]]:
    """Problems of the local media files events name, keyed by the event's file.

    ``shown`` is the folder as messages name it (the form names the repository's
    ``events/``, never where the server keeps its copy); ``folder`` by default."""
    found: dict[str, list[Problem]] = defaultdict(list)
    for result in results:
        event = result.record
        if not isinstance(event, Event) or not event.media:
            continue
        for index, item in enumerate(event.media):
            if item.file is None:
                continue
            path = media_path(folder, item.file)
            _, code = check_file(path)
            if not code:
                continue
            line, column = result.position(("media", index, "file"))
            values: dict[str, str] = {"value": item.file}
            if code == "media-missing":
                values["expected"] = str(media_path(shown or folder, item.file))
            elif code == "media-too-large":
                values.update(size=f"{path.stat().st_size:,}", limit=f"{MEDIA_MAX_BYTES:,}")
            else:
                values["detail"] = _detail(path)
            found[result.path].append(messages.problem(
                result.path, line, column, f"media.{index}.file", code, **values))
    return found


def _detail(path: Path) -> str:
    try:
        head = path.read_bytes()[:256].lstrip().lower()
    except OSError:
        return ""
    if head.startswith((b"<svg", b"<?xml")) or b"<svg" in head:
        return "; SVG is not accepted, since it can carry script"
    return ""
