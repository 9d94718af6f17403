"""What a reader asks for, as a value: :class:`Filters`.

A ``Filters`` is the whole view (filters, search, lanes, selected event, language) and
round-trips to a URL query string, so a link restores exactly what a reader saw.
Unknown values are dropped, never errors; :mod:`timeline.query.index` answers it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode

from timeline.dates import parse_bound

if TYPE_CHECKING:
    from timeline.query.index import EventIndex

LANES = ("type", "country", "actor", "campaign")

# URL keys in the order they are written; list-valued keys repeat.
_LIST_KEYS = ("country", "actor", "type", "campaign", "tag", "demand", "stance")
_TEXT_KEYS = ("q", "from", "to", "lanes", "event", "lang")
MAX_QUERY_LENGTH = 200
MAX_VALUES = 200
MAX_BOUND_LENGTH = 60  # a date bound longer than any date the syntax can write


def date_bound(text: str, timezone: str = "UTC") -> tuple[datetime, datetime] | None:
    """The span of a ``from``/``to`` bound in ``timezone``; None when empty or unreadable
    (an unknown ``timezone`` raises :class:`timeline.errors.UnknownTimezone`).

    The one reading of a date bound: the URL check, the index's filter and the app's
    x range all use it.
    """
    return parse_bound(text[:MAX_BOUND_LENGTH], timezone) if text else None


@dataclass(frozen=True, slots=True)
class Filters:
    """One reader's view of the timeline."""

    country: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    campaign: tuple[str, ...] = ()
    tag: tuple[str, ...] = ()
    q: str = ""
    date_from: str = ""
    date_to: str = ""
    lanes: str = "type"
    event: str = ""
    lang: str = ""
    demand: tuple[str, ...] = ()  # "<campaign-id>/<demand-id>": events linked to it
    stance: tuple[str, ...] = ()  # ...with one of these stances (any when empty)

    def is_empty(self) -> bool:
        """True when nothing narrows the events (lanes, selection and language aside)."""
        return not (self.country or self.actor or self.type or self.campaign or self.tag
                    or self.q or self.date_from or self.date_to or self.demand
                    or self.stance)

    def cleared(self) -> Filters:
        """The view with every filter removed, keeping lanes and language."""
        return Filters(lanes=self.lanes, lang=self.lang)

    def to_query(self) -> str:
        """The URL query string (without ``?``) for this view; empty parts are left out."""
        pairs: list[tuple[str, str]] = []
        for key in _LIST_KEYS:
            pairs.extend((key, value) for value in getattr(self, key))
        for key, value in (("q", self.q), ("from", self.date_from), ("to", self.date_to),
                           ("lanes", "" if self.lanes == "type" else self.lanes),
                           ("event", self.event), ("lang", self.lang)):
            if value:
                pairs.append((key, value))
        return urlencode(pairs)

    @classmethod
    def from_query(cls, query: str | Mapping[str, Sequence[str]]) -> Filters:
        """Read a query string leniently: any value at all, cleaned by :meth:`restrict`."""
        raw: Mapping[str, Sequence[str]]
        if isinstance(query, str):
            raw = parse_qs(query.lstrip("?")[:20_000], keep_blank_values=False,
                           max_num_fields=MAX_VALUES * 6)
        else:
            raw = query

        def many(key: str) -> tuple[str, ...]:
            values = [v.strip() for v in raw.get(key, ())[:MAX_VALUES] if isinstance(v, str)]
            return tuple(dict.fromkeys(v for v in values if v))

        def one(key: str) -> str:
            values = [v for v in raw.get(key, ()) if isinstance(v, str)]
            return values[-1].strip()[:MAX_QUERY_LENGTH] if values else ""

        return cls(country=many("country"), actor=many("actor"), type=many("type"),
                   campaign=many("campaign"), tag=many("tag"), q=one("q"),
                   date_from=one("from"), date_to=one("to"), lanes=one("lanes") or "type",
                   event=one("event"), lang=one("lang"), demand=many("demand"),
                   stance=many("stance"))

    def restrict(self, index: EventIndex, languages: Sequence[str]) -> Filters:
        """Drop every value the dataset does not know, so any URL yields a valid view."""
        return replace(
            self,
            country=tuple(c for c in (v.upper() for v in self.country) if c in index.by_country),
            actor=tuple(a for a in self.actor if a in index.by_actor),
            type=tuple(t for t in self.type if t in index.by_type),
            campaign=tuple(c for c in self.campaign if c in index.by_campaign),
            tag=tuple(t for t in self.tag if t in index.by_tag),
            date_from=self.date_from if date_bound(self.date_from) else "",
            date_to=self.date_to if date_bound(self.date_to) else "",
            lanes=self.lanes if self.lanes in LANES else "type",
            event=self.event if self.event in index.position else "",
            lang=self.lang if self.lang in languages else "",
            demand=tuple(d for d in self.demand if d in {ref for ref, _ in index.by_demand}),
            stance=tuple(s for s in self.stance if s in {st for _, st in index.by_demand}),
        )
