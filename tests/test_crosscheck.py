"""The likely-duplicate check's shortcuts give exactly SequenceMatcher's answers."""

from __future__ import annotations

import difflib
import random
from collections import Counter

from timeline.crosscheck import DUPLICATE_TITLE_RATIO, _Letters, _similar, _Title
from timeline.folding import fold

WORDS = ["march", "marcha", "embassy", "embajada", "strike", "huelga", "hambre", "hunger",
         "sheinbaum", "mexico", "méxico", "israel", "relations", "relaciones", "break",
         "romper", "union", "sindicato", "jenin", "diplomats", "shot", "at", "in", "de",
         "la", "el", "the", "a", "2025", "ñandú", "über", "—", "!!", "x"]


def _titles(rng: random.Random, count: int) -> list[str]:
    titles = []
    for _ in range(count):
        words = rng.choices(WORDS, k=rng.randint(0, 9))
        title = " ".join(words)
        titles.append(title)
        if rng.random() < 0.4 and words:  # a near copy: one word changed or dropped
            changed = list(words)
            changed[rng.randrange(len(changed))] = rng.choice(WORDS)
            titles.append(" ".join(changed[: rng.randint(1, len(changed))]))
    return titles


def test_similar_titles_are_exactly_those_sequencematcher_finds() -> None:
    rng = random.Random(7)
    texts = [fold(t) for t in _titles(rng, 160)]
    letters = _Letters()
    titles = [_Title(text, letters) for text in texts]
    letters.close()
    found = 0
    for i, a in enumerate(titles):
        for b in titles[: i + 1]:
            expected = difflib.SequenceMatcher(None, a.text, b.text).ratio() \
                >= DUPLICATE_TITLE_RATIO
            assert _similar([a], [b], letters) == expected, (a.text, b.text)
            found += expected
    assert found > len(titles)  # not only each title with itself


def test_packed_letter_counts_give_the_shared_letters() -> None:
    rng = random.Random(3)
    texts = [fold(t) for t in _titles(rng, 80)] + ["a" * 70_000, "ab" * 40_000, ""]
    letters = _Letters()
    titles = [_Title(text, letters) for text in texts]
    letters.close()
    assert titles[-3].packed is None  # longer than a lane counts: counted letter by letter
    for a in titles:
        for b in titles:
            expected = sum((Counter(a.text) & Counter(b.text)).values())
            assert a.shared(b, letters) == expected
