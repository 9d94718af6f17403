"""``/campaigns/<id>``: where a campaign stands.

Its demands with their status (and its history) and the event that decided them, a
tally by stance of the linked events (each number opens the timeline filtered to
exactly those events) and of the actors holding it now, the stance ledger (every actor
with a stance: which, since when, the event and words behind it, the earlier ones),
the campaign's momentum, the actors most involved and the latest events; all as of the
date in ``?as_of=`` when given. Everything is computed by :mod:`timeline.query.tracker`
and :mod:`timeline.query.ledger`; this module only lays it out.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from dash import Dash, dcc, html
from dash.development.base_component import Component

from timeline.app.api import feed_href
from timeline.app.components import shell
from timeline.app.components.attrs import aria, data
from timeline.app.components.graph_frame import graph_frame
from timeline.app.components.tracker_parts import actor_anchor, event_anchor
from timeline.dates import format_span, parse_date
from timeline.i18n.catalogue import Translate, translator, type_label
from timeline.i18n.countries import country_name
from timeline.model import Campaign, Dataset, localise
from timeline.query.filters import MAX_BOUND_LENGTH
from timeline.query.ledger import DemandLedger, HeldStance, campaign_ledger
from timeline.query.relations import RelationsError, cutoff_of
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

EARLIER_SHOWN = 5  # earlier stances (changes) listed per actor; the rest are counted


def _tally_table(tally: DemandTally, ledger: DemandLedger, language: str, t: Translate,
                 number: int, until: str) -> html.Table | html.P:
    """Per stance: the events that took it (a link to exactly them on the timeline) and
    the actors who hold it now."""
    if tally.total == 0 and not ledger.positions:
        return html.P(t("tracker.campaign.none_linked"), className="tracker-note")
    holding = ledger.actor_counts()
    rows = []
    for stance in tally.stances:
        label = t(f"tracker.stance.{stance.stance}")
        if stance.count:
            explained = t("tracker.campaign.tally_link", count=stance.count, stance=label)
            count: Component = dcc.Link(
                [html.Span(str(stance.count), **aria(hidden="true")),
                 html.Span(explained, className="visually-hidden")],
                href=shell.timeline_href(tally_filters(tally.ref, stance.stance, language,
                                                       until)),
                id=f"campaign-tally-{number}-{stance.stance}",
                className="tracker-count", title=explained)
        else:
            count = html.Span("0", className="tracker-count tracker-zero",
                              id=f"campaign-tally-{number}-{stance.stance}")
        actors = holding.get(stance.stance, 0)
        rows.append(html.Tr([html.Th(label, scope="row"), html.Td(count),
                             html.Td(str(actors), id=f"campaign-holding-{number}-"
                                                     f"{stance.stance}",
                                     className="tracker-count" if actors
                                     else "tracker-count tracker-zero")]))
    return html.Table(className="tracker-table tracker-tally", children=[
        html.Caption(t("tracker.campaign.tally_caption"), className="visually-hidden"),
        html.Thead(html.Tr([html.Th(t("tracker.column.stance"), scope="col"),
                            html.Th(t("tracker.column.events"), scope="col"),
                            html.Th(t("tracker.campaign.actors_holding"), scope="col")])),
        html.Tbody(rows),
    ])


def _when(held: HeldStance, language: str, t: Translate) -> list[Component | str]:
    """The date of a stance, marked when it is ordered by the start of a wider span."""
    words: list[Component | str] = [html.Time(format_span(held.date, language),
                                              dateTime=held.date.start.date().isoformat())]
    if held.fuzzy:
        words.append(html.Span(" *", title=t("tracker.ledger.fuzzy_note"),
                               className="tracker-fuzzy"))
    return words


def _ledger_table(ledger: DemandLedger, number: int, dataset: Dataset, language: str,
                  t: Translate) -> list[Component]:
    """One row per actor with a stance: what it is now, since when, the event and words
    behind it, and what it was before."""
    if not ledger.positions:
        return [html.P(t("tracker.ledger.none"), className="tracker-note",
                       id=f"campaign-ledger-{number}")]
    labels = {key: t(f"tracker.ledger.heading.{key}")
              for key in ("actor", "stance", "since", "event", "earlier")}
    rows = []
    for position in ledger.positions:
        quote = localise(position.quote, language)
        behind: list[Component | str] = [event_anchor(position.current.event, language)]
        if quote:
            behind += [" ", html.Q(quote, className="stance-quote")]
        earlier = html.Ul(className="plain tracker-earlier", children=[
            html.Li([t(f"tracker.stance.{h.stance}"), " · ", *_when(h, language, t), " · ",
                     event_anchor(h.event, language)])
            for h in position.changes[:EARLIER_SHOWN]
        ] + ([html.Li(t("tracker.ledger.more_changes",
                        count=len(position.changes) - EARLIER_SHOWN), className="tracker-note")]
             if len(position.changes) > EARLIER_SHOWN else [])) if position.changes else "—"
        rows.append(html.Tr(**data(actor=position.actor, stance=position.stance), children=[
            html.Th(actor_anchor(position.actor, dataset, language), scope="row",
                    **data(label=labels["actor"])),
            html.Td(html.Span(t(f"tracker.stance.{position.stance}"),
                              className=f"stance {position.stance}"),
                    **data(label=labels["stance"])),
            html.Td(_when(position.since, language, t), **data(label=labels["since"])),
            html.Td(behind, **data(label=labels["event"])),
            html.Td(earlier, **data(label=labels["earlier"])),
        ]))
    table = html.Table(className="tracker-table tracker-ledger",
                       id=f"campaign-ledger-{number}", children=[
        html.Caption(t("tracker.ledger.caption"), className="visually-hidden"),
        html.Thead(html.Tr([html.Th(labels[k], scope="col") for k in labels])),
        html.Tbody(rows),
    ])
    notes: list[Component] = []
    if any(p.fuzzy for p in ledger.positions):
        notes.append(html.P("* " + t("tracker.ledger.fuzzy_note"), className="tracker-note"))
    return [html.Div(table, className="tracker-table-box"), *notes]


def _status(ledger: DemandLedger, number: int, language: str, t: Translate
            ) -> list[Component]:
    status = ledger.status
    line: list[Component | str] = [
        html.Span(t("tracker.column.status") + ": ", className="tracker-label"),
        html.Span(t(f"tracker.demand_status.{status.status}"),
                  className=f"tracker-badge tracker-badge-{status.status}",
                  id=f"campaign-status-{number}", **data(status=status.status))]
    parts: list[Component] = [html.P(line)]
    if status.event is not None:
        parts.append(html.P([t("tracker.campaign.decided_by"), ": ",
                             event_anchor(status.event, language, with_date=True)],
                            className="tracker-decided"))
    if len(ledger.history) > 1:
        parts.append(html.P(className="tracker-note", children=[
            t("tracker.ledger.status_history"), " ",
            *[item for number_, change in enumerate(ledger.history) for item in (
                *([" → "] if number_ else []),
                t(f"tracker.demand_status.{change.status}"),
                *([" (", format_span(change.since, language), ")"]
                  if change.since is not None else []))]]))
    return parts


def _demand(tally: DemandTally, ledger: DemandLedger, number: int, dataset: Dataset,
            language: str, t: Translate, until: str) -> html.Article:
    heading_id = f"campaign-demand-{number}"
    return html.Article(className="tracker-demand", id=f"campaign-demand-{tally.demand.id}",
                        **aria(labelledby=heading_id), children=[
        html.H3(localise(tally.demand.text, language), id=heading_id),
        *_status(ledger, number, language, t),
        _tally_table(tally, ledger, language, t, number, until),
        html.H4(t("tracker.ledger.title"), className="tracker-subhead"),
        *_ledger_table(ledger, number, dataset, language, t),
    ])


def _as_of(query: str, timezone: str) -> tuple[str, datetime | None, bool]:
    """The ``as_of`` of the URL: its text, its cutoff, and whether it was unreadable."""
    values = parse_qs((query or "").lstrip("?")[:2000]).get("as_of", [])
    text = values[-1].strip()[:MAX_BOUND_LENGTH] if values else ""
    if not text:
        return "", None, False
    try:
        return text, cutoff_of(text, timezone), False
    except RelationsError:
        return text, None, True


def _as_of_control(campaign: Campaign, text: str, cutoff: datetime | None, bad: bool,
                   timezone: str, language: str, t: Translate) -> html.Form:
    """A plain GET form: it writes ``?as_of=`` into the URL, with or without scripts."""
    notes: list[Component] = []
    if bad:
        notes.append(html.P(t("tracker.ledger.as_of_bad", value=text),
                            className="tracker-note tracker-warning", id="campaign-as-of-bad",
                            role="alert"))
    elif cutoff is not None:
        notes.append(html.P(id="campaign-as-of-note", className="tracker-note", children=[
            t("tracker.ledger.as_of_note", date=format_span(parse_date(text, timezone),
                                                            language)), " ",
            dcc.Link(t("tracker.ledger.as_of_latest"),
                     href=shell.campaign_href(campaign.id, language),
                     id="campaign-as-of-latest")]))
    return html.Form(method="get", action=shell.campaign_href(campaign.id),
                     id="campaign-as-of-form", className="tracker-as-of", children=[
        html.Label(t("tracker.ledger.as_of_label"), htmlFor="campaign-as-of-input"),
        dcc.Input(id="campaign-as-of-input", name="as_of", type="text",
                  value=text, placeholder="2025-01", maxLength=MAX_BOUND_LENGTH,
                  debounce=True, className="tracker-input"),
        *([dcc.Input(type="hidden", name="lang", value=language)] if language else []),
        html.Button(t("tracker.ledger.as_of_show"), type="submit",
                    id="campaign-as-of-submit"),
        html.A(t("tracker.ledger.changes_link"), id="campaign-changes-link",
               href=shell.changes_href(campaign.id, language)),
        *notes,
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
    text, cutoff, bad = _as_of(query, dataset.settings.timezone)
    events = campaign_events(context.index, campaign.id)
    if cutoff is not None:
        events = [e for e in events if e.date.start < cutoff]
    since = campaign.started.start if campaign.started is not None else None
    flow = momentum(events, since)
    involved = [e for e in events if since is None or e.date.start >= since]
    tallies = demand_tallies(dataset, context.index, campaign, cutoff)
    ledgers = campaign_ledger(dataset, context.index, campaign, cutoff)
    until = text if cutoff is not None else ""
    description = localise(campaign.description, language)
    return html.Div(className="tracker-page", id="campaign-page", children=[
        html.P(t("tracker.campaign.kicker"), className="tracker-kicker"),
        html.H1(localise(campaign.name, language), id="campaign-title"),
        *([html.P(description, className="tracker-lead")] if description else []),
        _facts(campaign, language, t),
        html.P([dcc.Link(t("tracker.campaign.all_events", count=len(events)),
                        href=shell.filter_href(campaign=campaign.id, lang=language,
                                               to=until),
                        id="campaign-all-events"),
               " · ",
               html.A(t("feed.subscribe"), href=feed_href("campaigns", campaign.id, language),
                      id="campaign-feed")]),
        _as_of_control(campaign, text, cutoff, bad, dataset.settings.timezone, language, t),
        html.Section(className="tracker-section", **aria(labelledby="campaign-demands"),
                     children=[
            html.H2(t("tracker.campaign.demands"), id="campaign-demands"),
            *[_demand(tally, ledger, number, dataset, language, t, until)
              for number, (tally, ledger) in enumerate(zip(tallies, ledgers, strict=True), 1)],
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


# No callbacks: a direct visit gets the page without Dash (app/document.py).
STATIC = True


def register(app: Dash, context: AppContext) -> None:
    """The campaign page is static: no callbacks."""
