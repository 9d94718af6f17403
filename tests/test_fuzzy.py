"""close_matches gives difflib.get_close_matches's answers, for lists and mappings."""

from __future__ import annotations

import difflib

from hypothesis import given
from hypothesis import strategies as st

from timeline.dates import close_zones
from timeline.fuzzy import close_matches

WORDS = st.text(alphabet="abcde _/", max_size=12)


@given(WORDS, st.lists(WORDS, max_size=30), st.integers(1, 4),
       st.sampled_from([0.0, 0.6, 0.75, 0.9]))
def test_close_matches_are_difflibs(word: str, options: list[str], n: int,
                                    cutoff: float) -> None:
    expected = difflib.get_close_matches(word, options, n=n, cutoff=cutoff)
    assert close_matches(word, options, n=n, cutoff=cutoff) == expected
    # a mapping's keys are its possibilities, as for difflib
    mapping = {option: option.upper() for option in options}
    assert close_matches(word, mapping, n=n, cutoff=cutoff) == (
        difflib.get_close_matches(word, mapping, n=n, cutoff=cutoff))


def test_a_misspelt_zone_names_the_zone_meant() -> None:
    assert close_zones("America/Mexico_Cty") == ("America/Mexico_City",)
    assert close_zones("mexico city") == ("America/Mexico_City",)
    assert close_zones(["not", "a", "name"]) == ()
