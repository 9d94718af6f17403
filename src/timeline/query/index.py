"""The index of a dataset: each filterable value -> the positions of its events.

Built once per dataset, it answers a :class:`~timeline.query.filters.Filters` with set
operations, which keeps a filter over 100,000 events in milliseconds. OR within one
filter, AND across filters.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from timeline.folding import fold
from timeline.model import Dataset, Event
from timeline.query.filters import Filters, date_bound


@dataclass(slots=True)
class EventIndex:
    """Look-ups from each filterable value to the positions of its events."""

    events: tuple[Event, ...]
    timezone: str = "UTC"  # the dataset's zone, in which filter bounds are read
    by_country: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_actor: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_type: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_campaign: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_tag: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    by_demand: dict[tuple[str, str], set[int]] = field(
        default_factory=lambda: defaultdict(set))
    haystacks: list[str] = field(default_factory=list)
    position: dict[str, int] = field(default_factory=dict)
    starts: list[datetime] = field(default_factory=list)
    ends: list[datetime | None] = field(default_factory=list)


def build_index(dataset: Dataset) -> EventIndex:
    """Index a dataset once; every filter afterwards is set arithmetic."""
    index = EventIndex(dataset.events, timezone=dataset.settings.timezone)
    actor_text = {
        actor.id: " ".join([*actor.name.values(), *actor.aliases])
        for actor in dataset.actors.values()
    }
    for position, event in enumerate(dataset.events):
        index.position[event.id] = position
        for country in event.countries:
            index.by_country[country].add(position)
        for actor in event.actors:
            index.by_actor[actor].add(position)
        index.by_type[event.type].add(position)
        campaigns = set(event.campaigns) | {link.campaign for link in event.demands}
        for campaign in campaigns:
            index.by_campaign[campaign].add(position)
        for tag in event.tags:
            index.by_tag[tag].add(position)
        for link in event.demands:
            index.by_demand[(link.demand, link.stance)].add(position)
        parts = [*event.title.values(), *(event.summary or {}).values(),
                 *(actor_text.get(a, a) for a in event.actors), *event.tags,
                 event.location.name if event.location and event.location.name else ""]
        index.haystacks.append(fold(" ".join(parts)))
        index.starts.append(event.date.start)
        index.ends.append(event.date.end)
    mappings: tuple[Any, ...] = (index.by_country, index.by_actor, index.by_type,
                                 index.by_campaign, index.by_tag, index.by_demand)
    for mapping in mappings:
        mapping.default_factory = None  # look-ups of absent keys no longer add them
    return index


def _any_of(mapping: Mapping[str, set[int]], values: Iterable[str]) -> set[int]:
    found: set[int] = set()
    for value in values:
        found |= mapping.get(value, set())
    return found


def filter_positions(index: EventIndex, filters: Filters) -> list[int]:
    """Positions (in date order) of the events that pass every filter."""
    selected: set[int] | None = None
    for mapping, values in ((index.by_country, filters.country), (index.by_actor, filters.actor),
                            (index.by_type, filters.type),
                            (index.by_campaign, filters.campaign), (index.by_tag, filters.tag)):
        if values:
            matched = _any_of(mapping, values)
            selected = matched if selected is None else selected & matched
    if filters.demand or filters.stance:
        matched = {p for (ref, stance), found in index.by_demand.items()
                   if (not filters.demand or ref in filters.demand)
                   and (not filters.stance or stance in filters.stance) for p in found}
        selected = matched if selected is None else selected & matched
    candidates: Iterable[int] = sorted(selected) if selected is not None else range(
        len(index.events))
    # A bound is read in the dataset's zone, as the records' own dates are.
    low = date_bound(filters.date_from, index.timezone)
    high = date_bound(filters.date_to, index.timezone)
    if low or high:
        start_limit = high[1] if high else None
        end_limit = low[0] if low else None
        starts, ends = index.starts, index.ends
        candidates = [
            p for p in candidates
            if (start_limit is None or starts[p] < start_limit)
            and (end_limit is None or ends[p] is None or ends[p] > end_limit)  # type: ignore[operator]
        ]
    words = fold(filters.q).split()
    if words:
        haystacks = index.haystacks
        # One pass per word over the survivors: twice as fast as all() over a
        # generator per event (the search is ~50 ms, not ~100, at 100,000 events).
        for word in words:
            candidates = [p for p in candidates if word in haystacks[p]]
    return list(candidates)


def filter_events(dataset: Dataset, filters: Filters, index: EventIndex | None = None
                  ) -> list[Event]:
    """The events that pass ``filters``, in date order."""
    index = index or build_index(dataset)
    return [index.events[p] for p in filter_positions(index, filters)]
