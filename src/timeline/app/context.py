"""What every page of the app reads: the dataset, its index, settings and caches.

An :class:`AppContext` holds the dataset, its index, the settings and the caches of
what is derived from them, nothing else: what things are called and where they link
to are in :mod:`timeline.query.labels`, the figures' words in
:mod:`timeline.figures.text`. It is built once per app by :func:`build_context` and
never changes afterwards, so several worker processes can each hold one and serve any
request (the app keeps no per-reader state on the server). The caches are bounded and
private to the context, never module globals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

import plotly.graph_objects as go

from timeline.figures import momentum as momentum_figures
from timeline.figures import shared
from timeline.figures import timeline as figures
from timeline.figures.text import event_hover, figure_texts
from timeline.i18n.catalogue import Translate, translator
from timeline.model import Dataset, localise
from timeline.query.actor_search import ActorSearch
from timeline.query.filters import Filters, date_bound
from timeline.query.index import EventIndex, build_index, filter_positions
from timeline.query.labels import event_title, lane_label


@dataclass(frozen=True, slots=True)
class AppSettings:
    """How the app behaves, independent of the data it serves."""

    debug: bool = False
    title: str | None = None  # overrides the dataset's title in the header
    today: date | None = None  # "now" for ongoing spans; tests freeze it
    max_marks: int = 2000  # above this many events in view, draw density instead
    max_bins: int = 160  # density bins across the visible window
    max_lanes: int = 24
    page_size: int = 30  # list rows sent at a time (each re-rendered on every change)
    cache_size: int = 128  # filtered views kept per process
    hover_cache: int = 65_536  # events' hover texts kept per process (all languages)
    warm: bool = True  # compute the default view at start so the first reader waits less
    max_request_bytes: int = 256 * 1024  # a bigger request body is refused (413)
    export_limit: int = 10_000  # events in one download (/export/...); more answers 413
    # icalendar folds lines a character at a time: ~1.8 ms an event (bench_exports.py)
    calendar_limit: int = 2_000  # events in one /export/events.ics
    api_page_size: int = 100  # items in one /api page unless per_page= says otherwise
    api_max_page_size: int = 500
    # The site's public address (https://example.org) for canonical links, previews and
    # the sitemap; None takes it from each request. See app/html/links.py.
    base_url: str | None = None


class AppContext:
    """The dataset, its index and the derived, cached views every page uses."""

    def __init__(self, dataset: Dataset, settings: AppSettings, today: date,
                 index: EventIndex) -> None:
        self.dataset = dataset
        self.settings = settings
        self.today = today
        self.index = index
        self.table = shared.event_table(dataset.events, today)
        self.languages: tuple[str, ...] = tuple(dataset.settings.languages) or ("en",)
        self.default_language = self.languages[0]
        self._positions = lru_cache(maxsize=settings.cache_size)(self._compute_positions)
        self._lanes = lru_cache(maxsize=settings.cache_size)(self._compute_lanes)
        self._timeline_parts = lru_cache(maxsize=settings.cache_size)(
            self._compute_timeline_parts)
        self._momentum = lru_cache(maxsize=settings.cache_size)(self._compute_momentum)
        self._lane_indexes = lru_cache(maxsize=len(figures.LANE_MODES))(
            self._compute_lane_index)
        self._texts = lru_cache(maxsize=16)(self._compute_texts)
        self._hovers = lru_cache(maxsize=settings.hover_cache)(self._compute_hover)
        self._actor_search = lru_cache(maxsize=1)(self._compute_actor_search)

    # ------------------------------------------------------------ language

    def language(self, requested: str | None) -> str:
        """``requested`` if the dataset offers it, else the dataset's default language."""
        return requested if requested in self.languages else self.default_language

    def translator(self, language: str) -> Translate:
        return translator(language)

    def title(self, language: str) -> str:
        return self.settings.title or localise(self.dataset.settings.title, language,
                                               "Timeline")

    def actor_search(self) -> ActorSearch:
        """The registry's actors as the form's pickers search them; built on first use."""
        return self._actor_search()

    def _compute_actor_search(self) -> ActorSearch:
        return ActorSearch.of(self.dataset)

    # ------------------------------------------------------------ filters and views

    def filters(self, query: str | None) -> Filters:
        """The reader's view from a URL query, every unknown value dropped."""
        return Filters.from_query(query or "").restrict(self.index, self.languages)

    @staticmethod
    def narrowing(filters: Filters) -> Filters:
        """The part of a view that decides which events pass (the cache key)."""
        return replace(filters, event="", lang="", lanes="type")

    def positions(self, filters: Filters) -> tuple[int, ...]:
        """Positions (date order) of the events that pass ``filters``; cached."""
        return self._positions(self.narrowing(filters))

    def _compute_positions(self, filters: Filters) -> tuple[int, ...]:
        return tuple(filter_positions(self.index, filters))

    def lanes(self, filters: Filters, language: str) -> figures.Lanes:
        return self._lanes(self.narrowing(filters), filters.lanes, language)

    def _compute_lanes(self, narrowing: Filters, mode: str, language: str) -> figures.Lanes:
        return figures.choose_lanes(self.dataset.events, self.positions(narrowing), mode,
                                    lane_label(self.dataset, mode, language),
                                    max_lanes=self.settings.max_lanes,
                                    index=self.lane_index(mode))

    def lane_index(self, mode: str) -> figures.LaneIndex:
        """The index's own sets for a lane mode, so lanes are counted with set operations."""
        return self._lane_indexes(mode)

    def _compute_lane_index(self, mode: str) -> figures.LaneIndex:
        index = self.index
        members = {"country": index.by_country, "actor": index.by_actor,
                   "campaign": index.by_campaign}.get(mode, index.by_type)
        total = len(index.events)
        keyed: set[int] = set().union(*members.values()) if members else set()
        empty = frozenset(set(range(total)) - keyed) if len(keyed) < total else frozenset()
        return figures.LaneIndex(members, empty, total)

    def full_range(self, filters: Filters) -> tuple[float, float]:
        """The x range of a view: its date filter if any, else its events, padded."""
        positions = self.positions(filters)
        bounds = shared.extent(self.table, positions)
        today = shared.date_ms(self.today)
        low, high = bounds if bounds else (today - 365 * shared.DAY_MS, today)
        if filters.date_from:
            low = self._bound(filters.date_from, start=True, fallback=low)
        if filters.date_to:
            high = self._bound(filters.date_to, start=False, fallback=high)
        return shared.pad(low, high)

    def _bound(self, text: str, *, start: bool, fallback: float) -> float:
        found = date_bound(text, self.dataset.settings.timezone)
        if not found:
            return fallback
        return shared.ms(found[0] if start else found[1])

    def view(self, filters: Filters, language: str,
             window: tuple[float, float] | None = None) -> figures.TimelineView:
        """A view of ``filters`` showing ``window``; by default, where its events are
        (the whole range when the reader chose dates, or when they are spread out)."""
        full = self.full_range(filters)
        if window is None and not (filters.date_from or filters.date_to):
            found = shared.focus(self.table, self.positions(filters))
            window = shared.pad(*found) if found else None
        return figures.TimelineView(self.positions(filters), self.lanes(filters, language),
                                    window or full, full)

    def timeline_parts(self, filters: Filters, language: str) -> dict[str, Any]:
        """The whole-view timeline as plain data ({data, layout, marks}); cached.

        Going back to a view seen before (all events, say) costs a dictionary look-up.
        The layout's first shape is the selection placeholder; see :meth:`timeline`.
        """
        return self._timeline_parts(self.narrowing(filters), filters.lanes, language)

    def _compute_timeline_parts(self, narrowing: Filters, mode: str, language: str
                                ) -> dict[str, Any]:
        filters = replace(narrowing, lanes=mode)
        view = self.view(filters, language)
        text = self.texts(language)[0]
        settings = self.settings
        slots = len(self.lanes(Filters(lanes=mode), language))  # the whole dataset's lanes
        layout = figures.timeline_layout(view, text, locale=language, slots=slots,
                                         uirevision=replace(filters, lang=language)
                                         .to_query())
        layout["annotations"] = figures.timeline_annotations(view, text)
        data = figures.timeline_traces(self.table, view, text, max_marks=settings.max_marks,
                                       max_bins=settings.max_bins)
        return {"data": data, "layout": layout, "count": len(view.positions),
                "marks": figures.shows_marks(view, self.table, settings.max_marks)}

    def timeline(self, filters: Filters, language: str) -> dict[str, Any]:
        """The timeline figure (a plain dict) of a view, its selected event banded."""
        parts = self.timeline_parts(filters, language)
        position = self.index.position.get(filters.event) if filters.event else None
        layout = dict(parts["layout"])
        layout["shapes"] = [figures.selection_shapes(self.table, position)[0],
                            *parts["layout"]["shapes"][1:]]
        return {"data": parts["data"], "layout": layout}

    def momentum(self, filters: Filters, language: str) -> dict[str, Any]:
        """The momentum chart of a view as a plain dict; cached."""
        return self._momentum(self.narrowing(filters), language)

    def _compute_momentum(self, narrowing: Filters, language: str) -> dict[str, Any]:
        figure = self.momentum_figure(self.positions(narrowing), language)
        return dict(figure.to_plotly_json())

    # ------------------------------------------------------------ figure words

    def hover(self, position: int, language: str) -> str:
        """An event's hover text, escaped for Plotly; cached (bounded)."""
        return self._hovers(position, language)

    def _compute_hover(self, position: int, language: str) -> str:
        return event_hover(self.index.events[position], language)

    def texts(self, language: str
              ) -> tuple[figures.TimelineText, momentum_figures.MomentumText]:
        return self._texts(language)

    def _compute_texts(self, language: str
                       ) -> tuple[figures.TimelineText, momentum_figures.MomentumText]:
        return figure_texts(language, lambda position: self.hover(position, language),
                            label=lambda p: event_title(self.index.events[p], language))

    # ------------------------------------------------------------ figures for any page

    def timeline_figure(self, positions: Sequence[int], language: str, *,
                        lanes: str = "type", height: int | None = None,
                        uirevision: str = "") -> go.Figure:
        """A timeline of some events (an actor's, a campaign's) for any page."""
        ordered = sorted(positions)
        mode = lanes if lanes in figures.LANE_MODES else "type"
        chosen = figures.choose_lanes(self.dataset.events, ordered, mode,
                                      lane_label(self.dataset, mode, language),
                                      max_lanes=self.settings.max_lanes)
        bounds = shared.extent(self.table, ordered)
        full = shared.pad(*bounds) if bounds else (0.0, 1.0)
        view = figures.TimelineView(ordered, chosen, full, full)
        return figures.timeline_figure(self.table, view, self.texts(language)[0],
                                       max_marks=self.settings.max_marks,
                                       max_bins=self.settings.max_bins, locale=language,
                                       uirevision=uirevision, height=height)

    def momentum_figure(self, positions: Sequence[int], language: str, *,
                        height: int = 210, unit: str | None = None) -> go.Figure:
        """Events per period stacked by type, for any set of events."""
        return momentum_figures.momentum_figure(self.table, sorted(positions),
                                                self.texts(language)[1], height=height,
                                                locale=language, unit=unit)


def build_context(dataset: Dataset, settings: AppSettings | None = None) -> AppContext:
    """Index the dataset once and, unless asked not to, warm the default view."""
    settings = settings or AppSettings()
    context = AppContext(dataset, settings, settings.today or date.today(),
                         build_index(dataset))
    if settings.warm:
        everything = Filters()
        context.timeline_parts(everything, context.default_language)
        context.momentum(everything, context.default_language)
    return context
