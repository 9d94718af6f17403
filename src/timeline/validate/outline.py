"""What a new record is checked against, without building the dataset's events.

A proposed record (``timeline new``, the import's preview) needs from the folder only
its settings, actors and campaigns, every event's id and file, and, for the
likely-duplicate warning, the events on the same dates: their spans, types, countries
and titles. :class:`DatasetOutline` holds exactly that, in columns, and the cache keeps
it as a section of its own, so a new record in a folder of 100,000 events is checked
without decoding 100,000 records. An outline made from a :class:`Dataset` holds the
same as one read back from the cache.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Any

from timeline.model import Actor, Campaign, Dataset, LocalText, Settings

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
# An ongoing span has no end; this stands for it (later than any date a span can hold).
ONGOING = 2 ** 63 - 1


def instant(moment: datetime | None) -> int:
    """A span's start or end as microseconds since 1970 (UTC); ``ONGOING`` for None.

    Exact: two instants are equal exactly when their numbers are.
    """
    if moment is None:
        return ONGOING
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH) // _MICROSECOND


@dataclass(frozen=True, slots=True)
class OutlinedEvent:
    """An existing event as far as a new one is compared with it."""

    id: str
    path: str
    title: LocalText
    type: str
    countries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DatasetOutline:
    """A dataset's settings, actors and campaigns, and its events in columns, in the
    dataset's order (by start, then id)."""

    settings: Settings
    actors: Mapping[str, Actor]
    campaigns: Mapping[str, Campaign]
    folder: str
    paths: dict[str, str]  # each event's file by its id, in the dataset's order
    starts: array[int]  # instant() of each event's start, ascending
    ends: array[int]
    titles: tuple[LocalText, ...]
    types: tuple[str, ...]
    countries: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, dataset: Dataset) -> DatasetOutline:
        events = dataset.events
        shared: dict[Any, Any] = {}
        return cls(dataset.settings, dict(dataset.actors), dict(dataset.campaigns),
                   dataset.folder, {e.id: e.path for e in events},
                   array("q", [instant(e.date.start) for e in events]),
                   array("q", [instant(e.date.end) for e in events]),
                   tuple(e.title for e in events),
                   tuple(shared.setdefault(e.type, e.type) for e in events),
                   tuple(shared.setdefault(e.countries, e.countries) for e in events))

    def on_dates(self, start: datetime, end: datetime | None) -> list[OutlinedEvent]:
        """The events whose span starts and ends exactly as ``start`` and ``end``."""
        first, last = instant(start), instant(end)
        low, high = bisect_left(self.starts, first), bisect_right(self.starts, first)
        return [OutlinedEvent(identifier, path, self.titles[i], self.types[i],
                              self.countries[i])
                for i, (identifier, path) in enumerate(
                    islice(self.paths.items(), low, high), low) if self.ends[i] == last]
