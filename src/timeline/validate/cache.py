"""A cache of checked files, so that a warm load of a large dataset skips parsing.

Each file's result is kept with its size, modification time and a BLAKE2 digest of
its bytes. A file whose size and time are unchanged is trusted (as git's index
does); one whose time changed is read and hashed, and reused only when its bytes
are the same. The whole cache is dropped when the settings file, the package
version or the Python version changes. The cache lives outside the data folder
(``$TIMELINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/campaign-timeline``), so it never
shows up in a dataset's git status; a broken or unreadable cache is ignored.

The cache is keyed by the resolved folder, so ``events``, ``./events`` and an absolute
path share one; the files and messages of a reused result are renamed to the spelling
of the current load.

This module is a layer the loader consults: it reads, writes and renames what was
stored, and never loads a folder itself. A part found damaged raises
:class:`DamagedCache`, and the loader checks the files instead.

The combined result of the last load (the dataset and its problems) is kept too:
when every file is reused and the folder holds the same files, the cross-file
checks would find the same again, so a warm load only maps this file, decodes the
problems, and looks at each record file's size and time. The dataset's records are
decoded when first asked for (:class:`timeline.validate.report.LoadReport`). Its
outline (:class:`timeline.validate.outline.DatasetOutline`: settings, actors,
campaigns and the columns of the events a new record is compared with) is a section
of its own, decoded without the records.
"""

from __future__ import annotations

import hashlib
import io
import mmap
import os
import pickle
import re
import stat
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from dataclasses import replace as replaced
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import IO, Any, TypeVar

from timeline import __version__
from timeline.dates import DatePart, DateSpan
from timeline.errors import Problem, TimelineError
from timeline.model import (
    Actor,
    Campaign,
    Dataset,
    Demand,
    DemandLink,
    Event,
    Location,
    Settings,
    Source,
)
from timeline.validate.outline import DatasetOutline
from timeline.validate.record import FileResult
from timeline.validate.report import LoadReport

_FORMAT = 4
_SECTIONS = 4  # lengths of the meta, head, dataset and outline sections open the file


T = TypeVar("T")

# (size, modification time in ns, BLAKE2 digest of the bytes) of one record file.
Stamp = tuple[int, int, bytes]


@dataclass(slots=True)
class FileCache:
    """What the last load of one folder found; ``key`` ties it to settings and versions.

    ``stamps`` and the results (by file, relative to the folder) describe each file
    read; ``folder`` (as the user named it), ``found`` (the problems found before the
    record files: settings, folder walk) and ``report`` describe the load as a whole.
    The results are stored apart and decoded only when a file changed, because a
    warm load that reuses ``report`` never needs them; the report's parts and the
    results keep their stored bytes, so that a cache whose stamps alone changed is
    written again without encoding them.
    """

    key: bytes
    stamps: dict[str, Stamp] = field(default_factory=dict)
    folder: str = ""
    found: list[Problem] = field(default_factory=list)
    report: LoadReport | None = None
    stored_head: bytes | memoryview = b""
    stored_dataset: bytes | memoryview = b""
    decoded: dict[str, FileResult] | None = None
    encoded: bytes | memoryview = b""
    spelled: str | None = None  # the folder as the stored results name it, if not ``folder``
    stored_outline: bytes | memoryview = b""

    def results(self) -> dict[str, FileResult]:
        """The cached result of each stamped file."""
        if self.decoded is None:
            decoded = _decode_results(self.encoded, self.report) if self.encoded else {}
            if self.spelled is not None:
                rename = _renamer(self.spelled, self.folder)
                decoded = {relative: _renamed_result(result, rename)
                           for relative, result in decoded.items()}
            self.decoded = decoded
        return self.decoded

    def reuse(self, last: FileCache) -> None:
        """Take the report and the results of ``last`` as they are."""
        self.report, self.stored_head = last.report, last.stored_head
        self.stored_dataset, self.stored_outline = last.stored_dataset, last.stored_outline
        self.decoded, self.encoded, self.spelled = last.decoded, last.encoded, last.spelled


def digest(content: bytes) -> bytes:
    return hashlib.blake2b(content, digest_size=16).digest()


def default_cache_dir() -> Path:
    explicit = os.environ.get("TIMELINE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "campaign-timeline"


def cache_key(settings_bytes: bytes, max_bytes: int) -> bytes:
    identity = (f"{_FORMAT}|{__version__}|{sys.version_info[:2]}|{max_bytes}|"
                f"{_code_stamp()}|").encode()
    return digest(identity + settings_bytes)


@cache
def _code_stamp() -> str:
    return code_stamp(Path(__file__).parent.parent)


def code_stamp(package: Path) -> str:
    """Sizes and times of every module under ``package``, at any depth: a change to any
    of the package's code drops the cache."""
    stamps = sorted((str(p.relative_to(package)), p.stat().st_size, p.stat().st_mtime_ns)
                    for p in package.rglob("*.py"))
    return digest(repr(stamps).encode()).hex()


def cache_file(cache_dir: Path, folder: Path) -> Path:
    """The cache of ``folder``, named by its resolved path (one however it is spelled)."""
    name = hashlib.blake2b(str(folder.resolve()).encode(), digest_size=10).hexdigest()
    return cache_dir / f"{name}.pickle"


class DamagedCache(TimelineError):
    """A part of a cache file could not be decoded; the file has been removed."""


def read_cache(path: Path, key: bytes) -> FileCache:
    """The cache at ``path`` if it is intact and made for ``key``; else an empty one.

    The dataset is decoded later, when first used; should its section turn out to be
    damaged then, the file is removed and :class:`DamagedCache` raised.
    """
    try:
        data = _map(path)
        header = 8 * _SECTIONS
        sizes = [int.from_bytes(data[8 * i:8 * i + 8], "little") for i in range(_SECTIONS)]
        meta_end = header + sizes[0]
        head_end = meta_end + sizes[1]
        dataset_end = head_end + sizes[2]
        outline_end = dataset_end + sizes[3]
        if outline_end > len(data):
            return FileCache(key)  # truncated
        key_, folder, found, stamps = loads(data[header:meta_end])
        if key_ != key or not isinstance(stamps, dict):
            return FileCache(key)
        stored_head, stored_dataset = data[meta_end:head_end], data[head_end:dataset_end]
        stored_outline = data[dataset_end:outline_end]
        problems, checked, invalid = loads(stored_head)
        report = LoadReport(None, problems, checked, invalid, stored=stored_dataset,
                            decode=_decoder(path, Dataset), stored_outline=stored_outline,
                            decode_outline=_decoder(path, DatasetOutline))
    except Exception:  # a missing, truncated or foreign file is just a cold cache
        return FileCache(key)
    return FileCache(key, stamps, folder, found, report, stored_head, stored_dataset, None,
                     data[outline_end:], stored_outline=stored_outline)


def _decoder(path: Path, kind: type[T]) -> Callable[[bytes | memoryview], T]:
    """Decode a section holding a ``kind``; a damaged one removes the file and raises
    :class:`DamagedCache`."""
    def decode(stored: bytes | memoryview) -> T:
        try:
            value = loads(stored)
            if isinstance(value, kind):
                return value
        except Exception:
            pass  # a damaged section: reported below
        try:
            path.unlink()  # so that the next load writes a good one
        except OSError:
            pass
        raise DamagedCache(f"the cache file {path} is damaged; it was removed")
    return decode


def _map(path: Path) -> memoryview:
    """The file's bytes, mapped rather than read where the system allows it.

    A warm load decodes only the first parts; the rest is read if and when needed.
    On POSIX the mapping stays valid when a later load replaces the file (a new
    file); Windows refuses to replace a mapped file, so there it is read. Anything
    but a regular file (a FIFO would block the open) is refused without waiting.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"{path} is not a regular file")
        if os.name != "nt":
            try:
                return memoryview(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
            except (OSError, ValueError):  # an empty file, or no mapping here
                pass
        return memoryview(handle.read())


def write_cache(path: Path, cache: FileCache) -> None:
    """Replace the cache file atomically; a cache that cannot be written is skipped.

    The file holds the lengths of its first three sections, then the sections: the
    key, folder, problems found first and stamps; the report's problems and counts;
    its dataset; then the results, which refer to the dataset's records by position
    instead of repeating them.
    """
    report = cache.report
    assert report is not None  # every load sets one before writing
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(bytes(8 * _SECTIONS))
            sizes = [
                _section(out, b"", lambda: (cache.key, cache.folder, cache.found,
                                            cache.stamps)),
                _section(out, cache.stored_head, lambda: (
                    report.problems, report.checked, report.invalid_records)),
                _section(out, cache.stored_dataset, lambda: report.dataset),
                _section(out, cache.stored_outline, lambda: report.outline),
            ]
            if cache.decoded is None and cache.spelled is None:
                out.write(cache.encoded)
            else:  # results decoded, or stored under another spelling: encode them
                _pickler(out).dump(_detached(cache.results(), report))
            out.seek(0)
            out.write(b"".join(size.to_bytes(8, "little") for size in sizes))
        os.replace(temporary, path)
    except OSError:  # a full disk, a read-only folder: no cache this time, and no litter
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def _section(out: IO[bytes], stored: bytes | memoryview, make: Callable[[], object]) -> int:
    """Write the stored bytes of a section, else encode it; return its length."""
    start = out.tell()
    if stored:
        out.write(stored)
    else:
        _pickler(out).dump(make())
    return out.tell() - start


def _records_of(report: LoadReport | None) -> list[object]:
    if report is None:
        return []
    dataset = report.dataset
    return [*dataset.events, *dataset.actors.values(), *dataset.campaigns.values()]


def _detached(results: dict[str, FileResult], report: LoadReport | None
              ) -> list[tuple[str, object, FileResult]]:
    """The results with each record the report holds replaced by its position there."""
    position = {id(record): index for index, record in enumerate(_records_of(report))}
    return [(relative, position.get(id(result.record), result.record),
             replace(result, record=None)) for relative, result in results.items()]


def _decode_results(encoded: bytes | memoryview, report: LoadReport | None
                    ) -> dict[str, FileResult]:
    records = _records_of(report)
    results: dict[str, FileResult] = {}
    for relative, record, result in loads(encoded):
        result.record = records[record] if isinstance(record, int) else record
        results[relative] = result
    return results


# ------------------------------------------------------------- another spelling


def respelled(cache: FileCache, folder: str) -> FileCache:
    """``cache`` (stored for the same folder spelled ``cache.folder``) as a load of
    ``folder`` would have made it: every file and message names the folder as ``folder``.

    Only what is used is renamed: the problems now, the dataset and the per-file
    results when they are decoded. The stored sections keep the old spelling, so a
    cache written from this one encodes its parts afresh.
    """
    old = cache.folder
    if not old or old == folder or cache.report is None:
        return cache
    rename = _renamer(old, folder)
    report = cache.report
    stored_decode = report.decoder()

    def decode(stored: bytes | memoryview) -> Dataset:
        return _renamed_dataset(stored_decode(stored), rename, folder)

    outline_decode = report.outline_decoder()

    def decode_outline(stored: bytes | memoryview) -> DatasetOutline:
        assert outline_decode is not None
        return _renamed_outline(outline_decode(stored), rename, folder)

    renamed = LoadReport(None, [_renamed_problem(p, rename) for p in report.problems],
                         dict(report.checked), report.invalid_records,
                         stored=cache.stored_dataset, decode=decode,
                         stored_outline=report.stored_outline(),
                         decode_outline=decode_outline if outline_decode else None)
    return FileCache(cache.key, dict(cache.stamps), folder,
                     [_renamed_problem(p, rename) for p in cache.found], renamed,
                     b"", b"", None, cache.encoded, spelled=old)


Rename = Callable[[str], str]


def _renamer(old: str, new: str) -> Rename:
    """A function renaming ``old/...`` to ``new/...`` in a path or in message text."""
    pattern = re.compile(r"(?<![\w./-])" + re.escape(old) + r"(?=/|\Z|\W)")

    def rename(text: str) -> str:
        return pattern.sub(lambda _: new, text) if old in text else text
    return rename


def _renamed_problem(problem: Problem, rename: Rename) -> Problem:
    return replaced(problem, path=rename(problem.path), message=rename(problem.message))


def _renamed_record(record: Any, rename: Rename) -> Any:
    return replaced(record, path=rename(record.path)) if record is not None else None


def _renamed_result(result: FileResult, rename: Rename) -> FileResult:
    return replaced(result, path=rename(result.path),
                    record=_renamed_record(result.record, rename),
                    problems=[_renamed_problem(p, rename) for p in result.problems])


def _renamed_dataset(dataset: Dataset, rename: Rename, folder: str) -> Dataset:
    events = tuple(_renamed_record(e, rename) for e in dataset.events)
    return Dataset(dataset.settings, events,
                   {k: _renamed_record(a, rename) for k, a in dataset.actors.items()},
                   {k: _renamed_record(c, rename) for k, c in dataset.campaigns.items()},
                   folder, dataset.left_out, {e.id: e for e in events})


def _renamed_outline(outline: DatasetOutline, rename: Rename, folder: str
                     ) -> DatasetOutline:
    return replaced(outline, folder=folder,
                    actors={k: _renamed_record(a, rename) for k, a in outline.actors.items()},
                    campaigns={k: _renamed_record(c, rename)
                               for k, c in outline.campaigns.items()},
                    paths={k: rename(p) for k, p in outline.paths.items()})


# ------------------------------------------------------------- serialisation

# Frozen dataclasses with slots unpickle through a Python ``__setstate__`` that looks
# up their fields for every object; rebuilding them from a tuple of their fields
# through ``__init__`` is twice as fast, which matters for 100,000 events.
_RECORD_TYPES: tuple[type, ...] = (
    Event, Actor, Campaign, Demand, DemandLink, Source, Location, Settings, Dataset,
    DateSpan, DatePart, Problem, FileResult, DatasetOutline,
)
# The fields that many records hold equal, immutable values in (a date, a place, a
# list of countries, a publisher's name): each value is written once and shared on
# load, so a warm load builds fewer objects and the dataset takes less memory.
_SHARED_FIELDS: dict[type, frozenset[str]] = {
    Event: frozenset({"date", "type", "countries", "actors", "campaigns", "demands",
                      "location", "tags", "timezone"}),
    Source: frozenset({"publisher", "date", "language"}),
    DateSpan: frozenset({"lower", "upper", "timezone"}),
}
_SHARED_TEXT_LENGTH = 40

Reduced = tuple[type, tuple[Any, ...]]


def dumps(value: object) -> bytes:
    """Pickle ``value``, writing records as their constructor and fields."""
    buffer = io.BytesIO()
    _pickler(buffer).dump(value)
    return buffer.getvalue()


def loads(data: bytes | memoryview) -> Any:
    """The value :func:`dumps` wrote. Only for the user's own cache and workers."""
    return pickle.loads(data)  # noqa: S301 - written by this package, for this user


def _pickler(out: IO[bytes]) -> pickle.Pickler:
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    share = _sharer()
    pickler.dispatch_table = {
        kind: _by_fields(kind, share) for kind in _RECORD_TYPES}
    return pickler


def _sharer() -> Callable[[Any], Any]:
    """A function returning, for a value, the first equal value it was given."""
    seen: dict[Any, Any] = {}

    def share(value: Any) -> Any:
        if type(value) is str and len(value) > _SHARED_TEXT_LENGTH:
            return value
        try:
            return seen.setdefault(value, value)
        except TypeError:  # not hashable, so not shareable either
            return value
    return share


def _by_fields(kind: type, share: Callable[[Any], Any]) -> Callable[[Any], Reduced]:
    names = [f.name for f in fields(kind)]
    getter = attrgetter(*names)
    shared = [index for index, name in enumerate(names)
              if name in _SHARED_FIELDS.get(kind, ())]

    def reduce(value: Any) -> Reduced:
        if not shared:
            return kind, getter(value)
        values = list(getter(value))
        for index in shared:
            values[index] = share(values[index])
        return kind, tuple(values)
    return reduce
