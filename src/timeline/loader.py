"""The data folder: find the files, check each (through the cache), check them together.

:func:`load_dataset` never prints or exits: it returns every record that passed and
every problem found, so the validator can report all of them in one run and the
app can serve what is valid.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from timeline import crosscheck, messages
from timeline.cache import (
    Entry,
    FileCache,
    cache_file,
    cache_key,
    default_cache_dir,
    digest,
    read_cache,
    write_cache,
)
from timeline.errors import Problem, TimelineError
from timeline.model import Actor, Campaign, Dataset, Event, Settings
from timeline.records import FileResult, Kind, check_record, record_id, schema_problems
from timeline.schema import build_schemas, settings_schema
from timeline.yamlfile import DEFAULT_MAX_BYTES, check_file, parse_bytes

SETTINGS_NAMES = ("timeline.yaml", "timeline.yml")


@dataclass(slots=True)
class LoadReport:
    """The valid part of a dataset and everything wrong with the rest."""

    dataset: Dataset
    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    invalid_records: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def load_dataset(folder: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 use_cache: bool = True, cache_dir: Path | None = None) -> LoadReport:
    """Load and check every file under ``folder``; raise only if the folder is missing."""
    root = Path(folder)
    if not root.is_dir():
        raise TimelineError(f"{folder}: no such data folder; pass the folder that holds "
                            "timeline.yaml (default: events)")
    shown = str(folder).rstrip("/") or "."
    problems: list[Problem] = []
    settings, settings_bytes = _settings(root, shown, max_bytes, problems)
    schemas = build_schemas(settings)
    key = cache_key(settings_bytes, max_bytes)
    store = cache_file(cache_dir or default_cache_dir(), root) if use_cache else None
    old = read_cache(store, key) if store else FileCache(key)
    new = FileCache(key)

    results: list[FileResult] = []
    for relative, kind in _record_files(root, shown, problems):
        display = f"{shown}/{relative}"
        result = _check(root / relative, display, relative, kind, schemas, max_bytes, old, new)
        results.append(result)
    if store is not None and (new.entries.keys() != old.entries.keys() or any(
            new.entries[k] is not old.entries.get(k) for k in new.entries)):
        write_cache(store, new)
    return _combine(settings, results, problems, shown)


def _settings(root: Path, shown: str, max_bytes: int, problems: list[Problem]
              ) -> tuple[Settings, bytes]:
    for name in SETTINGS_NAMES:
        path = root / name
        if path.exists() or path.is_symlink():
            break
    else:
        problems.append(messages.problem(f"{shown}/timeline.yaml", 1, 1, "",
                                         "settings-missing"))
        return Settings(), b""
    display = f"{shown}/{name}"
    checked = check_file(path, display, max_bytes)
    if isinstance(checked, Problem):
        problems.append(checked)
        return Settings(), b""
    content = path.read_bytes()
    parsed = parse_bytes(content, display, max_bytes)
    if isinstance(parsed, Problem):
        problems.append(parsed)
        return Settings(), content
    schema = settings_schema()
    from marshmallow import ValidationError

    try:
        settings = schema.load(parsed.data)
    except ValidationError as error:
        problems.extend(schema_problems(error.messages, parsed.data, parsed, schema, display))
        return Settings(), content
    return settings, content


def _record_files(root: Path, shown: str, problems: list[Problem]
                  ) -> list[tuple[str, Kind]]:
    """Every record file below ``root`` (relative, POSIX), with its kind, in a stable order."""
    found: list[tuple[str, Kind]] = []
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(directory)
        relative_dir = base.relative_to(root).as_posix()
        prefix = "" if relative_dir == "." else relative_dir + "/"
        kept = []
        for name in sorted(dirnames):
            if name.startswith("."):
                continue
            if (base / name).is_symlink():
                problems.append(messages.problem(f"{shown}/{prefix}{name}", 1, 1, "",
                                                 "file-not-regular",
                                                 what="a symbolic link to a folder"))
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith((".yaml", ".yml")):
                continue
            relative = prefix + name
            if relative in SETTINGS_NAMES:
                continue
            if prefix.startswith("actors/"):
                kind: Kind = "actor"
            elif prefix.startswith("campaigns/"):
                kind = "campaign"
            else:
                kind = "event"
            found.append((relative, kind))
    return found


def _check(path: Path, display: str, relative: str, kind: Kind, schemas: object,
           max_bytes: int, old: FileCache, new: FileCache) -> FileResult:
    try:
        info = path.lstat()
    except OSError as error:
        return FileResult(kind, display, None, [messages.problem(
            display, 1, 1, "", "file-unreadable", detail=error.strerror or str(error))])
    cached = old.entries.get(relative)
    if (cached is not None and stat.S_ISREG(info.st_mode) and cached.size == info.st_size
            and cached.mtime_ns == info.st_mtime_ns and cached.result.path == display):
        new.entries[relative] = cached
        return cached.result
    checked = check_file(path, display, max_bytes)
    if isinstance(checked, Problem):
        return FileResult(kind, display, None, [checked])
    try:
        content = path.read_bytes()
    except OSError as error:
        return FileResult(kind, display, None, [messages.problem(
            display, 1, 1, "", "file-unreadable", detail=error.strerror or str(error))])
    content_digest = digest(content)
    if cached is not None and cached.digest == content_digest and cached.result.path == display:
        result = cached.result
    else:
        result = check_record(content, display, kind, schemas, max_bytes)  # type: ignore[arg-type]
    new.entries[relative] = Entry(checked.st_size, checked.st_mtime_ns, content_digest, result)
    return result


def _combine(settings: Settings, results: list[FileResult], problems: list[Problem],
             shown: str) -> LoadReport:
    by_kind: dict[str, list[FileResult]] = {"event": [], "actor": [], "campaign": []}
    invalid = 0
    for result in results:
        problems.extend(result.problems)
        if result.record is None:
            invalid += 1
        else:
            by_kind[result.kind].append(result)
    duplicates = crosscheck.duplicate_ids(r for r in results)
    problems.extend(duplicates)
    duplicated = {p.path for p in duplicates}

    def keep(kind: str) -> list[FileResult]:
        return [r for r in by_kind[kind] if r.path not in duplicated]

    actors: dict[str, Actor] = {r.record.id: r.record for r in keep("actor")}  # type: ignore[union-attr,misc]
    campaigns: dict[str, Campaign] = {r.record.id: r.record for r in keep("campaign")}  # type: ignore[union-attr,misc]
    event_results = keep("event")
    written: dict[str, set[str]] = {"event": set(), "actor": set(), "campaign": set()}
    for result in results:
        written[result.kind].add(record_id(result.path))
    broken = crosscheck.references(results, actors, campaigns, written, shown)
    for found in broken.values():
        problems.extend(found)
    events: list[Event] = [r.record for r in event_results  # type: ignore[misc]
                           if r.path not in broken]
    campaigns = {cid: c for cid, c in campaigns.items() if c.path not in broken}
    problems.extend(crosscheck.likely_duplicates(event_results))
    invalid += len(duplicated) + sum(
        1 for r in results if r.record is not None and r.path in broken
        and r.path not in duplicated)
    problems.sort(key=lambda p: (p.path, p.line, p.column, p.field))
    checked = {kind: len([r for r in results if r.kind == kind])
               for kind in ("event", "actor", "campaign")}
    dataset = Dataset.build(settings, events, actors, campaigns, folder=shown,
                            left_out=invalid)
    return LoadReport(dataset, problems, checked, invalid)
