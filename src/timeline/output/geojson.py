"""GeoJSON (RFC 7946): the events that have coordinates, as points with their main fields.

Positions are ``[longitude, latitude]`` in WGS 84, as the RFC requires; events without
both coordinates are left out (a map cannot place them).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from timeline.dates import iso
from timeline.model import Dataset, Event, localise
from timeline.output.options import ExportOptions


def feature(event: Event, language: str, options: ExportOptions) -> dict[str, Any] | None:
    location = event.location
    if location is None or location.lat is None or location.lon is None:
        return None
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [location.lon, location.lat]},
        "properties": {
            "id": event.id, "title": localise(event.title, language, event.id),
            "date": event.date.text, "start": iso(event.date.start),
            "end": iso(event.date.end), "type": event.type,
            "countries": list(event.countries), "actors": list(event.actors),
            "place": location.name, "link": options.event_url(event.id),
        },
    }


def to_geojson(dataset: Dataset, events: Iterable[Event], options: ExportOptions) -> str:
    """A FeatureCollection of Points."""
    language = options.language or dataset.settings.default_language
    features = [f for f in (feature(e, language, options) for e in events) if f is not None]
    document = {"type": "FeatureCollection", "features": features}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
