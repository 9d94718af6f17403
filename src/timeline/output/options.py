"""What every export format may need besides the events: where the app lives, when the
dataset last changed, which language to write, how to group.

Exports stay pure: the caller (the CLI or the app) supplies these, never the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """``base_url`` is the app's address without a trailing slash ("" gives relative links)."""

    base_url: str = ""
    updated: datetime = EPOCH  # the dataset's last change: feed and calendar stamps
    language: str = ""  # "" = the dataset's default language
    lanes: str = "type"  # what a TimelineJS group is: type, country, actor or campaign
    self_url: str = ""  # the export's own URL (the Atom feed's rel="self")
    page_url: str = ""  # the HTML page the export shows (the Atom feed's rel="alternate")

    def event_url(self, event_id: str) -> str:
        """The canonical page of one event in the app."""
        return f"{self.base_url.rstrip('/')}/events/{quote(event_id, safe='')}"
