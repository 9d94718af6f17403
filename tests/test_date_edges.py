"""Dates at the edges of the calendar and of the clocks, and a fuzz test of the parser."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.dates import clock_change, iso, parse_bound, parse_date
from timeline.errors import DateOrderError, DateSyntaxError
from timeline.validate.loader import load_dataset
from timeline.validate.yamlfile import parse_bytes

LATEST = datetime.max.replace(tzinfo=UTC)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "zone", "start", "end"),
    [
        # Year 0000 does not exist here: 000X and 00XX keep what remains of them.
        ("000X", "UTC", utc(1, 1, 1), utc(10, 1, 1)),
        ("00XX", "UTC", utc(1, 1, 1), utc(100, 1, 1)),
        # Year 9999 ends where time can be stored, not where it starts.
        ("9999", "UTC", utc(9999, 1, 1), LATEST),
        ("99XX", "UTC", utc(9900, 1, 1), LATEST),
        ("999X", "UTC", utc(9990, 1, 1), LATEST),
        ("9999-12-31", "America/Mexico_City", utc(9999, 12, 31, 6), LATEST),
        ("9999-12", "UTC", utc(9999, 12, 1), LATEST),
        ("9999-24", "UTC", utc(9999, 12, 1), LATEST),
        # Year 1 starts before year 1 in UTC east of Greenwich: the start is clamped.
        ("0001", "Asia/Tokyo", utc(1, 1, 1), utc(1, 12, 31, 14, 41, 1)),
        # Havana, 2013-11-03: clocks went back from 01:00 to 00:00, so midnight came
        # twice; the day starts at the first (04:00 UTC), the day before has 24 hours.
        ("2013-11-03", "America/Havana", utc(2013, 11, 3, 4), utc(2013, 11, 4, 5)),
        ("2013-11-02", "America/Havana", utc(2013, 11, 2, 4), utc(2013, 11, 3, 4)),
        # RFC 9557: a repeated local time is the earlier instant ...
        ("2013-11-03T01:30", "America/New_York", utc(2013, 11, 3, 5, 30),
         utc(2013, 11, 3, 5, 31)),
        # ... and a skipped one is read with the offset before the change.
        ("2013-03-10T02:30", "America/New_York", utc(2013, 3, 10, 7, 30),
         utc(2013, 3, 10, 7, 31)),
    ],
)
def test_spans_at_the_edges(text: str, zone: str, start: datetime, end: datetime) -> None:
    span = parse_date(text, zone)
    assert (span.start, span.end) == (start, end)


@pytest.mark.parametrize("text", ["0001-01-01T00:00+05:00", "9999-12-31T23:59-05:00"])
def test_instants_outside_the_calendar_are_a_clear_error(text: str) -> None:
    with pytest.raises(DateSyntaxError) as caught:
        parse_date(text)
    assert str(caught.value) == (
        "it falls outside the dates that can be stored (0001-01-01 to 9999-12-31 in UTC); "
        "write it with its time zone's offset or a nearer date")


@pytest.mark.parametrize("text", ["000X", "00XX", "0001", "9999", "99XX", "9999-12-31",
                                  "0001-01-01T00:00+05:00", "Y20000", "-0001"])
def test_filter_bounds_never_raise(text: str) -> None:
    for zone in ("UTC", "Asia/Tokyo", "America/Mexico_City", "Pacific/Kiritimati"):
        bound = parse_bound(text, zone)
        assert bound is None or bound[0] <= bound[1]


def test_iso_text_has_four_year_digits() -> None:
    assert iso(utc(999, 3, 4, 5, 6, 7)) == "0999-03-04T05:06:07Z"
    assert iso(parse_date("0050").start) == "0050-01-01T00:00:00Z"
    assert iso(parse_date("9999").end) == "9999-12-31T23:59:59Z"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1XXX", "only the last one or two digits of a year can be unspecified (199X, 19XX); "
                 "that is EDTF level 2, which records do not use"),
        ("XXXX-12", "only the last one or two digits of a year can be unspecified (199X, "
                    "19XX); that is EDTF level 2, which records do not use"),
        ("[1667,1668]", "a set of dates ([...] or {...}) cannot be written; that is EDTF "
                        "level 2, which records do not use; write an interval START/END, "
                        "with ? where unsure"),
        ("2004-06~-11", "a qualifier (~ ? %) goes once, at the end of the date, and applies "
                        "to all of it (2004-06-11~); that is EDTF level 2, which records do "
                        "not use"),
        ("1950S2", "significant digits (S) cannot be written; that is EDTF level 2, which "
                   "records do not use; write an approximate year such as 1950~"),
        ("2025-05-21T23:59:60", "second 60 does not exist; seconds run 00-59 (a leap "
                                "second, :60, cannot be stored: write :59)"),
        ("1985/", "the end is missing; if it is not known, write the latest date the "
                  "source supports with ? or ~ (for example 1985/1990?); START/.. means it "
                  "is still going on"),
        ("+2013", "a year has no sign; write its four digits (2013, not +2013)"),
    ],
)
def test_level_2_and_edge_forms_are_explained(text: str, reason: str) -> None:
    with pytest.raises(DateSyntaxError) as caught:
        parse_date(text)
    assert str(caught.value) == reason


def test_clock_changes_are_described() -> None:
    skipped = clock_change(parse_date("2013-03-10T02:30", "America/New_York").lower,
                           "America/New_York")
    assert skipped is not None and skipped.skipped
    assert (skipped.shift_minutes, skipped.first) == (60, "2013-03-10T03:30-04:00")
    repeated = clock_change(parse_date("2013-11-03T01:30", "America/New_York").lower,
                            "America/New_York")
    assert repeated is not None and not repeated.skipped
    assert (repeated.first, repeated.second) == ("2013-11-03T01:30-04:00",
                                                 "2013-11-03T01:30-05:00")
    assert clock_change(parse_date("2013-11-03T03:30", "America/New_York").lower,
                        "America/New_York") is None
    assert clock_change(parse_date("2013-11-03T01:30-05:00").lower, "America/New_York") is None


@pytest.mark.parametrize(("written", "expected"),
                         [("0777", "0777"), ("0x7DD", "0x7DD"), ("1_999", "1_999"),
                          ("+2013", "+2013"), ("2013", "2013"), ("2013.0", "2013.0")])
def test_unquoted_numbers_in_a_date_stay_as_written(written: str, expected: str) -> None:
    parsed = parse_bytes(f"date: {written}\nstarted: {written}\nlat: {written}\n".encode(),
                         "x.yaml")
    assert not isinstance(parsed, Exception) and isinstance(parsed.data, dict)
    assert parsed.data["date"] == parsed.data["started"] == expected
    assert parsed.data["lat"] != expected  # other fields still read numbers as numbers


def _event(folder: Path, name: str, date: str, zone: str = "") -> None:
    (folder / "2013").mkdir(parents=True, exist_ok=True)
    timezone = f"timezone: {zone}\n" if zone else ""
    (folder / "2013" / f"{name}.yaml").write_text(
        f"title: {{en: {name}}}\ndate: {date}\n{timezone}type: march\ncountries: [US]\n"
        "sources: [{url: 'https://example.org/a'}]\n", encoding="utf-8")


def test_validate_reads_dates_as_written_and_warns_about_clock_changes(tmp_path: Path
                                                                     ) -> None:
    folder = tmp_path / "events"
    folder.mkdir()
    (folder / "timeline.yaml").write_text("title: T\nlanguages: [en]\n"
                                          "timezone: America/New_York\n", encoding="utf-8")
    _event(folder, "octal", "0777")
    _event(folder, "hex", "0x7DD")
    _event(folder, "gap", "2013-03-10T02:30")
    _event(folder, "overlap", "2013-11-03T01:30")
    _event(folder, "zone-order", "2004-06-11T12:00+14:00/2004-06-11T02:00", "Asia/Tokyo")
    report = load_dataset(folder, use_cache=False)
    texts = {p.path.rsplit("/", 1)[-1]: p.as_text().split(": ", 1)[1] for p in report.problems}
    octal = next(e for e in report.dataset.events if e.id == "octal")
    assert octal.date.start == utc(777, 1, 1, 4, 56, 2)  # year 777, not 511
    assert texts["hex.yaml"].startswith(
        "date: '0x7DD' is not a valid date: it does not match any form of the syntax;")
    assert texts["gap.yaml"] == (
        "warning: date: '2013-03-10T02:30' names 02:30 on a day the clocks in "
        "America/New_York went forward by 1 hour, so that time never showed there; it is "
        "read as 2013-03-10T03:30-04:00, the instant 02:30 would be at the offset before the "
        "change (RFC 9557); write 2013-03-10T03:30-04:00 to keep that, or correct the time")
    assert texts["overlap.yaml"] == (
        "warning: date: '2013-11-03T01:30' names 01:30 on a day the clocks in "
        "America/New_York went back by 1 hour, so that time happened twice; it is read as "
        "the first, 2013-11-03T01:30-04:00 (RFC 9557); write 2013-11-03T01:30-04:00 or "
        "2013-11-03T01:30-05:00 to say which")
    assert texts["zone-order.yaml"] == (
        "date: '2004-06-11T12:00+14:00/2004-06-11T02:00' ends (2004-06-11T02:00) before it "
        "starts (2004-06-11T12:00+14:00) when read in the time zone Asia/Tokyo; give both "
        "ends the same UTC offset, or none, or swap them")
    assert {e.id for e in report.dataset.events} == {"octal", "gap", "overlap"}


# ------------------------------------------------------------------ fuzzing

ZONES = sorted(zoneinfo.available_timezones())
_DATE_ALPHABET = "0123456789-/:.T~?%XZ+ ."
_date_like = st.text(alphabet=_DATE_ALPHABET, max_size=40)
_edgy = st.builds(
    lambda y, m, d, rest: f"{y}-{m}-{d}{rest}",
    st.sampled_from(["0000", "0001", "000X", "00XX", "0999", "9999", "99XX", "999X", "2013"]),
    st.sampled_from(["01", "02", "12", "21", "24", "XX", "13"]),
    st.sampled_from(["01", "28", "29", "31", "XX"]),
    st.sampled_from(["", "T00:00", "T23:59:59+14:00", "T00:00-12:00", "T02:30", "~",
                     "/..", "/9999", "/0001"]),
)
_yaml_scalars = st.one_of(
    st.text(max_size=40), _date_like, _edgy, st.integers(), st.floats(), st.booleans(),
    st.none(), st.dates(), st.datetimes(),
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=_yaml_scalars, zone=st.sampled_from(ZONES))
def test_parse_date_raises_only_date_errors_and_spans_are_ordered(value: object,
                                                                  zone: str) -> None:
    try:
        span = parse_date(value, zone)
    except (DateSyntaxError, DateOrderError):
        return
    assert span.start.tzinfo is UTC
    if span.end is not None:
        assert span.start < span.end
    assert len(iso(span.start) or "") == 20
