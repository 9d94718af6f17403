"""The first screen in headless Chromium: the server's page is readable before any
script runs, Dash takes it over without moving anything, every chart draws with the
app's partial Plotly bundle, and the focus follows the event detail."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.common.keys import Keys

import browser_kit
from browser_kit import (
    free_port,
    tap,
    wait_for_app,
    wait_for_load,
    wait_for_timeline,
    wait_until,
    write_dataset,
)
from conftest import REPO
from timeline.app import create_app
from timeline.validate.loader import load_dataset

pytestmark = pytest.mark.browser

ECUADOR = "2024-04-05-mexico-breaks-relations-with-ecuador"

# Where the things below the charts are, and what the reader came for.
POSITIONS = """
function top(selector) {
    var found = document.querySelector(selector);
    return found ? Math.round(found.getBoundingClientRect().top + window.scrollY) : null;
}
return {count: top('#timeline-count'), momentum: top('#timeline-momentum-title'),
        list: top('#timeline-list-title'), detail: top('#timeline-detail h2'),
        countText: (document.querySelector('#timeline-count') || {}).textContent,
        detailText: (document.querySelector('#timeline-detail h2') || {}).textContent,
        rows: document.querySelectorAll('#timeline-rows tr').length};
"""

GRAPHS_DRAWN = """
var graphs = document.querySelectorAll('.dash-graph');
if (!graphs.length) { return false; }
return Array.prototype.every.call(graphs, function (graph) {
    var plot = graph.classList.contains('js-plotly-plot') ? graph
        : graph.querySelector('.js-plotly-plot');
    return plot && plot._fullData && plot._fullData.length > 0 && plot.querySelector('.main-svg');
}) ? graphs.length : false;
"""


def serve(dash_duo: Any, folder: Path) -> None:
    app = create_app(load_dataset(folder).dataset)
    dash_duo.start_server(app, port=free_port())


def resources(dash_duo: Any) -> list[str]:
    return list(dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (r) { return r.name; })"))


def severe(dash_duo: Any) -> list[Any]:
    return [entry for entry in dash_duo.get_logs() if entry["level"] == "SEVERE"]


def test_server_page_is_readable_first_then_dash_takes_over_in_place(
        dash_duo: Any, tmp_path: Path) -> None:
    serve(dash_duo, write_dataset(tmp_path / "data"))
    driver = dash_duo.driver
    url = f"{dash_duo.server_url}/?event={ECUADOR}"
    # no script at all: what the reader (or a crawler, or a slow phone) sees first
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    driver.get(url)
    wait_for_load(driver, 15, "the page without scripts")
    before = driver.execute_script(POSITIONS)
    assert driver.find_elements("css selector", "#server-page")
    assert before["countText"] == "6 of 6 events"
    assert before["detailText"] == "Mexico breaks relations with Ecuador"
    assert before["rows"] == 6
    assert driver.title.startswith("Mexico breaks relations with Ecuador")

    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    driver.execute_script("""
        window.__shifts = 0;
        new PerformanceObserver(function (list) {
            list.getEntries().forEach(function (e) {
                if (!e.hadRecentInput) { window.__shifts += e.value; } });
        }).observe({type: 'layout-shift', buffered: true});
    """)
    driver.get(url)
    wait_for_app(driver)
    wait_for_timeline(driver)
    wait_until(lambda: driver.execute_script(GRAPHS_DRAWN) == 2, 30, message="both charts")
    after = driver.execute_script(POSITIONS)
    assert not driver.find_elements("css selector", "#server-page")
    # the same page, in the same place: the charts' room was kept while they loaded
    for key in ("count", "detail", "momentum", "list"):
        assert abs(after[key] - before[key]) <= 2, (key, before, after)
    assert after["countText"] == before["countText"] and after["rows"] == before["rows"]
    shifts = driver.execute_script("""
        var total = 0;
        performance.getEntriesByType('layout-shift').forEach(function (e) {
            if (!e.hadRecentInput) { total += e.value; } });
        return total;
    """)
    assert shifts <= 0.1
    # the page needed no callback to show: the layout Dash fetched held it already
    assert not [r for r in resources(dash_duo) if "_dash-update-component" in r]
    assert severe(dash_duo) == []


@pytest.mark.parametrize("path", ["/", "/relations", "/campaigns/break-ties",
                                  "/actors/teachers-union"])
def test_every_chart_draws_with_the_partial_plotly(dash_duo: Any, tmp_path: Path,
                                                   path: str) -> None:
    """Dash pages load the app's partial Plotly; pages without callbacks are served
    without Dash and draw their charts with the basic bundle once they are in view."""
    serve(dash_duo, write_dataset(tmp_path / "data"))
    dash_duo.driver.get(dash_duo.server_url + path)
    wait_for_app(dash_duo.driver)
    static = path != "/" and path != "/relations"
    if static:
        dash_duo.driver.execute_script(
            "document.querySelector('.dash-graph').scrollIntoView();")
    assert wait_until(lambda: dash_duo.driver.execute_script(GRAPHS_DRAWN), 30,
                      message=f"the charts of {path}")
    fetched = resources(dash_duo)
    bundle = "plotly-basic.min.js" if static else "plotly-partial.min.js"
    assert [r for r in fetched if r.endswith("/" + bundle)]
    assert not [r for r in fetched if "plotly.min.js" in r or "polyfill" in r]
    if static:  # no Dash at all, and only the smaller bundle
        assert not [r for r in fetched if "dash_renderer" in r or "react" in r or
                    r.endswith("/plotly-partial.min.js")]
    traces = dash_duo.driver.execute_script("return Object.keys(window.Plotly.PlotSchema"
                                            ".get().traces).sort()")
    entry = (REPO / "tools" / "static-js" / ("entry-basic.js" if static else "entry.js")
             ).read_text()
    registered = set(re.findall(r'require\("plotly\.js/lib/(\w+)"\)', entry)) - {"core"}
    assert traces == sorted(registered)
    assert severe(dash_duo) == []


def test_the_detail_takes_the_focus_and_gives_it_back(dash_duo: Any, tmp_path: Path) -> None:
    serve(dash_duo, write_dataset(tmp_path / "data"))
    wait_for_app(dash_duo.driver)
    wait_for_timeline(dash_duo.driver)
    detail = dash_duo.find_element("#timeline-detail")
    assert not detail.is_displayed()  # no event: the panel takes no room
    row = next(link for link in dash_duo.find_elements("#timeline-rows .row-link")
               if link.text == "Mexico breaks relations with Ecuador")
    href = row.get_attribute("href")
    row.send_keys(Keys.ENTER)
    dash_duo.wait_for_text_to_equal("#timeline-detail h2", "Mexico breaks relations with Ecuador")
    wait_until(lambda: dash_duo.driver.switch_to.active_element.get_attribute("id")
               == "timeline-detail", 10, message="the focus on the detail")
    dash_duo.find_element("#timeline-detail .detail-close").send_keys(Keys.ENTER)
    wait_until(lambda: dash_duo.driver.switch_to.active_element.get_attribute("href") == href,
               10, message="the focus back on the row")
    assert not dash_duo.find_element("#timeline-detail").is_displayed()
    assert severe(dash_duo) == []


DASH_STARTED = "return typeof window.DashRenderer !== 'undefined'"
TAKEN_OVER = "return " + browser_kit.TAKEN_OVER


def test_dash_waits_for_the_reader_and_gives_back_what_they_reached_for(
        dash_duo: Any, tmp_path: Path) -> None:
    serve(dash_duo, write_dataset(tmp_path / "data"))
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/")
    # the page, its chart drawn by Plotly alone; none of Dash's code has run
    wait_until(lambda: driver.execute_script(
        "return !!document.querySelector('#server-page #timeline-graph .main-svg')"), 30,
        message="the chart drawn before Dash")
    assert not driver.execute_script(DASH_STARTED)
    assert driver.execute_script("return typeof window.React") == "undefined"
    assert not [r for r in resources(dash_duo) if "_dash-layout" in r]
    # its scripts are fetched once the page has loaded (not run), for the first touch
    wait_until(lambda: driver.execute_script(
        "return document.querySelectorAll('link[rel=prefetch][as=script]').length") >= 10,
        10, message="Dash's scripts prefetched")
    assert not driver.execute_script(DASH_STARTED)
    # the reader starts typing into the search box of the server's page
    tap(driver, "#timeline-search")
    driver.execute_cdp_cmd("Input.insertText", {"text": "Ecua"})
    wait_until(lambda: driver.execute_script(TAKEN_OVER), 30, message="Dash to take over")
    # the same box, Dash's now, has the focus and what was typed, and keeps listening
    wait_until(lambda: driver.execute_script(
        "var box = document.activeElement; return box.id === 'timeline-search' && "
        "box.value === 'Ecua';"), 10, message="the search box back, with its text")
    driver.execute_cdp_cmd("Input.insertText", {"text": "dor"})
    wait_until(lambda: "q=Ecuador" in driver.current_url, 10, message="the search applied")
    count = dash_duo.find_element("#timeline-count").text
    wait_until(lambda: re.fullmatch(r"[1-5] of 6 events",
                                    dash_duo.find_element("#timeline-count").text), 10,
               message=f"fewer events than 6 (was {count!r})")
    assert severe(dash_duo) == []


def test_a_button_pressed_before_dash_is_pressed_once_it_has_started(
        dash_duo: Any, tmp_path: Path) -> None:
    serve(dash_duo, write_dataset(tmp_path / "data"))
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/?q=Ecuador")
    wait_for_load(driver, 15, "the page")
    assert dash_duo.find_element("#timeline-count").text != "6 of 6 events"
    tap(driver, "#timeline-reset")
    wait_until(lambda: driver.execute_script(TAKEN_OVER), 30, message="Dash to take over")
    wait_until(lambda: dash_duo.find_element("#timeline-count").text == "6 of 6 events", 15,
               message="the filters reset")
    assert "q=" not in driver.current_url
    assert severe(dash_duo) == []


def test_a_choice_made_before_dash_is_made_in_dash(dash_duo: Any, tmp_path: Path) -> None:
    """"Rows by: Country" tapped on the server's page: Dash's page draws rows by country."""
    serve(dash_duo, write_dataset(tmp_path / "data"))
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/")
    wait_for_load(driver, 15, "the page")
    assert not driver.execute_script(DASH_STARTED)
    tap(driver, "#timeline-lanes input[value='country']")
    wait_until(lambda: driver.execute_script(TAKEN_OVER), 30, message="Dash to take over")
    wait_until(lambda: "lanes=country" in driver.current_url, 15,
               message="rows by country in the address")
    assert driver.execute_script(
        "return document.querySelector('#timeline-lanes input[value=\"country\"]').checked")
    assert severe(dash_duo) == []


def test_the_keyboard_focus_stays_where_it_was_when_dash_takes_over(
        dash_duo: Any, tmp_path: Path) -> None:
    """Tab from the top of the server's page: the skip link (no id of its own) has the
    focus, which starts Dash; in Dash's page the same link has it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    serve(dash_duo, write_dataset(tmp_path / "data"))
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/")
    wait_for_load(driver, 15, "the page")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    wait_until(lambda: driver.execute_script(TAKEN_OVER), 30, message="Dash to take over")
    wait_until(lambda: driver.execute_script(
        "var a = document.activeElement; return a.classList.contains('skip-link') && "
        "!!a.closest('#react-entry-point');"), 10, message="the skip link focused in Dash")
    assert severe(dash_duo) == []
