"""Atom feeds (RFC 4287): a generic writer that any feed of the project reuses.

Callers describe entries as :class:`FeedEntry` values and get the document as text.
It is built with :mod:`xml.etree.ElementTree` from the standard library: an Atom feed is
a handful of elements, ElementTree escapes text and attributes correctly, and a feed
library (feedgen) would add lxml and a global-ish builder for no gain. Characters that
XML 1.0 cannot carry (most control characters) are removed, since a record may hold them
and one of them would make the whole feed unreadable.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# XML 1.0 Char production: tab, newline, carriage return and everything from U+0020
# except surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry: ``id`` is a permanent IRI (a URL or a ``tag:`` URI); times are aware."""

    id: str
    title: str
    updated: datetime
    link: str
    summary: str = ""
    published: datetime | None = None
    categories: Sequence[str] = ()


def rfc3339(moment: datetime) -> str:
    """``2025-05-21T18:00:00Z``: the date construct of RFC 4287 section 3.3, in UTC."""
    if moment.tzinfo is None:
        raise ValueError(f"{moment!r} has no time zone; Atom dates must say their offset")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _child(parent: ET.Element, tag: str, text: str | None = None,
           **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def atom_feed(*, feed_id: str, title: str, link: str, self_link: str, updated: datetime,
              entries: Iterable[FeedEntry], language: str, author: str | None = None,
              subtitle: str | None = None) -> str:
    """The feed document as text (UTF-8 XML with its declaration).

    ``link`` is the HTML page the feed follows, ``self_link`` the feed's own URL (both
    absolute); ``author`` defaults to ``title`` because RFC 4287 requires a feed author
    when its entries carry none.
    """
    feed = ET.Element("feed", {"xmlns": ATOM_NAMESPACE, _XML_LANG: language})
    _child(feed, "id", feed_id)
    _child(feed, "title", title, type="text")
    if subtitle:
        _child(feed, "subtitle", subtitle, type="text")
    _child(feed, "updated", rfc3339(updated))
    _child(feed, "link", rel="alternate", type="text/html", href=link)
    _child(feed, "link", rel="self", type="application/atom+xml", href=self_link)
    _child(_child(feed, "author"), "name", author or title)
    _child(feed, "generator", "campaign-timeline")
    for entry in entries:
        element = _child(feed, "entry")
        _child(element, "id", entry.id)
        _child(element, "title", entry.title, type="text")
        _child(element, "updated", rfc3339(entry.updated))
        if entry.published is not None:
            _child(element, "published", rfc3339(entry.published))
        _child(element, "link", rel="alternate", type="text/html", href=entry.link)
        for category in entry.categories:
            _child(element, "category", term=category)
        if entry.summary:
            _child(element, "summary", entry.summary, type="text")
    ET.indent(feed)
    body = ET.tostring(feed, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n"
