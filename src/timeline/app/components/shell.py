"""The frame every page shares (header, navigation, language switch, footer) and the
links pages build to each other.

Pages return only their main content; the router puts it in :func:`frame`. Links
with the ``spa-link`` class navigate inside the app without a reload, like
``dcc.Link``, but can carry ARIA attributes (``aria-current``); see assets/keyboard.js. The href
helpers are the one place that knows the app's URL scheme, so a link from the
campaign page to "the timeline filtered by this actor" is ``filter_href(actor=[id],
lang=lang)`` and always agrees with what the timeline page reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from dash import dcc, html
from dash.development.base_component import Component

from timeline.app.components.attrs import aria
from timeline.app.context import AppContext
from timeline.i18n.cldr import format_number
from timeline.query.filters import Filters

__all__ = [
    "actor_href", "campaign_href", "event_link", "filter_href", "format_number", "frame",
    "language_href", "local_path", "not_found", "relations_href", "suggest_href",
    "timeline_href",
]

_FILTER_FIELDS = {f.name for f in fields(Filters)}
_ALIASES = {"from": "date_from", "to": "date_to", "since": "date_from", "until": "date_to"}


def _with_lang(path: str, lang: str, pairs: Sequence[tuple[str, str]] = ()) -> str:
    items = [(k, v) for k, v in pairs if k != "lang"]
    if lang:
        items.append(("lang", lang))
    query = urlencode(items)
    return f"{path}?{query}" if query else path


def timeline_href(filters: Filters) -> str:
    """The timeline showing exactly ``filters``."""
    query = filters.to_query()
    return f"/?{query}" if query else "/"


def filter_href(lang: str = "", **values: object) -> str:
    """The timeline filtered by ``values`` (Filters fields; ``from``/``to`` allowed).

    ``filter_href(actor=["claudia-sheinbaum"], lang="es")`` ->
    ``/?actor=claudia-sheinbaum&lang=es``. Single strings are accepted for list fields.
    """
    arguments: dict[str, object] = {}
    for key, value in values.items():
        name = _ALIASES.get(key, key)
        if name not in _FILTER_FIELDS:
            raise TypeError(f"filter_href() got an unknown filter {key!r}")
        if name in ("country", "actor", "type", "campaign", "tag"):
            value = (value,) if isinstance(value, str) else tuple(value)  # type: ignore[arg-type]
        arguments[name] = value
    return timeline_href(Filters(lang=lang, **arguments))  # type: ignore[arg-type]


def event_link(event_id: str, lang: str = "") -> str:
    """The timeline with one event selected (its detail open)."""
    return timeline_href(Filters(event=event_id, lang=lang))


def actor_href(actor_id: str, lang: str = "") -> str:
    return _with_lang(f"/actors/{quote(actor_id, safe='')}", lang)


def campaign_href(campaign_id: str, lang: str = "") -> str:
    return _with_lang(f"/campaigns/{quote(campaign_id, safe='')}", lang)


def changes_href(campaign_id: str, lang: str = "", start: str = "", end: str = "") -> str:
    """``/campaigns/<id>/changes?from=2025-05&to=2025-06`` (empty parts left out)."""
    pairs = [(k, v) for k, v in (("from", start), ("to", end)) if v]
    return _with_lang(f"/campaigns/{quote(campaign_id, safe='')}/changes", lang, pairs)


def suggest_href(lang: str = "") -> str:
    """The "Suggest an event" form, which every "Add an event" link opens."""
    return _with_lang("/suggest", lang)


def relations_href(lang: str = "", **params: str) -> str:
    """``/relations?country=IL&date=2025-06-01&lang=es`` (empty values left out)."""
    return _with_lang("/relations", lang, [(k, v) for k, v in params.items() if v])


def local_path(pathname: str | None) -> str:
    """``pathname`` as a path of this site: one leading slash, so that a link built
    from it can never become protocol-relative ("//evil.example/x", "/\\evil.example")."""
    path = (pathname or "/").replace("\\", "%5C")
    return "/" + path.lstrip("/")


def language_href(pathname: str, query: str, lang: str) -> str:
    """The same page and view in another language (what the language switch links to)."""
    pairs = parse_qsl((query or "").lstrip("?")[:20_000], keep_blank_values=False)
    return _with_lang(local_path(pathname), lang, pairs)


# ------------------------------------------------------------------ the frame


def header(context: AppContext, language: str, pathname: str, query: str) -> html.Header:
    t = context.translator(language)
    path = local_path(pathname)
    nav = [("/", t("nav.timeline"), path == "/"),
           ("/relations", t("nav.relations"), path.rstrip("/") == "/relations"),
           ("/suggest", t("nav.suggest"), path.rstrip("/") == "/suggest")]
    links = [html.Li(html.A(label, href=_with_lang(href, language), className="spa-link",
                            **(aria(current="page") if current else {})))
             for href, label, current in nav]
    switch = []
    for code in context.languages:
        name = context.translator(code)("app.language")
        attributes = aria(current="true") if code == language else {}
        switch.append(html.Li(html.A(name, id=f"shell-lang-{code}", lang=code,
                                     hrefLang=code, href=language_href(path, query, code),
                                     className="language-link spa-link", **attributes)))
    return html.Header([
        html.A(t("app.skip"), href="#main", className="skip-link"),
        html.Div([
            dcc.Link(context.title(language), href=_with_lang("/", language),
                     className="site-title"),
            html.Nav(html.Ul(links), className="site-nav", **aria(label=t("nav.label"))),
            html.Nav(html.Ul(switch), className="language-switch",
                     **aria(label=t("nav.language"))),
        ], className="site-header-inner"),
    ], className="site-header")


def footer(context: AppContext, language: str) -> html.Footer:
    t = context.translator(language)
    parts: list[Component | str] = [
        html.Span(t("app.footer_count", count=len(context.dataset.events)))]
    parts += [" · ", html.A(t("detail.add_event"), href=suggest_href(language),
                            className="spa-link add-link")]
    parts += [" · ", html.Span(t("app.footer_made"))]
    return html.Footer(html.P(parts), className="site-footer")


def notices(context: AppContext, language: str) -> list[Component]:
    left_out = context.dataset.left_out
    if not left_out:
        return []
    t = context.translator(language)
    return [html.P(t("app.left_out", count=left_out),
                   className="notice", role="status", id="shell-left-out")]


def frame(context: AppContext, language: str, pathname: str, query: str,
          main: Component | Iterable[Component]) -> list[Component]:
    """Header, notices, the page's main content, footer: what the router renders."""
    children: list[Any] = list(main) if isinstance(main, list | tuple) else [main]
    return [header(context, language, pathname, query), *notices(context, language),
            html.Main(children, id="main", tabIndex="-1", className="site-main"),
            footer(context, language)]


def not_found(context: AppContext, language: str) -> Component:
    """The page for an unknown address or id: never an error page."""
    t = context.translator(language)
    return html.Div([
        html.H1(t("notfound.title")),
        html.P(t("notfound.body")),
        html.P(dcc.Link(t("notfound.back"), href=_with_lang("/", language))),
    ], className="not-found", id="not-found")
