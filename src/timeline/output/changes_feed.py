"""A campaign's "what changed" as an Atom feed: one entry per full month with changes.

Each entry links to that month's changes page and sums it up in the reader's language;
the document is written by :func:`timeline.output.feeds.atom_feed`.
"""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import quote

from timeline.dates import format_span, parse_date
from timeline.i18n.catalogue import translator
from timeline.model import Campaign, Dataset, localise
from timeline.output.feeds import FeedEntry, atom_feed
from timeline.query.changes import Changes, monthly_changes
from timeline.query.index import EventIndex


def _lines(dataset: Dataset, campaign: Campaign, changes: Changes, language: str
           ) -> list[str]:
    t = translator(language)

    def actor(actor_id: str) -> str:
        found = dataset.actors.get(actor_id)
        return localise(found.name, language, actor_id) if found else actor_id

    lines = [f"{t('tracker.changes.events', count=len(changes.events))}:"]
    lines += [f"- {format_span(e.date, language)}: {localise(e.title, language, e.id)}"
              for e in changes.events]
    lines.append(f"{t('tracker.changes.stances', count=len(changes.stances))}:")
    for held, before in changes.stances:
        demand = campaign.demand(held.demand.split("/", 1)[1])
        was = t(f"tracker.stance.{before}") if before else t("tracker.changes.first_stance")
        lines.append(f"- {actor(held.actor)}: {was} → {t(f'tracker.stance.{held.stance}')} "
                     f"({localise(demand.text, language) if demand else held.demand}; "
                     f"{format_span(held.date, language)})")
    lines.append(f"{t('tracker.changes.statuses', count=len(changes.statuses))}:")
    lines += [f"- {localise(d.text, language)}: {t(f'tracker.demand_status.{c.status}')}"
              for d, c in changes.statuses]
    lines.append(f"{t('tracker.changes.relations', count=len(changes.relations))}:")
    lines += [f"- {r.countries[0]}–{r.countries[1]}: {t(f'tracker.status.{r.before}')} → "
              f"{t(f'tracker.status.{r.after}')} ({format_span(r.event.date, language)})"
              for r in changes.relations]
    return lines


def changes_feed(dataset: Dataset, index: EventIndex, campaign: Campaign, *, today: date,
                 language: str, base_url: str, updated: datetime, limit: int = 24) -> str:
    """The feed of the last ``limit`` full months before ``today`` that had changes."""
    t = translator(language)
    name = localise(campaign.name, language, campaign.id)
    page = f"{base_url}/campaigns/{quote(campaign.id, safe='')}/changes"
    lang = f"&lang={language}"
    entries = []
    for changes in monthly_changes(dataset, index, campaign, today, limit):
        month = changes.period.first
        words = format_span(parse_date(month, dataset.settings.timezone), language)
        link = f"{page}?from={month}&to={month}{lang}"
        entries.append(FeedEntry(
            id=f"{page}?from={month}&to={month}",
            title=t("tracker.changes.entry_title", month=words, count=changes.count),
            updated=min(changes.period.end, updated), link=link,
            summary="\n".join(_lines(dataset, campaign, changes, language))))
    return atom_feed(
        feed_id=f"{page}.atom", title=t("tracker.changes.feed_title", campaign=name),
        link=f"{page}?lang={language}",
        self_link=f"{base_url}/feeds/campaigns/{quote(campaign.id, safe='')}/changes.atom"
                  f"?lang={language}",
        updated=updated, entries=entries, language=language)
