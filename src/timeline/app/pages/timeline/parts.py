"""Pieces of the timeline page that both its layout and its callbacks build: component
ids, the count, the list's rows, the legend, the view's key and links to a view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from dash import dcc, html
from dash.development.base_component import Component

from timeline.app.components import shell
from timeline.app.components.attrs import aria
from timeline.app.context import AppContext
from timeline.figures import timeline as figures
from timeline.query.filters import Filters
from timeline.query.labels import campaign_name, country_label, event_date, event_title, type_label
from timeline.vocab import EVENT_TYPES

PREFIX = "timeline-"
# The controls of the filter panel, by the name in their component id.
CONTROLS = ("search", "country", "actor", "type", "campaign", "tag", "from", "to", "lanes")


def element_id(name: str) -> str:
    """A component id of this page ("timeline-" and the name)."""
    return PREFIX + name


def search_string(filters: Filters) -> str:
    """The URL query string ("?..." or "") of a view."""
    query = filters.to_query()
    return f"?{query}" if query else ""


def joined(items: list[Component]) -> list[Component | str]:
    """Components separated by commas."""
    out: list[Component | str] = []
    for item in items:
        if out:
            out.append(", ")
        out.append(item)
    return out


def type_colour(type_id: str) -> str:
    return next((t.colour for t in EVENT_TYPES if t.id == type_id), figures.NEUTRAL_COLOUR)


def count_text(context: AppContext, shown: int, language: str) -> str:
    t = context.translator(language)
    total = len(context.dataset.events)
    return t("timeline.count", shown=shown, total=total, count=total)


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
        countries = ", ".join(country_label(c, language) for c in event.countries)
        rows.append(html.Tr([
            html.Td(event_date(event, language), className="list-date"),
            html.Th(dcc.Link(event_title(event, language),
                             href=event_href(filters, event.id), className="row-link"),
                    scope="row", className="list-title"),
            html.Td(type_label(event.type, language), className="list-type",
                    style={"--type": type_colour(event.type)}),
            html.Td(countries, className="list-countries"),
        ], className="list-row"))
    return rows


def legend(context: AppContext, language: str) -> list[Component]:
    """The colours of the dataset's types (the timeline's marks and the momentum chart)
    and what hollow marks and bars mean. The same for every view, so a filter change
    never has to send or re-render it."""
    t = context.translator(language)
    types = [etype.id for etype in EVENT_TYPES if etype.id in context.index.by_type]
    items = [html.Li([html.Span(className="swatch", style={"background": type_colour(k)}),
                      type_label(k, language)]) for k in types]
    items += [html.Li([html.Span(className="swatch hollow"), t("timeline.legend_vague")],
                      className="key"),
              html.Li([html.Span(className="swatch bar"), t("timeline.legend_span")],
                      className="key")]
    return [html.Span(t("timeline.legend_title"), className="legend-title",
                      id=element_id("legend-title")),
            html.Ul(items, **aria(labelledby=element_id("legend-title")))]


def density_note(context: AppContext, marks: bool, count: int, language: str) -> str:
    if marks:
        return ""
    t = context.translator(language)
    return t("timeline.density_note", count=count)


def campaign_links(context: AppContext, language: str) -> html.P | None:
    """The campaigns of the dataset, each linked to its tracker page (issue 4)."""
    campaigns = sorted(context.dataset.campaigns)
    if not campaigns:
        return None
    t = context.translator(language)
    return html.P([t("tracker.campaign.tracked"), " ", *joined([
        dcc.Link(campaign_name(context.dataset, c, language), href=shell.campaign_href(c, language))
        for c in campaigns])], className="campaign-links", id=element_id("campaigns"))
