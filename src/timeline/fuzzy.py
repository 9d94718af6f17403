"""Close matches for "did you mean" messages: difflib's answers, found quickly."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from rapidfuzz import fuzz, process


def close_matches(word: str, possibilities: Iterable[str], n: int = 3,
                  cutoff: float = 0.6) -> list[str]:
    """``difflib.get_close_matches(word, possibilities, n, cutoff)``, the same answer.

    rapidfuzz's ratio (the longest common subsequence, in C) is never below difflib's
    (which counts the letters of matching blocks, a common subsequence), so only the
    possibilities it scores at the cutoff or more can pass: difflib ranks those alone,
    and its ranking does not depend on the others.
    """
    options = list(possibilities)  # a mapping's keys (rapidfuzz would give its values)
    near = [choice for choice, _, _ in process.extract(
        word, options, scorer=fuzz.ratio, score_cutoff=max(cutoff * 100 - 1e-6, 0),
        limit=None)]
    return difflib.get_close_matches(word, near, n=n, cutoff=cutoff)
