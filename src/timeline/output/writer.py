"""Writing new record files for contributors.

A new file is checked with the same schema the validator uses before it is
written, and it is created exclusively: a writer never replaces a file, so
nothing a user wrote is ever lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from timeline.dates import DateSyntaxError, parse_written
from timeline.errors import TimelineError, WriteRefused
from timeline.folding import fold
from timeline.validate import crosscheck
from timeline.validate.loader import load_dataset
from timeline.validate.record import check_record
from timeline.validate.schema import build_schemas

MAX_SLUG_LENGTH = 60
StanceEntry = tuple[str, str, tuple[str, ...]]  # demand reference, stance, holders


def slugify(text: str, limit: int = MAX_SLUG_LENGTH) -> str:
    """ASCII, lower-case, hyphenated words, cut at a word boundary."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "untitled"


def event_id(date: str, title: str) -> str:
    """``2025-05-21`` + ``March in Mexico City`` -> ``2025-05-21-march-in-mexico-city``."""
    written = parse_written(date)
    lower = written.lower
    prefix = f"{lower.year:04d}"
    if lower.month:
        prefix += f"-{lower.month:02d}"
        if lower.day:
            prefix += f"-{lower.day:02d}"
    return f"{prefix}-{slugify(title)}"


def _dump(record: dict[str, Any]) -> bytes:
    text = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=88)
    return text.encode("utf-8")


def _create(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("xb") as handle:  # "x": fail rather than replace
            handle.write(content)
    except FileExistsError:
        raise WriteRefused(f"{path} already exists; it was left as it is. Edit that file, "
                           "or choose a different title") from None


def _check(content: bytes, display: str, kind: str, folder: Path) -> None:
    report = load_dataset(folder, use_cache=False) if folder.is_dir() else None
    settings = report.dataset.settings if report else None
    from timeline.model import Settings

    schemas = build_schemas(settings or Settings())
    result = check_record(content, display, kind, schemas)  # type: ignore[arg-type]
    problems = [p.as_text() for p in result.problems]
    if report is not None:
        written = {"actor": set(report.dataset.actors), "event": set(report.dataset.by_id),
                   "campaign": set(report.dataset.campaigns)}
        found = crosscheck.references([result], report.dataset.actors,
                                      report.dataset.campaigns, written, str(folder))
        problems.extend(p.as_text() for p in found.get(display, []))
    if problems:
        raise TimelineError("the new record would not be valid:\n" + "\n".join(problems))


def parse_stance(text: str) -> StanceEntry:
    """``<campaign>/<demand>:<stance>:<actor>[,<actor>...]`` -> its three parts.

    The parts are checked by the schema with the rest of the record; this only splits.
    """
    parts = text.split(":")
    if len(parts) != 3 or not all(p.strip() for p in parts):
        raise TimelineError(
            f"--stance {text!r}: write <campaign-id>/<demand-id>:<stance>:<actor-id>[,...], "
            "e.g. mexico-break-relations-with-israel/break-relations:supports:"
            "claudia-sheinbaum")
    demand, stance, holders = (p.strip() for p in parts)
    return demand, stance, tuple(h.strip() for h in holders.split(",") if h.strip())


def write_event(folder: Path, *, title: str, date: str, type_: str,
                countries: Sequence[str], sources: Sequence[str],
                actors: Sequence[str] = (), stances: Sequence[StanceEntry] = ()) -> Path:
    """Write ``folder/<year>/<id>.yaml`` and return its path.

    Each of ``stances`` becomes an entry of ``demands`` held by its actors, who are
    added to the event's ``actors`` when missing (a holder must be one of them).
    """
    try:
        identifier = event_id(date, title)
    except DateSyntaxError as error:
        raise TimelineError(f"--date {date!r}: {error}") from None
    record: dict[str, Any] = {"title": title, "date": date, "type": type_,
                              "countries": list(countries)}
    named = list(dict.fromkeys([*actors, *(h for _, _, holders in stances for h in holders)]))
    if named:
        record["actors"] = named
    if stances:
        record["demands"] = [{"demand": demand, "stance": stance, "by": list(holders)}
                             for demand, stance, holders in stances]
    record["sources"] = [{"url": url} for url in sources]
    content = _dump(record)
    path = folder / identifier[:4] / f"{identifier}.yaml"
    _check(content, str(path), "event", folder)
    _create(path, content)
    return path


def write_actor(folder: Path, *, name: str, kind: str, countries: Sequence[str] = (),
                url: str | None = None, actor_id: str | None = None) -> Path:
    """Write ``folder/actors/<id>.yaml`` and return its path."""
    identifier = actor_id or slugify(name)
    record: dict[str, Any] = {"name": name, "kind": kind}
    if countries:
        record["countries"] = list(countries)
    if url:
        record["url"] = url
    content = _dump(record)
    path = folder / "actors" / f"{identifier}.yaml"
    _check(content, str(path), "actor", folder)
    _create(path, content)
    return path
