"""The view as a value: Filters <-> URL query strings, and the filters over real files."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from browser_kit import load, write_dataset
from timeline.folding import fold
from timeline.model import Dataset
from timeline.query.filters import MAX_QUERY_LENGTH, MAX_VALUES, Filters
from timeline.query.index import EventIndex, build_index, filter_events, filter_positions
from timeline.validate.loader import load_dataset


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load(write_dataset(tmp_path_factory.mktemp("queries") / "data"))


@pytest.fixture(scope="module")
def index(dataset: Dataset) -> EventIndex:
    return build_index(dataset)


def ids(index: EventIndex, filters: Filters) -> list[str]:
    return [index.events[p].id for p in filter_positions(index, filters)]


# ------------------------------------------------------------------ the URL


def test_round_trip_of_every_key() -> None:
    view = Filters(country=("MX", "IL"), actor=("ana-lopez",), type=("march", "sit-in"),
                   campaign=("break-ties",), tag=("protest",), q="Zócalo & co",
                   date_from="2024-04", date_to="2025", lanes="country",
                   event="2025-05-21-march-in-mexico-city", lang="es")
    text = view.to_query()
    assert text.startswith("country=MX&country=IL&actor=ana-lopez&type=march&type=sit-in")
    assert "q=Z%C3%B3calo+%26+co" in text and "from=2024-04" in text and "lang=es" in text
    assert Filters.from_query(text) == view
    assert Filters.from_query("?" + text) == view


def test_defaults_are_left_out_of_the_url() -> None:
    assert Filters().to_query() == ""
    assert Filters(lanes="type").to_query() == ""
    assert Filters(lanes="actor").to_query() == "lanes=actor"
    assert Filters.from_query("") == Filters()


def test_repeated_keys_keep_order_and_drop_duplicates_and_blanks() -> None:
    view = Filters.from_query("country=MX&country=IL&country=MX&country=&country=%20CO%20")
    assert view.country == ("MX", "IL", "CO")
    # a single-valued key keeps its last value
    assert Filters.from_query("q=first&q=second").q == "second"


def test_from_a_mapping() -> None:
    assert Filters.from_query({"country": ["MX"], "q": ["x"], "from": ["2024"]}) == Filters(
        country=("MX",), q="x", date_from="2024")


def test_cleared_keeps_lanes_and_language_only() -> None:
    view = Filters(country=("MX",), q="x", lanes="actor", event="e", lang="es")
    assert view.cleared() == Filters(lanes="actor", lang="es")
    assert view.cleared().is_empty() and not view.is_empty()


@pytest.mark.parametrize("query", [
    "country=%3Cscript%3Ealert(1)%3C/script%3E",
    "event=javascript:alert(1)",
    "event=../../etc/passwd",
    "lang=../../en",
    "lanes=%00",
    "from=1%27%20OR%201=1&to=2025-13-45",
    "type=%ZZ&actor=%E2%80%AE",
    "%%%&&&===",
    "country",
    "\x00\x01\x02",
])
def test_hostile_queries_become_valid_views(index: EventIndex, query: str) -> None:
    view = Filters.from_query(query).restrict(index, ("en", "es"))
    assert view.event == "" and view.lang == "" and view.lanes == "type"
    assert view.country == () and view.type == () and view.actor == ()
    assert view.date_from == "" and view.date_to == ""
    assert len(filter_positions(index, view)) == len(index.events)


def test_huge_queries_are_bounded() -> None:
    many = "&".join(f"country=C{i}" for i in range(5 * MAX_VALUES))
    assert len(Filters.from_query(many).country) <= MAX_VALUES
    long_text = Filters.from_query("q=" + "a" * 10_000)
    assert len(long_text.q) == MAX_QUERY_LENGTH
    Filters.from_query("q=" + "%" * 100_000)  # never raises


def test_restrict_keeps_known_values_and_upper_cases_countries(index: EventIndex) -> None:
    view = Filters(country=("mx", "ZZ"), actor=("ana-lopez", "nobody"), type=("march", "x"),
                   campaign=("break-ties", "y"), tag=("protest", "z"), date_from="2024",
                   date_to="not a date", lanes="campaign",
                   event="2025-05-21-march-in-mexico-city", lang="es")
    assert view.restrict(index, ("en", "es")) == Filters(
        country=("MX",), actor=("ana-lopez",), type=("march",), campaign=("break-ties",),
        tag=("protest",), date_from="2024", lanes="campaign",
        event="2025-05-21-march-in-mexico-city", lang="es")


# ------------------------------------------------------------------ the filters


def test_or_within_a_filter_and_across_filters(index: EventIndex) -> None:
    assert len(ids(index, Filters(country=("MX",)))) == 5
    assert len(ids(index, Filters(country=("EC", "IL")))) == 3
    assert ids(index, Filters(country=("MX",), actor=("teachers-union",))) == [
        "2025-05-hunger-strike-at-the-senate", "2025-05-21-march-in-mexico-city"]
    assert ids(index, Filters(country=("EC",), actor=("teachers-union",))) == []
    assert ids(index, Filters(type=("sit-in", "boycott"))) == [
        "2023-10-01-boycott-campaign", "2024-04-10-sit-in-in-quito"]


def test_results_are_in_date_order(index: EventIndex, dataset: Dataset) -> None:
    found = filter_events(dataset, Filters(), index)
    starts = [event.date.start for event in found]
    assert starts == sorted(starts) and len(found) == 6


def test_search_ignores_case_and_accents(index: EventIndex) -> None:
    for text in ("secretaria", "SECRETARÍA", "Secretaría"):
        assert ids(index, Filters(q=text)) == ["2024-04-10-sit-in-in-quito"]
    assert ids(index, Filters(q="mexico")) == ids(index, Filters(q="México"))
    assert len(ids(index, Filters(q="mexico"))) == 3
    # every word must appear; actor names and aliases are searched
    assert ids(index, Filters(q="snte senate")) == ["2025-05-hunger-strike-at-the-senate"]
    assert ids(index, Filters(q="zocalo")) == ["2025-05-21-march-in-mexico-city"]
    assert fold("Ñandú Über") == "nandu uber"


def test_date_bounds_include_spans_that_overlap(index: EventIndex) -> None:
    # the ongoing boycott (since October 2023) is in every range after it starts
    assert ids(index, Filters(date_from="2025")) == [
        "2023-10-01-boycott-campaign", "2025-05-hunger-strike-at-the-senate",
        "2025-05-21-march-in-mexico-city"]
    assert ids(index, Filters(date_to="2013")) == ["2013-training-programme-in-chiapas"]
    # a month bound covers the whole month; the interval 10-20 April overlaps it
    assert ids(index, Filters(date_from="2024-04-15", date_to="2024-04")) == [
        "2023-10-01-boycott-campaign", "2024-04-10-sit-in-in-quito"]


START_OF_2014 = datetime(2014, 1, 1, tzinfo=UTC)  # the bound from=2014, in UTC data


def test_the_index_answers_like_a_scan(index: EventIndex, dataset: Dataset) -> None:
    views = [Filters(country=("MX",), q="march"), Filters(tag=("boycott",)),
             Filters(campaign=("break-ties",)), Filters(actor=("government-of-mexico",),
                                                        date_from="2014")]
    for view in views:
        expected = [
            e.id for e in dataset.events
            if (not view.country or set(view.country) & set(e.countries))
            and (not view.tag or set(view.tag) & set(e.tags))
            and (not view.campaign or set(view.campaign) & set(e.campaigns))
            and (not view.actor or set(view.actor) & set(e.actors))
            and (not view.q or fold(view.q) in fold(" ".join(e.title.values())))
            and (not view.date_from or e.date.end is None or e.date.end > START_OF_2014)
        ]
        assert ids(index, view) == expected, view


def test_files_of_a_real_folder(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "data", {})
    dataset = load_dataset(folder, use_cache=False).dataset
    assert filter_positions(build_index(dataset), Filters(q="anything")) == []
