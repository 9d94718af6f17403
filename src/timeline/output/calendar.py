"""iCalendar (RFC 5545): one VEVENT per event, for calendar apps.

Built with the ``icalendar`` library, which folds long lines, escapes text and writes
the VTIMEZONE blocks a zoned time needs; all three are easy to get subtly wrong by hand.
A day is an all-day event; a time keeps its zone (``TZID``); a month, season, year or
any span becomes an all-day span over the days it covers; an ongoing event is its first
day. The description carries the summary and the sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar

from timeline.dates import DateSpan
from timeline.i18n.catalogue import translator
from timeline.model import Dataset, Event, localise
from timeline.output.options import ExportOptions

PRODID = "-//campaign-timeline//timeline export//EN"


def _local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def all_day_span(span: DateSpan) -> tuple[date, date | None]:
    """The first day and the day after the last (None when ongoing), in the date's zone."""
    first = _local(span.start, span.timezone).date()
    if span.end is None:
        return first, None
    after = _local(span.end, span.timezone)
    last = after.date() if after.time() == after.time().min else after.date() + timedelta(1)
    return first, max(last, first + timedelta(days=1))


def _has_time(span: DateSpan) -> bool:
    return span.lower.precision == "minute" and (
        span.upper is None and not span.ongoing or
        span.upper is not None and span.upper.precision == "minute")


def _timed(moment: datetime, span: DateSpan, part_offset: int | None) -> datetime:
    # A time written with an offset names an instant, not a zone: keep it exact in UTC.
    return moment.astimezone(UTC) if part_offset is not None else _local(moment,
                                                                         span.timezone)


def description(event: Event, language: str) -> str:
    t = translator(language)
    parts = []
    summary = localise(event.summary, language)
    if summary:
        parts.append(summary)
    if event.date.ongoing:
        parts.append(t("export.ongoing"))
    if event.sources:
        lines = [f"- {s.title + ': ' if s.title else ''}{s.url}" for s in event.sources]
        parts.append(t("detail.sources") + ":\n" + "\n".join(lines))
    return "\n\n".join(parts)


def to_ics(dataset: Dataset, events: Iterable[Event], options: ExportOptions) -> str:
    """The VCALENDAR text (CRLF lines, UTF-8)."""
    language = options.language or dataset.settings.default_language
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", localise(dataset.settings.title, language, "Timeline"))
    for event in events:
        span = event.date
        item = icalendar.Event()
        item.add("uid", f"{event.id}@campaign-timeline")
        item.add("dtstamp", options.updated.astimezone(UTC))
        item.add("summary", localise(event.title, language, event.id))
        if _has_time(span):
            item.add("dtstart", _timed(span.start, span, span.lower.offset_minutes))
            if span.upper is not None and span.end is not None:
                item.add("dtend", _timed(span.end - timedelta(minutes=1), span,
                                         span.upper.offset_minutes))
        else:
            first, after = all_day_span(span)
            item.add("dtstart", first)
            if after is not None:
                item.add("dtend", after)
        item.add("description", description(event, language))
        item.add("url", options.event_url(event.id))
        item.add("categories", [event.type])
        location = event.location
        if location and location.name:
            item.add("location", location.name)
        if location and location.lat is not None and location.lon is not None:
            item.add("geo", (location.lat, location.lon))
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode("utf-8")
