"""How fast the form's actor pickers answer in a large actor registry.

For each size (default 1,000, 10,000 and 50,000 generated actors, with a name in two
languages and an alias each) this builds the app, then times, through Flask's test
client posting to ``/_dash-update-component`` as the browser does, the picker's
options for several searches (no text, a common prefix, a rare word, a miss), and the
first build of the search (paid once per app, on the first search or page).

    .venv/bin/python benchmarks/bench_actor_search.py [--sizes 1000 10000 50000]
        [--repeat 20]

It prints numbers; it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # callback_kit

from callback_kit import callback_body, output_key  # noqa: E402
from timeline.app import AppSettings, create_app  # noqa: E402
from timeline.model import Actor, Dataset, Settings  # noqa: E402

SEARCHES = ("", "colectivo", "número 4242", "zzzz-no-such-actor")


def registry(size: int) -> dict[str, Actor]:
    return {f"actor-{n:05d}": Actor(
        id=f"actor-{n:05d}", path=f"actors/actor-{n:05d}.yaml",
        name={"en": f"Collective number {n}", "es": f"Colectivo número {n}"},
        aliases=(f"C{n}",)) for n in range(size)}


def ask(app: Any, text: str) -> tuple[float, int]:
    """One search of the actors picker, as the browser posts it: seconds, options."""
    key = output_key(app, "suggest-actors.options")
    body = callback_body(app, key, {"suggest-actors.search_value": text,
                                    "suggest-lang.data": "es"},
                         ["suggest-actors.search_value"])
    client = app.server.test_client()
    start = time.perf_counter()
    answer: Any = client.post("/_dash-update-component", data=json.dumps(body),
                              content_type="application/json")
    elapsed = time.perf_counter() - start
    if answer.status_code != 200:
        raise SystemExit(f"{answer.status_code}: {answer.get_data(as_text=True)}")
    return elapsed, len(answer.get_json()["response"]["suggest-actors"]["options"])


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=20)
    options = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}")
    for size in options.sizes:
        dataset = Dataset.build(Settings(languages=("en", "es")), [], registry(size), {})
        app = create_app(dataset, AppSettings(warm=False))

        first, _ = ask(app, "colectivo")
        print(f"{size:,} actors: first search (builds the index) {first * 1000:8.1f} ms")
        for text in SEARCHES:
            times = []
            count = 0
            for _ in range(options.repeat):
                elapsed, count = ask(app, text)
                times.append(elapsed)
            print(f"  search {text!r:24} {statistics.median(times) * 1000:8.1f} ms median, "
                  f"{max(times) * 1000:8.1f} ms worst, {count} options")


if __name__ == "__main__":
    main()
