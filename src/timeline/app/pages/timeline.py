"""The timeline page ("/"): filters, the chart, the momentum chart, the list, the detail.

The URL query string is the page's only state: a shared link or the back button
restores exactly the view. One callback (``update``) answers every change, whatever
made it (a control, the URL, a click on the chart): it writes the URL or the controls,
and sends the chart as a partial update (traces and lane ticks), the count, and the
detail when the selection changed. A second, smaller answer (``follow``) brings the
momentum chart and the list's first page, so what the reader looks at is drawn
first. Views are computed once and cached on the server; the dataset never leaves it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from dash import Dash, Input, Output, Patch, State, ctx, dcc, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from timeline.app.components import shell
from timeline.app.components.attrs import aria
from timeline.app.components.markdown import render_markdown, safe_href
from timeline.app.components.static_html import text_of
from timeline.app.context import AppContext, format_number
from timeline.dates import DateSyntaxError, format_span, parse_date
from timeline.figures import timeline as figures
from timeline.folding import fold
from timeline.i18n.plotly_locale import graph_config
from timeline.model import Event, localise
from timeline.query.filters import LANES, Filters
from timeline.vocab import EVENT_TYPES

PREFIX = "timeline-"
MAX_STATIC_OPTIONS = 300  # beyond this many actors or tags, options come from a search
# Screens this narrow (CSS pixels) get the phone layout (see timeline.css).
PHONE_WIDTH = 560
_CONTROLS = ("search", "country", "actor", "type", "campaign", "tag", "from", "to", "lanes")


def _id(name: str) -> str:
    return PREFIX + name


# ------------------------------------------------------------------ options


def _counted(label: str, count: int, language: str) -> str:
    return f"{label} ({format_number(count, language)})"


def country_options(context: AppContext, language: str) -> list[dict[str, str]]:
    index = context.index
    options = [{"label": _counted(context.country_label(code, language), len(found),
                                  language), "value": code}
               for code, found in index.by_country.items()]
    return sorted(options, key=lambda o: fold(o["label"]))


def actor_options(context: AppContext, language: str, selected: Sequence[str] = (),
                  search: str = "") -> list[dict[str, str]]:
    """Every actor with events, or, for very many, the selected ones and the matches."""
    counts = {a: len(found) for a, found in context.index.by_actor.items()}

    def option(actor_id: str) -> dict[str, str]:
        return {"label": _counted(context.actor_name(actor_id, language),
                                  counts.get(actor_id, 0), language), "value": actor_id}

    if len(counts) <= MAX_STATIC_OPTIONS:
        return sorted((option(a) for a in counts), key=lambda o: fold(o["label"]))
    wanted = fold(search)
    if wanted:
        found = [a for a in counts if wanted in fold(context.actor_name(a, language))
                 or wanted in a]
    else:
        found = sorted(counts, key=lambda a: -counts[a])
    chosen = list(dict.fromkeys([*selected, *found[:60]]))
    return sorted((option(a) for a in chosen if a in counts), key=lambda o: fold(o["label"]))


def tag_options(context: AppContext, language: str, selected: Sequence[str] = (),
                search: str = "") -> list[dict[str, str]]:
    counts = {t: len(found) for t, found in context.index.by_tag.items()}
    if len(counts) <= MAX_STATIC_OPTIONS:
        chosen: Sequence[str] = sorted(counts)
    else:
        wanted = fold(search)
        found = ([t for t in counts if wanted in fold(t)] if wanted
                 else sorted(counts, key=lambda t: -counts[t]))
        chosen = sorted(dict.fromkeys([*selected, *found[:60]]))
    return [{"label": _counted(t, counts[t], language), "value": t} for t in chosen
            if t in counts]


def type_options(context: AppContext, language: str) -> list[dict[str, str]]:
    present = context.index.by_type
    return [{"label": _counted(context.type_label(t.id, language), len(present[t.id]),
                               language), "value": t.id}
            for t in EVENT_TYPES if t.id in present]


def campaign_options(context: AppContext, language: str) -> list[dict[str, str]]:
    options = [{"label": _counted(context.campaign_name(c, language), len(found), language),
                "value": c} for c, found in context.index.by_campaign.items()]
    return sorted(options, key=lambda o: fold(o["label"]))


def lane_options(context: AppContext, language: str) -> list[dict[str, str]]:
    t = context.translator(language)
    return [{"label": t(f"timeline.lanes.{mode}"), "value": mode} for mode in LANES]


# ------------------------------------------------------------------ pieces


def count_text(context: AppContext, shown: int, language: str) -> str:
    t = context.translator(language)
    return t("timeline.count", shown=format_number(shown, language),
             total=format_number(len(context.dataset.events), language))


def view_key(filters: Filters, language: str) -> str:
    """What decides the chart, the list and the count: filters, lanes, language."""
    return replace(filters, event="", lang=language).to_query()


def event_href(filters: Filters, event_id: str) -> str:
    return shell.timeline_href(replace(filters, event=event_id))


def list_rows(context: AppContext, positions: Sequence[int], start: int, stop: int,
              filters: Filters, language: str) -> list[Component]:
    """Rows ``start`` to ``stop`` of the list: date, title (a link), type, countries."""
    rows: list[Component] = []
    events = context.index.events
    for position in positions[start:stop]:
        event = events[position]
        countries = ", ".join(context.country_label(c, language) for c in event.countries)
        rows.append(html.Tr([
            html.Td(context.event_date(event, language), className="list-date"),
            html.Th(dcc.Link(context.event_title(event, language),
                             href=event_href(filters, event.id), className="row-link"),
                    scope="row", className="list-title"),
            html.Td(context.type_label(event.type, language), className="list-type",
                    style={"--type": _colour(event.type)}),
            html.Td(countries, className="list-countries"),
        ], className="list-row"))
    return rows


def _colour(type_id: str) -> str:
    return next((t.colour for t in EVENT_TYPES if t.id == type_id), figures.NEUTRAL_COLOUR)


def legend(context: AppContext, language: str) -> list[Component]:
    """The colours of the dataset's types (the timeline's marks and the momentum chart)
    and what hollow marks and bars mean. The same for every view, so a filter change
    never has to send or re-render it."""
    t = context.translator(language)
    types = [etype.id for etype in EVENT_TYPES if etype.id in context.index.by_type]
    items = [html.Li([html.Span(className="swatch", style={"background": _colour(k)}),
                      context.type_label(k, language)]) for k in types]
    items += [html.Li([html.Span(className="swatch hollow"), t("timeline.legend_vague")],
                      className="key"),
              html.Li([html.Span(className="swatch bar"), t("timeline.legend_span")],
                      className="key")]
    return [html.Span(t("timeline.legend_title"), className="legend-title",
                      id=_id("legend-title")),
            html.Ul(items, **aria(labelledby=_id("legend-title")))]


def density_note(context: AppContext, marks: bool, count: int, language: str) -> str:
    if marks:
        return ""
    t = context.translator(language)
    return t("timeline.density_note", count=format_number(count, language))


def campaign_links(context: AppContext, language: str) -> html.P | None:
    """The campaigns of the dataset, each linked to its tracker page (issue 4)."""
    campaigns = sorted(context.dataset.campaigns)
    if not campaigns:
        return None
    t = context.translator(language)
    return html.P([t("tracker.campaign.tracked"), " ", *_joined([
        dcc.Link(context.campaign_name(c, language), href=shell.campaign_href(c, language))
        for c in campaigns])], className="campaign-links", id=_id("campaigns"))


# ------------------------------------------------------------------ detail


def detail(context: AppContext, filters: Filters, language: str) -> list[Component]:
    """The selected event in full, or a hint on how to select one."""
    t = context.translator(language)
    event = context.dataset.event(filters.event) if filters.event else None
    if event is None:
        return [html.P(t("detail.hint"), className="detail-hint")]
    return event_detail(context, event, filters, language)


def _definition(term: str, value: Component | str | list[Any]) -> list[Component]:
    return [html.Dt(term), html.Dd(value)]


def _joined(items: list[Component]) -> list[Component | str]:
    out: list[Component | str] = []
    for item in items:
        if out:
            out.append(", ")
        out.append(item)
    return out


def event_detail(context: AppContext, event: Event, filters: Filters, language: str
                 ) -> list[Component]:
    t = context.translator(language)
    lang = filters.lang
    facts: list[Component] = []
    facts += _definition(t("detail.date"), html.Span(context.event_date(event, language),
                                                     className="detail-date"))
    facts += _definition(t("detail.type"), [
        html.Span(className="swatch", style={"background": _colour(event.type)}),
        dcc.Link(context.type_label(event.type, language),
                 href=shell.filter_href(type=[event.type], lang=lang))])
    if event.countries:
        facts += _definition(t("detail.countries"), _joined([
            dcc.Link(context.country_label(c, language),
                     href=shell.filter_href(country=[c], lang=lang)) for c in event.countries]))
    if event.actors:
        facts += _definition(t("detail.actors"), _joined([
            html.Span([
                dcc.Link(context.actor_name(a, language),
                         href=shell.filter_href(actor=[a], lang=lang), className="actor-link",
                         title=t("detail.filter_by_actor")),
                " (", dcc.Link(t("tracker.actor.profile"), href=shell.actor_href(a, lang),
                               className="actor-page-link",
                               title=t("tracker.actor.profile_title",
                                       name=context.actor_name(a, language))), ")"])
            for a in event.actors]))
    if event.location and (event.location.name or event.location.country):
        location = event.location
        place: list[Component | str] = [", ".join(
            part for part in (location.name, context.country_label(location.country, language)
                              if location.country else None) if part)]
        if location.lat is not None and location.lon is not None:
            osm = (f"https://www.openstreetmap.org/?mlat={location.lat}&mlon={location.lon}"
                   f"#map=11/{location.lat}/{location.lon}")
            place += [" (", html.A(t("detail.map"), href=osm, target="_blank",
                                   rel="noopener noreferrer"), ")"]
        facts += _definition(t("detail.location"), place)
    campaigns = list(dict.fromkeys([*event.campaigns, *(d.campaign for d in event.demands)]))
    if campaigns:
        facts += _definition(t("detail.campaigns"), _joined([
            dcc.Link(context.campaign_name(c, language), href=shell.campaign_href(c, lang))
            for c in campaigns]))
    if event.demands:
        items = []
        for link in event.demands:
            campaign = context.dataset.campaigns.get(link.campaign)
            demand = campaign.demand(link.demand.split("/", 1)[-1]) if campaign else None
            text = localise(demand.text, language, link.demand) if demand else link.demand
            items.append(html.Li([text, " — ", html.Span(t(f"detail.stance.{link.stance}"),
                                                        className=f"stance {link.stance}")]))
        facts += _definition(t("detail.demands"), html.Ul(items, className="plain"))
    if event.tags:
        facts += _definition(t("detail.tags"), _joined([
            dcc.Link(tag, href=shell.filter_href(tag=[tag], lang=lang), className="tag")
            for tag in event.tags]))

    sources = [html.Li(_source(context, source, language)) for source in event.sources]
    body: list[Component] = [
        html.Div(dcc.Link(t("detail.close"), href=shell.timeline_href(replace(filters, event="")),
                          className="detail-close", title=t("detail.close_title")),
                 className="detail-actions"),
        html.H2(context.event_title(event, language), id=_id("detail-title")),
        html.Dl(facts, className="facts"),
    ]
    summary = localise(event.summary, language) if event.summary else ""
    if summary:
        body.append(render_markdown(summary, "markdown summary"))
    body += [html.H3(t("detail.sources"), id=_id("sources-title")),
             html.Ol(sources, className="sources", **aria(labelledby=_id("sources-title")))]
    edit, add = context.edit_url(event), context.contribute_url()
    if edit or add:
        links: list[Component | str] = []
        if edit:
            links.append(html.A(t("detail.edit"), href=edit, target="_blank",
                                rel="noopener noreferrer", className="edit-link"))
        if add:
            if links:
                links.append(" · ")
            links.append(html.A(t("detail.add_event"), href=add, target="_blank",
                                rel="noopener noreferrer", className="add-link"))
        body.append(html.P(links, className="detail-edit"))
    return body


def _source(context: AppContext, source: Any, language: str) -> list[Component | str]:
    t = context.translator(language)
    href = safe_href(source.url)
    title = source.title or source.url
    parts: list[Component | str] = [
        html.A(title, href=href, target="_blank", rel="noopener noreferrer nofollow",
               className="source-link") if href else html.Span(title)]
    meta = [part for part in (source.publisher, _source_date(source.date, language)) if part]
    if meta:
        parts.append(html.Span(" — " + ", ".join(meta), className="source-meta"))
    archive = safe_href(source.archive_url)
    if archive:
        parts += [" (", html.A(t("detail.archived"), href=archive, target="_blank",
                               rel="noopener noreferrer nofollow", className="archive-link"),
                  ")"]
    return parts


def _source_date(text: str | None, language: str) -> str:
    if not text:
        return ""
    try:
        return format_span(parse_date(text), language)
    except DateSyntaxError:
        return text


# ------------------------------------------------------------------ head


def filter_words(context: AppContext, filters: Filters, language: str) -> str:
    """The view's filters in words, as the controls name them: "Countries: Mexico;
    From: 2024" ("" for the whole timeline)."""
    t = context.translator(language)
    parts: list[str] = []
    if filters.q:
        parts.append(f"{t('filters.search')}: “{filters.q}”")
    named = (("country", filters.country, lambda c: context.country_label(c, language)),
             ("actor", filters.actor, lambda a: context.actor_name(a, language)),
             ("type", filters.type, lambda k: context.type_label(k, language)),
             ("campaign", filters.campaign, lambda c: context.campaign_name(c, language)),
             ("tag", filters.tag, str))
    for key, values, label in named:
        if values:
            parts.append(f"{t(f'filters.{key}')}: {', '.join(label(v) for v in values)}")
    for key, value in (("from", filters.date_from), ("to", filters.date_to)):
        if value:
            parts.append(f"{t(f'filters.{key}')}: {value}")
    return "; ".join(parts)


def meta(context: AppContext, ident: str | None, query: str, language: str
         ) -> dict[str, str] | None:
    """The page's title and description for the document's head and link previews:
    the selected event, or the filters in words and the count."""
    if ident is not None:
        return None
    filters = context.filters(query)
    site = context.title(language)
    event = context.dataset.event(filters.event) if filters.event else None
    if event is not None:
        summary = localise(event.summary, language) if event.summary else ""
        about = " ".join(text_of(render_markdown(summary)).split()) if summary else ""
        facts = (f"{context.event_date(event, language)} · "
                 f"{context.type_label(event.type, language)}")
        return {"title": f"{context.event_title(event, language)} · {site}",
                "description": _shortened(f"{facts}. {about}" if about else facts)}
    words = filter_words(context, filters, language)
    count = count_text(context, len(context.positions(filters)), language)
    lede = localise(context.dataset.settings.description, language)
    if not words:
        return {"title": site, "description": _shortened(f"{count}. {lede}" if lede else count)}
    return {"title": f"{words} · {site}", "description": _shortened(f"{count}. {words}.")}


def _shortened(text: str, limit: int = 300) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


# ------------------------------------------------------------------ layout


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
        _label(t(f"filters.{name}"), _id(name)),
        dcc.Dropdown(id=_id(name), options=options, value=list(value), multi=True,
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
        html.Div([_label(t("filters.search"), _id("search")),
                  dcc.Input(id=_id("search"), type="search", value=filters.q,
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
                html.Div([_label(t("filters.from"), _id("from")),
                          dcc.Input(id=_id("from"), value=filters.date_from, debounce=True,
                                    placeholder=t("filters.date_placeholder"),
                                    className="text-input", maxLength=40)]),
                html.Div([_label(t("filters.to"), _id("to")),
                          dcc.Input(id=_id("to"), value=filters.date_to, debounce=True,
                                    placeholder=t("filters.date_placeholder"),
                                    className="text-input", maxLength=40)]),
            ], className="date-pair"),
            html.P(t("filters.date_help"), className="help"),
        ], className="control dates"),
        html.Button(t("filters.reset"), id=_id("reset"), n_clicks=0, className="button reset",
                    type="button"),
    ], className="filter-controls")

    toolbar = html.Div([
        html.P(count_text(context, len(positions), language), id=_id("count"),
               className="count", role="status", **aria(live="polite")),
        html.Div([
            html.Span(t("timeline.lanes_label"), id=_id("lanes-label"), className="lanes-label"),
            dcc.RadioItems(id=_id("lanes"), options=lane_options(context, language),
                           value=filters.lanes, inline=True, className="lanes"),
        ], className="lanes-control"),  # a radio group named by the label (assets/a11y.js)
    ], className="toolbar")

    more_hidden = len(positions) <= size
    main = html.Div([
        # The page's own view of the URL: it exists only while the page does, so its
        # callbacks never fire on another page. Given the current search, it does not
        # report a change when it mounts; "callback-nav" tells the shell's Location
        # (and the language links) when the page rewrites the query.
        dcc.Location(id=_id("url"), refresh="callback-nav", pathname="/", search=query),
        html.Div([
            html.H1(context.title(language), className="page-title"),
            html.P(description, className="lede") if description else None,
            campaign_links(context, language),
        ], className="page-intro"),
        html.Div([
            html.Aside([
                html.Details([
                    html.Summary(t("filters.title"), className="filters-summary"),
                    controls,
                ], open=True, id=_id("filters-details"), className="filters-details"),
            ], className="filters", **aria(label=t("filters.title"))),
            html.Div([
                toolbar,
                html.Section([
                    html.H2(t("timeline.chart_title"), className="visually-hidden",
                            id=_id("chart-title")),
                    html.Div(legend(context, language), id=_id("legend"),
                             className="legend"),
                    dcc.Graph(id=_id("graph"), figure=context.timeline(filters, language),
                              config=graph_config(language, toImageButtonOptions={
                                  "filename": "timeline"}), className="timeline-graph"),
                    html.P(density_note(context, parts["marks"], parts["count"], language),
                           id=_id("note"),
                           className="note", **aria(live="polite")),
                    html.P(t("timeline.chart_help"), className="help"),
                ], className="chart", **aria(labelledby=_id("chart-title"))),
                html.Section(detail(context, filters, language), id=_id("detail"),
                             className="detail", tabIndex="-1",
                             **aria(label=t("detail.label"))),
                html.Section([
                    html.H2(t("timeline.momentum_title"), id=_id("momentum-title")),
                    dcc.Graph(id=_id("momentum"), figure=context.momentum(filters, language),
                              config=graph_config(language, displayModeBar=False),
                              className="momentum-graph"),
                ], className="momentum", **aria(labelledby=_id("momentum-title"))),
                html.Section([
                    html.H2(t("list.title"), id=_id("list-title")),
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
                                   id=_id("rows")),
                    ], className="event-list", id=_id("list")),
                    html.Button(t("list.more", count=format_number(size, language)),
                                id=_id("more"), n_clicks=0, className="button more",
                                type="button", hidden=more_hidden),
                ], className="list", **aria(labelledby=_id("list-title"))),
            ], className="timeline-content"),
        ], className="timeline-grid"),
        dcc.Store(id=_id("view"), data={"key": view_key(filters, language)}),
        dcc.Store(id=_id("shown"), data={"key": view_key(filters, language), "shown": size}),
        dcc.Store(id=_id("selected"), data={"event": filters.event, "lang": language}),
        dcc.Store(id=_id("scrolled")),
        dcc.Store(id=_id("window")),
        dcc.Store(id=_id("compact"), data=False),
    ], className="timeline-page")
    return main


# ------------------------------------------------------------------ callbacks


# Only zooms and pans of the time axis reach the server: Plotly also reports resizes
# ("autosize") and other layout changes, and one of those sent right after a zoom
# would make Dash drop the zoom's pending answer.
_TIME_WINDOW = """
function(relayout) {
    var skip = window.dash_clientside.no_update;
    if (!relayout) { return skip; }
    if (relayout["xaxis.autorange"]) { return {reset: true}; }
    var low = relayout["xaxis.range[0]"], high = relayout["xaxis.range[1]"];
    var range = relayout["xaxis.range"];
    if ((low === undefined || high === undefined) && Array.isArray(range)) {
        low = range[0];
        high = range[1];
    }
    if (low === undefined || high === undefined) { return skip; }
    return {range: [low, high]};
}
"""


def _window(asked: dict[str, Any] | None) -> tuple[float, float] | None:
    """The x window the reader zoomed to; None to reset; PreventUpdate if unreadable."""
    if not isinstance(asked, dict):
        raise PreventUpdate
    if asked.get("reset"):
        return None
    bounds = asked.get("range")
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise PreventUpdate
    try:
        low, high = _axis_ms(bounds[0]), _axis_ms(bounds[1])
    except (TypeError, ValueError, OverflowError):
        raise PreventUpdate from None
    if not low < high:
        raise PreventUpdate
    return low, high


def _axis_ms(value: Any) -> float:
    """A Plotly date-axis value (ms or "2010-03-04 12:33:20.5") as epoch ms."""
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(" ", "T")
    moment = datetime.fromisoformat(text[:26])
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return figures.ms(moment)


def register(app: Dash, context: AppContext) -> None:
    """The page's callbacks: one for every change of view, one for more rows."""
    size = context.settings.page_size

    outputs = {name: index for index, name in enumerate((
        "url", *_CONTROLS, "figure", "count", "note", "view", "detail", "selected"))}

    @app.callback(
        Output(_id("url"), "search"),
        *(Output(_id(name), "value") for name in _CONTROLS),
        Output(_id("graph"), "figure"),
        Output(_id("count"), "children"),
        Output(_id("note"), "children"),
        Output(_id("view"), "data"),
        Output(_id("detail"), "children"),
        Output(_id("selected"), "data"),
        Input(_id("url"), "search"),
        *(Input(_id(name), "value") for name in _CONTROLS),
        Input(_id("reset"), "n_clicks"),
        Input(_id("graph"), "clickData"),
        Input(_id("window"), "data"),
        Input(_id("compact"), "data"),
        State(_id("view"), "data"),
        State(_id("selected"), "data"),
        prevent_initial_call=True,
    )
    def update(search: str | None, q: str | None, country: list[str] | None,
               actor: list[str] | None, type_: list[str] | None, campaign: list[str] | None,
               tag: list[str] | None, date_from: str | None, date_to: str | None,
               lanes: str | None, reset: int | None, click: dict[str, Any] | None,
               asked: dict[str, Any] | None, compact: bool | None,
               drawn: dict[str, Any] | None, selected: dict[str, Any] | None) -> list[Any]:
        """One request per change: the new URL, the controls, and what it redraws.

        A control writes the URL (pushing a history entry) and redraws in the same
        answer; a URL change (the back button, a link) sets the controls and redraws.
        Only what changed is sent: the chart as a partial update, the detail only when
        the selection changes, nothing of the view when only the selection did.
        """
        out: list[Any] = [no_update] * len(outputs)
        current = context.filters(search)
        language = context.language(current.lang)
        trigger = ctx.triggered_id
        if trigger == _id("window"):
            return _zoomed(context, current, language, asked, drawn, out, outputs)
        if trigger == _id("compact"):
            if not compact:
                raise PreventUpdate
            patch = Patch()
            _names_inside_lanes(patch, context.timeline(current, language)["layout"])
            out[outputs["figure"]] = patch
            return out
        shown = (q, country, actor, type_, campaign, tag, date_from, date_to, lanes)
        if trigger == _id("url"):
            wanted = current
            out[1:1 + len(_CONTROLS)] = _changed_controls(shown, wanted)
        elif trigger == _id("reset"):
            wanted = current.cleared()
            out[1:1 + len(_CONTROLS)] = _changed_controls(shown, wanted)
        elif trigger == _id("graph"):
            event_id = _clicked_event(context, click)
            if event_id is None or event_id == current.event:
                raise PreventUpdate
            wanted = replace(current, event=event_id)
        else:
            wanted = Filters(
                country=tuple(country or ()), actor=tuple(actor or ()),
                type=tuple(type_ or ()), campaign=tuple(campaign or ()),
                tag=tuple(tag or ()), q=(q or "").strip()[:200],
                date_from=(date_from or "").strip(), date_to=(date_to or "").strip(),
                lanes=lanes or "type", event=current.event, lang=current.lang,
                demand=current.demand, stance=current.stance,
            ).restrict(context.index, context.languages)
            if wanted == current:
                raise PreventUpdate
        if trigger != _id("url"):
            out[outputs["url"]] = _search(wanted)
        key = view_key(wanted, language)
        patch = Patch()
        if not drawn or drawn.get("key") != key:
            _redraw(context, wanted, language, key, patch, out, outputs, bool(compact))
        state = {"event": wanted.event, "lang": language}
        if selected != state:
            position = context.index.position.get(wanted.event) if wanted.event else None
            patch["layout"]["shapes"][0] = figures.selection_shapes(context.table, position)[0]
            out[outputs["figure"]] = patch
            out[outputs["detail"]] = detail(context, wanted, language)
            out[outputs["selected"]] = state
        if all(value is no_update for value in out):
            raise PreventUpdate
        return out

    @app.callback(
        Output(_id("momentum"), "figure"),
        Output(_id("rows"), "children"),
        Output(_id("more"), "hidden"),
        Output(_id("shown"), "data"),
        Input(_id("view"), "data"),
        State(_id("url"), "search"),
        prevent_initial_call=True,
    )
    def follow(view: dict[str, Any] | None, search: str | None) -> tuple[Any, ...]:
        """The momentum chart and the list's first page of a new view, in a second answer:
        the chart and the count the reader is looking at are drawn first, these (further
        down the page) a moment later, from the same cached view."""
        filters = context.filters(search)
        language = context.language(filters.lang)
        key = view_key(filters, language)
        if not view or view.get("key") != key:
            raise PreventUpdate  # the URL has moved on; its own update will follow
        positions = context.positions(filters)
        return (context.momentum(filters, language),
                list_rows(context, positions, 0, size, filters, language),
                len(positions) <= size, {"key": key, "shown": size})

    @app.callback(
        Output(_id("rows"), "children", allow_duplicate=True),
        Output(_id("more"), "hidden", allow_duplicate=True),
        Output(_id("shown"), "data", allow_duplicate=True),
        Input(_id("more"), "n_clicks"),
        State(_id("url"), "search"),
        State(_id("shown"), "data"),
        prevent_initial_call=True,
    )
    def more(clicks: int | None, search: str | None, shown: dict[str, Any] | None
             ) -> tuple[Any, ...]:
        if not clicks:
            raise PreventUpdate
        filters = context.filters(search)
        language = context.language(filters.lang)
        key = view_key(filters, language)
        start = int(shown.get("shown", size)) if shown and shown.get("key") == key else size
        positions = context.positions(filters)
        stop = start + size
        patch = Patch()
        patch.extend(list_rows(context, positions, start, stop, filters, language))
        return patch, stop >= len(positions), {"key": key, "shown": stop}

    app.clientside_callback(_TIME_WINDOW, Output(_id("window"), "data"),
                            Input(_id("graph"), "relayoutData"), prevent_initial_call=True)

    # On a phone the filters would push the chart a screen down: they start folded
    # there (the count above the chart says what they select), and the chart is told
    # to write its lane names inside the lanes (see ``update``). The panel's id never
    # changes, so this runs once each time the page is shown.
    app.clientside_callback(
        f"""
        function(_) {{
            var skip = window.dash_clientside.no_update;
            var phone = window.matchMedia("(max-width: {PHONE_WIDTH}px)").matches;
            return phone ? [false, true] : [skip, skip];
        }}
        """,
        Output(_id("filters-details"), "open"),
        Output(_id("compact"), "data"),
        Input(_id("filters-details"), "id"),
    )

    app.clientside_callback(
        """
        function(children) {
            var panel = document.getElementById("timeline-detail");
            if (panel && panel.querySelector("h2")) {
                var box = panel.getBoundingClientRect();
                if (box.top > window.innerHeight - 80 || box.bottom < 0) {
                    panel.scrollIntoView({block: "start", behavior: "smooth"});
                }
            }
            return window.dash_clientside.no_update;
        }
        """,
        Output(_id("scrolled"), "data"),
        Input(_id("detail"), "children"),
        prevent_initial_call=True,
    )

    # Beyond MAX_STATIC_OPTIONS actors or tags, a dropdown's options follow its search.
    for name, values, options in (("actor", context.index.by_actor, actor_options),
                                  ("tag", context.index.by_tag, tag_options)):
        if len(values) > MAX_STATIC_OPTIONS:
            _register_option_search(app, context, name, options)


def _register_option_search(app: Dash, context: AppContext, name: str,
                            options: Callable[..., list[dict[str, str]]]) -> None:
    @app.callback(Output(_id(name), "options"), Input(_id(name), "search_value"),
                  State(_id(name), "value"), State(_id("url"), "search"),
                  prevent_initial_call=True)
    def search_options(search_value: str | None, value: list[str] | None,
                       search: str | None) -> list[dict[str, str]]:
        language = context.language(context.filters(search).lang)
        return options(context, language, value or (), search_value or "")


def _redraw(context: AppContext, filters: Filters, language: str, key: str, patch: Patch,
            out: list[Any], outputs: dict[str, int], compact: bool = False) -> None:
    """Fill ``out`` with a new view: chart traces and lanes, momentum, count, list."""
    figure = context.timeline(filters, language)
    layout = figure["layout"]
    # the traces and what depends on the lanes; fonts, margins, the slider stay
    patch["data"] = figure["data"]
    for name in ("height", "uirevision", "shapes", "annotations"):
        patch["layout"][name] = layout.get(name, [])
    patch["layout"]["xaxis"]["range"] = layout["xaxis"]["range"]
    patch["layout"]["xaxis"]["rangeslider"]["range"] = layout["xaxis"]["range"]
    for name in ("tickvals", "ticktext", "range"):
        patch["layout"]["yaxis"][name] = layout["yaxis"][name]
    if compact:
        _names_inside_lanes(patch, layout)
    parts = context.timeline_parts(filters, language)
    positions = context.positions(filters)
    out[outputs["figure"]] = patch
    out[outputs["count"]] = count_text(context, len(positions), language)
    out[outputs["note"]] = density_note(context, parts["marks"], len(positions), language)
    out[outputs["view"]] = {"key": key}


def _names_inside_lanes(patch: Patch, layout: dict[str, Any]) -> None:
    """On a phone: the lane names over the top of each lane instead of beside the lanes,
    so that the lanes keep the chart's whole width."""
    patch["layout"]["yaxis"]["showticklabels"] = False
    patch["layout"]["annotations"] = [
        *layout.get("annotations", []), *figures.lane_annotations(layout["yaxis"]["ticktext"])]


def _zoomed(context: AppContext, filters: Filters, language: str,
            asked: dict[str, Any] | None, drawn: dict[str, Any] | None, out: list[Any],
            outputs: dict[str, int]) -> list[Any]:
    """The traces for the window the reader zoomed to (density or marks)."""
    window = _window(asked)
    if not drawn or drawn.get("key") != view_key(filters, language):
        raise PreventUpdate
    count = len(context.positions(filters))
    if count <= context.settings.max_marks:
        raise PreventUpdate  # every event is drawn already
    if window is None:
        parts = context.timeline_parts(filters, language)
        data, marks = parts["data"], parts["marks"]
    else:
        view = context.view(filters, language, window)
        max_marks = context.settings.max_marks
        data = figures.timeline_traces(context.table, view, context.texts(language)[0],
                                       max_marks=max_marks, max_bins=context.settings.max_bins)
        marks = figures.shows_marks(view, context.table, max_marks)
    patch = Patch()
    patch["data"] = data
    out[outputs["figure"]] = patch
    out[outputs["note"]] = density_note(context, marks, count, language)
    return out


def _search(filters: Filters) -> str:
    query = filters.to_query()
    return f"?{query}" if query else ""


def _changed_controls(shown: tuple[Any, ...], filters: Filters) -> list[Any]:
    """The controls' new values, ``no_update`` for those already showing them (each
    control re-rendered in the browser costs time; a dropdown, a lot of it)."""
    return [no_update if (old or None) == (new or None) else new
            for old, new in zip(shown, _control_values(filters), strict=True)]


def _control_values(filters: Filters) -> tuple[Any, ...]:
    return (filters.q, list(filters.country), list(filters.actor), list(filters.type),
            list(filters.campaign), list(filters.tag), filters.date_from, filters.date_to,
            filters.lanes)


def _clicked_event(context: AppContext, click: dict[str, Any] | None) -> str | None:
    """The event id behind a click on a mark (density cells carry no event)."""
    try:
        position = int(click["points"][0]["customdata"])  # type: ignore[index]
    except (TypeError, KeyError, IndexError, ValueError):
        return None
    events = context.index.events
    return events[position].id if 0 <= position < len(events) else None

