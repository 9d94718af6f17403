"""The timeline page in a real browser: Dash's ``dash_duo`` with headless Chromium.

Every test builds the app with ``create_app`` on a real data folder (the bundled
``events/`` or six events written under ``tmp_path`` by :mod:`browser_kit`), serves it
with Dash's threaded server and reads what a reader would see. Every test ends by
checking the browser console holds no error.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_kit import (
    EVENTS,
    free_port,
    wait_for_app,
    wait_for_timeline,
    wait_until,
    write_dataset,
)
from conftest import REPO
from timeline.app import AppSettings, create_app
from timeline.validate.loader import load_dataset

pytestmark = pytest.mark.browser

TODAY = date(2025, 6, 1)
MARCH = "2025-05-21-march-in-mexico-city"


def start(dash_duo: Any, folder: Path, path: str = "/", **settings: Any) -> Any:
    report = load_dataset(folder)
    app = create_app(report.dataset, AppSettings(today=TODAY, **settings))
    dash_duo.start_server(app, port=free_port())
    if path != "/":
        dash_duo.driver.get(dash_duo.server_url + path)
    wait_for_app(dash_duo.driver)
    dash_duo.wait_for_element("#timeline-count, #not-found")
    if dash_duo.find_elements("#timeline-count"):
        wait_for_timeline(dash_duo.driver)  # nothing moves under the clicks afterwards
    return report


def small(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "data")


def count(dash_duo: Any) -> str:
    return str(dash_duo.find_element("#timeline-count").text)


def query(dash_duo: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(dash_duo.driver.current_url).query)


def wait_for_query(dash_duo: Any, expected: dict[str, list[str]]) -> None:
    wait_until(lambda: query(dash_duo) == expected,
               message=f"the URL query {expected} (now {query(dash_duo)})")


def choose(dash_duo: Any, dropdown: str, label: str) -> None:
    dash_duo.select_dcc_dropdown(dropdown, value=label)
    ActionChains(dash_duo.driver).send_keys(Keys.ESCAPE).perform()


def type_into(dash_duo: Any, selector: str, text: str) -> None:
    """Replace an input's text until the page shows exactly ``text``.

    Each attempt finds the input afresh, empties it and types: if the page redraws the
    input meanwhile (a stale element) or writes into it, the next attempt starts over.
    """
    def replaced() -> bool:
        element = dash_duo.find_element(selector)
        element.send_keys(Keys.CONTROL, "a")
        element.send_keys(Keys.DELETE)
        if element.get_attribute("value"):
            return False
        element.send_keys(text)
        return bool(element.get_attribute("value") == text)

    wait_until(replaced, message=f"{selector} to read {text!r}")


def assert_no_console_errors(dash_duo: Any, *expected_404: str) -> None:
    """No error in the browser's console but the 404 answers of ``expected_404`` paths
    (an unknown address is answered 404 on purpose)."""
    errors = [entry for entry in dash_duo.get_logs() if entry["level"] == "SEVERE"
              and not any(f"{path} - Failed to load resource: the server responded with a "
                          "status of 404" in entry["message"] for path in expected_404)]
    assert errors == []


def graph_data(dash_duo: Any, graph: str = "timeline-graph") -> list[dict[str, Any]]:
    """The traces a graph shows (invisible helper traces, which skip hover, left out)."""
    script = f"""
        var graph = document.querySelector('#{graph} .js-plotly-plot');
        return graph.data.filter(function(trace) {{ return trace.hoverinfo !== 'skip'; }})
            .map(function(trace) {{
                return {{type: trace.type, name: trace.name || '',
                         points: (trace.customdata || trace.z || []).length}};
            }});
    """
    return list(dash_duo.driver.execute_script(script))


# ------------------------------------------------------------------ loading


def test_page_loads_with_the_count_of_all_events(dash_duo: Any) -> None:
    report = start(dash_duo, REPO / "events")
    total = len(report.dataset.events)
    dash_duo.wait_for_text_to_equal("#timeline-count", f"{total} of {total} events")
    wait_for_timeline(dash_duo.driver)
    drawn = graph_data(dash_duo)
    assert {trace["type"] for trace in drawn} == {"scatter"}
    # every event is drawn once per lane (lanes by type: once)
    assert sum(t["points"] for t in drawn if t["type"] == "scatter") >= total
    assert dash_duo.driver.title == report.dataset.settings.title["en"]
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "en"
    rows = dash_duo.find_elements("#timeline-rows tr")
    assert len(rows) == min(total, AppSettings().page_size)
    momentum = graph_data(dash_duo, "timeline-momentum")
    assert momentum and {t["type"] for t in momentum} == {"scatter"}
    assert_no_console_errors(dash_duo)


def test_nothing_is_fetched_from_another_origin(dash_duo: Any) -> None:
    start(dash_duo, REPO / "events")
    wait_for_timeline(dash_duo.driver)
    origins = dash_duo.driver.execute_script("""
        return performance.getEntriesByType('resource').map(function(r) {
            return new URL(r.name).origin; });
    """)
    assert set(origins) == {dash_duo.server_url}
    assert_no_console_errors(dash_duo)


# ------------------------------------------------------------------ filters


def test_country_and_actor_filters_change_the_count(dash_duo: Any, tmp_path: Path) -> None:
    start(dash_duo, small(tmp_path))
    dash_duo.wait_for_text_to_equal("#timeline-count", "6 of 6 events")
    choose(dash_duo, "#timeline-country", "Mexico (5)")
    dash_duo.wait_for_text_to_equal("#timeline-count", "5 of 6 events")
    wait_for_query(dash_duo, {"country": ["MX"]})
    choose(dash_duo, "#timeline-actor", "Teachers' Union (2)")
    dash_duo.wait_for_text_to_equal("#timeline-count", "2 of 6 events")
    wait_for_query(dash_duo, {"country": ["MX"], "actor": ["teachers-union"]})
    # the list comes in a second answer, just after the chart and the count
    wait_until(lambda: [row.text for row in dash_duo.find_elements("#timeline-rows .row-link")]
               == ["Hunger strike at the Senate", "March in Mexico City"], 10,
               message="the list of the two events")
    # OR within a filter: a second country widens, never narrows
    dash_duo.find_element("#timeline-reset").click()
    dash_duo.wait_for_text_to_equal("#timeline-count", "6 of 6 events")
    wait_for_query(dash_duo, {})
    choose(dash_duo, "#timeline-country", "Ecuador (2)")
    dash_duo.wait_for_text_to_equal("#timeline-count", "2 of 6 events")
    choose(dash_duo, "#timeline-country", "Israel (1)")
    dash_duo.wait_for_text_to_equal("#timeline-count", "3 of 6 events")
    wait_for_query(dash_duo, {"country": ["EC", "IL"]})
    assert_no_console_errors(dash_duo)


def test_search_ignores_case_and_accents(dash_duo: Any, tmp_path: Path) -> None:
    start(dash_duo, small(tmp_path))
    for text in ("secretaria", "Secretaría", "SECRETARÍA"):
        type_into(dash_duo, "#timeline-search", text)
        wait_for_query(dash_duo, {"q": [text]})
        dash_duo.wait_for_text_to_equal("#timeline-count", "1 of 6 events")
    # "mexico" finds "México" in Spanish titles and "Mexico" in English ones alike
    for text in ("méxico", "mexico"):
        type_into(dash_duo, "#timeline-search", text)
        wait_for_query(dash_duo, {"q": [text]})
        dash_duo.wait_for_text_to_equal("#timeline-count", "3 of 6 events")
    # actor names are searched too
    type_into(dash_duo, "#timeline-search", "ana lopez")
    dash_duo.wait_for_text_to_equal("#timeline-count", "1 of 6 events")
    type_into(dash_duo, "#timeline-search", "nothing-matches-this")
    dash_duo.wait_for_text_to_equal("#timeline-count", "0 of 6 events")
    wait_until(lambda: dash_duo.find_elements("#timeline-rows tr") == [], 10,
               message="an empty list")
    assert_no_console_errors(dash_duo)


def test_date_range_filter(dash_duo: Any, tmp_path: Path) -> None:
    start(dash_duo, small(tmp_path))
    type_into(dash_duo, "#timeline-from", "2025")
    dash_duo.find_element("#timeline-from").send_keys(Keys.ENTER)
    # the march, the hunger strike and the ongoing boycott reach into 2025
    dash_duo.wait_for_text_to_equal("#timeline-count", "3 of 6 events")
    type_into(dash_duo, "#timeline-to", "2025-04")
    dash_duo.find_element("#timeline-to").send_keys(Keys.ENTER)
    dash_duo.wait_for_text_to_equal("#timeline-count", "1 of 6 events")
    wait_for_query(dash_duo, {"from": ["2025"], "to": ["2025-04"]})
    assert_no_console_errors(dash_duo)


# ------------------------------------------------------------------ the URL


def test_url_round_trip_and_back_button(dash_duo: Any, tmp_path: Path) -> None:
    start(dash_duo, small(tmp_path), f"/?country=MX&type=march&type=hunger-strike&event={MARCH}")
    dash_duo.wait_for_text_to_equal("#timeline-count", "2 of 6 events")
    dash_duo.wait_for_text_to_equal("#timeline-detail h2", "March in Mexico City")
    value = dash_duo.find_element("#timeline-country").text
    assert "Mexico" in value
    assert "Hunger strike" in dash_duo.find_element("#timeline-type").text
    # change a filter: the URL follows and keeps the selection
    dash_duo.find_element("#timeline-lanes input[value='country']").click()
    wait_for_query(dash_duo, {"country": ["MX"], "type": ["march", "hunger-strike"],
                              "lanes": ["country"], "event": [MARCH]})
    type_into(dash_duo, "#timeline-search", "senate")
    dash_duo.wait_for_text_to_equal("#timeline-count", "1 of 6 events")
    # the back button restores each earlier view, controls included
    dash_duo.driver.back()
    wait_for_query(dash_duo, {"country": ["MX"], "type": ["march", "hunger-strike"],
                              "lanes": ["country"], "event": [MARCH]})
    dash_duo.wait_for_text_to_equal("#timeline-count", "2 of 6 events")
    assert dash_duo.find_element("#timeline-search").get_attribute("value") == ""
    dash_duo.driver.back()
    dash_duo.wait_for_text_to_equal("#timeline-count", "2 of 6 events")
    wait_until(lambda: dash_duo.find_element(
        "#timeline-lanes input[value='type']").is_selected(), message="lanes by type")
    dash_duo.driver.forward()
    wait_until(lambda: dash_duo.find_element(
        "#timeline-lanes input[value='country']").is_selected(), message="lanes by country")
    assert_no_console_errors(dash_duo)


def test_unknown_values_are_ignored_never_an_error(dash_duo: Any, tmp_path: Path) -> None:
    hostile = ("/?country=ZZ&country=mx&type=nope&actor=%3Cscript%3E&event=missing"
               "&lang=xx&from=garbage&to=2025-13&lanes=sideways&q=" + "a" * 500)
    start(dash_duo, small(tmp_path), hostile)
    # "mx" is read as MX; everything else unknown is dropped; q is cut to 200 characters
    dash_duo.wait_for_text_to_equal("#timeline-count", "0 of 6 events")
    # The page writes the URL's words into the search box; typing starts after that,
    # so the two never race (on a busy machine the page's answer can come late).
    wait_until(lambda: dash_duo.find_element("#timeline-search").get_attribute("value")
               == "a" * 200, message="the search box to show the URL's words")
    type_into(dash_duo, "#timeline-search", "march")
    dash_duo.wait_for_text_to_equal("#timeline-count", "1 of 6 events")
    wait_for_query(dash_duo, {"country": ["MX"], "q": ["march"]})
    assert dash_duo.find_element("#timeline-detail .detail-hint")
    dash_duo.driver.get(dash_duo.server_url + "/no/such/page")
    wait_for_app(dash_duo.driver)
    dash_duo.wait_for_element("#not-found")
    assert "Page not found" in dash_duo.find_element("#not-found h1").text
    dash_duo.driver.get(dash_duo.server_url + "/?lang=es&event=../../etc/passwd")
    wait_for_app(dash_duo.driver)
    dash_duo.wait_for_text_to_equal("#timeline-count", "6 de 6 eventos")
    assert_no_console_errors(dash_duo, "/no/such/page")


# ------------------------------------------------------------------ reading an event


def test_event_detail_shows_sources_and_safe_markdown(dash_duo: Any, tmp_path: Path) -> None:
    start(dash_duo, small(tmp_path), f"/?event={MARCH}")
    dash_duo.wait_for_text_to_equal("#timeline-detail h2", "March in Mexico City")
    panel = dash_duo.find_element("#timeline-detail")
    text = panel.text
    assert "21 May 2025" in text and "March" in text and "Mexico" in text
    sources = panel.find_elements(By.CSS_SELECTOR, ".sources li")
    assert [s.find_element(By.CSS_SELECTOR, ".source-link").text for s in sources] == [
        "Report on the-march", "Report on the-crowd"]
    assert "Example News, 21 May 2025" in sources[0].text
    assert "Diario Ejemplo, 22 May 2025" in sources[1].text
    archive = sources[0].find_element(By.CSS_SELECTOR, ".archive-link")
    assert archive.get_attribute("href") == "https://web.archive.org/web/2025/the-march"
    links = {a.text: a.get_attribute("href") for a in panel.find_elements(By.TAG_NAME, "a")}
    assert links["Report"] == "https://example.org/report"
    assert links["Edit this event"] == (
        "https://github.com/example/campaign-data/blob/HEAD/data/2025/"
        f"{MARCH}.yaml")
    assert links["Add an event"].endswith("/suggest?lang=en")  # the form, in this language
    assert links["Ana López"].endswith("/?actor=ana-lopez")
    assert links["Break ties"].endswith("/campaigns/break-ties")
    assert all(href.startswith(("http://", "https://")) for href in links.values())
    # raw HTML is shown as text, never run; the javascript: link is plain text
    assert "<script>window.pwned = 1</script>" in text
    assert "bad link" in text and "bad link" not in links
    assert panel.find_elements(By.CSS_SELECTOR, "script, img, iframe") == []
    assert dash_duo.driver.execute_script("return window.pwned === undefined")
    assert panel.find_element(By.CSS_SELECTOR, ".summary strong").text == "Thousands"
    assert "Break relations — Ana López, Teachers' Union: supports it" in text
    # an actor link filters the timeline by that actor
    panel.find_element(By.LINK_TEXT, "Teachers' Union").click()
    dash_duo.wait_for_text_to_equal("#timeline-count", "2 of 6 events")
    wait_for_query(dash_duo, {"actor": ["teachers-union"]})
    assert_no_console_errors(dash_duo)


def test_list_is_keyboard_navigable_and_opens_the_detail(dash_duo: Any,
                                                         tmp_path: Path) -> None:
    start(dash_duo, small(tmp_path))
    links = dash_duo.find_elements("#timeline-rows .row-link")
    assert [link.text for link in links] == [
        "Training programme in Chiapas", "Boycott campaign begins",
        "Mexico breaks relations with Ecuador",
        "Statement by the Secretaría de Relaciones Exteriores in Quito",
        "Hunger strike at the Senate", "March in Mexico City"]
    dates = [row.find_element(By.CSS_SELECTOR, ".list-date").text
             for row in dash_duo.find_elements("#timeline-rows tr")]
    assert dates[0] == "c. 2013" and dates[1] == "since 1 October 2023"
    assert dates[3] == "10 April 2024 – 20 April 2024" and dates[4] == "May 2025"
    links[0].send_keys(Keys.ARROW_DOWN)
    focused = dash_duo.driver.switch_to.active_element
    assert focused.text == "Boycott campaign begins"
    focused.send_keys(Keys.ARROW_DOWN)
    focused = dash_duo.driver.switch_to.active_element
    assert focused.text == "Mexico breaks relations with Ecuador"
    focused.send_keys(Keys.ENTER)
    dash_duo.wait_for_text_to_equal("#timeline-detail h2", "Mexico breaks relations with Ecuador")
    wait_for_query(dash_duo, {"event": ["2024-04-05-mexico-breaks-relations-with-ecuador"]})
    dash_duo.find_element("#timeline-detail .detail-close").click()
    dash_duo.wait_for_element("#timeline-detail .detail-hint")
    wait_for_query(dash_duo, {})
    assert_no_console_errors(dash_duo)


def test_list_shows_a_page_at_a_time(dash_duo: Any) -> None:
    report = start(dash_duo, REPO / "events", page_size=10)
    total = len(report.dataset.events)
    assert len(dash_duo.find_elements("#timeline-rows tr")) == 10
    dash_duo.find_element("#timeline-more").click()
    wait_until(lambda: len(dash_duo.find_elements("#timeline-rows tr")) == 20, 10,
               message="twenty rows")
    while dash_duo.find_element("#timeline-more").is_displayed():
        shown = len(dash_duo.find_elements("#timeline-rows tr"))
        dash_duo.find_element("#timeline-more").click()
        wait_until(lambda n=shown: len(dash_duo.find_elements("#timeline-rows tr")) > n, 10,
                   message="more rows")
    assert len(dash_duo.find_elements("#timeline-rows tr")) == total
    assert_no_console_errors(dash_duo)


def test_clicking_a_mark_on_the_chart_opens_its_detail(dash_duo: Any, tmp_path: Path) -> None:
    start(dash_duo, small(tmp_path), "/?type=relations-broken")
    wait_for_timeline(dash_duo.driver)
    # where Plotly drew the one mark: from its data to pixels through the axes
    x, y = dash_duo.driver.execute_script("""
        var graph = document.querySelector('#timeline-graph .js-plotly-plot');
        var trace = graph._fullData.find(function(t) { return t.x && t.x.length; });
        var layout = graph._fullLayout, size = layout._size;
        return [size.l + layout.xaxis.d2p(trace.x[0]), size.t + layout.yaxis.d2p(trace.y[0])];
    """)
    plot = dash_duo.find_element("#timeline-graph .js-plotly-plot")
    # Selenium 4.2 measures the offset from the element's top-left corner
    ActionChains(dash_duo.driver).move_to_element_with_offset(plot, x, y).pause(0.3).click(
    ).perform()
    dash_duo.wait_for_text_to_equal("#timeline-detail h2", "Mexico breaks relations with Ecuador")
    wait_for_query(dash_duo, {"type": ["relations-broken"],
                              "event": ["2024-04-05-mexico-breaks-relations-with-ecuador"]})
    shapes = dash_duo.driver.execute_script(
        "return document.querySelector('#timeline-graph .js-plotly-plot').layout.shapes[0]")
    assert shapes.get("visible", True) is not False
    assert_no_console_errors(dash_duo)


# ------------------------------------------------------------------ languages


def test_language_switch_changes_labels_and_dates(dash_duo: Any) -> None:
    report = start(dash_duo, REPO / "events")
    total = len(report.dataset.events)
    jenin = "2025-05-21-jenin-diplomats-shot-at"
    assert jenin in report.dataset.by_id
    dash_duo.driver.get(f"{dash_duo.server_url}/?country=PS&event={jenin}")
    wait_for_app(dash_duo.driver)
    dash_duo.wait_for_text_to_equal("#timeline-detail .detail-date", "21 May 2025")
    shown = count(dash_duo).split(" of ")[0]
    dash_duo.find_element("#shell-lang-es").click()
    dash_duo.wait_for_text_to_equal("#timeline-count", f"{shown} de {total} eventos")
    dash_duo.wait_for_text_to_equal("#timeline-detail .detail-date", "21 de mayo de 2025")
    assert query(dash_duo) == {"country": ["PS"], "event": [jenin], "lang": ["es"]}
    assert dash_duo.find_element(".filters-summary").text == "Filtros"
    assert dash_duo.find_element("#timeline-reset").text == "Quitar filtros"
    assert "Cronología" in dash_duo.find_element(".site-nav").text
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "es"
    assert dash_duo.find_element("#timeline-detail h2").text == (
        report.dataset.by_id[jenin].title["es"])
    wait_for_timeline(dash_duo.driver)
    ticks = dash_duo.driver.execute_script("""
        return Array.from(document.querySelectorAll('#timeline-graph .ytick text'))
            .map(function(t) { return t.textContent; });""")
    assert "Incidente diplomático" in ticks
    dash_duo.find_element("#shell-lang-en").click()
    dash_duo.wait_for_text_to_equal("#timeline-count", f"{shown} of {total} events")
    dash_duo.wait_for_text_to_equal("#timeline-detail .detail-date", "21 May 2025")
    assert_no_console_errors(dash_duo)


# ------------------------------------------------------------------ scale, phones, notices


def test_crowded_views_draw_density_until_zoomed_in(dash_duo: Any, tmp_path: Path) -> None:
    start(dash_duo, small(tmp_path), max_marks=3)
    wait_for_timeline(dash_duo.driver)
    assert {t["type"] for t in graph_data(dash_duo)} == {"heatmap"}
    assert "6 events in view" in dash_duo.find_element("#timeline-note").text
    dash_duo.driver.execute_script("""
        var graph = document.querySelector('#timeline-graph .js-plotly-plot');
        Plotly.relayout(graph, {'xaxis.range': ['2025-04-20', '2025-06-10']});
    """)
    # two events start in that window: few enough to draw one by one
    wait_until(lambda: {t["type"] for t in graph_data(dash_duo)} == {"scatter"}, 10,
               message="marks after zooming in")
    assert dash_duo.find_element("#timeline-note").text == ""
    dash_duo.driver.execute_script("""
        var graph = document.querySelector('#timeline-graph .js-plotly-plot');
        Plotly.relayout(graph, {'xaxis.autorange': true});
    """)
    wait_until(lambda: {t["type"] for t in graph_data(dash_duo)} == {"heatmap"}, 10,
               message="density after zooming out")
    assert count(dash_duo) == "6 of 6 events"
    assert_no_console_errors(dash_duo)


def test_usable_on_a_phone_screen(dash_duo: Any, tmp_path: Path) -> None:
    start(dash_duo, small(tmp_path))
    assert dash_duo.find_element("#timeline-filters-details").get_attribute("open")
    dash_duo.driver.set_window_size(390, 844)
    dash_duo.driver.get(dash_duo.server_url + "/")
    wait_for_app(dash_duo.driver)
    width = dash_duo.driver.execute_script("return window.innerWidth")
    wait_for_timeline(dash_duo.driver)
    # The filters start folded, so the chart comes first; one tap opens them.
    details = dash_duo.find_element("#timeline-filters-details")
    wait_until(lambda: details.get_attribute("open") is None, 10,
               message="filters folded on a phone")
    assert dash_duo.find_element("#timeline-graph").rect["y"] < 844
    # Lane names are written inside the lanes, which keep nearly the whole width.
    script = """
        var graph = document.getElementById('timeline-graph');
        var lanes = graph.querySelector('.nsewdrag').getBoundingClientRect().width;
        var names = Array.from(graph.querySelectorAll('.annotation-text'), e => e.textContent);
        var ticks = graph.querySelectorAll('.ytick text').length;
        return [lanes / graph.getBoundingClientRect().width, names, ticks];"""
    wait_until(lambda: dash_duo.driver.execute_script(script)[0] > 0.85, 10,
               message="lanes as wide as the chart on a phone")
    share, names, ticks = dash_duo.driver.execute_script(script)
    assert "Hunger strike" in names and "March" in names and ticks == 0
    dash_duo.find_element(".filters-summary").click()
    wait_until(lambda: details.get_attribute("open") is not None, 10,
               message="filters open on a tap")
    # Plotly follows the new width on its own schedule; then nothing sticks out
    wait_until(lambda: dash_duo.driver.execute_script(
        "return document.documentElement.scrollWidth - window.innerWidth <= 1"), 10,
        message="no horizontal scrolling at 390 pixels")
    filters = dash_duo.find_element(".filters").rect
    chart = dash_duo.find_element("#timeline-graph").rect
    assert filters["y"] < chart["y"]  # stacked: filters above the chart
    assert chart["width"] <= width
    rows = dash_duo.find_elements("#timeline-rows tr")
    assert rows[0].rect["width"] <= width
    choose(dash_duo, "#timeline-country", "Ecuador (2)")
    dash_duo.wait_for_text_to_equal("#timeline-count", "2 of 6 events")
    # A redraw (other lanes) keeps the names inside.
    wait_until(lambda: "Sit-in" in dash_duo.driver.execute_script(script)[1], 10,
               message="lane names inside after a redraw")
    assert "Hunger strike" not in dash_duo.driver.execute_script(script)[1]
    assert_no_console_errors(dash_duo)


def test_filter_dropdowns_are_named_by_their_labels(dash_duo: Any, tmp_path: Path) -> None:
    start(dash_duo, small(tmp_path))
    dropdowns = dash_duo.find_elements(".filters button.dash-dropdown")
    assert len(dropdowns) >= 4
    for button in dropdowns:
        label = dash_duo.find_element(f"label[for='{button.get_attribute('id')}']").text
        # The name the browser computes: the label first, then the selection or the
        # placeholder (Dash alone gives only the latter).
        wait_until(lambda button=button, label=label: button.accessible_name.startswith(
            f"{label} "), 10, message=f"{label} dropdown named by its label")
    dash_duo.driver.get(f"{dash_duo.server_url}/?country=EC&country=IL")
    wait_for_app(dash_duo.driver)
    dash_duo.wait_for_text_to_equal("#timeline-count", "3 of 6 events")
    country = dash_duo.find_element("#timeline-country")
    wait_until(lambda: country.accessible_name.startswith("Countries "), 10,
               message="still named by its label with two values chosen")
    ids = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('[id]'), e => e.id)")
    assert len(ids) == len(set(ids))  # no id given twice


def test_invalid_records_left_out_are_announced(dash_duo: Any, tmp_path: Path) -> None:
    broken = "title: Broken\ndate: 2025-13-01\ntype: march\ncountries: [MX]\n"
    folder = write_dataset(tmp_path / "data", extra_files={"2025/broken.yaml": broken})
    report = start(dash_duo, folder)
    assert report.dataset.left_out == 1
    dash_duo.wait_for_text_to_equal("#timeline-count", "6 of 6 events")
    notice = dash_duo.find_element("#shell-left-out").text
    assert notice.startswith("1 record left out because it is invalid")
    assert_no_console_errors(dash_duo)


def test_header_navigation_and_landmarks(dash_duo: Any, tmp_path: Path) -> None:
    start(dash_duo, small(tmp_path))
    for landmark in ("header", "main", "footer", "nav", "aside"):
        assert dash_duo.find_elements(landmark), landmark
    labels = dash_duo.driver.execute_script("""
        return Array.from(document.querySelectorAll('label[for]')).map(function(l) {
            return [l.htmlFor, !!document.getElementById(l.htmlFor)]; });""")
    assert labels and all(found for _, found in labels)
    current = dash_duo.find_element(".site-nav a[aria-current='page']")
    assert current.text == "Timeline"
    dash_duo.find_element(".skip-link").send_keys(Keys.ENTER)
    dash_duo.find_element(".site-nav a[href^='/relations']").click()
    wait_until(lambda: urlsplit(dash_duo.driver.current_url).path == "/relations", 10)
    dash_duo.wait_for_element(".site-nav a[aria-current='page'][href^='/relations']")
    dash_duo.find_element(".site-nav a[href='/?lang=en'], .site-nav a[href='/']").click()
    dash_duo.wait_for_text_to_equal("#timeline-count", "6 of 6 events")
    assert EVENTS  # the data the counts above come from
    assert_no_console_errors(dash_duo)
