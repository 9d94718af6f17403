"""The detail panel of the timeline page: the selected event in full, with its sources."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from dash import dcc, html
from dash.development.base_component import Component

from timeline.app.components import shell
from timeline.app.components.attrs import aria
from timeline.app.components.markdown import render_markdown
from timeline.app.context import AppContext
from timeline.app.html.links import event_path, in_language
from timeline.app.html.pages import media_href
from timeline.app.pages.timeline.parts import element_id, joined, type_colour
from timeline.dates import describe_written
from timeline.links import safe_href
from timeline.model import Event, localise
from timeline.query.filters import Filters
from timeline.query.labels import (
    actor_name,
    campaign_name,
    country_label,
    edit_url,
    event_date,
    event_title,
    type_label,
)


def detail(context: AppContext, filters: Filters, language: str) -> list[Component]:
    """The selected event in full, or a hint on how to select one."""
    t = context.translator(language)
    event = context.dataset.event(filters.event) if filters.event else None
    if event is None:
        return [html.P(t("detail.hint"), className="detail-hint")]
    return event_detail(context, event, filters, language)


def _definition(term: str, value: Component | str | list[Any]) -> list[Component]:
    return [html.Dt(term), html.Dd(value)]


def event_detail(context: AppContext, event: Event, filters: Filters, language: str
                 ) -> list[Component]:
    t = context.translator(language)
    lang = filters.lang
    facts: list[Component] = []
    facts += _definition(t("detail.date"), html.Span(event_date(event, language),
                                                     className="detail-date"))
    facts += _definition(t("detail.type"), [
        html.Span(className="swatch", style={"background": type_colour(event.type)}),
        dcc.Link(type_label(event.type, language),
                 href=shell.filter_href(type=[event.type], lang=lang))])
    if event.countries:
        facts += _definition(t("detail.countries"), joined([
            dcc.Link(country_label(c, language),
                     href=shell.filter_href(country=[c], lang=lang)) for c in event.countries]))
    if event.actors:
        facts += _definition(t("detail.actors"), joined([
            html.Span([
                dcc.Link(actor_name(context.dataset, a, language),
                         href=shell.filter_href(actor=[a], lang=lang), className="actor-link",
                         title=t("detail.filter_by_actor")),
                " (", dcc.Link(t("tracker.actor.profile"), href=shell.actor_href(a, lang),
                               className="actor-page-link",
                               title=t("tracker.actor.profile_title",
                                       name=actor_name(context.dataset, a, language))), ")"])
            for a in event.actors]))
    if event.location and (event.location.name or event.location.country):
        location = event.location
        place: list[Component | str] = [", ".join(
            part for part in (location.name, country_label(location.country, language)
                              if location.country else None) if part)]
        if location.lat is not None and location.lon is not None:
            osm = (f"https://www.openstreetmap.org/?mlat={location.lat}&mlon={location.lon}"
                   f"#map=11/{location.lat}/{location.lon}")
            place += [" (", html.A(t("detail.map"), href=osm, target="_blank",
                                   rel="noopener noreferrer"), ")"]
        facts += _definition(t("detail.location"), place)
    campaigns = list(dict.fromkeys([*event.campaigns, *(d.campaign for d in event.demands)]))
    if campaigns:
        facts += _definition(t("detail.campaigns"), joined([
            dcc.Link(campaign_name(context.dataset, c, language), href=shell.campaign_href(c, lang))
            for c in campaigns]))
    if event.demands:
        items = []
        for link in event.demands:
            campaign = context.dataset.campaigns.get(link.campaign)
            demand = campaign.demand(link.demand.split("/", 1)[-1]) if campaign else None
            text = localise(demand.text, language, link.demand) if demand else link.demand
            holders = ", ".join(actor_name(context.dataset, a, language) for a in link.by)
            quote = localise(link.quote, language)
            said: list[Component | str] = [" ", html.Q(quote, className="stance-quote")
                                           ] if quote else []
            items.append(html.Li([
                text, " — ", holders, ": ",
                html.Span(t(f"detail.stance.{link.stance}"), className=f"stance {link.stance}"),
                *said]))
        facts += _definition(t("detail.demands"), html.Ul(items, className="plain"))
    if event.tags:
        facts += _definition(t("detail.tags"), joined([
            dcc.Link(tag, href=shell.filter_href(tag=[tag], lang=lang), className="tag")
            for tag in event.tags]))

    sources = [html.Li(_source(context, source, language)) for source in event.sources]
    body: list[Component] = [
        html.Div([
            # a whole page load, not an in-app link: /events/<id> is served as plain HTML
            html.A(t("page.event.permalink"), className="detail-permalink",
                   href=in_language(event_path(event.id), language, context.default_language),
                   title=t("page.event.permalink_title")),
            dcc.Link(t("detail.close"), href=shell.timeline_href(replace(filters, event="")),
                     className="detail-close", title=t("detail.close_title")),
        ], className="detail-actions"),
        html.H2(event_title(event, language), id=element_id("detail-title")),
        html.Dl(facts, className="facts"),
    ]
    summary = localise(event.summary, language) if event.summary else ""
    if summary:
        body.append(render_markdown(summary, "markdown summary"))
    if event.media:
        body += media_section(event, language, t)
    body += [html.H3(t("detail.sources"), id=element_id("sources-title")),
             html.Ol(sources, className="sources", **aria(labelledby=element_id("sources-title")))]
    edit = edit_url(context.dataset, event)
    links: list[Component | str] = []
    if edit:
        links += [html.A(t("detail.edit"), href=edit, target="_blank",
                         rel="noopener noreferrer", className="edit-link"), " · "]
    links.append(html.A(t("detail.add_event"), href=shell.suggest_href(language),
                        className="spa-link add-link"))
    body.append(html.P(links, className="detail-edit"))
    return body


def _source(context: AppContext, source: Any, language: str) -> list[Component | str]:
    t = context.translator(language)
    href = safe_href(source.url)
    title = source.title or source.url
    parts: list[Component | str] = [
        html.A(title, href=href, target="_blank", rel="noopener noreferrer nofollow",
               className="source-link") if href else html.Span(title)]
    meta = [part for part in (source.publisher, describe_written(source.date, language)) if part]
    if meta:
        parts.append(html.Span(" — " + ", ".join(meta), className="source-meta"))
    archive = safe_href(source.archive_url)
    if archive:
        parts += [" (", html.A(t("detail.archived"), href=archive, target="_blank",
                               rel="noopener noreferrer nofollow", className="archive-link"),
                  ")"]
    return parts




def media_section(event: Event, language: str, t: Any) -> list[Component]:
    """Local images inline (lazy, scaled to the panel, alt text, caption and credit);
    linked media as links, so the panel never loads anything from another site."""
    figures: list[Component] = []
    links: list[Component] = []
    for item in event.media:
        caption = localise(item.caption, language) if item.caption else ""
        credit = item.credit or ""
        if item.file:
            lazy: dict[str, Any] = {"data-src": media_href(item.file)}
            words: list[Component | str] = []
            if caption:
                words.append(html.Span(caption, className="media-caption"))
            if credit:
                words.append(html.Span(credit, className="media-credit"))
            figures.append(html.Figure([
                # assets/media.js sets loading="lazy", then the src (html.Img has no
                # `loading` property)
                html.Img(alt=localise(item.alt, language) if item.alt else caption,
                         className="media-image", **lazy),
                html.Figcaption(words) if words else None,
            ], className="media-figure"))
            continue
        href = safe_href(item.url)
        if not href:
            continue
        label = caption or urlsplit(href).netloc
        parts: list[Component | str] = [
            html.A(label, href=href, target="_blank", rel="noopener noreferrer"),
            f" ({t(f'detail.media_kind.{item.kind}')})"]
        if credit:
            parts += [" · ", html.Span(credit, className="media-credit")]
        links.append(html.Li(parts))
    section: list[Component] = [html.H3(t("detail.media"), id=element_id("media-title"))]
    section += figures
    if links:
        section.append(html.Ul(links, className="media-links"))
    return [html.Section(section, className="detail-media",
                         **aria(labelledby=element_id("media-title")))]
