"""What changed in a campaign during a period: new events, stance changes, demand
status changes and changes of diplomatic relations.

A period is written as two record dates, ``from`` and ``to`` (``2025-05`` and
``2025-06``): it runs from the start of ``from`` to the end of ``to``, in the
dataset's time zone. An event belongs to the period its date starts in (an uncertain
or coarse date by the start of its span, as everywhere in the tracker). The default
period is the last full month before "today", which is a parameter, never the clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from timeline.dates import parse_date
from timeline.errors import DateSyntaxError, TimelineError
from timeline.model import Campaign, Dataset, Demand, Event
from timeline.query.index import EventIndex
from timeline.query.ledger import HeldStance, StatusChange, stance_changes, status_changes
from timeline.query.relations import (
    UNKNOWN,
    RelationHistory,
    relation_events,
    relation_history,
    relation_of,
)

MAX_PERIOD_TEXT = 60


class PeriodError(TimelineError):
    """A ``from`` or ``to`` a reader wrote that is not a usable period."""


@dataclass(frozen=True, slots=True)
class Period:
    """``[start, end)`` in UTC, with the texts it was written as."""

    start: datetime
    end: datetime
    first: str  # "from" as written (or the default month)
    last: str  # "to" as written

    @property
    def single(self) -> bool:
        return self.first == self.last


@dataclass(frozen=True, slots=True)
class RelationChange:
    event: Event
    countries: tuple[str, str]  # as the event names them, the one acting first
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Changes:
    """Everything that changed in one campaign during ``period``, oldest first."""

    period: Period
    events: tuple[Event, ...]
    stances: tuple[tuple[HeldStance, str | None], ...]  # (the stance, the one before it)
    statuses: tuple[tuple[Demand, StatusChange], ...]
    relations: tuple[RelationChange, ...]

    @property
    def count(self) -> int:
        return len(self.events) + len(self.stances) + len(self.statuses) + len(self.relations)


def month_text(moment: datetime, timezone: str) -> str:
    """``YYYY-MM`` of the local month ``moment`` falls in."""
    local = moment.astimezone(ZoneInfo(timezone))
    return f"{local.year:04d}-{local.month:02d}"


def last_full_month(today: date) -> str:
    """The month before ``today``'s: ``2025-07-03`` -> ``2025-06``."""
    previous = today.replace(day=1) - timedelta(days=1)
    return f"{previous.year:04d}-{previous.month:02d}"


def shift_month(month: str, by: int) -> str:
    """``shift_month("2025-01", -1)`` -> ``"2024-12"``."""
    number = int(month[:4]) * 12 + int(month[5:7]) - 1 + by
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def _span(text: str, name: str, timezone: str) -> tuple[datetime, datetime]:
    try:
        span = parse_date(text, timezone)
    except DateSyntaxError as error:
        raise PeriodError(f"{name}={text!r} is not a date: {error}") from None
    if span.end is None:
        raise PeriodError(f"{name}={text!r} has no end; write one date, e.g. 2025-05")
    return span.start, span.end


def period_of(first: str, last: str, timezone: str, today: date) -> Period:
    """The period from ``first`` to ``last`` (either may be empty: the other one, or the
    last full month before ``today``); raises :class:`PeriodError` for one that is not."""
    first, last = first.strip()[:MAX_PERIOD_TEXT], last.strip()[:MAX_PERIOD_TEXT]
    if not first and not last:
        first = last = last_full_month(today)
    first, last = first or last, last or first
    start, _ = _span(first, "from", timezone)
    _, end = _span(last, "to", timezone)
    if end <= start:
        raise PeriodError(f"to={last!r} ends before from={first!r} starts; swap them")
    return Period(start, end, first, last)


def neighbours(period: Period, timezone: str) -> tuple[str, str]:
    """The month before the period and the month after it (``YYYY-MM``)."""
    return (month_text(period.start - timedelta(microseconds=1), timezone),
            month_text(period.end, timezone))


def _in(period: Period, event: Event) -> bool:
    return period.start <= event.date.start < period.end


def _relation_changes(history: RelationHistory, events: list[Event], countries: set[str],
                      period: Period) -> Iterator[RelationChange]:
    for event in events:
        if not _in(period, event) or (countries and not countries & set(event.countries)):
            continue
        first, second = sorted(set(event.countries))
        sequence = history.by_country.get(first, {}).get(second, ())
        ids = [e.id for e in sequence]
        if event.id not in ids:
            continue
        position = ids.index(event.id)
        before = relation_of(sequence[position - 1]) if position > 0 else UNKNOWN
        acting = event.countries[0], event.countries[1]
        yield RelationChange(event, acting, before, relation_of(event))


def campaign_changes(dataset: Dataset, index: EventIndex, campaign: Campaign,
                     period: Period, history: RelationHistory | None = None) -> Changes:
    """What changed in ``campaign`` during ``period``. Relation changes are those that
    name one of the campaign's countries (any country when it names none)."""
    positions = sorted(index.by_campaign.get(campaign.id, ()))
    events = tuple(e for e in (index.events[p] for p in positions) if _in(period, e))
    stances = tuple(stance_changes(dataset, index, campaign, period.start, period.end))
    statuses = tuple(status_changes(dataset, campaign, period.start, period.end))
    relations_found = relation_events(index)
    found = history if history is not None else relation_history(relations_found)
    relations = tuple(_relation_changes(found, relations_found, set(campaign.countries),
                                        period))
    return Changes(period, events, stances, statuses, relations)


def monthly_changes(dataset: Dataset, index: EventIndex, campaign: Campaign, today: date,
                    limit: int = 24) -> list[Changes]:
    """The changes of each of the last ``limit`` full months before ``today`` that has
    any, newest first (what the feed's entries are made of)."""
    timezone = dataset.settings.timezone
    history = relation_history(relation_events(index))
    month = last_full_month(today)
    found = []
    for _ in range(limit):
        period = period_of(month, month, timezone, today)
        changes = campaign_changes(dataset, index, campaign, period, history)
        if changes.count:
            found.append(changes)
        month = shift_month(month, -1)
    return found
