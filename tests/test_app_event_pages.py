"""An event's own page and the timeline in a real browser: the way between them.

The page is asserted without a browser in test_event_pages.py; here Chromium follows
the links a reader follows: the timeline's "Permanent link" is a whole page load of
/events/<id> (not the in-app router, which does not know that page), and the page's
"See it on the timeline" opens the timeline with the event's detail.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from browser_kit import free_port, wait_for_app, wait_for_timeline, wait_until, write_dataset
from timeline.app import AppSettings, create_app
from timeline.validate.loader import load_dataset

pytestmark = pytest.mark.browser

MARCH = "2025-05-21-march-in-mexico-city"


def test_from_the_timeline_to_the_event_page_and_back(dash_duo: Any, tmp_path: Path
                                                      ) -> None:
    report = load_dataset(write_dataset(tmp_path / "data"))
    app = create_app(report.dataset, AppSettings(today=date(2025, 6, 1)))
    dash_duo.start_server(app, port=free_port())
    driver = dash_duo.driver
    driver.get(f"{dash_duo.server_url}/?event={MARCH}&lang=es")
    wait_for_app(driver)  # the app has taken over the server's copy
    link = dash_duo.wait_for_element("#timeline-detail .detail-permalink", timeout=40)
    assert link.text == "Enlace permanente"
    link.click()
    wait_until(lambda: driver.current_url.endswith(f"/events/{MARCH}?lang=es"), 40,
               message="the event's own page")
    heading = dash_duo.wait_for_element("article.event-page h1", timeout=40)
    assert heading.text == "Marcha en la Ciudad de México"
    assert driver.execute_script("return document.documentElement.lang") == "es"
    assert driver.execute_script("return typeof window.dash_clientside") == "undefined"
    dash_duo.find_element("a.on-timeline").click()
    wait_until(lambda: "/?event=" in driver.current_url, 40, message="the timeline")
    wait_for_timeline(driver, 60)
    title = dash_duo.wait_for_element("#timeline-detail-title", timeout=40)
    assert title.text == "Marcha en la Ciudad de México"
    errors = [entry for entry in dash_duo.get_logs() if entry["level"] == "SEVERE"]
    assert errors == []
