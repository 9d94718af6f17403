"""``/map``: the filtered events that have coordinates, on a world map.

It takes the timeline page's URL parameters (:class:`~timeline.query.filters.Filters`),
so ``/map?country=MX&type=march`` shows the markers of exactly the events
``/?country=MX&type=march`` lists, and each page links to the other with the same
view. The search, country and type controls rewrite the address; the other filters
(actor, campaign, tag, dates, demand) are kept from it. Selecting a marker opens its
newest event's detail (``event=`` in the address). The figure is built by
:mod:`timeline.figures.events_map`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from dash import (
    ClientsideFunction,
    Dash,
    Input,
    Output,
    State,
    callback_context,
    dcc,
    get_asset_url,
    html,
    no_update,
)
from dash.development.base_component import Component

from timeline.app.components.attrs import aria
from timeline.app.pages.timeline.detail import event_detail
from timeline.app.pages.timeline.options import country_options, type_options
from timeline.figures.events_map import Place, events_map_figure, group_places
from timeline.i18n.catalogue import translator
from timeline.i18n.cldr import format_number
from timeline.model import localise
from timeline.query.filters import Filters

if TYPE_CHECKING:
    from timeline.app.context import AppContext

_CONTROLS = ("map-search", "map-country", "map-type")


def _query(filters: Filters) -> str:
    text = filters.to_query()
    return f"?{text}" if text else ""


def view(context: AppContext, filters: Filters, language: str
         ) -> tuple[Any, str, list[Component], str, str]:
    """The figure, count, detail, timeline link and address for a view."""
    t = translator(language)
    positions = context.positions(filters)
    events = context.index.events
    places = group_places(events[p] for p in positions)
    located = sum(p.count for p in places)
    figure = events_map_figure(places, language, t, filters.event)
    count = t("map.count", located=format_number(located, language),
              total=format_number(len(positions), language), places=format_number(
                  len(places), language))
    return figure, count, _detail(context, places, filters, language), \
        "/" + _query(filters), _query(filters)


def _detail(context: AppContext, places: list[Place], filters: Filters, language: str
            ) -> list[Component]:
    t = translator(language)
    event = context.dataset.event(filters.event) if filters.event else None
    if event is None:
        return [html.P(t("map.hint"), className="detail-hint")]
    parts: list[Component] = [html.Div(event_detail(context, event, filters, language),
                                       className="map-event")]
    here = next((p for p in places if any(e.id == event.id for e in p.events)), None)
    if here is not None and here.count > 1:
        others = [e for e in here.events if e.id != event.id][:50]
        parts.append(html.H3(t("map.also_here", count=here.count - 1)))
        parts.append(html.Ul(className="tracker-events", id="map-also-here", children=[
            html.Li(dcc.Link(localise(e.title, language, e.id),
                             href="/map" + _query(replace(filters, event=e.id))))
            for e in others]))
    return parts


def _dropdown(ident: str, label: str, options: list[dict[str, str]], value: tuple[str, ...],
              placeholder: str) -> html.Div:
    return html.Div(className="control", children=[
        html.Label(label, htmlFor=ident, className="control-label", id=f"{ident}-label"),
        dcc.Dropdown(id=ident, options=options, value=list(value), multi=True,
                     placeholder=placeholder, className="filter-dropdown", maxHeight=280),
    ])


def layout(context: AppContext, ident: str | None, query: str, language: str
           ) -> html.Div | None:
    """The map page for the view in ``query``."""
    if ident is not None:
        return None
    t = translator(language)
    filters = context.filters(query)
    figure, count, detail, back, _ = view(context, filters, language)
    return html.Div(className="tracker-page map-page", id="map-page", children=[
        dcc.Location(id="map-url", refresh=False),
        dcc.Store(id="map-language", data=language),
        html.H1(t("map.title"), id="map-title"),
        html.P(dcc.Link(t("map.back"), id="map-timeline-link", href=back)),
        html.Div(className="map-controls", role="group", **aria(label=t("map.controls")),
                 children=[
            html.Div(className="control", children=[
                html.Label(t("filters.search"), htmlFor="map-search",
                           className="control-label"),
                dcc.Input(id="map-search", type="search", value=filters.q, debounce=0.35,
                          placeholder=t("filters.search_placeholder"), maxLength=200,
                          autoComplete="off", className="text-input")]),
            _dropdown("map-country", t("filters.country"), country_options(context, language),
                      filters.country, t("filters.any_country")),
            _dropdown("map-type", t("filters.type"), type_options(context, language),
                      filters.type, t("filters.any_type")),
        ]),
        html.P(count, id="map-count", className="tracker-note", **aria(live="polite")),
        html.Figure(className="tracker-figure", children=[
            dcc.Graph(id="map-graph", figure=figure, responsive=True,
                      style={"height": "clamp(320px, 70vw, 600px)"},
                      config={"topojsonURL": get_asset_url("topojson/"),
                              "displayModeBar": False, "scrollZoom": True,
                              "displaylogo": False}),
            html.Figcaption(t("map.caption")),
        ]),
        html.Section(id="map-detail", className="map-detail", **aria(live="polite"),
                     children=detail),
    ])


def register(app: Dash, context: AppContext) -> None:
    """One callback: the address, the controls or a selection leads; the rest follow.
    And the timeline page's link to the map follows that page's view, in the browser."""
    app.clientside_callback(ClientsideFunction("maplink", "href"),
                            Output("timeline-map-link", "href"),
                            Input("timeline-url", "search"), prevent_initial_call=True)

    @app.callback(
        Output("map-url", "search"), Output("map-search", "value"),
        Output("map-country", "value"), Output("map-type", "value"),
        Output("map-graph", "figure"), Output("map-count", "children"),
        Output("map-detail", "children"), Output("map-timeline-link", "href"),
        Input("map-url", "search"), Input("map-search", "value"),
        Input("map-country", "value"), Input("map-type", "value"),
        Input("map-graph", "clickData"), State("map-language", "data"),
        prevent_initial_call=True)
    def update(search: str | None, q: str | None, countries: list[str] | None,
               types: list[str] | None, click: Any, language: str | None
               ) -> tuple[Any, ...]:
        trigger = callback_context.triggered_id
        language = context.language(language)
        filters = context.filters(search)
        if trigger in _CONTROLS:
            asked = replace(filters, q=(q or "")[:200], country=tuple(countries or ()),
                            type=tuple(types or ()), event="")
            filters = context.filters(asked.to_query())
        elif trigger == "map-graph":
            chosen = clicked(click)
            if chosen is None or context.dataset.event(chosen) is None:
                return (no_update,) * 8
            filters = replace(filters, event=chosen)
        figure, count, detail, back, query = view(context, filters, language)
        controls: tuple[Any, ...] = (no_update,) * 3
        if trigger == "map-url":
            controls = (filters.q, list(filters.country), list(filters.type))
        new_search = no_update if trigger == "map-url" or query == (search or "") else query
        return (new_search, *controls, figure, count, detail, back)


def clicked(click: Any) -> str | None:
    """The event id a click on a marker carries, or None for anything else."""
    try:
        value = click["points"][0]["customdata"]
    except (KeyError, IndexError, TypeError):
        return None
    return value if isinstance(value, str) else None
