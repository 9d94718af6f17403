"""The closed vocabularies of the record format, kept as data; their words are in the
locale catalogues (``type.<id>``, ``actor_kind.<id>``).

Each event type carries its colour and, where one exists, its CAMEO code (the Conflict
and Mediation Event Observations scheme), so exports can be joined with event-data
research sets.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventType:
    id: str
    cameo: str | None
    colour: str
    relation: str | None = None  # the relation status this type sets, for relation types


EVENT_TYPES: tuple[EventType, ...] = (
    EventType("statement", "010", "#4e79a7"),
    EventType("demand", "100", "#f28e2b"),
    EventType("march", "141", "#e15759"),
    EventType("hunger-strike", "142", "#b6212d"),
    EventType("strike", "143", "#ff9d9a"),
    EventType("boycott", "163", "#9c755f"),
    EventType("sit-in", "144", "#d37295"),
    EventType("diplomatic-incident", None, "#59a14f"),
    EventType("relations-broken", "161", "#000000", relation="broken"),
    EventType("relations-downgraded", "161", "#555555", relation="downgraded"),
    EventType("relations-restored", "054", "#76b7b2", relation="restored"),
    EventType("relations-established", "054", "#8cd17d", relation="established"),
    EventType("ambassador-recalled", "161", "#7f7f7f", relation="downgraded"),
    EventType("diplomat-expelled", "161", "#a0a0a0", relation="downgraded"),
    EventType("agreement", "057", "#edc948"),
    EventType("legislation", None, "#b07aa1"),
    EventType("court-ruling", None, "#86bcb6"),
    EventType("security-cooperation", "062", "#499894"),
    EventType("report", None, "#bab0ac"),
    EventType("award", None, "#f1ce63"),
    EventType("other", None, "#d4a6c8"),
)

EVENT_TYPE_IDS: tuple[str, ...] = tuple(t.id for t in EVENT_TYPES)
RELATION_TYPE_IDS: frozenset[str] = frozenset(t.id for t in EVENT_TYPES if t.relation)

ACTOR_KINDS: tuple[str, ...] = (
    "person", "organisation", "government", "state", "military", "party", "union",
    "movement", "media", "academic", "other",
)
DEMAND_STATUSES: tuple[str, ...] = ("open", "partly-met", "met", "dropped")
# What an actor does about a demand: ``conditional`` supports it with conditions,
# ``declines`` publicly declines to take a position. Labels are in the locale catalogues.
STANCES: tuple[str, ...] = ("supports", "conditional", "declines", "rejects", "partly-meets",
                            "meets")


def event_type(type_id: str) -> EventType:
    """The type record for an id known to be valid."""
    return _BY_ID[type_id]


_BY_ID = {t.id: t for t in EVENT_TYPES}

# What a media item of an event is; a local file may only be an image (see
# validate/mediafiles.py for why).
MEDIA_KINDS: tuple[str, ...] = ("image", "video", "audio", "document")
