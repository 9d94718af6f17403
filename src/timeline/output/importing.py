"""Other people's chronologies -> new event records: TimelineJS3's JSON, TimelineJS's
Google Sheets template saved as CSV, and this project's own CSV export.

Pure mapping: text in, :class:`ImportPlan` out (the records to write, with what could not
be mapped listed per row); the CLI writes the files with
:func:`timeline.output.writer.write_imported` and validates them. HTML text becomes
Markdown through ``markdownify`` (a maintained converter that keeps links, lists and
emphasis) after BeautifulSoup has removed everything executable: scripts, styles,
frames, objects, event-handler attributes and any link that is not http(s).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from markdownify import markdownify

from timeline.errors import TimelineError
from timeline.output.tabular import JOIN, cell_text
from timeline.output.writer import event_id, slugify

Source = Literal["timelinejs", "timelinejs-sheet", "csv"]
SOURCES: tuple[Source, ...] = ("timelinejs", "timelinejs-sheet", "csv")
SHEET_COLUMNS = ("Year", "Month", "Day", "Time", "End Year", "End Month", "End Day",
                 "End Time", "Display Date", "Headline", "Text", "Media", "Media Credit",
                 "Media Caption", "Media Thumbnail", "Type", "Group", "Background")
MAX_ROWS = 50_000
_DANGEROUS = ("script", "style", "iframe", "object", "embed", "frame", "frameset",
              "noscript", "template", "form", "input", "button", "textarea", "select",
              "link", "meta", "base", "svg", "math")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?")
_IMAGE = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
_VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "dailymotion.com")
_AUDIO_HOSTS = ("soundcloud.com", "spotify.com")
_AUDIO = (".mp3", ".ogg", ".wav", ".m4a")
_VIDEO = (".mp4", ".webm", ".ogv")


class ImportError_(TimelineError):
    """The file cannot be read as the format it claims (or seems) to be."""


@dataclass(slots=True)
class PlannedRecord:
    """One event to write: its id, its record mapping, and what was left behind."""

    id: str
    record: dict[str, Any]
    origin: str  # "row 3", "event 2 (unique_id 'x')": where it came from in the file
    not_mapped: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ImportPlan:
    source: Source
    records: list[PlannedRecord] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # rows that became no record, and why
    not_mapped: list[str] = field(default_factory=list)  # file-level leftovers (eras...)
    settings: dict[str, Any] | None = None  # a timeline.yaml for an empty folder
    actors: list[str] = field(default_factory=list)  # ids the records name
    campaigns: list[str] = field(default_factory=list)


def _map(value: Any) -> Mapping[str, Any]:
    """``value`` when it is a mapping, else an empty one (foreign files vary)."""
    return value if isinstance(value, Mapping) else {}


# ------------------------------------------------------------------ guessing


def guess_source(text: str) -> Source:
    """Which format ``text`` is, from its content."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        return "timelinejs"
    header = next(csv.reader(io.StringIO(stripped)), [])
    names = {h.strip().lower() for h in header}
    if {"headline", "year"} <= names:
        return "timelinejs-sheet"
    if {"id", "date", "type"} <= names:
        return "csv"
    raise ImportError_("cannot tell the format: expected TimelineJS JSON (starting with "
                       "{), a TimelineJS sheet CSV (with Year and Headline columns) or "
                       "this project's CSV export (with id, date and type columns); "
                       "say which with --from")


# ------------------------------------------------------------------ text


def _http(url: str | None) -> bool:
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def clean_html(text: str) -> tuple[str, list[str]]:
    """HTML -> safe Markdown, and the http(s) links it held (in order, once each)."""
    if not text or not text.strip():
        return "", []
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(_DANGEROUS):
        tag.decompose()
    links: list[str] = []
    for tag in soup.find_all(True):
        for name in [a for a in tag.attrs if a.lower().startswith("on") or a == "style"]:
            del tag[name]
        if tag.name == "a":
            href = str(tag.get("href") or "")
            if _http(href):
                links.append(href.strip())
            else:
                tag.unwrap()
        elif tag.name == "img":
            tag.replace_with(str(tag.get("alt") or ""))
    markdown = markdownify(str(soup), heading_style="ATX", bullets="-").strip()
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)
    return markdown, list(dict.fromkeys(links))


def plain_text(text: str) -> str:
    """HTML -> its words (a headline holds no Markdown)."""
    soup = BeautifulSoup(text or "", "html.parser")
    for tag in soup.find_all(_DANGEROUS):
        tag.decompose()
    return " ".join(soup.get_text(" ").split())


# ------------------------------------------------------------------ dates


def _int(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a whole number") from None


def _time(value: Any) -> tuple[int, int] | None:
    text = str(value or "").strip()
    if not text:
        return None
    match = _TIME.fullmatch(text)
    if not match:
        raise ValueError(f"time {text!r} is not HH:MM")
    hour, minute = int(match[1]), int(match[2])
    if match[4]:
        hour = hour % 12 + (12 if match[4].lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ValueError(f"time {text!r} does not exist")
    return hour, minute


def date_text(year: Any, month: Any = None, day: Any = None, hour: Any = None,
              minute: Any = None) -> str | None:
    """The record date of TimelineJS date parts, at their precision; None when empty.

    Raises ValueError for what the record format cannot hold (negative years, year 0,
    parts out of range).
    """
    y = _int(year)
    if y is None:
        return None
    if y < 1 or y > 9999:
        raise ValueError(f"year {y} is outside 1 to 9999, which records can hold")
    m, d = _int(month), _int(day)
    text = f"{y:04d}"
    if m is None:
        return text
    if not 1 <= m <= 12:
        raise ValueError(f"month {m} does not exist")
    text += f"-{m:02d}"
    if d is None:
        return text
    if not 1 <= d <= 31:
        raise ValueError(f"day {d} does not exist")
    text += f"-{d:02d}"
    h, mi = _int(hour), _int(minute)
    if h is not None:
        text += f"T{h:02d}:{(mi or 0):02d}"
    return text


def interval(start: str, end: str | None) -> str:
    return f"{start}/{end}" if end and end != start else start


# ------------------------------------------------------------------ media


def media_kind(url: str) -> str:
    parts = urlsplit(url)
    host, path = parts.netloc.lower(), parts.path.lower()
    if path.endswith(_IMAGE):
        return "image"
    if path.endswith(_VIDEO) or any(host.endswith(h) for h in _VIDEO_HOSTS):
        return "video"
    if path.endswith(_AUDIO) or any(host.endswith(h) for h in _AUDIO_HOSTS):
        return "audio"
    return "document"


def _media(url: str, caption: str, credit: str, headline: str, origin: str
           ) -> tuple[dict[str, Any] | None, list[str], list[str]]:
    """A media item, the links its credit holds, and what could not be mapped."""
    leftovers: list[str] = []
    credit_text, credit_links = clean_html(credit)
    if not url:
        return None, credit_links, leftovers
    if not _http(url):
        return None, credit_links, [f"media {url[:80]!r} (not an http(s) link)"]
    item: dict[str, Any] = {"url": url.strip(), "kind": media_kind(url)}
    caption_text = plain_text(caption)
    if caption_text:
        item["caption"] = caption_text
    if credit_text:
        item["credit"] = plain_text(credit)
    if item["kind"] == "image":
        item["alt"] = caption_text or headline
    return item, credit_links, leftovers


# ------------------------------------------------------------------ building records


def _record(*, title: Any, date: str, summary: Any = None, sources: Sequence[str] = (),
            tags: Sequence[str] = (), media: Sequence[dict[str, Any]] = (),
            type_: str | None, countries: Sequence[str]) -> dict[str, Any]:
    """A record in the key order of ``timeline new event``."""
    record: dict[str, Any] = {"title": title, "date": date}
    if type_:
        record["type"] = type_
    if countries:
        record["countries"] = list(countries)
    if summary:
        record["summary"] = summary
    record["sources"] = [{"url": url} for url in dict.fromkeys(sources)]
    if not record["sources"]:
        del record["sources"]  # the validator says what is missing
    if tags:
        record["tags"] = list(dict.fromkeys(tags))
    if media:
        record["media"] = list(media)
    return record


def _unique(identifier: str, taken: Counter[str]) -> str:
    taken[identifier] += 1
    return identifier if taken[identifier] == 1 else f"{identifier}-{taken[identifier]}"


def _slide(plan: ImportPlan, slide: Mapping[str, Any], origin: str, type_: str | None,
           countries: Sequence[str], taken: Counter[str]) -> None:
    not_mapped: list[str] = []
    text = _map(slide.get("text"))
    headline = plain_text(str(text.get("headline") or ""))
    summary, links = clean_html(str(text.get("text") or ""))
    start = _map(slide.get("start_date"))
    end = _map(slide.get("end_date"))
    try:
        first = date_text(start.get("year"), start.get("month"), start.get("day"),
                          start.get("hour"), start.get("minute"))
        last = date_text(end.get("year"), end.get("month"), end.get("day"), end.get("hour"),
                         end.get("minute")) if end else None
    except ValueError as error:
        plan.skipped.append(f"{origin} {headline[:60]!r}: {error}")
        return
    if first is None:
        plan.skipped.append(f"{origin} {headline[:60]!r}: no start_date.year")
        return
    if not headline:
        plan.skipped.append(f"{origin}: no headline to make a title of")
        return
    media = _map(slide.get("media"))
    item, credit_links, leftovers = _media(str(media.get("url") or ""),
                                           str(media.get("caption") or ""),
                                           str(media.get("credit") or ""), headline, origin)
    not_mapped += leftovers
    if media.get("thumbnail"):
        not_mapped.append("media thumbnail")
    for key in ("background", "display_date", "autolink"):
        if slide.get(key) not in (None, "", {}):
            not_mapped.append(key)
    if start.get("display_date") or end.get("display_date"):
        not_mapped.append("display_date")
    group = str(slide.get("group") or "").strip()
    date = interval(first, last)
    record = _record(title=headline, date=date, summary=summary or None,
                     sources=[*links, *credit_links], tags=[slugify(group)] if group else (),
                     media=[item] if item else (), type_=type_, countries=countries)
    identifier = _unique(event_id(date, headline), taken)
    plan.records.append(PlannedRecord(identifier, record, origin,
                                      list(dict.fromkeys(not_mapped))))


def plan_timelinejs(text: str, *, type_: str | None = None, countries: Sequence[str] = ()
                    ) -> ImportPlan:
    try:
        document = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        raise ImportError_(f"not JSON: {error.msg} at line {error.lineno}, column "
                           f"{error.colno}") from None
    if not isinstance(document, Mapping) or not isinstance(document.get("events"), list):
        raise ImportError_('TimelineJS JSON is an object with an "events" list')
    plan = ImportPlan("timelinejs")
    events = document["events"][:MAX_ROWS]
    taken: Counter[str] = Counter()
    for number, slide in enumerate(events, 1):
        if not isinstance(slide, Mapping):
            plan.skipped.append(f"event {number}: not an object")
            continue
        origin = f"event {number}"
        if slide.get("unique_id"):
            origin += f" (unique_id {str(slide['unique_id'])[:60]!r})"
        _slide(plan, slide, origin, type_, countries, taken)
    title = document.get("title")
    if isinstance(title, Mapping):
        text_part = _map(title.get("text"))
        headline = plain_text(str(text_part.get("headline") or ""))
        description, _ = clean_html(str(text_part.get("text") or ""))
        if headline:
            plan.settings = {"title": headline, **(
                {"description": description} if description else {})}
        for key in ("media", "background"):
            if title.get(key):
                plan.not_mapped.append(f"title slide {key}")
    eras = document.get("eras")
    if isinstance(eras, list) and eras:
        plan.not_mapped.append(f"{len(eras)} eras (records have no eras; a campaign or "
                               "a tag may stand for one)")
    if document.get("scale") not in (None, "human"):
        plan.not_mapped.append(f"scale {document.get('scale')!r}")
    if len(document["events"]) > MAX_ROWS:
        plan.not_mapped.append(f"events after the first {MAX_ROWS}")
    return plan


def _rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    rows: list[dict[str, str]] = []
    for number, row in enumerate(reader, 1):
        if number > MAX_ROWS:
            break
        rows.append({(k or "").strip(): (v or "") for k, v in row.items()
                     if not isinstance(v, list)})
    return rows


def plan_sheet(text: str, *, type_: str | None = None, countries: Sequence[str] = ()
               ) -> ImportPlan:
    """TimelineJS's Google Sheets template, saved as CSV."""
    plan = ImportPlan("timelinejs-sheet")
    taken: Counter[str] = Counter()
    for number, row in enumerate(_rows(text), 2):  # row 1 is the header
        origin = f"row {number}"
        kind = row.get("Type", "").strip().lower()
        headline = plain_text(row.get("Headline", ""))
        if kind == "title":
            description, _ = clean_html(row.get("Text", ""))
            plan.settings = {"title": headline or "Imported timeline", **(
                {"description": description} if description else {})}
            continue
        if kind == "era":
            plan.not_mapped.append(f"{origin}: era {headline[:60]!r} (records have no eras)")
            continue
        if not any(v.strip() for v in row.values()):
            continue
        hour_minute: tuple[int | None, int | None] = (None, None)
        end_hour_minute: tuple[int | None, int | None] = (None, None)
        try:
            found = _time(row.get("Time"))
            if found:
                hour_minute = found
            found = _time(row.get("End Time"))
            if found:
                end_hour_minute = found
        except ValueError as error:
            plan.skipped.append(f"{origin} {headline[:60]!r}: {error}")
            continue
        slide = {
            "start_date": {"year": row.get("Year"), "month": row.get("Month"),
                           "day": row.get("Day"), "hour": hour_minute[0],
                           "minute": hour_minute[1]},
            "end_date": {"year": row.get("End Year"), "month": row.get("End Month"),
                         "day": row.get("End Day"), "hour": end_hour_minute[0],
                         "minute": end_hour_minute[1]} if row.get("End Year", "").strip()
            else {},
            "text": {"headline": row.get("Headline", ""), "text": row.get("Text", "")},
            "media": {"url": row.get("Media", "").strip(), "credit": row.get("Media Credit", ""),
                      "caption": row.get("Media Caption", ""),
                      "thumbnail": row.get("Media Thumbnail", "").strip()},
            "group": row.get("Group", ""), "background": row.get("Background", "").strip(),
            "display_date": row.get("Display Date", "").strip(),
        }
        _slide(plan, slide, origin, type_, countries, taken)
    return plan


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell_text(cell).split(JOIN.strip()) if v.strip()]


def plan_csv(text: str, *, type_: str | None = None, countries: Sequence[str] = ()
             ) -> ImportPlan:
    """This project's own CSV export: every column it writes comes back."""
    plan = ImportPlan("csv")
    rows = _rows(text)
    languages = sorted({k[6:] for row in rows[:1] for k in row if k.startswith("title_")},
                       key=lambda lang: [k for k in rows[0] if k.startswith("title_")].index(
                           "title_" + lang))
    zones = Counter(cell_text(row.get("timezone", "")) for row in rows if row.get("timezone"))
    default_zone = zones.most_common(1)[0][0] if zones else "UTC"
    plan.settings = {"title": "Imported timeline", "languages": languages or ["en"],
                     "timezone": default_zone}
    actors: dict[str, None] = {}
    campaigns: dict[str, None] = {}
    seen: Counter[str] = Counter()
    for number, row in enumerate(rows, 2):
        origin = f"row {number}"
        identifier = slugify(cell_text(row.get("id", "")), limit=120)
        date = cell_text(row.get("date", "")).strip()
        if not date:
            plan.skipped.append(f"{origin}: no date")
            continue
        titles = {lang: cell_text(row.get(f"title_{lang}", "")) for lang in languages}
        titles = {k: v for k, v in titles.items() if v}
        summaries = {lang: cell_text(row.get(f"summary_{lang}", "")) for lang in languages}
        summaries = {k: v for k, v in summaries.items() if v}
        if not titles:
            plan.skipped.append(f"{origin}: no title")
            continue
        if not row.get("id", "").strip():
            identifier = event_id(date, next(iter(titles.values())))
        identifier = _unique(identifier, seen)
        record: dict[str, Any] = {"title": titles, "date": date}
        zone = cell_text(row.get("timezone", ""))
        if zone and zone != default_zone:
            record["timezone"] = zone
        record["type"] = cell_text(row.get("type", "")) or type_
        if not record["type"]:
            del record["type"]
        record["countries"] = _split(row.get("countries", "")) or list(countries)
        for name in ("actors", "campaigns"):
            values = _split(row.get(name, ""))
            if values:
                record[name] = values
        actors.update(dict.fromkeys(record.get("actors", [])))
        campaigns.update(dict.fromkeys(record.get("campaigns", [])))
        location: dict[str, Any] = {}
        for key, column in (("name", "place"), ("country", "place_country")):
            if cell_text(row.get(column, "")):
                location[key] = cell_text(row[column])
        for key in ("lat", "lon"):
            if row.get(key, "").strip():
                try:
                    location[key] = float(row[key])
                except ValueError:
                    location[key] = row[key]  # the validator names the bad value
        if location:
            record["location"] = location
        if summaries:
            record["summary"] = summaries
        urls = _split(row.get("sources", "")) or _split(row.get("first_source", ""))
        if urls:
            record["sources"] = [{"url": url} for url in urls]
        tags = _split(row.get("tags", ""))
        if tags:
            record["tags"] = tags
        plan.records.append(PlannedRecord(identifier, record, origin))
    plan.actors = list(actors)
    plan.campaigns = list(campaigns)
    return plan


def plan_import(text: str, source: Source | None = None, *, type_: str | None = None,
                countries: Sequence[str] = ()) -> ImportPlan:
    """Map ``text`` (of ``source``, guessed when None) to the records to write."""
    chosen = source or guess_source(text)
    planner = {"timelinejs": plan_timelinejs, "timelinejs-sheet": plan_sheet,
               "csv": plan_csv}[chosen]
    return planner(text, type_=type_, countries=countries)
