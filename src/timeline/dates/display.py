"""Dates in words, as a reader would write them, in the interface's language.

The words (c., since, seasons, decades...) come from the locale catalogues (``date.*``
keys); month names, the order of day, month and year, and the clock come from CLDR
through Babel, for the CLDR locale a catalogue names (``locale.cldr``, e.g. ``en_GB``;
the language itself by default). A time of day always says its offset from UTC.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_time, get_month_names, parse_pattern

from timeline.dates.spans import DateSpan, parse_date, part_bounds, zone_named
from timeline.dates.syntax import SEASON_START_MONTH, DatePart
from timeline.errors import DateSyntaxError
from timeline.i18n.catalogue import Translate, cldr_locale, translator

_SEASON_NAMES = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_LANGUAGES = 32  # bound of the per-language tables (languages are the dataset's own)
_WORDS_CACHED = 65_536  # distinct (date side, language, zone) kept in words


@dataclass(frozen=True, slots=True)
class _Calendar:
    """One language's CLDR data for dates, read once."""

    locale: Locale
    day: str  # "%(d)s de %(MMMM)s de %(y)s": Babel's long date pattern, as a format
    month: str  # the same for a month of a year (skeleton yMMMM)
    time: str  # CLDR's short time pattern
    months: Mapping[str, Mapping[int, str]]  # wide month names: format, stand-alone


@lru_cache(maxsize=_LANGUAGES)
def _calendar(language: str) -> _Calendar:
    locale = cldr_locale(language)
    month = locale.datetime_skeletons.get("yMMMM")
    return _Calendar(
        locale,
        str(parse_pattern(locale.date_formats["long"].pattern).format),
        str(parse_pattern(month.pattern if month is not None else "MMMM y").format),
        locale.time_formats["short"].pattern,
        {"format": dict(get_month_names("wide", "format", locale)),
         "stand-alone": dict(get_month_names("wide", "stand-alone", locale))})


class _Fields(dict[str, str]):
    """The values of a date pattern's fields; one it does not know is left out."""

    def __missing__(self, key: str) -> str:
        return ""


def _written(pattern: str, calendar: _Calendar, year: int, month: int, day: int = 1) -> str:
    fields = _Fields(
        d=str(day), dd=f"{day:02d}", M=str(month), MM=f"{month:02d}", L=str(month),
        LL=f"{month:02d}", MMMM=calendar.months["format"][month],
        MMM=calendar.months["format"][month],
        LLLL=calendar.months["stand-alone"][month], LLL=calendar.months["stand-alone"][month],
        y=str(year), yyyy=f"{year:04d}", yy=f"{year % 100:02d}")
    return (pattern % fields).strip()


def _offset(minutes: int) -> str:
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def _zone_offset(part: DatePart, timezone: str) -> str:
    """The offset of a local time of day in ``timezone`` (the earlier in an overlap)."""
    zone_named(timezone)  # UnknownTimezone, naming close zones, if it is not one
    try:
        moment = datetime(part.year, part.month or 1, part.day or 1, part.hour or 0,
                          part.minute or 0, tzinfo=ZoneInfo(timezone))
        offset = moment.utcoffset()
    except (ValueError, OverflowError, KeyError, OSError):
        return timezone
    return _offset(int(offset.total_seconds()) // 60) if offset is not None else timezone


def _body(part: DatePart, language: str, t: Translate, timezone: str | None) -> str:
    """The date side in words, without qualifiers."""
    calendar = _calendar(language)
    if part.precision == "century":
        return t("date.century", century=str(part.year // 100))
    if part.precision == "decade":
        return t("date.decade", year=str(part.year))
    if part.precision == "year":
        return str(part.year)
    if part.precision == "season":
        name = t(f"date.season.{_SEASON_NAMES.get(part.season or 21, 'spring')}")
        return t("date.season_of_year", season=name, year=str(part.year))
    if part.precision == "month":
        return _written(calendar.month, calendar, part.year, part.month or 1)
    body = _written(calendar.day, calendar, part.year, part.month or 1, part.day or 1)
    if part.precision != "minute":
        return body
    clock = format_time(time(part.hour or 0, part.minute or 0), calendar.time,
                        locale=calendar.locale)
    zone = (_offset(part.offset_minutes) if part.offset_minutes is not None
            else _zone_offset(part, timezone) if timezone else "")
    if not zone:
        return t("date.at_time_no_zone", date=body, time=clock)
    return t("date.at_time", date=body, time=clock, zone=zone)


def _qualified(part: DatePart, language: str, role: str, timezone: str | None) -> str:
    t = translator(language)
    body = _body(part, language, t, timezone)
    how = ("both" if part.approximate and part.uncertain else "circa" if part.approximate
           else "uncertain" if part.uncertain else "plain")
    if role == "alone" and how == "plain":
        return body
    # Some languages put an article before a day or a season after a word ("hacia el
    # 6 de abril", "desde la primavera de 2024"); the catalogue says which.
    article = t(f"date.article.{part.precision}")
    article = "" if article == f"date.article.{part.precision}" else article
    return t(f"date.{role}.{how}", date=body, article=article)


@lru_cache(maxsize=_WORDS_CACHED)
def _format_part(part: DatePart, language: str, role: str, timezone: str | None) -> str:
    return _qualified(part, language, role, timezone)


def format_part(part: DatePart, language: str = "en", timezone: str | None = None) -> str:
    """A side of a date as a reader would write it, in ``language``; a time of day says
    its offset (written, else that of ``timezone`` then)."""
    return _format_part(part, language, "alone", timezone)


def format_span(span: DateSpan, language: str = "en") -> str:
    """The whole date for humans: "21 May 2025", "c. 2013", "since 6 April 2024"."""
    if span.ongoing:
        return _format_part(span.lower, language, "since", span.timezone)
    first = _format_part(span.lower, language, "alone", span.timezone)
    if span.upper is None:
        return first
    return translator(language)("date.range", first=first,
                                last=_format_part(span.upper, language, "alone",
                                                  span.timezone))


def machine_date(part: DatePart, timezone: str = "UTC") -> str:
    """A side of a date as ISO 8601 text at the precision it was written with.

    What HTML's ``<time datetime>`` and schema.org dates take: ``2025``, ``2025-05``,
    ``2025-05-21``, or a UTC instant (``2025-05-21T15:30Z``) for a time of day. A
    decade or century gives its first year and a season the month it starts in; the
    words say how vague the date is.
    """
    if part.precision in ("century", "decade", "year"):
        return f"{part.year:04d}"
    if part.precision == "season":
        return f"{part.year:04d}-{SEASON_START_MONTH.get(part.season or 21, 3):02d}"
    if part.precision == "month":
        return f"{part.year:04d}-{part.month or 1:02d}"
    if part.precision == "day":
        return f"{part.year:04d}-{part.month or 1:02d}-{part.day or 1:02d}"
    return part_bounds(part, timezone)[0].strftime("%Y-%m-%dT%H:%MZ")


def describe_written(text: str | None, language: str = "en") -> str:
    """A date as a source wrote it, in words; the text itself when it is no record date
    (a source's date is shown as given rather than refused)."""
    if not text:
        return ""
    try:
        return format_span(parse_date(text), language)
    except DateSyntaxError:
        return text
