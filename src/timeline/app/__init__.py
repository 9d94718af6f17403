"""The web app: :func:`create_app` builds a Dash app for one dataset.

Nothing happens at import time and nothing is global: every app gets its own context
(index, caches) and its own callbacks, so tests build as many apps as they like. Dash
and Plotly's JavaScript and the app's own CSS, JS and map geometry are served from the
package; no page ever asks a CDN for anything.
"""

from __future__ import annotations

import logging
from functools import partial
from importlib import resources
from typing import Any

from dash import Dash
from flask import Request, Response, g, request
from werkzeug.exceptions import RequestEntityTooLarge

from timeline.app import api, delivery, html, media, router
from timeline.app.bounds import BadCallbackRequest, bounded_callback_request
from timeline.app.context import AppContext, AppSettings, build_context
from timeline.app.document import index_html
from timeline.app.security import add_security_headers, hardened
from timeline.app.static import StaticScripts
from timeline.model import Dataset

__all__ = ["AppContext", "AppSettings", "create_app"]

_log = logging.getLogger("timeline.app")
_CALLBACK_PATH = "/_dash-update-component"
_DASH_CATCH_ALL = "/<path:path>"  # the endpoint Dash serves every other page path from


class BoundedRequest(Request):
    """A request whose callback body is the bounded one (see ``bounds``), once read."""

    bounded_json: Any = None

    def get_json(self, *args: Any, **kwargs: Any) -> Any:
        if self.bounded_json is not None:
            return self.bounded_json
        return super().get_json(*args, **kwargs)


def assets_folder() -> str:
    return str(resources.files("timeline.app").joinpath("assets"))


def create_app(dataset: Dataset, settings: AppSettings | None = None) -> Dash:
    """A Dash app serving ``dataset``; build the context once, register every page."""
    settings = settings or AppSettings()
    context = build_context(dataset, settings)
    app = Dash(
        __name__,
        assets_folder=assets_folder(),
        serve_locally=True,
        suppress_callback_exceptions=True,
        title=context.title(context.default_language),
        update_title=None,  # type: ignore[arg-type]  # Dash: None keeps the page's title
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.scripts.config.serve_locally = True
    app.css.config.serve_locally = True
    pages = router.load_pages()
    app.layout = partial(router.served_layout, context, pages)
    router.register(app, context, pages)
    scripts = StaticScripts()
    scripts.register(app.server)

    def document(**parts: Any) -> str:
        """Every page's HTML: its head and its first screen (see app/document.py)."""
        # Dash checks that the document it renders starts Dash the way it would (its
        # scripts and renderer as tags); app/document.py starts it later, or not at all.
        # Dash's check reads Dash's own pieces; _serve_documents sends the reader this.
        # Every page's <head> names its Atom feed (the campaign's or actor's on theirs).
        g.timeline_document = index_html(
            context, pages, scripts, request.path,
            request.query_string.decode("utf-8", "replace"),
            settings.base_url or request.host_url, parts, routes,
            extra_head=api.head_links(context, request.path))
        return "\n".join(str(parts.get(name, "")) for name in (
            "app_entry", "config", "scripts", "renderer"))

    app.interpolate_index = hardened(document)  # type: ignore[method-assign]
    _serve_documents(app)
    api.register(app, context)
    media.register(app, context)

    _guard(app)
    html.register(app.server, context)
    delivery.install(app.server)
    app.server.config["TIMELINE_CONTEXT"] = context  # for pages and tests; read-only
    # A callback request is a few kilobytes; a bigger body is refused with 413 before
    # it is read (README, "Serving in production").
    app.server.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    # The first path segments served, for document() (which runs on requests, after
    # this): every route is registered by now.
    routes = frozenset(rule.rule.split("/")[1] for rule in app.server.url_map.iter_rules())
    return app


def _serve_documents(app: Dash) -> None:
    """Dash's page views, sending the document app/document.py made for the page."""
    server = app.server
    for endpoint in ("/", _DASH_CATCH_ALL):
        dash_view = server.view_functions[endpoint]

        def view(*args: Any, _dash_view: Any = dash_view, **kwargs: Any) -> Any:
            response = _dash_view(*args, **kwargs)
            return g.pop("timeline_document", None) or response

        server.view_functions[endpoint] = view


def _guard(app: Dash) -> None:
    """The checks every request passes: bounded callback bodies (400 when malformed,
    413 when too big), 404 for a path no route serves, the security headers."""
    server = app.server
    server.request_class = BoundedRequest

    @server.before_request
    def bound_callback_request() -> None:
        if request.path == _CALLBACK_PATH and request.method == "POST":
            body = bounded_callback_request(request.get_data(cache=False), app.callback_map)
            request.bounded_json = body  # type: ignore[attr-defined]

    @server.errorhandler(BadCallbackRequest)
    def bad_callback_request(error: BadCallbackRequest) -> tuple[str, int]:
        _log.warning("400 %s %s: %s", request.method, request.path, error)
        return "Bad callback request\n", 400

    @server.errorhandler(RequestEntityTooLarge)
    def too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
        _log.warning("413 %s %s: body over %s bytes", request.method, request.path,
                     server.config["MAX_CONTENT_LENGTH"])
        return "Request body too large\n", 413

    @server.after_request
    def finish(response: Response) -> Response:
        # Dash answers every path with its page; a path no route knows is a 404 (the
        # page still renders the not-found view), decided by the router's table.
        if request.endpoint == _DASH_CATCH_ALL and response.status_code == 200 and \
                router.resolve(request.path) is None:
            response.status_code = 404
        return add_security_headers(response)
