"""The tracker pages in the real app and a real headless Chromium (``dash_duo``).

They serve the bundled sample dataset (``events/``), whose relation events the issue
describes, with "today" frozen so the default date is known.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_kit import free_port, wait_for_app, wait_until
from timeline.app import AppSettings, create_app
from timeline.validate.loader import load_dataset

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 1, 15)
CAMPAIGN = "mexico-break-relations-with-israel"


@pytest.fixture
def app() -> Any:
    return create_app(load_dataset(REPO / "events").dataset, AppSettings(today=TODAY))


def open_page(dash_duo: Any, app: Any, path: str) -> None:
    dash_duo.start_server(app, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + path)
    wait_for_app(dash_duo.driver)


def statuses(dash_duo: Any) -> dict[str, str]:
    rows = dash_duo.find_elements("#relations-table tbody tr")
    return {row.get_attribute("id").removeprefix("relations-row-"):
            row.find_element(By.CSS_SELECTOR, ".relations-status").text for row in rows}


def query(dash_duo: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(dash_duo.driver.current_url).query)


def wait_for(dash_duo: Any, condition: Any, timeout: float = 10) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(dash_duo.driver, timeout).until(lambda _: condition())


def no_errors(dash_duo: Any) -> None:
    assert [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"] == []


def test_relations_as_of_two_dates_and_the_back_button(dash_duo: Any, app: Any) -> None:
    open_page(dash_duo, app, "/relations?country=IL&date=2025-06-01")
    dash_duo.wait_for_text_to_equal("#relations-heading", "Relations of Israel as of 1 June 2025")
    broken = {"BO": "Broken", "CO": "Broken", "CU": "Broken", "NI": "Broken", "VE": "Broken"}
    assert statuses(dash_duo) == {**broken, "MX": "Established"}

    box = dash_duo.find_element("#relations-date")
    box.clear()
    box.send_keys("2020-01-01", Keys.ENTER)
    dash_duo.wait_for_text_to_equal("#relations-heading",
                                    "Relations of Israel as of 1 January 2020")
    assert statuses(dash_duo) == {"BO": "Restored", "CO": "Established or unknown",
                                  "CU": "Broken", "MX": "Established", "NI": "Restored",
                                  "VE": "Broken"}
    wait_for(dash_duo, lambda: query(dash_duo).get("date") == ["2020-01-01"])
    assert query(dash_duo)["country"] == ["IL"]

    dash_duo.driver.back()
    dash_duo.wait_for_text_to_equal("#relations-heading", "Relations of Israel as of 1 June 2025")
    assert statuses(dash_duo) == {**broken, "MX": "Established"}
    assert dash_duo.find_element("#relations-date").get_attribute("value") == "2025-06-01"
    no_errors(dash_duo)


def test_a_restored_relation_and_a_coarse_date(dash_duo: Any, app: Any) -> None:
    open_page(dash_duo, app, "/relations?country=BO&date=2025-12-31")
    dash_duo.wait_for_text_to_equal("#relations-heading",
                                    "Relations of Bolivia as of 31 December 2025")
    row = dash_duo.find_element("#relations-row-IL")
    assert row.find_element(By.CSS_SELECTOR, ".relations-status").text == "Restored"
    assert row.find_element(By.CSS_SELECTOR, ".relations-since").text == "9 December 2025"
    link = row.find_element(By.CSS_SELECTOR, ".relations-event a")
    assert link.text == "Bolivia and Israel restore diplomatic relations"
    assert "event=2025-12-09-bolivia-restores-relations-with-israel" in link.get_attribute(
        "href")

    # Mexico and Israel: a year-precision date, and the row says so.
    dash_duo.driver.get(dash_duo.server_url + "/relations?country=MX&date=2025-06-01")
    wait_for_app(dash_duo.driver)
    dash_duo.wait_for_text_to_equal("#relations-heading", "Relations of Mexico as of 1 June 2025")
    assert statuses(dash_duo) == {"EC": "Broken", "IL": "Established", "PE": "Downgraded"}
    assert dash_duo.find_element("#relations-row-EC .relations-since").text == "5 April 2024"
    since = dash_duo.find_element("#relations-row-IL .relations-since").text
    assert since == ("1952\nDate known only as 1952: counted from its start "
                     "(1 January 1952).")
    no_errors(dash_duo)


def test_the_map_draws_from_the_package_and_nothing_leaves_localhost(dash_duo: Any,
                                                                     app: Any) -> None:
    open_page(dash_duo, app, "/relations?country=IL&date=2025-06-01")
    dash_duo.wait_for_element("#relations-map .geo .choroplethlocation")
    wait_for(dash_duo, lambda: len(dash_duo.find_elements(
        "#relations-map .geo .choroplethlocation")) == 7)  # Israel and six partners
    legend = [e.text for e in dash_duo.find_elements("#relations-map .legendtext")]
    assert legend == ["Chosen country", "Broken", "Established"]
    resources = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    local = dash_duo.server_url.rstrip("/")
    assert any(r.startswith(local + "/assets/topojson/world_110m.json") for r in resources)
    assert [r for r in resources if not r.startswith((local, "data:", "blob:"))] == []
    no_errors(dash_duo)


def test_unknown_values_fall_back_to_the_defaults(dash_duo: Any, app: Any) -> None:
    open_page(dash_duo, app, "/relations?country=ZZ&date=2025-99-99")
    # Israel appears in the most relation events; the date falls back to today.
    dash_duo.wait_for_text_to_equal("#relations-heading",
                                    "Relations of Israel as of 15 January 2026")
    assert statuses(dash_duo)["BO"] == "Restored"
    box = dash_duo.find_element("#relations-date")
    box.clear()
    box.send_keys("2025-02-30", Keys.ENTER)
    dash_duo.wait_for_text_to_equal(
        "#relations-date-hint",
        "Write a day from 1952-01-01 to 2026-01-15 as YYYY-MM-DD, e.g. 2025-06-01.")
    assert dash_duo.find_element("#relations-heading").text == (
        "Relations of Israel as of 15 January 2026")
    no_errors(dash_duo)


def test_a_demand_tally_opens_the_filtered_timeline(dash_duo: Any, app: Any) -> None:
    open_page(dash_duo, app, f"/campaigns/{CAMPAIGN}")
    dash_duo.wait_for_text_to_equal(
        "#campaign-title", "Campaign for Mexico to break diplomatic relations with Israel")
    tally = dash_duo.find_element("#campaign-tally-1-supports")
    count = int(tally.find_element(By.CSS_SELECTOR, "[aria-hidden]").text)
    assert count >= 4
    declines = dash_duo.find_element("#campaign-tally-1-declines")
    assert declines.text.startswith("2")
    tally.click()
    wait_for(dash_duo, lambda: query(dash_duo).get("stance") == ["supports"])
    assert query(dash_duo)["demand"] == [f"{CAMPAIGN}/break-relations"]
    total = len(load_dataset(REPO / "events").dataset.events)
    dash_duo.wait_for_text_to_equal("#timeline-count", f"{count} of {total} events")
    no_errors(dash_duo)


def test_the_campaign_page_in_spanish(dash_duo: Any, app: Any) -> None:
    open_page(dash_duo, app, f"/campaigns/{CAMPAIGN}?lang=es")
    dash_duo.wait_for_text_to_equal(
        "#campaign-title", "Campaña para que México rompa relaciones diplomáticas con Israel")
    assert dash_duo.find_element("#campaign-demands").text == "Demandas"
    demand = dash_duo.find_element("#campaign-demand-break-relations")
    assert "Romper relaciones diplomáticas con Israel" in demand.text
    assert "A favor" in demand.text and "No se pronuncian" in demand.text
    assert dash_duo.find_element("#campaign-demand-break-relations .tracker-badge").text == (
        "Abierta")
    link = dash_duo.find_element("#campaign-tally-1-supports").get_attribute("href")
    assert "lang=es" in link
    latest = dash_duo.find_elements("#campaign-latest-list li")
    assert len(latest) == 5
    assert latest[0].text.startswith("9 de diciembre de 2025")
    no_errors(dash_duo)


def test_an_actor_page(dash_duo: Any, app: Any) -> None:
    open_page(dash_duo, app, "/actors/claudia-sheinbaum")
    dash_duo.wait_for_text_to_equal("#actor-title", "Claudia Sheinbaum Pardo")
    assert dash_duo.find_element("#actor-kind").text == "Person"
    page = dash_duo.find_element("#actor-page").text
    assert "Also known as\nClaudia Sheinbaum" in page
    rows = dash_duo.find_elements("#actor-stances-table tbody tr")
    assert [r.find_elements(By.TAG_NAME, "td")[1].text for r in rows] == [
        "Decline to take a position"]
    assert "Break diplomatic relations with Israel" in rows[0].text
    events = dash_duo.find_elements("#actor-event-list li")
    assert len(events) == 2
    assert events[0].text.startswith("6 October 2025")  # newest first
    dash_duo.wait_for_element("#actor-timeline .main-svg")
    dash_duo.find_element("#actor-on-timeline").click()
    wait_for(dash_duo, lambda: query(dash_duo).get("actor") == ["claudia-sheinbaum"])
    wait_for(dash_duo, lambda: dash_duo.find_element("#timeline-count").text.startswith("2 of "))
    no_errors(dash_duo)


def test_the_timeline_links_to_the_campaign_and_an_unknown_id_is_not_an_error(
        dash_duo: Any, app: Any) -> None:
    open_page(dash_duo, app, "/?event=2024-05-02-unam-encampment-demands-break-with-israel")
    # The main page names the campaign it tracks ...
    intro = dash_duo.wait_for_element("#timeline-campaigns a")
    assert intro.get_attribute("href").endswith(f"/campaigns/{CAMPAIGN}?lang=en")
    # ... the event's detail links its actors' pages and its campaign's page.
    profile = dash_duo.wait_for_element("#timeline-detail a.actor-page-link")
    assert profile.get_attribute("href").endswith(
        "/actors/asamblea-interuniversitaria-por-palestina")
    profile.click()
    dash_duo.wait_for_element("#actor-title")
    dash_duo.driver.back()
    link = dash_duo.wait_for_element(f"#timeline-detail a[href^='/campaigns/{CAMPAIGN}']")
    link.click()
    dash_duo.wait_for_text_to_equal(
        "#campaign-title", "Campaign for Mexico to break diplomatic relations with Israel")
    dash_duo.driver.get(dash_duo.server_url + "/campaigns/no-such-campaign")
    wait_for_app(dash_duo.driver)
    dash_duo.wait_for_element("#not-found")
    dash_duo.driver.get(dash_duo.server_url + "/actors/nobody")
    wait_for_app(dash_duo.driver)
    dash_duo.wait_for_element("#not-found")
    no_errors(dash_duo)


def test_language_switch_keeps_the_relations_view(dash_duo: Any, app: Any) -> None:
    open_page(dash_duo, app, "/relations?country=MX&date=2025-06-01")
    dash_duo.wait_for_text_to_equal("#relations-heading", "Relations of Mexico as of 1 June 2025")
    box = dash_duo.find_element("#relations-date")
    box.clear()
    box.send_keys("2024-04-04", Keys.ENTER)
    dash_duo.wait_for_text_to_equal("#relations-heading", "Relations of Mexico as of 4 April 2024")
    wait_for(dash_duo, lambda: "date=2024-04-04" in (
        dash_duo.find_element("#shell-lang-es").get_attribute("href") or ""))
    dash_duo.find_element("#shell-lang-es").click()
    dash_duo.wait_for_text_to_equal("#relations-heading",
                                    "Relaciones de México a 4 de abril de 2024")
    assert statuses(dash_duo) == {"EC": "Degradadas", "IL": "Establecidas",
                                  "PE": "Degradadas"}
    assert dash_duo.find_element("#relations-title").text == (
        "Relaciones diplomáticas a lo largo del tiempo")
    no_errors(dash_duo)


@pytest.mark.parametrize("path", [f"/campaigns/{CAMPAIGN}", "/actors/claudia-sheinbaum",
                                  "/relations?country=IL&date=2025-06-01"])
def test_tracker_pages_fit_a_390_pixel_phone(dash_duo: Any, app: Any, path: str) -> None:
    dash_duo.driver.set_window_size(390, 844)
    open_page(dash_duo, app, path)
    dash_duo.wait_for_element(".tracker-page h1")
    # a chart below the fold draws when it comes into view (served without Dash)
    dash_duo.driver.execute_script(
        "document.querySelector('.tracker-page .dash-graph').scrollIntoView();")
    dash_duo.wait_for_element(".tracker-page .main-svg")
    width = dash_duo.driver.execute_script(
        "return [document.documentElement.clientWidth, document.documentElement.scrollWidth]")
    assert width[1] <= width[0]
    # One main landmark and one top heading; every control is labelled.
    assert len(dash_duo.find_elements("main")) == 1
    assert len(dash_duo.find_elements("h1")) == 1
    for control in dash_duo.find_elements(".tracker-page input:not([aria-hidden='true'])"):
        labelled = dash_duo.driver.execute_script(
            "var e = arguments[0]; return (e.labels && e.labels.length > 0) || "
            "!!e.getAttribute('aria-label') || !!e.getAttribute('aria-labelledby') || "
            "e.type === 'hidden';", control)
        assert labelled, control.get_attribute("outerHTML")
    for button in dash_duo.find_elements(".tracker-page button.dash-dropdown"):
        # Named by its label, then its value (assets/a11y.js), as the browser computes it
        wait_until(lambda button=button: button.accessible_name.startswith("Country "), 10,
                   message="the dropdown is named by its label")
    no_errors(dash_duo)
