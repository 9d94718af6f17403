"""How long the likely-duplicate check takes when many events share a date and country.

The check looks for similar titles among the events with the same start, end and a
shared country; year-only dates make big groups. For each size this writes a folder
of that many events, all dated ``2013`` in Mexico, and times the check alone
(``crosscheck.likely_duplicates`` over the loaded records) and ``timeline validate
--no-cache`` end to end, in a fresh process each. Titles (``--titles``):

- ``templates`` (the default, the benchmark the numbers in the README and issue 9
  refer to): built from a few subjects, verbs, objects and places, so many are
  near-equal, as in a template-driven import;
- ``words``: 4 to 9 random words from the project's README and format description,
  one in five followed by a near copy (one letter changed): nearly every title is
  distinct, the case where the prefilter (every pair of distinct titles of a near
  length, scored in C) does the most work;
- ``same``: one title for every event, so every pair is similar (20,000 events are
  200 million warnings, of which each file shows 100 and "and N more").

Each English title has a Spanish one (the same, with " (es)"). Besides the times, it
prints the distinct titles, the pairs of them the prefilter scores, the warnings (the
similar pairs), the problems written for them (a file past its limit of 100 gets one
that stands for the rest, as ``validate`` prints "and N more"), and how time and
warnings grow from one size to the next (the exponent ``k`` in ``size ** k``)::

    .venv/bin/python benchmarks/bench_duplicates.py --sizes 2000,5000,20000

It prints numbers; it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
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
ROOT = Path(__file__).resolve().parent.parent


def template_titles(size: int, seed: int = 2) -> list[str]:
    """``size`` English titles from the templates (about 5,000 different ones)."""
    rng = random.Random(seed)
    return [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in "
            f"{rng.choice(PLACES)}" for _ in range(size)]


def word_titles(size: int, seed: int = 3) -> list[str]:
    """``size`` English titles of random words, one in five followed by a near copy."""
    text = (ROOT / "README.md").read_text() + (ROOT / "docs" / "format.md").read_text()
    words = sorted(set(re.findall(r"[a-z]{3,}", text.lower())))
    rng = random.Random(seed)
    titles: list[str] = []
    while len(titles) < size:
        title = " ".join(rng.choices(words, k=rng.randint(4, 9)))
        titles.append(title)
        if rng.random() < 0.2:  # a near copy: one letter changed
            where = rng.randrange(len(title))
            titles.append(title[:where] + rng.choice("abcdefghij") + title[where + 1:])
    return titles[:size]


def same_titles(size: int) -> list[str]:
    """One title for every event: every pair is similar."""
    return ["March in Mexico City"] * size


TITLES = {"templates": template_titles, "words": word_titles, "same": same_titles}


def write_folder(folder: Path, size: int, seed: int = 2, titles: str = "templates") -> None:
    (folder / "2013").mkdir(parents=True)
    (folder / "timeline.yaml").write_text("title: Same year\nlanguages: [en, es]\n")
    made = template_titles(size, seed) if titles == "templates" else TITLES[titles](size)
    for number, title in enumerate(made):
        record = (f"title: {{en: {json.dumps(title)}, es: {json.dumps(title + ' (es)')}}}\n"
                  f"date: 2013\ntype: statement\ncountries: [MX]\n"
                  f"sources: [{{url: 'https://example.org/{number}'}}]\n")
        (folder / "2013" / f"2013-event-{number}.yaml").write_text(record)


def _check_alone(folder: Path) -> dict[str, float]:
    """Run in a fresh process: load the folder, then time the check by itself."""
    from bisect import bisect_right

    from timeline.folding import fold
    from timeline.validate import crosscheck
    from timeline.validate.loader import load_dataset
    from timeline.validate.record import FileResult

    report = load_dataset(folder, use_cache=False)
    results = [FileResult("event", e.path, e, [], {("title",): (1, 1)})
               for e in report.dataset.events]
    started = time.perf_counter()
    warnings = crosscheck.likely_duplicates(results)
    seconds = time.perf_counter() - started
    # What the prefilter scores: each pair of distinct titles of a near length, once.
    distinct = sorted({fold(text)[:crosscheck.COMPARED_TITLE_LENGTH]
                       for event in report.dataset.events for text in event.title.values()},
                      key=len)
    lengths = [len(text) for text in distinct]
    reach = crosscheck._reach(lengths)
    scored = sum(bisect_right(lengths, reach[size]) - index - 1
                 for index, size in enumerate(lengths))
    # A file's warnings past its limit are one problem standing for them (``hidden``).
    return {"seconds": seconds, "warnings": sum(p.hidden or 1 for p in warnings),
            "written": len(warnings), "distinct": len(distinct), "scored": scored}


def _growth(before: tuple[int, float] | None, size: int, value: float) -> str:
    """The exponent k of ``size ** k`` from the previous row to this one."""
    if before is None or not before[1] or not value or before[0] == size:
        return ""
    return f"{math.log(value / before[1]) / math.log(size / before[0]):.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,3000",
                        help="comma-separated numbers of events (default: %(default)s)")
    parser.add_argument("--titles", choices=sorted(TITLES), default="templates",
                        help="how the titles are made (default: %(default)s)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_check_alone(args.child)))
        return 0
    timeline = Path(sys.executable).with_name("timeline")
    print(f"titles: {args.titles}; 'growth' is k in size ** k since the row before")
    print(f"{'events':>7}  {'event pairs':>12}  {'distinct':>8}  {'scored in C':>12}  "
          f"{'check s':>8}  {'growth':>6}  {'validate s':>10}  {'warnings':>9}  {'growth':>6}  "
          f"{'written':>9}")
    before_time: tuple[int, float] | None = None
    before_warnings: tuple[int, float] | None = None
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        with tempfile.TemporaryDirectory(prefix="timeline-dups-") as scratch:
            folder = Path(scratch) / "events"
            write_folder(folder, size, titles=args.titles)
            child = subprocess.run([sys.executable, __file__, "--child", str(folder)],
                                   capture_output=True, text=True, check=True)
            alone = json.loads(child.stdout)
            started = time.perf_counter()
            subprocess.run([str(timeline), "validate", "--no-cache", str(folder)],
                           capture_output=True, check=False)
            validate = time.perf_counter() - started
        pairs = size * (size - 1) // 2
        seconds, warnings = alone["seconds"], alone["warnings"]
        print(f"{size:>7,}  {pairs:>12,}  {alone['distinct']:>8,}  {alone['scored']:>12,}  "
              f"{seconds:>8.2f}  {_growth(before_time, size, seconds):>6}  {validate:>10.2f}  "
              f"{warnings:>9,}  {_growth(before_warnings, size, warnings):>6}  "
              f"{alone['written']:>9,}")
        before_time, before_warnings = (size, seconds), (size, warnings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
