"""The stance ledger on hand-made edge cases, written as real files and loaded."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.model import Dataset
from timeline.query.index import EventIndex, build_index
from timeline.query.ledger import (
    DemandLedger,
    actor_positions,
    campaign_ledger,
    ledger_rows,
    stance_changes,
    status_changes,
)
from timeline.query.relations import cutoff_of
from timeline.validate.loader import load_dataset
from tracker_data import event, load, tracker_folder

REPO = Path(__file__).resolve().parent.parent
BREAK, FTA, OTHER = "break-relations/break", "break-relations/cancel-fta", "boycott/stop-sales"


def stance(demand: str, stance_: str, *by: str, **extra: Any) -> dict[str, Any]:
    return {"demand": demand, "stance": stance_, "by": list(by), **extra}


def actor(name: str, kind: str = "organisation") -> dict[str, Any]:
    return {"name": {"en": name, "es": name}, "kind": kind}


@pytest.fixture
def dataset(tmp_path: Path) -> Dataset:
    return load(tracker_folder(
        tmp_path / "data",
        [
            # Withdrawn and retaken: the senator supports, declines, supports again.
            event("2024-01-10-senator-backs", "2024-01-10", "statement", ["MX"],
                  actors=["senator"], demands=[stance(BREAK, "supports", "senator")]),
            event("2024-06-01-senator-hedges", "2024-06-01", "statement", ["MX"],
                  actors=["senator", "minister"],
                  demands=[stance(BREAK, "declines", "senator",
                                  quote={"en": "Not now", "es": "Ahora no"})]),
            event("2025-02-01-senator-again", "2025-02-01", "statement", ["MX"],
                  actors=["senator"], demands=[stance(BREAK, "supports", "senator")]),
            # Two stances on one day: the event whose id sorts last decides.
            event("2025-03-01-a-union-backs", "2025-03-01", "statement", ["MX"],
                  actors=["union"], demands=[stance(BREAK, "supports", "union")]),
            event("2025-03-01-b-union-conditions", "2025-03-01", "statement", ["MX"],
                  actors=["union"], demands=[stance(BREAK, "conditional", "union",
                                                    quote={"en": "If the vote is held"})]),
            # An uncertain month orders by its start: before the 15th.
            event("2025-03-15-minister-rejects", "2025-03-15", "statement", ["MX"],
                  actors=["minister"], demands=[stance(BREAK, "rejects", "minister")]),
            event("2025-03-minister-earlier", "2025-03?", "statement", ["MX"],
                  actors=["minister"], demands=[stance(BREAK, "supports", "minister")]),
            # The minister in two campaigns; the met demand's deciding event.
            event("2025-04-10-fta-cancelled", "2025-04-10", "agreement", ["MX"],
                  actors=["minister", "union"],
                  demands=[stance(FTA, "meets", "minister"), stance(OTHER, "rejects",
                                                                    "minister")]),
        ],
        actors={"senator": actor("A Senator", "person"), "minister": actor("The Minister"),
                "union": actor("The Union", "union")},
        campaigns={
            "break-relations": {
                "name": {"en": "Break relations", "es": "Romper relaciones"},
                "demands": [
                    {"id": "break", "text": {"en": "Break relations", "es": "Romper"}},
                    {"id": "cancel-fta", "text": {"en": "Cancel the FTA", "es": "Cancelar"},
                     "status": "met", "decided_by": "2025-04-10-fta-cancelled"},
                    {"id": "unheard", "text": {"en": "Unheard", "es": "Sin eco"},
                     "status": "dropped"},
                ]},
            "boycott": {"name": {"en": "Boycott", "es": "Boicot"},
                        "demands": [{"id": "stop-sales", "text": {"en": "Stop sales",
                                                                  "es": "Parar ventas"}}]},
        },
    ))


@pytest.fixture
def index(dataset: Dataset) -> EventIndex:
    return build_index(dataset)


def ledger(dataset: Dataset, index: EventIndex, on: str | None = None,
           campaign: str = "break-relations") -> dict[str, DemandLedger]:
    cutoff = cutoff_of(on) if on else None
    return {d.demand.id: d for d in campaign_ledger(dataset, index,
                                                    dataset.campaigns[campaign], cutoff)}


def test_latest_stance_wins_and_since_is_the_start_of_the_run(dataset: Dataset,
                                                               index: EventIndex) -> None:
    brk = ledger(dataset, index)["break"]
    by_actor = {p.actor: p for p in brk.positions}
    senator = by_actor["senator"]
    assert senator.stance == "supports"
    assert senator.since.event.id == "2025-02-01-senator-again"  # retaken, not 2024
    assert [(h.stance, h.event.id) for h in senator.earlier] == [
        ("declines", "2024-06-01-senator-hedges"), ("supports", "2024-01-10-senator-backs")]
    assert senator.quote is None  # the quote belongs to the withdrawn stance
    assert [h.stance for h in senator.changes] == ["declines", "supports"]


def test_two_stances_on_one_day_the_later_id_decides(dataset: Dataset,
                                                     index: EventIndex) -> None:
    union = next(p for p in ledger(dataset, index)["break"].positions if p.actor == "union")
    assert union.stance == "conditional"
    assert union.current.event.id == "2025-03-01-b-union-conditions"
    assert union.quote == {"en": "If the vote is held"}
    assert [h.stance for h in union.earlier] == ["supports"]


def test_an_uncertain_date_orders_by_its_start_and_says_so(dataset: Dataset,
                                                          index: EventIndex) -> None:
    minister = next(p for p in ledger(dataset, index)["break"].positions
                    if p.actor == "minister")
    # "2025-03?" starts on 1 March, before the 15th: the rejection is current.
    assert minister.stance == "rejects" and not minister.current.fuzzy
    assert [(h.stance, h.fuzzy) for h in minister.earlier] == [("supports", True)]
    as_of_march = next(p for p in ledger(dataset, index, "2025-03-10")["break"].positions
                       if p.actor == "minister")
    assert as_of_march.stance == "supports" and as_of_march.fuzzy


def test_as_of_a_date_shows_the_ledger_and_statuses_then(dataset: Dataset,
                                                         index: EventIndex) -> None:
    then = ledger(dataset, index, "2024-07")
    assert [(p.actor, p.stance) for p in then["break"].positions] == [("senator", "declines")]
    assert then["break"].positions[0].quote == {"en": "Not now", "es": "Ahora no"}
    assert then["cancel-fta"].status.status == "open" and then["cancel-fta"].positions == ()
    assert then["unheard"].status.status == "dropped"  # no deciding event: throughout
    now = ledger(dataset, index)
    assert now["cancel-fta"].status.status == "met"
    assert now["cancel-fta"].status.event is not None
    assert [c.status for c in now["cancel-fta"].history] == ["open", "met"]
    # Positions by stance in the vocabulary's order, then since.
    assert [(p.actor, p.stance) for p in now["break"].positions] == [
        ("senator", "supports"), ("union", "conditional"), ("minister", "rejects")]
    assert now["break"].actor_counts() == {"supports": 1, "conditional": 1, "declines": 0,
                                           "rejects": 1, "partly-meets": 0, "meets": 0}


def test_an_actor_only_named_holds_no_stance(dataset: Dataset, index: EventIndex) -> None:
    # The minister is named by the senator's 2024-06 event but took no stance there.
    then = ledger(dataset, index, "2024-12")
    assert "minister" not in {p.actor for p in then["break"].positions}
    assert "union" not in {p.actor for p in ledger(dataset, index)["cancel-fta"].positions}


def test_an_actor_in_two_campaigns(dataset: Dataset, index: EventIndex) -> None:
    boycott = ledger(dataset, index, campaign="boycott")["stop-sales"]
    assert [(p.actor, p.stance) for p in boycott.positions] == [("minister", "rejects")]
    positions = actor_positions(dataset, index, "minister")
    assert [(p.current.demand, p.stance) for p in positions] == [
        (OTHER, "rejects"), (FTA, "meets"), (BREAK, "rejects")]  # newest first
    assert [(p.current.demand, p.stance)
            for p in actor_positions(dataset, index, "minister", cutoff_of("2025-03-10"))
            ] == [(BREAK, "supports")]


def test_changes_in_a_period(dataset: Dataset, index: EventIndex) -> None:
    campaign = dataset.campaigns["break-relations"]
    start, end = datetime(2025, 2, 1, tzinfo=UTC), datetime(2025, 5, 1, tzinfo=UTC)
    changes = stance_changes(dataset, index, campaign, start, end)
    assert [(h.actor, before, h.stance) for h, before in changes] == [
        ("senator", "declines", "supports"), ("union", None, "supports"),
        ("union", "supports", "conditional"), ("minister", None, "supports"),
        ("minister", "supports", "rejects"), ("minister", None, "meets")]
    decided = status_changes(dataset, campaign, start, end)
    assert [(d.id, c.status) for d, c in decided] == [("cancel-fta", "met")]
    assert status_changes(dataset, campaign, end, datetime(2026, 1, 1, tzinfo=UTC)) == []


def test_sample_data_never_shows_a_stance_an_actor_did_not_take() -> None:
    dataset = load_dataset(REPO / "events", use_cache=False).dataset
    index = build_index(dataset)
    campaign = dataset.campaigns["mexico-break-relations-with-israel"]
    held = {(row["demand"], row["actor"], row["stance"])
            for row in ledger_rows(campaign_ledger(dataset, index, campaign))}
    brk = "mexico-break-relations-with-israel/break-relations"
    assert (brk, "andres-manuel-lopez-obrador", "declines") in held
    assert not any(actor == "andres-manuel-lopez-obrador" and stance_ != "declines"
                   for _, actor, stance_ in held)
    assert (brk, "claudia-sheinbaum", "declines") in held
    # The unions supported three times: one position, since the first, no earlier change.
    unions = next(p for d in campaign_ledger(dataset, index, campaign) for p in d.positions
                  if p.actor == "mexican-unions-for-palestine" and d.demand.id ==
                  "break-relations")
    assert len(unions.earlier) == 2 and unions.changes == ()
    assert unions.since.event.id == "2025-09-union-coalition-manifesto-demands-break-with-israel"
    # Named in events, never holding a stance in them.
    assert not any(actor == "juan-ramon-de-la-fuente" for _, actor, _ in held)
    # Every holder is among the actors of the event behind the stance.
    for record in dataset.events:
        for link in record.demands:
            assert set(link.by) <= set(record.actors), record.id


def test_the_stances_command(tmp_path: Path, dataset: Dataset) -> None:
    runner = CliRunner()
    folder = dataset.folder
    out = runner.invoke(main, ["stances", "--campaign", "break-relations", "--on", "2024-07",
                               "--data", folder])
    assert out.exit_code == 0, out.output
    assert "Break relations (break-relations/break): Open" in out.output
    assert "senator" in out.output and "Decline to take a position" in out.output
    assert "minister" not in out.output
    as_json = runner.invoke(main, ["stances", "--campaign", "break-relations", "--format",
                                   "json", "--data", folder])
    import json

    rows = json.loads(as_json.output)
    assert rows[0] == {
        "demand": BREAK, "demand_status": "open", "actor": "senator", "stance": "supports",
        "since": "2025-02-01", "since_event": "2025-02-01-senator-again",
        "event": "2025-02-01-senator-again", "fuzzy_date": False, "quote": None,
        "earlier": [{"stance": "declines", "date": "2024-06-01",
                     "event": "2024-06-01-senator-hedges"},
                    {"stance": "supports", "date": "2024-01-10",
                     "event": "2024-01-10-senator-backs"}]}
    as_csv = runner.invoke(main, ["stances", "--campaign", "break-relations", "--format",
                                  "csv", "--data", folder])
    assert as_csv.output.splitlines()[0] == (
        "demand,demand_status,actor,stance,since,since_event,event,fuzzy_date,quote,earlier")
    bad = runner.invoke(main, ["stances", "--campaign", "nope", "--data", folder])
    assert bad.exit_code == 2 and "'nope' is not a campaign" in bad.output
    bad = runner.invoke(main, ["stances", "--campaign", "boycott", "--on", "2025-13",
                               "--data", folder])
    assert bad.exit_code == 2 and "'2025-13' is not a date" in bad.output
