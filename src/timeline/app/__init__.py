"""The web app: :func:`create_app` builds a Dash app for one dataset.

Nothing happens at import time and nothing is global: every app gets its own context
(index, caches) and its own callbacks, so tests build as many apps as they like. Dash
and Plotly's JavaScript and the app's own CSS, JS and map geometry are served from the
package; no page ever asks a CDN for anything.
"""

from __future__ import annotations

from functools import partial
from importlib import resources
from typing import Any

from dash import Dash
from flask import Response, has_request_context, request

from timeline.app import api, delivery, html, media, router
from timeline.app.context import AppContext, AppSettings, build_context
from timeline.app.document import index_html
from timeline.app.static import StaticScripts
from timeline.model import Dataset

__all__ = ["AppContext", "AppSettings", "create_app"]

# Dash needs 'unsafe-eval' (clientside callbacks, Plotly's WebGL shaders) and an inline
# start-up script; everything else is locked to this origin: no CDN, no third party.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'self'",
    "form-action 'self'",
])


def assets_folder() -> str:
    return str(resources.files("timeline.app").joinpath("assets"))


def _announce_feeds(app: Dash, context: AppContext) -> None:
    """Every page's <head> names its Atom feed (the campaign's or actor's own on theirs)."""
    render_index = app.interpolate_index

    def interpolate_index(**parts: Any) -> str:
        page = render_index(**parts)
        path = request.path if has_request_context() else "/"
        return page.replace("</head>", api.head_links(context, path) + "</head>", 1)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign,assignment]


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
        routes = frozenset(rule.rule.split("/")[1] for rule in app.server.url_map.iter_rules())
        return index_html(context, pages, scripts, request.path,
                          request.query_string.decode("utf-8", "replace"),
                          settings.base_url or request.host_url,
                          parts, routes)

    app.interpolate_index = document  # type: ignore[method-assign,assignment]
    api.register(app, context)
    media.register(app, context)
    _announce_feeds(app, context)

    @app.server.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        return response

    html.register(app.server, context)
    delivery.install(app.server)
    app.server.config["TIMELINE_CONTEXT"] = context  # for pages and tests; read-only
    return app
