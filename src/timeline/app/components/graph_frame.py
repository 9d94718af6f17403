"""A chart's box, the size of the drawn chart before it draws.

``dcc.Graph`` takes no room until its code and Plotly's have loaded and drawn, so
everything below a chart moved down when it appeared (a layout shift). The frame
reserves the chart's height (its ``style`` height, else its figure's) until Plotly has
drawn (see ``.graph-frame`` in timeline.css), then fits whatever the chart becomes.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html

DEFAULT_HEIGHT = 450  # Plotly's, for a figure that names none


def graph_height(graph: dcc.Graph) -> str:
    """The CSS height ``graph`` will draw at."""
    style: Any = getattr(graph, "style", None) or {}
    if style.get("height"):
        height = style["height"]
        return f"{height}px" if isinstance(height, int | float) else str(height)
    figure: Any = getattr(graph, "figure", None) or {}
    layout = figure.get("layout", {}) if isinstance(figure, dict) else getattr(
        figure, "layout", None)
    height = (layout.get("height") if isinstance(layout, dict)
              else getattr(layout, "height", None)) if layout is not None else None
    return f"{int(height or DEFAULT_HEIGHT)}px"


def graph_frame(graph: dcc.Graph) -> html.Div:
    """``graph`` in a box that keeps its height until it has drawn."""
    return html.Div(graph, className="graph-frame", style={"--graph-height": graph_height(graph)})
