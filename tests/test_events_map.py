"""The events map without a browser: places, the figure, the page's view and its clicks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from browser_kit import write_dataset
from timeline.app import AppSettings, create_app
from timeline.app.context import AppContext, build_context
from timeline.app.pages import map as map_page
from timeline.figures.events_map import events_map_figure, group_places, located
from timeline.i18n.catalogue import translator
from timeline.model import Dataset
from timeline.validate.loader import load_dataset
from tracker_data import event, load, tracker_folder


def place(lat: float, lon: float) -> dict[str, Any]:
    return {"location": {"name": "Somewhere", "lat": lat, "lon": lon}}


@pytest.fixture
def dataset(tmp_path: Path) -> Dataset:
    return load(tracker_folder(tmp_path / "data", [
        event("2025-01-01-a", "2025-01-01", "march", ["MX"], **place(19.4326, -99.1332)),
        event("2025-01-02-b", "2025-01-02", "march", ["MX"], **place(19.4329, -99.1331)),
        event("2025-01-03-c", "2025-01-03", "statement", ["MX"], **place(19.4331, -99.1335)),
        event("2025-01-04-d", "2025-01-04", "sit-in", ["MX"],
              title={"en": "<b>Sit-in</b> at UNAM", "es": "Plantón"}, **place(19.33, -99.19)),
        event("2025-01-05-e", "2025-01-05", "march", ["AR"]),  # no coordinates
    ]))


def test_places_group_nearby_events_with_a_count(dataset: Dataset) -> None:
    places = group_places(dataset.events)
    assert [(p.count, p.type, p.newest.id) for p in places] == [
        (3, "march", "2025-01-03-c"), (1, "sit-in", "2025-01-04-d")]
    assert len(located(dataset.events)) == 4


def test_the_figure_draws_a_marker_per_place_coloured_by_type(dataset: Dataset) -> None:
    t = translator("es")
    figure = events_map_figure(group_places(dataset.events), "es", t, "2025-01-04-d")
    traces = {trace.name: trace for trace in figure.data}
    assert set(traces) == {"Marcha", "Plantón"}
    march = traces["Marcha"]
    assert list(march.text) == ["3"] and list(march.customdata) == ["2025-01-03-c"]
    assert march.marker.color == "#e15759"
    assert list(traces["Plantón"].marker.line.width) == [3]  # the selected place
    assert "3 eventos aquí" in march.hovertext[0]
    layout = figure.to_plotly_json()["layout"]
    assert "mapbox" not in layout and layout["geo"]["fitbounds"] == "locations"
    english = events_map_figure(group_places(dataset.events), "en", translator("en"))
    sit_in = next(t for t in english.data if t.name == "Sit-in")
    assert "<b>Sit-in</b>" not in sit_in.hovertext[0]  # record text is escaped for Plotly


def test_an_empty_view_is_the_whole_world() -> None:
    figure = events_map_figure([], "en", translator("en"))
    assert figure.data == () and list(figure.layout.geo.lonaxis.range) == [-180, 180]


@pytest.fixture
def context(tmp_path: Path) -> AppContext:
    dataset = load_dataset(write_dataset(tmp_path / "app")).dataset
    create_app(dataset)  # the assets' URLs are the app's
    return build_context(dataset, AppSettings(today=date(2026, 1, 15)))


def test_the_view_follows_the_filters(context: AppContext) -> None:
    filters = context.filters("country=MX&lang=es")
    figure, count, detail, back, query = map_page.view(context, filters, "es")
    assert back == "/?country=MX&lang=es" and query == "?country=MX&lang=es"
    assert count.startswith("1 de los 5 eventos de esta vista tienen coordenadas")
    chosen = replace(filters, event="2025-05-21-march-in-mexico-city")
    _, _, detail, back, _ = map_page.view(context, chosen, "es")
    assert "event=2025-05-21-march-in-mexico-city" in back
    assert "Marcha en la Ciudad de México" in str(detail)


def test_a_click_carries_the_event_id() -> None:
    assert map_page.clicked({"points": [{"customdata": "2025-05-21-x"}]}) == "2025-05-21-x"
    for junk in (None, {}, {"points": []}, {"points": [{"customdata": 3}]}, "x"):
        assert map_page.clicked(junk) is None
