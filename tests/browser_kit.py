"""What the browser tests, the screenshot script and the app benchmark share.

* :func:`chrome_options`: Debian's Chromium, headless, quiet (no network of its own);
* :func:`ensure_chromium`: install ``chromium`` and ``chromium-driver`` with apt-get
  when they are missing and we are root, else explain what to install;
* :func:`serve_in_thread`: a real Werkzeug server for an app, on a free port;
* :func:`wait_for_timeline` and :func:`save_screenshot`: the screenshot code path,
  used by ``docs/make_screenshot.py`` and by a browser test into ``tmp_path``;
* :func:`write_dataset`: a data folder written as real YAML record files (every test's
  one writer), and :func:`load`, which reads it back and insists it is valid.

It imports no test framework, so plain scripts can use it (they put ``tests/`` on
``sys.path``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROME_ARGUMENTS = (
    "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-quic", "--disable-extensions",
    "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
    # Headless Chromium has no GPU here: WebGL runs on SwiftShader, which newer
    # versions only use when asked (otherwise a console warning on every WebGL page).
    "--enable-unsafe-swiftshader",
)


class BrowserMissing(RuntimeError):
    """Chromium or its driver is not installed and cannot be installed here."""


def chromium_binary() -> str | None:
    found = next((p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None)
    return found or shutil.which("chromium") or shutil.which("chromium-browser")


def chromedriver_binary() -> str | None:
    return shutil.which("chromedriver") or (
        "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)


def ensure_chromium() -> str:
    """The Chromium binary, installing Debian's packages first if needed and allowed."""
    if chromium_binary() and chromedriver_binary():
        return str(chromium_binary())
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=environment)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"],
                       check=True, env=environment)
        if chromium_binary() and chromedriver_binary():
            return str(chromium_binary())
    raise BrowserMissing(
        "the browser tests need Debian's Chromium and its driver: run "
        "`sudo apt-get install chromium chromium-driver` (as root the tests install them "
        "themselves), then run pytest again")


def chrome_options(width: int = 1400, height: int = 1000) -> Any:
    """Selenium options for headless Chromium at a desktop size."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    binary = chromium_binary()
    if binary:
        options.binary_location = binary
    for argument in CHROME_ARGUMENTS:
        options.add_argument(argument)
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument("--lang=en-GB")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return options


def new_driver(width: int = 1400, height: int = 1000, *, phone: bool = False) -> Any:
    """Headless Chromium with a window of this size (``phone``: emulated as a phone's
    screen, touch and pixel ratio, as Lighthouse's mobile preset)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    ensure_chromium()
    options = chrome_options(width, height)
    if phone:
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": width, "height": height, "pixelRatio": 1.75}})
    service = Service(executable_path=chromedriver_binary())
    return webdriver.Chrome(service=service, options=options)


@contextmanager
def serve_in_thread(app: Any, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve a Dash app with a real threaded Werkzeug server; yield its base URL."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
            pass  # one line per request would drown the output

    server = make_server(host, 0, app.server, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


# How long any wait for a condition may last before the test fails: an upper bound, not
# a delay (a wait ends as soon as its condition holds), generous for a loaded machine.
PATIENCE = 60.0


def wait_until(condition: Callable[[], Any], timeout: float = PATIENCE, interval: float = 0.05,
               message: str = "condition") -> Any:
    """Poll ``condition`` until it returns something truthy; raise after ``timeout``."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception as error:  # the page may be re-rendering under us
            last_error = error
            value = None
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out waiting for {message}" + (
        f" (last error: {last_error})" if last_error else ""))


DRAWN_SCRIPT = """
var graph = document.querySelector('#timeline-graph .js-plotly-plot');
if (!graph || !graph._fullData || !graph.querySelector('.main-svg')) { return false; }
// dcc.Graph listens for zooms and clicks only once Plotly has finished drawing
var events = graph._ev && graph._ev._events;
if (!events || !events.plotly_relayout || !events.plotly_click) { return false; }
return graph._fullData.length > 0 || !!graph._fullLayout.annotations.length;
"""


# Dash has drawn its page and app/document.py's copy of the server's is gone.
TAKEN_OVER = ("!document.getElementById('server-page') && "
              "!!document.querySelector('#react-entry-point .site-main')")
APP_READY_SCRIPT = """
if (!document.getElementById('_dash-config')) {
    // a page served without Dash (app/document.py): the server's page is the page
    return document.readyState === 'complete' && !!document.querySelector('.site-main');
}
return """ + TAKEN_OVER + ";"


def tap(driver: Any, selector: str) -> None:
    """A real mouse press and release on the middle of ``selector`` (scrolled into
    view), as the reader's finger: through the browser's input pipeline (the DevTools
    protocol), wherever the element is, even where Selenium's own click refuses it."""
    driver.execute_script("document.querySelector(arguments[0]).scrollIntoView("
                          "{block: 'center'});", selector)
    x, y = driver.execute_script(
        "var box = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return [box.x + box.width / 2, box.y + box.height / 2];", selector)
    for kind in ("mousePressed", "mouseReleased"):
        driver.execute_cdp_cmd("Input.dispatchMouseEvent", {
            "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})


def wait_for_load(driver: Any, timeout: float = PATIENCE, what: str = "the page") -> None:
    """Wait until the page (and its deferred scripts) has loaded."""
    wait_until(lambda: driver.execute_script("return document.readyState") == "complete",
               timeout, message=f"{what} to load")


def start_dash(driver: Any, timeout: float = PATIENCE) -> None:
    """Reach for the page as a reader does (a key press: Shift, which does nothing
    else), which starts Dash (static/boot.js); a page served without Dash ignores it."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    wait_for_load(driver, timeout)
    if driver.execute_script(
            "return !!document.getElementById('dash-boot') && "
            "document.documentElement.getAttribute('data-dash') !== 'starting';"):
        ActionChains(driver).send_keys(Keys.SHIFT).perform()


def wait_for_app(driver: Any, timeout: float = PATIENCE) -> None:
    """Start Dash as a reader would (:func:`start_dash`) and wait until it has taken
    over the page the server drew (app/document.py): until then the page's elements
    are the server's copy, which the app then replaces. A page served without Dash (no
    callbacks: the campaign, changes and actor pages) is ready once loaded."""
    start_dash(driver, timeout)
    wait_until(lambda: driver.execute_script(APP_READY_SCRIPT), timeout,
               message="the app to take over the server's page")


def wait_for_timeline(driver: Any, timeout: float = PATIENCE) -> None:
    """Wait until the timeline chart has drawn its traces (or its empty message)."""
    wait_for_app(driver, timeout)
    wait_until(lambda: driver.execute_script(DRAWN_SCRIPT), timeout, message="the timeline")


def save_screenshot(driver: Any, url: str, path: Path, width: int = 1440,
                    height: int = 1000) -> Path:
    """Open ``url`` at a desktop size, wait for the timeline, save a PNG at ``path``."""
    driver.set_window_size(width, height)
    driver.get(url)
    wait_for_app(driver)
    wait_for_timeline(driver)
    wait_until(lambda: driver.execute_script(
        "return document.fonts ? document.fonts.status === 'loaded' : true"), 10)
    time.sleep(0.6)  # let Plotly finish its transitions and the WebGL canvas paint
    # The inner size decides what is captured; fix it, whatever the window frame is.
    inner = driver.execute_script("return [window.innerWidth, window.innerHeight]")
    driver.set_window_size(width + (width - inner[0]), height + (height - inner[1]))
    time.sleep(0.3)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not driver.save_screenshot(str(path)):
        raise RuntimeError(f"could not save a screenshot to {path}")
    return path


SCREENSHOT_QUERY = ("?from=2022&event="
                    "2025-05-21-jenin-diplomats-shot-at")


# ------------------------------------------------------------------ small datasets


SETTINGS: dict[str, Any] = {
    "title": {"en": "Browser test timeline", "es": "Cronología de prueba del navegador"},
    "description": {"en": "Six events written by the browser tests.",
                    "es": "Seis eventos escritos por las pruebas del navegador."},
    "languages": ["en", "es"],
    "timezone": "UTC",
    "repository": "https://github.com/example/campaign-data.git",
}

ACTORS: dict[str, dict[str, Any]] = {
    "ana-lopez": {"name": {"en": "Ana López", "es": "Ana López"}, "kind": "person",
                  "countries": ["MX"]},
    "teachers-union": {"name": {"en": "Teachers' Union", "es": "Sindicato de Maestros"},
                       "kind": "union", "countries": ["MX"], "aliases": ["SNTE"]},
    "government-of-mexico": {"name": {"en": "Government of Mexico",
                                      "es": "Gobierno de México"},
                             "kind": "government", "countries": ["MX"]},
}

CAMPAIGNS: dict[str, dict[str, Any]] = {
    "break-ties": {"name": {"en": "Break ties", "es": "Romper relaciones"},
                   "countries": ["MX"], "started": "2023-10",
                   "demands": [{"id": "break", "text": {"en": "Break relations",
                                                         "es": "Romper relaciones"}}]},
}

HOSTILE_SUMMARY = (
    "**Thousands** marched to the Zócalo. [Report](https://example.org/report) "
    "[bad link](javascript:alert(1)) <script>window.pwned = 1</script> "
    "<img src=x onerror=\"window.pwned = 2\">\n\n- first\n- second"
)


def _source(name: str, **extra: Any) -> dict[str, Any]:
    return {"url": f"https://news.example.org/{name}", "title": f"Report on {name}",
            "publisher": "Example News", **extra}


EVENTS: dict[str, dict[str, Any]] = {
    "2025-05-21-march-in-mexico-city": {
        "title": {"en": "March in Mexico City", "es": "Marcha en la Ciudad de México"},
        "date": "2025-05-21", "type": "march", "countries": ["MX"],
        "actors": ["ana-lopez", "teachers-union"], "campaigns": ["break-ties"],
        "demands": [{"demand": "break-ties/break", "stance": "supports",
                     "by": ["ana-lopez", "teachers-union"]}],
        "location": {"name": "Zócalo", "country": "MX", "lat": 19.43, "lon": -99.13},
        "summary": {"en": HOSTILE_SUMMARY, "es": "Miles marcharon al **Zócalo**."},
        "sources": [
            _source("the-march", date="2025-05-21",
                    archive_url="https://web.archive.org/web/2025/the-march"),
            _source("the-crowd", publisher="Diario Ejemplo", date="2025-05-22"),
        ],
        "tags": ["protest"],
    },
    "2025-05-hunger-strike-at-the-senate": {
        "title": {"en": "Hunger strike at the Senate", "es": "Huelga de hambre en el Senado"},
        "date": "2025-05", "type": "hunger-strike", "countries": ["MX"],
        "actors": ["teachers-union"], "sources": [_source("hunger-strike")],
    },
    "2013-training-programme-in-chiapas": {
        "title": {"en": "Training programme in Chiapas",
                  "es": "Programa de capacitación en Chiapas"},
        "date": "2013~", "type": "security-cooperation", "countries": ["MX", "IL"],
        "actors": ["government-of-mexico"], "sources": [_source("training")],
    },
    "2024-04-05-mexico-breaks-relations-with-ecuador": {
        "title": {"en": "Mexico breaks relations with Ecuador",
                  "es": "México rompe relaciones con Ecuador"},
        "date": "2024-04-05", "type": "relations-broken", "countries": ["MX", "EC"],
        "actors": ["government-of-mexico"], "sources": [_source("ecuador")],
    },
    "2024-04-10-sit-in-in-quito": {
        "title": {"en": "Statement by the Secretaría de Relaciones Exteriores in Quito",
                  "es": "Comunicado de la Secretaría de Relaciones Exteriores en Quito"},
        "date": "2024-04-10/2024-04-20", "type": "sit-in", "countries": ["EC"],
        "sources": [_source("quito")],
    },
    "2023-10-01-boycott-campaign": {
        "title": {"en": "Boycott campaign begins", "es": "Comienza la campaña de boicot"},
        "date": "2023-10-01/..", "type": "boycott", "countries": ["MX"],
        "sources": [_source("boycott")], "tags": ["boycott"],
    },
}


def write_dataset(root: Path, events: Mapping[str, Mapping[str, Any] | str] | None = None, *,
                  settings: Mapping[str, Any] | str | None = None,
                  actors: Mapping[str, Mapping[str, Any]] | None = None,
                  campaigns: Mapping[str, Mapping[str, Any]] | None = None,
                  extra_files: Mapping[str, str] | None = None,
                  year: str | None = None) -> Path:
    """Write a data folder under ``root``: the one helper every test writes data with.

    ``events`` maps an id (or a file name) to a record, written as YAML, or to the raw
    text of its file; each goes in its year's folder (the record's date, else the id's
    first four characters; ``year`` puts them all in one, made even when empty).
    Defaults: the six events, three actors and one campaign above, and their settings;
    ``settings`` may be raw text. Pass ``{}`` for no actors or campaigns.
    """
    root.mkdir(parents=True, exist_ok=True)

    def dump(path: Path, data: Mapping[str, Any] | str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data if isinstance(data, str) else yaml.safe_dump(
            dict(data), allow_unicode=True, sort_keys=False), encoding="utf-8")

    dump(root / "timeline.yaml", SETTINGS if settings is None else settings)
    for actor_id, actor in (ACTORS if actors is None else actors).items():
        dump(root / "actors" / f"{actor_id}.yaml", actor)
    for campaign_id, campaign in (CAMPAIGNS if campaigns is None else campaigns).items():
        dump(root / "campaigns" / f"{campaign_id}.yaml", campaign)
    if year is not None:
        (root / year).mkdir(exist_ok=True)
    for name, event in (EVENTS if events is None else events).items():
        written = event.get("date") if isinstance(event, Mapping) else None
        folder = year or (str(written)[:4] if isinstance(written, str) else name[:4])
        dump(root / folder / (name if name.endswith((".yaml", ".yml")) else f"{name}.yaml"),
             event)
    for relative, text in (extra_files or {}).items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


def load(root: Path) -> Any:
    """The dataset of ``root``, insisting that every record is valid (a typo in a test's
    data must fail the test, not shrink what it checks)."""
    from timeline.validate.loader import load_dataset

    report = load_dataset(root, use_cache=False)
    assert not report.errors, [p.as_text() for p in report.errors]
    return report.dataset


def free_port(host: str = "127.0.0.1") -> int:
    """A port no one listens on now, so that several test runs (or xdist workers) on one
    machine never fight over Dash's default 8050."""
    import socket

    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])
