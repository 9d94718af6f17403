"""Text folded for matching: case and accents ignored, so "México" matches "mexico".

Search, slugs and the duplicate check all compare text this one way.
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case without accents (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():  # nothing to strip: most titles in most languages
        return decomposed
    combining = unicodedata.combining
    return "".join([c for c in decomposed if not combining(c)])
