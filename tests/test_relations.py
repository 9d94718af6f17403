"""Relation status as of a date, on small hand-made datasets and on the sample data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from timeline.model import Dataset
from timeline.query.index import build_index
from timeline.query.relations import (
    UNKNOWN,
    Relation,
    RelationsError,
    check_country,
    cutoff_of,
    dataset_span,
    relation_events,
    relation_history,
    relations_on,
)
from timeline.validate.loader import load_dataset
from tracker_data import event, load, tracker_folder

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 1, 15)


def statuses(dataset: Dataset, country: str, on: str) -> dict[str, tuple[str, str | None]]:
    return {r.country: (r.status, r.since)
            for r in relations_on(dataset, country, on, today=TODAY)}


@pytest.fixture
def bolivia(tmp_path: Path) -> Dataset:
    """Broken, restored, broken again: the history of Bolivia and Israel."""
    return load(tracker_folder(tmp_path / "data", [
        event("2009-01-14-bolivia-breaks", "2009-01-14", "relations-broken", ["BO", "IL"]),
        event("2019-11-28-bolivia-restores", "2019-11-28", "relations-restored", ["IL", "BO"]),
        event("2023-10-31-bolivia-breaks-again", "2023-10-31", "relations-broken",
              ["BO", "IL"]),
        event("2023-11-01-protest", "2023-11-01", "diplomatic-incident", ["BO", "IL"]),
    ]))


def test_a_restoration_after_a_break_and_a_second_break(bolivia: Dataset) -> None:
    assert statuses(bolivia, "IL", "2008-12-31") == {"BO": (UNKNOWN, None)}
    assert statuses(bolivia, "IL", "2015-06-01") == {"BO": ("broken", "2009-01-14")}
    assert statuses(bolivia, "IL", "2019-11-27") == {"BO": ("broken", "2009-01-14")}
    assert statuses(bolivia, "IL", "2019-11-28") == {"BO": ("restored", "2019-11-28")}
    assert statuses(bolivia, "IL", "2023-10-30") == {"BO": ("restored", "2019-11-28")}
    assert statuses(bolivia, "IL", "2025-06-01") == {"BO": ("broken", "2023-10-31")}


def test_the_pair_is_unordered_and_other_types_do_not_count(bolivia: Dataset) -> None:
    assert statuses(bolivia, "BO", "2020") == {"IL": ("restored", "2019-11-28")}
    history = relation_history(bolivia.events)
    assert history.counts == {"BO": 3, "IL": 3}
    assert history.partners("IL") == ["BO"]
    assert history.partners("FR") == []


def test_the_deciding_event_and_the_json_row(bolivia: Dataset) -> None:
    [row] = relations_on(bolivia, "il", "2024", today=TODAY)
    assert row.event is not None and row.event.id == "2023-10-31-bolivia-breaks-again"
    assert row.as_dict() == {"country": "BO", "status": "broken", "since": "2023-10-31",
                             "event": "2023-10-31-bolivia-breaks-again"}
    assert Relation("BO", UNKNOWN).as_dict() == {"country": "BO", "status": UNKNOWN,
                                                 "since": None, "event": None}


def test_no_date_means_today(bolivia: Dataset) -> None:
    early = relations_on(bolivia, "IL", None, today=date(2020, 1, 1))
    assert [(r.country, r.status) for r in early] == [("BO", "restored")]
    assert relations_on(bolivia, "IL", "", today=date(2009, 1, 13))[0].status == UNKNOWN


def test_two_events_on_the_same_day_are_ordered_by_id(tmp_path: Path) -> None:
    # The expulsion's id sorts after the break's, so on that day it decides, whatever
    # the order of the types or of the files on disk.
    dataset = load(tracker_folder(tmp_path / "a", [
        event("2024-04-05-b-ambassador-expelled", "2024-04-05", "diplomat-expelled",
              ["EC", "MX"]),
        event("2024-04-05-a-relations-broken", "2024-04-05", "relations-broken",
              ["MX", "EC"]),
    ]))
    assert statuses(dataset, "MX", "2024-04-05") == {"EC": ("downgraded", "2024-04-05")}
    swapped = load(tracker_folder(tmp_path / "b", [
        event("2024-04-05-a-ambassador-expelled", "2024-04-05", "diplomat-expelled",
              ["EC", "MX"]),
        event("2024-04-05-b-relations-broken", "2024-04-05", "relations-broken",
              ["MX", "EC"]),
    ]))
    [row] = relations_on(swapped, "EC", "2024-04-05", today=TODAY)
    assert (row.status, row.event and row.event.id) == (
        "broken", "2024-04-05-b-relations-broken")


def test_a_recall_or_an_expulsion_is_a_downgrade_until_a_later_event(tmp_path: Path) -> None:
    dataset = load(tracker_folder(tmp_path / "data", [
        event("2022-12-20-peru-expels-ambassador", "2022-12-20", "diplomat-expelled",
              ["PE", "MX"]),
        event("2023-06-01-recall", "2023-06-01", "ambassador-recalled", ["MX", "PE"]),
        event("2025-11-03-peru-breaks", "2025-11-03", "relations-broken", ["PE", "MX"]),
    ]))
    assert statuses(dataset, "MX", "2023-01") == {"PE": ("downgraded", "2022-12-20")}
    assert statuses(dataset, "MX", "2024") == {"PE": ("downgraded", "2023-06-01")}
    assert statuses(dataset, "MX", "2025-11-03") == {"PE": ("broken", "2025-11-03")}


def test_an_interval_counts_from_its_start(tmp_path: Path) -> None:
    dataset = load(tracker_folder(tmp_path / "data", [
        event("2024-04-06-suspension", "2024-04-06/..", "relations-broken", ["MX", "EC"]),
        event("2020-01-10-downgrade", "2020-01-10/2020-02-01", "relations-downgraded",
              ["MX", "PE"]),
    ]))
    assert statuses(dataset, "MX", "2024-04-05") == {"EC": (UNKNOWN, None),
                                                      "PE": ("downgraded",
                                                             "2020-01-10/2020-02-01")}
    assert statuses(dataset, "MX", "2024-04-06")["EC"] == ("broken", "2024-04-06/..")
    assert statuses(dataset, "MX", "2020-01-10")["PE"][0] == "downgraded"
    assert statuses(dataset, "MX", "2020-01-09")["PE"][0] == UNKNOWN
    rows = relations_on(dataset, "MX", "2030", today=TODAY)
    assert [r.coarse for r in rows] == [False, False]


def test_an_uncertain_month_counts_from_the_first_and_says_so(tmp_path: Path) -> None:
    dataset = load(tracker_folder(tmp_path / "data", [
        event("2024-04-uncertain-break", "2024-04?", "relations-broken", ["CO", "IL"]),
        event("1952-established", "1952", "relations-established", ["MX", "IL"]),
        event("2025-05-restored", "2025-05", "relations-restored", ["CO", "IL"]),
    ]))
    assert statuses(dataset, "IL", "2024-03-31") == {"CO": (UNKNOWN, None),
                                                      "MX": ("established", "1952")}
    [colombia, mexico] = relations_on(dataset, "IL", "2024-04-01", today=TODAY)
    assert (colombia.status, colombia.since, colombia.coarse) == ("broken", "2024-04?", True)
    assert colombia.date is not None and colombia.date.uncertain
    assert (mexico.status, mexico.coarse) == ("established", True)
    assert statuses(dataset, "IL", "2025-04-30")["CO"] == ("broken", "2024-04?")
    assert statuses(dataset, "IL", "2025-05-01")["CO"] == ("restored", "2025-05")
    assert statuses(dataset, "IL", "1951-12-31")["MX"] == (UNKNOWN, None)
    assert statuses(dataset, "IL", "1952-01-01")["MX"] == ("established", "1952")


def test_a_whole_month_or_year_asked_for_counts_to_its_end(bolivia: Dataset) -> None:
    assert statuses(bolivia, "IL", "2019-11")["BO"][0] == "restored"
    assert statuses(bolivia, "IL", "2019")["BO"][0] == "restored"
    assert statuses(bolivia, "IL", "2019-10")["BO"][0] == "broken"


def test_dates_are_days_in_the_dataset_time_zone(tmp_path: Path) -> None:
    # In Mexico City, 5 April ends at 06:00 UTC on the 6th; an event on the 5th counts
    # on the 5th, and one on the 6th does not.
    dataset = load(tracker_folder(tmp_path / "data", [
        event("2024-04-05-break", "2024-04-05", "relations-broken", ["MX", "EC"]),
        event("2024-04-06-restore", "2024-04-06", "relations-restored", ["MX", "EC"]),
    ], timezone="America/Mexico_City"))
    assert statuses(dataset, "MX", "2024-04-05") == {"EC": ("broken", "2024-04-05")}
    assert statuses(dataset, "MX", "2024-04-06") == {"EC": ("restored", "2024-04-06")}


def test_the_default_country_appears_in_most_relation_events(tmp_path: Path) -> None:
    dataset = load(tracker_folder(tmp_path / "data", [
        event("2009-a", "2009-01-14", "relations-broken", ["BO", "IL"]),
        event("2009-b", "2009-01-14", "relations-broken", ["VE", "IL"]),
        event("2024-c", "2024-04-05", "relations-broken", ["MX", "EC"]),
        event("2024-d", "2024-04-06", "relations-restored", ["MX", "EC"]),
    ]))
    history = relation_history(dataset.events)
    # EC, IL and MX each appear twice: the lowest code wins the tie.
    assert history.countries()[:3] == ["EC", "IL", "MX"]
    assert history.default_country() == "EC"
    assert relation_history(()).default_country() is None


def test_bad_countries_and_dates_are_clear_errors() -> None:
    assert check_country(" mx ") == "MX"
    with pytest.raises(RelationsError, match=r"'Mexico' is not an ISO 3166-1 alpha-2 .*"
                                             r"did you mean MX\?"):
        check_country("Mexico")
    with pytest.raises(RelationsError, match="'ZZ' is not an ISO 3166-1"):
        check_country("ZZ")
    with pytest.raises(RelationsError, match="'2025-13-01' is not a date: month 13"):
        cutoff_of("2025-13-01")
    with pytest.raises(RelationsError, match="is an interval; give one date"):
        cutoff_of("2024/2025")


def test_the_span_a_reader_may_ask_about(bolivia: Dataset, tmp_path: Path) -> None:
    assert dataset_span(bolivia, date(2020, 1, 1)) == (date(2009, 1, 14), date(2023, 11, 1))
    assert dataset_span(bolivia, TODAY) == (date(2009, 1, 14), TODAY)
    empty = load(tracker_folder(tmp_path / "empty", []))
    assert dataset_span(empty, TODAY) == (TODAY, TODAY)


def test_the_sample_data_as_the_issue_describes_it() -> None:
    dataset = load_dataset(REPO / "events", use_cache=False).dataset
    israel = statuses(dataset, "IL", "2025-06-01")
    assert sorted(c for c, (status, _) in israel.items() if status == "broken") == [
        "BO", "CO", "CU", "NI", "VE"]
    assert israel["MX"] == ("established", "1952")
    assert relation_history(dataset.events).default_country() == "IL"
    # The sample records the break on 5 April 2024 (announced that evening, Mexico City
    # time), so "since" is the date as written there.
    assert statuses(dataset, "MX", "2025-06-01")["EC"] == ("broken", "2024-04-05")
    assert statuses(dataset, "IL", "2026-01-01")["BO"] == ("restored", "2025-12-09")


def test_relation_events_come_from_the_type_index(bolivia: Dataset) -> None:
    found = relation_events(build_index(bolivia))
    assert [e.id for e in found] == ["2009-01-14-bolivia-breaks",
                                     "2019-11-28-bolivia-restores",
                                     "2023-10-31-bolivia-breaks-again"]
    assert relation_history(found) == relation_history(bolivia.events)
