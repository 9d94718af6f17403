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
* Dash itself starts when the reader first reaches for the page (a key, a touch, a
  click, the focus; ``static/boot.js``), not with it: until then the page is the
  server's, its charts drawn by ``static/charts.js`` with Plotly alone. A phone that
  would spend most of a second of its CPU on React and Dash before the reader could
  scroll spends it only when the reader wants the controls; Babel's 100 kB polyfill is
  replaced by the regenerator runtime, all Dash needs of it.

No inline script is added, and none is left: Dash's own config is JSON, Dash's scripts
are listed in a JSON data block that ``boot.js`` loads in order (files only: every
clientside callback is a ``ClientsideFunction`` in ``assets/``), and Dash's renderer
start-up is a file (``static/dash-start.js``); the policy of ``app/security.py`` allows
no inline script.

A page with no callbacks (the campaign, its changes, an actor: ``router.is_static``)
is served without Dash at all when visited directly: the server's page is the page,
its links are plain links, and its charts are drawn as above. Reached from inside the
app, the same page is drawn by Dash as before.
"""

from __future__ import annotations

import html
import re
from functools import cache, lru_cache
from importlib import resources
from types import ModuleType
from urllib.parse import parse_qsl, quote, urlencode

from dash.development.base_component import Component

from timeline.app import router
from timeline.app.components.static_html import to_html
from timeline.app.context import AppContext
from timeline.app.security import script_json
from timeline.app.static import BASIC_TRACES, StaticScripts

__all__ = ["index_html"]

_POLYFILL = re.compile(r'<script src="[^"]*/deps/polyfill@[^"]*"></script>')
_DASH_START = ('<script id="_dash-renderer" type="application/javascript">'
               "var renderer = new DashRenderer();</script>")
# Dash always sends its DataTable's code; no page uses a DataTable.
_DATA_TABLE = re.compile(r'<script src="[^"]*/dash_table/bundle[^"]*"></script>\n?')
_SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r'\bsrc="([^"]*)"')


def index_html(context: AppContext, pages: dict[str, ModuleType], scripts: StaticScripts,
               pathname: str, query: str, url_root: str, parts: dict[str, str],
               has_route: frozenset[str] = frozenset(), extra_head: str = "") -> str:
    """The document for ``pathname?query``; ``parts`` are Dash's pieces (its
    ``interpolate_index`` arguments); ``url_root`` is the site's address
    (``https://example.org/``), for the absolute URLs link previews need;
    ``extra_head`` ends the head (the feeds' links)."""
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
    if not meta["found"]:
        head.append(_meta("name", "robots", "noindex"))
    head.append(extra_head)
    charts = (f'<script defer src="{_attr(scripts.url("charts.js"))}" '
              f'data-plotly="{_attr(scripts.url("plotly-partial.min.js"))}" '
              f'data-plotly-basic="{_attr(scripts.url("plotly-basic.min.js"))}" '
              f'data-basic-traces="{" ".join(BASIC_TRACES)}"></script>')
    if static:
        return _document(language, head, [_server_page(frame, charts=True), charts])
    dash_scripts, listed = _dash_scripts(parts.get("scripts", ""),
                                         scripts.url("regenerator-runtime.min.js"))
    renderer = parts.get("renderer", "")
    # Dash 4 starts its renderer with exactly this script (the app sets no renderer hooks);
    # another would stay inline, be refused by the policy, and fail the tests.
    if renderer != _DASH_START:  # not the start-up this module knows: Dash's own way
        return _document(language, head, [
            _server_page(frame, charts=False),
            parts.get("app_entry", ""), parts.get("config", ""), dash_scripts, renderer])
    # Dash starts when the reader reaches for the page (static/boot.js), from this list:
    # its scripts in order (files: the policy allows no inline one), then the renderer.
    boot = {"scripts": listed, "start": scripts.url("dash-start.js"),
            "plotly": scripts.url("plotly-partial.min.js"),
            "prefetch": chunk_urls(frame, [item["src"] for item in listed])}
    return _document(language, head, [
        _server_page(frame, charts=True),
        parts.get("app_entry", ""),
        parts.get("config", ""),
        f'<script id="dash-boot" type="application/json">{script_json(boot)}</script>',
        charts,
        f'<script defer src="{_attr(scripts.url("boot.js"))}"></script>',
    ])


# The code of some dcc components comes in chunks of its own, which Dash's components
# load when one is first drawn: prefetched too, for the components on the page.
_ASYNC_CHUNKS = {"Dropdown": "async-dropdown.js", "Graph": "async-graph.js",
                 "Slider": "async-slider.js", "RangeSlider": "async-slider.js",
                 "Markdown": "async-markdown.js", "DatePickerSingle": "async-datepicker.js",
                 "DatePickerRange": "async-datepicker.js", "Upload": "async-upload.js"}


def chunk_urls(frame: object, sources: list[str]) -> list[str]:
    """The URLs of the dcc chunks the page's components will load (next to dcc's own
    script, as its loader asks for them), for the chunks Dash ships."""
    dcc_script = next((src for src in sources if "/dcc/dash_core_components." in src), "")
    if not dcc_script:
        return []
    folder = dcc_script.split("?", 1)[0].rsplit("/", 1)[0]
    names = {_ASYNC_CHUNKS[kind] for kind in _dcc_kinds(frame) if kind in _ASYNC_CHUNKS}
    return [f"{folder}/{name}" for name in sorted(names) if _shipped(name)]


def _dcc_kinds(node: object) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, Component):
            if item._namespace == "dash_core_components":
                found.add(item._type)
            stack.append(getattr(item, "children", None))
    return found


@cache
def _shipped(name: str) -> bool:
    return resources.files("dash").joinpath("dcc", name).is_file()


@lru_cache(maxsize=8)
def _dash_scripts(scripts_html: str, regenerator_url: str
                  ) -> tuple[str, list[dict[str, str]]]:
    """Dash's script tags as the page loads them (the polyfill from our copy, no data
    table), and as boot.js's list; the same for every page, so worked out once."""
    tags = _POLYFILL.sub(f'<script src="{_attr(regenerator_url)}"></script>',
                         _DATA_TABLE.sub("", scripts_html))
    return tags, script_list(tags)


def script_list(scripts_html: str) -> list[dict[str, str]]:
    """Dash's ``<script>`` tags as data, in order: ``{"src": url}`` (Dash 4 writes no
    inline script there, and the policy would refuse one)."""
    found: list[dict[str, str]] = []
    for attributes, _ in _SCRIPT.findall(scripts_html):
        source = _SRC.search(attributes)
        if source:
            found.append({"src": html.unescape(source[1])})
    return found


def _server_page(frame: object, *, charts: bool) -> str:
    """The page as the server draws it (with its charts' figures for charts.js)."""
    return f'<div id="server-page" class="shell">{to_html(frame, charts=charts)}</div>'


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
