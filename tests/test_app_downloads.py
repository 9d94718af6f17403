"""The timeline page's "Download" control in a real browser: its links carry the view,
follow it when the filters change, and download exactly the events on screen."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest
import requests

from browser_kit import free_port, wait_for_timeline, wait_until
from conftest import DATA
from timeline.app import AppSettings, create_app
from timeline.validate.loader import load_dataset

pytestmark = pytest.mark.browser


def href(dash_duo: Any, name: str) -> str:
    return str(dash_duo.find_element(f"#timeline-download-{name}").get_attribute("href"))


def test_download_links_carry_and_follow_the_view(dash_duo: Any) -> None:
    app = create_app(load_dataset(DATA / "valid").dataset, AppSettings(today=date(2025, 6, 1)))
    dash_duo.start_server(app, port=free_port())
    base = dash_duo.server_url
    dash_duo.driver.get(base + "/?type=march&type=hunger-strike")
    dash_duo.wait_for_text_to_equal("#timeline-count", "2 of 5 events", timeout=20)
    wait_for_timeline(dash_duo.driver)
    feed = dash_duo.driver.execute_script(
        "var l = document.querySelector('link[rel=alternate][type=\"application/atom+xml\"]');"
        "return l && l.getAttribute('href');")
    assert feed == "/feeds/events.atom"
    dash_duo.find_element("#timeline-download summary").click()
    link = href(dash_duo, "csv")
    assert link == base + "/export/events.csv?type=march&type=hunger-strike"
    assert href(dash_duo, "atom") == base + "/feeds/events.atom?type=march&type=hunger-strike"
    answer = requests.get(link, timeout=10)
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == ["2025-05-21-march-in-mexico-city",
                                       "2025-05-hunger-strike"]
    dash_duo.find_element("#timeline-reset").click()
    dash_duo.wait_for_text_to_equal("#timeline-count", "5 of 5 events")
    wait_until(lambda: href(dash_duo, "csv") == base + "/export/events.csv", 10,
               message="the CSV link without filters")
    assert href(dash_duo, "timelinejs") == base + "/export/events.timelinejs.json"
    errors = [entry for entry in dash_duo.get_logs() if entry["level"] == "SEVERE"]
    assert errors == []


def test_event_pictures_load_lazily_from_this_site(dash_duo: Any) -> None:
    from conftest import REPO

    march = "2025-10-07-march-for-palestine-mexico-city"
    app = create_app(load_dataset(REPO / "events").dataset,
                     AppSettings(today=date(2025, 11, 1)))
    dash_duo.start_server(app, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + f"/?event={march}")
    dash_duo.wait_for_element("#timeline-detail .media-image", timeout=20)
    script = """
        var image = document.querySelector('#timeline-detail .media-image');
        return image && [image.getAttribute('src'), image.getAttribute('loading'),
                         image.complete && image.naturalWidth, image.alt];"""
    wait_until(lambda: (dash_duo.driver.execute_script(script) or [0, 0, 0])[2], 15,
               message="the map drawn in the detail panel")
    src, loading, width, alt = dash_duo.driver.execute_script(script)
    assert (src, loading, width) == ("/media/maps/2025-10-07-march-start.png", "lazy", 640)
    assert alt.startswith("Map of Mexico")
    link = dash_duo.find_element("#timeline-detail .media-links a")
    assert link.get_attribute("href").startswith("https://www.eluniversal.com.mx/")
    origins = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(function(r) {"
        " return new URL(r.name).origin; });")
    assert set(origins) == {dash_duo.server_url}
    errors = [entry for entry in dash_duo.get_logs() if entry["level"] == "SEVERE"]
    assert errors == []
