"""``/campaigns/<id>``: where a campaign stands.

Its demands with their status and the event that decided them, a tally of the linked
events by stance (each number opens the timeline filtered to exactly those events),
the campaign's momentum, the actors most involved and the latest events. Everything
is computed by :mod:`timeline.query.tracker`; this module only lays it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dash import Dash, dcc, html
from dash.development.base_component import Component

from timeline.app.components import shell
from timeline.app.components.attrs import aria, data
from timeline.app.components.graph_frame import graph_frame
from timeline.app.components.tracker_parts import actor_anchor, event_anchor
from timeline.dates import format_span
from timeline.i18n.catalogue import Translate, translator, type_label
from timeline.i18n.countries import country_name
from timeline.model import Campaign, Dataset, localise
from timeline.query.tracker import (
    DemandTally,
    campaign_events,
    demand_tallies,
    latest_events,
    momentum,
    most_involved,
    tally_filters,
)
from timeline.vocab import EVENT_TYPE_IDS, event_type

if TYPE_CHECKING:
    from timeline.app.context import AppContext


def _tally_table(tally: DemandTally, dataset: Dataset, language: str, t: Translate,
                 number: int) -> html.Table | html.P:
    if tally.total == 0:
        return html.P(t("tracker.campaign.none_linked"), className="tracker-note")
    rows = []
    for stance in tally.stances:
        label = t(f"tracker.stance.{stance.stance}")
        if stance.count:
            explained = t("tracker.campaign.tally_link", count=stance.count, stance=label)
            count: Component = dcc.Link(
                [html.Span(str(stance.count), **aria(hidden="true")),
                 html.Span(explained, className="visually-hidden")],
                href=shell.timeline_href(tally_filters(tally.ref, stance.stance, language)),
                id=f"campaign-tally-{number}-{stance.stance}",
                className="tracker-count", title=explained)
        else:
            count = html.Span("0", className="tracker-count tracker-zero",
                              id=f"campaign-tally-{number}-{stance.stance}")
        actors: list[Component | str] = []
        for position, actor in enumerate(stance.actors):
            if position:
                actors.append(", ")
            actors.append(actor_anchor(actor, dataset, language))
        rows.append(html.Tr([html.Th(label, scope="row"), html.Td(count),
                             html.Td(actors or "—")]))
    return html.Table(className="tracker-table tracker-tally", children=[
        html.Caption(t("tracker.campaign.tally_caption"), className="visually-hidden"),
        html.Thead(html.Tr([html.Th(t("tracker.column.stance"), scope="col"),
                            html.Th(t("tracker.column.events"), scope="col"),
                            html.Th(t("tracker.campaign.actors_named"), scope="col")])),
        html.Tbody(rows),
    ])


def _demand(tally: DemandTally, number: int, dataset: Dataset, language: str,
            t: Translate) -> html.Article:
    status = tally.demand.status
    decided = []
    if tally.decided_by is not None:
        decided = [html.P([t("tracker.campaign.decided_by"), ": ",
                           event_anchor(tally.decided_by, language, with_date=True)],
                          className="tracker-decided")]
    heading_id = f"campaign-demand-{number}"
    return html.Article(className="tracker-demand", id=f"campaign-demand-{tally.demand.id}",
                        **aria(labelledby=heading_id), children=[
        html.H3(localise(tally.demand.text, language), id=heading_id),
        html.P([html.Span(t("tracker.column.status") + ": ", className="tracker-label"),
                html.Span(t(f"tracker.demand_status.{status}"),
                          className=f"tracker-badge tracker-badge-{status}",
                          **data(status=status))]),
        *decided,
        _tally_table(tally, dataset, language, t, number),
    ])


def _facts(campaign: Campaign, language: str, t: Translate) -> html.Dl:
    items: list[Component] = []
    if campaign.started is not None:
        items += [html.Dt(t("tracker.campaign.started")),
                  html.Dd(format_span(campaign.started, language))]
    if campaign.countries:
        items += [html.Dt(t("tracker.campaign.countries")),
                  html.Dd(", ".join(country_name(c, language) for c in campaign.countries))]
    return html.Dl(items, className="tracker-facts")


def layout(context: AppContext, ident: str | None, query: str, language: str
           ) -> html.Div | None:
    """The campaign page; None (the shell's "not found") for an unknown id."""
    dataset = context.dataset
    t = translator(language)
    campaign = dataset.campaigns.get(ident or "")
    if campaign is None:
        return None
    events = campaign_events(context.index, campaign.id)
    since = campaign.started.start if campaign.started is not None else None
    flow = momentum(events, since)
    involved = [e for e in events if since is None or e.date.start >= since]
    tallies = demand_tallies(dataset, context.index, campaign)
    description = localise(campaign.description, language)
    return html.Div(className="tracker-page", id="campaign-page", children=[
        html.P(t("tracker.campaign.kicker"), className="tracker-kicker"),
        html.H1(localise(campaign.name, language), id="campaign-title"),
        *([html.P(description, className="tracker-lead")] if description else []),
        _facts(campaign, language, t),
        html.P(dcc.Link(t("tracker.campaign.all_events", count=len(events)),
                        href=shell.filter_href(campaign=campaign.id, lang=language),
                        id="campaign-all-events")),
        html.Section(className="tracker-section", **aria(labelledby="campaign-demands"),
                     children=[
            html.H2(t("tracker.campaign.demands"), id="campaign-demands"),
            *[_demand(tally, number, dataset, language, t)
              for number, tally in enumerate(tallies, 1)],
        ]),
        html.Section(className="tracker-section", **aria(labelledby="campaign-momentum"),
                     children=[
            html.H2(t("tracker.campaign.momentum"), id="campaign-momentum"),
            *([html.P(t("tracker.campaign.since", date=format_span(campaign.started,
                                                                   language)),
                      className="tracker-note")] if campaign.started else []),
            html.Figure(className="tracker-figure", children=[
                graph_frame(dcc.Graph(id="campaign-momentum-graph", style={"height": "300px"},
                                      figure=context.momentum_figure(
                                          [context.index.position[e.id] for e in involved],
                                          language, height=300, unit="month"),
                                      responsive=True,
                                      config={"displayModeBar": False, "displaylogo": False})),
                html.Figcaption([
                    t("tracker.campaign.momentum_caption", count=flow.total),
                    html.Ul(className="tracker-legend", id="campaign-momentum-legend",
                            children=[html.Li([
                                html.Span(className="tracker-swatch",
                                          style={"background": event_type(tid).colour},
                                          **aria(hidden="true")),
                                type_label(tid, language)])
                                for tid in EVENT_TYPE_IDS if tid in flow.counts]),
                ]),
            ]),
        ]),
        html.Div(className="tracker-columns", children=[
            html.Section(className="tracker-section",
                         **aria(labelledby="campaign-involved"), children=[
                html.H2(t("tracker.campaign.most_involved"), id="campaign-involved"),
                html.Ol(id="campaign-actors", children=[
                    html.Li([actor_anchor(actor, dataset, language), " ",
                             html.Span(t("tracker.campaign.event_count", count=count),
                                       className="tracker-note")])
                    for actor, count in most_involved(involved)]),
            ]),
            html.Section(className="tracker-section",
                         **aria(labelledby="campaign-latest"), children=[
                html.H2(t("tracker.campaign.latest"), id="campaign-latest"),
                html.Ul(id="campaign-latest-list", className="tracker-events", children=[
                    html.Li(event_anchor(event, language, with_date=True))
                    for event in latest_events(events)]),
            ]),
        ]),
    ])


def register(app: Dash, context: AppContext) -> None:
    """The campaign page is static: no callbacks."""
