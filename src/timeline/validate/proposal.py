"""Checking one new record against a loaded dataset (or its outline), as ``timeline
validate`` would.

The form at ``/suggest`` and ``timeline new`` both propose a file that does not exist
yet. It is checked here by the validator's own steps (safe parse, the schema, the
rules of one file, the references across files, the id's uniqueness and the
likely-duplicate warning) against the dataset already loaded, so its problems carry
exactly the messages ``timeline validate`` would print once the file is added.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from marshmallow import ValidationError

from timeline.dates import DateSpan, DateSyntaxError, place_date
from timeline.errors import Problem
from timeline.model import Dataset, Event
from timeline.validate import crosscheck, messages
from timeline.validate.mediafiles import check_media
from timeline.validate.outline import DatasetOutline, OutlinedEvent
from timeline.validate.record import FileResult, Kind, check_record, record_id
from timeline.validate.schema import Date, Schemas, build_schemas
from timeline.validate.yamlfile import DEFAULT_MAX_BYTES

# What a proposal is checked against: the loaded dataset (the app holds it), or its
# outline (the command line reads only that from the cache).
Known = Dataset | DatasetOutline


@dataclass(frozen=True, slots=True)
class ProposalCheck:
    """What the validator says about a proposed file: its problems (errors first in file
    order, warnings too) and the events it may duplicate."""

    problems: list[Problem]
    duplicates: list[OutlinedEvent] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def check_proposal(content: bytes, display: str, kind: Kind, dataset: Known, *,
                   schemas: Schemas | None = None, new_actors: Iterable[str] = (),
                   max_bytes: int = DEFAULT_MAX_BYTES, shown_folder: str | None = None
                   ) -> ProposalCheck:
    """Every problem (and warning) the new file ``display`` would have in ``dataset``.

    ``new_actors`` are actor ids proposed together with this record (their files come
    with it), so naming them is not an unknown actor. A local media ``file`` must be
    one the dataset's ``media/`` folder already holds (a proposal carries no image);
    ``shown_folder`` is how messages name the data folder (default: its path).
    """
    schemas = schemas or build_schemas(dataset.settings)
    result = check_record(content, display, kind, schemas, max_bytes)
    problems = list(result.problems)
    identifier = record_id(display)
    existing = _existing_path(dataset, kind, identifier)
    if existing is not None:  # even at this very path: a new file never replaces one
        problems.append(messages.problem(display, 1, 1, "", "duplicate-id", kind=kind,
                                         value=identifier, other=existing))
    # references() adds the dataset's actors and campaigns to these
    written: dict[str, AbstractSet[str]] = {"actor": set(new_actors),
                                            "event": _event_ids(dataset)}
    found = crosscheck.references([result], dataset.actors, dataset.campaigns, written,
                                  dataset.folder or "events")
    problems.extend(found.get(display, []))
    if dataset.folder:
        problems.extend(check_media([result], dataset.folder, shown_folder).get(display,
                                                                              []))
    duplicates = likely_duplicate_events(result, dataset)
    problems.extend(problem for problem, _ in duplicates)
    problems.sort(key=lambda p: (p.line, p.column))
    return ProposalCheck(problems, [event for _, event in duplicates])


def _event_ids(known: Known) -> AbstractSet[str]:
    """The existing events' ids (a view: 100,000 ids are not copied)."""
    return (known.paths if isinstance(known, DatasetOutline) else known.by_id).keys()


def _existing_path(known: Known, kind: str, identifier: str) -> str | None:
    """The file of the existing record of ``kind`` with this id, if there is one."""
    if kind == "event":
        if isinstance(known, DatasetOutline):
            return known.paths.get(identifier)
        event = known.by_id.get(identifier)
        return event.path if event is not None else None
    records = known.actors if kind == "actor" else known.campaigns
    record = records.get(identifier)
    return record.path if record is not None else None


def _on_dates(known: Known, span: DateSpan) -> list[OutlinedEvent]:
    """The existing events whose span starts and ends as ``span`` does."""
    if isinstance(known, DatasetOutline):
        return known.on_dates(span.start, span.end)
    events = known.events
    low = bisect_left(events, span.start, key=lambda e: e.date.start)
    high = bisect_right(events, span.start, key=lambda e: e.date.start)
    return [OutlinedEvent(e.id, e.path, e.title, e.type, e.countries)
            for e in events[low:high] if e.date.end == span.end]


def likely_duplicate_events(result: FileResult, dataset: Known
                            ) -> list[tuple[Problem, OutlinedEvent]]:
    """Each likely-duplicate warning of a new event, with the event it points at.

    Only events on the same dates can be duplicates, so the candidates are found by
    bisection of the sorted events; the validator's own rule (the same group: a shared
    country, or the same countries for a relation; similar titles) decides for each.
    """
    event = result.record
    if not isinstance(event, Event):
        return []
    keys = set(crosscheck.group_keys(event.type, event.countries))
    found: list[tuple[Problem, OutlinedEvent]] = []
    for other in _on_dates(dataset, event.date):
        if other.path == result.path:
            continue
        if keys.isdisjoint(crosscheck.group_keys(other.type, other.countries)):
            continue
        if crosscheck.similar_titles(event.title, other.title):
            found.append((crosscheck.duplicate_warning(result, other.path, other.title),
                          other))
    return found


def read_date(text: str, timezone: str) -> DateSpan | str:
    """What a date as typed covers, or the validator's exact message about it.

    The schema's own ``Date`` field checks the text, and the event schema's placing in
    the time zone follows, so the form says what ``timeline validate`` would.
    """
    try:
        written = Date().deserialize(text.strip())
        return place_date(written, timezone)
    except ValidationError as error:
        return str(error.messages[0]) if isinstance(error.messages, list) else str(error)
    except DateSyntaxError as error:
        return messages.render("date-syntax", value=text.strip(), reason=str(error))
