"""Dates placed in time: the half-open UTC interval a written date covers.

:func:`parse_date` turns a record date into a :class:`DateSpan`, computed in the
event's time zone with real zone rules (Pendulum). Nothing here reads the clock. An
unknown zone name raises :class:`UnknownTimezone`, naming close ones, never Pendulum's
own error.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache, lru_cache

import pendulum

from timeline.dates.syntax import (
    PRECISION_ORDER,
    SEASON_START_MONTH,
    DatePart,
    Precision,
    WrittenDate,
    parse_written,
)
from timeline.errors import DateOrderError, DateSyntaxError, UnknownTimezone
from timeline.fuzzy import close_matches


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


_ZONES_KEPT = 64  # distinct zone names looked up (a dataset has a few)


def zone_named(name: object) -> pendulum.Timezone:
    """The zone named ``name``; :class:`UnknownTimezone` (naming close zones) if none is.

    Every date function reaches Pendulum's zones through here, so an unknown name, from
    a record, the settings or a caller, is always this one clear error.
    """
    zone = _known_zone(name) if _well_formed(name) else None
    if zone is None:
        raise UnknownTimezone(name, close_zones(name))
    return zone


@lru_cache(maxsize=_ZONES_KEPT)
def _known_zone(name: str) -> pendulum.Timezone | None:
    try:
        return pendulum.timezone(name)
    except Exception:  # pendulum raises several types for unknown or malformed names
        return None


def _well_formed(name: object) -> bool:
    return isinstance(name, str) and bool(name) and name == name.strip() and len(name) <= 255


def is_timezone(name: object) -> bool:
    """True when ``name`` is an IANA zone Pendulum knows."""
    return _well_formed(name) and _known_zone(name) is not None


def close_zones(name: object, count: int = 3) -> tuple[str, ...]:
    """Up to ``count`` IANA zone names close to ``name`` (the same name in another case
    first), for a message."""
    if not isinstance(name, str):
        return ()
    return _close_zones(name.strip()[:255], count)


@lru_cache(maxsize=_ZONES_KEPT)  # a folder may repeat one misspelt zone many times
def _close_zones(text: str, count: int) -> tuple[str, ...]:
    zones = _zone_names()
    same = tuple(zone for zone in zones if zone.lower() == text.lower())
    if same:
        return same
    folded, cities = _zone_keys()
    wanted = text.lower().replace("_", " ")
    near = [folded[z] for z in close_matches(wanted, folded, n=count, cutoff=0.75)]
    near += [cities[z] for z in close_matches(wanted, cities, n=count, cutoff=0.75)]
    return tuple(dict.fromkeys(near))[:count]


@cache
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


@cache
def _zone_keys() -> tuple[dict[str, str], dict[str, str]]:
    """Each zone by its name and by its city's, compared without case and with the
    region's words apart ("mexico city" is near)."""
    zones = _zone_names()
    return ({zone.lower().replace("_", " "): zone for zone in zones},
            {zone.rsplit("/", 1)[-1].lower().replace("_", " "): zone for zone in zones})


# The representable instants: a span is clamped to them, so year 0001 in a zone west
# of UTC and year 9999 (whose end is the start of year 10000) still have a span.
EARLIEST = datetime.min.replace(tzinfo=UTC)
LATEST = datetime.max.replace(tzinfo=UTC)


def _to_utc(local: datetime, tz: pendulum.Timezone) -> datetime:
    """A wall-clock time in ``tz`` as a UTC instant, clamped to the representable ones.

    A wall time that occurs twice (clocks went back) is the earlier instant; one that
    never occurred (clocks went forward) is read with the offset in force before the
    change. That is Python's ``fold=0`` and RFC 9557's (and Temporal's) "compatible"
    choice, and it makes a day start at the first instant of its date.
    """
    offset = local.replace(tzinfo=tz, fold=0).utcoffset() or timedelta(0)
    try:
        return (local - offset).replace(tzinfo=UTC)
    except OverflowError:
        return EARLIEST if offset > timedelta(0) else LATEST


def _local(year: int, month: int, day: int, tz: pendulum.Timezone) -> datetime:
    """The first instant of a local date; the start of year 10000 is :data:`LATEST`."""
    if year > 9999:
        return LATEST
    return _to_utc(datetime(max(year, 1), month, day), tz)


def part_bounds(part: DatePart, timezone: str) -> tuple[datetime, datetime]:
    """The half-open UTC interval one side covers, in ``timezone`` unless it has an offset.

    Raises :class:`DateSyntaxError` when the side falls wholly outside the instants a
    computer calendar can hold (0001-01-01 to 9999-12-31 in UTC).
    """
    start, end = _bounds(part, zone_named(timezone))
    if end <= start:
        raise DateSyntaxError(
            "it falls outside the dates that can be stored (0001-01-01 to 9999-12-31 in UTC)"
            "; write it with its time zone's offset or a nearer date")
    return start, end


def _bounds(part: DatePart, tz: pendulum.Timezone) -> tuple[datetime, datetime]:
    if part.precision == "minute":
        assert part.month is not None and part.day is not None
        naive = datetime(part.year, part.month, part.day, part.hour or 0, part.minute or 0,
                         part.second or 0)
        if part.offset_minutes is not None:
            offset = timedelta(minutes=part.offset_minutes)
            try:
                start = (naive - offset).replace(tzinfo=UTC)
            except OverflowError:
                start = EARLIEST if offset > timedelta(0) else LATEST
        else:
            start = _to_utc(naive, tz)
        try:
            end = start + timedelta(minutes=1)
        except OverflowError:
            end = LATEST
        if start is EARLIEST:  # the instant itself is before year 1: nothing remains
            end = EARLIEST
        return start, end
    if part.precision == "day":
        assert part.month is not None and part.day is not None
        first = date(part.year, part.month, part.day)
        if first == date.max:
            return _local(first.year, first.month, first.day, tz), LATEST
        after = first + timedelta(days=1)
        return (_local(first.year, first.month, first.day, tz),
                _local(after.year, after.month, after.day, tz))
    if part.precision == "month":
        assert part.month is not None
        after_year, after_month = (part.year + 1, 1) if part.month == 12 else (
            part.year, part.month + 1)
        return (_local(part.year, part.month, 1, tz),
                _local(after_year, after_month, 1, tz))
    if part.precision == "season":
        assert part.season is not None
        first_month = SEASON_START_MONTH[part.season]
        end_month = first_month + 3
        end_year = part.year + (end_month - 1) // 12
        end_month = (end_month - 1) % 12 + 1
        return (_local(part.year, first_month, 1, tz),
                _local(end_year, end_month, 1, tz))
    width = {"year": 1, "decade": 10, "century": 100}[part.precision]
    # 000X and 00XX begin in year 0000, which no calendar here holds: they cover
    # what remains of them, from 0001.
    return _local(part.year, 1, 1, tz), _local(part.year + width, 1, 1, tz)


@dataclass(frozen=True, slots=True)
class ClockChange:
    """A local time the clocks skipped (went forward) or repeated (went back) in a zone.

    ``first`` is the instant the time is read as (RFC 9557's choice), written with
    its offset; ``second`` is the other reading of a repeated time.
    """

    skipped: bool
    time: str
    shift_minutes: int
    first: str
    second: str | None


def clock_change(part: DatePart, timezone: str) -> ClockChange | None:
    """How a local time of day (no offset written) met a clock change, if it did."""
    if part.precision != "minute" or part.offset_minutes is not None:
        return None
    assert part.month is not None and part.day is not None
    tz = zone_named(timezone)
    naive = datetime(part.year, part.month, part.day, part.hour or 0, part.minute or 0,
                     part.second or 0)
    before = naive.replace(tzinfo=tz, fold=0).utcoffset()
    after = naive.replace(tzinfo=tz, fold=1).utcoffset()
    if before is None or after is None or before == after:
        return None
    seconds = f":{part.second:02d}" if part.second is not None else ""
    time = naive.strftime("%H:%M") + seconds
    shift = abs(int((after - before).total_seconds()) // 60)
    if before < after:  # a gap: the wall time never showed on the clocks
        instant = _to_utc(naive, tz)
        if instant in (EARLIEST, LATEST):
            return None
        shown = instant.astimezone(tz)
        return ClockChange(True, time, shift, _with_offset(shown.replace(tzinfo=None),
                                                          shown.utcoffset(), seconds), None)
    return ClockChange(False, time, shift, _with_offset(naive, before, seconds),
                       _with_offset(naive, after, seconds))


def _with_offset(local: datetime, offset: timedelta | None, seconds: str) -> str:
    minutes = int((offset or timedelta(0)).total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{local:%Y-%m-%dT%H:%M}{seconds}{sign}{hours:02d}:{rest:02d}"


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
    """The span of a filter bound (``from``/``to`` in a URL); None when the text is
    unparseable. The zone is the dataset's (validated): an unknown one is a
    :class:`UnknownTimezone`, never a silent None."""
    try:
        span = parse_date(text, timezone)
    except DateSyntaxError:
        return None
    return span.start, span.end or span.start


def iso(value: datetime | None) -> str | None:
    """UTC ISO 8601 text with a ``Z``, as exports and the JSON cache carry it."""
    if value is None:
        return None
    # strftime's %Y drops leading zeros (year 999 -> "999"); ISO 8601 needs four digits.
    return (f"{value.year:04d}-{value.month:02d}-{value.day:02d}T"
            f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}Z")
