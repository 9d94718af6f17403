"""CSV: one row per event, for spreadsheets and scripts.

The text starts with a UTF-8 byte order mark and uses CRLF line ends (RFC 4180): Excel
reads a CSV as the legacy code page unless the BOM is there, which would garble every
accent; LibreOffice and Python's ``utf-8-sig`` read it too. Several values in one cell
are joined with ``"; "``. A text cell that a spreadsheet would run as a formula (it starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading
``'``, the usual defence against CSV injection; :func:`cell_text` undoes it on import.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from timeline.dates import iso
from timeline.model import Dataset, Event
from timeline.output.options import ExportOptions

BOM = "\ufeff"
JOIN = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# (column, what it holds), in order; ``title_<lang>`` and ``summary_<lang>`` repeat for
# each of the dataset's languages where the ``*`` is. The README's table is this one.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "the event's id (its file name)"),
    ("date", "the date as written in the record, e.g. 2025-05 or 2024-04-05/.."),
    ("timezone", "the IANA zone the date is read in"),
    ("start", "where the date starts, UTC ISO 8601"),
    ("end", "where it ends (exclusive), UTC ISO 8601; empty while ongoing"),
    ("precision", "minute, day, month, season, year, decade or century"),
    ("approximate", "true when the date is approximate (~)"),
    ("uncertain", "true when the date is uncertain (?)"),
    ("type", "the event type id"),
    ("countries", "ISO 3166-1 alpha-2 codes"),
    ("actors", "actor ids"),
    ("campaigns", "campaign ids"),
    ("tags", "tags"),
    ("title_*", "the title in each language"),
    ("summary_*", "the Markdown summary in each language"),
    ("place", "the place name"),
    ("place_country", "the place's country code"),
    ("lat", "latitude (WGS 84)"),
    ("lon", "longitude (WGS 84)"),
    ("first_source", "the first source's URL"),
    ("source_count", "how many sources the record cites"),
    ("sources", "every source URL, in the record's order"),
    ("link", "the event's page in the app"),
)


def column_names(languages: Sequence[str]) -> list[str]:
    """The header row for a dataset written in ``languages``."""
    names: list[str] = []
    for name, _ in COLUMNS:
        if name.endswith("_*"):
            names.extend(f"{name[:-1]}{language}" for language in languages)
        else:
            names.append(name)
    return names


def safe_cell(text: str) -> str:
    """``text`` that no spreadsheet will run as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def cell_text(text: str) -> str:
    """Undo :func:`safe_cell` when reading a cell back."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text


def _number(value: float | None) -> str:
    return "" if value is None else repr(value)


def event_row(event: Event, languages: Sequence[str], options: ExportOptions
              ) -> dict[str, str]:
    date = event.date
    location = event.location
    row: dict[str, str] = {
        "id": event.id, "date": date.text, "timezone": date.timezone,
        "start": iso(date.start) or "", "end": iso(date.end) or "",
        "precision": date.precision, "approximate": str(date.approximate).lower(),
        "uncertain": str(date.uncertain).lower(), "type": event.type,
        "countries": JOIN.join(event.countries), "actors": JOIN.join(event.actors),
        "campaigns": JOIN.join(event.campaigns), "tags": JOIN.join(event.tags),
    }
    for language in languages:
        row[f"title_{language}"] = event.title.get(language, "")
    for language in languages:
        row[f"summary_{language}"] = (event.summary or {}).get(language, "")
    row.update({
        "place": (location.name or "") if location else "",
        "place_country": (location.country or "") if location else "",
        "lat": _number(location.lat if location else None),
        "lon": _number(location.lon if location else None),
        "first_source": event.sources[0].url if event.sources else "",
        "source_count": str(len(event.sources)),
        "sources": JOIN.join(s.url for s in event.sources),
        "link": options.event_url(event.id),
    })
    numeric = {"lat", "lon", "source_count"}
    return {k: v if k in numeric else safe_cell(v) for k, v in row.items()}


def to_csv(dataset: Dataset, events: Iterable[Event], options: ExportOptions) -> str:
    """The CSV text, BOM first, one row per event in date order."""
    languages = list(dataset.settings.languages)
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.DictWriter(buffer, fieldnames=column_names(languages), lineterminator="\r\n")
    writer.writeheader()
    for event in events:
        writer.writerow(event_row(event, languages, options))
    return buffer.getvalue()
