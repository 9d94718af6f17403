"""The export formats by name: how to render each, its media type and file extension.

The CLI (``timeline export --format``) and the app's download routes both read this
table, so a format added here is offered in both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from timeline.model import Dataset, Event
from timeline.output.calendar import to_ics
from timeline.output.event_feed import to_atom
from timeline.output.exports import to_json
from timeline.output.geojson import to_geojson
from timeline.output.options import ExportOptions
from timeline.output.tabular import to_csv
from timeline.output.timelinejs import to_timelinejs

Render = Callable[[Dataset, Iterable[Event], ExportOptions], str]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    render: Render
    media_type: str
    extension: str  # of the downloaded file, after "events"


def _json(dataset: Dataset, events: Iterable[Event], options: ExportOptions) -> str:
    return to_json(dataset, events)


def _atom(dataset: Dataset, events: Iterable[Event], options: ExportOptions) -> str:
    return to_atom(dataset, events, options)


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("json", _json, "application/json; charset=utf-8", ".json"),
    ExportFormat("csv", to_csv, "text/csv; charset=utf-8; header=present", ".csv"),
    ExportFormat("ics", to_ics, "text/calendar; charset=utf-8", ".ics"),
    ExportFormat("atom", _atom, "application/atom+xml; charset=utf-8", ".atom"),
    ExportFormat("geojson", to_geojson, "application/geo+json; charset=utf-8", ".geojson"),
    ExportFormat("timelinejs", to_timelinejs, "application/json; charset=utf-8",
                 ".timelinejs.json"),
)}


def render_export(name: str, dataset: Dataset, events: Iterable[Event],
                  options: ExportOptions) -> str:
    """The export of ``events`` in format ``name`` (a key of :data:`FORMATS`)."""
    return FORMATS[name].render(dataset, events, options)
