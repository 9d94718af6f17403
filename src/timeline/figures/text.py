"""The words the figures show in a reader's language: an event's hover, the counts,
the empty chart, the period formats. Built here from the catalogues and the dataset's
names, so the builders stay free of words."""

from __future__ import annotations

import html as html_text
from collections.abc import Callable

from timeline.figures.momentum import MomentumText
from timeline.figures.timeline import TimelineText
from timeline.i18n.catalogue import translator, type_label
from timeline.model import Event
from timeline.query.labels import country_label, event_date, event_title
from timeline.vocab import EVENT_TYPES

# Plotly d3 time formats of a density or momentum bin, per unit (month names come
# from the Plotly locale that i18n.plotly_locale passes in each graph's config).
PERIOD_FORMATS = {"day": "%-d %b %Y", "week": "%-d %b %Y", "month": "%B %Y",
                  "quarter": "%b %Y", "year": "%Y", "decade": "%Y"}


def event_hover(event: Event, language: str) -> str:
    """An event's hover text, escaped for Plotly: its title over a few lines, its date
    and type, its countries."""
    countries = ", ".join(country_label(c, language) for c in event.countries)
    lines = [f"<b>{line}</b>" for line in wrap(event_title(event, language))]
    lines.append(html_text.escape(f"{event_date(event, language)} · "
                                  f"{type_label(event.type, language)}", quote=False))
    if countries:
        lines.append(html_text.escape(countries, quote=False))
    return "<br>".join(lines)


def figure_texts(language: str, hover: Callable[[int], str],
                 label: Callable[[int], str] | None = None
                 ) -> tuple[TimelineText, MomentumText]:
    """The timeline's and the momentum chart's words; ``hover`` gives a position's, and
    ``label`` its title to write beside its mark (None: no labels)."""
    t = translator(language)
    types = {etype.id: type_label(etype.id, language) for etype in EVENT_TYPES}
    return (
        TimelineText(hover=hover, type_labels=types,
                     density_hover=lambda count: t("timeline.density_hover", count=count),
                     empty=t("timeline.empty"), period_formats=PERIOD_FORMATS,
                     label=label),
        MomentumText(type_labels=types,
                     count_hover=lambda count: t("timeline.momentum_hover", count=count),
                     period_formats=PERIOD_FORMATS, empty=t("timeline.empty")))


def wrap(title: str, width: int = 60, lines: int = 3) -> list[str]:
    """A long title over a few escaped lines, so a hover box stays readable."""
    words, out, line = title.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1] + "…"
    return [html_text.escape(part, quote=False) for part in out]

