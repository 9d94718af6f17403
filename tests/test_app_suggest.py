"""The "Suggest an event" form in a real headless Chromium: fill, see the errors, fix,
get the file (downloaded, and through GitHub's address decoded back), on a phone's
width and in Spanish too."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_kit import free_port, wait_for_app, wait_until, write_dataset
from timeline.app import AppSettings, create_app
from timeline.validate.loader import load_dataset

pytestmark = pytest.mark.browser


@pytest.fixture
def app(tmp_path: Path) -> Any:
    folder = write_dataset(tmp_path / "events")
    return create_app(load_dataset(folder).dataset,
                      AppSettings(today=date(2025, 6, 10), warm=False))


def open_form(dash_duo: Any, app: Any, query: str = "") -> None:
    dash_duo.start_server(app, port=free_port())
    dash_duo.driver.get(dash_duo.server_url + "/suggest" + query)
    wait_for_app(dash_duo.driver)  # the app has taken over the server's copy
    dash_duo.wait_for_element("#suggest-check", timeout=20)


def type_into(dash_duo: Any, slot: str, text: str) -> None:
    field = dash_duo.find_element(f"#suggest-{slot}")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    field.send_keys(text)


def choose(dash_duo: Any, slot: str, search: str, label: str) -> None:
    """Open a dropdown, search it by typing, pick the option, close it with Escape."""
    dash_duo.find_element(f"#suggest-{slot}").click()
    wait_until(lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR,
                                                      ".dash-dropdown-options"), 10)
    dash_duo.driver.switch_to.active_element.send_keys(search)

    def option() -> Any:
        for item in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option"):
            if item.text == label:
                return item
        return None

    wait_until(option, 10, message=f"option {label!r} in #suggest-{slot}")
    option().click()
    dash_duo.driver.switch_to.active_element.send_keys(Keys.ESCAPE)


def text_of(dash_duo: Any, selector: str) -> str:
    found = dash_duo.driver.find_elements(By.CSS_SELECTOR, selector)
    return found[0].text if found else ""


def test_fill_see_errors_fix_and_get_the_file(dash_duo: Any, app: Any, tmp_path: Path
                                              ) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    dash_duo.driver.execute_cdp_cmd("Page.setDownloadBehavior", {
        "behavior": "allow", "downloadPath": str(downloads)})
    open_form(dash_duo, app)
    driver = dash_duo.driver

    type_into(dash_duo, "title-en", "Teachers march to the Senate")
    type_into(dash_duo, "date", "21/05/2025")
    wait_until(lambda: "write the year first" in text_of(dash_duo, "#suggest-date-reads"),
               10, message="the date's live message")
    type_into(dash_duo, "source-0-url", "javascript:alert(1)")
    dash_duo.find_element("#suggest-check").click()

    wait_until(lambda: "problems" in text_of(dash_duo, "#suggest-status"), 15,
               message="the problems are counted")
    date_message = text_of(dash_duo, "#suggest-date-msg")
    assert date_message.startswith("'21/05/2025' is not a valid date: write the year first")
    assert text_of(dash_duo, "#suggest-source-0-url-msg").startswith(
        "'javascript:alert(1)' is not an http(s) link")
    assert "needs at least one item" in text_of(dash_duo, "#suggest-countries-msg")
    # Focus goes to the first field with a problem, described by its message.
    wait_until(lambda: driver.switch_to.active_element.get_attribute("id") == "suggest-date",
               10, message="focus on the first problem")
    date_input = dash_duo.find_element("#suggest-date")
    assert date_input.get_attribute("aria-invalid") == "true"
    assert date_input.get_attribute("aria-describedby") == (
        "suggest-date-hint suggest-date-msg")
    assert date_input.accessible_name.startswith("Date")

    type_into(dash_duo, "date", "2025-06-05")
    wait_until(lambda: text_of(dash_duo, "#suggest-date-reads") == "Reads as: 5 June 2025",
               10, message="the date reads in words")
    choose(dash_duo, "type", "March", "March: People marched or rallied in the street.")
    choose(dash_duo, "countries", "Mexi", "Mexico (MX)")
    type_into(dash_duo, "source-0-url", "https://example.org/news/teachers")
    type_into(dash_duo, "summary-en", "Teachers **marched**.")
    wait_until(lambda: driver.find_elements(By.CSS_SELECTOR,
                                            "#suggest-summary-en-preview strong"), 10,
               message="the summary preview")
    dash_duo.find_element("#suggest-check").click()

    wait_until(lambda: text_of(dash_duo, "#suggest-status").startswith("The file is ready"),
               15, message="the file is ready")
    assert text_of(dash_duo, "#suggest-date-msg") == ""
    assert dash_duo.find_element("#suggest-date").get_attribute("aria-invalid") is None
    shown = dash_duo.find_element("#suggest-file-text").get_attribute("textContent")
    assert shown.startswith("# One event of the timeline")
    assert "title: Teachers march to the Senate\ndate: '2025-06-05'\ntype: march\n" in shown
    wait_until(lambda: driver.switch_to.active_element.get_attribute("id")
               == "suggest-result-title", 10, message="focus on the result")

    github = dash_duo.find_element("#suggest-github-link").get_attribute("href")
    query = parse_qs(urlsplit(github).query, keep_blank_values=True)
    assert urlsplit(github).path == "/example/campaign-data/new/main"
    assert query["filename"] == ["events/2025/2025-06-05-teachers-march-to-the-senate.yaml"]
    assert query["value"] == [shown]

    dash_duo.find_element("#suggest-download-button").click()
    target = downloads / "2025-06-05-teachers-march-to-the-senate.yaml"
    wait_until(target.is_file, 15, message="the downloaded file")
    wait_until(lambda: target.read_text(encoding="utf-8") == shown, 10,
               message="the download is the file shown")
    assert not dash_duo.get_logs()


def test_a_phone_in_spanish(dash_duo: Any, app: Any) -> None:
    dash_duo.driver.set_window_size(390, 844)
    open_form(dash_duo, app, "?lang=es")
    assert dash_duo.find_element("#suggest-title").text == "Proponer un evento"
    assert dash_duo.find_element("#suggest-check").text == "Revisar y crear el archivo"
    type_into(dash_duo, "date", "2013~")
    wait_until(lambda: text_of(dash_duo, "#suggest-date-reads") == "Se leerá: hacia 2013", 10,
               message="the date in Spanish")
    dash_duo.find_element("#suggest-check").click()
    wait_until(lambda: "problemas" in text_of(dash_duo, "#suggest-status"), 15,
               message="the problems, in Spanish")
    overflow = dash_duo.driver.execute_script(
        "return document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the form is {overflow}px wider than the phone"
    header = dash_duo.find_element(".site-nav").text
    assert "Proponer un evento" in header


def test_pick_actors_by_search_and_a_new_actor_as_a_stance_holder(
        dash_duo: Any, tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "events")
    app = create_app(load_dataset(folder).dataset,
                     AppSettings(today=date(2025, 6, 10), warm=False))
    open_form(dash_duo, app)
    type_into(dash_duo, "title-en", "Miners back the teachers")
    type_into(dash_duo, "date", "2025-06-06")
    choose(dash_duo, "type", "Statement", "Statement: Someone said or published something.")
    choose(dash_duo, "countries", "Mexi", "Mexico (MX)")
    type_into(dash_duo, "source-0-url", "https://example.org/news/miners")
    # an actor of the registry, found by typing part of the name (options from the server)
    choose(dash_duo, "actors", "lóp", "Ana López (ana-lopez)")
    # a new actor, then chosen as the one who took the stance
    dash_duo.find_element("#suggest-new-actor summary").click()
    type_into(dash_duo, "actor-name", "Sindicato Minero")
    choose(dash_duo, "actor-kind", "Uni", "Union")
    choose(dash_duo, "campaigns", "Break", "Break ties")
    choose(dash_duo, "demand-0", "Break", "Break ties: Break relations")
    choose(dash_duo, "stance-0", "Supp", "Support")
    choose(dash_duo, "by-0", "Sindi", "Sindicato Minero (sindicato-minero, new)")
    type_into(dash_duo, "quote-0-es", "Romper ya")
    # a media item, in its folded section: a problem there opens it and takes the focus
    media = dash_duo.find_element("#suggest-media-0").find_element(By.XPATH, "..")
    media.find_element(By.TAG_NAME, "summary").click()
    type_into(dash_duo, "media-0-url", "javascript:alert(1)")
    choose(dash_duo, "media-0-kind", "vid", "video")
    media.find_element(By.TAG_NAME, "summary").click()  # folded again
    assert media.get_attribute("open") is None
    dash_duo.find_element("#suggest-check").click()
    wait_until(lambda: "problem" in text_of(dash_duo, "#suggest-status"), 20,
               message="the media problem is counted")
    assert text_of(dash_duo, "#suggest-media-0-url-msg").startswith(
        "'javascript:alert(1)' is not an http(s) link")
    wait_until(lambda: dash_duo.driver.switch_to.active_element.get_attribute("id")
               == "suggest-media-0-url", 10, message="focus on the media problem")
    assert media.get_attribute("open") is not None
    type_into(dash_duo, "media-0-url", "https://example.org/video")
    dash_duo.find_element("#suggest-check").click()

    wait_until(lambda: text_of(dash_duo, "#suggest-status").startswith("The file is ready"),
               20, message="the file is ready")
    event_text = dash_duo.find_element("#suggest-file-text").get_attribute("textContent")
    actor_text = dash_duo.find_element("#suggest-actor-text").get_attribute("textContent")
    assert "actors:\n- ana-lopez\n- sindicato-minero\n" in event_text
    assert ("  by:\n  - sindicato-minero\n  quote:\n    es: Romper ya\n") in event_text
    assert actor_text.endswith("name: Sindicato Minero\nkind: union\n")
    assert event_text.endswith("media:\n- url: https://example.org/video\n  kind: video\n")
    (folder / "2025" / "2025-06-06-miners-back-the-teachers.yaml").write_text(
        event_text, encoding="utf-8")
    (folder / "actors" / "sindicato-minero.yaml").write_text(actor_text, encoding="utf-8")
    report = load_dataset(folder, use_cache=False)
    assert not report.problems, report.problems
    event = report.dataset.by_id["2025-06-06-miners-back-the-teachers"]
    assert event.demands[0].by == ("sindicato-minero",)
    assert not dash_duo.get_logs()
