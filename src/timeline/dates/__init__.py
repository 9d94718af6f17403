"""Dates: the record syntax -> checked parts -> UTC spans -> words.

One job: turn a date as written into what it covers and back into words. It may import
the core (``timeline.errors``) and ``timeline.i18n`` (the words, with Babel's CLDR data);
it never knows about files or events and never reads the clock (callers pass "today").
"""

from typing import TYPE_CHECKING, Any

from timeline.dates.spans import (
    ClockChange,
    DateSpan,
    clock_change,
    close_zones,
    is_timezone,
    iso,
    parse_bound,
    parse_date,
    part_bounds,
    place_date,
    zone_named,
)
from timeline.dates.syntax import (
    PRECISION_ORDER,
    SEASON_START_MONTH,
    DatePart,
    Precision,
    WrittenDate,
    normalise_date_text,
    parse_part,
    parse_written,
)
from timeline.errors import DateOrderError, DateSyntaxError, UnknownTimezone

if TYPE_CHECKING:
    from timeline.dates.display import describe_written, format_part, format_span, machine_date

# Dates in words need Babel's CLDR data and the catalogues: imported when first used, so
# that reading and checking dates (the validator, `timeline new`) does not load them.
_IN_WORDS = frozenset({"describe_written", "format_part", "format_span", "machine_date"})


def __getattr__(name: str) -> Any:
    if name in _IN_WORDS:
        from timeline.dates import display
        return getattr(display, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "describe_written",
    "DateOrderError", "DateSyntaxError", "UnknownTimezone", "close_zones",
    "PRECISION_ORDER", "SEASON_START_MONTH", "ClockChange", "DatePart", "DateSpan",
    "Precision", "WrittenDate", "clock_change", "format_part", "format_span", "is_timezone",
    "iso", "machine_date", "normalise_date_text", "parse_bound", "parse_date", "parse_part",
    "parse_written", "part_bounds", "place_date", "zone_named",
]
