"""The interface's words, one catalogue file per language (``locales/<lang>.yaml``).

A third language is one more file. Keys are flat dotted names; values may hold
``{name}`` placeholders. A key missing from a language falls back to English, and a
key missing everywhere shows as itself, so a gap is visible but never an error.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources

import yaml

Translate = Callable[..., str]


@cache
def catalogue(language: str) -> dict[str, str]:
    """The flat key -> text mapping of one language ({} if there is no such file)."""
    try:
        text = resources.files("timeline.i18n").joinpath(f"locales/{language}.yaml").read_text(
            encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    data = yaml.safe_load(text) or {}
    return {str(k): str(v) for k, v in data.items()}


def translator(language: str) -> Translate:
    """``t("filters.country")`` in ``language``, falling back to English, then the key."""
    own = catalogue(language)
    english = catalogue("en")

    def translate(key: str, **values: object) -> str:
        text = own.get(key) or english.get(key) or key
        return text.format(**values) if values else text

    return translate


def vocab_label(vocabulary: str, value: str, language: str) -> str:
    """The word for a value of a closed vocabulary (``type``, ``actor_kind``) in
    ``language``; the value itself when no catalogue names it."""
    key = f"{vocabulary}.{value}"
    text = translator(language)(key)
    return value if text == key else text


def type_label(type_id: str, language: str) -> str:
    """An event type's name in ``language``: the one look-up of type labels."""
    return vocab_label("type", type_id, language)
