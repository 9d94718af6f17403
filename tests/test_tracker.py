"""Demand tallies, actor stances, momentum and the latest events, on hand-made datasets."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from timeline.figures.maps import relations_map_figure
from timeline.i18n.catalogue import translator
from timeline.model import Dataset
from timeline.query.filters import Filters
from timeline.query.index import EventIndex, build_index, filter_events
from timeline.query.relations import relations_on
from timeline.query.tracker import (
    actor_events,
    actor_stances,
    campaign_events,
    demand_tallies,
    latest_events,
    momentum,
    month_of,
    most_involved,
    tally_filters,
)
from timeline.validate.loader import load_dataset
from tracker_data import event, load, tracker_folder

REPO = Path(__file__).resolve().parent.parent
BREAK = "break-relations/break"
FTA = "break-relations/cancel-fta"


def links(*entries: tuple[str, str, list[str]]) -> list[dict[str, Any]]:
    return [{"demand": demand, "stance": stance, "by": by} for demand, stance, by in entries]


def actor(name: str, kind: str = "organisation") -> dict[str, Any]:
    return {"name": name, "kind": kind, "countries": ["MX"]}


@pytest.fixture
def dataset(tmp_path: Path) -> Dataset:
    return load(tracker_folder(
        tmp_path / "data",
        [
            event("2020-context", "2020-01-10", "relations-broken", ["BO", "IL"],
                  campaigns=["break-relations"], actors=["government"]),
            event("2024-05-02-sit-in", "2024-05-02", "sit-in", ["MX"],
                  actors=["students", "president"],
                  demands=links((BREAK, "supports", ["students"]),
                                (BREAK, "declines", ["president"]))),
            event("2025-05-statement", "2025-05", "statement", ["MX"],
                  actors=["president", "government"],
                  demands=links((BREAK, "rejects", ["president"]),
                                (FTA, "rejects", ["president"]))),
            event("2025-05-21-strike", "2025-05-21/2025-06-02", "hunger-strike", ["MX"],
                  actors=["academics"], demands=links((BREAK, "supports", ["academics"]))),
            # Two events on the same day, one with an uncertain date.
            event("2025-09-a-manifesto", "2025-09", "demand", ["MX"],
                  actors=["unions", "students"],
                  demands=links((BREAK, "supports", ["unions", "students"]),
                                (FTA, "supports", ["unions", "students"]))),
            event("2025-09-b-press", "2025-09?", "demand", ["MX"], actors=["unions"],
                  demands=links((BREAK, "supports", ["unions"]),
                                (FTA, "partly-meets", ["unions"]))),
            event("2025-10-07-march", "2025-10-07", "march", ["MX"],
                  actors=["unions", "academics"], campaigns=["break-relations"]),
            event("2025-12-unrelated", "2025-12-01", "march", ["AR"], actors=["unions"]),
        ],
        actors={"government": actor("Government of Mexico", "government"),
                "president": actor("The President", "person"),
                "students": actor("Students"), "academics": actor("Academics"),
                "unions": actor("Unions", "union")},
        campaigns={"break-relations": {
            "name": {"en": "Break relations", "es": "Romper relaciones"},
            "countries": ["MX"], "started": "2023-10~",
            "demands": [
                {"id": "break", "text": {"en": "Break relations", "es": "Romper"}},
                {"id": "cancel-fta", "text": {"en": "Cancel the FTA", "es": "Cancelar"},
                 "status": "partly-met", "decided_by": "2025-09-b-press"},
                {"id": "ban-purchases", "text": {"en": "Ban purchases", "es": "Prohibir"},
                 "status": "dropped"},
            ]}},
    ))


@pytest.fixture
def index(dataset: Dataset) -> EventIndex:
    return build_index(dataset)


def ids(events: Any) -> list[str]:
    return [e.id for e in events]


def test_demand_tallies_by_stance_with_their_actors(dataset: Dataset, index: EventIndex
                                                    ) -> None:
    tallies = demand_tallies(dataset, index, dataset.campaigns["break-relations"])
    assert [t.demand.id for t in tallies] == ["break", "cancel-fta", "ban-purchases"]
    brk, fta, ban = tallies
    assert brk.ref == BREAK
    assert [(s.stance, s.count) for s in brk.stances] == [
        ("supports", 4), ("conditional", 0), ("declines", 1), ("rejects", 1),
        ("partly-meets", 0), ("meets", 0)]
    supports = brk.tally("supports")
    assert ids(supports.events) == ["2024-05-02-sit-in", "2025-05-21-strike",
                                    "2025-09-a-manifesto", "2025-09-b-press"]
    # Unions and students each took it in two of those events; ties go by id. The
    # president, named by the sit-in, declined there: never listed as supporting.
    assert supports.actors == ("students", "unions", "academics")
    assert brk.tally("declines").actors == ("president",)
    assert brk.tally("rejects").actors == ("president",)  # the government only named
    assert (brk.total, brk.decided_by, brk.demand.status) == (5, None, "open")
    assert [(s.stance, s.count) for s in fta.stances] == [
        ("supports", 1), ("conditional", 0), ("declines", 0), ("rejects", 1),
        ("partly-meets", 1), ("meets", 0)]
    assert fta.decided_by is not None and fta.decided_by.id == "2025-09-b-press"
    assert fta.demand.status == "partly-met"
    assert (ban.total, ban.demand.status) == (0, "dropped")
    assert all(s.events == () and s.actors == () for s in ban.stances)


def test_a_tally_opens_exactly_its_events_on_the_timeline(dataset: Dataset,
                                                          index: EventIndex) -> None:
    for tally in demand_tallies(dataset, index, dataset.campaigns["break-relations"]):
        for stance in (s for s in tally.stances if s.count):  # a zero is not a link
            filters = tally_filters(tally.ref, stance.stance, "es")
            restored = Filters.from_query(filters.to_query()).restrict(index, ("en", "es"))
            assert restored == filters
            assert ids(filter_events(dataset, restored, index)) == ids(stance.events)
    query = tally_filters(BREAK, "supports").to_query()
    assert query == "demand=break-relations%2Fbreak&stance=supports"
    assert len(filter_events(dataset, Filters.from_query(query), index)) == 4


def test_unknown_demands_and_stances_are_dropped(index: EventIndex) -> None:
    filters = Filters.from_query("demand=nope/nothing&stance=adores&demand=" + BREAK)
    assert filters.restrict(index, ("en",)) == Filters(demand=(BREAK,))


def test_campaign_and_actor_events(dataset: Dataset, index: EventIndex) -> None:
    # Linked by `campaigns` or only through a demand; the unrelated march is left out.
    assert ids(campaign_events(index, "break-relations")) == [
        "2020-context", "2024-05-02-sit-in", "2025-05-statement", "2025-05-21-strike",
        "2025-09-a-manifesto", "2025-09-b-press", "2025-10-07-march"]
    assert campaign_events(index, "no-such") == []
    assert ids(actor_events(index, "unions")) == [
        "2025-09-a-manifesto", "2025-09-b-press", "2025-10-07-march", "2025-12-unrelated"]


def test_actor_stances_newest_first(dataset: Dataset, index: EventIndex) -> None:
    stances = actor_stances(dataset, index, "unions")
    # Same start for both September events: the later id is the newer.
    assert [(s.event.id, s.demand_ref, s.stance) for s in stances] == [
        ("2025-09-b-press", BREAK, "supports"), ("2025-09-b-press", FTA, "partly-meets"),
        ("2025-09-a-manifesto", BREAK, "supports"), ("2025-09-a-manifesto", FTA, "supports")]
    assert stances[0].demand is not None and stances[0].demand.id == "break"
    assert stances[0].campaign is not None and stances[0].campaign.id == "break-relations"
    president = actor_stances(dataset, index, "president")
    assert [(s.event.id, s.stance) for s in president] == [
        ("2025-05-statement", "rejects"), ("2025-05-statement", "rejects"),
        ("2024-05-02-sit-in", "declines")]
    assert actor_stances(dataset, index, "government") == []  # named, took no stance
    assert actor_stances(dataset, index, "nobody") == []


def test_momentum_counts_per_month_and_type(dataset: Dataset, index: EventIndex) -> None:
    events = campaign_events(index, "break-relations")
    started = datetime(2023, 10, 1, tzinfo=UTC)
    flow = momentum(events, since=started)
    assert flow.months[0] == "2024-05" and flow.months[-1] == "2025-10"
    assert len(flow.months) == 18  # every month, the empty ones too
    assert flow.total == 6  # the 2020 context event is before the campaign started
    at = flow.months.index
    assert flow.counts["demand"][at("2025-09")] == 2
    assert flow.counts["statement"][at("2025-05")] == 1
    # The interval counts in the month it starts.
    assert flow.counts["hunger-strike"][at("2025-05")] == 1
    assert sum(flow.counts["hunger-strike"]) == 1
    assert list(flow.counts) == ["sit-in", "statement", "hunger-strike", "demand", "march"]
    assert momentum(events).months[0] == "2020-01"
    assert momentum([]).months == ()


def test_month_of_uses_the_date_as_written(tmp_path: Path) -> None:
    # Midnight on the 1st in Tokyo is still the previous month in UTC.
    dataset = load(tracker_folder(tmp_path / "data", [
        event("a", "2025-06-01T00:30:00+09:00", "march", ["JP"]),
        event("b", "2013", "report", ["MX"]),
        event("c", "2024-22", "report", ["MX"]),
    ], timezone="Asia/Tokyo"))
    assert {e.id: month_of(e) for e in dataset.events} == {
        "a": "2025-06", "b": "2013-01", "c": "2024-06"}


def test_latest_and_most_involved(dataset: Dataset, index: EventIndex) -> None:
    events = campaign_events(index, "break-relations")
    assert ids(latest_events(events, 3)) == [
        "2025-10-07-march", "2025-09-b-press", "2025-09-a-manifesto"]
    assert most_involved(events, 3) == [("unions", 3), ("academics", 2), ("government", 2)]
    assert latest_events([], 5) == [] and most_involved([]) == []


def test_the_sample_campaign() -> None:
    dataset = load_dataset(REPO / "events", use_cache=False).dataset
    index = build_index(dataset)
    campaign = dataset.campaigns["mexico-break-relations-with-israel"]
    tallies = {t.demand.id: t for t in demand_tallies(dataset, index, campaign)}
    assert set(tallies) == {"break-relations", "cancel-free-trade-agreement",
                            "ban-security-purchases"}
    brk = tallies["break-relations"]
    # Who took which stance, as the sources say (read the events' summaries). Nobody
    # only named by an event appears: López Obrador, named by the UNAM encampment,
    # declined to take a position there; De la Fuente is only mentioned.
    held = {(ref, s.stance): set(s.actors) for ref, t in tallies.items()
            for s in t.stances if s.actors}
    assert held == {
        ("break-relations", "supports"): {"asamblea-interuniversitaria-por-palestina",
                                          "hunger-striking-academics",
                                          "mexican-unions-for-palestine"},
        ("break-relations", "declines"): {"andres-manuel-lopez-obrador", "claudia-sheinbaum"},
        ("cancel-free-trade-agreement", "supports"): {"mexican-unions-for-palestine"},
        ("ban-security-purchases", "supports"): {"mexican-unions-for-palestine"},
    }
    assert "andres-manuel-lopez-obrador" not in brk.tally("supports").actors


def test_the_relations_map_has_a_trace_per_status_and_the_chosen_country(tmp_path: Path
                                                                         ) -> None:
    dataset = load(tracker_folder(tmp_path / "data", [
        event("2009-bo", "2009-01-14", "relations-broken", ["BO", "IL"],
              title={"en": "Bolivia <b>breaks</b>", "es": "Bolivia rompe"}),
        event("2009-ve", "2009-01-14", "relations-broken", ["VE", "IL"]),
        event("2017-ni", "2017-03", "relations-restored", ["NI", "IL"]),
        event("2030-cu", "2030-01-01", "relations-broken", ["CU", "IL"]),
    ]))
    rows = relations_on(dataset, "IL", "2020", today=date(2026, 1, 1))
    titles = {e.id: e.title["en"] for e in dataset.events}
    figure = relations_map_figure(rows, "IL", "en", translator("en"), titles)
    traces = {trace.name: list(trace.locations) for trace in figure.data}
    assert traces == {"Chosen country": ["ISR"], "Broken": ["BOL", "VEN"],
                      "Restored": ["NIC"], "Established or unknown": ["CUB"]}
    broken = figure.data[1]
    assert broken.hovertext[0] == (
        "<b>Bolivia</b><br>Broken<br>Since: 14 January 2009<br>Bolivia &lt;b&gt;breaks&lt;/b&gt;")
    spanish = relations_map_figure(rows, "IL", "es", translator("es"), titles)
    assert [trace.name for trace in spanish.data] == [
        "País elegido", "Rotas", "Restablecidas", "Establecidas o sin datos"]
    assert spanish.data[2].hovertext[0].startswith("<b>Nicaragua</b><br>Restablecidas<br>"
                                                   "Desde: marzo de 2017")
