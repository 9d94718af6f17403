"""`timeline new` checks a new record against the folder's outline, read from the cache
without building the events, and is exactly as strict as against the whole dataset."""

from __future__ import annotations

import random
from pathlib import Path

from click.testing import CliRunner

from folder_kit import copy_valid, damage_cache
from timeline.cli import main
from timeline.output.writer import EventDraft, SourceDraft, event_record, event_text
from timeline.validate import crosscheck
from timeline.validate.cache import cache_file, default_cache_dir
from timeline.validate.loader import load_dataset
from timeline.validate.outline import DatasetOutline
from timeline.validate.proposal import check_proposal
from timeline.validate.record import FileResult, check_record, record_id
from timeline.validate.schema import build_schemas

MARCH = "2025/2025-05-21-march-in-mexico-city.yaml"
OUTLINE_SECTION = 3  # of the cache file (folder_kit.damage_cache)


def _interview(data: Path, date: str, title: str, country: str = "MX") -> str:
    """Answer the questions of `timeline new event` (a march with one source)."""
    answers = [date, title, "", "march", country, "", "", "", "", "", "", "",
               "https://example.org", "", ""]
    result = CliRunner().invoke(main, ["new", "event", "--data", str(data)],
                                input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    return result.output


def _duplicate_warning(data: Path, other: str, title: str) -> str:
    return (f"warning: this event looks like a duplicate of {data}/{other} (same date, "
            f"shared countries, similar title '{title}')")


def test_the_outline_read_from_the_cache_is_the_datasets(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    cold = load_dataset(data)
    warm = load_dataset(data)
    assert warm.outline == DatasetOutline.of(cold.dataset)
    assert not warm.is_built  # the outline came without building a record
    assert warm.outline.paths[record_id(MARCH)] == f"{data}/{MARCH}"
    # Spelled differently, the same cache names the files as this load does.
    other = load_dataset(f"{data}/")
    assert other.outline.paths[record_id(MARCH)] == f"{data}/{MARCH}"
    spelled = load_dataset(f"{tmp_path}/./events")
    assert spelled.outline.folder == f"{tmp_path}/./events"
    assert spelled.outline.paths[record_id(MARCH)] == f"{tmp_path}/./events/{MARCH}"
    assert spelled.outline.actors["ana-lopez"].path.startswith(f"{tmp_path}/./events/")


def test_an_id_in_use_in_another_folder_is_refused_warm_and_cold(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    (data / "older").mkdir()
    elsewhere = data / "older" / "2025-06-01-vigil-at-the-embassy.yaml"
    elsewhere.write_text((data / MARCH).read_text())
    command = ["new", "event", "--title", "Vigil at the embassy", "--date", "2025-06-01",
               "--type", "vigil", "--country", "MX", "--source", "https://example.org",
               "--data", str(data)]
    expected = ("the event id '2025-06-01-vigil-at-the-embassy' is used twice: here and "
                f"in {elsewhere}")
    for _ in ("no cache yet", "the cache the first run left"):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 2
        assert expected in result.output
        assert not (data / "2025" / "2025-06-01-vigil-at-the-embassy.yaml").exists()


def test_a_likely_duplicate_is_warned_with_a_warm_cache(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    assert CliRunner().invoke(main, ["validate", str(data)]).exit_code == 0
    output = _interview(data, "2025-05-21", "Marches in Mexico City")
    assert _duplicate_warning(data, MARCH, "March in Mexico City") in output
    # Another date, or no shared country: no warning.
    assert "looks like a duplicate" not in _interview(data, "2025-05-22",
                                                      "March in Mexico City")
    assert "looks like a duplicate" not in _interview(data, "2025-05-21",
                                                      "Marching in Mexico City", "EC")


def test_a_stale_cache_is_not_trusted(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    assert CliRunner().invoke(main, ["validate", str(data)]).exit_code == 0
    # Edited since the cache was written: its new title is the one compared with.
    march = data / MARCH
    march.write_text(march.read_text().replace("en: March in Mexico City",
                                               "en: Hunger strike in Oaxaca")
                     .replace("es: Marcha en la Ciudad de México", "es: Huelga"))
    assert "looks like a duplicate" not in _interview(data, "2025-05-21",
                                                      "Marches in Mexico City")
    output = _interview(data, "2025-05-21", "Hunger strikes in Oaxaca")
    assert _duplicate_warning(data, MARCH, "Hunger strike in Oaxaca") in output
    # A file added since: its id is taken, and it is compared with.
    added = data / "2025" / "2025-05-21-sit-in-at-the-senate.yaml"
    added.write_text("title: Sit-in at the Senate\ndate: 2025-05-21\ntype: sit-in\n"
                     "countries: [MX]\nsources: [{url: 'https://example.org'}]\n")
    output = _interview(data, "2025-05-21", "Sit-ins at the Senate")
    assert _duplicate_warning(data, added.relative_to(data).as_posix(),
                              "Sit-in at the Senate") in output


def test_a_damaged_outline_means_checking_the_files(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    assert CliRunner().invoke(main, ["validate", str(data)]).exit_code == 0
    store = cache_file(default_cache_dir(), data)
    damage_cache(store, OUTLINE_SECTION)
    output = _interview(data, "2025-05-21", "Marches in Mexico City")
    assert _duplicate_warning(data, MARCH, "March in Mexico City") in output
    assert not store.exists() or load_dataset(data).outline.paths  # removed, or rewritten
    assert load_dataset(data).outline == DatasetOutline.of(load_dataset(data).dataset)


def _reference(content: bytes, display: str, report_dataset: object) -> list[str]:
    """The likely-duplicate warnings of a new file by the validator's own rule, pair by
    pair against every event of the dataset (no bisection, no outline)."""
    from timeline.model import Dataset

    assert isinstance(report_dataset, Dataset)
    result = check_record(content, display, "event", build_schemas(report_dataset.settings))
    if result.record is None:  # not a valid event: no duplicate check
        return []
    found = []
    for event in report_dataset.events:
        pair = [FileResult("event", event.path, event), result]
        found += [p.as_text() for p in crosscheck.likely_duplicates(pair)
                  if p.path == display]
    return found


def test_proposals_are_checked_as_strictly_against_the_outline(tmp_path: Path) -> None:
    """Near-duplicates, relations, several countries and ongoing spans, against the
    outline from the cache, the dataset, and a pair-by-pair reference: the same."""
    data = copy_valid(tmp_path)
    rng = random.Random(5)
    words = ["march", "marches", "in", "mexico", "city", "quito", "embassy", "strike",
             "relations", "breaks", "with", "ecuador"]
    dates = ["2025-05-21", "2024-04-05/..", "2025-05", "2013"]
    types = ["march", "relations-broken", "statement"]
    countries = [["MX"], ["EC"], ["MX", "EC"], ["EC", "MX"]]
    for number in range(60):
        title = " ".join(rng.choices(words, k=rng.randint(2, 6))).capitalize()
        (data / "2025" / f"2025-generated-{number:02d}.yaml").write_text(
            f"title: {title}\ndate: '{rng.choice(dates)}'\ntype: {rng.choice(types)}\n"
            f"countries: {rng.choice(countries)}\nsources: [{{url: 'https://example.org'}}]\n")
    load_dataset(data)
    report = load_dataset(data)
    outline = report.outline
    assert not report.is_built
    dataset = load_dataset(data, use_cache=False).dataset
    warned = 0
    for number in range(80):
        event = rng.choice(dataset.events)
        title = next(iter(event.title.values()))
        if rng.random() < 0.7:  # a near copy: a word dropped or added
            parts = title.split()
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(words))
            title = " ".join(parts)
        draft = EventDraft(title={"en": title}, date=event.date.text,
                           type=rng.choice(types), countries=rng.choice(countries),
                           sources=[SourceDraft("https://example.org")])
        content = event_text(event_record(draft)).encode("utf-8")
        display = f"{data}/2030/2030-proposed-{number}.yaml"
        against_outline = check_proposal(content, display, "event", outline)
        against_dataset = check_proposal(content, display, "event", dataset)
        assert against_outline == against_dataset
        warnings = [p.as_text() for p in against_outline.problems
                    if p.code == "likely-duplicate"]
        assert warnings == _reference(content, display, dataset)
        warned += bool(warnings)
    assert warned > 10
