"""The Flask routes of the server-rendered pages, on the Dash app's server.

Thin glue: read the request (the id, ``?lang=``, the base URL), call :mod:`pages` or
:mod:`seo`, answer. Flask matches these rules before Dash's catch-all page route.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

from flask import Flask, Response, redirect, request, send_from_directory
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as WerkzeugResponse

from timeline.app.context import AppContext
from timeline.app.html import pages, seo
from timeline.app.html.links import event_path

STATIC_PATH = "/page-assets"


def static_folder() -> str:
    return str(resources.files("timeline.app.html").joinpath("static"))


def register(server: Flask, context: AppContext) -> None:
    """Add ``/events/<id>``, ``/robots.txt``, the sitemap and the pages' stylesheet."""
    templates = pages.environment()
    event_template = templates.get_template("event.html")
    missing_template = templates.get_template("not_found.html")
    folder = static_folder()
    digest = hashlib.sha256(
        resources.files("timeline.app.html").joinpath("static/pages.css").read_bytes()
    ).hexdigest()[:12]
    stylesheet = f"{STATIC_PATH}/pages.css?v={digest}"
    ids = sorted(context.dataset.by_id)  # for the not-found page's suggestions

    def base() -> str:
        return context.settings.base_url or request.host_url.rstrip("/")

    def language() -> str:
        return context.language(request.args.get("lang"))

    def html(text: str, status: int = 200) -> Response:
        return Response(text, status=status, mimetype="text/html")

    def event(ident: str) -> Response | WerkzeugResponse:
        found = context.dataset.event(ident)
        if found is None and ident.endswith("/") and context.dataset.event(ident.rstrip("/")):
            query = request.query_string.decode("latin-1")
            return redirect(event_path(ident.rstrip("/")) + (f"?{query}" if query else ""),
                            308)
        if found is None:
            names = pages.event_not_found(context, ident[:200], language(), base(),
                                          stylesheet, ids)
            return html(missing_template.render(names), 404)
        return html(event_template.render(
            pages.event_page(context, found, language(), base(), stylesheet)))

    @lru_cache(maxsize=8)
    def sitemap(address: str, part: int | None) -> str:
        count = seo.sitemap_parts(context.dataset, context.languages)
        if part is None and count > 1:
            return seo.sitemap_index_xml(address, count)
        if part is not None and (count == 1 or not 0 <= part < count):
            raise NotFound()
        return seo.sitemap_xml(address, context.dataset, context.languages, part)

    def sitemap_file() -> Response:
        return Response(sitemap(base(), None), mimetype="application/xml")

    def sitemap_part(part: int) -> Response:
        return Response(sitemap(base(), part), mimetype="application/xml")

    def robots() -> Response:
        return Response(seo.robots_txt(base()), mimetype="text/plain")

    def asset(name: str) -> Response:
        return send_from_directory(folder, name)

    server.add_url_rule("/events/<path:ident>", "timeline_event_page", event)
    server.add_url_rule("/robots.txt", "timeline_robots", robots)
    server.add_url_rule("/sitemap.xml", "timeline_sitemap", sitemap_file)
    server.add_url_rule("/sitemaps/<int:part>.xml", "timeline_sitemap_part", sitemap_part)
    server.add_url_rule(f"{STATIC_PATH}/<path:name>", "timeline_page_assets", asset)
