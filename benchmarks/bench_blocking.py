"""How much an exact blocking could spare the likely-duplicate check.

The check scores every pair of distinct titles of a near length within a group (in C,
with rapidfuzz). A blocking that must never miss a pair the ratio (0.85) would flag
can only skip pairs it can prove dissimilar. The usual exact one is a q-gram prefix
filter (an inverted index of each title's rarest q-grams): two titles whose longest
common subsequence is L share at least ``(2q-1) L - (q-1) (la+lb) - q + 1`` q-grams
(each letter outside the common subsequence breaks at most q-1 of its q-grams), and
titles that must share t q-grams share one among their ``n - t + 1`` rarest. This
script counts, for the titles of one big group, the pairs the check scores and the
pairs such a filter would still have to score (q = 2 and 3)::

    .venv/bin/python benchmarks/bench_blocking.py --sizes 2000,20000

Titles: ``bench_duplicates.py``'s templates, and titles of 4 to 9 random words from
the project's README and format description with one near copy in five. It prints
numbers; it asserts nothing.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_duplicates import OBJECTS, PLACES, SUBJECTS, VERBS  # noqa: E402

from timeline.folding import fold  # noqa: E402
from timeline.validate.crosscheck import _LENGTH_SHARE, DUPLICATE_TITLE_RATIO  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
THETA = DUPLICATE_TITLE_RATIO - 1e-6  # the check's cutoff, a hair under the ratio


def template_titles(size: int, seed: int = 2) -> list[str]:
    rng = random.Random(seed)
    titles = []
    for _ in range(size):
        title = (f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in "
                 f"{rng.choice(PLACES)}")
        titles += [title, title + " (es)"]
    return titles


def word_titles(size: int, seed: int = 3) -> list[str]:
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


def _window(lengths: list[int], size: int) -> tuple[int, int]:
    return (bisect_left(lengths, math.ceil(size * _LENGTH_SHARE - 1e-9)),
            bisect_right(lengths, math.floor(size / _LENGTH_SHARE + 1e-9)))


def _overlap_bound(total: int, q: int) -> int:
    """The fewest q-grams two texts of ``total`` letters together share at the ratio."""
    common = math.ceil(THETA * total / 2 - 1e-12)
    return (2 * q - 1) * common - (q - 1) * total - q + 1


def prefix_filter_pairs(distinct: list[str], q: int) -> int:
    """The pairs (of a near length) an exact q-gram prefix filter leaves to score."""
    lengths = [len(text) for text in distinct]
    grams = []
    frequency: Counter[tuple[str, int]] = Counter()
    for text in distinct:
        seen: Counter[str] = Counter()
        tokens = []
        for start in range(len(text) - q + 1):
            gram = text[start:start + q]
            seen[gram] += 1
            tokens.append((gram, seen[gram]))
        grams.append(tokens)
        frequency.update(set(tokens))
    postings: dict[tuple[str, int], list[int]] = defaultdict(list)
    prefixes: list[list[tuple[str, int]] | None] = []
    for index, text in enumerate(distinct):
        low, high = _window(lengths, len(text))
        need = min((_overlap_bound(len(text) + lengths[other], q)
                    for other in range(low, high)), default=0)
        if need < 1:  # no q-gram is sure to be shared: compared with the whole window
            prefixes.append(None)
            continue
        ordered = sorted(grams[index], key=lambda token: (frequency[token], token))
        prefix = ordered[:len(ordered) - need + 1]
        prefixes.append(prefix)
        for token in prefix:
            postings[token].append(index)
    pairs = 0
    for index, text in enumerate(distinct):
        low, high = _window(lengths, len(text))
        prefix = prefixes[index]
        if prefix is None:
            pairs += high - low
            continue
        candidates = set().union(*(postings[token] for token in prefix))
        pairs += sum(1 for other in candidates if low <= other < high)
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000")
    options = parser.parse_args()
    # Pairs are counted from each title's side (as the window look-ups go).
    print(f"{'titles':>10} {'events':>7} {'distinct':>8} {'window pairs':>13} "
          f"{'q=2 filter':>16} {'q=3 filter':>16}")
    for kind, make in (("templates", template_titles), ("words", word_titles)):
        for size in (int(s) for s in options.sizes.split(",") if s.strip()):
            distinct = sorted({fold(t)[:300] for t in make(size)}, key=len)
            lengths = [len(text) for text in distinct]
            today = sum(high - low for low, high in
                        (_window(lengths, len(text)) for text in distinct))
            started = time.perf_counter()
            kept = [prefix_filter_pairs(distinct, q) for q in (2, 3)]
            print(f"{kind:>10} {size:>7,} {len(distinct):>8,} {today:>13,} "
                  + " ".join(f"{k:>10,} {100 * k / today:3.0f}%" for k in kept)
                  + f"   ({time.perf_counter() - started:.1f} s to count in Python)")


if __name__ == "__main__":
    main()
