"""The HTML document of every Dash page: its head and its server-rendered first screen.

Dash sends every page the same empty document and draws everything with JavaScript.
This one carries what the reader (or a link preview, or a search engine) came for:

* the head says what the page shows: its own title and description, Open Graph and
  Twitter card metadata, the canonical address and the page in every language
  (``hreflang``);
* the body holds the page itself, rendered on the server from the same layout the page
  gives Dash (:mod:`timeline.app.components.static_html`), readable before any script
  runs. When Dash has rendered the same page, ``assets/handover.js`` removes this copy
  (and a CSS rule hides it in the same frame), so nothing moves;
* Plotly (only the traces in use) starts downloading with the page (a preload), and
  Babel's 100 kB polyfill is replaced by the regenerator runtime, all Dash needs of it.

No inline script is added: Dash's own config is JSON, and Dash's renderer start-up is
served as a file (``static/dash-start.js``), deferred like every script, so the page
paints before any of them runs. (Dash's clientside callbacks registered as strings
remain inline scripts of Dash's.)

A page with no callbacks (the campaign, its changes, an actor: ``router.is_static``)
is served without Dash at all when visited directly: the server's page is the page,
its links are plain links, and ``static/charts.js`` draws its charts with Plotly (from
the figures written into the page as JSON data) when they come near the screen. On a
phone that spares the reader the whole of React and Dash (most of a second of a slow
CPU) for a page that has nothing to update. Reached from inside the app, the same page
is drawn by Dash as before.
"""

from __future__ import annotations

import html
import re
from types import ModuleType
from urllib.parse import parse_qsl, quote, urlencode

from timeline.app import router
from timeline.app.components.static_html import to_html
from timeline.app.context import AppContext
from timeline.app.security import not_inline
from timeline.app.static import BASIC_TRACES, StaticScripts

__all__ = ["index_html"]

_POLYFILL = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>')
_DASH_START = ('<script id="_dash-renderer" type="application/javascript">'
               "var renderer = new DashRenderer();</script>")
# Dash always sends its DataTable's code; no page uses a DataTable.
_DATA_TABLE = re.compile(r'<script src="[^"]*/dash_table/bundle[^"]*"></script>\n?')


def index_html(context: AppContext, pages: dict[str, ModuleType], scripts: StaticScripts,
               pathname: str, query: str, url_root: str, parts: dict[str, str],
               has_route: frozenset[str] = frozenset()) -> str:
    """The document for ``pathname?query``; ``parts`` are Dash's pieces (its
    ``interpolate_index`` arguments); ``url_root`` is the site's address
    (``https://example.org/``), for the absolute URLs link previews need."""
    frame, meta = router.render(context, pages, pathname, query)
    static = bool(meta["found"]) and router.is_static(pages, pathname)
    language = meta["lang"]
    root = url_root.rstrip("/")
    canonical = root + canonical_path(context, pathname, query, has_route)
    head = [
        parts.get("metas", ""),
        f"<title>{_text(meta['title'])}</title>",
        _meta("name", "description", meta["description"]),
        f'<link rel="canonical" href="{_attr(canonical)}">',
        *(f'<link rel="alternate" hreflang="{_attr(code)}" href="{_attr(root + href)}">'
          for code, href in alternates(context, pathname, query)),
        _meta("property", "og:type", "website"),
        _meta("property", "og:site_name", context.title(language)),
        _meta("property", "og:title", meta["title"]),
        _meta("property", "og:description", meta["description"]),
        _meta("property", "og:url", canonical),
        _meta("property", "og:locale", language),
        _meta("name", "twitter:card", "summary"),
        _meta("name", "twitter:title", meta["title"]),
        _meta("name", "twitter:description", meta["description"]),
        parts.get("favicon", ""),
        parts.get("css", ""),
    ]
    if not static:
        # Plotly starts downloading with the page; dcc.Graph runs it when it mounts
        # (assets/plotly-bundle.js points Dash at this URL).
        head.append(f'<link rel="preload" as="script" id="plotly-bundle" '
                    f'href="{_attr(scripts.url("plotly-partial.min.js"))}">')
    if not meta["found"]:
        head.append(_meta("name", "robots", "noindex"))
    if static:
        # No Dash: none of its scripts, so none of its inline ones are allowed either.
        not_inline(parts.get("scripts", "") + parts.get("renderer", ""))
        return _document(language, head, [
            f'<div id="server-page" class="shell">{to_html(frame, charts=True)}</div>',
            f'<script defer src="{_attr(scripts.url("charts.js"))}" '
            f'data-plotly="{_attr(scripts.url("plotly-partial.min.js"))}" '
            f'data-plotly-basic="{_attr(scripts.url("plotly-basic.min.js"))}" '
            f'data-basic-traces="{" ".join(BASIC_TRACES)}"></script>'])
    dash_scripts = _POLYFILL.sub(
        f'<script src="{_attr(scripts.url("regenerator-runtime.min.js"))}"></script>',
        _DATA_TABLE.sub("", parts.get("scripts", "")))
    renderer = parts.get("renderer", "")
    if renderer == _DASH_START:
        # Every script deferred: the browser paints the page the server drew as soon as
        # it is parsed, then runs Dash's scripts in order, then starts the renderer (a
        # file now, so it can wait for them too).
        dash_scripts = dash_scripts.replace("<script src=", "<script defer src=")
        not_inline(renderer)
        renderer = (f'<script id="_dash-renderer" defer '
                    f'src="{_attr(scripts.url("dash-start.js"))}"></script>')
    return _document(language, head, [
        f'<div id="server-page" class="shell">{to_html(frame)}</div>',
        parts.get("app_entry", ""),
        parts.get("config", ""),
        dash_scripts,
        renderer,
    ])


def _document(language: str, head: list[str], body: list[str]) -> str:
    return "\n".join(["<!DOCTYPE html>", f'<html lang="{_attr(language)}">',
                      "<head>", *head, "</head>", "<body>", *body, "</body>", "</html>"])


def canonical_path(context: AppContext, pathname: str, query: str,
                   has_route: frozenset[str] = frozenset()) -> str:
    """The page's own address: its path and only the parameters that change what it
    shows, in their canonical order; an event's canonical address is its own page
    (``/events/<id>``) where the app serves one."""
    found = router.resolve(pathname)
    if found is None:
        return pathname or "/"
    route, _ident = found
    if route.name == "":
        filters = context.filters(query)
        if filters.event and "events" in has_route:
            lang = urlencode([("lang", filters.lang)]) if filters.lang else ""
            path = f"/events/{quote(filters.event, safe='')}"
            return f"{path}?{lang}" if lang else path
        text = filters.to_query()
        return f"/?{text}" if text else "/"
    pairs = [(k, v) for k, v in parse_qsl(query.lstrip("?")) if k == "lang"][-1:]
    text = urlencode(pairs)
    return f"{pathname}?{text}" if text else pathname


def alternates(context: AppContext, pathname: str, query: str) -> list[tuple[str, str]]:
    """(hreflang, path) of the page in every language, and ``x-default``."""
    from timeline.app.components.shell import language_href

    links = [(code, language_href(pathname, query, code)) for code in context.languages]
    links.append(("x-default", language_href(pathname, query, "")))
    return links


def _meta(attribute: str, name: str, content: str) -> str:
    return f'<meta {attribute}="{_attr(name)}" content="{_attr(content)}">'


def _text(value: str) -> str:
    return html.escape(value, quote=False)


def _attr(value: str) -> str:
    return html.escape(value, quote=True)
