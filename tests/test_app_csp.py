"""The Content-Security-Policy in a real browser (issue 9): with no inline script allowed
at all the app still runs (Dash's start-up and every clientside callback, the router's
included, are files), and an inline script that got into a page some other way does
not run."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Response

from browser_kit import SETTINGS, free_port, wait_for_timeline, wait_until, write_dataset
from timeline.app import AppSettings, create_app
from timeline.validate.loader import load_dataset

pytestmark = pytest.mark.browser

INJECTED = "<script>window.injected = 1</script>"


def test_the_app_runs_under_the_policy_and_an_injected_script_does_not(
        dash_duo: Any, tmp_path: Path) -> None:
    settings = {**SETTINGS, "title": {"en": "</title><script>window.pwned = 1</script>",
                                      "es": "Título"}}
    report = load_dataset(write_dataset(tmp_path / "data", settings=settings))
    app = create_app(report.dataset, AppSettings(today=date(2025, 6, 1)))

    @app.server.after_request
    def inject(response: Response) -> Response:
        """What an escaping bug would do: an inline script inside the page."""
        if response.mimetype == "text/html" and not response.direct_passthrough:
            body = response.get_data(as_text=True)
            response.set_data(body.replace("</body>", INJECTED + "</body>", 1))
        return response

    dash_duo.start_server(app, port=free_port())
    dash_duo.wait_for_text_to_equal("#timeline-count", "6 of 6 events", timeout=30)
    wait_for_timeline(dash_duo.driver)
    assert INJECTED in dash_duo.driver.page_source or "window.injected" in (
        dash_duo.driver.page_source)
    driver = dash_duo.driver
    assert driver.execute_script("return window.injected === undefined")
    assert driver.execute_script("return window.pwned === undefined")
    assert driver.title.startswith("</title><script>")  # shown as text
    # the page works: a filter through a clientside-and-server round trip
    dash_duo.find_element("#timeline-search").send_keys("Zócalo")
    wait_until(lambda: dash_duo.find_element("#timeline-count").text == "1 of 6 events",
               20, message="the search to filter the timeline")
    errors = [e["message"] for e in dash_duo.get_logs() if e["level"] == "SEVERE"]
    # the one refusal is the injected script's; nothing of the app's own was refused
    assert errors and all("Content Security Policy" in e for e in errors), errors
    assert len(errors) == 1, errors
