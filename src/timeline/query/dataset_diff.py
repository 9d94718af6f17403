"""What changes between two states of a dataset, record by record and on the tracker.

:func:`compare_datasets` is pure: two loaded datasets and "today" in, a
:class:`DatasetChanges` out. Each changed record lists its fields that differ (dates
with what the change means: "now approximate"), and the tracker section says what a
reader of the campaign tracker would see change as of today: a demand's tally by
stance, the status of relations between two countries. ``timeline diff`` prints it
(:mod:`timeline.output.diff_report`) for a pull request's review.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from timeline.dates import DateSpan, format_span
from timeline.model import Actor, Campaign, Dataset, Event
from timeline.query.index import build_index
from timeline.query.relations import UNKNOWN, is_relation_event, relation_history
from timeline.query.tracker import demand_tallies

KINDS = ("event", "actor", "campaign")


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one record: its value before and after (None: absent), plain data."""

    field: str
    old: Any
    new: Any
    meaning: tuple[str, ...] = ()  # for dates: what the change means, in words


@dataclass(frozen=True, slots=True)
class RecordChange:
    kind: str  # event, actor or campaign
    id: str
    status: str  # added, removed or changed
    title: str  # the record's title or name, in the dataset's default language
    path: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class TallyChange:
    demand: str  # <campaign>/<demand>
    stance: str
    old: int
    new: int


@dataclass(frozen=True, slots=True)
class RelationChange:
    country: str
    partner: str
    old: str
    new: str
    event: str | None  # the event that now decides the status


@dataclass(frozen=True, slots=True)
class DatasetChanges:
    records: tuple[RecordChange, ...]
    tallies: tuple[TallyChange, ...]
    relations: tuple[RelationChange, ...]
    today: date
    old_problems: int = 0
    new_problems: int = 0
    counts: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.records or self.tallies or self.relations)


# ------------------------------------------------------------------ values


def plain(value: Any) -> Any:
    """A record's value as JSON-ready data: spans as written, tuples as lists, records
    as mappings without their empty fields."""
    if isinstance(value, DateSpan):
        return value.text
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)
                if getattr(value, f.name) not in (None, (), "")}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def date_meaning(old: DateSpan, new: DateSpan) -> tuple[str, ...]:
    """What a changed date means: ``2024-04-05 -> 2024-04-05~`` is "now approximate"."""
    said: list[str] = []
    for flag in ("approximate", "uncertain", "ongoing"):
        before, after = getattr(old, flag), getattr(new, flag)
        if after and not before:
            said.append(f"now {flag}")
        elif before and not after:
            said.append(f"no longer {flag}")
    if old.precision != new.precision:
        said.append(f"now to the {new.precision} (was to the {old.precision})")
    if old.start != new.start:
        said.append("starts earlier" if new.start < old.start else "starts later")
    if old.end != new.end and not (old.ongoing or new.ongoing):
        if old.end is not None and new.end is not None:
            said.append("ends earlier" if new.end < old.end else "ends later")
    before, after = format_span(old), format_span(new)
    if before != after:
        said.append(f"reads {after!r} (was {before!r})")
    return tuple(said)


def _record_fields(record: Event | Actor | Campaign) -> list[str]:
    return [f.name for f in fields(record) if f.name not in ("id", "path")]


def field_changes(old: Event | Actor | Campaign, new: Event | Actor | Campaign
                  ) -> tuple[FieldChange, ...]:
    """The fields that differ, in the record's field order."""
    found = []
    for name in _record_fields(new):
        before, after = getattr(old, name), getattr(new, name)
        if plain(before) == plain(after):
            continue
        meaning: tuple[str, ...] = ()
        if isinstance(before, DateSpan) and isinstance(after, DateSpan):
            meaning = date_meaning(before, after)
        found.append(FieldChange(name, _absent(plain(before)), _absent(plain(after)),
                                 meaning))
    return tuple(found)


def _all_fields(record: Event | Actor | Campaign) -> tuple[FieldChange, ...]:
    """A new record's fields, each as a change from nothing (dates with their reading)."""
    found = []
    for name in _record_fields(record):
        value = getattr(record, name)
        if _absent(plain(value)) is None:
            continue
        meaning = (f"reads {format_span(value)!r}",) if isinstance(value, DateSpan) else ()
        found.append(FieldChange(name, None, plain(value), meaning))
    return tuple(found)


def _absent(value: Any) -> Any:
    return None if value in ((), [], {}, "") else value


def _title(record: Event | Actor | Campaign, language: str) -> str:
    text = record.title if isinstance(record, Event) else record.name
    return text.get(language) or next(iter(text.values()), record.id)


def _records(dataset: Dataset, kind: str) -> Mapping[str, Event | Actor | Campaign]:
    if kind == "event":
        return dataset.by_id
    return dataset.actors if kind == "actor" else dataset.campaigns


def record_changes(old: Dataset, new: Dataset) -> list[RecordChange]:
    """Records added, removed and changed, events first, each kind sorted by id."""
    language = new.settings.default_language
    found: list[RecordChange] = []
    for kind in KINDS:
        before, after = _records(old, kind), _records(new, kind)
        for record_id in sorted(set(before) | set(after)):
            was, now = before.get(record_id), after.get(record_id)
            if was is None and now is not None:
                found.append(RecordChange(kind, record_id, "added", _title(now, language),
                                          now.path, _all_fields(now)))
            elif now is None and was is not None:
                found.append(RecordChange(kind, record_id, "removed", _title(was, language),
                                          was.path))
            elif was is not None and now is not None:
                changes = field_changes(was, now)
                if changes:
                    found.append(RecordChange(kind, record_id, "changed",
                                              _title(now, language), now.path, changes))
    return found


# ------------------------------------------------------------------ the tracker


def _tallies(dataset: Dataset) -> dict[tuple[str, str], int]:
    index = build_index(dataset)
    counts: dict[tuple[str, str], int] = {}
    for campaign in dataset.campaigns.values():
        for tally in demand_tallies(dataset, index, campaign):
            for stance in tally.stances:
                counts[(tally.ref, stance.stance)] = stance.count
    return counts


def tally_changes(old: Dataset, new: Dataset) -> list[TallyChange]:
    """Each demand's count of events by stance, where it differs."""
    before, after = _tallies(old), _tallies(new)
    return [TallyChange(ref, stance, before.get((ref, stance), 0), after.get((ref, stance), 0))
            for ref, stance in sorted(set(before) | set(after))
            if before.get((ref, stance), 0) != after.get((ref, stance), 0)]


def _end_of(today: date, timezone: str) -> datetime:
    """The end of ``today`` in the dataset's zone: events of today count."""
    local = datetime.combine(today + timedelta(days=1), time(), ZoneInfo(timezone))
    return local.astimezone(ZoneInfo("UTC"))


def _pairs(events: Iterable[Event]) -> set[tuple[str, str]]:
    return {(e.countries[0], e.countries[1]) for e in events
            if is_relation_event(e) and len(e.countries) == 2}


def relation_changes(old: Dataset, new: Dataset, changed: Iterable[str], today: date
                     ) -> list[RelationChange]:
    """The status as of ``today`` between the two countries of every relation event
    added, removed or changed, where it differs."""
    ids = set(changed)
    touched = _pairs(e for e in old.events if e.id in ids) | _pairs(
        e for e in new.events if e.id in ids)
    if not touched:
        return []
    histories = [relation_history(d.events) for d in (old, new)]
    cutoffs = [_end_of(today, d.settings.timezone) for d in (old, new)]
    found = []
    for country, partner in sorted(touched):
        statuses = []
        for history, cutoff in zip(histories, cutoffs, strict=True):
            row = next((r for r in history.statuses(country, cutoff)
                        if r.country == partner), None)
            statuses.append(row)
        before = statuses[0].status if statuses[0] else UNKNOWN
        after = statuses[1].status if statuses[1] else UNKNOWN
        if before != after:
            deciding = statuses[1].event if statuses[1] else None
            found.append(RelationChange(country, partner, before, after,
                                        deciding.id if deciding else None))
    return found


def compare_datasets(old: Dataset, new: Dataset, today: date, *, old_problems: int = 0,
                     new_problems: int = 0) -> DatasetChanges:
    """Everything that changes from ``old`` to ``new``, and on the tracker as of ``today``."""
    records = record_changes(old, new)
    changed_events = [r.id for r in records if r.kind == "event"]
    counts = {kind: {status: sum(1 for r in records if r.kind == kind and r.status == status)
                     for status in ("added", "removed", "changed")} for kind in KINDS}
    return DatasetChanges(tuple(records), tuple(tally_changes(old, new)),
                          tuple(relation_changes(old, new, changed_events, today)), today,
                          old_problems, new_problems, counts)
