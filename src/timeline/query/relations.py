"""Diplomatic relations between countries as of a date, derived from relation events.

A relation event (``relations-broken``, ``-downgraded``, ``-restored``,
``-established``, ``ambassador-recalled``, ``diplomat-expelled``) names exactly two
countries and sets the status of that unordered pair (``vocab.EventType.relation``).
The status of a pair as of a date D is set by the latest of its relation events
whose span *starts* before D is over; with none, the pair is "established or
unknown" (:data:`UNKNOWN`).

Rules a reader may ask about:

- A date known only to the month or year (``2025-05``, ``1952``), or an interval
  (``2024-04-06/..``), counts from the start of its span; a :class:`Relation`
  says when its deciding date is coarser than a day (:attr:`Relation.coarse`).
- Two events for one pair that start at the same instant (typically the same day)
  are ordered by event id, that is by file name: the one whose id sorts last
  decides. A contributor who needs a particular order on one day names the files
  accordingly (``...-a``, ``...-b``).
- D itself is a record date; its whole span counts (``--on 2025-06`` means "by
  the end of June 2025"), in the dataset's time zone.

Everything here is pure: "today" is a parameter and nothing reads the clock.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from timeline.dates import DateSpan, parse_date
from timeline.errors import DateSyntaxError, TimelineError
from timeline.i18n.countries import is_country, suggest_country
from timeline.model import Dataset, Event
from timeline.query.index import EventIndex
from timeline.vocab import RELATION_TYPE_IDS, event_type

UNKNOWN = "unknown"
"""The status of a pair with no relation event yet: established or unknown."""

STATUSES: tuple[str, ...] = ("broken", "downgraded", "restored", "established", UNKNOWN)
"""Every status, the worst first (the order of legends and of the map's colours)."""

_FINE_PRECISIONS = frozenset({"day", "minute"})


class RelationsError(TimelineError):
    """A country or date a user asked about that cannot be answered."""


@dataclass(frozen=True, slots=True)
class Relation:
    """The status of the chosen country's relations with ``country`` as of a date."""

    country: str
    status: str
    event: Event | None = None  # the deciding event; None while UNKNOWN

    @property
    def since(self) -> str | None:
        """The deciding event's date as written in its record."""
        return self.event.date.text if self.event is not None else None

    @property
    def date(self) -> DateSpan | None:
        return self.event.date if self.event is not None else None

    @property
    def coarse(self) -> bool:
        """True when the deciding date is known only to the month, season, year or less,
        so the status is counted from the start of that span."""
        return self.event is not None and self.event.date.precision not in _FINE_PRECISIONS

    def as_dict(self) -> dict[str, str | None]:
        """The row as ``timeline relations --format json`` prints it."""
        return {"country": self.country, "status": self.status, "since": self.since,
                "event": self.event.id if self.event is not None else None}


@dataclass(frozen=True, slots=True)
class RelationHistory:
    """Every relation event of a dataset, grouped by country and partner, in order.

    Built once per dataset (:func:`relation_history`); each question afterwards is a
    binary search per partner.
    """

    by_country: Mapping[str, Mapping[str, tuple[Event, ...]]]
    counts: Mapping[str, int]  # how many relation events name each country

    def countries(self) -> list[str]:
        """Every country named by a relation event, most often named first, then by code."""
        return sorted(self.counts, key=lambda code: (-self.counts[code], code))

    def default_country(self) -> str | None:
        """The country that appears in the most relation events (ties: lowest code)."""
        ordered = self.countries()
        return ordered[0] if ordered else None

    def partners(self, country: str) -> list[str]:
        """The countries any relation event pairs with ``country``, sorted by code."""
        return sorted(self.by_country.get(country, {}))

    def statuses(self, country: str, cutoff: datetime) -> list[Relation]:
        """The status with every partner of ``country`` counting events starting before
        ``cutoff`` (exclusive, UTC), sorted by partner code."""
        rows = []
        for partner, events in sorted(self.by_country.get(country, {}).items()):
            starts = [e.date.start for e in events]
            decided = bisect_left(starts, cutoff)
            if decided == 0:
                rows.append(Relation(partner, UNKNOWN))
            else:
                event = events[decided - 1]
                rows.append(Relation(partner, relation_of(event), event))
        return rows


def relation_of(event: Event) -> str:
    """The status a relation event sets."""
    status = event_type(event.type).relation
    assert status is not None, f"{event.type} is not a relation type"
    return status


def is_relation_event(event: Event) -> bool:
    """A relation-type event naming two distinct countries (the validator insists)."""
    return event.type in RELATION_TYPE_IDS and len(set(event.countries)) == 2


def _order(event: Event) -> tuple[datetime, str]:
    return event.date.start, event.id


def relation_history(events: Iterable[Event]) -> RelationHistory:
    """Group the relation events among ``events`` by unordered country pair."""
    pairs: dict[str, dict[str, list[Event]]] = defaultdict(lambda: defaultdict(list))
    counts: Counter[str] = Counter()
    for event in events:
        if not is_relation_event(event):
            continue
        first, second = sorted(set(event.countries))
        pairs[first][second].append(event)
        pairs[second][first].append(event)
        counts.update((first, second))
    frozen = {country: {partner: tuple(sorted(found, key=_order))
                        for partner, found in partners.items()}
              for country, partners in pairs.items()}
    return RelationHistory(frozen, dict(counts))


def relation_events(index: EventIndex) -> list[Event]:
    """The relation-type events of an indexed dataset, found through the type index
    (a page then groups hundreds of events, not the whole dataset)."""
    positions = sorted(p for type_id in RELATION_TYPE_IDS
                       for p in index.by_type.get(type_id, ()))
    return [index.events[p] for p in positions]


def check_country(value: str) -> str:
    """The ISO code for ``value`` (any case), or a :class:`RelationsError` with a hint."""
    code = value.strip().upper()
    if is_country(code):
        return code
    hint = suggest_country(value)
    suggestion = f"; did you mean {hint}?" if hint else ""
    raise RelationsError(
        f"{value!r} is not an ISO 3166-1 alpha-2 country code (e.g. IL, MX){suggestion}")


def cutoff_of(on: str, timezone: str = "UTC") -> datetime:
    """The instant after the date ``on`` (record syntax, one date, in ``timezone``).

    Events that start before it count: a whole day, month or year ``on`` counts.
    """
    text = on.strip()
    try:
        span = parse_date(text, timezone)
    except DateSyntaxError as error:
        raise RelationsError(f"{on!r} is not a date: {error}; write e.g. 2025-06-01, "
                             "2025-06 or 2025") from None
    if span.is_interval or span.end is None:
        raise RelationsError(f"{on!r} is an interval; give one date, e.g. 2025-06-01")
    return span.end


def relations_on(dataset: Dataset, country: str, on: str | None, *, today: date,
                 history: RelationHistory | None = None) -> list[Relation]:
    """The status of ``country``'s relations with each partner as of ``on`` (default:
    ``today``), in the dataset's time zone; raises :class:`RelationsError` for a bad
    country code or date."""
    code = check_country(country)
    cutoff = cutoff_of(on if on else today.isoformat(), dataset.settings.timezone)
    found = history if history is not None else relation_history(dataset.events)
    return found.statuses(code, cutoff)


def dataset_span(dataset: Dataset, today: date) -> tuple[date, date]:
    """The days a reader may ask about on the relations page: from the dataset's first
    day to its last, or to ``today`` when that is later (the current state is always a
    fair question), as local days in the dataset's time zone."""
    zone = ZoneInfo(dataset.settings.timezone)
    if not dataset.events:
        return today, today
    first = min(e.date.start for e in dataset.events).astimezone(zone).date()
    last = max((e.date.end or e.date.start) for e in dataset.events)
    last_day = (last - timedelta(microseconds=1)).astimezone(zone).date()
    return first, max(first, last_day, today)
