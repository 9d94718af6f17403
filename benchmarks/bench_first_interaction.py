"""What the reader's first touch costs: from tapping a control to using it, on a phone.

Dash's pages arrive as the server drew them and start Dash only when the reader first
reaches for the page (``static/boot.js``); Lighthouse, which never touches the page,
does not see that cost. This measures it: headless Chromium emulating a phone (412 x
823), its CPU slowed 4x and its network throttled to Lighthouse's slow 4G (150 ms round
trip, 1.6 Mbit/s down), opens each Dash page served by ``timeline serve`` on a free
local port, taps one of its controls (real input events through the DevTools protocol)
``--read`` seconds after the page has loaded (the reader reads first; meanwhile the
page prefetches Dash's scripts), and reports, per page, the median over ``--runs``:

* ``ready ms``: from the tap to the moment Dash has drawn the page and the same control
  has the focus again (the reader can type or choose; on the timeline, the filters'
  disclosure a phone shows folded, open);
* ``blocking ms``: the main thread's long tasks in that time, beyond 50 ms each (what
  makes the page feel stuck);
* the same two with the browser's cache warm (a second visit: Dash's scripts cached).

Run (Selenium comes with the test extras; Debian's chromium and chromium-driver)::

    .venv/bin/python benchmarks/bench_first_interaction.py [--runs 3] [--read 5] \
        [--data events]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_lighthouse import serving  # noqa: E402

sys.path.insert(0, str(HERE.parent / "tests"))
from browser_kit import TAKEN_OVER, new_driver, tap  # noqa: E402

# page -> (the control a reader reaches for first on a phone, "usable" in Dash)
CONTROLS = {
    "/": ("#timeline-filters-details summary",
          TAKEN_OVER + " && document.getElementById('timeline-filters-details').open"
          " && document.activeElement.tagName === 'SUMMARY'"),
    "/relations": ("#relations-date",
                   TAKEN_OVER + " && document.activeElement.id === 'relations-date'"),
    "/map": ("#map-search", TAKEN_OVER + " && document.activeElement.id === 'map-search'"),
    "/suggest": ("#suggest-title-en",
                 TAKEN_OVER + " && document.activeElement.id === 'suggest-title-en'"),
}
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1_638_400 / 8,
           "uploadThroughput": 675_000 / 8}
WATCH = """
window.__boot = {tap: null, ready: null, blocking: 0};
new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (task) {
        if (window.__boot.tap !== null && window.__boot.ready === null) {
            window.__boot.blocking += Math.max(0, task.duration - 50);
        }
    });
}).observe({type: 'longtask'});
document.addEventListener('pointerdown', function () {
    if (window.__boot.tap === null) { window.__boot.tap = performance.now(); }
}, true);
(function check() {
    if (window.__boot.tap !== null && window.__boot.ready === null && (READY)) {
        window.__boot.ready = performance.now();
    }
    requestAnimationFrame(check);
})();
"""


def browser() -> Any:
    """The tests' headless Chromium (browser_kit), as a phone: its screen, CPU and network."""
    driver = new_driver(412, 823, phone=True)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", SLOW_4G)
    driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 4})
    return driver


def first_touch(driver: Any, url: str, control: str, ready: str, read: float
                ) -> tuple[float, float]:
    """(ms from the tap to the control being usable in Dash, blocking ms meanwhile)."""
    watcher = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {
        "source": WATCH.replace("READY", ready)})
    try:
        driver.get(url)
        deadline = time.monotonic() + 120
        while driver.execute_script("return document.readyState") != "complete":
            if time.monotonic() > deadline:
                raise SystemExit(f"{url} did not load in 2 minutes")
            time.sleep(0.2)
        time.sleep(read)  # the reader reads first
        tap(driver, control)
        while True:
            found = driver.execute_script("return window.__boot")
            if found["ready"] is not None:
                return found["ready"] - found["tap"], found["blocking"]
            if time.monotonic() > deadline:
                raise SystemExit(f"{url}: {control} did not come back within 2 minutes")
            time.sleep(0.1)
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument",
                               {"identifier": watcher["identifier"]})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=HERE.parent / "events")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--read", type=float, default=5.0,
                        help="seconds between the page's load and the tap")
    args = parser.parse_args()
    print("page        | ready ms (cold) | blocking ms (cold) | ready ms (warm) | "
          "blocking ms (warm)")
    print("---|---|---|---|---")
    with serving(args.data) as base:
        for path, (control, ready) in CONTROLS.items():
            cold: list[tuple[float, float]] = []
            warm: list[tuple[float, float]] = []
            for _ in range(args.runs):
                driver = browser()
                try:
                    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
                    cold.append(first_touch(driver, base + path, control, ready, args.read))
                    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
                    first_touch(driver, base + path, control, ready, args.read)  # fills the cache
                    warm.append(first_touch(driver, base + path, control, ready, args.read))
                finally:
                    driver.quit()
            print(f"{path:11} | {statistics.median(c[0] for c in cold):15.0f} | "
                  f"{statistics.median(c[1] for c in cold):18.0f} | "
                  f"{statistics.median(w[0] for w in warm):15.0f} | "
                  f"{statistics.median(w[1] for w in warm):18.0f}", flush=True)


if __name__ == "__main__":
    main()
