"""The normalised records every later stage reads: frozen, typed, free of I/O.

Text that may come in several languages is a ``LocalText``: a mapping from
language code to text, in the order the record wrote it (a plain string in a
record becomes the dataset's default language).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from timeline.dates import DateSpan

LocalText = Mapping[str, str]


def localise(text: LocalText | None, language: str, default: str = "") -> str:
    """``text`` in ``language``, else in the record's first language."""
    if not text:
        return default
    found = text.get(language)
    if found is not None:
        return found
    return next(iter(text.values()))


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    language: str | None = None
    archive_url: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class DemandLink:
    """A stance on a demand, held by the actors in ``by`` (all among the event's actors)."""

    demand: str  # "<campaign-id>/<demand-id>"
    stance: str
    by: tuple[str, ...] = ()
    quote: LocalText | None = None  # the words said, when the record quotes them

    @property
    def campaign(self) -> str:
        return self.demand.split("/", 1)[0]


@dataclass(frozen=True, slots=True)
class Media:
    """A picture, video, sound or document about an event: a local ``file`` (a path under
    the data folder's ``media/``, images only) or an http(s) ``url``."""

    kind: str  # image, video, audio or document
    file: str | None = None
    url: str | None = None
    caption: LocalText | None = None
    credit: str | None = None
    alt: LocalText | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    path: str
    title: LocalText
    date: DateSpan
    type: str
    countries: tuple[str, ...]
    sources: tuple[Source, ...]
    timezone: str | None = None
    actors: tuple[str, ...] = ()
    campaigns: tuple[str, ...] = ()
    demands: tuple[DemandLink, ...] = ()
    location: Location | None = None
    summary: LocalText | None = None
    tags: tuple[str, ...] = ()
    media: tuple[Media, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    path: str
    name: LocalText
    kind: str = "other"
    countries: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    url: str | None = None
    description: LocalText | None = None


@dataclass(frozen=True, slots=True)
class Demand:
    id: str
    text: LocalText
    status: str = "open"
    decided_by: str | None = None


@dataclass(frozen=True, slots=True)
class Campaign:
    id: str
    path: str
    name: LocalText
    description: LocalText | None = None
    countries: tuple[str, ...] = ()
    started: DateSpan | None = None
    demands: tuple[Demand, ...] = ()

    def demand(self, demand_id: str) -> Demand | None:
        return next((d for d in self.demands if d.id == demand_id), None)


@dataclass(frozen=True, slots=True)
class Settings:
    title: LocalText = field(default_factory=lambda: {"en": "Timeline"})
    description: LocalText | None = None
    languages: tuple[str, ...] = ("en",)
    timezone: str = "UTC"
    repository: str | None = None
    branch: str = "main"  # the repository's branch that proposals are made against

    @property
    def default_language(self) -> str:
        return self.languages[0]


@dataclass(frozen=True, slots=True)
class Dataset:
    """A whole validated data folder; events sorted by start, then id."""

    settings: Settings
    events: tuple[Event, ...]
    actors: Mapping[str, Actor]
    campaigns: Mapping[str, Campaign]
    folder: str = ""
    left_out: int = 0  # invalid records skipped when serving with --allow-invalid

    by_id: Mapping[str, Event] = field(default_factory=dict)

    @classmethod
    def build(cls, settings: Settings, events: list[Event], actors: Mapping[str, Actor],
              campaigns: Mapping[str, Campaign], folder: str = "",
              left_out: int = 0) -> Dataset:
        """Sort the events and index them by id."""
        ordered = tuple(sorted(events, key=lambda e: (e.date.start, e.id)))
        return cls(settings, ordered, dict(actors), dict(campaigns), folder, left_out,
                   {e.id: e for e in ordered})

    def event(self, event_id: str) -> Event | None:
        return self.by_id.get(event_id)
