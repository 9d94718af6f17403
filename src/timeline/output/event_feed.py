"""The Atom feed of a view: its newest events, newest first, each linking to its page."""

from __future__ import annotations

from collections.abc import Iterable

from timeline.links import is_http_url
from timeline.model import Dataset, Event, localise
from timeline.output.feeds import FeedEntry, atom_feed
from timeline.output.options import ExportOptions

FEED_LIMIT = 50  # entries in one feed: readers poll often and keep what they have seen


def event_entry(event: Event, language: str, options: ExportOptions) -> FeedEntry:
    link = options.event_url(event.id)
    return FeedEntry(
        id=link if is_http_url(link) else
        f"urn:campaign-timeline:event:{event.id}",
        title=localise(event.title, language, event.id), updated=event.date.start,
        link=link, summary=localise(event.summary, language), published=event.date.start,
        categories=tuple(dict.fromkeys((event.type, *event.tags))))


def to_atom(dataset: Dataset, events: Iterable[Event], options: ExportOptions,
            *, title: str | None = None, limit: int = FEED_LIMIT) -> str:
    """The newest ``limit`` events (by start, then id) as an Atom feed."""
    language = options.language or dataset.settings.default_language
    newest = sorted(events, key=lambda e: (e.date.start, e.id), reverse=True)[:limit]
    feed_title = title or localise(dataset.settings.title, language, "Timeline")
    self_url = options.self_url or f"{options.base_url}/feeds/events.atom"
    return atom_feed(
        feed_id=self_url if is_http_url(self_url) else
        "urn:campaign-timeline:feed:" + self_url,
        title=feed_title, link=options.page_url or (options.base_url + "/"),
        self_link=self_url, updated=options.updated, language=language,
        entries=[event_entry(e, language, options) for e in newest],
        subtitle=localise(dataset.settings.description, language) or None)
