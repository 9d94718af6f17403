"""What the timeline page's callbacks send back, computed from their (named) inputs.

An answer of ``update`` is a dict with the names of its outputs (see ``callbacks``):
``url``, ``controls`` (one value per control of the filter panel), ``figure`` (a
partial update of the chart), ``count``, ``note``, ``view``, ``detail``, ``selected``.
Whatever it does not change is ``no_update``.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from dash import Patch, no_update
from dash.exceptions import PreventUpdate

from timeline.app.bounds import BadCallbackRequest
from timeline.app.context import AppContext
from timeline.app.pages.timeline.detail import detail
from timeline.app.pages.timeline.parts import (
    CONTROLS,
    count_text,
    density_note,
    element_id,
    list_rows,
    search_string,
    view_key,
)
from timeline.figures import timeline as figures
from timeline.query.filters import Filters

Answer = dict[str, Any]


def nothing() -> Answer:
    """An answer of ``update`` that changes nothing (yet)."""
    return {"url": no_update, "controls": dict.fromkeys(CONTROLS, no_update),
            "figure": no_update, "count": no_update, "note": no_update, "view": no_update,
            "detail": no_update, "selected": no_update}


def changes_nothing(answer: Answer) -> bool:
    values = [value for name, value in answer.items() if name != "controls"]
    return all(value is no_update for value in [*values, *answer["controls"].values()])


def update(context: AppContext, trigger: str | None, search: str | None,
           controls: dict[str, Any], click: Any, asked: Any, compact: bool | None,
           drawn: Any, selected: Any) -> Answer:
    """One answer per change: the new URL, the controls, and what it redraws.

    A control writes the URL (pushing a history entry) and redraws in the same answer;
    a URL change (the back button, a link) sets the controls and redraws. Only what
    changed is sent: the chart as a partial update, the detail only when the selection
    changes, nothing of the view when only the selection did.
    """
    answer = nothing()
    current = context.filters(search)
    language = context.language(current.lang)
    if trigger == element_id("window"):
        return zoomed(context, current, language, asked, drawn, answer)
    if trigger == element_id("compact"):
        if not compact:
            raise PreventUpdate
        patch = Patch()
        names_inside_lanes(patch, context.timeline(current, language)["layout"])
        answer["figure"] = patch
        return answer
    if trigger == element_id("url"):
        wanted = current
        answer["controls"] = changed_controls(controls, wanted)
    elif trigger == element_id("reset"):
        wanted = current.cleared()
        answer["controls"] = changed_controls(controls, wanted)
    elif trigger == element_id("graph"):
        event_id = clicked_event(context, click)
        if event_id is None or event_id == current.event:
            raise PreventUpdate
        wanted = replace(current, event=event_id)
    else:
        wanted = controls_view(context, controls, current)
        if wanted == current:
            raise PreventUpdate
    if trigger != element_id("url"):
        answer["url"] = search_string(wanted)
    key = view_key(wanted, language)
    patch = Patch()
    if not isinstance(drawn, dict) or drawn.get("key") != key:
        redraw(context, wanted, language, key, patch, answer, bool(compact))
    state = {"event": wanted.event, "lang": language}
    if selected != state:
        position = context.index.position.get(wanted.event) if wanted.event else None
        patch["layout"]["shapes"][0] = figures.selection_shapes(context.table, position)[0]
        answer["figure"] = patch
        answer["detail"] = detail(context, wanted, language)
        answer["selected"] = state
    if changes_nothing(answer):
        raise PreventUpdate
    return answer


def controls_view(context: AppContext, controls: dict[str, Any], current: Filters
                  ) -> Filters:
    """The view the filter panel shows, read exactly as the same values in a URL."""
    def many(name: str) -> list[str]:
        value = controls.get(name)
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    def one(name: str) -> list[str]:
        value = controls.get(name)
        return [value] if isinstance(value, str) else []

    asked = Filters.from_query({
        "country": many("country"), "actor": many("actor"), "type": many("type"),
        "campaign": many("campaign"), "tag": many("tag"), "q": one("search"),
        "from": one("from"), "to": one("to"), "lanes": one("lanes")})
    return replace(asked, event=current.event, lang=current.lang, demand=current.demand,
                   stance=current.stance).restrict(context.index, context.languages)


def redraw(context: AppContext, filters: Filters, language: str, key: str, patch: Patch,
           answer: Answer, compact: bool = False) -> None:
    """Fill ``answer`` with a new view: chart traces and lanes, count, density note."""
    figure = context.timeline(filters, language)
    layout = figure["layout"]
    # the traces and what depends on the lanes; fonts, margins, the slider stay
    patch["data"] = figure["data"]
    for name in ("height", "uirevision", "shapes", "annotations"):
        patch["layout"][name] = layout.get(name, [])
    patch["layout"]["xaxis"]["range"] = layout["xaxis"]["range"]
    patch["layout"]["xaxis"]["rangeslider"]["range"] = layout["xaxis"]["range"]
    for name in ("tickvals", "ticktext", "range"):
        patch["layout"]["yaxis"][name] = layout["yaxis"][name]
    if compact:
        names_inside_lanes(patch, layout)
    parts = context.timeline_parts(filters, language)
    positions = context.positions(filters)
    answer["figure"] = patch
    answer["count"] = count_text(context, len(positions), language)
    answer["note"] = density_note(context, parts["marks"], len(positions), language)
    answer["view"] = {"key": key}


def names_inside_lanes(patch: Patch, layout: dict[str, Any]) -> None:
    """On a phone: the lane names over the top of each lane instead of beside the lanes,
    so that the lanes keep the chart's whole width."""
    patch["layout"]["yaxis"]["showticklabels"] = False
    patch["layout"]["annotations"] = [
        *layout.get("annotations", []), *figures.lane_annotations(layout["yaxis"]["ticktext"])]


def zoomed(context: AppContext, filters: Filters, language: str, asked: Any, drawn: Any,
           answer: Answer) -> Answer:
    """The traces for the window the reader zoomed to (density or marks)."""
    window = time_window(asked)
    if not isinstance(drawn, dict) or drawn.get("key") != view_key(filters, language):
        raise PreventUpdate
    count = len(context.positions(filters))
    if count <= context.settings.max_marks:
        raise PreventUpdate  # every event is drawn already
    if window is None:
        parts = context.timeline_parts(filters, language)
        data, marks = parts["data"], parts["marks"]
    else:
        view = context.view(filters, language, window)
        max_marks = context.settings.max_marks
        data = figures.timeline_traces(context.table, view, context.texts(language)[0],
                                       max_marks=max_marks, max_bins=context.settings.max_bins)
        marks = figures.shows_marks(view, context.table, max_marks)
    patch = Patch()
    patch["data"] = data
    answer["figure"] = patch
    answer["note"] = density_note(context, marks, count, language)
    return answer


# The dates a zoom can reach: Python's (and the figures') years 1 to 9999. Plotly
# itself stays within about +-10,000 years, so a number far beyond is a forged request.
_FIRST_MS = figures.ms(datetime(1, 1, 1, tzinfo=UTC))
_LAST_MS = figures.ms(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC))
_FORGED_MS = 1e15  # about the year 33,700


def time_window(asked: Any) -> tuple[float, float] | None:
    """The x window the reader zoomed to, within the representable dates; None to
    reset; PreventUpdate if Plotly sent something unreadable; BadCallbackRequest if no
    browser could have sent it."""
    if not isinstance(asked, dict):
        raise BadCallbackRequest("window: expected an object")
    if asked.get("reset"):
        return None
    bounds = asked.get("range")
    if not isinstance(bounds, list) or len(bounds) != 2:
        raise BadCallbackRequest("window: expected a range of two values")
    try:
        low, high = axis_ms(bounds[0]), axis_ms(bounds[1])
    except BadCallbackRequest:
        raise
    except (ValueError, OverflowError):
        raise PreventUpdate from None  # a date Plotly can show but Python cannot read
    low, high = max(low, _FIRST_MS), min(high, _LAST_MS)
    if not low < high:
        raise PreventUpdate
    return low, high


def axis_ms(value: Any) -> float:
    """A Plotly date-axis value (ms or "2010-03-04 12:33:20.5") as epoch ms."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise BadCallbackRequest("window: expected dates")
    if isinstance(value, int | float):
        if not math.isfinite(value) or abs(value) > _FORGED_MS:
            raise BadCallbackRequest("window: date out of range")
        return float(value)
    text = value.strip().replace(" ", "T")
    moment = datetime.fromisoformat(text[:26])
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return figures.ms(moment)


def changed_controls(shown: dict[str, Any], filters: Filters) -> dict[str, Any]:
    """The controls' new values, ``no_update`` for those already showing them (each
    control re-rendered in the browser costs time; a dropdown, a lot of it)."""
    wanted = control_values(filters)
    return {name: no_update if (shown.get(name) or None) == (wanted[name] or None)
            else wanted[name] for name in CONTROLS}


def control_values(filters: Filters) -> dict[str, Any]:
    """What each control of the filter panel shows for a view."""
    return {"search": filters.q, "country": list(filters.country),
            "actor": list(filters.actor), "type": list(filters.type),
            "campaign": list(filters.campaign), "tag": list(filters.tag),
            "from": filters.date_from, "to": filters.date_to, "lanes": filters.lanes}


def clicked_event(context: AppContext, click: Any) -> str | None:
    """The event id behind a click on a mark (density cells carry no event)."""
    try:
        position = int(click["points"][0]["customdata"])
    except (TypeError, KeyError, IndexError, ValueError):
        return None
    events = context.index.events
    return events[position].id if 0 <= position < len(events) else None


def follow(context: AppContext, view: Any, search: str | None) -> tuple[Any, ...]:
    """The momentum chart and the list's first page of a new view."""
    size = context.settings.page_size
    filters = context.filters(search)
    language = context.language(filters.lang)
    key = view_key(filters, language)
    if not isinstance(view, dict) or view.get("key") != key:
        raise PreventUpdate  # the URL has moved on; its own update will follow
    positions = context.positions(filters)
    return (context.momentum(filters, language),
            list_rows(context, positions, 0, size, filters, language),
            len(positions) <= size, {"key": key, "shown": size})


def more(context: AppContext, clicks: Any, search: str | None, shown: Any
         ) -> tuple[Any, ...]:
    """The list's next page, appended to the rows already shown."""
    if not clicks:
        raise PreventUpdate
    size = context.settings.page_size
    filters = context.filters(search)
    language = context.language(filters.lang)
    key = view_key(filters, language)
    start = size
    if isinstance(shown, dict) and shown.get("key") == key:
        start = int(shown.get("shown", size))
    positions = context.positions(filters)
    stop = start + size
    patch = Patch()
    patch.extend(list_rows(context, positions, start, stop, filters, language))
    return patch, stop >= len(positions), {"key": key, "shown": stop}
