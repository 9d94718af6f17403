"""What the figures share: each event's numbers for drawing, calendar bins, the look.

:class:`EventTable` keeps, once per dataset, the few numbers a figure needs per event in
compact arrays (epoch milliseconds, calendar keys, type index), so a redraw never walks
the rich records. Pure functions; no Dash, no I/O.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from timeline.dates import SEASON_START_MONTH
from timeline.i18n.cldr import separators
from timeline.model import Event
from timeline.vocab import EVENT_TYPES

DAY_MS = 86_400_000
TYPE_STRIDE = 10_000_000  # larger than any ordinal day or month number
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
MONDAY = date(1970, 1, 5).toordinal()  # weeks start on Monday
TYPE_INDEX: dict[str, int] = {t.id: i for i, t in enumerate(EVENT_TYPES)}
__all__ = ["separators"]  # the figures' number marks, from CLDR
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# Calendar bins, smallest first, with their approximate length in days.
UNITS: tuple[tuple[str, float], ...] = (
    ("day", 1), ("week", 7), ("month", 30.44), ("quarter", 91.31), ("year", 365.25),
    ("decade", 3652.5),
)


def ms(moment: datetime) -> float:
    """Epoch milliseconds of an aware datetime, as Plotly's date axes take them."""
    return float(round(moment.timestamp() * 1000))


@dataclass(frozen=True, slots=True)
class EventTable:
    """Per-event numbers for drawing, in dataset order (the index's positions)."""

    start: array  # 'd': epoch ms of the span's start
    end: array  # 'd': epoch ms of the span's end (ongoing: the end of today)
    span: bytes  # 1 when drawn as a bar, 0 for a marker
    fuzzy: bytes  # 1 when approximate or uncertain
    type_index: array  # 'B': index into vocab.EVENT_TYPES
    ordinal: array  # 'l': proleptic ordinal of the written start day (calendar bins)
    month: array  # 'l': year * 12 + month - 1 of the written start
    # type_index * TYPE_STRIDE + ordinal (or month): one C-speed Counter pass gives
    # the momentum chart's counts per type and period
    type_ordinal: array = field(default_factory=lambda: array("q"))
    type_month: array = field(default_factory=lambda: array("q"))

    def __len__(self) -> int:
        return len(self.start)


def event_table(events: Sequence[Event], today: date) -> EventTable:
    """Build the drawing table of ``events``; ongoing spans end with ``today``."""
    end_of_today = (today.toordinal() + 1 - _EPOCH_ORDINAL) * DAY_MS
    start, end, ordinal, month = array("d"), array("d"), array("l"), array("l")
    span, fuzzy, types = bytearray(), bytearray(), array("B")
    for event in events:
        when = event.date
        first = ms(when.start)
        start.append(first)
        end.append(ms(when.end) if when.end is not None else max(first, end_of_today))
        span.append(0 if (not when.is_interval and when.precision in ("day", "minute"))
                    else 1)
        fuzzy.append(1 if (when.approximate or when.uncertain) else 0)
        types.append(TYPE_INDEX.get(event.type, len(EVENT_TYPES) - 1))
        part = when.lower
        written_month = part.month or SEASON_START_MONTH.get(part.season or 0, 1)
        ordinal.append(date(part.year, written_month, part.day or 1).toordinal())
        month.append(part.year * 12 + written_month - 1)
    type_ordinal = array("q", (t * TYPE_STRIDE + o for t, o in zip(types, ordinal,
                                                                      strict=True)))
    type_month = array("q", (t * TYPE_STRIDE + m for t, m in zip(types, month, strict=True)))
    return EventTable(start, end, bytes(span), bytes(fuzzy), types, ordinal, month,
                      type_ordinal, type_month)


def extent(table: EventTable, positions: Sequence[int]) -> tuple[float, float] | None:
    """The first start and the last end of ``positions`` (sorted by start), in ms."""
    if not positions:
        return None
    return table.start[positions[0]], max(map(table.end.__getitem__, positions))


def focus(table: EventTable, positions: Sequence[int], share: float = 0.8,
          narrower: float = 0.5) -> tuple[float, float] | None:
    """Where the events are: the narrowest stretch holding ``share`` of ``positions``
    (sorted by start), or None when that is not ``narrower`` than the whole extent (a
    timeline opens on it, so a lone outlier decades away does not squeeze the rest
    into a sliver; zooming out or the range slider reach the outlier)."""
    whole = extent(table, positions)
    if whole is None or len(positions) < 5:
        return None
    starts = table.start
    count = max(2, math.ceil(len(positions) * share))
    best: tuple[float, int] | None = None
    for first in range(len(positions) - count + 1):
        width = starts[positions[first + count - 1]] - starts[positions[first]]
        if best is None or width < best[0]:
            best = (width, first)
    assert best is not None
    first = best[1]
    chosen = positions[first:first + count]
    low = starts[chosen[0]]
    high = max(map(table.end.__getitem__, chosen))
    if high - low >= (whole[1] - whole[0]) * narrower:
        return None
    return low, high


def in_window(table: EventTable, positions: Sequence[int], low: float, high: float
              ) -> list[int]:
    """The positions whose span meets [low, high]; ``positions`` are sorted by start."""
    starts = table.start
    stop = bisect_left(positions, True, key=lambda p: starts[p] > high)
    if not stop or starts[positions[0]] >= low:
        return list(positions[:stop])  # every span starts inside: no end to check
    ends = table.end
    return [p for p in positions[:stop] if ends[p] >= low]


# ------------------------------------------------------------------ calendar bins


def choose_unit(low: float, high: float, max_bins: int) -> str:
    """The smallest calendar unit that splits [low, high] into at most ``max_bins``."""
    days = max(high - low, DAY_MS) / DAY_MS
    for name, length in UNITS:
        if days / length <= max_bins:
            return name
    return UNITS[-1][0]


def bin_start(key: int, unit: str) -> date:
    """The first day of bin ``key``."""
    if unit == "day":
        return date.fromordinal(key)
    if unit == "week":
        return date.fromordinal(key * 7 + MONDAY)
    months = {"month": 1, "quarter": 3, "year": 12}.get(unit, 120) * key
    return date(months // 12, months % 12 + 1, 1)


def date_ms(day: date) -> int:
    return (day.toordinal() - _EPOCH_ORDINAL) * DAY_MS


def whole(value: float) -> int | float:
    """Whole milliseconds as an int: "1716163200000" rather than "1716163200000.0"."""
    return int(value) if value == int(value) else value


def bin_key_of(moment_ms: float, unit: str) -> int:
    """The bin holding the instant ``moment_ms`` (used for window edges)."""
    day = date.fromordinal(int(moment_ms // DAY_MS) + _EPOCH_ORDINAL)
    if unit == "day":
        return day.toordinal()
    if unit == "week":
        return (day.toordinal() - MONDAY) // 7
    months = day.year * 12 + day.month - 1
    return months // {"month": 1, "quarter": 3, "year": 12}.get(unit, 120)


def pad(low: float, high: float, share: float = 0.03) -> tuple[float, float]:
    """Widen [low, high] a little so marks at the edges are not cut in half."""
    width = max(high - low, 30 * DAY_MS)
    return low - width * share, high + width * share



def fold(counts: Counter[int], base: str, unit: str) -> Counter[int]:
    """Counts per day or month turned into counts per ``unit``."""
    if (base, unit) in (("day", "day"), ("month", "month")):
        return counts
    if base == "day":  # to weeks
        folded: Counter[int] = Counter()
        for day, count in counts.items():
            folded[(day - MONDAY) // 7] += count
        return folded
    size = {"quarter": 3, "year": 12}.get(unit, 120)
    folded = Counter()
    for month, count in counts.items():
        folded[month // size] += count
    return folded



def plain_text(text: str) -> str:
    """Record text for a Plotly label, hover or annotation, where Plotly reads a few
    HTML tags (``<b>``, ``<a href>``...): they show as the characters written."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


