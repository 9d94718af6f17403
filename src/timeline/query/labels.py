"""What a dataset's things are called in a reader's language, and where its files live.

The one place for an event type's, a country's, an actor's or a campaign's name, an
event's title and date in words, a lane's name, and the links into the dataset's
repository (a file to edit, the contributing guide). Pure functions of the dataset.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from timeline.dates import format_span
from timeline.i18n.catalogue import translator
from timeline.i18n.catalogue import type_label as type_label
from timeline.i18n.countries import country_name
from timeline.model import Dataset, Event, localise

OTHER_KEY = "\x00other"  # the lane of the least busy values, beyond the most a chart shows
NONE_KEY = "\x00none"  # the lane of events that name no value (no country, say)


def country_label(code: str, language: str) -> str:
    return country_name(code, language) or code


def actor_name(dataset: Dataset, actor_id: str, language: str) -> str:
    actor = dataset.actors.get(actor_id)
    return localise(actor.name, language, actor_id) if actor else actor_id


def campaign_name(dataset: Dataset, campaign_id: str, language: str) -> str:
    campaign = dataset.campaigns.get(campaign_id)
    return localise(campaign.name, language, campaign_id) if campaign else campaign_id


def event_title(event: Event, language: str) -> str:
    return localise(event.title, language, event.id)


def event_date(event: Event, language: str) -> str:
    return format_span(event.date, language)


def lane_label(dataset: Dataset, mode: str, language: str) -> Callable[[str], str]:
    """The name of a lane of ``mode`` (type, country, actor, campaign) by its key."""
    t = translator(language)

    def label(key: str) -> str:
        if key == OTHER_KEY:
            return t(f"timeline.lane_other.{mode}")
        if key == NONE_KEY:
            return t(f"timeline.lane_none.{mode}")
        if mode == "type":
            return type_label(key, language)
        if mode == "country":
            return country_label(key, language)
        if mode == "actor":
            return actor_name(dataset, key, language)
        return campaign_name(dataset, key, language)

    return label


def repository_url(dataset: Dataset) -> str | None:
    """The dataset's repository on the web (``.git`` and a trailing slash dropped)."""
    url = dataset.settings.repository
    if not url:
        return None
    url = url.rstrip("/")
    return url[:-4] if url.endswith(".git") else url


def edit_url(dataset: Dataset, event: Event) -> str | None:
    """The event's file in the repository, assuming the data folder sits at its root."""
    base = repository_url(dataset)
    if not base:
        return None
    folder = PurePosixPath(dataset.folder.replace("\\", "/") or "events")
    path = PurePosixPath(event.path.replace("\\", "/"))
    try:
        relative = path.relative_to(folder)
    except ValueError:
        relative = PurePosixPath(*path.parts[-2:])
    return f"{base}/blob/HEAD/{folder.name or 'events'}/{relative}"


def contribute_url(dataset: Dataset) -> str | None:
    base = repository_url(dataset)
    return f"{base}/blob/HEAD/CONTRIBUTING.md" if base else None
