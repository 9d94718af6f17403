"""The options of the timeline page's dropdowns, each labelled with its event count."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.app.context import AppContext
from timeline.folding import fold
from timeline.i18n.cldr import format_number
from timeline.query.actor_search import chosen_first
from timeline.query.filters import LANES
from timeline.query.labels import actor_name, campaign_name, country_label, type_label
from timeline.vocab import EVENT_TYPES

MAX_STATIC_OPTIONS = 300  # beyond this many actors or tags, options come from a search
MAX_SEARCHED_OPTIONS = 60  # how many matches a dropdown's search shows


def _counted(label: str, count: int, language: str) -> str:
    return f"{label} ({format_number(count, language)})"


def country_options(context: AppContext, language: str) -> list[dict[str, str]]:
    index = context.index
    options = [{"label": _counted(country_label(code, language), len(found),
                                  language), "value": code}
               for code, found in index.by_country.items()]
    return sorted(options, key=lambda o: fold(o["label"]))


def actor_options(context: AppContext, language: str, selected: Sequence[str] = (),
                  search: str = "") -> list[dict[str, str]]:
    """Every actor with events, or, for very many, the selected ones and the matches."""
    counts = {a: len(found) for a, found in context.index.by_actor.items()}

    def option(actor_id: str) -> dict[str, str]:
        return {"label": _counted(actor_name(context.dataset, actor_id, language),
                                  counts.get(actor_id, 0), language), "value": actor_id}

    if len(counts) <= MAX_STATIC_OPTIONS:
        return sorted((option(a) for a in counts), key=lambda o: fold(o["label"]))
    wanted = fold(search)
    if wanted:
        found = [a for a in counts if wanted in fold(actor_name(context.dataset, a, language))
                 or wanted in a]
    else:
        found = sorted(counts, key=lambda a: -counts[a])
    chosen = chosen_first(selected, found[:MAX_SEARCHED_OPTIONS])
    return sorted((option(a) for a in chosen if a in counts), key=lambda o: fold(o["label"]))


def tag_options(context: AppContext, language: str, selected: Sequence[str] = (),
                search: str = "") -> list[dict[str, str]]:
    counts = {t: len(found) for t, found in context.index.by_tag.items()}
    if len(counts) <= MAX_STATIC_OPTIONS:
        chosen: Sequence[str] = sorted(counts)
    else:
        wanted = fold(search)
        found = ([t for t in counts if wanted in fold(t)] if wanted
                 else sorted(counts, key=lambda t: -counts[t]))
        chosen = sorted(chosen_first(selected, found[:MAX_SEARCHED_OPTIONS]))
    return [{"label": _counted(t, counts[t], language), "value": t} for t in chosen
            if t in counts]


def type_options(context: AppContext, language: str) -> list[dict[str, str]]:
    present = context.index.by_type
    return [{"label": _counted(type_label(t.id, language), len(present[t.id]),
                               language), "value": t.id}
            for t in EVENT_TYPES if t.id in present]


def campaign_options(context: AppContext, language: str) -> list[dict[str, str]]:
    options = [{"label": _counted(campaign_name(context.dataset, c, language), len(found),
                                  language),
                "value": c} for c, found in context.index.by_campaign.items()]
    return sorted(options, key=lambda o: fold(o["label"]))


def lane_options(context: AppContext, language: str) -> list[dict[str, str]]:
    t = context.translator(language)
    return [{"label": t(f"timeline.lanes.{mode}"), "value": mode} for mode in LANES]
