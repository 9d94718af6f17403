"""The timeline page's "Download" control: the current view in every export format.

Each link is the export route with the page's own query string, so a download holds
exactly the events on screen. The links are rewritten in the browser whenever the view's
URL changes (``downloads.links`` in ``assets/downloads.js``); no server round trip.
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, html
from dash.development.base_component import Component

from timeline.app.context import AppContext
from timeline.app.pages.timeline.parts import element_id

# (link id, path, label key); the order of the menu and of the clientside outputs.
LINKS: tuple[tuple[str, str, str], ...] = (
    ("csv", "/export/events.csv", "download.csv"),
    ("json", "/export/events.json", "download.json"),
    ("ics", "/export/events.ics", "download.ics"),
    ("geojson", "/export/events.geojson", "download.geojson"),
    ("timelinejs", "/export/events.timelinejs.json", "download.timelinejs"),
    ("atom", "/feeds/events.atom", "download.atom"),
)


def with_query(path: str, query: str) -> str:
    query = query.lstrip("?")
    return f"{path}?{query}" if query else path


def download_menu(context: AppContext, query: str, language: str) -> Component:
    t = context.translator(language)
    items = [html.Li(html.A(t(key), href=with_query(path, query),
                            id=element_id(f"download-{name}"),
                            download=None if name == "atom" else ""))
             for name, path, key in LINKS]
    return html.Details([
        html.Summary(t("download.title"), className="download-summary"),
        html.P(t("download.help"), className="help"),
        html.Ul(items, className="download-links"),
    ], className="download", id=element_id("download"))


def register(app: Dash) -> None:
    app.clientside_callback(
        ClientsideFunction("downloads", "links"),
        [Output(element_id(f"download-{name}"), "href") for name, _, _ in LINKS],
        Input(element_id("url"), "search"),
        prevent_initial_call=True)
