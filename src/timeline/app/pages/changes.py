"""``/campaigns/<id>/changes``: what changed in a campaign during a period.

``?from=2025-05&to=2025-06`` (default: the last full month before the app's "today"),
with links to the month before and the month after: new events, stance changes,
demand status changes and relation changes, in the reader's language, as a page to
send around. Everything is computed by :mod:`timeline.query.changes`; the same
changes make the campaign's monthly Atom feed (``/feeds/campaigns/<id>/changes.atom``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from dash import Dash, dcc, html
from dash.development.base_component import Component

from timeline.app.components import shell
from timeline.app.components.attrs import aria, data
from timeline.app.components.tracker_parts import actor_anchor, event_anchor
from timeline.dates import DateSpan, format_span, parse_date
from timeline.i18n.catalogue import Translate, translator
from timeline.model import Campaign, localise
from timeline.query.changes import (
    Changes,
    PeriodError,
    campaign_changes,
    neighbours,
    period_of,
)
from timeline.query.labels import country_label

if TYPE_CHECKING:
    from timeline.app.context import AppContext


def _param(query: str, name: str) -> str:
    values = parse_qs((query or "").lstrip("?")[:2000]).get(name, [])
    return values[-1] if values else ""


def _section(key: str, title: str, items: list[Component], empty: str) -> html.Section:
    return html.Section(className="tracker-section", **aria(labelledby=f"changes-{key}"),
                        children=[
        html.H2(title, id=f"changes-{key}"),
        html.Ul(items, className="tracker-events", id=f"changes-{key}-list") if items
        else html.P(empty, className="tracker-note", id=f"changes-{key}-list"),
    ])


def _body(context: AppContext, campaign: Campaign, changes: Changes, language: str,
          t: Translate) -> list[Component]:
    dataset = context.dataset
    stance_items: list[Component] = []
    for held, before in changes.stances:
        demand = campaign.demand(held.demand.split("/", 1)[1])
        stance_items.append(html.Li(**data(actor=held.actor, stance=held.stance), children=[
            actor_anchor(held.actor, dataset, language), ": ",
            t(f"tracker.stance.{before}") if before else t("tracker.changes.first_stance"),
            " → ", html.Strong(t(f"tracker.stance.{held.stance}")), " · ",
            localise(demand.text, language) if demand else held.demand, " · ",
            event_anchor(held.event, language, with_date=True)]))
    status_items: list[Component] = [
        html.Li([localise(demand.text, language), ": ",
                 html.Strong(t(f"tracker.demand_status.{change.status}")),
                 *([" · ", event_anchor(change.event, language, with_date=True)]
                   if change.event is not None else [])])
        for demand, change in changes.statuses]
    relation_items: list[Component] = [
        html.Li([country_label(change.countries[0], language), " – ",
                 country_label(change.countries[1], language), ": ",
                 t(f"tracker.status.{change.before}"), " → ",
                 html.Strong(t(f"tracker.status.{change.after}")), " · ",
                 event_anchor(change.event, language, with_date=True)])
        for change in changes.relations]
    event_items: list[Component] = [html.Li(event_anchor(e, language, with_date=True))
                                    for e in changes.events]
    none = t("tracker.changes.none")
    return [
        _section("events", t("tracker.changes.events", count=len(changes.events)),
                 event_items, none),
        _section("stances", t("tracker.changes.stances", count=len(changes.stances)),
                 stance_items, none),
        _section("statuses", t("tracker.changes.statuses", count=len(changes.statuses)),
                 status_items, none),
        _section("relations", t("tracker.changes.relations", count=len(changes.relations)),
                 relation_items, none),
    ]


def layout(context: AppContext, ident: str | None, query: str, language: str
           ) -> html.Div | None:
    """The changes page; None (the shell's "not found") for an unknown campaign."""
    dataset = context.dataset
    t = translator(language)
    campaign = dataset.campaigns.get(ident or "")
    if campaign is None:
        return None
    timezone = dataset.settings.timezone
    notes: list[Component] = []
    try:
        period = period_of(_param(query, "from"), _param(query, "to"), timezone,
                           context.today)
    except PeriodError:
        asked = " – ".join(v for v in (_param(query, "from")[:60], _param(query, "to")[:60])
                           if v)
        notes.append(html.P(t("tracker.changes.bad_period", value=asked),
                            className="tracker-note tracker-warning", role="alert",
                            id="changes-bad-period"))
        period = period_of("", "", timezone, context.today)
    changes = campaign_changes(dataset, context.index, campaign, period)
    before, after = neighbours(period, timezone)
    name = localise(campaign.name, language)
    shown = (_words(period.first, timezone, language) if period.single
             else t("tracker.changes.range", first=_words(period.first, timezone, language),
                    last=_words(period.last, timezone, language)))
    return html.Div(className="tracker-page", id="changes-page", children=[
        html.P(dcc.Link(name, href=shell.campaign_href(campaign.id, language)),
               className="tracker-kicker"),
        html.H1(t("tracker.changes.title", period=shown), id="changes-title"),
        *notes,
        html.Nav(className="tracker-pager", **aria(label=t("tracker.changes.months")),
                 children=[
            dcc.Link("← " + t("tracker.changes.previous",
                              month=_words(before, timezone, language)),
                     id="changes-previous",
                     href=shell.changes_href(campaign.id, language, before, before)),
            dcc.Link(t("tracker.changes.next", month=_words(after, timezone, language)) + " →",
                     id="changes-next",
                     href=shell.changes_href(campaign.id, language, after, after)),
            html.A(t("tracker.changes.feed"), id="changes-feed",
                   href=f"/feeds/campaigns/{campaign.id}/changes.atom"
                        + (f"?lang={language}" if language else "")),
        ]),
        html.P(t("tracker.changes.summary", count=changes.count,
                 start=format_span(_day(period.start, timezone), language),
                 end=format_span(_day(period.end, timezone, last=True), language)),
               className="tracker-lead", id="changes-summary"),
        *_body(context, campaign, changes, language, t),
    ])


def _words(text: str, timezone: str, language: str) -> str:
    """A period's end as the reader reads dates: ``2025-05`` -> "May 2025"."""
    return format_span(parse_date(text, timezone), language)


def _day(moment: datetime, timezone: str, last: bool = False) -> DateSpan:
    """The local day of ``moment`` (the day before, for an exclusive end), as a span."""
    local = (moment - timedelta(microseconds=1) if last else moment).astimezone(
        ZoneInfo(timezone))
    return parse_date(local.date().isoformat(), timezone)


# No callbacks: a direct visit gets the page without Dash (app/document.py).
STATIC = True


def register(app: Dash, context: AppContext) -> None:
    """The changes page is static: no callbacks."""
