"""The data folder: find the files, check each (through the cache), check them together.

:func:`load_dataset` never prints or exits: it returns every record that passed and
every problem found, so the validator can report all of them in one run and the
app can serve what is valid. Its stages (:func:`read_settings`,
:func:`find_record_files`, :func:`check_files`, :func:`combine_results`) are public
so a benchmark can time each one.
"""

from __future__ import annotations

import errno
import math
import os
import stat
from collections.abc import Callable
from operator import attrgetter
from pathlib import Path

from marshmallow import ValidationError

from timeline.errors import Problem, TimelineError
from timeline.model import Actor, Campaign, Dataset, Event, Settings
from timeline.validate import collector, crosscheck, messages, processes
from timeline.validate.cache import (
    DamagedCache,
    FileCache,
    Stamp,
    cache_file,
    cache_key,
    default_cache_dir,
    digest,
    dumps,
    loads,
    read_cache,
    respelled,
    write_cache,
)
from timeline.validate.mediafiles import check_media
from timeline.validate.outline import DatasetOutline
from timeline.validate.record import FileResult, Kind, check_record, record_id, schema_problems
from timeline.validate.report import LoadReport
from timeline.validate.schema import build_schemas, settings_schema
from timeline.validate.yamlfile import DEFAULT_MAX_BYTES, parse_bytes, read_file

SETTINGS_NAMES = ("timeline.yaml", "timeline.yml")
# Below this many files to check, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 1000
MAX_WORKERS = 8
BATCH_FILES = 1000


def load_dataset(folder: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
                 use_cache: bool = True, cache_dir: Path | None = None,
                 workers: int | None = None) -> LoadReport:
    """Load and check every file under ``folder``; raise only if the folder is missing.

    Files the cache cannot vouch for are checked by ``workers`` processes (default:
    one per CPU when there are many files, else this process alone); the report is
    the same whatever the number.
    """
    root = Path(folder)
    if not root.is_dir():
        raise TimelineError(f"{folder}: no such data folder; pass the folder that holds "
                            "timeline.yaml (default: events)")
    shown = str(folder).rstrip("/") or "."
    store = cache_file(cache_dir or default_cache_dir(), root) if use_cache else None
    with collector.paused():
        return _load(root, shown, max_bytes, store, workers)


def _load(root: Path, shown: str, max_bytes: int, store: Path | None,
          workers: int | None) -> LoadReport:
    """The load of :func:`load_dataset`, consulting the cache at ``store`` if any.

    The cache is a layer below: it answers what it holds for the files, and when a part
    of it proves damaged the files are checked here instead.
    """
    found: list[Problem] = []
    settings, settings_bytes = read_settings(root, shown, max_bytes, found)
    files = find_record_files(root, shown, found)
    key = cache_key(settings_bytes, max_bytes)
    old = _consulted(store, key, shown, lambda: _load(root, shown, max_bytes, None,
                                                      workers))
    new = FileCache(key, folder=shown, found=found)
    fresh = check_files(root, shown, files, settings, max_bytes, old, new, workers)
    if old.report is not None and not fresh and old.found == found and (
            old.stamps.keys() == new.stamps.keys()):
        report = old.report  # the same files, bytes and settings: the same result
        new.reuse(old)
    else:
        reused = _cached_results(old) if len(fresh) < len(files) else {}
        if reused is None or any(relative not in fresh and relative not in reused
                                 for relative, _ in files):
            # A damaged cache: forget it, and check every file again.
            if store is not None and not _forget(store):
                store = None  # it cannot be replaced either
            new = FileCache(key, folder=shown, found=found)
            fresh = check_files(root, shown, files, settings, max_bytes, FileCache(key), new,
                                workers)
            reused = {}
        results = [fresh.get(relative) or reused[relative] for relative, _ in files]
        report = new.report = combine_results(settings, results, list(found), shown)
        new.decoded = {relative: result
                       for (relative, _), result in zip(files, results, strict=True)
                       if relative in new.stamps}
    if store is not None and (report is not old.report or new.stamps != old.stamps):
        write_cache(store, new)
    return report


def _consulted(store: Path | None, key: bytes, shown: str,
               checked_again: Callable[[], LoadReport]) -> FileCache:
    """What the cache at ``store`` holds for this load, named as ``shown`` names the
    folder; its dataset or outline, if found damaged when decoded, comes from
    ``checked_again``."""
    if store is None:
        return FileCache(key)
    cache = respelled(read_cache(store, key), shown)
    report = cache.report
    if report is None:
        return cache
    stored_decode, outline_decode = report.decoder(), report.outline_decoder()

    def decode(stored: bytes | memoryview) -> Dataset:
        try:
            return stored_decode(stored)
        except DamagedCache:  # the file is gone: check the files, write a good one next
            return checked_again().dataset

    def decode_outline(stored: bytes | memoryview) -> DatasetOutline:
        assert outline_decode is not None
        try:
            return outline_decode(stored)
        except DamagedCache:
            return checked_again().outline

    cache.report = LoadReport(None, report.problems, report.checked, report.invalid_records,
                              stored=report.stored(), decode=decode,
                              stored_outline=report.stored_outline(),
                              decode_outline=decode_outline if outline_decode else None)
    return cache


def _cached_results(cache: FileCache) -> dict[str, FileResult] | None:
    """The cached result of each file, or None if the cache cannot be decoded."""
    try:
        return cache.results()
    except Exception:
        return None


def _forget(store: Path) -> bool:
    """Remove a damaged cache file; False if it could not be removed."""
    try:
        store.unlink(missing_ok=True)
    except OSError:
        return False
    return True


def read_settings(root: Path, shown: str, max_bytes: int, problems: list[Problem]
                  ) -> tuple[Settings, bytes]:
    """The dataset's settings and the bytes they came from (defaults if unusable)."""
    for name in SETTINGS_NAMES:
        path = root / name
        if path.exists() or path.is_symlink():
            break
    else:
        problems.append(messages.problem(f"{shown}/timeline.yaml", 1, 1, "",
                                         "settings-missing"))
        return Settings(), b""
    display = f"{shown}/{name}"
    read = read_file(path, display, max_bytes)
    if isinstance(read, Problem):
        problems.append(read)
        return Settings(), b""
    content = read[1]
    parsed = parse_bytes(content, display, max_bytes)
    if isinstance(parsed, Problem):
        problems.append(parsed)
        return Settings(), content
    data = parsed.data
    assert isinstance(data, dict)  # parse_bytes refuses anything but a mapping
    schema = settings_schema()
    try:
        settings = schema.load(data)
    except ValidationError as error:
        problems.extend(schema_problems(error.messages, data, parsed, schema, display))
        # The fields that are right still count (a misspelt time zone must not make every
        # Spanish title "not one of the dataset's languages"); the others take defaults.
        kept = {k: v for k, v in data.items()
                if not isinstance(error.messages, dict) or k not in error.messages}
        try:
            return schema.load(kept), content
        except ValidationError:
            return Settings(), content
    return settings, content


def find_record_files(root: Path, shown: str, problems: list[Problem]
                      ) -> list[tuple[str, Kind]]:
    """Every record file below ``root`` (relative, POSIX), with its kind, in a stable order.

    A folder's files come first, then its sub-folders, each in name order. Hidden
    files and folders are skipped; a linked folder is reported, not followed.
    """
    found: list[tuple[str, Kind]] = []
    _scan(str(root), "", shown, problems, found)
    return found


def _scan(directory: str, prefix: str, shown: str, problems: list[Problem],
          found: list[tuple[str, Kind]]) -> None:
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=attrgetter("name"))
    except OSError as error:  # reported: its files would otherwise vanish unseen
        display = f"{shown}/{prefix}".rstrip("/")
        if error.errno == errno.ENAMETOOLONG:
            problems.append(messages.problem(display, 1, 1, "", "folder-too-deep",
                                             limit=_path_limit(directory)))
        else:
            problems.append(messages.problem(display, 1, 1, "", "folder-unreadable",
                                             detail=error.strerror or str(error)))
        return
    kind: Kind = ("actor" if prefix.startswith("actors/") else
                  "campaign" if prefix.startswith("campaigns/") else "event")
    folders = []
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        if _is_folder(entry):
            folders.append(entry)
        elif name.endswith((".yaml", ".yml")) and (prefix or name not in SETTINGS_NAMES):
            found.append((prefix + name, kind))
    for entry in folders:
        if entry.is_symlink():
            problems.append(messages.problem(f"{shown}/{prefix}{entry.name}", 1, 1, "",
                                             "file-not-regular",
                                             what="a symbolic link to a folder"))
        else:
            _scan(entry.path, f"{prefix}{entry.name}/", shown, problems, found)


def _path_limit(directory: str) -> int:
    """The longest path this system opens (``PATH_MAX``), as it says for ``directory``."""
    for where in (directory, "/"):
        try:
            return os.pathconf(where, "PC_PATH_MAX")
        except (OSError, ValueError):
            continue
    return 4096


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # a link to a folder counts, to be reported
    except OSError:
        return False


def check_files(root: Path, shown: str, files: list[tuple[str, Kind]], settings: Settings,
                max_bytes: int, old: FileCache, new: FileCache, workers: int | None = None
                ) -> dict[str, FileResult]:
    """Check the files the cache cannot vouch for; return their results by file.

    Files whose size and time match ``old`` are not opened; the others are read and
    hashed, and checked unless their bytes are the ones cached. ``new`` receives the
    stamp of every file that was read, so the next load can trust it.
    """
    fresh: dict[str, FileResult] = {}
    todo: list[tuple[str, Kind, bytes | None]] = []
    base = str(root)
    known, stamps, is_file = old.stamps, new.stamps, stat.S_ISREG
    for relative, kind in files:
        try:
            info = os.lstat(f"{base}/{relative}")
        except OSError as error:
            fresh[relative] = _unreadable(kind, f"{shown}/{relative}", error)
            continue
        cached = known.get(relative)
        if (cached is not None and cached[1] == info.st_mtime_ns
                and cached[0] == info.st_size and is_file(info.st_mode)):
            stamps[relative] = cached
        else:
            todo.append((relative, kind, cached[2] if cached is not None else None))
    for (relative, _, _), (stamp, result) in zip(
            todo, _check_all(base, shown, todo, settings, max_bytes, workers), strict=True):
        if stamp is not None:
            stamps[relative] = stamp
        if result is not None:
            fresh[relative] = result
    return fresh


Outcome = tuple[Stamp | None, FileResult | None]


def _check_all(base: str, shown: str, todo: list[tuple[str, Kind, bytes | None]],
               settings: Settings, max_bytes: int, workers: int | None) -> list[Outcome]:
    count = workers if workers is not None else (
        min(processes.cpu_count(), MAX_WORKERS) if len(todo) >= PARALLEL_MIN_FILES else 1)
    if count > 1 and len(todo) > 1:
        # Many small batches: no one waits long for the last one, and a worker's
        # results stay small. This process is one of the ``count``: it takes batches
        # from the end while the others take them from the start, so only their
        # share of the results has to travel back.
        from concurrent.futures import ProcessPoolExecutor  # only when there are many files

        size = max(1, min(BATCH_FILES, math.ceil(len(todo) / (count * 16))))
        batches = [todo[i:i + size] for i in range(0, len(todo), size)]
        try:
            with ProcessPoolExecutor(min(count - 1, len(batches)),
                                     mp_context=processes.start_context()) as pool:
                jobs = [pool.submit(_check_batch, (base, shown, batch, settings, max_bytes))
                        for batch in batches]
                done: list[list[Outcome]] = [[] for _ in jobs]  # empty: not done here
                front = 0
                for index in reversed(range(len(jobs))):
                    if not jobs[index].cancel():  # a worker has it: the rest are theirs
                        break
                    done[index] = _check_some(base, shown, batches[index], settings,
                                              max_bytes)
                    while front < index and jobs[front].done():  # decode as they come
                        done[front] = loads(jobs[front].result())
                        front += 1
                return [outcome for index, job in enumerate(jobs) for outcome in (
                    done[index] or loads(job.result()))]
        except Exception:
            # Whatever stopped the workers (no processes allowed here, a daemon process,
            # a full process table), this process checks the files; a genuine error in
            # the checks raises again there.
            pass
    return _check_some(base, shown, todo, settings, max_bytes)


def _check_batch(job: tuple[str, str, list[tuple[str, Kind, bytes | None]], Settings, int]
                 ) -> bytes:
    """A worker's share; the results travel in the cache's compact form."""
    with collector.paused():
        return dumps(_check_some(*job))


def _check_some(base: str, shown: str, todo: list[tuple[str, Kind, bytes | None]],
                settings: Settings, max_bytes: int) -> list[Outcome]:
    schemas = build_schemas(settings)
    outcomes: list[Outcome] = []
    for relative, kind, known in todo:
        display = f"{shown}/{relative}"
        read = read_file(f"{base}/{relative}", display, max_bytes)
        if isinstance(read, Problem):
            outcomes.append((None, FileResult(kind, display, None, [read])))
            continue
        checked, content = read
        content_digest = digest(content)
        stamp = (checked.st_size, checked.st_mtime_ns, content_digest)
        if content_digest == known:
            outcomes.append((stamp, None))  # touched, not changed: the cached result holds
        else:
            outcomes.append((stamp, check_record(content, display, kind, schemas, max_bytes)))
    return outcomes


def _unreadable(kind: Kind, display: str, error: OSError) -> FileResult:
    return FileResult(kind, display, None, [messages.problem(
        display, 1, 1, "", "file-unreadable", detail=error.strerror or str(error))])


def combine_results(settings: Settings, results: list[FileResult], problems: list[Problem],
                    shown: str) -> LoadReport:
    """Run the cross-file checks over every file's result and build the dataset."""
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
    for path, found in check_media(event_results, shown).items():
        broken.setdefault(path, []).extend(found)
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
    problems = messages.capped(problems)
    checked = {kind: len([r for r in results if r.kind == kind])
               for kind in ("event", "actor", "campaign")}
    dataset = Dataset.build(settings, events, actors, campaigns, folder=shown,
                            left_out=invalid)
    return LoadReport(dataset, problems, checked, invalid)
