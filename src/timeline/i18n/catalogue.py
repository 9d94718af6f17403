"""The interface's words, one catalogue file per language (``locales/<lang>.yaml``).

A new language is one more file, in the package's ``locales`` folder or in the folder
named by ``$TIMELINE_LOCALES`` (searched first, so a site may also reword a bundled
language). Keys are flat dotted names; values may hold ``{name}`` placeholders. A key
missing from a language falls back to English, and a key missing everywhere shows as
itself, so a gap is visible but never an error.

Counts: ``t("app.footer_count", count=5)`` picks ``app.footer_count.<form>``, the form
being CLDR's plural category of 5 in the language (``one``, ``few``, ``many``,
``other``...; Babel knows each language's rules), and every whole number given is
written with the language's digit grouping. A language is only ever read from a file
listed in a catalogue folder: a requested language that names none reads as English,
and no text a client sends becomes a path.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import yaml
from babel import Locale

from timeline.i18n.cldr import format_number, locale_of, plural_form

Translate = Callable[..., str]

LOCALES_ENV = "TIMELINE_LOCALES"
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
_SUFFIX = ".yaml"
# Bounds, not working sets: a site has a handful of languages and one extra folder.
_FOLDERS = 8
_FILES = 64


def _bundled() -> Traversable:
    return resources.files("timeline.i18n").joinpath("locales")


def locale_folders() -> tuple[str, ...]:
    """Where catalogues are looked for, first wins: ``$TIMELINE_LOCALES``, then the
    package's own folder."""
    extra = os.environ.get(LOCALES_ENV, "").strip()
    return (extra, "") if extra else ("",)


@lru_cache(maxsize=_FOLDERS)
def _listing(folders: tuple[str, ...]) -> Mapping[str, tuple[str, str]]:
    """Language -> (folder, file name) of every catalogue in ``folders`` ("" = bundled)."""
    found: dict[str, tuple[str, str]] = {}
    for folder in reversed(folders):  # the first folder wins
        try:
            names = ([entry.name for entry in _bundled().iterdir()] if not folder
                     else os.listdir(folder))
        except OSError:
            continue
        for name in names:
            if name.endswith(_SUFFIX) and not name.startswith("."):
                found[name[:-len(_SUFFIX)]] = (folder, name)
    return found


def catalogue_languages() -> tuple[str, ...]:
    """Every language that has a catalogue, sorted."""
    return tuple(sorted(_listing(locale_folders())))


@lru_cache(maxsize=_FILES)
def _read(folder: str, name: str) -> Mapping[str, str]:
    try:
        text = (_bundled().joinpath(name).read_text(encoding="utf-8") if not folder
                else (Path(folder) / name).read_text(encoding="utf-8"))
        data = yaml.safe_load(text) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if v is not None}


def catalogue(language: str) -> Mapping[str, str]:
    """The flat key -> text mapping of one language ({} if no catalogue names it)."""
    where = _listing(locale_folders()).get(language)
    return _read(*where) if where is not None else {}


def cldr_locale(language: str) -> Locale:
    """The CLDR locale of ``language``'s dates: the one its own catalogue names
    (``locale.cldr: en_GB``), else the language's own, else British English."""
    return locale_of(catalogue(language).get("locale.cldr") or language)


def translator(language: str) -> Translate:
    """``t("filters.country")`` in ``language``, falling back to English, then the key."""
    own = catalogue(language)
    english = catalogue("en")

    def lookup(key: str) -> str | None:
        # an empty text is a text (a language with no article there, say)
        return own[key] if key in own else english.get(key)

    def translate(key: str, **values: object) -> str:
        count = values.get("count")
        text = None
        if isinstance(count, int) and not isinstance(count, bool):
            form = plural_form(count, language)
            text = (own.get(f"{key}.{form}") or own.get(f"{key}.other")
                    or english.get(f"{key}.{plural_form(count, 'en')}")
                    or english.get(f"{key}.other"))
        if text is None:
            found = lookup(key)
            text = key if found is None else found
        if not values:
            return text
        shown = {name: (format_number(value, language)
                        if isinstance(value, int) and not isinstance(value, bool) else value)
                 for name, value in values.items()}
        return text.format(**shown)

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


def plural_base(key: str) -> str:
    """``app.left_out`` for ``app.left_out.one``; any other key as it is."""
    base, _, last = key.rpartition(".")
    return base if base and last in PLURAL_FORMS else key
