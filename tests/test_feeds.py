"""The generic Atom writer, read back with feedparser (a real, lenient-but-honest reader)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone

import feedparser
import pytest

from timeline.output.feeds import ATOM_NAMESPACE, FeedEntry, atom_feed

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def feed(entries: list[FeedEntry]) -> str:
    return atom_feed(feed_id="https://example.org/feeds/events.atom", title="Timeline & co",
                     link="https://example.org/", self_link="https://example.org/feeds/events.atom",
                     updated=NOW, entries=entries, language="es")


def test_feed_parses_back_with_every_field() -> None:
    entries = [
        FeedEntry(id="https://example.org/events/b", title="Marcha <en> la CDMX",
                  updated=NOW, link="https://example.org/events/b",
                  summary="Miles marcharon; «¡alto!» & más",
                  published=datetime(2025, 5, 21, 12, 0, tzinfo=timezone(timedelta(hours=-6))),
                  categories=("march", "MX")),
        FeedEntry(id="tag:example.org,2025:a", title="Old one", updated=NOW - timedelta(days=1),
                  link="https://example.org/events/a"),
    ]
    parsed = feedparser.parse(feed(entries))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Timeline & co"
    assert parsed.feed.id == "https://example.org/feeds/events.atom"
    assert parsed.feed.language == "es"
    assert parsed.feed.author == "Timeline & co"
    assert {(link.rel, link.href) for link in parsed.feed.links} == {
        ("alternate", "https://example.org/"),
        ("self", "https://example.org/feeds/events.atom")}
    first, second = parsed.entries
    assert first.title == "Marcha <en> la CDMX"
    assert first.summary == "Miles marcharon; «¡alto!» & más"
    assert first.link == "https://example.org/events/b"
    assert first.published == "2025-05-21T18:00:00Z"  # written in UTC
    assert first.updated == "2025-06-01T12:00:00Z"
    assert [tag.term for tag in first.tags] == ["march", "MX"]
    assert second.id == "tag:example.org,2025:a" and "summary" not in second
    assert "published" not in second


def test_feed_is_namespaced_atom_and_drops_characters_xml_cannot_hold() -> None:
    text = feed([FeedEntry(id="urn:x", title="bell\x07 and nul\x00", updated=NOW,
                           link="https://example.org/x", summary="form\x0cfeed")])
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{{{ATOM_NAMESPACE}}}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    title = root.find(f"{{{ATOM_NAMESPACE}}}entry/{{{ATOM_NAMESPACE}}}title")
    assert title is not None and title.text == "bell and nul"
    assert not feedparser.parse(text).bozo


def test_empty_feed_is_valid_and_naive_times_are_refused() -> None:
    parsed = feedparser.parse(feed([]))
    assert not parsed.bozo and parsed.entries == []
    with pytest.raises(ValueError, match="no time zone"):
        feed([FeedEntry(id="urn:x", title="t", updated=datetime(2025, 1, 1),
                        link="https://example.org/")])
