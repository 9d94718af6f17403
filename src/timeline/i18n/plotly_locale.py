"""Plotly's words and date formats in the reader's language, passed in each graph's
config (Plotly's ``locales`` option), so nothing has to be fetched or registered.

English is Plotly's own; a third language adds one entry here.
"""

from __future__ import annotations

from typing import Any

PLOTLY_LOCALES: dict[str, dict[str, Any]] = {
    "es": {
        "dictionary": {
            "Autoscale": "Autoescalar",
            "Box Select": "Seleccionar caja",
            "Double-click to zoom back out": "Doble clic para alejar",
            "Download plot as a png": "Descargar el gráfico como png",
            "Download plot": "Descargar el gráfico",
            "Pan": "Desplazar",
            "Reset axes": "Restablecer ejes",
            "Zoom": "Zoom",
            "Zoom in": "Acercar",
            "Zoom out": "Alejar",
            "Click to enter Colorscale title": "Clic para el título de la escala",
        },
        "format": {
            "days": ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes",
                     "sábado"],
            "shortDays": ["dom", "lun", "mar", "mié", "jue", "vie", "sáb"],
            "months": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
                       "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            "shortMonths": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep",
                            "oct", "nov", "dic"],
            "date": "%d/%m/%Y",
            "decimal": ",",
            "thousands": ".",
        },
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
    if language in PLOTLY_LOCALES:
        config["locales"] = {language: PLOTLY_LOCALES[language]}
    config.update(extra)
    return config
