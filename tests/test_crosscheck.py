"""The likely-duplicate check's shortcuts give exactly SequenceMatcher's answers."""

from __future__ import annotations

import difflib
import json
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from folder_kit import EVENT, events_folder
from timeline.folding import fold
from timeline.model import Event
from timeline.validate import messages
from timeline.validate.crosscheck import (
    DUPLICATE_TITLE_RATIO,
    _Letters,
    _similar,
    _Title,
    duplicate_warning,
    group_keys,
    likely_duplicates,
)
from timeline.validate.loader import load_dataset
from timeline.validate.record import FileResult

WORDS = ["march", "marcha", "embassy", "embajada", "strike", "huelga", "hambre", "hunger",
         "sheinbaum", "mexico", "méxico", "israel", "relations", "relaciones", "break",
         "romper", "union", "sindicato", "jenin", "diplomats", "shot", "at", "in", "de",
         "la", "el", "the", "a", "2025", "ñandú", "über", "—", "!!", "x"]


def _titles(rng: random.Random, count: int) -> list[str]:
    titles = []
    for _ in range(count):
        words = rng.choices(WORDS, k=rng.randint(0, 9))
        title = " ".join(words)
        titles.append(title)
        if rng.random() < 0.4 and words:  # a near copy: one word changed or dropped
            changed = list(words)
            changed[rng.randrange(len(changed))] = rng.choice(WORDS)
            titles.append(" ".join(changed[: rng.randint(1, len(changed))]))
    return titles


def test_similar_titles_are_exactly_those_sequencematcher_finds() -> None:
    rng = random.Random(7)
    texts = [fold(t) for t in _titles(rng, 160)]
    letters = _Letters()
    titles = [_Title(text, letters) for text in texts]
    letters.close()
    found = 0
    for i, a in enumerate(titles):
        for b in titles[: i + 1]:
            expected = difflib.SequenceMatcher(None, a.text, b.text).ratio() \
                >= DUPLICATE_TITLE_RATIO
            assert _similar([a], [b], letters) == expected, (a.text, b.text)
            found += expected
    assert found > len(titles)  # not only each title with itself


def test_packed_letter_counts_give_the_shared_letters() -> None:
    rng = random.Random(3)
    texts = [fold(t) for t in _titles(rng, 80)] + ["a" * 70_000, "ab" * 40_000, ""]
    letters = _Letters()
    titles = [_Title(text, letters) for text in texts]
    letters.close()
    assert titles[-3].packed is None  # longer than a lane counts: counted letter by letter
    for a in titles:
        for b in titles:
            expected = sum((Counter(a.text) & Counter(b.text)).values())
            assert a.shared(b, letters) == expected


def _events_folder(tmp_path: Path, count: int) -> Path:
    """``count`` events on two dates, one or two countries each, template-like titles."""
    rng = random.Random(11)
    subjects = ["Students", "Teachers", "Farmers", "Senate", "Unions"]
    verbs = ["protest", "support", "reject", "debate"]
    objects = ["the agreement", "police training", "the embassy raid"]
    root = events_folder(tmp_path, {})
    for number in range(count):
        title = f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}"
        countries = rng.choice([["MX"], ["EC"], ["MX", "EC"]])
        text = (EVENT.format(title=title).replace("countries: [MX]",
                                                  f"countries: [{', '.join(countries)}]")
                .replace("2025-05-21", rng.choice(["2025-05-21", "2013"])))
        (root / "2025" / f"2025-05-21-event-{number:03d}.yaml").write_text(text)
    return root


def _results(root: Path) -> list[FileResult]:
    report = load_dataset(root, use_cache=False)
    assert report.errors == []
    return [FileResult("event", e.path, e, [], {("title",): (1, 1)})
            for e in sorted(report.dataset.events, key=lambda e: e.path)]


def test_likely_duplicates_are_the_pairs_sequencematcher_finds(tmp_path: Path) -> None:
    results = _results(_events_folder(tmp_path, 90))
    # every pair compared by difflib's own SequenceMatcher (see _reference below)
    expected = [tuple(pair.split(" ~ ")) for pair in _reference(results)]
    found = likely_duplicates(results)
    assert len(expected) > 50
    assert sorted((p.path, p.message.split(" of ")[1].split(" (")[0]) for p in found) \
        == sorted(expected)  # every similar pair once, even when it shares two countries


def test_equal_titles_and_titles_of_every_length_are_found(tmp_path: Path) -> None:
    """Many events with one title, and titles from empty to over the compared length."""
    root = events_folder(tmp_path, {})
    titles = ["Same title"] * 6 + ["x" * n for n in (1, 2, 5, 6, 7, 299, 300, 400)] + [
        "Same titles", "Sane title", ""]
    for number, title in enumerate(titles):
        text = EVENT.format(title=f'"{title}"' if title else '""')
        (root / "2025" / f"2025-05-21-event-{number:03d}.yaml").write_text(text)
    report = load_dataset(root, use_cache=False)
    results = [FileResult("event", e.path, e, [], {("title",): (1, 1)})
               for e in sorted(report.dataset.events, key=lambda e: e.path)]
    expected = []
    for i, later in enumerate(results):
        for earlier in results[:i]:
            a, b = earlier.record, later.record
            assert isinstance(a, Event) and isinstance(b, Event)
            if any(difflib.SequenceMatcher(None, fold(y)[:300], fold(x)[:300]).ratio()
                   >= DUPLICATE_TITLE_RATIO for y in b.title.values() for x in a.title.values()):
                expected.append((later.path, earlier.path))
    found = [(p.path, p.message.split(" of ")[1].split(" (")[0])
             for p in likely_duplicates(results)]
    assert found == expected and len(expected) > 15


def _reference(results: list[FileResult]) -> list[str]:
    """The warnings of a straightforward check: every pair of events on the same dates
    in one group, by difflib's own SequenceMatcher (the later title first)."""
    found = []
    for i, later in enumerate(results):
        for earlier in results[:i]:
            a, b = earlier.record, later.record
            assert isinstance(a, Event) and isinstance(b, Event)
            if (a.date.start, a.date.end) != (b.date.start, b.date.end):
                continue
            if set(group_keys(a.type, a.countries)).isdisjoint(
                    group_keys(b.type, b.countries)):
                continue
            if any(difflib.SequenceMatcher(None, fold(y)[:300], fold(x)[:300]).ratio()
                   >= DUPLICATE_TITLE_RATIO for y in b.title.values() for x in a.title.values()):
                found.append(f"{later.path} ~ {earlier.path}")
    return found


def _near(rng: random.Random, text: str) -> str:
    """A near copy: a letter changed, dropped or added, a word dropped, or the same."""
    if not text:
        return text
    where = rng.randrange(len(text))
    return rng.choice([
        text[:where] + rng.choice("aeiouxyz ") + text[where + 1:],
        text[:where] + text[where + 1:],
        text[:where] + rng.choice("aeiouxyz") + text[where:],
        " ".join(w for n, w in enumerate(text.split()) if n != where % max(
            1, len(text.split()))),
        text])


def test_big_groups_give_exactly_the_warnings_of_comparing_every_pair(
        tmp_path: Path) -> None:
    """Groups far over the small-group size, so the length windows, the rapidfuzz
    look-ups (each pair once) and the confirmation all run: templates, near copies,
    equal titles, two languages, and pairs right at the ratio's edge (17 of 23+17
    letters in common: exactly 0.85), against every pair compared by difflib."""
    rng = random.Random(23)
    root = events_folder(tmp_path, {})
    subjects = ["Students", "Teachers' union", "Senate", "Farmers", "Embassy staff"]
    verbs = ["protest", "support", "reject", "debate", "welcome"]
    objects = ["the agreement", "police training", "the embassy raid", "a boycott"]
    titles: list[tuple[str, str]] = []
    for _ in range(260):
        base = f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}"
        english = _near(rng, base) if rng.random() < 0.5 else base
        titles.append((english, _near(rng, english + " (es)")))
    for size in (17, 18, 19, 20):  # lengths at the edges of each other's windows
        for extra in range(4, 9):
            titles.append(("a" * size, "b" * size))
            titles.append(("a" * size + "c" * extra, "b" * size + "d" * extra))
    rng.shuffle(titles)
    for number, (english, spanish) in enumerate(titles):
        type_, countries = rng.choice([("march", "[MX]"), ("march", "[MX]"),
                                       ("march", "[MX, EC]"), ("relations-broken", "[MX, EC]"),
                                       ("relations-broken", "[EC, MX]")])
        (root / "2025" / f"2025-05-21-event-{number:03d}.yaml").write_text(
            f"title: {{en: {json.dumps(english)}, es: {json.dumps(spanish)}}}\n"
            f"date: 2025-05-21\ntype: {type_}\ncountries: {countries}\n"
            "sources: [{url: 'https://example.org'}]\n")
    (root / "timeline.yaml").write_text("title: T\nlanguages: [en, es]\n")
    results = _results(root)
    found = [f"{p.path} ~ {p.message.split(' of ')[1].split(' (same')[0]}"
             for p in likely_duplicates(results)]
    expected = _reference(results)
    assert len(expected) > 500
    assert sorted(found) == sorted(expected)
    assert len(found) == len(set(found))  # each pair once, even in two groups


@pytest.mark.parametrize("small", [False, True])
def test_a_file_with_more_similar_events_than_it_shows_gets_the_same_output(
        tmp_path: Path, small: bool) -> None:
    """Past a file's limit (100), the check writes one problem standing for the rest:
    after messages.capped, what the loader keeps, the problems are exactly those of
    writing every warning, "and N more" included. Events with one country (counted,
    not listed) and with two (listed, so a pair met in both groups is counted once)."""
    rng = random.Random(5)
    root = events_folder(tmp_path, {})
    size = 30 if small else 200  # a small group cannot pass the limit: one big group
    for number in range(size):
        countries = rng.choice(["[MX]", "[MX]", "[MX, EC]"])
        title = rng.choice(["March in Mexico City", "March in Mexico City!"] * 4 + ["Marches"])
        (root / "2025" / f"2025-05-21-event-{number:03d}.yaml").write_text(
            EVENT.format(title=json.dumps(title)).replace("[MX]", countries))
    results = _results(root)
    by_path = {result.path: result for result in results}
    expected = []
    for pair in _reference(results):
        later, earlier = pair.split(" ~ ")
        expected.append(duplicate_warning(by_path[later], earlier,
                                          by_path[earlier].record.title))  # type: ignore[union-attr]
    found = likely_duplicates(results)

    def shown(problems: list) -> list[tuple[object, ...]]:
        ordered = sorted(problems, key=lambda p: (p.path, p.line, p.column, p.field))
        return [(p.as_text(), p.hidden) for p in messages.capped(ordered)]

    assert shown(found) == shown(expected)
    most = Counter(p.path for p in expected).most_common(1)[0][1]
    if small:
        assert found == expected and most < messages.MAX_PROBLEMS_PER_FILE
    else:
        assert most > messages.MAX_PROBLEMS_PER_FILE + 20
        assert len(found) < len(expected)
        assert any("and " in text and hidden > 20 for text, hidden in shown(found))


@given(st.text(alphabet="ab cdé", max_size=60), st.text(alphabet="ab cdé", max_size=60),
       st.integers(0, 260))
def test_the_confirmation_is_difflibs_ratio(first: str, second: str, padding: int) -> None:
    """cydifflib computes exactly difflib's ratio, long texts (its "autojunk" rule from
    200 characters) included."""
    longer = first + "x" * padding
    for a, b in ((first, second), (longer, second + "x" * padding), (longer, second)):
        title = _Title(b, _Letters())
        assert title.ratio_after(a) == difflib.SequenceMatcher(None, a, b).ratio()
