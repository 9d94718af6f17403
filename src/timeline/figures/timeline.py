"""Pure Plotly figure builders: the timeline and the momentum chart.

Nothing here imports Dash or does I/O; every builder takes what it draws and returns
a ``go.Figure``. Speed at 100,000 events comes from three choices made here:

* :class:`EventTable` keeps, once per dataset, the few numbers a figure needs per event
  in compact arrays (epoch milliseconds, calendar keys, type index), so a redraw never
  walks the rich records;
* when a view holds more events than a chart can show (``max_marks``), the timeline
  draws each lane's density over calendar bins (a heatmap strip per lane, hover gives
  the count) instead of one mark per event; individual events come back as soon as
  the visible window holds few enough;
* individual events are a few traces with short numeric arrays (milliseconds,
  positions as custom data), grouped by type so the legend colours by type: SVG for
  up to ``webgl_from`` marks, WebGL past that. A WebGL context and its shaders cost
  a phone (or a machine without a GPU) several hundred milliseconds before the first
  mark shows, while SVG draws a thousand marks in a fraction of that.

A point in time (a day or a minute) is a marker; anything coarser (a month, a year,
"c. 2013") and every interval is a bar over the span it covers, so "May 2025" never
looks like 1 May. Approximate or uncertain dates are hollow markers and dotted bars.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

from timeline.figures.shared import (
    DAY_MS,
    FONT,
    EventTable,
    bin_key_of,
    bin_start,
    choose_unit,
    date_ms,
    fold,
    in_window,
    ms,
    pad,
    plain_text,
    separators,
    whole,
)
from timeline.model import Event
from timeline.query.filters import LANES as LANE_MODES
from timeline.query.labels import NONE_KEY, OTHER_KEY
from timeline.vocab import EVENT_TYPES

NEUTRAL_COLOUR = "#3f5a7a"
WEBGL_FROM = 300  # marks: up to this many are drawn as SVG, more with WebGL
# re-exported for the pages
__all__ = ["DAY_MS", "LANE_MODES", "NONE_KEY", "OTHER_KEY", "ms", "pad", "plain_text"]


# ------------------------------------------------------------------ lanes


def lane_keys(event: Event, mode: str) -> tuple[str, ...]:
    """The lanes an event is drawn in for lane ``mode`` (an event may be in several)."""
    if mode == "country":
        return event.countries or (NONE_KEY,)
    if mode == "actor":
        return event.actors or (NONE_KEY,)
    if mode == "campaign":
        found = tuple(dict.fromkeys([*event.campaigns, *(d.campaign for d in event.demands)]))
        return found or (NONE_KEY,)
    return (event.type,)


@dataclass(frozen=True, slots=True)
class LaneIndex:
    """For one lane mode: the positions of each value, and those that have none.

    The app passes the query index's own sets (``by_country``...), so counting lanes
    and binning density are set operations and C-speed counts, not a loop in Python.
    """

    members: Mapping[str, AbstractSet[int]]
    empty: AbstractSet[int] = frozenset()
    total: int = 0  # how many events the index covers


@dataclass(frozen=True, slots=True)
class Lanes:
    """The lanes of one view, top to bottom, and where each position is drawn."""

    keys: tuple[str, ...]
    labels: tuple[str, ...]
    colours: tuple[str | None, ...]
    rows: Callable[[int], tuple[int, ...]] = field(compare=False)
    # the positions (of any view) in lane i, when a LaneIndex is known
    members: Callable[[int], AbstractSet[int]] | None = field(default=None, compare=False)

    def __len__(self) -> int:
        return len(self.keys)


def choose_lanes(events: Sequence[Event], positions: Sequence[int], mode: str,
                 label: Callable[[str], str], *, max_lanes: int = 24,
                 index: LaneIndex | None = None) -> Lanes:
    """The lanes for ``positions``: types in vocabulary order, anything else by count.

    Beyond ``max_lanes`` the least busy values share one "other" lane, so a dataset
    with 5,000 actors still draws a readable chart. ``label`` names a key (and the
    special :data:`OTHER_KEY` / :data:`NONE_KEY`). With an ``index`` the counts are
    set intersections and the lanes know their members (fast density).
    """
    counts = _lane_counts(events, positions, mode, index)
    none = counts.pop(NONE_KEY, 0)
    if mode == "type":
        keys = [t.id for t in EVENT_TYPES if counts.get(t.id)]
    else:
        ranked = sorted((k for k in counts if counts[k]),
                        key=lambda k: (-counts[k], label(k).casefold(), k))
        keys = ranked if len(ranked) <= max_lanes else ranked[:max_lanes - 1]
        if len(ranked) > len(keys):
            keys.append(OTHER_KEY)
    if none:
        keys.append(NONE_KEY)
    lane_index = {k: i for i, k in enumerate(keys)}
    other = lane_index.get(OTHER_KEY, len(keys) - 1)
    colour_of = {t.id: t.colour for t in EVENT_TYPES}
    colours = tuple(colour_of.get(k) if mode == "type" else None for k in keys)

    def rows(position: int) -> tuple[int, ...]:
        found = {lane_index.get(k, other) for k in lane_keys(events[position], mode)}
        return tuple(sorted(found))

    members = None
    if index is not None:
        kept = set(keys)

        def members(lane: int) -> AbstractSet[int]:
            key = keys[lane]
            if key == NONE_KEY:
                return index.empty
            if key == OTHER_KEY:
                rest: set[int] = set()
                for value, found in index.members.items():
                    if value not in kept:
                        rest |= found
                return rest
            return index.members.get(key, frozenset())

    return Lanes(tuple(keys), tuple(label(k) for k in keys), colours, rows, members)


def _lane_counts(events: Sequence[Event], positions: Sequence[int], mode: str,
                 index: LaneIndex | None) -> dict[str, int]:
    if index is None:
        counter: Counter[str] = Counter()
        for p in positions:
            counter.update(lane_keys(events[p], mode))
        return dict(counter)
    if len(positions) == index.total:
        counts = {k: len(found) for k, found in index.members.items()}
        counts[NONE_KEY] = len(index.empty)
        return counts
    chosen = set(positions)
    counts = {k: len(chosen.intersection(found)) for k, found in index.members.items()}
    counts[NONE_KEY] = len(chosen.intersection(index.empty))
    return counts


# ------------------------------------------------------------------ timeline figure


@dataclass(frozen=True, slots=True)
class TimelineText:
    """The reader-language words a timeline figure shows, and the hover of an event."""

    hover: Callable[[int], str]  # position -> escaped hover text (Plotly's <b>/<br> only)
    type_labels: Mapping[str, str]
    density_hover: Callable[[int], str]  # a count in words: 1 -> "1 event", 5 -> "5 events"
    empty: str  # shown when no event matches
    period_formats: Mapping[str, str]  # unit -> d3 time format for density hover
    approximate: str = "approximate or uncertain date"
    label: Callable[[int], str] | None = None  # position -> the event's title, to label it


@dataclass(frozen=True, slots=True)
class TimelineView:
    """What a timeline figure shows: the events, their lanes and the time window."""

    positions: Sequence[int]
    lanes: Lanes
    window: tuple[float, float]  # ms, the x range shown
    full: tuple[float, float]  # ms, the x range of the whole view (range slider)


def timeline_figure(table: EventTable, view: TimelineView, text: TimelineText, *,
                    max_marks: int = 2000, max_bins: int = 160, locale: str = "en",
                    uirevision: str = "", height: int | None = None,
                    selected: int | None = None, webgl_from: int = WEBGL_FROM) -> go.Figure:
    """The timeline of ``view``: one mark per event, or per-lane density when crowded.

    ``selected`` (a position) is shown as a band over its span on every lane.
    """
    layout = timeline_layout(view, text, locale=locale, uirevision=uirevision,
                             height=height)
    layout["annotations"] = timeline_annotations(view, text)
    layout["shapes"] = timeline_shapes(view, selection_shapes(table, selected))
    traces = timeline_traces(table, view, text, max_marks=max_marks, max_bins=max_bins,
                             webgl_from=webgl_from)
    # Built from plain dicts without validation: validating 2,000 marks costs ~75 ms;
    # tests validate the same dicts through go.Figure instead.
    return go.Figure(data=traces, layout=layout, _validate=False)


def timeline_annotations(view: TimelineView, text: TimelineText) -> list[dict[str, object]]:
    if view.positions:
        return []
    return [{"text": text.empty, "showarrow": False, "xref": "paper", "yref": "paper",
             "x": 0.5, "y": 0.5, "font": {"size": 15}}]


def lane_height(lanes: int) -> int:
    return max(220, 90 + 38 * max(lanes, 1))


def timeline_layout(view: TimelineView, text: TimelineText, *, locale: str = "en",
                    uirevision: str = "", height: int | None = None,
                    slots: int | None = None) -> dict[str, object]:
    """The layout: a date x axis with a range slider, one y tick per lane.

    ``slots`` is how many lanes the height is made for (the most a view of this lane
    mode can have): keeping the height when a filter leaves fewer lanes spares the
    browser a second full redraw for the resize. A view with few lanes shows them at
    the top, at least a sixth of the height each.
    """
    lanes = view.lanes
    shown = max(len(lanes), min(slots or 0, 6), 1)
    return dict(
        height=height or lane_height(slots or len(lanes)),
        margin={"l": 8, "r": 8, "t": 30, "b": 8},  # room for the mode bar above the lanes
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="#ffffff",
        font={"family": FONT, "size": 13, "color": "#1f2933"},
        hoverlabel={"align": "left", "bgcolor": "#ffffff", "font": {"size": 13}},
        hovermode="closest", hoverdistance=12, dragmode="zoom",
        showlegend=False, uirevision=uirevision or "timeline",
        xaxis={"type": "date", "range": list(view.window), "showgrid": True,
               "gridcolor": "#e4e7eb", "linecolor": "#9aa5b1", "automargin": True,
               "rangeslider": {"visible": True, "thickness": 0.08,
                               "range": list(view.full), "bgcolor": "#f5f7fa"}},
        yaxis={"tickvals": list(range(len(lanes))),
               "ticktext": [plain_text(_short(s)) for s in lanes.labels],
               "range": [shown - 0.5, -0.5],
               "fixedrange": True, "showgrid": False, "zeroline": False,
               "automargin": True},
        shapes=timeline_shapes(view),
        separators=separators(locale),
    )


def timeline_shapes(view: TimelineView, selected: list[dict[str, object]] | None = None
                    ) -> list[dict[str, object]]:
    """Shape 0 is always the selection (hidden when none); the rest separate lanes."""
    first = (selected or [NO_SELECTION])[0]
    return [first, *(lane_separator(i) for i in range(1, len(view.lanes)))]


def lane_annotations(labels: Sequence[str]) -> list[dict[str, object]]:
    """Each lane's name (as given: already shortened and escaped) written at the left of
    its top edge, inside the chart: for narrow screens, where names beside the lanes
    would take half of the width."""
    return [{"text": label, "showarrow": False, "xref": "paper", "x": 0, "xanchor": "left",
             "yref": "y", "y": index - 0.5, "yanchor": "top", "yshift": -1,
             "font": {"size": 11, "color": "#52606d"}}
            for index, label in enumerate(labels)]


def lane_separator(index: int) -> dict[str, object]:
    return {"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y",
            "y0": index - 0.5, "y1": index - 0.5, "line": {"color": "#e4e7eb", "width": 1},
            "layer": "below"}


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[:limit - 1].rstrip() + "…"


def timeline_traces(table: EventTable, view: TimelineView, text: TimelineText, *,
                    max_marks: int = 2000, max_bins: int = 160,
                    webgl_from: int = WEBGL_FROM) -> list[dict[str, object]]:
    """The traces for ``view``'s window: marks if few enough, else density strips.

    A view of at most ``max_marks`` events draws all of them whatever the window, so
    zooming and panning it needs nothing from the server. Marks are SVG up to
    ``webgl_from`` of them, WebGL past that.
    """
    if len(view.positions) <= max_marks:
        traces = _mark_traces(table, view.positions, view.lanes, text, view.full,
                              webgl_from)
        return traces + label_traces(table, view, text, traces)
    low, high = view.window
    margin = (high - low) * 0.5
    visible = in_window(table, view.positions, low - margin, high + margin)
    if len(visible) <= max_marks:
        traces = _mark_traces(table, visible, view.lanes, text, (low, high), webgl_from)
        return traces + label_traces(table, view, text, traces)
    visible = in_window(table, view.positions, low, high)
    return _density_traces(table, visible, view.lanes, text, (low, high), max_bins)


def shows_marks(view: TimelineView, table: EventTable, max_marks: int) -> bool:
    """True when the window of ``view`` is drawn event by event."""
    if len(view.positions) <= max_marks:
        return True
    low, high = view.window
    margin = (high - low) * 0.5
    return len(in_window(table, view.positions, low - margin, high + margin)) <= max_marks


LABEL_LIMIT = 40  # events in the window; past this many, marks and hovers only
LABEL_PLOT_PX = 640  # the narrowest the plot area is drawn on a desktop, in pixels
LABEL_CHAR_PX = 6.6  # an average character at 11 px
LABEL_CHARS = 26
LABEL_GAP = "\u2003"  # an em space: the text starts clear of its mark


def label_traces(table: EventTable, view: TimelineView, text: TimelineText,
                 marks: Sequence[dict[str, object]]) -> list[dict[str, object]]:
    """Short titles beside the marks in the window, when it holds few enough events to
    read them: greedily left to right within each lane, a title is written only where
    it meets no other (at the narrowest desktop width); the rest keep mark and hover."""
    if text.label is None:
        return []
    low, high = view.window
    shown = in_window(table, view.positions, low, high)
    if not shown or len(shown) > LABEL_LIMIT:
        return []
    px_per_ms = LABEL_PLOT_PX / max(high - low, 1.0)
    points: list[tuple[float, float, int]] = []
    for trace in marks:
        if trace.get("mode") != "markers":
            continue
        columns: Any = (trace["x"], trace["y"], trace["customdata"])
        points += [(float(x), float(y), int(p)) for x, y, p in zip(*columns, strict=True)
                   if low <= float(x) <= high]
    points.sort()
    marks_at: dict[int, list[float]] = defaultdict(list)  # lane -> its marks' pixels
    for x, y, _position in points:
        marks_at[round(y)].append((x - low) * px_per_ms)
    free_from: dict[int, float] = {}  # lane -> the first free pixel after its last label
    xs: list[float] = []
    ys: list[float] = []
    words: list[str] = []
    for x, y, position in points:
        title = _short(text.label(position), LABEL_CHARS)
        lane = round(y)
        mark = (x - low) * px_per_ms
        left = mark + 9  # clear of its own mark (11 px across)
        right = left + len(title) * LABEL_CHAR_PX
        if right > LABEL_PLOT_PX or left < free_from.get(lane, float("-inf")):
            continue
        if any(left - 7 <= other <= right + 7 for other in marks_at[lane] if other != mark):
            continue  # it would cover another mark
        free_from[lane] = right + 6
        xs.append(x)
        ys.append(y)
        words.append(LABEL_GAP + plain_text(title))
    if not words:
        return []
    return [{"type": "scatter", "x": xs, "y": ys, "mode": "text", "text": words,
             "textposition": "middle right", "hoverinfo": "skip", "showlegend": False,
             "textfont": {"size": 11, "color": "#323f4b"}, "cliponaxis": True,
             "name": "labels"}]


def _mark_traces(table: EventTable, positions: Sequence[int], lanes: Lanes,
                 text: TimelineText, window: tuple[float, float], webgl_from: int
                 ) -> list[dict[str, object]]:
    """Few traces (SVG, or WebGL past ``webgl_from`` marks): bars under spans (one per
    type and style), then the marks.

    Plotly's cost grows with the number of traces more than with points (92 traces of
    1,000 events took ~400 ms to draw), so every mark is in one of two traces (exact,
    hollow for approximate or uncertain) with a colour per point. Within a lane, marks
    that would overlap at this zoom go to one of three sub-rows. A span's mark sits at
    its middle and carries its hover and click; the bar itself is not hoverable, so
    each event's hover text is sent once.
    """
    width = window[1] - window[0]
    gap = width * 0.012
    offsets = (0.0, -0.26, 0.26)
    last_end: dict[int, list[float]] = defaultdict(lambda: [float("-inf")] * len(offsets))
    starts, ends, span, fuzzy, types = (table.start, table.end, table.span, table.fuzzy,
                                        table.type_index)
    colours = [t.colour for t in EVENT_TYPES]
    # (type, fuzzy) -> bar vertices; fuzzy -> marks (x, y, position, colour, size, hover)
    bars: dict[tuple[int, int], tuple[list[int | float | None], list[float | None]]] = {}
    marks: dict[int, tuple[list[int | float], list[float], list[int], list[str], list[int],
                           list[str]]] = {}
    for p in positions:
        first, last = starts[p], ends[p]
        is_span = span[p] == 1 and last - first > gap * 0.3
        centre = whole((first + last) // 2)
        left, right = (first, last) if is_span else (centre, centre)
        hover = text.hover(p)
        kind, vague = types[p], fuzzy[p]
        for lane in lanes.rows(p):
            ends_in_lane = last_end[lane]
            row = next((i for i, e in enumerate(ends_in_lane) if e + gap <= left),
                       min(range(len(offsets)), key=ends_in_lane.__getitem__))
            ends_in_lane[row] = right
            y = lane + offsets[row]
            if is_span:
                xs, ys = bars.setdefault((kind, vague), ([], []))
                xs += [whole(first), whole(last), None]
                ys += [y, y, None]
            mx, my, mp, mc, ms_, mh = marks.setdefault(vague, ([], [], [], [], [], []))
            mx.append(centre)
            my.append(y)
            mp.append(p)
            mc.append(colours[kind])
            ms_.append(7 if is_span else 11)
            mh.append(hover)
    kind_of_trace = "scattergl" if len(positions) > webgl_from else "scatter"
    traces: list[dict[str, object]] = []
    for (kind, vague), (xs, ys) in sorted(bars.items()):
        etype = EVENT_TYPES[kind]
        traces.append({
            "type": kind_of_trace, "x": xs, "y": ys, "mode": "lines", "hoverinfo": "skip",
            "name": text.type_labels.get(etype.id, etype.id), "showlegend": False,
            "connectgaps": False, "opacity": 0.5 if vague else 0.85,
            "line": {"color": etype.colour, "width": 7, "dash": "dot" if vague else "solid"}})
    for vague, (mx, my, mp, mc, ms_, mh) in sorted(marks.items()):
        traces.append({
            "type": kind_of_trace, "x": mx, "y": my, "customdata": mp, "mode": "markers",
            "name": text.approximate if vague else "", "showlegend": False,
            "hovertext": mh, "hoverinfo": "text",
            "marker": {"size": ms_, "color": mc, "symbol": "circle-open" if vague else "circle",
                       "line": {"width": 2, "color": mc}}})
    return traces


def _density_traces(table: EventTable, positions: Sequence[int], lanes: Lanes,
                    text: TimelineText, window: tuple[float, float], max_bins: int
                    ) -> list[dict[str, object]]:
    """All lanes in one heatmap: how many events start in each calendar bin.

    One trace, not one per lane: the browser draws a heatmap as an image, and each
    image costs the same whatever its size. Each lane keeps its own colour (its
    type's, in lanes by type) through a colour scale cut into one band per lane: lane
    ``i`` takes values in [i, i+1), darker for more events relative to the lane's
    busiest bin. The hover reads the true counts from ``text``.
    """
    unit = choose_unit(window[0], window[1], max_bins)
    first, last = bin_key_of(window[0], unit), bin_key_of(window[1], unit)
    width = last - first + 1
    per_lane = _lane_bin_counts(table, positions, lanes, unit)
    count = len(lanes)
    z: list[list[float | None]] = []
    counts: list[list[int | None]] = []
    names: list[list[str | None]] = []
    for lane, name in enumerate(lanes.labels):
        row = [per_lane[lane].get(first + i) for i in range(width)]
        peak = max((c for c in row if c), default=1)
        counts.append(row)
        names.append([plain_text(name) if c else None for c in row])
        z.append([round(lane + 0.08 + 0.9 * c / peak, 3) if c else None for c in row])
    if not any(any(row) for row in counts):
        return []
    scale: list[list[object]] = []
    for lane in range(count):
        colour = lanes.colours[lane] or NEUTRAL_COLOUR
        scale.append([lane / count, _tint(colour, 0.15)])
        scale.append([1.0 if lane == count - 1 else (lane + 1) / count - 1e-6, colour])
    edges = [date_ms(bin_start(first + i, unit)) for i in range(width + 1)]
    template = (f"<b>%{{customdata}}</b><br>%{{x|{text.period_formats.get(unit, '%Y')}}}<br>"
                "%{text}<extra></extra>")
    # Counts in words, plural forms and all, made here: Plotly's templates have neither.
    words = {c: plain_text(text.density_hover(c)) for row in counts for c in row if c}
    return [{
        "type": "heatmap", "x": edges, "y": list(range(count)), "z": z,
        "text": [[words[c] if c else None for c in row] for row in counts],
        "customdata": names,
        "zmin": 0, "zmax": count, "zauto": False, "colorscale": scale, "showscale": False,
        "ygap": 6, "hovertemplate": template, "hoverongaps": False, "name": "",
    }]


def _lane_bin_counts(table: EventTable, positions: Sequence[int], lanes: Lanes, unit: str
                     ) -> list[Counter[int]]:
    """Per lane, how many of ``positions`` start in each bin of ``unit``."""
    base = "day" if unit in ("day", "week") else "month"
    keys = table.ordinal if base == "day" else table.month
    if lanes.members is None:
        found: list[Counter[int]] = [Counter() for _ in lanes.keys]
        for p in positions:
            value = keys[p]
            for lane in lanes.rows(p):
                found[lane][value] += 1
        return [fold(c, base, unit) for c in found]
    chosen = set(positions)
    return [fold(Counter(map(keys.__getitem__, chosen.intersection(lanes.members(lane)))),
                  base, unit) for lane in range(len(lanes))]


def _tint(colour: str, strength: float) -> str:
    """``colour`` mixed with white: the faint end of a lane's density scale."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * strength) for c in (red, green, blue)]
    return f"rgb({mix[0]},{mix[1]},{mix[2]})"


NO_SELECTION: dict[str, object] = {
    "type": "line", "visible": False, "xref": "paper", "yref": "paper", "x0": 0, "x1": 0,
    "y0": 0, "y1": 0, "name": "selection"}


def selection_shapes(table: EventTable, position: int | None, colour: str = "#111827"
                     ) -> list[dict[str, object]]:
    """A band over the selected event's span, drawn over every lane."""
    if position is None or not 0 <= position < len(table):
        return [dict(NO_SELECTION)]
    first, last = table.start[position], table.end[position]
    if table.span[position] == 0:
        middle = (first + last) / 2
        return [{"type": "line", "xref": "x", "yref": "paper", "x0": middle, "x1": middle,
                 "y0": 0, "y1": 1, "line": {"color": colour, "width": 1.5, "dash": "dash"},
                 "name": "selection"}]
    return [{"type": "rect", "xref": "x", "yref": "paper", "x0": first, "x1": last,
             "y0": 0, "y1": 1, "line": {"width": 0}, "fillcolor": "rgba(17,24,39,0.10)",
             "layer": "below", "name": "selection"}]


