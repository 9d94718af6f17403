"""The locale data of CLDR through Babel: numbers, plural rules, month and day names.

Nothing here is written by hand, so a new interface language needs no code: Babel knows
every language CLDR covers. A language Babel does not know reads as English.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

# Languages are the dataset's own (a handful), never raw client input; the bound is a
# guard, not a working set.
_LOCALES = 64


@lru_cache(maxsize=_LOCALES)
def locale_of(language: str) -> Locale:
    """Babel's locale of ``language`` (``es``, ``pt_BR``...); British English if unknown."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return Locale.parse("en_GB")


def format_number(value: int, language: str) -> str:
    """Digits grouped the way the reader's language writes them: 12,345 / 12.345."""
    return str(format_decimal(value, locale=locale_of(language)))


def separators(language: str) -> str:
    """Plotly's ``separators``: the decimal mark then the group mark of ``language``."""
    locale = locale_of(language)
    return str(get_decimal_symbol(locale)) + str(get_group_symbol(locale))


def plural_form(count: int, language: str) -> str:
    """CLDR's plural category of ``count`` in ``language``: one, few, many, other..."""
    return str(locale_of(language).plural_form(count))
