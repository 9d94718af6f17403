"""The relations map: a country and each partner coloured by the status of relations.

Pure: values in, a ``go.Figure`` out, no Dash, no I/O. Colours for relation statuses
stay apart for the common colour-vision deficiencies and are always paired with a
legend and a table, never the only carrier of meaning.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from timeline.dates import format_span
from timeline.figures.shared import FONT, plain_text
from timeline.i18n.catalogue import Translate
from timeline.i18n.countries import alpha3, country_name
from timeline.query.relations import STATUSES, Relation

STATUS_COLOURS: dict[str, str] = {
    "broken": "#b2182b",
    "downgraded": "#f4a582",
    "restored": "#2166ac",
    "established": "#92c5de",
    "unknown": "#bdbdbd",
}
CHOSEN_COLOUR = "#4d4d4d"


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
        margin={"l": 0, "r": 0, "t": 0, "b": 0}, font={"family": FONT, "size": 13},
        legend={"orientation": "h", "yanchor": "top", "y": -0.02, "x": 0,
                "title": {"text": t("tracker.relations.legend")}},
        uirevision=country, paper_bgcolor="rgba(0,0,0,0)")
    return figure
