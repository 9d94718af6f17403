"""Finding actors of the registry by what a person types: a name in any language, an
alias or the id, folded (case and accents ignored).

The form at ``/suggest`` picks actors with it, so a registry of thousands is offered a
bounded handful of matches, never the whole list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from timeline.folding import fold
from timeline.model import Dataset
from timeline.query.labels import actor_name


@dataclass(frozen=True, slots=True)
class ActorSearch:
    """The registry's actors, each with the folded text it is found by."""

    entries: tuple[tuple[str, str], ...]  # (id, folded names, aliases and id)

    @classmethod
    def of(cls, dataset: Dataset) -> ActorSearch:
        entries = []
        for actor in dataset.actors.values():
            words = [*actor.name.values(), *actor.aliases, actor.id]
            entries.append((actor.id, "\n".join(fold(w) for w in words)))
        return cls(tuple(sorted(entries)))

    def find(self, text: str, limit: int) -> list[str]:
        """Up to ``limit`` actor ids matching ``text``: those whose name, alias or id
        starts with it first, then those containing it; every actor (by id) for no
        text."""
        wanted = fold(text.strip())
        if not wanted:
            return [actor_id for actor_id, _ in self.entries[:limit]]
        starting: list[str] = []
        containing: list[str] = []
        for actor_id, haystack in self.entries:
            if wanted not in haystack:
                continue
            if haystack.startswith(wanted) or f"\n{wanted}" in haystack:
                starting.append(actor_id)
                if len(starting) >= limit:
                    break
            elif len(containing) < limit:
                containing.append(actor_id)
        return (starting + containing)[:limit]


def actor_label(dataset: Dataset, actor_id: str, language: str) -> str:
    """``Name (id)``, the name in ``language``; the id alone for an unknown actor."""
    if actor_id not in dataset.actors:
        return actor_id
    return f"{actor_name(dataset, actor_id, language)} ({actor_id})"


def chosen_first(selected: Sequence[str], found: Sequence[str]) -> list[str]:
    """The selected ids (kept, so a dropdown never loses a choice) then the matches."""
    return list(dict.fromkeys([*selected, *found]))
