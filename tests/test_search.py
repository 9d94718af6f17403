"""The search: bounded words, the same answer however a query is written."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from browser_kit import write_dataset
from timeline.folding import fold
from timeline.model import Dataset
from timeline.query.filters import Filters
from timeline.query.index import (
    MAX_SEARCH_WORDS,
    MAX_WORD_LENGTH,
    EventIndex,
    build_index,
    filter_positions,
    search_words,
)
from timeline.validate.loader import load_dataset


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    folder = write_dataset(tmp_path_factory.mktemp("search") / "data")
    return load_dataset(folder, use_cache=False).dataset


def test_words_are_folded_deduplicated_and_none_inside_another() -> None:
    assert search_words("March MARCH marcha Mar m méxico") == ("marcha", "mexico")
    assert search_words("  ") == ()
    assert search_words(" ".join(string.ascii_lowercase * 4)) == tuple("abcdef")
    assert len(search_words(" ".join(f"w{n:03d}" for n in range(500)))) == MAX_SEARCH_WORDS
    assert search_words("x" * 10_000) == ("x" * MAX_WORD_LENGTH,)
    # longest first, then alphabetical: the same words in any order give the same search
    assert search_words("b aa c") == search_words("c b aa") == ("aa", "b", "c")


def _scan(dataset: Dataset, index: EventIndex, query: str) -> list[int]:
    words = search_words(query)
    return [p for p, text in enumerate(index.haystacks) if all(w in text for w in words)]


QUERIES = ["mexico", "snte senate", "a e", "a b c d e f g h", "m ma mar marc march",
           "zzz", "é", "ñ", "x y z", "2025", "marcha hambre", " ".join("abcdefghij" * 10)]


@pytest.mark.parametrize("query", QUERIES)
def test_search_answers_like_a_scan(dataset: Dataset, query: str) -> None:
    index = build_index(dataset)  # a fresh index: letter tables empty, then warm
    expected = _scan(dataset, index, query)
    assert filter_positions(index, Filters(q=query)) == expected
    assert filter_positions(index, Filters(q=query)) == expected  # with tables warm
    narrowed = filter_positions(index, Filters(q=query, country=("MX",)))
    assert narrowed == [p for p in expected if "MX" in index.events[p].countries]


@settings(max_examples=150, deadline=None)
@given(query=st.text(alphabet="aeiomnrstcxz éñ", max_size=60))
def test_any_query_answers_like_a_scan(dataset: Dataset, query: str) -> None:
    index = build_index(dataset)
    assert filter_positions(index, Filters(q=query)) == _scan(dataset, index, query)
    assert all(len(w) <= MAX_WORD_LENGTH for w in search_words(query))
    assert len(index.letters) <= len(set(fold(query)))


def test_absent_letters_are_not_kept(dataset: Dataset) -> None:
    index = build_index(dataset)
    assert filter_positions(index, Filters(q="ж")) == []
    assert "ж" not in index.letters
