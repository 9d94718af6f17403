"""Dates in words, as a reader would write them, in the interface's language."""

from __future__ import annotations

from functools import cache

from pendulum.locales.locale import Locale

from timeline.dates.spans import DateSpan, part_bounds
from timeline.dates.syntax import SEASON_START_MONTH, DatePart


@cache
def _months(language: str) -> dict[int, str]:
    try:
        months = Locale.load(language).get("translations.months.wide")
    except ValueError:
        months = Locale.load("en").get("translations.months.wide")
    return dict(months)


_SEASONS = {
    "en": {21: "spring", 22: "summer", 23: "autumn", 24: "winter"},
    "es": {21: "primavera", 22: "verano", 23: "otoño", 24: "invierno"},
}

_WORDS = {
    "en": {"circa": "c. {}", "uncertain": "{}?", "both": "c. {}?", "since": "since {}",
           "range": "{} – {}", "decade": "the {}s", "century": "the {}00s"},
    "es": {"circa": "hacia {}", "uncertain": "¿{}?", "both": "¿hacia {}?",
           "since": "desde {}", "range": "{} – {}", "decade": "los años {}",
           "century": "los años {}00"},
}


def _words(language: str) -> dict[str, str]:
    return _WORDS.get(language, _WORDS["en"])


def format_part(part: DatePart, language: str = "en") -> str:
    """A side of a date as a reader would write it, in ``language`` (en or es)."""
    months = _months(language)
    es = language == "es"
    if part.precision == "century":
        body = _words(language)["century"].format(part.year // 100)
    elif part.precision == "decade":
        body = _words(language)["decade"].format(part.year)
    elif part.precision == "year":
        body = str(part.year)
    elif part.precision == "season":
        name = _SEASONS.get(language, _SEASONS["en"])[part.season or 21]
        body = f"{name} de {part.year}" if es else f"{name} {part.year}"
    elif part.precision == "month":
        month = months[part.month or 1]
        body = f"{month} de {part.year}" if es else f"{month} {part.year}"
    else:
        month = months[part.month or 1]
        body = (f"{part.day} de {month} de {part.year}" if es
                else f"{part.day} {month} {part.year}")
        if part.precision == "minute":
            body += f", {part.hour:02d}:{part.minute:02d}"
            if part.offset_minutes is not None:
                body += f" ({_format_offset(part.offset_minutes)})"
    if es and part.approximate and part.precision in ("day", "minute", "season"):
        body = ("la " if part.precision == "season" else "el ") + body
    if part.approximate and part.uncertain:
        return _words(language)["both"].format(body)
    if part.approximate:
        return _words(language)["circa"].format(body)
    if part.uncertain:
        return _words(language)["uncertain"].format(body)
    return body


def _format_offset(minutes: int) -> str:
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def format_span(span: DateSpan, language: str = "en") -> str:
    """The whole date for humans: "21 May 2025", "c. 2013", "since 6 April 2024"."""
    first = format_part(span.lower, language)
    if span.ongoing:
        if language == "es" and span.lower.precision in ("day", "minute"):
            return f"desde el {first}"
        return _words(language)["since"].format(first)
    if span.upper is None:
        return first
    return _words(language)["range"].format(first, format_part(span.upper, language))




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
