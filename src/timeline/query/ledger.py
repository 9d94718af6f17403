"""The stance ledger: who holds which stance on each demand, since when, as of any date.

A stance is held by the actors an event's ``demands`` entry names in ``by``. An
actor's stances on one demand form a history; the latest one is their current
stance. The rules, the same as for diplomatic relations (:mod:`timeline.query.relations`):

- Stances are ordered by the start of their event's date, then by event id (file
  name), then by their place in the event's list: of two stances on one day, the
  event whose id sorts last decides, and within one event the later entry does.
- A date known only to the month or year, approximate or uncertain, counts from the
  start of its span; :attr:`HeldStance.fuzzy` says so, and the pages say it too.
- "As of D" counts the stances whose event starts before D is over (``cutoff``,
  exclusive, from :func:`timeline.query.relations.cutoff_of`).

A demand's status history comes from its campaign record: ``open`` until the event
named in ``decided_by`` (if any), then the recorded status. A status other than
``open`` without a deciding event has no known date and holds throughout.

Everything is pure: no clock, no I/O.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from timeline.dates import DateSpan
from timeline.model import Campaign, Dataset, Demand, Event, LocalText
from timeline.query.index import EventIndex
from timeline.vocab import STANCES

_FINE_PRECISIONS = frozenset({"day", "minute"})


@dataclass(frozen=True, slots=True)
class HeldStance:
    """One stance one actor took on one demand in one event."""

    actor: str
    demand: str  # "<campaign-id>/<demand-id>"
    stance: str
    event: Event
    quote: LocalText | None = None
    order: int = 0  # the entry's place in the event's ``demands``

    @property
    def date(self) -> DateSpan:
        return self.event.date

    @property
    def fuzzy(self) -> bool:
        """True when the date is coarser than a day, approximate or uncertain: it is
        ordered by the start of its span."""
        span = self.event.date
        return span.approximate or span.uncertain or span.precision not in _FINE_PRECISIONS

    def key(self) -> tuple[datetime, str, int]:
        return self.event.date.start, self.event.id, self.order


@dataclass(frozen=True, slots=True)
class Position:
    """An actor's stance on a demand: the current one, since when, and the earlier ones."""

    actor: str
    current: HeldStance  # the latest
    since: HeldStance  # the first of the unbroken run of ``current.stance`` up to now
    earlier: tuple[HeldStance, ...]  # every stance before ``current``, newest first

    @property
    def stance(self) -> str:
        return self.current.stance

    @property
    def fuzzy(self) -> bool:
        return self.since.fuzzy or self.current.fuzzy

    @property
    def changes(self) -> tuple[HeldStance, ...]:
        """The earlier stances as they changed: the first stance of each earlier run of
        one stance, newest first (a stance repeated a thousand times is one entry)."""
        found: list[HeldStance] = []
        for held in reversed(self.earlier):  # oldest first
            if not found or found[-1].stance != held.stance:
                found.append(held)
        runs = [h for h in found if h.key() < self.since.key()]
        return tuple(reversed(runs))

    @property
    def quote(self) -> LocalText | None:
        """The words behind the current stance: the latest quoted in its run."""
        for held in (self.current, *self.earlier):
            if held.key() < self.since.key():
                break
            if held.quote:
                return held.quote
        return None


@dataclass(frozen=True, slots=True)
class StatusChange:
    """A demand's status from ``event``'s date on (``event`` None: from the start)."""

    status: str
    event: Event | None = None

    @property
    def since(self) -> DateSpan | None:
        return self.event.date if self.event is not None else None


@dataclass(frozen=True, slots=True)
class DemandLedger:
    """One demand as of a date: its status, its status history and every position."""

    campaign: str
    demand: Demand
    status: StatusChange  # the one in force
    history: tuple[StatusChange, ...]  # oldest first, up to the date
    positions: tuple[Position, ...]  # by stance (vocabulary order), then since, then actor

    @property
    def ref(self) -> str:
        return f"{self.campaign}/{self.demand.id}"

    def actor_counts(self) -> dict[str, int]:
        """How many actors hold each stance now, every stance (zeros too)."""
        counts = Counter(p.stance for p in self.positions)
        return {stance: counts.get(stance, 0) for stance in STANCES}

    def holders(self, stance: str) -> list[Position]:
        return [p for p in self.positions if p.stance == stance]


def held_stances(events: Iterable[Event]) -> list[HeldStance]:
    """Every stance every holder took in ``events``, in ledger order."""
    found = [HeldStance(actor, link.demand, link.stance, event, link.quote, order)
             for event in events
             for order, link in enumerate(event.demands)
             for actor in dict.fromkeys(link.by)]
    found.sort(key=HeldStance.key)
    return found


def positions_of(history: Iterable[HeldStance]) -> list[Position]:
    """Each actor's position on each demand from their stances (any order), grouped
    by demand then actor as first seen in ledger order."""
    grouped: dict[tuple[str, str], list[HeldStance]] = {}
    for held in sorted(history, key=HeldStance.key):
        grouped.setdefault((held.demand, held.actor), []).append(held)
    positions = []
    for (_, actor), stances in grouped.items():
        current = stances[-1]
        start = len(stances) - 1
        while start > 0 and stances[start - 1].stance == current.stance:
            start -= 1
        positions.append(Position(actor, current, stances[start],
                                  tuple(reversed(stances[:-1]))))
    return positions


def status_history(dataset: Dataset, demand: Demand) -> tuple[StatusChange, ...]:
    """The demand's statuses, oldest first, as its campaign record gives them."""
    decided = dataset.event(demand.decided_by) if demand.decided_by else None
    if demand.status == "open":
        return (StatusChange("open"),)
    if decided is None:
        return (StatusChange(demand.status),)  # no known date: it holds throughout
    return (StatusChange("open"), StatusChange(demand.status, decided))


def _before(cutoff: datetime | None, event: Event | None) -> bool:
    return cutoff is None or event is None or event.date.start < cutoff


_STANCE_RANK = {stance: rank for rank, stance in enumerate(STANCES)}


def campaign_ledger(dataset: Dataset, index: EventIndex, campaign: Campaign,
                    cutoff: datetime | None = None) -> list[DemandLedger]:
    """Each demand of ``campaign``, in the campaign's order, as of ``cutoff``
    (exclusive; None: everything recorded)."""
    positions = sorted(index.by_campaign.get(campaign.id, ()))
    events = [index.events[p] for p in positions]
    held = [h for h in held_stances(e for e in events if _before(cutoff, e))
            if h.demand.startswith(campaign.id + "/")]
    by_demand: dict[str, list[Position]] = {}
    for position in positions_of(held):
        by_demand.setdefault(position.current.demand, []).append(position)
    ledgers = []
    for demand in campaign.demands:
        ref = f"{campaign.id}/{demand.id}"
        found = sorted(by_demand.get(ref, []),
                       key=lambda p: (_STANCE_RANK.get(p.stance, len(STANCES)),
                                      p.since.key(), p.actor))
        history = tuple(c for c in status_history(dataset, demand) if _before(cutoff, c.event))
        ledgers.append(DemandLedger(campaign.id, demand, history[-1], history, tuple(found)))
    return ledgers


def actor_positions(dataset: Dataset, index: EventIndex, actor_id: str,
                    cutoff: datetime | None = None) -> list[Position]:
    """The actor's position on every demand they took a stance on, newest first."""
    events = [index.events[p] for p in sorted(index.by_actor.get(actor_id, ()))]
    held = [h for h in held_stances(e for e in events if _before(cutoff, e))
            if h.actor == actor_id]
    return sorted(positions_of(held), key=lambda p: p.current.key(), reverse=True)


def stance_changes(dataset: Dataset, index: EventIndex, campaign: Campaign,
                   start: datetime, end: datetime) -> list[tuple[HeldStance, str | None]]:
    """The stances taken on ``campaign``'s demands by events starting in [start, end),
    each with the holder's stance before it (None: their first), oldest first.

    A stance repeated unchanged is left out: it is not a change.
    """
    events = [index.events[p] for p in sorted(index.by_campaign.get(campaign.id, ()))]
    held = [h for h in held_stances(e for e in events if e.date.start < end)
            if h.demand.startswith(campaign.id + "/")]
    previous: dict[tuple[str, str], str] = {}
    changes = []
    for item in held:
        key = (item.demand, item.actor)
        before = previous.get(key)
        if item.event.date.start >= start and before != item.stance:
            changes.append((item, before))
        previous[key] = item.stance
    return changes


def status_changes(dataset: Dataset, campaign: Campaign, start: datetime, end: datetime
                   ) -> list[tuple[Demand, StatusChange]]:
    """The demands of ``campaign`` whose status changed in [start, end), with the change."""
    found = []
    for demand in campaign.demands:
        for change in status_history(dataset, demand):
            if change.event is not None and start <= change.event.date.start < end:
                found.append((demand, change))
    return found


def ledger_rows(ledgers: Iterable[DemandLedger]) -> list[dict[str, object]]:
    """One row per demand and actor, as ``timeline stances --format json/csv`` prints
    them: ids and record dates, no interface words."""
    rows: list[dict[str, object]] = []
    for ledger in ledgers:
        for position in ledger.positions:
            rows.append({
                "demand": ledger.ref, "demand_status": ledger.status.status,
                "actor": position.actor, "stance": position.stance,
                "since": position.since.date.text, "since_event": position.since.event.id,
                "event": position.current.event.id,
                "fuzzy_date": position.fuzzy,
                "quote": dict(position.quote) if position.quote else None,
                "earlier": [{"stance": h.stance, "date": h.date.text, "event": h.event.id}
                            for h in position.changes],
            })
    return rows
