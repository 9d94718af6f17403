"""Lighthouse (mobile preset) on every page of the app, as a reader on a phone meets it.

Starts ``timeline serve`` (the real command, so whatever server and compression it uses
in production are measured) on 127.0.0.1 at a free port, runs Lighthouse ``--runs``
times on each page and prints the medians: performance score, LCP, total blocking time,
CLS, bytes transferred, and the accessibility, best-practices and SEO scores. Then the
same for the timeline page of a generated dataset (``--big``, default 100,000 events,
written once into ``--work`` with benchmarks/generate.py).

It installs nothing. Lighthouse 12.2.3 from npm, in a folder outside the repository::

    mkdir -p ~/lighthouse && (cd ~/lighthouse && npm i -E lighthouse@12.2.3)
    CHROME_PATH=$(which chromium) .venv/bin/python benchmarks/bench_lighthouse.py \\
        --lighthouse ~/lighthouse/node_modules/.bin/lighthouse [--runs 3] \\
        [--pages timeline event ...] [--big 100000 | --big 0] [--work /tmp/timeline-bench]

Chromium runs with ``--headless --no-sandbox``. Pages that another part of the app does
not serve yet (the event page, the map) are left out with a note. Scores depend on the
machine and its load: note both with the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate_dataset  # noqa: E402

from timeline.validate.loader import load_dataset  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COLUMNS = ("performance", "LCP s", "TBT ms", "CLS", "bytes", "accessibility",
           "best practices", "SEO")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(data: Path) -> Iterator[str]:
    """``timeline serve --data DATA`` on a free port, until the block ends."""
    port = free_port()
    timeline = shutil.which("timeline", path=str(Path(sys.executable).parent)) or "timeline"
    # The server's messages go to a file: a generated dataset's warnings (likely
    # duplicates) would fill a pipe nobody reads, and the server would stop there.
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    process = subprocess.Popen([timeline, "serve", "--data", str(data), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=log, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600  # 100,000 events load once, then from cache
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise SystemExit(f"timeline serve stopped: {log.read()[-2000:]}")
            try:
                urllib.request.urlopen(base + "/", timeout=30).read()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise SystemExit("timeline serve did not answer in 10 minutes") from None
                time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


def pages(data: Path, base: str) -> dict[str, str]:
    """Every page worth measuring: name -> path. Pages not served yet are left out."""
    dataset = load_dataset(data).dataset
    events = sorted(dataset.events, key=lambda e: e.id)
    event = next((e.id for e in reversed(events) if e.sources and e.summary), events[-1].id)
    campaign = sorted(dataset.campaigns)[0] if dataset.campaigns else ""
    actor = sorted(dataset.actors)[0] if dataset.actors else ""
    candidates = {
        "timeline": "/",
        "timeline ?event=": f"/?event={quote(event)}",
        "campaign": f"/campaigns/{quote(campaign)}" if campaign else "",
        "campaign changes": f"/campaigns/{quote(campaign)}/changes" if campaign else "",
        "actor": f"/actors/{quote(actor)}" if actor else "",
        "relations": "/relations",
        "map": "/map",
        "suggest": "/suggest",
        "event page": f"/events/{quote(event)}",
    }
    found: dict[str, str] = {}
    for name, path in candidates.items():
        if not path:
            continue
        status, body = fetch(base + path)
        # the app answers every path; a page that does not exist yet says "not found"
        if status == 200 and 'id="not-found"' not in body and (
                name != "event page" or 'id="react-entry-point"' not in body):
            found[name] = path
        else:
            print(f"  (left out {name} {path}: not served yet)", file=sys.stderr)
    return found


def lighthouse(binary: str, url: str) -> dict[str, float]:
    """One Lighthouse run (mobile preset, its default) of ``url``."""
    with tempfile.TemporaryDirectory(prefix="lh-") as folder:
        report = Path(folder) / "report.json"
        command = [binary, url, "--output=json", f"--output-path={report}", "--quiet",
                   "--chrome-flags=--headless --no-sandbox",
                   f"--only-categories={','.join(CATEGORIES)}"]
        environment = {**os.environ,
                       "CHROME_PATH": os.environ.get("CHROME_PATH") or shutil.which(
                           "chromium") or "chromium"}
        for attempt in (1, 2):  # on a loaded machine Chromium sometimes fails to start
            run = subprocess.run(command, env=environment, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True, timeout=900)
            if run.returncode == 0:
                break
            if attempt == 2:
                raise SystemExit(f"lighthouse failed on {url}: {run.stderr[-2000:]}")
        result: dict[str, Any] = json.loads(report.read_text())
    audits, categories = result["audits"], result["categories"]

    def score(name: str) -> float:
        value = categories[name]["score"]
        return float("nan") if value is None else round(value * 100)

    return {
        "performance": score("performance"),
        "LCP s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "TBT ms": audits["total-blocking-time"]["numericValue"],
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "accessibility": score("accessibility"),
        "best practices": score("best-practices"),
        "SEO": score("seo"),
    }


def median_row(binary: str, url: str, runs: int) -> dict[str, float]:
    results = [lighthouse(binary, url) for _ in range(runs)]
    return {column: statistics.median(r[column] for r in results) for column in COLUMNS}


def formatted(column: str, value: float) -> str:
    if column == "LCP s":
        return f"{value:.1f} s"
    if column == "TBT ms":
        return f"{value:.0f} ms"
    if column == "CLS":
        return f"{value:.3f}"
    if column == "bytes":
        return f"{value / 1_000_000:.2f} MB"
    return f"{value:.0f}"


def print_header() -> None:
    header = ["page", "path", *COLUMNS]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header), flush=True)


def print_row(name: str, path: str, row: dict[str, float]) -> None:
    cells = [name, f"`{path}`", *(formatted(c, row[c]) for c in COLUMNS)]
    print("| " + " | ".join(cells) + " |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lighthouse", default=os.environ.get("LIGHTHOUSE", "lighthouse"),
                        help="the lighthouse command (default: $LIGHTHOUSE or `lighthouse`)")
    parser.add_argument("--data", type=Path, default=REPO / "events")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="*", help="only these pages (names as printed)")
    parser.add_argument("--big", type=int, default=100_000,
                        help="events of the generated dataset (0: skip it)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir())
                        / "timeline-bench")
    arguments = parser.parse_args()
    binary = shutil.which(arguments.lighthouse) or arguments.lighthouse
    if not Path(binary).exists():
        raise SystemExit(f"no lighthouse at {arguments.lighthouse!r}: install it with "
                         "`npm i -E lighthouse@12.2.3` in a folder outside the repository "
                         "and pass --lighthouse FOLDER/node_modules/.bin/lighthouse")
    print(f"Lighthouse mobile preset, median of {arguments.runs} runs; "
          f"machine load {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    print_header()  # each row as soon as it is measured
    with serving(arguments.data) as base:
        for name, path in pages(arguments.data, base).items():
            if arguments.pages and name not in arguments.pages:
                continue
            print_row(name, path, median_row(binary, base + path, arguments.runs))
    if arguments.big and (not arguments.pages or "big" in arguments.pages):
        folder = arguments.work / f"events-{arguments.big}"
        if not (folder / "timeline.yaml").exists():
            generate_dataset(folder, arguments.big, seed=1)
        with serving(folder) as base:
            print_row(f"timeline, {arguments.big:,} events", "/",
                      median_row(binary, base + "/", arguments.runs))


if __name__ == "__main__":
    main()
