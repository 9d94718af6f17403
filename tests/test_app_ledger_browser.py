"""The stance ledger with its as-of control and the changes page, in a real Chromium:
English, Spanish and a phone's width, the URL as the state."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from browser_kit import free_port, wait_for_app, wait_until
from conftest import REPO
from timeline.app import AppSettings, create_app
from timeline.validate.loader import load_dataset

pytestmark = pytest.mark.browser

CAMPAIGN = "mexico-break-relations-with-israel"
TODAY = date(2025, 11, 3)  # the default period of the changes page is October 2025


@pytest.fixture
def app() -> Any:
    return create_app(load_dataset(REPO / "events").dataset, AppSettings(today=TODAY))


def open_page(dash_duo: Any, app: Any, path: str, width: int = 1280) -> None:
    dash_duo.driver.set_window_size(width, 900)
    dash_duo.start_server(app, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + path)
    wait_for_app(dash_duo.driver)  # the app has taken over the server's copy


def query(dash_duo: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(dash_duo.driver.current_url).query)


def holders(dash_duo: Any, number: int = 1) -> list[tuple[str, str]]:
    rows = dash_duo.find_elements(f"#campaign-ledger-{number} tbody tr")
    return [(r.get_attribute("data-actor"), r.get_attribute("data-stance")) for r in rows]


def no_errors(dash_duo: Any) -> None:
    assert [e for e in dash_duo.get_logs() or [] if e.get("level") == "SEVERE"] == []


def fits(dash_duo: Any) -> None:
    width = dash_duo.driver.execute_script(
        "return [document.documentElement.clientWidth, document.documentElement.scrollWidth]")
    assert width[1] <= width[0], width


def test_the_ledger_as_of_a_date_through_its_control(dash_duo: Any, app: Any) -> None:
    open_page(dash_duo, app, f"/campaigns/{CAMPAIGN}")
    # The page may be drawn twice as it loads (server, then the router): wait, re-read.
    wait_until(lambda: len(holders(dash_duo)) == 5, 20, message="the ledger")
    now = holders(dash_duo)
    assert ("andres-manuel-lopez-obrador", "declines") in now
    assert ("andres-manuel-lopez-obrador", "supports") not in now
    assert len(now) == 5
    wait_until(lambda: dash_duo.find_element("#campaign-as-of-input").send_keys("2025-01")
               or True, 10, message="the as-of field")
    wait_until(lambda: dash_duo.find_element("#campaign-as-of-submit").click() or True, 10,
               message="the as-of button")
    wait_until(lambda: query(dash_duo).get("as_of") == ["2025-01"], 15,
               message="the control writes as_of into the URL")
    wait_until(lambda: len(holders(dash_duo)) == 2, 15, message="the ledger as of January")
    assert holders(dash_duo) == [("asamblea-interuniversitaria-por-palestina", "supports"),
                                 ("andres-manuel-lopez-obrador", "declines")]
    assert "January 2025" in dash_duo.find_element("#campaign-as-of-note").text
    assert dash_duo.find_element("#campaign-holding-1-supports").text == "1"
    # Back to the latest, without reloading the page.
    dash_duo.find_element("#campaign-as-of-latest").click()
    wait_until(lambda: len(holders(dash_duo)) == 5, 15, message="the latest ledger")
    assert "as_of" not in query(dash_duo)
    no_errors(dash_duo)


def test_the_campaign_as_of_in_spanish_on_a_phone(dash_duo: Any, app: Any) -> None:
    open_page(dash_duo, app, f"/campaigns/{CAMPAIGN}?as_of=2025-06&lang=es", width=390)
    wait_until(lambda: len(holders(dash_duo)) == 4, 20, message="the ledger in June")
    assert "a fecha de junio de 2025" in dash_duo.find_element("#campaign-as-of-note").text
    assert holders(dash_duo) == [
        ("asamblea-interuniversitaria-por-palestina", "supports"),
        ("hunger-striking-academics", "supports"),
        ("andres-manuel-lopez-obrador", "declines"), ("claudia-sheinbaum", "declines")]
    row = dash_duo.find_element("#campaign-ledger-1 tbody tr[data-actor='claudia-sheinbaum']")
    assert "No se pronuncian" in row.text and "mayo de 2025" in row.text
    label = dash_duo.driver.execute_script(
        "return document.getElementById('campaign-as-of-input').labels.length")
    assert label == 1
    fits(dash_duo)
    no_errors(dash_duo)


def test_the_changes_page_and_its_months(dash_duo: Any, app: Any) -> None:
    open_page(dash_duo, app, f"/campaigns/{CAMPAIGN}")
    wait_until(lambda: len(holders(dash_duo)) == 5, 20, message="the campaign page")
    wait_until(lambda: dash_duo.find_element("#campaign-changes-link").click() or True, 10,
               message="the changes link")
    dash_duo.wait_for_text_to_equal("#changes-title", "What changed: October 2025")
    events = dash_duo.find_elements("#changes-events-list li")
    assert len(events) == 2 and events[1].text.startswith("7 October 2025")
    # Back through the months: May 2025 has Sheinbaum's and the academics' first stances.
    for month in ("September 2025", "August 2025", "July 2025", "June 2025", "May 2025"):
        wait_until(lambda: dash_duo.find_element("#changes-previous").click() or True, 10,
                   message="the previous month")
        dash_duo.wait_for_text_to_equal("#changes-title", f"What changed: {month}")
    assert query(dash_duo)["from"] == ["2025-05"] and query(dash_duo)["to"] == ["2025-05"]
    stances = dash_duo.find_element("#changes-stances-list").text
    assert "Claudia Sheinbaum Pardo: no stance before → Decline to take a position" in stances
    dash_duo.driver.back()
    dash_duo.wait_for_text_to_equal("#changes-title", "What changed: June 2025")
    no_errors(dash_duo)


def test_the_changes_page_in_spanish_on_a_phone(dash_duo: Any, app: Any) -> None:
    open_page(dash_duo, app, f"/campaigns/{CAMPAIGN}/changes?from=2024-04&to=2024-05&lang=es",
              width=390)
    dash_duo.wait_for_text_to_equal("#changes-title",
                                    "Qué cambió: de abril de 2024 a mayo de 2024")
    relations = dash_duo.find_element("#changes-relations-list").text
    assert "Ecuador" in relations and "Rotas" in relations
    feed = dash_duo.find_element("#changes-feed").get_attribute("href")
    assert feed.endswith(f"/feeds/campaigns/{CAMPAIGN}/changes.atom?lang=es")
    fits(dash_duo)
    no_errors(dash_duo)
