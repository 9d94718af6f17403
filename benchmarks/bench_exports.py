"""How long each export format takes, and how big it is: prints numbers, asserts nothing.

For generated datasets (benchmarks/generate.py), renders every format of
``timeline export`` over all events (the app's downloads cap a view at
``AppSettings.export_limit`` = 10,000 events, the feed at 50), and times one API page
and one download through Flask's test client::

    python benchmarks/bench_exports.py [--sizes 1000 10000] [--work /tmp/bench-exports]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_dataset  # noqa: E402

from timeline.app import AppSettings, create_app  # noqa: E402
from timeline.output.formats import FORMATS, render_export  # noqa: E402
from timeline.output.options import ExportOptions  # noqa: E402
from timeline.validate.loader import load_dataset  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-exports"))
    args = parser.parse_args(argv)
    options = ExportOptions(base_url="https://example.org",
                            updated=datetime(2026, 1, 1, tzinfo=UTC))
    for size in args.sizes:
        folder = args.work / str(size)
        if not folder.exists():
            generate_dataset(folder, size)
        dataset = load_dataset(folder).dataset
        print(f"{len(dataset.events):,} events")
        for name in FORMATS:
            started = time.perf_counter()
            text = render_export(name, dataset, dataset.events, options)
            took = time.perf_counter() - started
            print(f"  {name:<11} {took * 1000:9.0f} ms  {len(text.encode()) / 1e6:8.2f} MB")
        app = create_app(dataset, AppSettings(warm=False, export_limit=max(size, 10_000)))
        client = app.server.test_client()
        for path in ("/api/events?per_page=500", "/export/events.csv", "/feeds/events.atom"):
            client.get(path)  # the view is computed and cached once
            started = time.perf_counter()
            answer = client.get(path)
            took = time.perf_counter() - started
            print(f"  GET {path:<26} {took * 1000:7.0f} ms  {len(answer.data) / 1e6:6.2f} MB "
                  f"({answer.status_code})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
