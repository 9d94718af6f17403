"""What search engines read: robots.txt, the sitemap and schema.org JSON-LD.

Pure functions from the dataset and the site's base URL to text. The sitemap lists
every event, actor and campaign page (and the timeline and relations pages) once per
interface language, each with its ``hreflang`` alternates, as Google asks for
multilingual sites. A sitemap holds at most 50,000 addresses, so a larger site gets a
sitemap index whose parts are ``/sitemaps/<n>.xml``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

from timeline.app.html.links import (
    actor_path,
    alternates,
    campaign_path,
    event_path,
)
from timeline.app.security import script_json
from timeline.model import Dataset

SITEMAP_LIMIT = 50_000  # addresses per sitemap file (sitemaps.org protocol)
_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XHTML_NS = "http://www.w3.org/1999/xhtml"

def json_script_text(data: Any) -> Markup:
    """``data`` as JSON that is safe inside ``<script type="application/ld+json">``."""
    return Markup(script_json(data))


def robots_txt(base: str) -> str:
    """Every page may be crawled; the sitemap says where they are."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n"


def page_paths(dataset: Dataset) -> list[str]:
    """Every page worth finding: the timeline, relations, the map, each event, actor,
    campaign and campaign's changes (the suggestion form is left out: nothing to find)."""
    paths = ["/", "/relations", "/map"]
    paths += [event_path(event.id) for event in dataset.events]
    paths += [actor_path(actor_id) for actor_id in sorted(dataset.actors)]
    for campaign_id in sorted(dataset.campaigns):
        paths += [campaign_path(campaign_id), campaign_path(campaign_id) + "/changes"]
    return paths


def sitemap_parts(dataset: Dataset, languages: Sequence[str],
                  limit: int = SITEMAP_LIMIT) -> int:
    """How many sitemap files the pages need (1: no index)."""
    addresses = len(page_paths(dataset)) * len(languages)
    return max(1, -(-addresses // limit))


def sitemap_xml(base: str, dataset: Dataset, languages: Sequence[str],
                part: int | None = None, limit: int = SITEMAP_LIMIT) -> str:
    """The sitemap, or its ``part`` (0-based) when the site needs an index."""
    entries = list(_entries(base, page_paths(dataset), languages))
    if part is not None:
        entries = entries[part * limit:(part + 1) * limit]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<urlset xmlns="{_SITEMAP_NS}" xmlns:xhtml="{_XHTML_NS}">', *entries,
             "</urlset>", ""]
    return "\n".join(lines)


def sitemap_index_xml(base: str, parts: int) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<sitemapindex xmlns="{_SITEMAP_NS}">']
    lines += [f"<sitemap><loc>{escape(f'{base}/sitemaps/{n}.xml')}</loc></sitemap>"
              for n in range(parts)]
    lines += ["</sitemapindex>", ""]
    return "\n".join(lines)


def _entries(base: str, paths: Sequence[str], languages: Sequence[str]) -> Iterator[str]:
    for path in paths:
        versions = alternates(base, path, languages)
        links = "".join(f'<xhtml:link rel="alternate" hreflang={quoteattr(a.language)} '
                        f"href={quoteattr(a.href)}/>" for a in versions)
        for version in versions[:-1]:  # x-default is the first language's address
            yield f"<url><loc>{escape(version.href)}</loc>{links}</url>"


def event_json_ld(*, url: str, name: str, description: str, language: str,
                  start: str, end: str | None, place: dict[str, Any] | None,
                  actors: Sequence[tuple[str, str, str]],
                  sources: Sequence[dict[str, str]], images: Sequence[str],
                  keywords: Sequence[str]) -> dict[str, Any]:
    """A schema.org ``Event`` of an event page.

    ``actors`` are (name, address, kind) with kind "person" for people; ``sources`` are
    dicts of url, name, publisher, date, shown as the works the event is the subject of.
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Event", "@id": url, "url": url,
        "name": name, "inLanguage": language, "startDate": start,
    }
    if end:
        data["endDate"] = end
    if description:
        data["description"] = description
    if place:
        data["location"] = place
    if actors:
        data["actor"] = [{"@type": "Person" if kind == "person" else "Organization",
                          "name": actor_name, "url": address}
                         for actor_name, address, kind in actors]
    if sources:
        data["subjectOf"] = [_work(source) for source in sources]
    if images:
        data["image"] = list(images)
    if keywords:
        data["keywords"] = ", ".join(keywords)
    return data


def _work(source: dict[str, str]) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "url": source["url"]}
    if source.get("name"):
        work["name"] = source["name"]
    if source.get("publisher"):
        work["publisher"] = {"@type": "Organization", "name": source["publisher"]}
    if source.get("date"):
        work["datePublished"] = source["date"]
    return work
