"""The record date syntax (EDTF levels 0 and 1): text in, checked parts out.

A date as written says how much is known: ``2013~`` is "around 2013", ``2025-05`` is
"some day in May 2025". :func:`parse_written` checks the text against a small regular
grammar and keeps each side as a :class:`DatePart`; :mod:`timeline.dates.spans` places
it in time. The grammar is hand-written rather than the ``edtf`` package, which takes
about 6 ms a date (ten minutes for 100,000 events); the tests check it against ``edtf``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import pendulum

from timeline.errors import DateSyntaxError

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
SEASON_START_MONTH = {21: 3, 22: 6, 23: 9, 24: 12}


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
    if month in SEASON_START_MONTH:
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
    if hour > 23 or minute > 59:
        raise DateSyntaxError(f"{g['hour']}:{g['minute']} is not a time of day (00:00-23:59)")
    if second is not None and second > 59:
        raise DateSyntaxError(
            f"second {g['second']} does not exist; seconds run 00-59 (a leap second, :60, "
            "cannot be stored: write :59)")
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
    if text.startswith("+"):
        return "a year has no sign; write its four digits (2013, not +2013)"
    level_2 = _level_2(text)
    if level_2:
        return level_2
    if re.search(r"[A-Za-z]{3,}", text):
        return "month names are not understood; use numbers (2025-05 for May 2025)"
    if re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", text):
        return "months and days have two digits (2025-05-01)"
    return "it does not match any form of the syntax"


_LEVEL_2 = "; that is EDTF level 2, which records do not use"


def _level_2(text: str) -> str | None:
    """What is wrong with a form of EDTF level 2, which the record syntax leaves out."""
    if re.fullmatch(r"\d?X{3,4}(-.*)?[~?%]?", text):
        return ("only the last one or two digits of a year can be unspecified "
                "(199X, 19XX)" + _LEVEL_2)
    if re.fullmatch(r"[\dX]{4}(-[\dX]{2}){0,2}[~?%]?", text) and "X" in text:
        return ("a year with unspecified digits (199X, 19XX) cannot have a month or day, and "
                "only whole months and days can be unspecified (2025-XX, 2025-05-XX)" + _LEVEL_2)
    if text[:1] in "[{" or text[-1:] in "]}":
        return ("a set of dates ([...] or {...}) cannot be written" + _LEVEL_2
                + "; write an interval START/END, with ? where unsure")
    if re.fullmatch(r"[~?%]?\d{4}([~?%]?-[~?%]?\d{2}){0,2}[~?%]?", text):
        return ("a qualifier (~ ? %) goes once, at the end of the date, and applies to all of "
                "it (2004-06-11~)" + _LEVEL_2)
    if re.fullmatch(r"\d+(E\d+)?S\d+", text):
        return ("significant digits (S) cannot be written" + _LEVEL_2
                + "; write an approximate year such as 1950~")
    return None


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
        raise DateSyntaxError(
            "the end is missing; if it is not known, write the latest date the source "
            "supports with ? or ~ (for example 1985/1990?); START/.. means it is still "
            "going on")
    if right == "..":
        return WrittenDate(text, lower, None, True)
    return WrittenDate(text, lower, parse_part(right), False)


