"""What the document's head says about a timeline view (its title and description), for
link previews and search results: the selected event, or the filters in words and the
count."""

from __future__ import annotations

from timeline.app.components.markdown import render_markdown
from timeline.app.components.static_html import text_of
from timeline.app.context import AppContext
from timeline.app.pages.timeline.parts import count_text
from timeline.model import localise
from timeline.query.filters import Filters
from timeline.query.labels import (
    actor_name,
    campaign_name,
    country_label,
    event_date,
    event_title,
    type_label,
)


def filter_words(context: AppContext, filters: Filters, language: str) -> str:
    """The view's filters in words, as the controls name them: "Countries: Mexico;
    From: 2024" ("" for the whole timeline)."""
    t = context.translator(language)
    parts: list[str] = []
    if filters.q:
        parts.append(f"{t('filters.search')}: “{filters.q}”")
    named = (("country", filters.country, lambda c: country_label(c, language)),
             ("actor", filters.actor, lambda a: actor_name(context.dataset, a, language)),
             ("type", filters.type, lambda k: type_label(k, language)),
             ("campaign", filters.campaign, lambda c: campaign_name(context.dataset, c, language)),
             ("tag", filters.tag, str))
    for key, values, label in named:
        if values:
            parts.append(f"{t(f'filters.{key}')}: {', '.join(label(v) for v in values)}")
    for key, value in (("from", filters.date_from), ("to", filters.date_to)):
        if value:
            parts.append(f"{t(f'filters.{key}')}: {value}")
    return "; ".join(parts)


def meta(context: AppContext, ident: str | None, query: str, language: str
         ) -> dict[str, str] | None:
    """The title and description of the timeline at ``query`` (None: not this page)."""
    if ident is not None:
        return None
    filters = context.filters(query)
    site = context.title(language)
    event = context.dataset.event(filters.event) if filters.event else None
    if event is not None:
        summary = localise(event.summary, language) if event.summary else ""
        about = " ".join(text_of(render_markdown(summary)).split()) if summary else ""
        facts = (f"{event_date(event, language)} · "
                 f"{type_label(event.type, language)}")
        return {"title": f"{event_title(event, language)} · {site}",
                "description": shortened(f"{facts}. {about}" if about else facts)}
    words = filter_words(context, filters, language)
    count = count_text(context, len(context.positions(filters)), language)
    lede = localise(context.dataset.settings.description, language)
    if not words:
        return {"title": site, "description": shortened(f"{count}. {lede}" if lede else count)}
    return {"title": f"{words} · {site}", "description": shortened(f"{count}. {words}.")}


def shortened(text: str, limit: int = 300) -> str:
    """At most ``limit`` characters, cut at a word, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"
