"""ISO 3166-1 countries through pycountry: validation, suggestions, names in a language.

pycountry carries the ISO tables and their translations (iso-codes), so no list of
countries is kept by hand here.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

# Codes people write that are not ISO 3166-1 alpha-2, and what they most likely mean.
_COMMON_MISTAKES = {"UK": "GB", "EL": "GR", "EN": "GB"}


@cache
def _codes() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries)


def is_country(code: object) -> bool:
    return isinstance(code, str) and code in _codes()


def suggest_country(value: object) -> str | None:
    """The code a user probably meant: ``Mexico`` -> ``MX``, ``mx`` -> ``MX``, ``MEX`` -> ``MX``."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    upper = text.upper()
    if upper in _codes():
        return upper
    if upper in _COMMON_MISTAKES:
        return _COMMON_MISTAKES[upper]
    if len(upper) == 3:
        country = pycountry.countries.get(alpha_3=upper)
        if country is not None:
            return str(country.alpha_2)
    try:
        found = pycountry.countries.search_fuzzy(text)
    except LookupError:
        return _spanish_lookup(text)
    return str(found[0].alpha_2) if found else None


def _spanish_lookup(text: str) -> str | None:
    wanted = text.casefold()
    for code in _codes():
        if country_name(code, "es").casefold() == wanted:
            return code
    return None


@cache
def _translation(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return gettext.NullTranslations()


@cache
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
