"""Exports: one pure function per format, returning text."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from typing import Any

from timeline.dates import iso
from timeline.i18n.countries import country_name
from timeline.model import Actor, Campaign, Dataset, Event, localise


def event_record(event: Event, dataset: Dataset) -> dict[str, Any]:
    """An event with its normalised date and its countries and actors resolved."""
    language = dataset.settings.default_language
    date = event.date
    record: dict[str, Any] = {
        "id": event.id,
        "path": event.path,
        "title": dict(event.title),
        "date": date.text,
        "precision": date.precision,
        "approximate": date.approximate,
        "uncertain": date.uncertain,
        "ongoing": date.ongoing,
        "timezone": date.timezone,
        "start": iso(date.start),
        "end": iso(date.end),
        "type": event.type,
        "countries": [{"code": c, "name": country_name(c, language)} for c in event.countries],
        "actors": [_actor_ref(a, dataset, language) for a in event.actors],
        "campaigns": list(event.campaigns),
        "demands": [{"demand": d.demand, "stance": d.stance, "by": list(d.by),
                     **({"quote": dict(d.quote)} if d.quote else {})}
                    for d in event.demands],
        "location": asdict(event.location) if event.location else None,
        "summary": dict(event.summary) if event.summary else None,
        "sources": [{k: v for k, v in asdict(s).items() if v is not None}
                    for s in event.sources],
        "tags": list(event.tags),
        "media": [{k: (dict(v) if isinstance(v, Mapping) else v)
                   for k, v in asdict(m).items() if v is not None} for m in event.media],
    }
    return record


def _actor_ref(actor_id: str, dataset: Dataset, language: str) -> dict[str, Any]:
    actor = dataset.actors.get(actor_id)
    name = localise(actor.name, language) if actor else actor_id
    return {"id": actor_id, "name": name, "kind": actor.kind if actor else None}


def actor_record(actor: Actor) -> dict[str, Any]:
    return {"id": actor.id, "path": actor.path, "name": dict(actor.name), "kind": actor.kind,
            "countries": list(actor.countries), "aliases": list(actor.aliases),
            "url": actor.url,
            "description": dict(actor.description) if actor.description else None}


def campaign_record(campaign: Campaign) -> dict[str, Any]:
    started = campaign.started
    return {
        "id": campaign.id, "path": campaign.path, "name": dict(campaign.name),
        "description": dict(campaign.description) if campaign.description else None,
        "countries": list(campaign.countries),
        "started": started.text if started else None,
        "demands": [{"id": d.id, "text": dict(d.text), "status": d.status,
                     "decided_by": d.decided_by} for d in campaign.demands],
    }


def to_json(dataset: Dataset, events: Iterable[Event]) -> str:
    """``{"events": [...], "actors": [...], "campaigns": [...]}``, events by start then id."""
    ordered = sorted(events, key=lambda e: (e.date.start, e.id))
    document = {
        "events": [event_record(e, dataset) for e in ordered],
        "actors": [actor_record(a) for a in sorted(dataset.actors.values(), key=lambda a: a.id)],
        "campaigns": [campaign_record(c)
                      for c in sorted(dataset.campaigns.values(), key=lambda c: c.id)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
