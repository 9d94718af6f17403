"""Paths to pages: one ``dcc.Location`` and a routing table, no global page registry.

Page modules follow one contract::

    layout(context: AppContext, ident: str | None, query: str, language: str)
        -> a Dash component (the page's main content), or None for "no such thing"
    register(app: Dash, context: AppContext) -> None   # the page's callbacks

Component ids inside a page start with the page's name ("timeline-", "relations-").
The tracker pages are imported when the app is built, and a page whose module does
not exist yet simply shows the not-found page.

The page is rebuilt only when the path or the language changes: a clientside
callback turns the URL into a route key, so changing a filter (which rewrites the
query string) never re-renders the page, only the parts its own callbacks update.
The campaign pages have no callbacks: their query (``as_of``, ``from``, ``to``) is
part of their key, so a link to another date redraws them.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from dash import Dash, Input, Output, State, dcc, html, no_update
from dash.development.base_component import Component
from flask import has_request_context, request

from timeline.app.components import shell
from timeline.app.components.static_html import text_of
from timeline.app.context import AppContext
from timeline.model import localise


@dataclass(frozen=True, slots=True)
class Route:
    name: str  # the first path segment ("" for the timeline)
    module: str
    takes_id: bool
    suffix: str = ""  # a last segment after the id: /campaigns/<id>/changes


ROUTES: tuple[Route, ...] = (
    Route("", "timeline.app.pages.timeline", False),
    Route("campaigns", "timeline.app.pages.campaign", True),
    Route("campaigns", "timeline.app.pages.changes", True, suffix="changes"),
    Route("actors", "timeline.app.pages.actor", True),
    Route("relations", "timeline.app.pages.relations", False),
    Route("map", "timeline.app.pages.map", False),
    Route("suggest", "timeline.app.pages.suggest", False),
)


def resolve(pathname: str | None) -> tuple[Route, str | None] | None:
    """The route and id of a path, or None when nothing lives there."""
    parts = [unquote(p) for p in (pathname or "/").split("/") if p]
    if not parts:
        return ROUTES[0], None
    for route in ROUTES[1:]:
        if parts[0] != route.name:
            continue
        if route.suffix:
            if route.takes_id and len(parts) == 3 and parts[2] == route.suffix:
                return route, parts[1]
            continue
        if route.takes_id and len(parts) == 2:
            return route, parts[1]
        if not route.takes_id and len(parts) == 1:
            return route, None
    return None


def is_static(pages: dict[str, ModuleType], pathname: str | None) -> bool:
    """Whether the page at ``pathname`` has no callbacks (its module says ``STATIC``):
    a direct visit is then served as plain HTML with its charts, without Dash."""
    found = resolve(pathname)
    return found is not None and bool(getattr(pages[found[0].module], "STATIC", False))


def load_pages() -> dict[str, ModuleType]:
    """Import the module of every route."""
    return {route.module: importlib.import_module(route.module) for route in ROUTES}


def query_language(context: AppContext, query: str | None) -> str:
    values = parse_qs((query or "").lstrip("?")[:20_000]).get("lang", [])
    return context.language(values[-1] if values else None)


def layout(context: AppContext, pages: dict[str, ModuleType] | None = None,
           pathname: str | None = None, query: str = "") -> html.Div:
    """The app's layout: the URL, two small stores and the page container.

    Given the page's address, the container already holds that page (and the route
    store its key, so the router does not render it a second time); without one, it
    says "Loading" until the router's callback has rendered the page.
    """
    page: Any = html.P(context.translator(context.default_language)("app.loading"),
                       className="loading")
    key = None
    if pages is not None and pathname is not None:
        page = render(context, pages, pathname, query)[0]
        key = route_key(pathname, query)
    return html.Div([
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="shell-route", data=key),
        dcc.Store(id="shell-meta"),
        dcc.Store(id="shell-meta-done"),
        html.Div(page, id="shell-page"),
    ], className="shell")


def route_key(pathname: str, query: str) -> str:
    """What ``_ROUTE_KEY`` computes in the browser for the same address."""
    values = parse_qs((query or "").lstrip("?")[:20_000]).get("lang", [])
    return json.dumps([pathname or "/", values[0] if values else ""], ensure_ascii=False,
                      separators=(",", ":"))


def served_layout(context: AppContext, pages: dict[str, ModuleType]) -> html.Div:
    """The layout Dash sends to the browser, for the page the browser is showing.

    The browser asks for the layout from the page itself, so the request's Referer is
    the page's address (same origin; the app's Referrer-Policy keeps it whole): the
    layout arrives with the page in it, and the first screen needs no callback. A
    request without one (or from elsewhere) gets the "Loading" shell, and the router's
    callback renders the page as before.
    """
    if has_request_context():
        referrer = urlsplit(request.referrer or "")
        if referrer.netloc and referrer.netloc == request.host:
            return layout(context, pages, referrer.path or "/", referrer.query)
    return layout(context)


def render(context: AppContext, pages: dict[str, ModuleType], pathname: str | None,
           query: str | None) -> tuple[list[Component], dict[str, str]]:
    """The page for a URL inside the shared frame, and its title, description and
    language (what the document's head says about it)."""
    language = query_language(context, query)
    found = resolve(pathname)
    main: Component | None = None
    module: ModuleType | None = None
    ident: str | None = None
    if found is not None:
        route, ident = found
        module = pages[route.module]
        main = module.layout(context, ident, query or "", language)
    title = context.title(language)
    described = localise(context.dataset.settings.description, language) or title
    if main is None:
        main = shell.not_found(context, language)
        title = f"{context.translator(language)('notfound.title')} · {title}"
        return (shell.frame(context, language, pathname or "/", query or "", main),
                {"title": title, "lang": language, "description": described,
                 "found": ""})
    meta = getattr(module, "meta", None)
    about = meta(context, ident, query or "", language) if meta else None
    if about is None:
        heading = first_text(main, "H1")
        about = {"title": f"{heading} · {title}" if heading and heading != title else title,
                 "description": first_text(main, "P", "lede") or described}
    return (shell.frame(context, language, pathname or "/", query or "", main),
            {"title": about["title"], "lang": language,
             "description": about["description"], "found": "1"})


def first_text(node: Any, kind: str, class_name: str = "") -> str:
    """The text of the first ``html.<kind>`` (with ``class_name``, if given) in ``node``."""
    if isinstance(node, list | tuple):
        for child in node:
            found = first_text(child, kind, class_name)
            if found:
                return found
        return ""
    if not isinstance(node, Component):
        return ""
    if node._type == kind and node._namespace == "dash_html_components" and (
            not class_name or class_name in (getattr(node, "className", "") or "").split()):
        return " ".join(text_of(node).split())
    return first_text(getattr(node, "children", None), kind, class_name)


_ROUTE_KEY = """
function(pathname, search, previous) {
    if (pathname === undefined || pathname === null) {
        return window.dash_clientside.no_update;
    }
    var params = new URLSearchParams(search || "");
    var lang = params.get("lang") || "";
    var parts = [pathname || "/", lang];
    // The campaign pages are drawn from their query (as of, from, to): no callbacks.
    if ((pathname || "").indexOf("/campaigns/") === 0) {
        parts.push(params.get("as_of") || "", params.get("from") || "",
                   params.get("to") || "");
    }
    var key = JSON.stringify(parts);
    return key === previous ? window.dash_clientside.no_update : key;
}
"""

_META = """
function(meta) {
    if (meta) {
        document.title = meta.title;
        document.documentElement.lang = meta.lang;
    }
    return window.dash_clientside.no_update;
}
"""

# The language switch keeps the reader's whole view: same path, same query, new lang.
# The path keeps one leading slash (as shell.local_path), never a protocol-relative link.
_LANGUAGE_LINKS = """
function(pathname, search) {
    var codes = CODES;
    return codes.map(function(code) {
        var params = new URLSearchParams(search || "");
        params.delete("lang");
        params.append("lang", code);
        var backslash = String.fromCharCode(92);
        var path = "/" + (pathname || "/").split(backslash).join("%5C").replace(/^[/]+/, "");
        return path + "?" + params.toString();
    });
}
"""


def register(app: Dash, context: AppContext, pages: dict[str, ModuleType]) -> None:
    """The router's callbacks, then every page's own."""
    app.clientside_callback(_ROUTE_KEY, Output("shell-route", "data"),
                            Input("url", "pathname"), Input("url", "search"),
                            State("shell-route", "data"))
    app.clientside_callback(_META, Output("shell-meta-done", "data"),
                            Input("shell-meta", "data"))

    # Not on load: the served layout holds the page already, or has no route key yet
    # (then the key's clientside callback sets it, and that change calls this one).
    @app.callback(Output("shell-page", "children"), Output("shell-meta", "data"),
                  Input("shell-route", "data"), State("url", "search"),
                  prevent_initial_call=True)
    def route(key: str | None, search: str | None) -> tuple[object, object]:
        if not key:
            return no_update, no_update
        try:
            pathname = str(json.loads(key)[0])
        except (ValueError, IndexError, TypeError):
            pathname = "/"
        return render(context, pages, pathname, search)

    codes = context.languages
    if codes:
        app.clientside_callback(
            _LANGUAGE_LINKS.replace("CODES", json.dumps(list(codes))),
            [Output(f"shell-lang-{code}", "href") for code in codes],
            Input("url", "pathname"), Input("url", "search"),
        )
    for module in pages.values():
        module.register(app, context)
