"""The events map in a real Chromium: reached from the timeline with its view, filtered
in the URL, a marker opening its event, in English, Spanish and at a phone's width."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from browser_kit import free_port, wait_for_timeline, wait_until
from conftest import REPO
from timeline.app import AppSettings, create_app
from timeline.validate.loader import load_dataset

pytestmark = pytest.mark.browser


@pytest.fixture
def app() -> Any:
    return create_app(load_dataset(REPO / "events").dataset,
                      AppSettings(today=date(2025, 11, 3)))


def open_page(dash_duo: Any, app: Any, path: str, width: int = 1280) -> None:
    dash_duo.driver.set_window_size(width, 900)
    dash_duo.start_server(app, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + path)


def query(dash_duo: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(dash_duo.driver.current_url).query)


def markers(dash_duo: Any) -> list[Any]:
    return dash_duo.find_elements("#map-graph .scattergeo .point")


def no_errors(dash_duo: Any) -> None:
    assert [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"] == []


def test_from_the_timeline_to_the_map_and_a_marker(dash_duo: Any, app: Any) -> None:
    open_page(dash_duo, app, "/?country=MX")
    wait_for_timeline(dash_duo.driver)
    link = dash_duo.find_element("#timeline-map-link")
    wait_until(lambda: "country=MX" in (link.get_attribute("href") or ""), 15,
               message="the map link carries the view")
    link.click()
    dash_duo.wait_for_text_to_equal("#map-title", "Events on the map")
    assert query(dash_duo) == {"country": ["MX"]}
    wait_until(lambda: len(markers(dash_duo)) > 0, 20, message="markers drawn")
    count = dash_duo.find_element("#map-count").text
    assert "of the 20 events in this view have coordinates" in count
    # The search writes the address; the map and the count follow.
    dash_duo.find_element("#map-search").send_keys("encampment")
    wait_until(lambda: query(dash_duo).get("q") == ["encampment"], 15, message="q in the URL")
    wait_until(lambda: dash_duo.find_element("#map-count").text.startswith("1 of the 1 "),
               15, message="one event left")
    wait_until(lambda: len(markers(dash_duo)) == 1, 15, message="one marker")
    # Plotly's geo layer takes the pointer: hover the marker, then click where it is.
    ActionChains(dash_duo.driver).move_to_element(markers(dash_duo)[0]).pause(0.2).click(
        ).perform()
    wait_until(lambda: query(dash_duo).get("event") == [
        "2024-05-02-unam-encampment-demands-break-with-israel"], 15,
        message="the selection is in the URL")
    detail = dash_duo.find_element("#map-detail")
    wait_until(lambda: "UNAM students set up an encampment" in detail.text, 15,
               message="the event's detail opens")
    assert "Andrés Manuel López Obrador: declines to take a position" in detail.text
    # Back to the timeline with the same view.
    back = dash_duo.find_element("#map-timeline-link")
    assert "q=encampment" in back.get_attribute("href")
    back.click()
    wait_for_timeline(dash_duo.driver)
    assert query(dash_duo)["q"] == ["encampment"] and query(dash_duo)["country"] == ["MX"]
    no_errors(dash_duo)


def test_the_map_in_spanish_on_a_phone_draws_from_the_package(dash_duo: Any,
                                                               app: Any) -> None:
    open_page(dash_duo, app, "/map?type=march&lang=es", width=390)
    dash_duo.wait_for_text_to_equal("#map-title", "Eventos en el mapa")
    wait_until(lambda: len(markers(dash_duo)) > 0, 20, message="markers drawn")
    assert "1 de los 1 eventos de esta vista" in dash_duo.find_element("#map-count").text
    width = dash_duo.driver.execute_script(
        "return [document.documentElement.clientWidth, document.documentElement.scrollWidth]")
    assert width[1] <= width[0]
    # The world's geometry comes from the app itself, never another site.
    names = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) {return e.name;})")
    assert any("/assets/topojson/world_110m.json" in n for n in names)
    assert all(n.startswith(dash_duo.server_url) for n in names), names
    legend = [e.text for e in dash_duo.driver.find_elements(By.CSS_SELECTOR,
                                                            "#map-graph .legendtext")]
    assert "Marcha" in legend
    no_errors(dash_duo)
