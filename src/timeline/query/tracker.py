"""Where a campaign stands: demand tallies, who took which stance, momentum, latest news.

The campaign and actor pages only arrange what these pure functions return. Each
takes the dataset and its :class:`~timeline.query.filters.EventIndex` (built once), so a
page is a handful of set look-ups even with 100,000 events.

A stance belongs to the actors who took it: each of an event's ``demands`` entries
names its holders in ``by``. An actor only named by an event holds no stance there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from timeline.dates import SEASON_START_MONTH
from timeline.model import Campaign, Dataset, Demand, Event
from timeline.query.filters import Filters
from timeline.query.index import EventIndex
from timeline.vocab import STANCES


def _newest_first(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.date.start, e.id), reverse=True)


def _at(index: EventIndex, positions: Iterable[int]) -> list[Event]:
    """The events at ``positions``, in the dataset's date order."""
    return [index.events[p] for p in sorted(positions)]


def campaign_events(index: EventIndex, campaign_id: str) -> list[Event]:
    """Every event of a campaign (named in ``campaigns`` or through a demand), oldest first."""
    return _at(index, index.by_campaign.get(campaign_id, ()))


def actor_events(index: EventIndex, actor_id: str) -> list[Event]:
    """Every event that names the actor, oldest first."""
    return _at(index, index.by_actor.get(actor_id, ()))


def ranked_actors(events: Iterable[Event]) -> list[tuple[str, int]]:
    """Actor ids by the number of ``events`` naming them, most first, then by id."""
    counts = Counter(actor for event in events for actor in dict.fromkeys(event.actors))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


# ------------------------------------------------------------------ demands


@dataclass(frozen=True, slots=True)
class StanceTally:
    """The events linked to one demand with one stance, and the actors holding it there."""

    stance: str
    events: tuple[Event, ...]  # oldest first
    actors: tuple[str, ...]  # who took that stance in those events, most often first

    @property
    def count(self) -> int:
        return len(self.events)


@dataclass(frozen=True, slots=True)
class DemandTally:
    """A demand with its status, the event that decided it, and a tally per stance."""

    campaign: str
    demand: Demand
    decided_by: Event | None
    stances: tuple[StanceTally, ...]  # one per stance, in vocab.STANCES order, zeros too

    @property
    def ref(self) -> str:
        """How events name the demand: ``<campaign-id>/<demand-id>``."""
        return f"{self.campaign}/{self.demand.id}"

    @property
    def total(self) -> int:
        """Linked events, each counted once even if it links the demand twice."""
        return len({e.id for tally in self.stances for e in tally.events})

    def tally(self, stance: str) -> StanceTally:
        return next(t for t in self.stances if t.stance == stance)


def demand_tallies(dataset: Dataset, index: EventIndex, campaign: Campaign,
                   cutoff: datetime | None = None) -> list[DemandTally]:
    """Each demand of ``campaign``, in the campaign's order, with its tallies by stance,
    counting the events that start before ``cutoff`` (None: all)."""
    tallies = []
    for demand in campaign.demands:
        ref = f"{campaign.id}/{demand.id}"
        stances = []
        for stance in STANCES:
            events = _at(index, index.by_demand.get((ref, stance), ()))
            if cutoff is not None:
                events = [e for e in events if e.date.start < cutoff]
            actors = tuple(actor for actor, _ in _ranked_holders(events, ref, stance))
            stances.append(StanceTally(stance, tuple(events), actors))
        decided = dataset.event(demand.decided_by) if demand.decided_by else None
        tallies.append(DemandTally(campaign.id, demand, decided, tuple(stances)))
    return tallies


def _ranked_holders(events: Iterable[Event], ref: str, stance: str) -> list[tuple[str, int]]:
    """Who took ``stance`` on ``ref`` in ``events``, by how many of them, then by id."""
    counts = Counter(actor for event in events
                     for actor in dict.fromkeys(holder for link in event.demands
                                                if link.demand == ref and link.stance == stance
                                                for holder in link.by))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def tally_filters(demand_ref: str, stance: str, language: str = "", until: str = ""
                  ) -> Filters:
    """The timeline view of the events linked to a demand with a stance (up to the end
    of the date ``until``, when given)."""
    return Filters(demand=(demand_ref,), stance=(stance,), lang=language, date_to=until)


@dataclass(frozen=True, slots=True)
class ActorStance:
    """One stance on one demand, taken by the actor in an event."""

    event: Event
    demand_ref: str
    stance: str
    campaign: Campaign | None
    demand: Demand | None


def actor_stances(dataset: Dataset, index: EventIndex, actor_id: str) -> list[ActorStance]:
    """The stances ``actor_id`` took on demands, newest first."""
    found = []
    for event in _newest_first(actor_events(index, actor_id)):
        for link in event.demands:
            if actor_id not in link.by:
                continue
            campaign = dataset.campaigns.get(link.campaign)
            demand = campaign.demand(link.demand.split("/", 1)[-1]) if campaign else None
            found.append(ActorStance(event, link.demand, link.stance, campaign, demand))
    return found


# ------------------------------------------------------------------ momentum


def month_of(event: Event) -> str:
    """The month an event is counted in: its first month as written, ``YYYY-MM``.

    A date known only to the year counts in January, a season in its first month; the
    written date is used, not UTC, so an event on the 1st never slips into the month
    before.
    """
    part = event.date.lower
    month = part.month or SEASON_START_MONTH.get(part.season or 0, 1)
    return f"{part.year:04d}-{month:02d}"


@dataclass(frozen=True, slots=True)
class Momentum:
    """Events per month and type, every month from the first to the last (zeros too)."""

    months: tuple[str, ...]  # "YYYY-MM", consecutive
    counts: dict[str, tuple[int, ...]]  # event type -> count per month, types in first-seen order

    @property
    def total(self) -> int:
        return sum(sum(values) for values in self.counts.values())


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:])
    end = (int(last[:4]), int(last[5:]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def momentum(events: Sequence[Event], since: datetime | None = None) -> Momentum:
    """Count ``events`` (those starting at or after ``since``) per month and type."""
    chosen = [e for e in events if since is None or e.date.start >= since]
    if not chosen:
        return Momentum((), {})
    per_event = [(month_of(e), e.type) for e in chosen]
    months = _months_between(min(m for m, _ in per_event), max(m for m, _ in per_event))
    position = {m: i for i, m in enumerate(months)}
    counts: dict[str, list[int]] = {}
    for month, type_ in per_event:
        counts.setdefault(type_, [0] * len(months))[position[month]] += 1
    return Momentum(tuple(months), {t: tuple(v) for t, v in counts.items()})


def latest_events(events: Iterable[Event], limit: int = 5) -> list[Event]:
    """The ``limit`` most recent events, newest first (by start, then id)."""
    return _newest_first(events)[:limit]


def most_involved(events: Iterable[Event], limit: int = 8) -> list[tuple[str, int]]:
    """The ``limit`` actors named by most of ``events``, with their counts."""
    return ranked_actors(events)[:limit]
