"""ISO 3166-1 countries through pycountry: validation, suggestions, names in a language.

pycountry carries the ISO tables and their translations (iso-codes), so no list of
countries is kept by hand here.
"""

from __future__ import annotations

import gettext
from functools import cache, lru_cache

import pycountry
from rapidfuzz import process
from rapidfuzz.distance import Indel

from timeline.folding import fold
from timeline.i18n.catalogue import catalogue_languages

# Codes people write that are not ISO 3166-1 alpha-2, and what they most likely mean.
_COMMON_MISTAKES = {"UK": "GB", "EL": "GR", "EN": "GB"}
_LANGUAGES = 32  # a bound: the interface's languages are a handful


@cache
def _codes() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


def is_country(code: object) -> bool:
    return isinstance(code, str) and code in _codes()


def suggest_country(value: object) -> str | None:
    """The code a user probably meant: ``Mexico`` -> ``MX``, ``mx`` -> ``MX``, ``MEX`` -> ``MX``.

    Every look-up is in tables built once (:func:`_names`), and a misspelt name is
    matched by rapidfuzz in C: a suggestion costs microseconds, so a file of thousands
    of bad codes is checked in moments (pycountry's ``search_fuzzy`` took 7-17 ms each).
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    upper = text.upper()
    if upper in _codes():
        return upper
    if upper in _COMMON_MISTAKES:
        return _COMMON_MISTAKES[upper]
    if len(text) > _LONGEST_NAME:
        return None
    alpha_3 = _alpha3_codes().get(upper)
    if alpha_3 is not None:
        return alpha_3
    wanted = fold(text)
    names = _names()
    exact = names.get(wanted)
    if exact is not None:
        return exact
    # A misspelling is a few letters inserted or left out (a swap is two): about one
    # in three letters at most, and never more than three.
    limit = min(3, len(wanted) // 3)
    if not limit:
        return None
    by_length = _names_by_length()
    nearby = [name for size in range(len(wanted) - limit, len(wanted) + limit + 1)
              for name in by_length.get(size, ())]
    found = process.extractOne(wanted, nearby, scorer=Indel.distance, score_cutoff=limit)
    return names[found[0]] if found else None


# No country or subdivision name is longer than this; longer text is no name.
_LONGEST_NAME = 80


@cache
def _alpha3_codes() -> dict[str, str]:
    return {c.alpha_3: c.alpha_2 for c in pycountry.countries}


@cache
def _country_names() -> dict[str, str]:
    """Every name of every country, folded, in English and every language the
    interface has a catalogue for, -> its code."""
    names: dict[str, str] = {}
    translations = [_translation(language) for language in catalogue_languages()
                    if language != "en"]
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if name:
                names[fold(name)] = country.alpha_2
                for translation in translations:
                    names.setdefault(fold(translation.gettext(name)), country.alpha_2)
    # The short form of "Palestine, State of" or "Russian Federation", where it names
    # one country only ("Korea" names two, and is left out).
    short: dict[str, set[str]] = {}
    for name, code in names.items():
        for form in (name.split(",")[0], name.split(" (")[0], name.split(" ")[0]):
            if form != name and len(form) > 3:
                short.setdefault(form, set()).add(code)
    for form, codes in short.items():
        if len(codes) == 1 and form not in names:
            names[form] = codes.pop()
    return names


@cache
def _names() -> dict[str, str]:
    """:func:`_country_names` and the subdivisions' names (``Chiapas`` -> ``MX``).

    A country's own name wins over a subdivision of the same name.
    """
    names = {fold(s.name): s.country_code for s in pycountry.subdivisions}
    names.update(_country_names())
    return names


@cache
def _names_by_length() -> dict[int, tuple[str, ...]]:
    """The countries' names (not subdivisions'), which a misspelling is matched against,
    by length: names that differ in length by more than the distance allowed cannot match.
    """
    found: dict[int, list[str]] = {}
    for name in _country_names():
        found.setdefault(len(name), []).append(name)
    return {size: tuple(names) for size, names in found.items()}


@lru_cache(maxsize=_LANGUAGES)
def _translation(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return gettext.NullTranslations()


@lru_cache(maxsize=4096)
def country_name(code: str, language: str = "en") -> str:
    """The short common name of a country in ``language``; the code itself if unknown."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    return _translation(language).gettext(name)


@cache
def alpha3(code: str) -> str | None:
    """The alpha-3 code the world map's geometry is keyed by."""
    country = pycountry.countries.get(alpha_2=code)
    return str(country.alpha_3) if country is not None else None


def all_countries(language: str = "en") -> list[tuple[str, str]]:
    """Every (code, name) pair, sorted by name in ``language`` (for pickers)."""
    return sorted(((c, country_name(c, language)) for c in _codes()), key=lambda p: p[1])
