"""`timeline new`: valid files, printed paths, and never an overwrite."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from timeline.cli import main
from timeline.validate.loader import load_dataset

VALID = Path(__file__).parent / "data" / "valid"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "events"
    shutil.copytree(VALID, target)
    return target


def test_new_event_writes_a_valid_file_and_prints_its_path(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    result = CliRunner().invoke(main, [
        "new", "event", "--title", "Sit-in at the Foreign Ministry (SRE)", "--date",
        "2025-06-03", "--type", "sit-in", "--country", "MX", "--actor", "ana-lopez",
        "--source", "https://example.org/sit-in", "--data", str(data)])
    assert result.exit_code == 0, result.output
    path = data / "2025" / "2025-06-03-sit-in-at-the-foreign-ministry-sre.yaml"
    assert result.output.strip() == str(path)
    report = load_dataset(data, use_cache=False)
    assert not report.problems
    event = report.dataset.by_id["2025-06-03-sit-in-at-the-foreign-ministry-sre"]
    assert event.actors == ("ana-lopez",) and event.type == "sit-in"


def test_new_event_refuses_to_overwrite(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    existing = data / "2025" / "2025-05-21-march-in-mexico-city.yaml"
    before = existing.read_bytes()
    result = CliRunner().invoke(main, [
        "new", "event", "--title", "March in Mexico City", "--date", "2025-05-21", "--type",
        "march", "--country", "MX", "--source", "https://example.org", "--data", str(data)])
    assert result.exit_code == 2
    assert "already exists; it was left as it is" in result.output
    assert existing.read_bytes() == before


def test_new_event_checks_its_input(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    result = CliRunner().invoke(main, [
        "new", "event", "--title", "X", "--date", "21/05/2025", "--type", "march",
        "--country", "MX", "--source", "https://example.org", "--data", str(data)])
    assert result.exit_code == 2
    assert "write the year first (YYYY-MM-DD)" in result.output
    result = CliRunner().invoke(main, [
        "new", "event", "--title", "X", "--date", "2025-05-21", "--type", "march",
        "--country", "Mexico", "--actor", "nobody", "--source", "javascript:alert(1)",
        "--data", str(data)])
    assert result.exit_code == 2
    assert "'Mexico' is not an ISO 3166-1 alpha-2 country code (did you mean 'MX'?)" in (
        result.output)
    assert "is not an http(s) link" in result.output
    assert not list((data / "2025").glob("2025-05-21-x*"))


def test_new_event_without_a_terminal_names_what_is_missing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", "event", "--data", str(_copy(tmp_path))],
                                input="")
    assert result.exit_code == 2
    assert "Title is required (pass it as an option)" in result.output


def test_new_actor(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    result = CliRunner().invoke(main, ["new", "actor", "--name", "Juan Ramón de la Fuente",
                                       "--kind", "person", "--country", "MX", "--data",
                                       str(data)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("actors/juan-ramon-de-la-fuente.yaml")
    report = load_dataset(data, use_cache=False)
    assert report.dataset.actors["juan-ramon-de-la-fuente"].name == {
        "en": "Juan Ramón de la Fuente"}
    again = CliRunner().invoke(main, ["new", "actor", "--name", "Juan Ramón de la Fuente",
                                      "--kind", "person", "--data", str(data)])
    assert again.exit_code == 2 and "already exists" in again.output


def test_new_event_writes_stances_with_their_holders(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    result = CliRunner().invoke(main, [
        "new", "event", "--title", "Union statement", "--date", "2025-06-04", "--type",
        "statement", "--country", "MX", "--actor", "ana-lopez",
        "--stance", "break-relations/break:supports:teachers-union",
        "--stance", "break-relations/break:declines:ana-lopez",
        "--source", "https://example.org/statement", "--data", str(data)])
    assert result.exit_code == 0, result.output
    report = load_dataset(data, use_cache=False)
    assert not report.problems
    event = report.dataset.by_id["2025-06-04-union-statement"]
    assert event.actors == ("ana-lopez", "teachers-union")  # a holder is one of the actors
    assert [(d.demand, d.stance, d.by) for d in event.demands] == [
        ("break-relations/break", "supports", ("teachers-union",)),
        ("break-relations/break", "declines", ("ana-lopez",))]


def test_new_event_explains_a_malformed_stance(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    result = CliRunner().invoke(main, [
        "new", "event", "--title", "X", "--date", "2025-06-04", "--type", "statement",
        "--country", "MX", "--stance", "break-relations/break:supports",
        "--source", "https://example.org", "--data", str(data)])
    assert result.exit_code == 2
    assert ("--stance 'break-relations/break:supports': write "
            "<campaign-id>/<demand-id>:<stance>:<actor-id>[,...]") in result.output
    assert not (data / "2025" / "2025-06-04-x.yaml").exists()
