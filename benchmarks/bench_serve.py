"""The app under load: gunicorn (2 workers, preloaded), a bounded client on loopback.

Generates (once, into ``--work``) a dataset of ``--events`` events with
benchmarks/generate.py, warms the loader's cache, starts gunicorn with
``timeline.app.gunicorn_conf`` and two workers on a free port of 127.0.0.1, and sends
four kinds of request at each concurrency level (default 10, 50 and 200 clients):

* ``page``: ``GET /``, the timeline's document (server-rendered first screen);
* ``cached filter``: the timeline's ``update`` callback for ``country=MX`` (after the
  first request, a view both workers keep);
* ``uncached filter``: the same callback for a different date range each time (a
  view no worker has computed);
* ``search``: the same callback for a search of two words drawn from the titles.

Each cell sends a fixed number of requests (``--requests``) and stops sending when its
time limit (``--time-limit`` seconds) is reached; it reports requests per second and the
50th, 95th and 99th percentile latencies, and every error (any status but 200/204, or
no answer). The client runs threads of ``requests`` sessions (already a test
dependency; one thread per concurrent client is what a browser's connection is).

    .venv/bin/python benchmarks/bench_serve.py [--events 100000] [--work /tmp/timeline-serve]
        [--clients 10 50 200] [--requests 400] [--time-limit 60]

Only 127.0.0.1 is ever contacted. Timings depend on the machine and its load: the
client competes with the server for the same cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

from generate import generate_dataset  # noqa: E402

from browser_kit import free_port, write_dataset  # noqa: E402
from callback_kit import callback_body, output_key  # noqa: E402
from timeline.app import create_app  # noqa: E402
from timeline.validate.loader import load_dataset  # noqa: E402

HOST = "127.0.0.1"  # never anything else
WORDS = ("march", "teachers", "embassy", "protest", "senate", "boycott", "statement",
         "mexico", "israel", "students", "sit", "petition", "letter", "union")


@dataclass
class Cell:
    kind: str
    clients: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sent: int = 0
    seconds: float = 0.0

    def row(self) -> str:
        done = len(self.latencies)
        if done:
            ordered = sorted(self.latencies)
            p50, p95, p99 = (ordered[min(done - 1, int(done * q))] * 1000
                             for q in (0.50, 0.95, 0.99))
        else:
            p50 = p95 = p99 = float("nan")
        rate = done / self.seconds if self.seconds else 0.0
        return (f"| {self.kind} | {self.clients} | {done} | {rate:.1f} | {p50:.0f} | "
                f"{p95:.0f} | {p99:.0f} | {len(self.errors)} |")


def update_bodies(seed: int) -> dict[str, Callable[[int], bytes]]:
    """The timeline's update callback, as the browser posts it, for each kind."""
    app = create_app(load_dataset(write_dataset(Path(os.environ["BENCH_TMP"]) / "tiny"))
                     .dataset)
    key = output_key(app, "timeline-url.search", "timeline-detail.children")
    rng = random.Random(seed)

    def body(values: dict[str, Any], changed: str) -> bytes:
        base = {"timeline-lanes.value": "type", "timeline-url.search": ""}
        return json.dumps(callback_body(app, key, {**base, **values}, [changed])).encode()

    def cached(_: int) -> bytes:
        return body({"timeline-country.value": ["MX"]}, "timeline-country.value")

    def uncached(n: int) -> bytes:
        year = 1990 + rng.randrange(35)
        start = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        return body({"timeline-from.value": start,
                     "timeline-to.value": f"{year + 1 + rng.randrange(5)}"},
                    "timeline-from.value")

    def search(_: int) -> bytes:
        words = " ".join(rng.sample(WORDS, 2))
        return body({"timeline-search.value": words}, "timeline-search.value")

    return {"cached filter": cached, "uncached filter": uncached, "search": search}


def run_cell(base: str, kind: str, clients: int, count: int, limit: float,
             make: Callable[[int], bytes] | None) -> Cell:
    cell = Cell(kind, clients)
    local = threading.local()
    deadline = time.perf_counter() + limit
    lock = threading.Lock()

    def one(n: int) -> None:
        if time.perf_counter() > deadline:
            return
        session = getattr(local, "session", None)
        if session is None:
            session = local.session = requests.Session()
        payload = make(n) if make else None
        began = time.perf_counter()
        try:
            if payload is None:
                answer = session.get(base + "/", timeout=limit + 60)
            else:
                answer = session.post(base + "/_dash-update-component", data=payload,
                                      headers={"Content-Type": "application/json"},
                                      timeout=limit + 60)
            ok = answer.status_code in (200, 204)
            problem = "" if ok else f"HTTP {answer.status_code}"
        except requests.RequestException as error:
            ok, problem = False, type(error).__name__
        took = time.perf_counter() - began
        with lock:
            cell.sent += 1
            if ok:
                cell.latencies.append(took)
            else:
                cell.errors.append(problem)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, range(count)))
    cell.seconds = time.perf_counter() - started
    return cell


def serve(folder: Path, cache: Path) -> Iterator[str]:
    port = free_port(HOST)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:timeline.app.gunicorn_conf",
         "-w", "2", "-b", f"{HOST}:{port}", "--backlog", "2048",
         f'timeline.app.wsgi:server(data="{folder}")'],
        env={**os.environ, "TIMELINE_CACHE_DIR": str(cache)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.time() + 600
        while time.time() < deadline:
            try:
                if requests.get(base + "/", timeout=30).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(1)
        else:
            raise SystemExit("gunicorn did not start within 10 minutes")
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/timeline-serve"))
    parser.add_argument("--clients", type=int, nargs="+", default=[10, 50, 200])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()

    work = options.work
    folder = work / f"n{options.events}"
    cache = work / "cache"
    os.environ["BENCH_TMP"] = str(work)
    os.environ["TIMELINE_CACHE_DIR"] = str(cache)
    if not (work / f"n{options.events}.done").exists():
        generate_dataset(folder, options.events, options.seed)
        (work / f"n{options.events}.done").touch()
    began = time.perf_counter()
    load_dataset(folder)  # the master's preload then reads the cache
    print(f"dataset: {options.events:,} events, loaded in "
          f"{time.perf_counter() - began:.1f} s (cache warmed)", flush=True)
    bodies = update_bodies(options.seed)
    kinds: list[tuple[str, Callable[[int], bytes] | None]] = [
        ("page", None), *bodies.items()]
    cells: list[Cell] = []
    for base in serve(folder, cache):
        for kind, make in kinds:  # one request of each first: the default view's start-up
            run_cell(base, kind, 1, 1, options.time_limit, make)
        for clients in options.clients:
            for kind, make in kinds:
                cell = run_cell(base, kind, clients, max(options.requests, clients),
                                options.time_limit, make)
                cells.append(cell)
                print(cell.row(), flush=True)
    print()
    print(f"gunicorn -w 2 (preload), {options.events:,} events, client on {HOST}; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    print("| request | clients | answered | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for cell in cells:
        print(cell.row())
    errors = sum(len(cell.errors) for cell in cells)
    if errors:
        print(f"{errors} errors: {sorted(set(e for c in cells for e in c.errors))}")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
