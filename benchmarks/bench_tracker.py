"""How the tracker's computations and pages scale: prints numbers, asserts nothing.

For generated datasets of 1,000, 10,000 and 100,000 events (benchmarks/generate.py),
times the pure parts (relation history, relations as of a date, demand tallies, actor
stances, momentum, the stance ledger now and as of a date, a month's changes) and the
server side of each tracker page (its layout built and serialised to the JSON Dash
sends), with the size of that JSON, and the map page's work for a change of filters::

    python benchmarks/bench_tracker.py [--sizes 1000 10000 100000] [--work /tmp/bench]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_dataset  # noqa: E402

from timeline.query.changes import campaign_changes, period_of  # noqa: E402
from timeline.query.index import build_index  # noqa: E402
from timeline.query.ledger import campaign_ledger  # noqa: E402
from timeline.query.relations import cutoff_of, relation_history, relations_on  # noqa: E402
from timeline.query.tracker import (  # noqa: E402
    actor_stances,
    campaign_events,
    demand_tallies,
    momentum,
)
from timeline.validate.loader import load_dataset  # noqa: E402

TODAY = date(2026, 1, 15)


def best(function: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs in milliseconds, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), result


def page_json(component: Any) -> bytes:
    from plotly.utils import PlotlyJSONEncoder

    return json.dumps(component, cls=PlotlyJSONEncoder).encode()


def measure(folder: Path, size: int) -> None:
    if not (folder / "timeline.yaml").exists():
        generate_dataset(folder, size, 1)
    dataset = load_dataset(folder).dataset
    index = build_index(dataset)
    from timeline.app import AppSettings
    from timeline.app.context import build_context

    context = build_context(dataset, AppSettings(today=TODAY))
    campaign = next(iter(dataset.campaigns.values()))
    actor = max(index.by_actor, key=lambda a: len(index.by_actor[a]))
    ms, history = best(lambda: relation_history(dataset.events))
    country = history.default_country()
    rows: list[tuple[str, float, str]] = [("relation history", ms, "")]
    ms, found = best(lambda: relations_on(dataset, country, "2025-06-01", today=TODAY,
                                          history=history))
    rows.append(("relations as of a date", ms, f"{len(found)} partners of {country}"))
    ms, tallies = best(lambda: demand_tallies(dataset, index, campaign))
    rows.append(("demand tallies", ms, f"{sum(t.total for t in tallies)} linked events"))
    ms, stances = best(lambda: actor_stances(dataset, index, actor))
    rows.append(("actor stances", ms, f"{len(stances)} stances of {actor}"))
    events = campaign_events(index, campaign.id)
    ms, flow = best(lambda: momentum(events))
    rows.append(("momentum", ms, f"{len(flow.months)} months"))
    ms, ledgers = best(lambda: campaign_ledger(dataset, index, campaign))
    rows.append(("stance ledger", ms, f"{sum(len(d.positions) for d in ledgers)} positions"))
    cutoff = cutoff_of("2024-06")
    ms, ledgers = best(lambda: campaign_ledger(dataset, index, campaign, cutoff))
    rows.append(("stance ledger as of", ms,
                 f"{sum(len(d.positions) for d in ledgers)} positions in 2024-06"))
    period = period_of("2025-05", "2025-05", "UTC", TODAY)
    ms, changed = best(lambda: campaign_changes(dataset, index, campaign, period))
    rows.append(("changes of a month", ms, f"{changed.count} changes"))

    from dash import Dash

    from timeline.app.pages import actor as actor_page
    from timeline.app.pages import campaign as campaign_page
    from timeline.app.pages import relations as relations_page

    Dash(__name__)  # the relations page asks Dash for its assets URL
    for name, build in (
        ("campaign page", lambda: campaign_page.layout(context, campaign.id, "", "en")),
        ("actor page", lambda: actor_page.layout(context, actor, "", "es")),
        ("relations page", lambda: relations_page.layout(
            context, None, f"country={country}&date=2025-06-01", "en")),
    ):
        ms, sent = best(lambda build=build: page_json(build().to_plotly_json()), repeat=3)
        rows.append((name, ms, f"{len(sent) / 1024:.0f} kB of JSON"))
    rows += map_rows(context)
    print(f"\n{size:,} events ({len(history.counts)} countries in relation events)")
    for label, ms, note in rows:
        print(f"  {label:<24} {ms:9.2f} ms   {note}")


def map_rows(context: Any) -> list[tuple[str, float, str]]:
    """The map page's callback work for a change of filters: the matching positions
    (not cached: each type is asked once), the places, the figure and its JSON."""
    from timeline.app.pages import map as map_page
    from timeline.query.filters import Filters

    def change(filters: Filters) -> bytes:
        figure, *_ = map_page.view(context, filters, "en")
        return page_json(figure.to_plotly_json())

    rows = []
    ms, sent = best(lambda: change(Filters()), repeat=3)
    rows.append(("map: every event", ms, f"{len(sent) / 1024:.0f} kB of JSON"))
    times = []
    for type_id in sorted(context.index.by_type):
        start = time.perf_counter()
        sent = change(Filters(type=(type_id,), country=("MX",)))
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    rows.append(("map: a filter change", times[len(times) // 2],
                 f"median of {len(times)} uncached changes; slowest {times[-1]:.1f} ms"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/timeline-bench-tracker"))
    arguments = parser.parse_args()
    for size in arguments.sizes:
        measure(arguments.work / str(size), size)


if __name__ == "__main__":
    main()
