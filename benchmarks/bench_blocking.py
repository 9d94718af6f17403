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
the project's README and format description with one near copy in five.

With ``--approximate`` it measures instead the blocking the check does not use: an
index of 5-letter pieces (Pass-Join's pigeonhole, Li et al., VLDB 2012: a title cut
into k pieces keeps one intact in any title it differs from in fewer than k pieces).
Each title is looked up only by its pieces that at most ``--cap`` titles contain; a
title with too few such pieces is scored against its whole length window, as the
check does. For the templates, the random words, and "stress" titles (random words,
three in ten followed by a copy edited letter by letter until one more edit would
take it under the ratio), it prints the similar pairs (found by the check's method),
the pairs the index finds, how many it misses, and both times::

    .venv/bin/python benchmarks/bench_blocking.py --approximate --sizes 5000,20000

It prints numbers; it asserts nothing.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cydifflib  # noqa: E402
from bench_duplicates import template_titles as english_templates  # noqa: E402
from bench_duplicates import word_titles  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from timeline.folding import fold  # noqa: E402
from timeline.validate.crosscheck import (  # noqa: E402
    _BOUND,
    _LENGTH_SHARE,
    DUPLICATE_TITLE_RATIO,
    _reach,
)

THETA = DUPLICATE_TITLE_RATIO - 1e-6  # the check's cutoff, a hair under the ratio


def template_titles(size: int, seed: int = 2) -> list[str]:
    """``bench_duplicates.py``'s titles, each in English and in "Spanish"."""
    return [text for title in english_templates(size, seed)
            for text in (title, title + " (es)")]


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


def stress_titles(size: int, seed: int = 5) -> list[str]:
    """Random-word titles, three in ten followed by a copy edited as far as the ratio
    allows, letter by letter at random places (a worst case for any blocking)."""
    rng = random.Random(seed)
    words = word_titles(size, seed)
    titles: list[str] = []
    for title in words:
        titles.append(title)
        if rng.random() < 0.3:
            copy = title
            for _ in range(60):
                where, letter = rng.randrange(len(copy)), rng.choice("abcdefghijklmnopqrstuvwxyz ")
                edit = rng.random()
                edited = (copy[:where] + letter + copy[where + 1:] if edit < 0.4 else
                          copy[:where] + letter + copy[where:] if edit < 0.7 else
                          copy[:where] + copy[where + 1:])
                if cydifflib.SequenceMatcher(None, edited, title).ratio() < THETA:
                    break
                copy = edited
            titles.append(copy)
    return titles[:size]


def _similar(first: str, second: str) -> bool:
    return (cydifflib.SequenceMatcher(None, first, second).ratio() >= DUPLICATE_TITLE_RATIO
            or cydifflib.SequenceMatcher(None, second, first).ratio() >= DUPLICATE_TITLE_RATIO)


def _confirm(text: str, others: list[str], found: set[tuple[str, str]]) -> None:
    for other, _, _ in process.extract(text, others, scorer=fuzz.ratio,
                                       score_cutoff=_BOUND, limit=None):
        pair = (text, other) if text < other else (other, text)
        if pair not in found and _similar(text, other):
            found.add(pair)


def exact_pairs(distinct: list[str]) -> set[tuple[str, str]]:
    """The similar pairs, as the check finds them: every pair of a near length."""
    lengths = [len(text) for text in distinct]
    reach = _reach(lengths)
    found: set[tuple[str, str]] = set()
    for index, text in enumerate(distinct):
        _confirm(text, distinct[index + 1:bisect_right(lengths, reach[len(text)])], found)
    return found


def piece_index_pairs(distinct: list[str], q: int = 5, cap: int = 300,
                      tolerated: int = 3) -> tuple[set[tuple[str, str]], int]:
    """The similar pairs an index of q-letter pieces finds, and the pairs it scores.

    A title with more than ``tolerated`` pieces that at most ``cap`` titles contain is
    looked up by those (so it finds for sure any title it differs from in at most
    ``tolerated`` pieces); any other title is scored against its whole window.
    """
    lengths = [len(text) for text in distinct]
    reach = _reach(lengths)
    containing: dict[str, list[int]] = defaultdict(list)
    for number, text in enumerate(distinct):
        for gram in {text[start:start + q] for start in range(max(1, len(text) - q + 1))}:
            containing[gram].append(number)
    rare: list[list[list[int]] | None] = []
    for text in distinct:
        pieces = {text[start:start + q] for start in range(0, max(1, len(text) - q + 1), q)}
        pieces.add(text[-q:])
        lists = [containing[piece] for piece in pieces if len(containing[piece]) <= cap]
        rare.append(lists if len(lists) > tolerated else None)
    looked_up = [number for number, lists in enumerate(rare) if lists is not None]
    looked_up_lengths = [lengths[number] for number in looked_up]
    found: set[tuple[str, str]] = set()
    scored = 0
    for number, text in enumerate(distinct):
        chosen = rare[number]
        if chosen is not None:
            others = [distinct[other] for other in set().union(*chosen) if other != number]
        else:  # the whole window: the titles after it, and the looked-up ones before
            low = bisect_left(looked_up_lengths, math.ceil(len(text) * _LENGTH_SHARE - 1e-9))
            before = looked_up[low:bisect_left(looked_up, number)]
            others = (distinct[number + 1:bisect_right(lengths, reach[len(text)])]
                      + [distinct[other] for other in before])
        scored += len(others)
        _confirm(text, others, found)
    return found, scored


def approximate(sizes: list[int]) -> None:
    print(f"{'titles':>10} {'events':>7} {'distinct':>8} {'similar':>8} {'exact s':>8} "
          f"{'index s':>8} {'scored/title':>12} {'missed':>7}")
    for kind, make in (("templates", template_titles), ("words", word_titles),
                       ("stress", stress_titles)):
        for size in sizes:
            distinct = sorted({fold(t)[:300] for t in make(size)}, key=len)
            started = time.perf_counter()
            truth = exact_pairs(distinct)
            exact = time.perf_counter() - started
            started = time.perf_counter()
            found, scored = piece_index_pairs(distinct)
            index = time.perf_counter() - started
            print(f"{kind:>10} {size:>7,} {len(distinct):>8,} {len(truth):>8,} {exact:>8.2f} "
                  f"{index:>8.2f} {scored / len(distinct):>12,.0f} {len(truth - found):>7,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000")
    parser.add_argument("--approximate", action="store_true",
                        help="measure the piece index instead of the exact filters")
    options = parser.parse_args()
    if options.approximate:
        approximate([int(s) for s in options.sizes.split(",") if s.strip()])
        return
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
