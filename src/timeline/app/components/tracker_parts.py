"""Links the tracker pages draw again and again: an event (to its detail on the
timeline), an actor (to their page), with its date or name in the reader's language.

The URLs come from :mod:`timeline.app.components.shell`, the one place that knows the scheme.
"""

from __future__ import annotations

from dash import dcc, html

from timeline.app.components import shell
from timeline.dates import format_span
from timeline.model import Dataset, Event, localise


def event_anchor(event: Event, language: str, *, with_date: bool = False
                 ) -> html.Span | dcc.Link:
    """The event's title linked to its detail on the timeline, optionally dated."""
    link = dcc.Link(localise(event.title, language, event.id),
                    href=shell.event_link(event.id, language))
    if not with_date:
        return link
    return html.Span([html.Time(format_span(event.date, language),
                                dateTime=event.date.start.date().isoformat(),
                                className="tracker-date"), " ", link])


def actor_anchor(actor_id: str, dataset: Dataset, language: str) -> dcc.Link | html.Span:
    """The actor's name in the reader's language, linked to their page."""
    actor = dataset.actors.get(actor_id)
    if actor is None:
        return html.Span(actor_id)
    return dcc.Link(localise(actor.name, language, actor_id),
                    href=shell.actor_href(actor_id, language))

