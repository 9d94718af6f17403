"""Shared test set-up."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                   ) -> None:
    """Every test gets its own loader cache folder, never the user's."""
    monkeypatch.setenv("TIMELINE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


# ------------------------------------------------------------------ browser tests
# Browser tests (marked ``browser``) drive the real app in Debian's headless Chromium
# through Dash's ``dash_duo`` fixture. ``pytest`` alone runs them headless; the browser
# is installed with apt-get when missing and we are root, else the tests fail saying
# what to install: CI must run them, never skip them.


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config.option, "headless"):
        config.option.headless = True  # dash[testing]'s --headless, always on


@pytest.hookimpl(optionalhook=True)  # the hook exists when dash[testing] is installed
def pytest_setup_options() -> object:
    """Dash's hook: the Selenium options its ``dash_duo`` browser starts with."""
    from browser_kit import chrome_options

    return chrome_options()


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium and chromedriver, installed on first use if we may."""
    from browser_kit import BrowserMissing, ensure_chromium

    try:
        return ensure_chromium()
    except (BrowserMissing, OSError) as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(autouse=True)
def _browser_ready(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("browser") is not None:
        request.getfixturevalue("chromium")
    if "dash_duo" in request.fixturenames:
        from browser_kit import PATIENCE

        # Every wait is for a condition; this only bounds it, generously, so a busy
        # machine (two cores shared by several runs) makes the test slower, not red.
        request.getfixturevalue("dash_duo").wait_timeout = PATIENCE
