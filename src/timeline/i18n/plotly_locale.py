"""Plotly's words and date formats in the reader's language, passed in each graph's
config (Plotly's ``locales`` option), so nothing has to be fetched or registered.

The words come from the locale catalogues (``plotly.*`` keys); month and day names,
the short date and the number marks from CLDR through Babel. English is Plotly's own,
so a new language needs no code here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from babel.dates import get_day_names, get_month_names

from timeline.i18n.catalogue import cldr_locale, translator
from timeline.i18n.cldr import separators

# Plotly's own English phrases (its dictionary's keys) and our catalogue keys for them.
PLOTLY_PHRASES: dict[str, str] = {
    "Autoscale": "plotly.autoscale",
    "Box Select": "plotly.box_select",
    "Double-click to zoom back out": "plotly.double_click",
    "Download plot as a png": "plotly.download_png",
    "Download plot": "plotly.download",
    "Pan": "plotly.pan",
    "Reset axes": "plotly.reset_axes",
    "Zoom": "plotly.zoom",
    "Zoom in": "plotly.zoom_in",
    "Zoom out": "plotly.zoom_out",
    "Click to enter Colorscale title": "plotly.colorscale_title",
}
_D3 = {"dd": "%d", "d": "%-d", "MM": "%m", "M": "%-m", "yyyy": "%Y", "yy": "%y", "y": "%Y"}
_LANGUAGES = 32


def _d3_date(pattern: str) -> str:
    """CLDR's short date pattern (``dd/MM/y``) as a d3 time format (``%d/%m/%Y``)."""
    return re.sub(r"d+|M+|y+|'[^']*'", lambda m: (
        m.group(0).strip("'") if m.group(0).startswith("'") else _D3.get(m.group(0),
                                                                          m.group(0))),
        pattern)


@lru_cache(maxsize=_LANGUAGES)
def plotly_locale(language: str) -> dict[str, Any]:
    """The ``locales`` entry of ``language`` for a graph's config."""
    t = translator(language)
    locale = cldr_locale(language)
    months = get_month_names("wide", "format", locale)
    short_months = get_month_names("abbreviated", "format", locale)
    days = get_day_names("wide", "format", locale)
    short_days = get_day_names("abbreviated", "format", locale)
    marks = separators(str(locale))
    # CLDR numbers days from Monday (0); d3 from Sunday.
    sunday_first = [6, 0, 1, 2, 3, 4, 5]
    return {
        "dictionary": {phrase: t(key) for phrase, key in PLOTLY_PHRASES.items()},
        "format": {
            "days": [days[i] for i in sunday_first],
            "shortDays": [short_days[i].rstrip(".") for i in sunday_first],
            "months": [months[i] for i in range(1, 13)],
            "shortMonths": [short_months[i].rstrip(".") for i in range(1, 13)],
            "date": _d3_date(locale.date_formats["short"].pattern),
            "decimal": marks[0],
            "thousands": marks[1:],
        },
    }


def graph_config(language: str, **extra: Any) -> Any:
    """A ``dcc.Graph`` config in ``language``: local words, no logo, fewer buttons.

    (A plain mapping; typed ``Any`` because Dash types the argument as its own
    TypedDict, which a mapping built here cannot name.)
    """
    config: dict[str, Any] = {
        "displaylogo": False, "responsive": True, "locale": language,
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines",
                                   "hoverClosestCartesian", "hoverCompareCartesian"],
    }
    if language != "en":
        config["locales"] = {language: plotly_locale(language)}
    config.update(extra)
    return config
