"""The momentum chart: how many events start in each period, stacked by type.

Pure: the drawing table and positions in, a ``go.Figure`` out; no Dash, no I/O.
"""

from __future__ import annotations

import html as html_text
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from timeline.figures.shared import (
    DAY_MS,
    FONT,
    TYPE_STRIDE,
    EventTable,
    bin_start,
    date_ms,
    extent,
    fold,
    separators,
)
from timeline.vocab import EVENT_TYPES


@dataclass(frozen=True, slots=True)
class MomentumText:
    type_labels: Mapping[str, str]
    count_hover: Callable[[int], str]  # a count in words: 1 -> "1 event", 5 -> "5 events"
    period_formats: Mapping[str, str]
    empty: str


def momentum_unit(low: float, high: float) -> str:
    """Weeks for a few months, months for up to ten years, years beyond."""
    days = (high - low) / DAY_MS
    if days <= 190:
        return "week"
    if days <= 3660:
        return "month"
    if days <= 3652.5 * 40:
        return "year"
    return "decade"


def momentum_figure(table: EventTable, positions: Sequence[int], text: MomentumText, *,
                    unit: str | None = None, height: int = 210, locale: str = "en"
                    ) -> go.Figure:
    """Events per week, month or year (as the range suggests), stacked by type.

    Drawn as stacked steps (one filled area per type, flat over each period) rather
    than bars: the same picture, but one shape per type instead of one per type and
    period, which halves the browser's drawing time at 100,000 events. Hovering a
    period lists every type's count in it.
    """
    layout: dict[str, object] = dict(
        height=height, margin={"l": 8, "r": 8, "t": 8, "b": 8},
        paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="#ffffff", showlegend=False,
        font={"family": FONT, "size": 12, "color": "#1f2933"},
        hovermode="x", separators=separators(locale),
        hoverlabel={"bgcolor": "#ffffff"},
        xaxis={"type": "date", "automargin": True, "linecolor": "#9aa5b1",
               "hoverformat": text.period_formats.get(unit or "", "")},
        yaxis={"automargin": True, "gridcolor": "#e4e7eb", "rangemode": "tozero",
               "fixedrange": True})
    bounds = extent(table, positions)
    if bounds is None:
        layout["annotations"] = [{"text": text.empty, "showarrow": False, "xref": "paper",
                                  "yref": "paper", "x": 0.5, "y": 0.5}]
        return go.Figure(layout=layout, _validate=False)
    unit = unit or momentum_unit(*bounds)
    layout["xaxis"]["hoverformat"] = text.period_formats.get(unit, "%Y")  # type: ignore[index]
    traces = momentum_traces(table, positions, text, unit)
    return go.Figure(data=traces, layout=layout, _validate=False)


def momentum_counts(table: EventTable, positions: Sequence[int], unit: str
                    ) -> dict[int, Counter[int]]:
    """Per type index, how many of ``positions`` start in each bin of ``unit``."""
    base = "day" if unit in ("day", "week") else "month"
    packed = table.type_ordinal if base == "day" else table.type_month
    counts: Counter[int] = Counter(map(packed.__getitem__, positions))
    by_type: dict[int, Counter[int]] = defaultdict(Counter)
    for key, count in counts.items():
        kind, value = divmod(key, TYPE_STRIDE)
        by_type[kind][value] += count
    return {kind: fold(found, base, unit) for kind, found in by_type.items()}


def momentum_traces(table: EventTable, positions: Sequence[int], text: MomentumText,
                    unit: str) -> list[dict[str, object]]:
    """Stacked steps per type, and one invisible trace whose hover sums up a period."""
    by_type = momentum_counts(table, positions, unit)
    first = min(min(found) for found in by_type.values())
    last = max(max(found) for found in by_type.values())
    bins = range(first, last + 1)
    starts = [date_ms(bin_start(b, unit)) for b in bins]
    # every period's start, then the end of the last one, where the steps close
    x = [*starts, date_ms(bin_start(last + 1, unit))]
    traces: list[dict[str, object]] = []
    for kind in sorted(by_type):
        etype = EVENT_TYPES[kind]
        found = by_type[kind]
        y = [found.get(b, 0) for b in bins]
        traces.append({
            "type": "scatter", "mode": "lines", "x": x, "y": [*y, y[-1]],
            "stackgroup": "types", "line": {"shape": "hv", "width": 0},
            "fillcolor": etype.colour, "name": text.type_labels.get(etype.id, etype.id),
            "hoverinfo": "skip"})
    totals, notes = [], []
    for b in bins:
        ranked = sorted(((by_type[k].get(b, 0), k) for k in by_type), reverse=True)
        total = sum(count for count, _ in ranked)
        totals.append(total)
        parts = [f"{text.type_labels.get(EVENT_TYPES[k].id, EVENT_TYPES[k].id)} {count}"
                 for count, k in ranked[:6] if count]
        notes.append(f"<b>{html_text.escape(text.count_hover(total), quote=False)}</b><br>"
                     + html_text.escape(" · ".join(parts), quote=False))
    centres = [(a + b) // 2 for a, b in zip(x, x[1:], strict=False)]
    traces.append({
        "type": "scatter", "mode": "markers", "x": centres, "y": totals, "text": notes,
        "marker": {"size": 1, "opacity": 0}, "name": "", "showlegend": False,
        "hovertemplate": f"%{{x|{text.period_formats.get(unit, '%Y')}}}<br>%{{text}}"
                         "<extra></extra>"})
    return traces
