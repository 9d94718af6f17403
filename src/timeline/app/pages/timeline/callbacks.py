"""The timeline page's callbacks: thin glue from named inputs to ``answers``.

Every server callback names its inputs and outputs (Dash's dict groupings), so a reader
sees what each one is; the clientside ones are functions of ``assets/timeline.js``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State, ctx

from timeline.app.context import AppContext
from timeline.app.pages.timeline import answers, downloads
from timeline.app.pages.timeline.options import (
    MAX_STATIC_OPTIONS,
    actor_options,
    tag_options,
)
from timeline.app.pages.timeline.parts import CONTROLS, element_id


def register(app: Dash, context: AppContext) -> None:
    """The page's callbacks: one for every change of view, one for more rows."""

    @app.callback(
        output={
            "url": Output(element_id("url"), "search"),
            "controls": {name: Output(element_id(name), "value") for name in CONTROLS},
            "figure": Output(element_id("graph"), "figure"),
            "count": Output(element_id("count"), "children"),
            "note": Output(element_id("note"), "children"),
            "view": Output(element_id("view"), "data"),
            "detail": Output(element_id("detail"), "children"),
            "selected": Output(element_id("selected"), "data"),
        },
        inputs={
            "search": Input(element_id("url"), "search"),
            "controls": {name: Input(element_id(name), "value") for name in CONTROLS},
            "reset": Input(element_id("reset"), "n_clicks"),
            "click": Input(element_id("graph"), "clickData"),
            "window": Input(element_id("window"), "data"),
            "compact": Input(element_id("compact"), "data"),
        },
        state={
            "drawn": State(element_id("view"), "data"),
            "selected": State(element_id("selected"), "data"),
        },
        prevent_initial_call=True,
    )
    def update(search: str | None, controls: dict[str, Any], reset: int | None,
               click: Any, window: Any, compact: bool | None, drawn: Any,
               selected: Any) -> answers.Answer:
        return answers.update(context, ctx.triggered_id, search, controls, click, window,
                              compact, drawn, selected)

    @app.callback(
        Output(element_id("momentum"), "figure"),
        Output(element_id("rows"), "children"),
        Output(element_id("more"), "hidden"),
        Output(element_id("shown"), "data"),
        Input(element_id("view"), "data"),
        State(element_id("url"), "search"),
        prevent_initial_call=True,
    )
    def follow(view: Any, search: str | None) -> tuple[Any, ...]:
        """The momentum chart and the list's first page of a new view, in a second answer:
        the chart and the count the reader is looking at are drawn first, these (further
        down the page) a moment later, from the same cached view."""
        return answers.follow(context, view, search)

    @app.callback(
        Output(element_id("rows"), "children", allow_duplicate=True),
        Output(element_id("more"), "hidden", allow_duplicate=True),
        Output(element_id("shown"), "data", allow_duplicate=True),
        Input(element_id("more"), "n_clicks"),
        State(element_id("url"), "search"),
        State(element_id("shown"), "data"),
        prevent_initial_call=True,
    )
    def more(clicks: int | None, search: str | None, shown: Any) -> tuple[Any, ...]:
        return answers.more(context, clicks, search, shown)

    downloads.register(app)
    app.clientside_callback(ClientsideFunction("timeline", "timeWindow"),
                            Output(element_id("window"), "data"),
                            Input(element_id("graph"), "relayoutData"),
                            prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("timeline", "phoneLayout"),
                            Output(element_id("filters-details"), "open"),
                            Output(element_id("compact"), "data"),
                            Input(element_id("filters-details"), "id"))
    app.clientside_callback(ClientsideFunction("timeline", "showDetail"),
                            Output(element_id("scrolled"), "data"),
                            Input(element_id("detail"), "children"),
                            prevent_initial_call=True)

    # Beyond MAX_STATIC_OPTIONS actors or tags, a dropdown's options follow its search.
    for name, values, options in (("actor", context.index.by_actor, actor_options),
                                  ("tag", context.index.by_tag, tag_options)):
        if len(values) > MAX_STATIC_OPTIONS:
            _register_option_search(app, context, name, options)


def _register_option_search(app: Dash, context: AppContext, name: str,
                            options: Callable[..., list[dict[str, str]]]) -> None:
    @app.callback(Output(element_id(name), "options"),
                  Input(element_id(name), "search_value"),
                  State(element_id(name), "value"), State(element_id("url"), "search"),
                  prevent_initial_call=True)
    def search_options(search_value: str | None, value: list[str] | None,
                       search: str | None) -> list[dict[str, str]]:
        language = context.language(context.filters(search).lang)
        return options(context, language, value or (), search_value or "")
