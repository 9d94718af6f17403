"""How long a text search takes over a large dataset, however the query is written.

A search is a few words that must all occur (case and accents ignored) in an event's
title, summary, actors, tags or place. Its cost must not depend on how the query is
written: a hundred one-letter words, the same word repeated, words inside other words.
This generates a dataset (``benchmarks/generate.py``), loads it, builds the index
once and times each query with ``filter_positions``: its first run (with the
index's letter tables empty, the worst case) and the best of ``--repeat`` runs::

    .venv/bin/python benchmarks/bench_search.py --size 100000 --keep /tmp/timeline-bench

It prints numbers; it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for generate.py

from generate import generate_dataset  # noqa: E402

QUERIES = {
    "one word": "embassy",
    "two words": "hunger strike",
    "a rare word": "zzzz",
    "100 one-letter words": " ".join(string.ascii_lowercase[n % 26] for n in range(100)),
    "26 distinct letters": " ".join(string.ascii_lowercase),
    "8 common letters": "a e i o n r s t",
    "same word x 40": " ".join(["march"] * 40),
    "words inside words": "m ma mar marc march marcha",
    "200 characters of one word": "a" * 200,
    "40 two-letter words": " ".join(a + b for a in "aeiou" for b in "nrst")[:200],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="reuse or keep the generated folder here")
    args = parser.parse_args(argv)
    from timeline.query.filters import Filters
    from timeline.query.index import build_index, filter_positions
    from timeline.validate.loader import load_dataset

    with tempfile.TemporaryDirectory(prefix="timeline-search-") as scratch:
        folder = (args.keep or Path(scratch)) / f"events-{args.size}"
        if not (folder / "timeline.yaml").exists():
            generate_dataset(folder, args.size, 1)
        dataset = load_dataset(folder).dataset
        started = time.perf_counter()
        index = build_index(dataset)
        print(f"{len(dataset.events):,} events; index built in "
              f"{time.perf_counter() - started:.2f} s")
        print(f"{'query':<28}  {'first ms':>8}  {'best ms':>8}  {'matches':>8}")
        for name, query in QUERIES.items():
            index.letters.clear()  # as if no search had run before: the worst case
            times, found = [], 0
            for _ in range(args.repeat):
                started = time.perf_counter()
                found = len(filter_positions(index, Filters(q=query)))
                times.append(time.perf_counter() - started)
            print(f"{name:<28}  {times[0] * 1000:>8.1f}  {min(times) * 1000:>8.1f}  "
                  f"{found:>8,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
