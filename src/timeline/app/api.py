"""Data out of the app: downloads, Atom feeds and a read-only JSON API, as Flask routes.

Every route takes the timeline page's own URL parameters, read with the page's
:meth:`AppContext.filters` over the same index, so a download holds exactly the events
the reader sees. The routes are thin: parse, call an ``output`` function, respond.
Every answer is bounded (``AppSettings.export_limit`` events a download, ``calendar_limit``
an iCalendar one, 50 a feed,
``api_max_page_size`` items an API page), carries ``ETag`` and ``Last-Modified``
from the dataset (answering ``304`` on revalidation), and may be read cross-origin: the
data is public.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote, urlencode

from dash import Dash
from flask import Response, request

from timeline.app.context import AppContext
from timeline.app.openapi import openapi_document
from timeline.model import Event, localise
from timeline.output.event_feed import FEED_LIMIT, to_atom
from timeline.output.exports import actor_record, campaign_record, event_record
from timeline.output.formats import FORMATS, render_export
from timeline.output.options import ExportOptions
from timeline.query.filters import Filters
from timeline.query.labels import actor_name, campaign_name
from timeline.validate.stamp import DatasetStamp, dataset_stamp

CACHE_CONTROL = "public, max-age=300"

# Download path -> export format; the file name is the path's last segment.
DOWNLOADS = {
    "/export/events.csv": "csv", "/export/events.json": "json", "/export/events.ics": "ics",
    "/export/events.geojson": "geojson", "/export/events.timelinejs.json": "timelinejs",
}
FEED_PATH = "/feeds/events.atom"


def register(app: Dash, context: AppContext) -> None:
    """Add the data routes to ``app.server``; the dataset's stamp is taken once, here."""
    server = app.server
    stamp = dataset_stamp(context.dataset)
    dataset = context.dataset
    limit = context.settings.export_limit
    page_size = context.settings.api_page_size
    max_page_size = context.settings.api_max_page_size

    def respond(body: str | bytes, media_type: str, *, status: int = 200,
                filename: str | None = None, headers: dict[str, str] | None = None
                ) -> Response:
        response = Response(body, status=status, content_type=media_type)
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Cache-Control"] = CACHE_CONTROL
        if filename:
            response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        for key, value in (headers or {}).items():
            response.headers[key] = value
        if status == 200:
            _stamp(response, stamp)
            response.make_conditional(request)
        return response

    def problem(status: int, message: str) -> Response:
        body = json.dumps({"error": message}, ensure_ascii=False) + "\n"
        response = Response(body, status=status, content_type="application/json")
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    def view() -> tuple[Filters, list[Event]]:
        filters = context.filters(request.query_string.decode("utf-8", "replace"))
        return filters, [context.index.events[p] for p in context.positions(filters)]

    def options(filters: Filters, self_path: str, page_path: str) -> ExportOptions:
        base = request.url_root.rstrip("/")
        page_query = filters.to_query()
        return ExportOptions(
            base_url=base, updated=stamp.last_modified,
            language=context.language(filters.lang), lanes=filters.lanes,
            self_url=base + self_path + (f"?{page_query}" if page_query else ""),
            page_url=base + page_path + (f"?{page_query}" if page_query else ""))

    def download(path: str, fmt: str) -> Callable[[], Response]:
        def handler() -> Response:
            filters, events = view()
            most = context.settings.calendar_limit if fmt == "ics" else limit
            if len(events) > most:
                return problem(413, f"{len(events)} events match; this download holds at most "
                               f"{most}. Narrow the filters (e.g. from= and to=), "
                               "or page through /api/events, or run `timeline export`.")
            body = render_export(fmt, dataset, events, options(filters, path, "/"))
            return respond(body, FORMATS[fmt].media_type, filename=path.rsplit("/", 1)[1])
        handler.__name__ = "export_" + fmt
        return handler

    for path, fmt in DOWNLOADS.items():
        server.add_url_rule(path, view_func=download(path, fmt), methods=["GET"])

    def feed(filters: Filters, self_path: str, page_path: str, title: str | None
             ) -> Response:
        events = [context.index.events[p] for p in context.positions(filters)]
        body = to_atom(dataset, events, options(filters, self_path, page_path), title=title,
                       limit=FEED_LIMIT)
        return respond(body, FORMATS["atom"].media_type)

    @server.get(FEED_PATH)
    def events_feed() -> Response:
        filters, _ = view()
        return feed(filters, FEED_PATH, "/", None)

    def record_feed(kind: str, ident: str, name: Any, known: Any) -> Response:
        """The feed of one campaign's or actor's events (``kind`` is the filter key)."""
        filters = context.filters(request.query_string.decode("utf-8", "replace"))
        language = context.language(filters.lang)
        # "\0" matches nothing: a record with no events yet has an empty feed.
        value = ident if ident in known else "\0"
        only: dict[str, Any] = {kind: (value,)}
        filters = Filters(lang=filters.lang, **only)
        title = f"{context.title(language)}: {localise(name, language, ident)}"
        return feed(filters, f"/feeds/{kind}s/{ident}.atom", f"/{kind}s/{ident}", title)

    @server.get("/feeds/campaigns/<campaign_id>.atom")
    def campaign_feed(campaign_id: str) -> Response:
        campaign = dataset.campaigns.get(campaign_id)
        if campaign is None:
            return problem(404, f"no campaign {campaign_id!r}")
        return record_feed("campaign", campaign_id, campaign.name, context.index.by_campaign)

    @server.get("/feeds/campaigns/<campaign_id>/changes.atom")
    def campaign_changes_feed(campaign_id: str) -> Response:
        from timeline.output.changes_feed import changes_feed

        campaign = dataset.campaigns.get(campaign_id)
        if campaign is None:
            return problem(404, f"no campaign {campaign_id!r}")
        filters = context.filters(request.query_string.decode("utf-8", "replace"))
        body = changes_feed(dataset, context.index, campaign, today=context.today,
                            language=context.language(filters.lang),
                            base_url=request.url_root.rstrip("/"),
                            updated=stamp.last_modified)
        return respond(body, FORMATS["atom"].media_type)

    @server.get("/feeds/actors/<actor_id>.atom")
    def actor_feed(actor_id: str) -> Response:
        actor = dataset.actors.get(actor_id)
        if actor is None:
            return problem(404, f"no actor {actor_id!r}")
        return record_feed("actor", actor_id, actor.name, context.index.by_actor)

    # ------------------------------------------------------------------ the JSON API

    def page_of(items: Sequence[Any], record: Callable[[Any], dict[str, Any]], key: str
                ) -> Response:
        try:
            page = int(request.args.get("page", "1"))
            per_page = int(request.args.get("per_page", str(page_size)))
        except ValueError:
            return problem(400, "page and per_page are whole numbers, e.g. ?page=2&per_page=50")
        if page < 1 or not 1 <= per_page <= max_page_size:
            return problem(400, f"page starts at 1; per_page is 1 to {max_page_size}")
        chunk = items[(page - 1) * per_page: page * per_page]
        following = None
        if page * per_page < len(items):
            args = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]
            following = (request.base_url + "?" + urlencode([*args, ("page", str(page + 1))]))
        body = {"count": len(items), "page": page, "per_page": per_page, "next": following,
                key: [record(item) for item in chunk]}
        headers = {"Link": f'<{following}>; rel="next"'} if following else {}
        return respond(json.dumps(body, ensure_ascii=False) + "\n",
                       "application/json", headers=headers)

    @server.get("/api/events")
    def api_events() -> Response:
        _, events = view()
        return page_of(events, lambda e: event_record(e, dataset), "events")

    @server.get("/api/events/<event_id>")
    def api_event(event_id: str) -> Response:
        event = dataset.event(event_id)
        if event is None:
            return problem(404, f"no event {event_id!r}")
        return respond(json.dumps(event_record(event, dataset), ensure_ascii=False) + "\n",
                       "application/json")

    @server.get("/api/actors")
    def api_actors() -> Response:
        return page_of(sorted(dataset.actors.values(), key=lambda a: a.id), actor_record,
                       "actors")

    @server.get("/api/campaigns")
    def api_campaigns() -> Response:
        return page_of(sorted(dataset.campaigns.values(), key=lambda c: c.id),
                       campaign_record, "campaigns")

    @server.get("/api/openapi.json")
    def api_openapi() -> Response:
        document = openapi_document(context.title(context.default_language),
                                    request.url_root.rstrip("/"), page_size=page_size,
                                    max_page_size=max_page_size, export_limit=limit,
                                    calendar_limit=context.settings.calendar_limit)
        return respond(json.dumps(document, ensure_ascii=False, indent=1) + "\n",
                       "application/json")


def _stamp(response: Response, stamp: DatasetStamp) -> None:
    response.set_etag(stamp.etag.strip('"'))
    response.last_modified = stamp.last_modified


def feed_href(kind: str, identifier: str, language: str) -> str:
    """A campaign's or actor's own feed (``kind`` is "campaigns" or "actors"), in the
    reader's language."""
    return f"/feeds/{kind}/{quote(identifier, safe='')}.atom?" + urlencode({"lang": language})


def head_links(context: AppContext, path: str) -> str:
    """The ``<link rel="alternate">`` a page's ``<head>`` announces its feed with: the
    campaign's or actor's own on their pages, the events feed everywhere."""
    language = context.default_language
    title = context.title(language)
    links = [(FEED_PATH, title)]
    parts = [p for p in path.split("/") if p]
    if len(parts) == 2 and parts[0] == "campaigns" and parts[1] in context.dataset.campaigns:
        links.insert(0, (f"/feeds/campaigns/{parts[1]}.atom",
                         f"{title}: {campaign_name(context.dataset, parts[1], language)}"))
    if len(parts) == 2 and parts[0] == "actors" and parts[1] in context.dataset.actors:
        links.insert(0, (f"/feeds/actors/{parts[1]}.atom",
                         f"{title}: {actor_name(context.dataset, parts[1], language)}"))
    return "".join(
        f'<link rel="alternate" type="application/atom+xml" title="{html.escape(title)}" '
        f'href="{html.escape(quote(href))}">' for href, title in links)
