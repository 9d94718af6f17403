"""The events map (``/map``): filtered events with coordinates, grouped by place, over the
package's own world geometry. Pure: values in, a ``go.Figure`` out, no Dash, no I/O.

Events whose coordinates round to the same place (:data:`PLACE_DECIMALS` decimals,
about a kilometre) are one marker with their count: a place's colour is its most
frequent event type, its size grows with the count, and its ``customdata`` is its
newest event's id, which a selection opens. The geometry is Natural Earth 110m served
from the package (``topojsonURL`` in the graph's config), never tiles from another site.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from timeline.dates import format_span
from timeline.figures.shared import FONT, plain_text
from timeline.i18n.catalogue import Translate, type_label
from timeline.model import Event, localise
from timeline.vocab import EVENT_TYPE_IDS, event_type

PLACE_DECIMALS = 2
HOVER_TITLES = 5  # titles listed in a place's hover; the rest are counted
SELECTED_COLOUR = "#111111"


@dataclass(frozen=True, slots=True)
class Place:
    """One marker: the events at (about) one point, newest first."""

    lat: float
    lon: float
    events: tuple[Event, ...]  # newest first
    type: str  # the most frequent type (ties: the vocabulary's order)

    @property
    def count(self) -> int:
        return len(self.events)

    @property
    def newest(self) -> Event:
        return self.events[0]


def located(events: Iterable[Event]) -> list[Event]:
    """The events that carry both coordinates."""
    return [e for e in events
            if e.location is not None and e.location.lat is not None
            and e.location.lon is not None]


_TYPE_RANK = {type_id: rank for rank, type_id in enumerate(EVENT_TYPE_IDS)}


def group_places(events: Iterable[Event]) -> list[Place]:
    """The located ``events`` grouped by rounded coordinates, busiest place first."""
    groups: dict[tuple[float, float], list[Event]] = {}
    for event in events:
        location = event.location
        if location is None or location.lat is None or location.lon is None:
            continue
        key = (round(location.lat, PLACE_DECIMALS), round(location.lon, PLACE_DECIMALS))
        groups.setdefault(key, []).append(event)
    places = []
    for (lat, lon), found in groups.items():
        found.sort(key=lambda e: (e.date.start, e.id), reverse=True)
        counts = Counter(e.type for e in found)
        main = min(counts, key=lambda t: (-counts[t], _TYPE_RANK.get(t, len(_TYPE_RANK))))
        places.append(Place(lat, lon, tuple(found), main))
    places.sort(key=lambda p: (-p.count, p.lat, p.lon))
    return places


def _hover(place: Place, language: str, t: Translate) -> str:
    lines = [f"<b>{plain_text(t('map.place_count', count=place.count))}</b>"]
    for event in place.events[:HOVER_TITLES]:
        lines.append(f"{plain_text(format_span(event.date, language))}: "
                     f"{plain_text(localise(event.title, language, event.id))[:90]}")
    if place.count > HOVER_TITLES:
        lines.append(plain_text(t("map.more", count=place.count - HOVER_TITLES)))
    return "<br>".join(lines)


def _size(count: int) -> float:
    return 9 + 5 * math.log2(count)


def events_map_figure(places: Sequence[Place], language: str, t: Translate,
                      selected: str = "") -> go.Figure:
    """One trace per event type present (the legend), a marker per place; the place
    holding the ``selected`` event is outlined."""
    figure = go.Figure()
    for type_id in EVENT_TYPE_IDS:
        chosen = [p for p in places if p.type == type_id]
        if not chosen:
            continue
        colour = event_type(type_id).colour
        outline = [3 if selected and any(e.id == selected for e in p.events) else 1
                   for p in chosen]
        figure.add_trace(go.Scattergeo(
            lat=[p.lat for p in chosen], lon=[p.lon for p in chosen],
            mode="markers+text", name=type_label(type_id, language),
            text=[str(p.count) if p.count > 1 else "" for p in chosen],
            textfont={"color": "#ffffff", "size": 11}, textposition="middle center",
            customdata=[p.newest.id for p in chosen],
            hovertext=[_hover(p, language, t) for p in chosen], hoverinfo="text",
            marker={"size": [_size(p.count) for p in chosen], "color": colour,
                    "opacity": 0.9,
                    "line": {"color": [SELECTED_COLOUR if w > 1 else "#ffffff"
                                       for w in outline], "width": outline}}))
    figure.update_geos(projection_type="natural earth", showframe=False,
                       showcountries=True, countrycolor="#ffffff", showland=True,
                       landcolor="#e6e6e6", showocean=False, showlakes=False,
                       showcoastlines=False, resolution=110)
    if places:
        figure.update_geos(fitbounds="locations")
    else:
        figure.update_geos(lonaxis_range=[-180, 180], lataxis_range=[-58, 85])
    figure.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0}, font={"family": FONT, "size": 13},
        clickmode="event", showlegend=bool(places),
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0,
                "title": {"text": t("map.legend")}},
        uirevision="map", paper_bgcolor="rgba(0,0,0,0)")
    return figure
