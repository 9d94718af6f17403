"""Dates placed in time: the half-open UTC interval a written date covers.

:func:`parse_date` turns a record date into a :class:`DateSpan`, computed in the
event's time zone with real zone rules (Pendulum). Nothing here reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

import pendulum

from timeline.dates.syntax import (
    PRECISION_ORDER,
    SEASON_START_MONTH,
    DatePart,
    Precision,
    WrittenDate,
    parse_written,
)
from timeline.errors import DateOrderError, DateSyntaxError


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

    def end_or(self, today: datetime) -> datetime:
        """The end, or ``today`` for an ongoing span (the caller supplies the clock)."""
        return self.end if self.end is not None else max(today, self.start)


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
        first_month = SEASON_START_MONTH[part.season]
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
