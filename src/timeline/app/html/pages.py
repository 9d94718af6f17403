"""What each server-rendered page shows, as plain values for its template.

:func:`event_page` and :func:`event_not_found` read the app's context and return the
names a template uses; :func:`environment` loads the templates shipped in this package
with autoescaping on, so every value is escaped unless it is already ``Markup`` (the
rendered summary, the JSON-LD block). Every word comes from the locale catalogues.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from timeline.app import api
from timeline.app.components.markdown import safe_href
from timeline.app.context import AppContext
from timeline.app.html import seo
from timeline.app.html.links import (
    Alternate,
    actor_path,
    alternates,
    campaign_path,
    event_path,
    in_language,
)
from timeline.app.html.markup import markdown_html, plain_text, shorten
from timeline.dates import describe_written, machine_date
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


def environment() -> Environment:
    """The templates of ``templates/``, every value escaped unless marked safe."""
    return Environment(loader=PackageLoader("timeline.app.html", "templates"),
                       autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                       lstrip_blocks=True, auto_reload=False)


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    href: str
    current: bool = False
    lang: str = ""


@dataclass(frozen=True, slots=True)
class Head:
    """Everything inside ``<head>`` that differs between pages."""

    title: str  # the <title>: what is shown, then the site's name
    description: str
    canonical: str
    alternates: Sequence[Alternate]
    preview_title: str = ""  # a link preview's title (the site's name is og:site_name)
    og_type: str = "website"
    image: str = ""
    image_alt: str = ""
    json_ld: Markup | None = None
    robots: str = ""  # e.g. "noindex" for a not-found page
    feeds: Markup = Markup("")  # <link rel="alternate"> to the Atom feeds (app/api.py)


@dataclass(frozen=True, slots=True)
class Frame:
    """The layout every page shares: header, language switch, footer."""

    language: str
    site_title: str
    home: str
    nav: Sequence[Link]
    languages: Sequence[Link]
    footer: str
    stylesheet: str
    t: Callable[..., str]
    notices: Sequence[str] = field(default_factory=tuple)


def frame(context: AppContext, language: str, path: str, stylesheet: str,
          params: Sequence[tuple[str, str]] = ()) -> Frame:
    t = context.translator(language)
    default = context.default_language
    languages = [Link(context.translator(code)("app.language"),
                      in_language(path, code, default, params), code == language, code)
                 for code in context.languages]
    left_out = context.dataset.left_out
    notices = []
    if left_out:
        notices.append(t("app.left_out", count=left_out))
    count = t("app.footer_count", count=len(context.dataset.events))
    return Frame(
        language=language, site_title=context.title(language),
        home=in_language("/", language, default),
        nav=[Link(t("nav.timeline"), in_language("/", language, default)),
             Link(t("nav.relations"), in_language("/relations", language, default))],
        languages=languages, footer=f"{count} · {t('app.footer_made')}",
        stylesheet=stylesheet, t=t, notices=notices)


# ------------------------------------------------------------------ an event


@dataclass(frozen=True, slots=True)
class Fact:
    term: str
    links: Sequence[Link] = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    href: str | None
    meta: str
    archive: str | None


@dataclass(frozen=True, slots=True)
class Demand:
    text: str
    stance: str
    stance_label: str
    holders: Sequence[Link]  # the actors who took the stance
    quote: str  # their words, when the record quotes them
    campaign: Link | None


@dataclass(frozen=True, slots=True)
class Media:
    """One picture, video or document of an event (the ``media`` field of a record)."""

    href: str
    caption: str
    alt: str  # what the picture shows, for those who cannot see it
    credit: str
    image: bool  # a picture served from this site, shown inline


@dataclass(frozen=True, slots=True)
class Neighbour:
    label: str
    title: str
    date: str
    href: str
    rel: str


@dataclass(frozen=True, slots=True)
class EventView:
    id: str
    title: str
    type_label: str
    date_words: str
    date_written: str
    date_machine: str
    facts: Sequence[Fact]
    summary: Markup
    media: Sequence[Media]
    sources: Sequence[Source]
    demands: Sequence[Demand]
    timeline: str
    neighbours: Sequence[Neighbour]
    edit: str | None


def event_page(context: AppContext, event: Event, language: str, base: str,
               stylesheet: str) -> dict[str, Any]:
    """The names ``event.html`` renders for ``event`` in ``language``."""
    t = context.translator(language)
    default = context.default_language
    lang = "" if language == default else language
    path = event_path(event.id)
    title = event_title(event, language)
    summary = localise(event.summary, language) if event.summary else ""
    words = event_date(event, language)
    kind = type_label(event.type, language)
    description = shorten(plain_text(summary)) or " · ".join(
        [words, kind, *(country_label(c, language) for c in event.countries)])
    canonical = base + in_language(path, language, default)
    media = media_of(context, event, language)
    pictures = [base + item.href for item in media if item.image]

    view = EventView(
        id=event.id, title=title, type_label=kind, date_words=words,
        date_written=event.date.text,
        date_machine=machine_date(event.date.lower, event.date.timezone),
        facts=_facts(context, event, language), summary=markdown_html(summary),
        media=media, sources=[_source(context, s, language) for s in event.sources],
        demands=_demands(context, event, language),
        timeline=timeline_href(Filters(event=event.id, lang=lang)),
        neighbours=_neighbours(context, event, language), edit=edit_url(context.dataset, event))
    json_ld = seo.event_json_ld(
        url=canonical, name=title, description=plain_text(summary), language=language,
        start=view.date_machine, end=_end(event), place=_place(context, event, language),
        actors=[(actor_name(context.dataset, a, language),
                 base + in_language(actor_path(a), language, default), _actor_kind(context, a))
                for a in event.actors],
        sources=[{"url": s.href or "", "name": s.title, "publisher": src.publisher or "",
                  "date": src.date or ""}
                 for s, src in zip(view.sources, event.sources, strict=True) if s.href],
        images=pictures, keywords=event.tags)
    head = Head(title=f"{title} · {context.title(language)}", description=description,
                canonical=canonical, alternates=alternates(base, path, context.languages),
                preview_title=title, og_type="article", image=pictures[0] if pictures else "",
                image_alt=next((m.alt for m in media if m.image), "") or title,
                json_ld=seo.json_script_text(json_ld),
                feeds=Markup(api.head_links(context, path)))
    return {"frame": frame(context, language, path, stylesheet), "head": head,
            "event": view, "t": t}


def timeline_href(filters: Filters) -> str:
    query = filters.to_query()
    return f"/?{query}" if query else "/"


def media_href(name: str) -> str:
    """Where the app serves a local media file (``app/media.py``)."""
    return "/media/" + quote(name)


def media_of(context: AppContext, event: Event, language: str) -> list[Media]:
    """The event's media (issue 11): pictures of its own, then links elsewhere.

    A local ``file`` (checked to be an image by its content when the data was loaded)
    is served by this site (``app/media.py``), shown inline and used for link previews;
    a ``url`` is only ever a link, and only an http(s) one, so the page fetches nothing
    from another site.
    """
    found: list[Media] = []
    for item in event.media:
        href = media_href(item.file) if item.file else safe_href(item.url)
        if not href:
            continue
        caption = localise(item.caption, language)
        found.append(Media(href=href, caption=caption,
                           alt=localise(item.alt, language) or caption,
                           credit=item.credit or "",
                           image=bool(item.file) and item.kind == "image"))
    return found


def _facts(context: AppContext, event: Event, language: str) -> list[Fact]:
    t = context.translator(language)
    default = context.default_language
    lang = "" if language == default else language
    facts = [Fact(t("detail.type"), [Link(type_label(event.type, language),
                                          timeline_href(Filters(type=(event.type,),
                                                                lang=lang)))])]
    if event.countries:
        facts.append(Fact(t("detail.countries"), [
            Link(country_label(c, language), timeline_href(Filters(country=(c,),
                                                                           lang=lang)))
            for c in event.countries]))
    if event.actors:
        facts.append(Fact(t("detail.actors"), [
            Link(actor_name(context.dataset, a, language),
                 in_language(actor_path(a), language, default))
            for a in event.actors]))
    if event.location and (event.location.name or event.location.country):
        location = event.location
        facts.append(Fact(t("detail.location"), text=", ".join(
            part for part in (location.name, country_label(location.country, language)
                              if location.country else None) if part)))
        if location.lat is not None and location.lon is not None:
            facts[-1] = Fact(facts[-1].term, [Link(t("detail.map"), (
                f"https://www.openstreetmap.org/?mlat={location.lat}&mlon={location.lon}"
                f"#map=11/{location.lat}/{location.lon}"))], facts[-1].text)
    campaigns = list(dict.fromkeys([*event.campaigns, *(d.campaign for d in event.demands)]))
    if campaigns:
        facts.append(Fact(t("detail.campaigns"), [
            Link(campaign_name(context.dataset, c, language),
                 in_language(campaign_path(c), language, default)) for c in campaigns]))
    if event.tags:
        facts.append(Fact(t("detail.tags"), [
            Link(tag, timeline_href(Filters(tag=(tag,), lang=lang))) for tag in event.tags]))
    return facts


def _demands(context: AppContext, event: Event, language: str) -> list[Demand]:
    t = context.translator(language)
    default = context.default_language
    found = []
    for link in event.demands:
        campaign = context.dataset.campaigns.get(link.campaign)
        demand = campaign.demand(link.demand.split("/", 1)[-1]) if campaign else None
        text = localise(demand.text, language, link.demand) if demand else link.demand
        holders = [Link(actor_name(context.dataset, a, language),
                        in_language(actor_path(a), language, default)) for a in link.by]
        found.append(Demand(
            text, link.stance, t(f"detail.stance.{link.stance}"), holders,
            localise(link.quote, language),
            Link(campaign_name(context.dataset, link.campaign, language),
                 in_language(campaign_path(link.campaign), language, default))
            if campaign else None))
    return found


def _source(context: AppContext, source: Any, language: str) -> Source:
    meta = [part for part in (source.publisher, describe_written(source.date, language)) if part]
    return Source(title=source.title or source.url, href=safe_href(source.url),
                  meta=", ".join(meta), archive=safe_href(source.archive_url))



def _neighbours(context: AppContext, event: Event, language: str) -> list[Neighbour]:
    t = context.translator(language)
    events = context.dataset.events
    position = context.index.position.get(event.id)
    if position is None:
        return []
    found = []
    for offset, key, rel in ((-1, "page.event.previous", "prev"), (1, "page.event.next",
                                                                   "next")):
        at = position + offset
        if 0 <= at < len(events):
            other = events[at]
            found.append(Neighbour(t(key), event_title(other, language),
                                   event_date(other, language),
                                   in_language(event_path(other.id), language,
                                               context.default_language), rel))
    return found


def _end(event: Event) -> str | None:
    if event.date.upper is not None:
        return machine_date(event.date.upper, event.date.timezone)
    return None


def _place(context: AppContext, event: Event, language: str) -> dict[str, Any] | None:
    location = event.location
    if location and (location.name or location.country):
        country = location.country or (event.countries[0] if event.countries else None)
        place: dict[str, Any] = {"@type": "Place",
                                 "name": location.name or country_label(
                                     country or "", language)}
        if country:
            place["address"] = {"@type": "PostalAddress", "addressCountry": country}
        if location.lat is not None and location.lon is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": location.lat,
                            "longitude": location.lon}
        return place
    if event.countries:
        code = event.countries[0]
        return {"@type": "Place", "name": country_label(code, language),
                "address": {"@type": "PostalAddress", "addressCountry": code}}
    return None


def _actor_kind(context: AppContext, actor_id: str) -> str:
    actor = context.dataset.actors.get(actor_id)
    return actor.kind if actor else "other"


# ------------------------------------------------------------------ no such event


def close_ids(ident: str, ids: Sequence[str], limit: int = 5, scan: int = 400
              ) -> list[str]:
    """Up to ``limit`` ids like ``ident``, from ``ids`` sorted.

    Comparing with every id of a large dataset takes seconds (ids share their date
    prefix, so few are ruled out quickly): past ``scan`` ids, only the ids of the same
    day (when they are not too many) and those next to where ``ident`` would sort are
    compared, which finds a typo in the words or in the date.
    """
    candidates: Sequence[str] = ids
    if len(ids) > scan:
        at = bisect.bisect_left(ids, ident)
        near = set(ids[max(0, at - scan // 2):at + scan // 2])
        day = ident[:11]  # "2025-05-21-"
        first, last = bisect.bisect_left(ids, day), bisect.bisect_left(ids, day + "\uffff")
        if 0 < last - first <= scan:
            near.update(ids[first:last])
        candidates = sorted(near)
    return difflib.get_close_matches(ident, candidates, n=limit, cutoff=0.6)


def event_not_found(context: AppContext, ident: str, language: str, base: str,
                    stylesheet: str, ids: Sequence[str] = ()) -> dict[str, Any]:
    """The names ``not_found.html`` renders: what was asked, close ids (among ``ids``,
    sorted), ways on."""
    t = context.translator(language)
    default = context.default_language
    lang = "" if language == default else language
    close = close_ids(ident, ids or sorted(context.dataset.by_id))
    suggestions = [Link(event_title(context.dataset.by_id[c], language),
                        in_language(event_path(c), language, default)) for c in close]
    words = " ".join(part for part in ident.replace("_", "-").split("-")
                     if part and not part.isdigit())[:100]
    search = timeline_href(Filters(q=words, lang=lang)) if words else ""
    path = event_path(ident)
    head = Head(title=f"{t('page.missing.title')} · {context.title(language)}",
                description=t("page.missing.body", id=ident),
                canonical=base + in_language(path, language, default),
                alternates=(), robots="noindex")
    return {"frame": frame(context, language, path, stylesheet), "head": head, "t": t,
            "ident": ident, "suggestions": suggestions, "search": search,
            "home": in_language("/", language, default)}
