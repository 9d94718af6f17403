"""The timeline page for a URL: the filter panel, the chart, the detail, the list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dash import dcc, html
from dash.development.base_component import Component

from timeline.app.components.attrs import aria
from timeline.app.components.graph_frame import graph_frame
from timeline.app.context import AppContext
from timeline.app.pages.timeline.detail import detail
from timeline.app.pages.timeline.downloads import download_menu
from timeline.app.pages.timeline.options import (
    actor_options,
    campaign_options,
    country_options,
    lane_options,
    tag_options,
    type_options,
)
from timeline.app.pages.timeline.parts import (
    campaign_links,
    count_text,
    density_note,
    element_id,
    legend,
    list_rows,
    view_key,
)
from timeline.i18n.plotly_locale import graph_config
from timeline.model import localise


def _label(text: str, for_id: str) -> html.Label:
    return html.Label(text, htmlFor=for_id, className="control-label", id=f"{for_id}-label")


def _dropdown(context: AppContext, name: str, options: list[dict[str, str]],
              value: Sequence[str], placeholder: str, language: str) -> html.Div:
    t = context.translator(language)
    labels: Any = {  # Dash types this as its own TypedDict
        "select_all": t("filters.select_all"), "deselect_all": t("filters.deselect_all"),
        "selected_count": t("filters.selected_count"), "search": t("filters.search_options"),
        "clear_search": t("filters.clear_search"),
        "clear_selection": t("filters.clear_selection"),
        "no_options_found": t("filters.no_options")}
    return html.Div([
        _label(t(f"filters.{name}"), element_id(name)),
        dcc.Dropdown(id=element_id(name), options=options, value=list(value), multi=True,
                     placeholder=placeholder, labels=labels, className="filter-dropdown",
                     maxHeight=280, optionHeight=34),
    ], className="control")


def layout(context: AppContext, ident: str | None, query: str, language: str) -> Component:
    """The timeline page for the view in ``query``."""
    if ident is not None:
        return None  # type: ignore[return-value]
    t = context.translator(language)
    filters = context.filters(query)
    positions = context.positions(filters)
    parts = context.timeline_parts(filters, language)
    size = context.settings.page_size
    description = localise(context.dataset.settings.description, language)

    controls = html.Div([
        html.Div([_label(t("filters.search"), element_id("search")),
                  dcc.Input(id=element_id("search"), type="search", value=filters.q,
                            placeholder=t("filters.search_placeholder"), debounce=0.35,
                            autoComplete="off", className="text-input", maxLength=200)],
                 className="control"),
        _dropdown(context, "country", country_options(context, language), filters.country,
                  t("filters.any_country"), language),
        _dropdown(context, "actor", actor_options(context, language, filters.actor),
                  filters.actor, t("filters.any_actor"), language),
        _dropdown(context, "type", type_options(context, language), filters.type,
                  t("filters.any_type"), language),
        _dropdown(context, "campaign", campaign_options(context, language), filters.campaign,
                  t("filters.any_campaign"), language),
        _dropdown(context, "tag", tag_options(context, language, filters.tag), filters.tag,
                  t("filters.any_tag"), language),
        html.Fieldset([
            html.Legend(t("filters.dates")),
            html.Div([
                html.Div([_label(t("filters.from"), element_id("from")),
                          dcc.Input(id=element_id("from"), value=filters.date_from, debounce=True,
                                    placeholder=t("filters.date_placeholder"),
                                    className="text-input", maxLength=40)]),
                html.Div([_label(t("filters.to"), element_id("to")),
                          dcc.Input(id=element_id("to"), value=filters.date_to, debounce=True,
                                    placeholder=t("filters.date_placeholder"),
                                    className="text-input", maxLength=40)]),
            ], className="date-pair"),
            html.P(t("filters.date_help"), className="help"),
        ], className="control dates"),
        html.Button(t("filters.reset"), id=element_id("reset"), n_clicks=0,
                    className="button reset", type="button"),
    ], className="filter-controls")

    toolbar = html.Div([
        html.P(count_text(context, len(positions), language), id=element_id("count"),
               className="count", role="status", **aria(live="polite")),
        html.Div([
            html.Span(t("timeline.lanes_label"), id=element_id("lanes-label"),
                      className="lanes-label"),
            dcc.RadioItems(id=element_id("lanes"), options=lane_options(context, language),
                           value=filters.lanes, inline=True, className="lanes"),
        ], className="lanes-control"),  # a radio group named by the label (assets/a11y.js)
        download_menu(context, query, language),
        # The same view on the map (its href follows the URL: assets/maplink.js).
        dcc.Link(t("map.open"), id=element_id("map-link"), className="map-link",
                 href="/map" + (f"?{query.lstrip('?')}" if query.lstrip("?") else "")),
    ], className="toolbar")

    more_hidden = len(positions) <= size
    main = html.Div([
        # The page's own view of the URL: it exists only while the page does, so its
        # callbacks never fire on another page. Given the current search, it does not
        # report a change when it mounts; "callback-nav" tells the shell's Location
        # (and the language links) when the page rewrites the query.
        dcc.Location(id=element_id("url"), refresh="callback-nav", pathname="/", search=query),
        html.Div([
            # the header shows the site's name just above: said once, the heading is
            # for screen readers and search engines
            html.H1(context.title(language), className="page-title visually-hidden"),
            html.P(description, className="lede") if description else None,
            campaign_links(context, language),
        ], className="page-intro"),
        html.Div([
            html.Aside([
                html.Details([
                    html.Summary(t("filters.title"), className="filters-summary"),
                    controls,
                ], open=False, id=element_id("filters-details"),  # opened on wide screens
                    className="filters-details"),
            ], className="filters", **aria(label=t("filters.title"))),
            html.Div([
                toolbar,
                html.Section([
                    html.H2(t("timeline.chart_title"), className="visually-hidden",
                            id=element_id("chart-title")),
                    html.Div(legend(context, language), id=element_id("legend"),
                             className="legend"),
                    graph_frame(dcc.Graph(
                        id=element_id("graph"), figure=context.timeline(filters, language),
                        config=graph_config(language, toImageButtonOptions={
                            "filename": "timeline"}), className="timeline-graph")),
                    html.P(density_note(context, parts["marks"], parts["count"], language),
                           id=element_id("note"),
                           className="note", **aria(live="polite")),
                    html.P(t("timeline.chart_help"), className="help"),
                ], className="chart", **aria(labelledby=element_id("chart-title"))),
                html.Section(detail(context, filters, language), id=element_id("detail"),
                             className="detail", tabIndex="-1",
                             **aria(label=t("detail.label"))),
                html.Section([
                    html.H2(t("timeline.momentum_title"), id=element_id("momentum-title")),
                    graph_frame(dcc.Graph(
                        id=element_id("momentum"), figure=context.momentum(filters, language),
                        config=graph_config(language, displayModeBar=False),
                        className="momentum-graph")),
                ], className="momentum", **aria(labelledby=element_id("momentum-title"))),
                html.Section([
                    html.H2(t("list.title"), id=element_id("list-title")),
                    html.Table([
                        html.Caption(t("list.caption"), className="visually-hidden"),
                        html.Colgroup([html.Col(className="date-column"),
                                       html.Col(className="title-column"),
                                       html.Col(className="type-column"),
                                       html.Col(className="countries-column")]),
                        html.Thead(html.Tr([html.Th(t("list.date"), scope="col"),
                                            html.Th(t("list.event"), scope="col"),
                                            html.Th(t("list.type"), scope="col"),
                                            html.Th(t("list.countries"), scope="col")])),
                        html.Tbody(list_rows(context, positions, 0, size, filters, language),
                                   id=element_id("rows")),
                    ], className="event-list", id=element_id("list")),
                    html.Button(t("list.more", count=size),
                                id=element_id("more"), n_clicks=0, className="button more",
                                type="button", hidden=more_hidden),
                ], className="list", **aria(labelledby=element_id("list-title"))),
            ], className="timeline-content"),
        ], className="timeline-grid"),
        dcc.Store(id=element_id("view"), data={"key": view_key(filters, language)}),
        dcc.Store(id=element_id("shown"), data={"key": view_key(filters, language), "shown": size}),
        dcc.Store(id=element_id("selected"), data={"event": filters.event, "lang": language}),
        dcc.Store(id=element_id("scrolled")),
        dcc.Store(id=element_id("window")),
        dcc.Store(id=element_id("compact"), data=False),
    ], className="timeline-page")
    return main

