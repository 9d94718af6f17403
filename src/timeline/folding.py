"""Text folded for matching: case and accents ignored, so "México" matches "mexico".

Search, slugs and the duplicate check all compare text this one way.
"""

from __future__ import annotations

import unicodedata
from functools import cache


def fold(text: str) -> str:
    """Lower case without accents (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():  # nothing to strip: most titles in most languages
        return decomposed
    # Accented Latin letters leave marks of one small block: str.replace removes each
    # far faster than a loop over every character of a long text (an event's search
    # text is title and summary in each language).
    for mark in _latin_marks():
        if mark in decomposed:
            decomposed = decomposed.replace(mark, "")
            if decomposed.isascii():
                return decomposed
    combining = unicodedata.combining
    return "".join([c for c in decomposed if not combining(c)])


@cache
def _latin_marks() -> tuple[str, ...]:
    """The combining marks of the Combining Diacritical Marks block (U+0300-U+036F)."""
    return tuple(c for c in map(chr, range(0x300, 0x370)) if unicodedata.combining(c))
