"""The closed vocabularies of the record format, kept as data.

Each event type carries its English and Spanish label and, where one exists, its
CAMEO code (the Conflict and Mediation Event Observations scheme), so exports can
be joined with event-data research sets.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventType:
    id: str
    labels: dict[str, str]
    cameo: str | None
    colour: str
    relation: str | None = None  # the relation status this type sets, for relation types


EVENT_TYPES: tuple[EventType, ...] = (
    EventType("statement", {"en": "Statement", "es": "Declaración"}, "010", "#4e79a7"),
    EventType("demand", {"en": "Demand", "es": "Exigencia"}, "100", "#f28e2b"),
    EventType("march", {"en": "March", "es": "Marcha"}, "141", "#e15759"),
    EventType("hunger-strike", {"en": "Hunger strike", "es": "Huelga de hambre"}, "142",
              "#b6212d"),
    EventType("strike", {"en": "Strike", "es": "Huelga"}, "143", "#ff9d9a"),
    EventType("boycott", {"en": "Boycott", "es": "Boicot"}, "163", "#9c755f"),
    EventType("sit-in", {"en": "Sit-in", "es": "Plantón"}, "144", "#d37295"),
    EventType("diplomatic-incident", {"en": "Diplomatic incident",
                                      "es": "Incidente diplomático"}, None, "#59a14f"),
    EventType("relations-broken", {"en": "Relations broken", "es": "Ruptura de relaciones"},
              "161", "#000000", relation="broken"),
    EventType("relations-downgraded", {"en": "Relations downgraded",
                                       "es": "Relaciones degradadas"}, "161", "#555555",
              relation="downgraded"),
    EventType("relations-restored", {"en": "Relations restored",
                                     "es": "Relaciones restablecidas"}, "054", "#76b7b2",
              relation="restored"),
    EventType("relations-established", {"en": "Relations established",
                                        "es": "Relaciones establecidas"}, "054", "#8cd17d",
              relation="established"),
    EventType("ambassador-recalled", {"en": "Ambassador recalled",
                                      "es": "Embajador llamado a consultas"}, "161",
              "#7f7f7f", relation="downgraded"),
    EventType("diplomat-expelled", {"en": "Diplomat expelled",
                                    "es": "Diplomático expulsado"}, "161", "#a0a0a0",
              relation="downgraded"),
    EventType("agreement", {"en": "Agreement", "es": "Acuerdo"}, "057", "#edc948"),
    EventType("legislation", {"en": "Legislation", "es": "Legislación"}, None, "#b07aa1"),
    EventType("court-ruling", {"en": "Court ruling", "es": "Resolución judicial"}, None,
              "#86bcb6"),
    EventType("security-cooperation", {"en": "Security cooperation",
                                       "es": "Cooperación en seguridad"}, "062", "#499894"),
    EventType("report", {"en": "Report", "es": "Reportaje"}, None, "#bab0ac"),
    EventType("award", {"en": "Award", "es": "Premio"}, None, "#f1ce63"),
    EventType("other", {"en": "Other", "es": "Otro"}, None, "#d4a6c8"),
)

EVENT_TYPE_IDS: tuple[str, ...] = tuple(t.id for t in EVENT_TYPES)
RELATION_TYPE_IDS: frozenset[str] = frozenset(t.id for t in EVENT_TYPES if t.relation)

ACTOR_KINDS: tuple[str, ...] = (
    "person", "organisation", "government", "state", "military", "party", "union",
    "movement", "media", "academic", "other",
)
ACTOR_KIND_LABELS: dict[str, dict[str, str]] = {
    "person": {"en": "Person", "es": "Persona"},
    "organisation": {"en": "Organisation", "es": "Organización"},
    "government": {"en": "Government", "es": "Gobierno"},
    "state": {"en": "State", "es": "Estado"},
    "military": {"en": "Military", "es": "Fuerzas armadas"},
    "party": {"en": "Party", "es": "Partido"},
    "union": {"en": "Union", "es": "Sindicato"},
    "movement": {"en": "Movement", "es": "Movimiento"},
    "media": {"en": "Media", "es": "Medios"},
    "academic": {"en": "Academic", "es": "Academia"},
    "other": {"en": "Other", "es": "Otro"},
}

DEMAND_STATUSES: tuple[str, ...] = ("open", "partly-met", "met", "dropped")
# What an actor does about a demand: ``conditional`` supports it with conditions,
# ``declines`` publicly declines to take a position. Labels are in the locale catalogues.
STANCES: tuple[str, ...] = ("supports", "conditional", "declines", "rejects", "partly-meets",
                            "meets")


def event_type(type_id: str) -> EventType:
    """The type record for an id known to be valid."""
    return _BY_ID[type_id]


_BY_ID = {t.id: t for t in EVENT_TYPES}
