"""``/actors/<id>``: who an actor is, what they took part in, and where they stood.

Their stance on each demand (the stances a record names them in ``by`` for), current
first with since when and the earlier ones, newest first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import Dash, dcc, html
from dash.development.base_component import Component

from timeline.app.api import feed_href
from timeline.app.components import shell
from timeline.app.components.attrs import aria, data
from timeline.app.components.graph_frame import graph_frame
from timeline.app.components.tracker_parts import event_anchor
from timeline.dates import format_span
from timeline.i18n.catalogue import Translate, translator, type_label, vocab_label
from timeline.i18n.countries import country_name
from timeline.links import safe_href
from timeline.model import Actor, localise
from timeline.query.ledger import Position, actor_positions
from timeline.query.tracker import actor_events, latest_events

LIST_LIMIT = 100  # rows of a list before "see all on the timeline"
EARLIER_SHOWN = 5  # earlier stances (changes) listed per demand; the rest are counted

if TYPE_CHECKING:
    from timeline.app.context import AppContext
    from timeline.model import Dataset


def _facts(actor: Actor, language: str, t: Translate) -> html.Dl:
    items: list[Component] = [html.Dt(t("tracker.actor.kind")),
                              html.Dd(vocab_label("actor_kind", actor.kind, language),
                                      id="actor-kind")]
    if actor.countries:
        items += [html.Dt(t("tracker.actor.countries")),
                  html.Dd(", ".join(country_name(c, language) for c in actor.countries))]
    if actor.aliases:
        items += [html.Dt(t("tracker.actor.aliases")), html.Dd(", ".join(actor.aliases))]
    url = safe_href(actor.url)
    if url:
        items += [html.Dt(t("tracker.actor.link")),
                  html.Dd(html.A(url, href=url, rel="noopener noreferrer", target="_blank"))]
    return html.Dl(items, className="tracker-facts")


def _stances(positions: list[Position], dataset: Dataset, language: str, t: Translate
             ) -> html.Table | html.P:
    """The actor's current stance on each demand, since when, and its history."""
    if not positions:
        return html.P(t("tracker.actor.no_stances"), className="tracker-note",
                      id="actor-stances-table")
    rows = []
    for position in positions:
        ref = position.current.demand
        campaign = dataset.campaigns.get(ref.split("/", 1)[0])
        found = campaign.demand(ref.split("/", 1)[-1]) if campaign else None
        demand_text = localise(found.text, language) if found else ref
        demand = (dcc.Link(demand_text, href=shell.campaign_href(campaign.id, language))
                  if campaign else demand_text)
        since = position.since.date
        earlier = html.Ul(className="plain tracker-earlier", children=[
            html.Li([t(f"tracker.stance.{h.stance}"), " · ", format_span(h.date, language),
                     " · ", event_anchor(h.event, language)])
            for h in position.changes[:EARLIER_SHOWN]
        ] + ([html.Li(t("tracker.ledger.more_changes",
                        count=len(position.changes) - EARLIER_SHOWN), className="tracker-note")]
             if len(position.changes) > EARLIER_SHOWN else [])) if position.changes else "—"
        quote = localise(position.quote, language)
        behind: list[Component | str] = [event_anchor(position.current.event, language)]
        if quote:
            behind += [" ", html.Q(quote, className="stance-quote")]
        rows.append(html.Tr(**data(demand=ref, stance=position.stance), children=[
            html.Td(demand),
            html.Td(t(f"tracker.stance.{position.stance}"), **data(stance=position.stance)),
            html.Td([html.Time(format_span(since, language),
                               dateTime=since.start.date().isoformat()),
                     *([html.Span(" *", title=t("tracker.ledger.fuzzy_note"))]
                       if position.fuzzy else [])]),
            html.Td(behind),
            html.Td(earlier),
        ]))
    return html.Table(className="tracker-table tracker-ledger", id="actor-stances-table",
                      children=[
        html.Caption(t("tracker.actor.stances"), className="visually-hidden"),
        html.Thead(html.Tr([html.Th(t(key), scope="col") for key in (
            "tracker.column.demand", "tracker.ledger.heading.stance",
            "tracker.ledger.heading.since", "tracker.ledger.heading.event",
            "tracker.ledger.heading.earlier")])),
        html.Tbody(rows),
    ])


def _more(count: int, t: Translate, href: str) -> list[Component]:
    """A note and a link when a list shows only the newest LIST_LIMIT of ``count``."""
    if count <= LIST_LIMIT:
        return []
    return [html.P([t("tracker.actor.more", shown=LIST_LIMIT, count=count), " ",
                    dcc.Link(t("tracker.actor.on_timeline"), href=href)],
                   className="tracker-note")]


def layout(context: AppContext, ident: str | None, query: str, language: str
           ) -> html.Div | None:
    """The actor page; None (the shell's "not found") for an unknown id."""
    dataset = context.dataset
    t = translator(language)
    actor = dataset.actors.get(ident or "")
    if actor is None:
        return None
    name = localise(actor.name, language)
    events = actor_events(context.index, actor.id)
    description = localise(actor.description, language)
    # The timeline page's own figure: marks, or density per lane when crowded.
    timeline = context.timeline_figure([context.index.position[e.id] for e in events],
                                       language, uirevision=f"actor:{actor.id}")
    stances = actor_positions(dataset, context.index, actor.id)
    everything = shell.filter_href(actor=actor.id, lang=language)
    return html.Div(className="tracker-page", id="actor-page", children=[
        html.P(t("tracker.actor.kicker"), className="tracker-kicker"),
        html.H1(name, id="actor-title"),
        *([html.P(description, className="tracker-lead")] if description else []),
        _facts(actor, language, t),
        html.P([dcc.Link(t("tracker.actor.on_timeline"), id="actor-on-timeline",
                         href=everything),
                " · ",
                html.A(t("feed.subscribe"), href=feed_href("actors", actor.id, language),
                       id="actor-feed")]),
        html.Section(className="tracker-section", **aria(labelledby="actor-stances"),
                     children=[
            html.H2(t("tracker.actor.stances"), id="actor-stances"),
            _stances(stances[:LIST_LIMIT], dataset, language, t),
            *_more(len(stances), t, everything),
        ]),
        html.Section(className="tracker-section", **aria(labelledby="actor-events"),
                     children=[
            html.H2(t("tracker.actor.events", count=len(events)), id="actor-events"),
            *([html.Figure(className="tracker-figure", children=[
                graph_frame(dcc.Graph(id="actor-timeline", figure=timeline, responsive=True,
                                      style={"height": f"{timeline.layout.height}px"},
                                      config={"displayModeBar": False, "displaylogo": False})),
                html.Figcaption(t("tracker.actor.timeline_label", name=name)),
            ])] if events else []),
            html.H3(t("tracker.actor.newest_first")),
            html.Ol(id="actor-event-list", className="tracker-events", children=[
                html.Li([event_anchor(event, language, with_date=True), " ",
                         html.Span(type_label(event.type, language),
                                   className="tracker-note")])
                for event in latest_events(events, LIST_LIMIT)]),
            *_more(len(events), t, everything),
        ]),
    ])


# No callbacks: a direct visit gets the page without Dash (app/document.py).
STATIC = True


def register(app: Dash, context: AppContext) -> None:
    """The actor page is static: no callbacks."""
