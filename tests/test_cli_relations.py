"""`timeline relations` on real folders: every format, and bad input without a traceback."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from tracker_data import event, tracker_folder

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tracker_folder(tmp_path / "data", [
        event("1952-established", "1952", "relations-established", ["MX", "IL"]),
        event("2009-01-14-bolivia-breaks", "2009-01-14", "relations-broken", ["BO", "IL"]),
        event("2019-11-28-bolivia-restores", "2019-11-28", "relations-restored",
              ["BO", "IL"]),
        event("2030-01-01-future-break", "2030-01-01", "relations-broken", ["CU", "IL"]),
    ])


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["relations", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception)
    return result.exit_code, result.stdout, result.stderr


def test_json(folder: Path) -> None:
    code, out, _ = run("--country", "IL", "--on", "2015-06-01", "--data", str(folder),
                       "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {"country": "BO", "status": "broken", "since": "2009-01-14",
         "event": "2009-01-14-bolivia-breaks"},
        {"country": "CU", "status": "unknown", "since": None, "event": None},
        {"country": "MX", "status": "established", "since": "1952",
         "event": "1952-established"},
    ]


def test_csv_and_lower_case_country(folder: Path) -> None:
    code, out, _ = run("--country", "il", "--on", "2020", "--data", str(folder),
                       "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["country"], r["status"], r["since"]) for r in rows] == [
        ("BO", "restored", "2019-11-28"), ("CU", "unknown", ""), ("MX", "established", "1952")]


def test_table_names_countries_and_marks_coarse_dates(folder: Path) -> None:
    code, out, _ = run("--country", "IL", "--on", "2015-06-01", "--data", str(folder))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Relations of Israel (IL) as of 2015-06-01:"
    assert lines[1].split() == ["code", "country", "status", "since", "event"]
    assert lines[2].split() == ["BO", "Bolivia", "Broken", "2009-01-14",
                                "2009-01-14-bolivia-breaks"]
    assert lines[3].split() == ["CU", "Cuba", "Established", "or", "unknown"]
    assert lines[4].split() == ["MX", "Mexico", "Established", "1952*", "1952-established"]
    assert lines[-1].startswith("* date known only to the month or year")


def test_default_date_is_today(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Today is fixed for the test (the clock would see the 2030 break one day)."""
    def statuses(*extra: str) -> dict[str, str]:
        code, out, err = run("--country", "IL", "--data", str(folder), "--format", "json",
                             *extra)
        assert code == 0, err
        return {row["country"]: row["status"] for row in json.loads(out)}

    assert statuses("--today", "2026-01-01") == {
        "BO": "restored", "CU": "unknown", "MX": "established"}
    assert statuses("--today", "2030-01-02")["CU"] == "broken"
    monkeypatch.setenv("TIMELINE_TODAY", "2030-01-02")
    assert statuses()["CU"] == "broken"
    code, _, err = run("--country", "IL", "--data", str(folder), "--today", "soon")
    assert code == 2 and "Invalid value for --today: 'soon' is not a day" in err


def test_a_country_without_relation_events(folder: Path) -> None:
    code, out, _ = run("--country", "FR", "--data", str(folder))
    assert (code, out) == (0, "No relation event names France (FR).\n")
    code, out, _ = run("--country", "FR", "--data", str(folder), "--format", "json")
    assert (code, json.loads(out)) == (0, [])


@pytest.mark.parametrize(("args", "message"), [
    (("--country", "Israel"), "Invalid value for --country: 'Israel' is not an ISO 3166-1 "
                              "alpha-2 country code (e.g. IL, MX); did you mean IL?"),
    (("--country", "XX"), "Invalid value for --country: 'XX' is not an ISO 3166-1"),
    (("--country", "IL", "--on", "1/6/2025"), "Invalid value for --on: '1/6/2025' is not a "
                                              "date: write the year first (YYYY-MM-DD)"),
    (("--country", "IL", "--on", "2025-02-30"), "day 30 does not exist in 2025-02"),
    (("--country", "IL", "--on", "2024/2025"), "'2024/2025' is an interval; give one date"),
    (("--country", "IL", "--format", "xml"), "Invalid value for '--format'"),
])
def test_bad_input_exits_2_with_a_message(folder: Path, args: tuple[str, ...],
                                          message: str) -> None:
    code, out, err = run(*args, "--data", str(folder))
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_missing_folder_exits_2(tmp_path: Path) -> None:
    code, _, err = run("--country", "IL", "--data", str(tmp_path / "nowhere"))
    assert code == 2 and "no such data folder" in err


def test_the_sample_data_in_a_real_process() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "timeline", "relations", "--country", "MX", "--on",
         "2025-06-01", "--data", str(REPO / "events"), "--format", "json"],
        capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    rows = {row["country"]: row for row in json.loads(done.stdout)}
    assert rows["EC"] == {"country": "EC", "status": "broken", "since": "2024-04-05",
                          "event": "2024-04-05-mexico-breaks-relations-with-ecuador"}
    assert rows["PE"]["status"] == "downgraded"
