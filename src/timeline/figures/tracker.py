"""Figures of the tracker pages: the relations map, a campaign's momentum, an actor's
events over time. Pure builders: values in, a ``go.Figure`` out, no Dash, no I/O.

Every label comes from the translator and the vocabulary, so a figure is the same in
any language but for its words. Colours for relation statuses are chosen to stay
apart for the common colour-vision deficiencies and are always paired with a legend
and a table, never the only carrier of meaning.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

import plotly.graph_objects as go

from timeline.dates import format_span
from timeline.figures.timeline import plain_text
from timeline.i18n.catalogue import Translate
from timeline.i18n.countries import alpha3, country_name
from timeline.model import Event, localise
from timeline.query.relations import STATUSES, Relation
from timeline.query.tracker import Momentum
from timeline.vocab import EVENT_TYPE_IDS, event_type

STATUS_COLOURS: dict[str, str] = {
    "broken": "#b2182b",
    "downgraded": "#f4a582",
    "restored": "#2166ac",
    "established": "#92c5de",
    "unknown": "#bdbdbd",
}
CHOSEN_COLOUR = "#4d4d4d"
_FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13}


def type_label(type_id: str, language: str) -> str:
    labels = event_type(type_id).labels
    return labels.get(language) or labels["en"]


def relations_map_figure(rows: Sequence[Relation], country: str, language: str,
                         t: Translate, titles: dict[str, str] | None = None) -> go.Figure:
    """A world map: ``country`` in grey, each partner coloured by status, one legend
    entry per status present. ``titles`` maps event ids to their titles for hovers."""
    titles = titles or {}
    figure = go.Figure()
    chosen = alpha3(country)
    if chosen:
        figure.add_trace(go.Choropleth(
            locations=[chosen], z=[1], locationmode="ISO-3",
            colorscale=[[0, CHOSEN_COLOUR], [1, CHOSEN_COLOUR]], showscale=False,
            name=t("tracker.relations.chosen"), showlegend=True,
            hovertext=[country_name(country, language)], hoverinfo="text",
            marker={"line": {"color": "#ffffff", "width": 0.5}}))
    for status in STATUSES:
        chosen_rows = [r for r in rows if r.status == status and alpha3(r.country)]
        if not chosen_rows:
            continue
        colour = STATUS_COLOURS[status]
        label = t(f"tracker.status.{status}")
        hover = []
        for row in chosen_rows:
            parts = [f"<b>{plain_text(country_name(row.country, language))}</b>", label]
            if row.event is not None:
                parts.append(f"{t('tracker.column.since')}: "
                             f"{format_span(row.event.date, language)}")
                parts.append(plain_text(titles.get(row.event.id, row.event.id)))
            hover.append("<br>".join(parts))
        figure.add_trace(go.Choropleth(
            locations=[alpha3(r.country) for r in chosen_rows], z=[1] * len(chosen_rows),
            locationmode="ISO-3", colorscale=[[0, colour], [1, colour]], showscale=False,
            name=label, showlegend=True, hovertext=hover, hoverinfo="text",
            marker={"line": {"color": "#ffffff", "width": 0.5}}))
    figure.update_geos(projection_type="natural earth", showframe=False,
                       showcountries=True, countrycolor="#ffffff", showland=True,
                       landcolor="#ececec", showocean=False, showlakes=False,
                       showcoastlines=False, resolution=110,
                       # Explicit: Plotly 6+ otherwise opens the world zoomed in about
                       # twofold with this geometry. Antarctica is left out.
                       lonaxis_range=[-180, 180], lataxis_range=[-58, 85])
    figure.update_layout(
        margin={"l": 0, "r": 0, "t": 0, "b": 0}, font=_FONT,
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0,
                "title": {"text": t("tracker.relations.legend")}},
        uirevision=country, paper_bgcolor="rgba(0,0,0,0)")
    return figure


def momentum_types(flow: Momentum) -> list[str]:
    """The event types of a momentum chart, in the vocabulary's order (its legend)."""
    return [type_id for type_id in EVENT_TYPE_IDS if type_id in flow.counts]


def momentum_figure(flow: Momentum, language: str, t: Translate) -> go.Figure:
    """Events per month stacked by type, types in the vocabulary's order."""
    figure = go.Figure()
    months = [f"{m}-01" for m in flow.months]
    for type_id in momentum_types(flow):
        label = type_label(type_id, language)
        figure.add_trace(go.Bar(
            x=months, y=list(flow.counts[type_id]), name=label,
            marker_color=event_type(type_id).colour,
            hovertemplate=f"%{{x|%Y-%m}}<br>{plain_text(label)}: %{{y}}<extra></extra>"))
    figure.update_layout(
        barmode="stack", height=300, font=_FONT, margin={"l": 40, "r": 10, "t": 10, "b": 40},
        xaxis={"title": {"text": t("tracker.figure.month")}, "type": "date"},
        yaxis={"title": {"text": t("tracker.figure.events")}, "rangemode": "tozero",
               "dtick": 1 if max((sum(c) for c in zip(*flow.counts.values(), strict=True)),
                                 default=0) <= 6 else None},
        showlegend=False,  # the page draws the legend in HTML, where it wraps on a phone
        bargap=0.15, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    return figure


def actor_timeline_figure(events: Sequence[Event], language: str, t: Translate,
                          today: date) -> go.Figure:
    """The actor's events on one time axis, a lane per type: a marker at the start,
    a bar across the span when it is longer than a day (hollow when approximate or
    uncertain). ``today`` ends ongoing spans."""
    figure = go.Figure()
    now = datetime(today.year, today.month, today.day) + timedelta(days=1)
    for type_id in (tid for tid in EVENT_TYPE_IDS if any(e.type == tid for e in events)):
        chosen = [e for e in events if e.type == type_id]
        label = type_label(type_id, language)
        colour = event_type(type_id).colour
        starts = [e.date.start.replace(tzinfo=None) for e in chosen]
        ends = [(e.date.end.replace(tzinfo=None) if e.date.end else max(now, s))
                for e, s in zip(chosen, starts, strict=True)]
        hover = [f"<b>{plain_text(localise(e.title, language))}</b><br>"
                 f"{format_span(e.date, language)}<br>{plain_text(label)}" for e in chosen]
        long = [i for i, (s, end) in enumerate(zip(starts, ends, strict=True))
                if end - s > timedelta(days=1)]
        if long:
            xs: list[datetime | None] = []
            ys: list[str | None] = []
            for i in long:
                xs += [starts[i], ends[i], None]
                ys += [label, label, None]
            figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines", showlegend=False,
                                        hoverinfo="skip", line={"color": colour, "width": 6},
                                        opacity=0.45))
        fuzzy = [e.date.approximate or e.date.uncertain for e in chosen]
        figure.add_trace(go.Scatter(
            x=starts, y=[label] * len(chosen), mode="markers", name=label,
            hovertext=hover, hoverinfo="text", customdata=[e.id for e in chosen],
            marker={"size": 11, "color": ["#ffffff" if f else colour for f in fuzzy],
                    "line": {"color": colour, "width": 2},
                    "symbol": ["circle-open" if f else "circle" for f in fuzzy]}))
    figure.update_layout(
        height=max(160, 60 + 34 * len({e.type for e in events})), font=_FONT,
        margin={"l": 10, "r": 10, "t": 10, "b": 30}, showlegend=False,
        xaxis={"type": "date", "title": None},
        yaxis={"automargin": True, "title": None},
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    return figure
