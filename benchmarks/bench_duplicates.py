"""How long the likely-duplicate check takes when many events share a date and country.

The check compares every pair of events with the same start, end and a shared country,
so its cost grows with the square of the largest such group. Year-only dates make
big groups. For each size this writes a folder of that many events, all dated
``2013`` in Mexico, with titles built from a few subjects, verbs, objects and places
(so many are near-equal, as in a real template-driven import). It then times the
check alone (``crosscheck.likely_duplicates`` over the loaded records) and
``timeline validate --no-cache`` end to end, in a fresh process each::

    .venv/bin/python benchmarks/bench_duplicates.py --sizes 1000,3000

It prints numbers; it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUBJECTS = ("Government of Mexico", "Teachers' union", "Students", "Embassy staff",
            "Ministry of Foreign Affairs", "Human rights groups", "Journalists", "Farmers",
            "Electricians' union", "Senate")
VERBS = ("announces", "rejects", "supports", "protests", "criticises", "welcomes",
         "debates", "reports on", "condemns", "calls for")
OBJECTS = ("police training", "the trade agreement", "security purchases",
           "diplomatic relations", "a march", "the hunger strike", "school visits",
           "the embassy raid", "a boycott", "new legislation")
PLACES = ("Mexico City", "Chiapas", "Oaxaca", "Puebla", "Jalisco")


def write_folder(folder: Path, size: int, seed: int = 2) -> None:
    rng = random.Random(seed)
    (folder / "2013").mkdir(parents=True)
    (folder / "timeline.yaml").write_text("title: Same year\nlanguages: [en, es]\n")
    for number in range(size):
        title = (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in "
                 f"{rng.choice(PLACES)}")
        record = (f"title: {{en: {json.dumps(title)}, es: {json.dumps(title + ' (es)')}}}\n"
                  f"date: 2013\ntype: statement\ncountries: [MX]\n"
                  f"sources: [{{url: 'https://example.org/{number}'}}]\n")
        (folder / "2013" / f"2013-event-{number}.yaml").write_text(record)


def _check_alone(folder: Path) -> dict[str, float]:
    """Run in a fresh process: load the folder, then time the check by itself."""
    from timeline.validate import crosscheck
    from timeline.validate.loader import load_dataset
    from timeline.validate.record import FileResult

    report = load_dataset(folder, use_cache=False)
    results = [FileResult("event", e.path, e, [], {("title",): (1, 1)})
               for e in report.dataset.events]
    started = time.perf_counter()
    warnings = crosscheck.likely_duplicates(results)
    return {"seconds": time.perf_counter() - started, "warnings": len(warnings)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,3000",
                        help="comma-separated numbers of events (default: %(default)s)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_check_alone(args.child)))
        return 0
    timeline = Path(sys.executable).with_name("timeline")
    print(f"{'events':>7}  {'pairs':>10}  {'check s':>8}  {'validate s':>10}  {'warnings':>8}")
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        with tempfile.TemporaryDirectory(prefix="timeline-dups-") as scratch:
            folder = Path(scratch) / "events"
            write_folder(folder, size)
            child = subprocess.run([sys.executable, __file__, "--child", str(folder)],
                                   capture_output=True, text=True, check=True)
            alone = json.loads(child.stdout)
            started = time.perf_counter()
            subprocess.run([str(timeline), "validate", "--no-cache", str(folder)],
                           capture_output=True, check=False)
            validate = time.perf_counter() - started
        pairs = size * (size - 1) // 2
        print(f"{size:>7,}  {pairs:>10,}  {alone['seconds']:>8.2f}  {validate:>10.2f}  "
              f"{alone['warnings']:>8,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
