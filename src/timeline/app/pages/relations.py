"""``/relations``: one country's diplomatic relations with every other, as of a date.

A view of :mod:`timeline.query.relations`. Its state is ``?country=IL&date=2025-06-01``
(with the shell's ``lang``): read leniently (an unknown country or a bad date falls
back to the default), and written back to the address bar by the page's own
``dcc.Location``, so a link restores the view and the back button steps through the
reader's choices. The page keeps that ``Location`` to itself so its callback only
exists while the page is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, parse_qsl, urlencode

from dash import (
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

from timeline.app.components.attrs import aria
from timeline.app.components.graph_frame import graph_frame
from timeline.app.components.tracker_parts import event_anchor
from timeline.dates import SEASON_START_MONTH, DatePart, format_part, format_span, parse_part
from timeline.figures.maps import STATUS_COLOURS, relations_map_figure
from timeline.i18n.catalogue import Translate, translator
from timeline.i18n.countries import country_name
from timeline.model import Dataset, localise
from timeline.query.relations import (
    Relation,
    RelationHistory,
    cutoff_of,
    dataset_span,
    relation_events,
    relation_history,
)

if TYPE_CHECKING:
    from timeline.app.context import AppContext



# ------------------------------------------------------------------ state


def read_state(query: str, history: RelationHistory, first: date, last: date,
               today: date) -> tuple[str | None, date]:
    """The country and day a query asks for; the defaults for anything unknown
    (the country in most relation events; today, kept within the dataset's span)."""
    values = parse_qs(query.lstrip("?")[:2000])
    country = (values.get("country") or [""])[-1].strip().upper()
    if country not in history.counts:
        country = history.default_country() or ""
    chosen = parse_day((values.get("date") or [""])[-1], first, last)
    return country or None, chosen or min(max(today, first), last)


def parse_day(text: str | None, first: date, last: date) -> date | None:
    """A ``YYYY-MM-DD`` day between ``first`` and ``last``, else None."""
    text = (text or "").strip()
    if len(text) != 10:
        return None
    try:
        value = date.fromisoformat(text)
    except ValueError:
        return None
    return value if first <= value <= last else None


def state_query(search: str, country: str | None, on: date) -> str:
    """``search`` with ``country`` and ``date`` set, every other key (``lang``) kept."""
    kept = [(k, v) for k, v in parse_qsl(search.lstrip("?")) if k not in ("country", "date")]
    pairs = [("country", country or ""), ("date", on.isoformat()), *kept]
    return "?" + urlencode([(k, v) for k, v in pairs if v])


def slider_marks(first: date, last: date) -> dict[int, str]:
    """A handful of year marks (at most about six) along the slider."""
    years = last.year - first.year
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100) if years / s <= 6), 100)
    return {(date(year, 1, 1) - first).days: str(year)
            for year in range(first.year - first.year % step + step, last.year + 1, step)}


# ------------------------------------------------------------------ views


def _first_day(part: DatePart) -> DatePart:
    """The first day a coarse date part covers, to say where its status counts from."""
    month = part.month or SEASON_START_MONTH.get(part.season or 0, 1)
    return replace(part, month=month, day=1, precision="day", approximate=False,
                   uncertain=False, season=None)


def format_day(day: date, language: str) -> str:
    return format_part(parse_part(day.isoformat()), language)


def _since_cell(row: Relation, language: str, t: Translate) -> list[Any]:
    if row.event is None:
        return ["—"]
    span = row.event.date
    cell: list[Any] = [html.Time(format_span(span, language),
                                 dateTime=span.start.date().isoformat())]
    notes = []
    if row.coarse:
        notes.append(t("tracker.relations.coarse", span=format_span(span, language),
                       start=format_part(_first_day(span.lower), language)))
    if span.approximate or span.uncertain:
        notes.append(t("tracker.relations.uncertain"))
    if notes:
        cell.append(html.Small(" ".join(notes), className="tracker-note"))
    return cell


def relations_table(rows: Sequence[Relation], country: str, on: date, language: str,
                    t: Translate) -> html.Table:
    """The accessible twin of the map: every partner with status, since and event."""
    ordered = sorted(rows, key=lambda r: country_name(r.country, language))
    body = [
        html.Tr(id=f"relations-row-{r.country}", children=[
            html.Th(country_name(r.country, language), scope="row"),
            html.Td([html.Span(className="tracker-swatch", **aria(hidden="true"),
                               style={"background": STATUS_COLOURS[r.status]}),
                     t(f"tracker.status.{r.status}")],
                    className=f"relations-status relations-status-{r.status}"),
            html.Td(_since_cell(r, language, t), className="relations-since"),
            html.Td(event_anchor(r.event, language) if r.event else "—",
                    className="relations-event"),
        ])
        for r in ordered
    ]
    return html.Table(className="tracker-table", id="relations-table", children=[
        html.Caption(t("tracker.relations.heading", country=country_name(country, language),
                       date=format_day(on, language))),
        html.Thead(html.Tr([html.Th(t(f"tracker.column.{k}"), scope="col")
                            for k in ("country", "status", "since", "event")])),
        html.Tbody(body),
    ])


def results(history: RelationHistory, country: str | None, on: date, dataset: Dataset,
            language: str) -> tuple[str, Any, Any]:
    """The heading, map and table for one country and day."""
    t = translator(language)
    if country is None:  # a dataset without relation events
        message = t("tracker.relations.empty")
        return message, relations_map_figure([], "", language, t), html.P(message)
    rows = history.statuses(country, cutoff_of(on.isoformat(), dataset.settings.timezone))
    titles = {r.event.id: localise(r.event.title, language) for r in rows if r.event}
    heading = t("tracker.relations.heading", country=country_name(country, language),
                date=format_day(on, language))
    figure = relations_map_figure(rows, country, language, t, titles)
    return heading, figure, relations_table(rows, country, on, language, t)


def _hint(t: Translate, first: date, last: date, key: str = "date_hint") -> str:
    return t(f"tracker.relations.{key}", first=first.isoformat(), last=last.isoformat())


# ------------------------------------------------------------------ page


def layout(context: AppContext, ident: str | None, query: str, language: str) -> html.Div:
    """The relations page for ``?country=..&date=..`` (defaults for anything unknown)."""
    dataset = context.dataset
    t = translator(language)
    history = relation_history(relation_events(context.index))
    first, last = dataset_span(dataset, context.today)
    country, on = read_state(query, history, first, last, context.today)
    heading, figure, table = results(history, country, on, dataset, language)
    options = sorted(({"label": f"{country_name(c, language)} ({history.counts[c]})",
                       "value": c} for c in history.counts), key=lambda o: o["label"])
    return html.Div(className="tracker-page", id="relations-page", children=[
        # Given the address it was built from, so mounting it triggers nothing;
        # "callback-nav" tells the shell's Location too (its language links follow).
        dcc.Location(id="relations-url", refresh="callback-nav",
                     search=f"?{query.lstrip('?')}" if query.lstrip("?") else ""),
        dcc.Store(id="relations-language", data=language),
        html.H1(t("tracker.relations.title"), id="relations-title"),
        html.P(t("tracker.relations.intro"), className="tracker-lead"),
        html.Div(className="tracker-controls", role="group",
                 **aria(label=t("tracker.relations.controls")), children=[
            html.Div(className="tracker-control", children=[
                html.Label(t("tracker.relations.country_label"), htmlFor="relations-country"),
                dcc.Dropdown(id="relations-country", options=options, value=country,
                             clearable=False, searchable=True),
            ]),
            html.Div(className="tracker-control", children=[
                # The hint sits inside the label so it is part of the box's accessible
                # name (dcc.Input takes no aria-describedby).
                html.Label(htmlFor="relations-date", children=[
                    t("tracker.relations.date_label"), " ",
                    html.Small(_hint(t, first, last), id="relations-date-hint",
                               className="tracker-note", **aria(live="polite")),
                ]),
                dcc.Input(id="relations-date", type="text", value=on.isoformat(),
                          debounce=True, placeholder="YYYY-MM-DD", inputMode="numeric",
                          pattern=r"\d{4}-\d{2}-\d{2}", maxLength=10, autoComplete="off"),
            ]),
            html.Div(className="tracker-control tracker-slider", role="group",
                     **aria(label=t("tracker.relations.slider_label")), children=[
                html.Span(t("tracker.relations.slider_label"), className="tracker-label",
                          **aria(hidden="true")),
                dcc.Slider(id="relations-slider", min=0, max=(last - first).days, step=1,
                           value=(on - first).days, marks=slider_marks(first, last),
                           allow_direct_input=False, included=False),
            ]),
        ]),
        html.H2(heading, id="relations-heading", **aria(live="polite")),
        html.Figure(className="tracker-figure", children=[
            graph_frame(dcc.Graph(id="relations-map", figure=figure, responsive=True,
                                  style={"height": "clamp(300px, 75vw, 540px)"},
                                  config={"topojsonURL": get_asset_url("topojson/"),
                                          "displayModeBar": False, "scrollZoom": False,
                                          "displaylogo": False})),
            html.Figcaption(t("tracker.relations.map_caption")),
        ]),
        html.Div(table, id="relations-table-box", className="tracker-table-box"),
        html.P(t("tracker.relations.unknown_note"), className="tracker-note"),
        html.P(t("tracker.relations.tie_note"), className="tracker-note"),
    ])


def register(app: Dash, context: AppContext) -> None:
    """Keep the address, the country, the date box, the slider, the map and the table
    in step; whichever the reader moved (or the back button) leads."""
    dataset = context.dataset
    history = relation_history(relation_events(context.index))
    first, last = dataset_span(dataset, context.today)

    @app.callback(
        Output("relations-url", "search"), Output("relations-country", "value"),
        Output("relations-date", "value"), Output("relations-slider", "value"),
        Output("relations-heading", "children"), Output("relations-map", "figure"),
        Output("relations-table-box", "children"), Output("relations-date-hint", "children"),
        Input("relations-url", "search"), Input("relations-country", "value"),
        Input("relations-date", "value"), Input("relations-slider", "value"),
        State("relations-language", "data"),
        prevent_initial_call=True)
    def update(search: str | None, country: str | None, typed: str | None,
               offset: int | None, language: str | None) -> tuple[Any, ...]:
        language = context.language(language)
        t = translator(language)
        trigger = callback_context.triggered_id
        search = search or ""
        if trigger == "relations-url":
            chosen, on = read_state(search, history, first, last, context.today)
        else:
            chosen = country if country in history.counts else history.default_country()
            if trigger == "relations-date":
                typed_day = parse_day(typed, first, last)
                if typed_day is None:  # keep the text and the view; say what is wrong
                    return (*([no_update] * 7), _hint(t, first, last, "bad_date"))
                on = typed_day
            else:
                days = offset if isinstance(offset, int | float) else 0
                on = first + timedelta(days=max(0, min(int(days), (last - first).days)))
        heading, figure, table = results(history, chosen, on, dataset, language)
        query = state_query(search, chosen, on)
        new_search = no_update if trigger == "relations-url" or query == search else query
        return (new_search, chosen, on.isoformat(), (on - first).days, heading, figure,
                table, _hint(t, first, last))
