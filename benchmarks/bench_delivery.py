"""What a reader's browser downloads: bytes on the wire, first view and repeat view.

Starts ``timeline serve`` (the production server) on the bundled data, opens each page
in headless Chromium with an empty cache, waits until the network is quiet, and sums
the Resource Timing of every request: bytes transferred (compressed, with headers),
bytes decoded (what they would be uncompressed) and the number of requests. Then it
opens the same page again in the same browser (a repeat view): fingerprinted files
come from the cache without a request, pages are revalidated (304).

    .venv/bin/python benchmarks/bench_delivery.py [--data events] [--rounds 3]

Prints one row per page (medians of the rounds). Numbers depend on the Chromium build
and the app's code, not on the machine's speed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "tests"))

from browser_kit import free_port, new_driver, wait_until  # noqa: E402

TOTALS = """
var entries = performance.getEntriesByType('navigation')
    .concat(performance.getEntriesByType('resource'));
return entries.map(function (e) {
  return {name: e.name, transfer: e.transferSize || 0, encoded: e.encodedBodySize || 0,
          decoded: e.decodedBodySize || 0};
});
"""


def quiet(driver: Any, seconds: float = 1.5, timeout: float = 120.0) -> list[dict[str, Any]]:
    """The requests of the page once none has been added for ``seconds``."""
    last: dict[str, Any] = {"count": -1, "since": time.monotonic()}

    def settled() -> bool:
        if driver.execute_script("return document.readyState") != "complete":
            return False
        count = len(driver.execute_script(TOTALS))
        if count != last["count"]:
            last.update(count=count, since=time.monotonic())
            return False
        return time.monotonic() - last["since"] >= seconds

    wait_until(settled, timeout, interval=0.1, message="the page to finish loading")
    entries: list[dict[str, Any]] = driver.execute_script(TOTALS)
    return entries


def measure(base: str, path: str) -> dict[str, float]:
    driver = new_driver(412, 823)  # a phone-sized window; a fresh profile: empty cache
    try:
        driver.get(base + path)
        first = quiet(driver)
        driver.get("about:blank")
        driver.get(base + path)
        repeat = quiet(driver)
    finally:
        driver.quit()
    return {
        "requests": len(first),
        "transferred": sum(e["transfer"] for e in first),
        "decoded": sum(e["decoded"] for e in first),
        "repeat_requests": sum(1 for e in repeat if e["transfer"] > 0),
        "repeat_transferred": sum(e["transfer"] for e in repeat),
    }


def start(data: str, work: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(work / "cache")}
    process = subprocess.Popen([sys.executable, "-m", "timeline", "serve", "--data", data,
                                "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            with urllib.request.urlopen(base + "/robots.txt", timeout=5) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    wait_until(answers, 120, interval=0.2, message="timeline serve to answer")
    return process, base


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(REPO / "events"))
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))
    from timeline.validate.loader import load_dataset

    dataset = load_dataset(options.data).dataset
    event = dataset.events[-1].id
    pages = [("timeline", "/"), ("timeline, event open", f"/?event={event}"),
             ("event page", f"/events/{event}")]
    if dataset.campaigns:
        pages.append(("campaign page", f"/campaigns/{sorted(dataset.campaigns)[0]}"))
    with tempfile.TemporaryDirectory() as work:
        process, base = start(options.data, Path(work))
        try:
            rows = []
            for label, path in pages:
                runs = [measure(base, path) for _ in range(options.rounds)]
                rows.append((label, {key: statistics.median(run[key] for run in runs)
                                     for key in runs[0]}))
        finally:
            process.terminate()
            process.wait(timeout=30)
    print(f"bytes a browser downloads ({options.rounds} rounds, medians; "
          f"timeline serve, {len(dataset.events)} events)")
    print(f"{'page':<24}{'requests':>9}{'transferred':>14}{'uncompressed':>14}"
          f"{'repeat: requests':>18}{'repeat: bytes':>15}")
    for label, row in rows:
        print(f"{label:<24}{row['requests']:>9.0f}{row['transferred'] / 1024:>12.0f}kB"
              f"{row['decoded'] / 1024:>12.0f}kB{row['repeat_requests']:>18.0f}"
              f"{row['repeat_transferred'] / 1024:>13.1f}kB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
