"""What every page of the app reads: the dataset, its index, settings and caches.

An :class:`AppContext` is built once per app by :func:`build_context` and never
changes afterwards, so several worker processes can each hold one and serve any
request (the app keeps no per-reader state on the server). The caches are bounded and
private to the context, never module globals.
"""

from __future__ import annotations

import html as html_text
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

import plotly.graph_objects as go

from timeline.dates import format_span
from timeline.figures import momentum as momentum_figures
from timeline.figures import shared
from timeline.figures import timeline as figures
from timeline.i18n.catalogue import Translate, translator, type_label
from timeline.i18n.countries import country_name
from timeline.model import Dataset, Event, localise
from timeline.query.filters import Filters, date_bound
from timeline.query.index import EventIndex, build_index, filter_positions
from timeline.vocab import EVENT_TYPES

# Plotly d3 time formats of a density or momentum bin, per unit (month names come
# from the Plotly locale that i18n.plotly_locale passes in each graph's config).
PERIOD_FORMATS = {"day": "%-d %b %Y", "week": "%-d %b %Y", "month": "%B %Y",
                  "quarter": "%b %Y", "year": "%Y", "decade": "%Y"}


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
    warm: bool = True  # compute the default view at start so the first reader waits less
    export_limit: int = 10_000  # events in one download (/export/...); more answers 413
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
        self._hovers: dict[str, dict[int, str]] = {}

    # ------------------------------------------------------------ language

    def language(self, requested: str | None) -> str:
        """``requested`` if the dataset offers it, else the dataset's default language."""
        return requested if requested in self.languages else self.default_language

    def translator(self, language: str) -> Translate:
        return translator(language)

    def title(self, language: str) -> str:
        return self.settings.title or localise(self.dataset.settings.title, language,
                                               "Timeline")

    def type_label(self, type_id: str, language: str) -> str:
        return type_label(type_id, language)

    def country_label(self, code: str, language: str) -> str:
        return country_name(code, language) or code

    def actor_name(self, actor_id: str, language: str) -> str:
        actor = self.dataset.actors.get(actor_id)
        return localise(actor.name, language, actor_id) if actor else actor_id

    def campaign_name(self, campaign_id: str, language: str) -> str:
        campaign = self.dataset.campaigns.get(campaign_id)
        return localise(campaign.name, language, campaign_id) if campaign else campaign_id

    def event_title(self, event: Event, language: str) -> str:
        return localise(event.title, language, event.id)

    def event_date(self, event: Event, language: str) -> str:
        return format_span(event.date, language)

    def lane_label(self, mode: str, language: str) -> Callable[[str], str]:
        t = self.translator(language)

        def label(key: str) -> str:
            if key == figures.OTHER_KEY:
                return t(f"timeline.lane_other.{mode}")
            if key == figures.NONE_KEY:
                return t(f"timeline.lane_none.{mode}")
            if mode == "type":
                return self.type_label(key, language)
            if mode == "country":
                return self.country_label(key, language)
            if mode == "actor":
                return self.actor_name(key, language)
            return self.campaign_name(key, language)

        return label

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
                                    self.lane_label(mode, language),
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
        """An event's hover text, escaped for Plotly; cached per language."""
        cache = self._hovers.setdefault(language, {})
        found = cache.get(position)
        if found is None:
            event = self.index.events[position]
            countries = ", ".join(self.country_label(c, language) for c in event.countries)
            lines = [f"<b>{line}</b>" for line in _wrap(self.event_title(event, language))]
            lines.append(html_text.escape(f"{self.event_date(event, language)} · "
                                          f"{self.type_label(event.type, language)}",
                                          quote=False))
            if countries:
                lines.append(html_text.escape(countries, quote=False))
            found = cache[position] = "<br>".join(lines)
        return found

    def texts(self, language: str
              ) -> tuple[figures.TimelineText, momentum_figures.MomentumText]:
        return self._texts(language)

    def _compute_texts(self, language: str
                       ) -> tuple[figures.TimelineText, momentum_figures.MomentumText]:
        t = self.translator(language)
        types = {etype.id: self.type_label(etype.id, language) for etype in EVENT_TYPES}
        timeline_text = figures.TimelineText(
            hover=lambda p: self.hover(p, language), type_labels=types,
            density_hover=lambda count: t("timeline.density_hover", count=count),
            empty=t("timeline.empty"), period_formats=PERIOD_FORMATS,
            label=lambda p: self.event_title(self.index.events[p], language))
        momentum_text = momentum_figures.MomentumText(type_labels=types,
                                             count_hover=lambda count: t(
                                                 "timeline.momentum_hover", count=count),
                                             period_formats=PERIOD_FORMATS,
                                             empty=t("timeline.empty"))
        return timeline_text, momentum_text

    # ------------------------------------------------------------ figures for any page

    def timeline_figure(self, positions: Sequence[int], language: str, *,
                        lanes: str = "type", height: int | None = None,
                        uirevision: str = "") -> go.Figure:
        """A timeline of some events (an actor's, a campaign's) for any page."""
        ordered = sorted(positions)
        mode = lanes if lanes in figures.LANE_MODES else "type"
        chosen = figures.choose_lanes(self.dataset.events, ordered, mode,
                                      self.lane_label(mode, language),
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

    # ------------------------------------------------------------ repository links

    def repository(self) -> str | None:
        url = self.dataset.settings.repository
        if not url:
            return None
        url = url.rstrip("/")
        return url[:-4] if url.endswith(".git") else url

    def edit_url(self, event: Event) -> str | None:
        """The event's file in the repository, assuming the data folder sits at its root."""
        base = self.repository()
        if not base:
            return None
        folder = PurePosixPath(self.dataset.folder.replace("\\", "/") or "events")
        path = PurePosixPath(event.path.replace("\\", "/"))
        try:
            relative = path.relative_to(folder)
        except ValueError:
            relative = PurePosixPath(*path.parts[-2:])
        return f"{base}/blob/HEAD/{folder.name or 'events'}/{relative}"

    def contribute_url(self) -> str | None:
        base = self.repository()
        return f"{base}/blob/HEAD/CONTRIBUTING.md" if base else None


def _wrap(title: str, width: int = 60, lines: int = 3) -> list[str]:
    """A long title over a few escaped lines, so a hover box stays readable."""
    words, out, line = title.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return [html_text.escape(part, quote=False) for part in out]


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
