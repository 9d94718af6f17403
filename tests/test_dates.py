"""The date syntax: parsing, spans in real time zones, display, and errors."""

from __future__ import annotations

from datetime import UTC, datetime

import edtf
import pytest

from timeline.dates import format_span, iso, parse_date, parse_written
from timeline.errors import DateOrderError, DateSyntaxError

MX = "America/Mexico_City"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "precision", "start", "end"),
    [
        ("2013", "year", utc(2013, 1, 1, 6), utc(2014, 1, 1, 6)),
        ("2025-05", "month", utc(2025, 5, 1, 6), utc(2025, 6, 1, 6)),
        ("2025-05-21", "day", utc(2025, 5, 21, 6), utc(2025, 5, 22, 6)),
        # Mexico City kept daylight saving time until 2022: a July 2013 day starts at 05:00 UTC.
        ("2013-07-04", "day", utc(2013, 7, 4, 5), utc(2013, 7, 5, 5)),
        ("2013-01-04", "day", utc(2013, 1, 4, 6), utc(2013, 1, 5, 6)),
        ("2025-05-21T14:30:00-06:00", "minute", utc(2025, 5, 21, 20, 30),
         utc(2025, 5, 21, 20, 31)),
        ("2025-05-21T14:30:00Z", "minute", utc(2025, 5, 21, 14, 30), utc(2025, 5, 21, 14, 31)),
        ("2025-05-21T14:30:00", "minute", utc(2025, 5, 21, 20, 30), utc(2025, 5, 21, 20, 31)),
        ("2025-05-21/2025-06-02", "day", utc(2025, 5, 21, 6), utc(2025, 6, 3, 6)),
        ("2013/2025-05", "year", utc(2013, 1, 1, 6), utc(2025, 6, 1, 6)),
        ("199X", "decade", utc(1990, 1, 1, 6), utc(2000, 1, 1, 6)),
        ("2025-XX", "year", utc(2025, 1, 1, 6), utc(2026, 1, 1, 6)),
        ("2025-21", "season", utc(2025, 3, 1, 6), utc(2025, 6, 1, 6)),
        ("2025-24", "season", utc(2025, 12, 1, 6), utc(2026, 3, 1, 6)),
    ],
)
def test_spans_are_half_open_in_the_event_time_zone(text: str, precision: str,
                                                    start: datetime, end: datetime) -> None:
    span = parse_date(text, MX)
    assert (span.precision, span.start, span.end) == (precision, start, end)
    assert span.text == text


def test_utc_is_the_default_zone_and_iso_text_ends_in_z() -> None:
    span = parse_date("2025-05-21")
    assert iso(span.start) == "2025-05-21T00:00:00Z"
    assert iso(span.end) == "2025-05-22T00:00:00Z"


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [("2013~", True, False), ("2024-04?", False, True), ("2024%", True, True),
     ("2013", False, False), ("2024-04?/2024-05-02", False, True)],
)
def test_qualifiers(text: str, approximate: bool, uncertain: bool) -> None:
    span = parse_date(text)
    assert (span.approximate, span.uncertain) == (approximate, uncertain)


def test_ongoing_interval_has_no_end() -> None:
    span = parse_date("2024-04-06/..", MX)
    assert span.ongoing and span.end is None and span.start == utc(2024, 4, 6, 6)
    assert span.end_or(utc(2026, 1, 1)) == utc(2026, 1, 1)


def test_yaml_values_are_accepted() -> None:
    import datetime as dt

    assert parse_date(2013).text == "2013"
    assert parse_date(dt.date(2025, 5, 21)).text == "2025-05-21"


@pytest.mark.parametrize(
    ("text", "english", "spanish"),
    [
        ("2025-05-21", "21 May 2025", "21 de mayo de 2025"),
        ("2025-05", "May 2025", "mayo de 2025"),
        ("2013~", "c. 2013", "hacia 2013"),
        ("2024-04?", "April 2024?", "¿abril de 2024?"),
        ("2024%", "c. 2024?", "¿hacia 2024?"),
        ("2024-04-06/..", "since 6 April 2024", "desde el 6 de abril de 2024"),
        ("2025-05-21/2025-06-02", "21 May 2025 – 2 June 2025",
         "21 de mayo de 2025 – 2 de junio de 2025"),
        ("2025-05-21T14:30:00-06:00", "21 May 2025, 14:30 (UTC−06:00)",
         "21 de mayo de 2025, 14:30 (UTC−06:00)"),
        ("199X", "the 1990s", "la década de 1990"),
        ("190X", "the 1900s", "la década de 1900"),  # a decade, not "los años 1900"
        ("19XX", "the 1900s", "los años 1900"),
        ("2025-21", "spring 2025", "primavera de 2025"),
        ("2025-21~", "c. spring 2025", "hacia la primavera de 2025"),
        ("2024-04-06~", "c. 6 April 2024", "hacia el 6 de abril de 2024"),
        # open intervals with a qualifier keep their article, once
        ("2024-04-06~/..", "since c. 6 April 2024",
         "desde aproximadamente el 6 de abril de 2024"),
        ("2024-04-06?/..", "since 6 April 2024?", "desde ¿el 6 de abril de 2024?"),
        ("2024-04~/..", "since c. April 2024", "desde aproximadamente abril de 2024"),
        ("2024-21/..", "since spring 2024", "desde la primavera de 2024"),
        ("2013/..", "since 2013", "desde 2013"),
        ("2025-05-21T09:05Z", "21 May 2025, 09:05 (UTC)", "21 de mayo de 2025, 9:05 (UTC)"),
    ],
)
def test_display_in_english_and_spanish(text: str, english: str, spanish: str) -> None:
    span = parse_date(text)
    assert format_span(span, "en") == english
    assert format_span(span, "es") == spanish


def test_a_time_of_day_says_its_zone() -> None:
    """A time written without an offset is in the dataset's zone, and says its offset
    then (summer and winter differ)."""
    winter = parse_date("2024-01-15T10:30", "Europe/Madrid")
    summer = parse_date("2024-07-15T10:30", "Europe/Madrid")
    assert format_span(winter, "en") == "15 January 2024, 10:30 (UTC+01:00)"
    assert format_span(summer, "es") == "15 de julio de 2024, 10:30 (UTC+02:00)"
    since = parse_date("2024-07-15T10:30/..", "America/Mexico_City")
    assert format_span(since, "es") == "desde el 15 de julio de 2024, 10:30 (UTC−06:00)"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("21/05/2025", "write the year first (YYYY-MM-DD), not day/month/year"),
        ("2025-13", "month 13 does not exist; months run 01-12 (seasons 21-24)"),
        ("2025-02-29", "day 29 does not exist in 2025-02, which has 28 days"),
        ("2025-5-1", "months and days have two digits (2025-05-01)"),
        ("May 2025", "month names are not understood; use numbers (2025-05 for May 2025)"),
        ("25", "years have four digits"),
        ("", "it is empty"),
        ("2025/", "the end is missing; if it is not known, write the latest date the source "
                  "supports with ? or ~ (for example 1985/1990?); START/.. means it is still "
                  "going on"),
        ("../2025", "an interval needs a known start; write the earliest date the source "
                    "supports with ? or ~ (for example 2024?/2025-05-21)"),
        ("2025-05-21T25:00", "25:00 is not a time of day (00:00-23:59)"),
        ("2025-05-21T10:00:00~", "a qualifier (~ ? %) cannot follow a time; qualify a day "
                                 "instead"),
        ("2025/2026/2027", "an interval has exactly one slash: START/END"),
        ("2025-05-21 14:30", "put a T between the date and the time (2025-05-21T14:30:00-06:00)"),
    ],
)
def test_errors_say_what_is_wrong(text: str, reason: str) -> None:
    with pytest.raises(DateSyntaxError) as caught:
        parse_date(text)
    assert str(caught.value) == reason


def test_interval_order() -> None:
    with pytest.raises(DateOrderError) as caught:
        parse_date("2025-06-02/2025-05-21")
    assert (caught.value.start, caught.value.end) == ("2025-06-02", "2025-05-21")


def test_leap_day_exists_in_leap_years() -> None:
    assert parse_date("2024-02-29").precision == "day"


# The edtf package is the reference implementation of the Library of Congress syntax;
# where both speak, they must agree on what is a valid date.
CORPUS = [
    "2013", "2025-05", "2025-05-21", "2013~", "2024-04?", "2024%", "2025-05-21/2025-06-02",
    "2024-04-06/..", "2025-05-21T14:30:00-06:00", "2025-05-21T14:30:00Z", "199X", "19XX",
    "2025-21", "2025-24", "2025-05~/2025-06?", "2025-13", "2025-02-30", "2025-5-1",
    "21/05/2025", "May 2025", "2025-05-21T25:00:00", "2025/2026/2027", "20255",
]


@pytest.mark.parametrize("text", CORPUS)
def test_agrees_with_the_edtf_reference(text: str) -> None:
    try:
        edtf.parse_edtf(text)
        reference = True
    except Exception:
        reference = False
    try:
        parse_written(text)
        ours = True
    except DateSyntaxError:
        ours = False
    assert ours == reference


def test_a_sources_date_is_described_in_words_or_shown_as_given() -> None:
    from timeline.dates import describe_written

    assert describe_written("2025-05-21", "en") == "21 May 2025"
    assert describe_written("2025-05", "es") == "mayo de 2025"
    assert describe_written("spring, roughly", "en") == "spring, roughly"
    assert describe_written(None, "en") == ""
