"""TimelineJS3's JSON: a journalist can tell the filtered story with TimelineJS.

The title slide comes from the dataset, each event has its start (and end) date parts,
a headline, HTML text (the summary rendered from Markdown with raw HTML off and only
http(s) links kept, then the sources) and ``group``, the lane the timeline page shows it
in. Format: https://timeline.knightlab.com/docs/json-format.html
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from functools import cache
from typing import Any
from urllib.parse import quote

from markdown_it import MarkdownIt

from timeline.dates import DatePart, format_span
from timeline.i18n.catalogue import translator, type_label
from timeline.i18n.countries import country_name
from timeline.links import is_http_url
from timeline.model import Dataset, Event, localise
from timeline.output.options import ExportOptions


def _http_only(url: str) -> bool:
    return is_http_url(url)


@cache
def _markdown() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False})
    parser.validateLink = _http_only  # type: ignore[method-assign]
    return parser


def markdown_html(text: str) -> str:
    """Markdown as HTML with no raw HTML and only http(s) links."""
    return _markdown().render(text).strip()


def date_parts(part: DatePart) -> dict[str, int]:
    found = {"year": part.year}
    for name in ("month", "day", "hour", "minute"):
        value = getattr(part, name)
        if value is not None:
            found[name] = value
    return found


def _group(event: Event, dataset: Dataset, options: ExportOptions, language: str) -> str:
    mode = options.lanes
    if mode == "country" and event.countries:
        return country_name(event.countries[0], language) or event.countries[0]
    if mode == "actor" and event.actors:
        actor = dataset.actors.get(event.actors[0])
        return localise(actor.name, language, event.actors[0]) if actor else event.actors[0]
    if mode == "campaign" and event.campaigns:
        campaign = dataset.campaigns.get(event.campaigns[0])
        return (localise(campaign.name, language, event.campaigns[0]) if campaign
                else event.campaigns[0])
    return type_label(event.type, language)


def slide(event: Event, dataset: Dataset, options: ExportOptions, language: str
          ) -> dict[str, Any]:
    t = translator(language)
    text = markdown_html(localise(event.summary, language))
    if event.sources:
        items = "".join(
            f'<li><a href="{html.escape(s.url)}">{html.escape(s.title or s.url)}</a></li>'
            for s in event.sources if _http_only(s.url))
        text += f"<p>{html.escape(t('detail.sources'))}:</p><ul>{items}</ul>"
    record: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": date_parts(event.date.lower),
        "display_date": format_span(event.date, language),
        "text": {"headline": html.escape(localise(event.title, language, event.id)),
                 "text": text},
        "group": _group(event, dataset, options, language),
    }
    if event.date.upper is not None:
        record["end_date"] = date_parts(event.date.upper)
    media = _media(event, options, language)
    if media:
        record["media"] = media
    return record


def _media(event: Event, options: ExportOptions, language: str) -> dict[str, str] | None:
    """The event's first media item as TimelineJS media (a local file by its app URL)."""
    for item in event.media:
        url = (f"{options.base_url}/media/{quote(item.file)}" if item.file
               else item.url if item.url and _http_only(item.url) else None)
        if not url:
            continue
        found = {"url": url}
        if item.caption:
            found["caption"] = html.escape(localise(item.caption, language), quote=False)
        if item.credit:
            found["credit"] = html.escape(item.credit, quote=False)
        if item.alt:
            found["alt"] = localise(item.alt, language)
        return found
    return None


def to_timelinejs(dataset: Dataset, events: Iterable[Event], options: ExportOptions) -> str:
    language = options.language or dataset.settings.default_language
    settings = dataset.settings
    document = {
        "title": {"text": {
            "headline": html.escape(localise(settings.title, language, "Timeline")),
            "text": html.escape(localise(settings.description, language))}},
        "events": [slide(e, dataset, options, language) for e in events],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
