"""How long `timeline validate` takes on one file full of bad values.

Every unknown country code, time zone or event type gets a "did you mean" suggestion;
the suggestions must cost microseconds, or one hostile file holds the validator for
minutes. For each size this writes one event whose ``countries`` list holds that many
made-up codes (``Mexco0``, ``Mexco1``, ... so that every one is looked up), and times
``load_dataset`` on it (no cache) in this process::

    .venv/bin/python benchmarks/bench_bad_values.py --sizes 1000,10000

It prints numbers; it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path


def write_folder(folder: Path, size: int) -> int:
    (folder / "2025").mkdir(parents=True)
    (folder / "timeline.yaml").write_text("title: Bad values\nlanguages: [en]\n")
    codes = ", ".join(f"Mexco{number}" for number in range(size))
    text = (f"title: {{en: Many bad codes}}\ndate: 2025-05-21\ntype: statement\n"
            f"countries: [{codes}]\nsources: [{{url: 'https://example.org/a'}}]\n")
    path = folder / "2025" / "2025-05-21-bad-codes.yaml"
    path.write_text(text)
    return len(text.encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="comma-separated numbers of bad codes (default: %(default)s)")
    args = parser.parse_args(argv)
    from timeline.validate.loader import load_dataset

    print(f"{'codes':>7}  {'file KB':>8}  {'validate s':>10}  {'us/code':>8}  {'problems':>8}")
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        with tempfile.TemporaryDirectory(prefix="timeline-bad-") as scratch:
            folder = Path(scratch) / "events"
            written = write_folder(folder, size)
            started = time.perf_counter()
            report = load_dataset(folder, use_cache=False)
            seconds = time.perf_counter() - started
        print(f"{size:>7,}  {written / 1024:>8.1f}  {seconds:>10.2f}  "
              f"{seconds / size * 1e6:>8.0f}  {len(report.problems):>8,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
