"""The record date syntax (EDTF levels 0 and 1) turned into honest time spans.

A date as written says how much is known: ``2013~`` is "around 2013", ``2025-05``
is "some day in May 2025". :func:`parse_date` keeps that knowledge as a
:class:`DateSpan`: the half-open UTC interval the date covers, its precision and its
qualifiers, computed in the event's time zone with real zone rules (Pendulum).

The parser is a small regular grammar rather than the ``edtf`` package: ``edtf``
takes about 6 ms a date here, which would make validating 100,000 events take ten
minutes; the test suite checks this parser against ``edtf`` on a corpus instead.
Nothing here reads the clock or knows about files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Literal

import pendulum
from pendulum.locales.locale import Locale

from timeline.errors import DateOrderError, DateSyntaxError

Precision = Literal["century", "decade", "year", "season", "month", "day", "minute"]

PRECISION_ORDER: tuple[Precision, ...] = (
    "century", "decade", "year", "season", "month", "day", "minute",
)

_PART = re.compile(
    r"""
    (?P<year>\d{4}|\d{3}X|\d{2}XX)
    (?:-(?P<month>\d{2}|XX)
      (?:-(?P<day>\d{2}|XX)
        (?:T(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?
           (?P<offset>Z|[+-]\d{2}(?::?\d{2})?)?
        )?
      )?
    )?
    (?P<qualifier>[~?%])?
    """,
    re.VERBOSE,
)

# EDTF level 1 seasons: 21 spring, 22 summer, 23 autumn, 24 winter (northern
# hemisphere meteorological seasons; winter runs into the next year).
_SEASON_START_MONTH = {21: 3, 22: 6, 23: 9, 24: 12}


@dataclass(frozen=True, slots=True)
class DatePart:
    """One side of a date as written, before any time zone is applied."""

    year: int
    month: int | None
    day: int | None
    hour: int | None
    minute: int | None
    second: int | None
    offset_minutes: int | None
    precision: Precision
    approximate: bool
    uncertain: bool
    season: int | None = None


@dataclass(frozen=True, slots=True)
class DateSpan:
    """What a written date covers: ``start`` inclusive, ``end`` exclusive, both UTC.

    ``end`` is ``None`` for an ongoing interval (``2024-04-06/..``). ``precision``
    is the coarser precision of the two sides of an interval.
    """

    text: str
    start: datetime
    end: datetime | None
    precision: Precision
    approximate: bool
    uncertain: bool
    ongoing: bool
    timezone: str
    lower: DatePart
    upper: DatePart | None  # the end side of an interval; None for a single date

    @property
    def is_interval(self) -> bool:
        return self.upper is not None or self.ongoing

    @property
    def is_point(self) -> bool:
        """True when the date names an instant to the minute, drawn as a marker."""
        return not self.is_interval and self.precision == "minute"

    def end_or(self, today: datetime) -> datetime:
        """The end, or ``today`` for an ongoing span (the caller supplies the clock)."""
        return self.end if self.end is not None else max(today, self.start)


def normalise_date_text(value: object) -> str:
    """The canonical text of a date value as YAML may deliver it (int, date, str)."""
    if isinstance(value, bool):
        raise DateSyntaxError(f"{value!r} is a yes/no value, not a date")
    if isinstance(value, int):
        return f"{value:04d}"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    if isinstance(value, str):
        return value.strip()
    raise DateSyntaxError(f"a date is text such as 2025-05-21, not a {type(value).__name__}")


def parse_part(text: str) -> DatePart:
    """Parse one side of a date (no slash) into its components."""
    match = _PART.fullmatch(text)
    if match is None:
        raise DateSyntaxError(_explain(text))
    g = match.groupdict()
    qualifier = g["qualifier"]
    approximate = qualifier in ("~", "%")
    uncertain = qualifier in ("?", "%")
    if g["hour"] is not None and qualifier:
        raise DateSyntaxError("a qualifier (~ ? %) cannot follow a time; qualify a day instead")

    year_text: str = g["year"]
    if "X" in year_text:
        if g["month"] is not None:
            raise DateSyntaxError(
                "a year with unspecified digits (199X, 19XX) cannot have a month or day"
            )
        precision: Precision = "century" if year_text.endswith("XX") else "decade"
        year = int(year_text.replace("X", "0"))
        return DatePart(year, None, None, None, None, None, None, precision,
                        approximate, uncertain)
    year = int(year_text)
    if year < 1:
        raise DateSyntaxError("year 0000 is not supported; dates start in year 0001")

    month_text, day_text = g["month"], g["day"]
    if month_text is None or month_text == "XX":
        if day_text not in (None, "XX"):
            raise DateSyntaxError("a day needs a month: write 2025-05-21, not 2025-XX-21")
        return DatePart(year, None, None, None, None, None, None, "year",
                        approximate, uncertain)
    month = int(month_text)
    if month in _SEASON_START_MONTH:
        if day_text is not None:
            raise DateSyntaxError("a season (21-24) cannot have a day")
        return DatePart(year, None, None, None, None, None, None, "season",
                        approximate, uncertain, season=month)
    if not 1 <= month <= 12:
        raise DateSyntaxError(
            f"month {month_text} does not exist; months run 01-12 (seasons 21-24)"
        )
    if day_text is None or day_text == "XX":
        return DatePart(year, month, None, None, None, None, None, "month",
                        approximate, uncertain)
    day = int(day_text)
    days_in_month = pendulum.date(year, month, 1).days_in_month
    if not 1 <= day <= days_in_month:
        raise DateSyntaxError(
            f"day {day_text} does not exist in {year:04d}-{month:02d}, "
            f"which has {days_in_month} days"
        )
    if g["hour"] is None:
        return DatePart(year, month, day, None, None, None, None, "day",
                        approximate, uncertain)
    hour, minute = int(g["hour"]), int(g["minute"])
    second = int(g["second"]) if g["second"] is not None else None
    if hour > 23 or minute > 59 or (second is not None and second > 59):
        raise DateSyntaxError(f"{g['hour']}:{g['minute']} is not a time of day (00:00-23:59)")
    offset = _offset_minutes(g["offset"])
    return DatePart(year, month, day, hour, minute, second, offset, "minute",
                    approximate, uncertain)


def _offset_minutes(text: str | None) -> int | None:
    if text is None:
        return None
    if text == "Z":
        return 0
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if minutes > 59 or hours * 60 + minutes > (720 if sign < 0 else 840):
        raise DateSyntaxError(f"the offset {text} is out of range (-12:00 to +14:00)")
    return sign * (hours * 60 + minutes)


def _explain(text: str) -> str:
    """Say what is wrong with a side that the grammar rejected."""
    if not text:
        return "it is empty"
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}", text):
        return "write the year first (YYYY-MM-DD), not day/month/year"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ _]\d{2}:\d{2}(:\d{2})?.*", text):
        return "put a T between the date and the time (2025-05-21T14:30:00-06:00)"
    if re.fullmatch(r"\d{1,3}", text):
        return "years have four digits"
    if text.startswith("-") or text.startswith("Y"):
        return "years before 0001 and beyond 9999 are not supported"
    if re.search(r"[A-Za-z]{3,}", text):
        return "month names are not understood; use numbers (2025-05 for May 2025)"
    if re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", text):
        return "months and days have two digits (2025-05-01)"
    return "it does not match any form of the syntax"


@cache
def _zone(name: str) -> pendulum.Timezone:
    return pendulum.timezone(name)


def is_timezone(name: str) -> bool:
    """True when ``name`` is an IANA zone Pendulum knows."""
    if not isinstance(name, str) or not name or name != name.strip():
        return False
    try:
        _zone(name)
    except Exception:  # pendulum raises several types for unknown or malformed names
        return False
    return True


def _local(year: int, month: int, day: int, tz: pendulum.Timezone) -> datetime:
    local = pendulum.datetime(year, month, day, tz=tz)
    return local.in_timezone(pendulum.UTC)


def part_bounds(part: DatePart, timezone: str) -> tuple[datetime, datetime]:
    """The half-open UTC interval one side covers, in ``timezone`` unless it has an offset."""
    tz = _zone(timezone)
    if part.precision == "minute":
        assert part.month is not None and part.day is not None
        if part.offset_minutes is not None:
            naive = datetime(part.year, part.month, part.day, part.hour or 0,
                             part.minute or 0, part.second or 0)
            start = (naive - timedelta(minutes=part.offset_minutes)).replace(tzinfo=UTC)
        else:
            start = pendulum.datetime(part.year, part.month, part.day, part.hour or 0,
                                      part.minute or 0, part.second or 0,
                                      tz=tz).in_timezone(pendulum.UTC)
        return _utc(start), _utc(start + timedelta(minutes=1))
    if part.precision == "day":
        assert part.month is not None and part.day is not None
        first = pendulum.date(part.year, part.month, part.day)
        after = first.add(days=1)
        return (_utc(_local(first.year, first.month, first.day, tz)),
                _utc(_local(after.year, after.month, after.day, tz)))
    if part.precision == "month":
        assert part.month is not None
        after_year, after_month = (part.year + 1, 1) if part.month == 12 else (
            part.year, part.month + 1)
        return (_utc(_local(part.year, part.month, 1, tz)),
                _utc(_local(after_year, after_month, 1, tz)))
    if part.precision == "season":
        assert part.season is not None
        first_month = _SEASON_START_MONTH[part.season]
        end_month = first_month + 3
        end_year = part.year + (end_month - 1) // 12
        end_month = (end_month - 1) % 12 + 1
        return (_utc(_local(part.year, first_month, 1, tz)),
                _utc(_local(end_year, end_month, 1, tz)))
    width = {"year": 1, "decade": 10, "century": 100}[part.precision]
    return (_utc(_local(part.year, 1, 1, tz)),
            _utc(_local(min(part.year + width, 9999), 1, 1, tz)))


def _utc(value: datetime) -> datetime:
    """A plain stdlib UTC datetime: light to keep and to pickle for 100,000 events."""
    return datetime(value.year, value.month, value.day, value.hour, value.minute,
                    value.second, tzinfo=UTC) if value.tzinfo is not UTC else value


@dataclass(frozen=True, slots=True)
class WrittenDate:
    """A date checked against the syntax but not yet placed in a time zone."""

    text: str
    lower: DatePart
    upper: DatePart | None
    ongoing: bool


def parse_written(value: object) -> WrittenDate:
    """Check a record date's syntax; raise :class:`DateSyntaxError` saying what is wrong."""
    text = normalise_date_text(value)
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}", text):
        raise DateSyntaxError(_explain(text))
    if text.count("/") > 1:
        raise DateSyntaxError("an interval has exactly one slash: START/END")
    if "/" not in text:
        return WrittenDate(text, parse_part(text), None, False)
    left, right = text.split("/")
    if left in ("..", ""):
        raise DateSyntaxError(
            "an interval needs a known start; write the earliest date the source supports"
            " with ? or ~ (for example 2024?/2025-05-21)"
        )
    lower = parse_part(left)
    if right == "":
        raise DateSyntaxError("the end is missing; write START/END, or START/.. if ongoing")
    if right == "..":
        return WrittenDate(text, lower, None, True)
    return WrittenDate(text, lower, parse_part(right), False)


def place_date(written: WrittenDate, timezone: str = "UTC") -> DateSpan:
    """The UTC span a checked date covers in ``timezone``."""
    lower, upper = written.lower, written.upper
    start, end = part_bounds(lower, timezone)
    if written.ongoing:
        return DateSpan(written.text, start, None, lower.precision, lower.approximate,
                        lower.uncertain, True, timezone, lower, None)
    if upper is None:
        return DateSpan(written.text, start, end, lower.precision, lower.approximate,
                        lower.uncertain, False, timezone, lower, None)
    _, end = part_bounds(upper, timezone)
    if end <= start:
        left, right = written.text.split("/")
        raise DateOrderError(left, right)
    coarser = min(lower.precision, upper.precision, key=PRECISION_ORDER.index)
    return DateSpan(written.text, start, end, coarser, lower.approximate or upper.approximate,
                    lower.uncertain or upper.uncertain, False, timezone, lower, upper)


def parse_date(value: object, timezone: str = "UTC") -> DateSpan:
    """Parse a record date into a :class:`DateSpan`, or raise :class:`DateSyntaxError`."""
    return place_date(parse_written(value), timezone)


# ---------------------------------------------------------------- display


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


def parse_bound(text: str, timezone: str = "UTC") -> tuple[datetime, datetime] | None:
    """The span of a filter bound (``from``/``to`` in a URL); None when unparseable."""
    try:
        span = parse_date(text, timezone)
    except DateSyntaxError:
        return None
    return span.start, span.end or span.start


def iso(value: datetime | None) -> str | None:
    """UTC ISO 8601 text with a ``Z``, as exports and the JSON cache carry it."""
    if value is None:
        return None
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")
