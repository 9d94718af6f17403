"""How fast the timeline app draws and redraws, measured in headless Chromium.

For each size (default 1,000, 10,000 and 100,000 generated events) this serves the app
with a real threaded server, opens it in Debian's headless Chromium and measures:

* first draw: from navigation start until the timeline chart has drawn (the first
  animation frame after Plotly has drawn it; before Dash, which starts when the reader
  first reaches for the page) and the count is on the page;
* each filter change until the timeline, the momentum chart and the count are redrawn,
  from a control (a dropdown option, the reset button) and from a URL change (the
  back button), including going back to all events;
* the server time of the callbacks of each change (and of the drawing callback alone),
  timed around each ``/_dash-update-component`` request in the server;
* the bytes the browser received per change (Resource Timing of the callback requests).

Every measurement is repeated (``--rounds``) with a fresh page load; the table shows
the median and the worst. Round 1 meets an empty view cache on the server (except the
default view, computed at start); later rounds hit it, as a popular site would.

    .venv/bin/python benchmarks/bench_app.py [--sizes 1000 10000 100000] [--rounds 3]
        [--work /tmp/timeline-bench]

Data folders are generated once into ``--work`` (with benchmarks/generate.py) and
loaded through the loader's cache. Timings depend on the machine: note its load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

from generate import generate_dataset  # noqa: E402

from browser_kit import (  # noqa: E402
    new_driver,
    serve_in_thread,
    wait_for_timeline,
    wait_until,
)
from timeline.app import AppSettings, create_app  # noqa: E402
from timeline.validate.loader import load_dataset  # noqa: E402

PROBE = """
(function () {
  var probe = window.__probe = {drawn: null, timeline: 0, momentum: 0, count: 0, rows: 0,
                                 countText: ""};
  function graph(id) { return document.querySelector('#' + id + ' .js-plotly-plot'); }
  function listen(gd, name) {
    if (gd && !gd.__probed && gd.on) {
      gd.__probed = true;
      gd.on('plotly_afterplot', function () { probe[name] = performance.now(); });
    }
  }
  new MutationObserver(function (records) {
    var gd = graph('timeline-graph');
    var count = document.getElementById('timeline-count');
    listen(gd, 'timeline');
    listen(graph('timeline-momentum'), 'momentum');
    for (var i = 0; i < records.length; i++) {
      var target = records[i].target;
      if (target.id === 'timeline-rows' || (target.closest && target.closest('#timeline-rows'))) {
        probe.rows = performance.now();
        break;
      }
    }
    if (count && count.textContent !== probe.countText) {
      probe.countText = count.textContent;
      probe.count = performance.now();
    }
    if (probe.drawn === null && gd && gd._fullLayout && gd.querySelector('.main-svg')
        && gd._fullData && count) {
      probe.drawn = -1;
      requestAnimationFrame(function () { probe.drawn = performance.now(); });
    }
  }).observe(document, {subtree: true, childList: true, attributes: true,
                        characterData: true});
  document.addEventListener('click', function (event) {
    probe.input = event.timeStamp;
  }, true);
})();
"""

BYTES = """
return performance.getEntriesByType('resource')
  .filter(function (r) { return r.name.indexOf('_dash-update-component') >= 0; })
  .map(function (r) { return r.transferSize || r.encodedBodySize; });
"""


@dataclass
class ServerLog:
    """Server-side time of every callback request, recorded by Flask hooks."""

    entries: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def install(self, server: Any) -> None:
        from flask import g, request

        @server.before_request
        def started() -> None:
            g.bench_started = time.perf_counter()

        @server.after_request
        def finished(response: Any) -> Any:
            if request.path.endswith("_dash-update-component"):
                body = request.get_json(silent=True) or {}
                with self.lock:
                    self.entries.append({
                        "ms": (time.perf_counter() - g.bench_started) * 1000,
                        "output": str(body.get("output", "")),
                        "bytes": response.calculate_content_length() or 0,
                    })
            return response

    def mark(self) -> int:
        with self.lock:
            return len(self.entries)

    def since(self, mark: int) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.entries[mark:])


@dataclass
class Sample:
    client_ms: float  # until the timeline chart and the count are redrawn
    all_ms: float  # until the momentum chart and the list are too
    server_ms: float
    draw_ms: float
    received: int
    requests: int


def dataset_folder(work: Path, size: int) -> Path:
    folder = work / f"events-{size}"
    if not (folder / "timeline.yaml").exists():
        print(f"generating {size:,} events into {folder} ...", flush=True)
        generate_dataset(folder, size, seed=size)
    return folder


PARTS = ("timeline", "count", "momentum", "rows")


def settle(driver: Any, since: float, timeout: float = 30.0) -> dict[str, float]:
    """Wait until every part has changed after ``since`` and the page is quiet."""
    def changed() -> Any:
        probe = driver.execute_script("return window.__probe")
        # the list may keep the same first rows (then nothing in it changes)
        return probe if all(probe[part] > since for part in PARTS[:3]) else None

    wait_until(changed, timeout, interval=0.02, message="the redraw")
    last = None
    while True:  # quiet for 400 ms: nothing else is coming
        time.sleep(0.4)
        probe = driver.execute_script("return window.__probe")
        now = {part: probe[part] for part in PARTS if probe[part] > since}
        if now == last:
            return now
        last = now


def measure(driver: Any, log: ServerLog, act: Callable[[], float]) -> Sample:
    """Run one change and measure it; ``act`` returns the page time it started at."""
    driver.execute_script("performance.clearResourceTimings();")
    mark = log.mark()
    started = act()
    done = settle(driver, started)
    served = log.since(mark)
    received = driver.execute_script(BYTES)
    draw = [e["ms"] for e in served if "timeline-graph.figure" in e["output"]]
    return Sample(max(done["timeline"], done["count"]) - started, max(done.values()) - started,
                  sum(e["ms"] for e in served), max(draw, default=0.0), int(sum(received)),
                  len(received))


def click_option(driver: Any, dropdown: str, label_start: str) -> Callable[[], float]:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    def act() -> float:
        driver.find_element(By.CSS_SELECTOR, dropdown).click()
        options = wait_until(lambda: driver.find_elements(
            By.CSS_SELECTOR, ".dash-dropdown-options .dash-dropdown-option"), 10)
        option = next(o for o in options if o.text.startswith(label_start))
        option.click()
        started = float(driver.execute_script("return window.__probe.input"))
        driver.find_element(By.CSS_SELECTOR, "body").send_keys(Keys.ESCAPE)
        return started

    return act


def click(driver: Any, selector: str) -> Callable[[], float]:
    from selenium.webdriver.common.by import By

    def act() -> float:
        driver.find_element(By.CSS_SELECTOR, selector).click()
        return float(driver.execute_script("return window.__probe.input"))

    return act


def history(driver: Any, step: int) -> Callable[[], float]:
    def act() -> float:
        return float(driver.execute_script(
            f"var t = performance.now(); history.go({step}); return t;"))

    return act


ACTIONS = (
    ("type=statement (control)", "control-type"),
    ("+ country=MX (control)", "control-country"),
    ("reset: all events (control)", "control-reset"),
    ("back: type+country (URL)", "back-1"),
    ("back: type (URL)", "back-2"),
    ("back: all events (URL)", "back-3"),
)


def run_size(size: int, rounds: int, work: Path) -> dict[str, Any]:
    folder = dataset_folder(work, size)
    started = time.perf_counter()
    report = load_dataset(folder)
    loaded = time.perf_counter() - started
    if report.errors:
        raise SystemExit(f"{folder}: {len(report.errors)} problems")
    started = time.perf_counter()
    app = create_app(report.dataset, AppSettings())
    built = time.perf_counter() - started
    log = ServerLog()
    log.install(app.server)
    results: dict[str, Any] = {"size": size, "load_s": loaded, "app_s": built,
                               "first_draw": [], "first_bytes": []}
    samples: dict[str, list[Sample]] = {key: [] for _, key in ACTIONS}
    with serve_in_thread(app) as url:
        driver = new_driver(1400, 1000)
        try:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})
            driver.get(url + "/")  # warm-up: the browser caches Dash's and Plotly's code
            wait_until(lambda: (driver.execute_script("return window.__probe.drawn") or 0)
                       > 0, 120, message="the first draw")
            for _ in range(rounds):
                driver.get("about:blank")
                driver.get(url + "/")
                drawn = wait_until(lambda: (driver.execute_script(
                    "return window.__probe.drawn") or 0) > 0 and driver.execute_script(
                    "return window.__probe.drawn"), 120, message="the first draw")
                results["first_draw"].append(float(drawn))
                results["first_bytes"].append(int(driver.execute_script(
                    "return performance.getEntriesByType('resource').reduce(function(a, r)"
                    " { return a + (r.transferSize || 0); }, 0)")))
                # the reader reaches for the page: Dash starts (static/boot.js) and
                # takes over; the changes below are made with its controls
                wait_for_timeline(driver)
                time.sleep(0.5)
                steps = {
                    "control-type": click_option(driver, "#timeline-type", "Statement"),
                    "control-country": click_option(driver, "#timeline-country", "Mexico"),
                    "control-reset": click(driver, "#timeline-reset"),
                    "back-1": history(driver, -1), "back-2": history(driver, -1),
                    "back-3": history(driver, -1),
                }
                for _, key in ACTIONS:
                    samples[key].append(measure(driver, log, steps[key]))
        finally:
            driver.quit()
    results["samples"] = samples
    return results


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def print_table(all_results: list[dict[str, Any]]) -> None:
    print()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} "
          "(other work on the machine shows in the worst cases)")
    print()
    header = (f"{'events':>8}  {'change':<30} {'chart ms':>9} {'worst':>6} {'all ms':>7} "
              f"{'server ms':>10} {'draw cb':>8} {'KB recv':>8} {'reqs':>5}")
    print(header)
    print("-" * len(header))
    for result in all_results:
        size = result["size"]
        first = result["first_draw"]
        print(f"{size:>8,}  {'first draw (navigation)':<30} {median(first):>9.0f} "
              f"{max(first):>6.0f} {'':>7} {'':>10} {'':>8} "
              f"{median(result['first_bytes']) / 1024:>8.0f} {'':>5}")
        for label, key in ACTIONS:
            runs: list[Sample] = result["samples"][key]
            print(f"{'':>8}  {label:<30} {median([s.client_ms for s in runs]):>9.0f} "
                  f"{max(s.client_ms for s in runs):>6.0f} "
                  f"{median([s.all_ms for s in runs]):>7.0f} "
                  f"{median([s.server_ms for s in runs]):>10.1f} "
                  f"{median([s.draw_ms for s in runs]):>8.1f} "
                  f"{median([s.received for s in runs]) / 1024:>8.1f} "
                  f"{median([s.requests for s in runs]):>5.0f}")
        print(f"{'':>8}  (data loaded in {result['load_s']:.1f} s, app built in "
              f"{result['app_s']:.1f} s)")
    sizes = {r["size"]: median(r["first_draw"]) for r in all_results}
    if len(sizes) > 1:
        smallest, largest = min(sizes), max(sizes)
        print()
        print(f"first draw, {largest:,} vs {smallest:,} events: "
              f"{sizes[largest] / sizes[smallest]:.2f}x (target: at most 1.3x)")
    worst = max((max(s.client_ms for s in r["samples"][key]), r["size"], label)
                for r in all_results for label, key in ACTIONS)
    biggest = max((max(s.received for s in r["samples"][key]), r["size"], label)
                  for r in all_results for label, key in ACTIONS)
    print(f"slowest change (chart and count, worst round): {worst[0]:.0f} ms "
          f"({worst[1]:,} events, {worst[2]}); target 300 ms at 100,000 events")
    print("chart ms: until the timeline and the count are redrawn; all ms: until the "
          "momentum chart and the list (sent in a second answer) are too")
    print(f"largest change: {biggest[0] / 1024:.0f} KB ({biggest[1]:,} events, "
          f"{biggest[2]}); target under 1 MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/timeline-bench"))
    parser.add_argument("--json", type=Path, help="also write the raw numbers here")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        print(f"{size:,} events ...", flush=True)
        results.append(run_size(size, args.rounds, args.work))
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, default=lambda o: o.__dict__, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
