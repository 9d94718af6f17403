"""`timeline import`: this project's CSV round trip, TimelineJS JSON and sheet CSV."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from timeline.cli import main

VALID = Path(__file__).parent / "data" / "valid"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_csv_round_trip_gives_the_same_rows(tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    assert run("export", "--format", "csv", "--data", str(VALID), "-o", str(first))[0] == 0
    target = tmp_path / "imported"
    code, output = run("import", str(first), "--data", str(target))
    assert code == 0, output
    assert "read as csv, 5 events" in output
    assert output.rstrip().endswith("imported 5 events: 5 valid, 0 to fix (above), "
                                    "0 likely duplicates")
    second = tmp_path / "second.csv"
    assert run("export", "--format", "csv", "--data", str(target), "-o", str(second))[0] == 0
    assert second.read_bytes() == first.read_bytes()
    # Nothing is written over: a second import leaves every file as it was.
    before = {p: p.read_bytes() for p in target.rglob("*.yaml")}
    code, output = run("import", str(first), "--data", str(target))
    assert code == 0 and output.count("already exists; it was left as it is") == 5
    assert {p: p.read_bytes() for p in target.rglob("*.yaml")} == before


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "events.csv"
    run("export", "--format", "csv", "--data", str(VALID), "-o", str(source))
    code, output = run("import", str(source), "--data", str(tmp_path / "new"), "--dry-run")
    assert code == 0 and "dry run: nothing written (5 events would be)" in output
    assert "would write" in output and "title:\n  en: March in Mexico City" in output
    assert not (tmp_path / "new").exists()


def test_a_file_of_no_known_format_is_a_usage_error(tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b\n1,2\n", encoding="utf-8")
    code, output = run("import", str(odd), "--data", str(tmp_path / "x"))
    assert code == 2 and "cannot tell the format" in output
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00{")
    code, output = run("import", str(binary), "--data", str(tmp_path / "x"))
    assert code == 2 and "is not UTF-8 text" in output
    broken = tmp_path / "broken.json"
    broken.write_text('{"events": [', encoding="utf-8")
    code, output = run("import", str(broken), "--data", str(tmp_path / "x"))
    assert code == 2 and "not JSON" in output


IMPORTS = Path(__file__).parent / "data" / "import"


def test_timelinejs_import_lists_what_the_records_still_need(tmp_path: Path) -> None:
    code, output = run("import", str(IMPORTS / "timelinejs.json"), "--data",
                       str(tmp_path / "events"))
    assert code == 1
    assert "read as timelinejs, 3 events" in output
    assert "(the folder had none; check its title and languages)" in output
    assert "  not mapped: media thumbnail, background" in output
    assert "not mapped: 1 eras (records have no eras; a campaign or a tag may stand for one)" \
        in output
    assert ("not imported: event 4 'Something ancient': year -500 is outside 1 to 9999, "
            "which records can hold") in output
    march = str(tmp_path / "events" / "2025" / "2025-05-21-march-in-mexico-city.yaml")
    assert (f"{march}:1:1: type: the required field 'type' is missing; add it, e.g. "
            "`type: march`") in output
    assert "hint: --type TYPE and --country CODE" in output
    assert output.rstrip().endswith("imported 3 events: 0 valid, 3 to fix (above), "
                                    "0 likely duplicates, 1 rows not imported")


def test_import_timelinejs_and_a_sheet_then_validate_and_serve(tmp_path: Path) -> None:
    import requests
    import yaml

    from browser_kit import serve_in_thread
    from timeline.app import AppSettings, create_app
    from timeline.validate.loader import load_dataset

    data = tmp_path / "events"
    code, output = run("import", str(IMPORTS / "timelinejs.json"), "--data", str(data),
                       "--type", "march", "--country", "MX")
    assert code == 0, output
    assert output.rstrip().endswith("imported 3 events: 3 valid, 0 to fix (above), "
                                    "0 likely duplicates, 1 rows not imported")
    settings = yaml.safe_load((data / "timeline.yaml").read_text(encoding="utf-8"))
    assert settings == {"title": "Union marches 2025",
                        "description": "A chronology kept in **TimelineJS**.",
                        "languages": ["en"]}
    march_file = data / "2025" / "2025-05-21-march-in-mexico-city.yaml"
    text = march_file.read_text(encoding="utf-8")
    for executable in ("script", "alert", "onclick", "javascript", "iframe", "evil"):
        assert executable not in text
    march = yaml.safe_load(text)
    assert march["title"] == "March in Mexico City" and march["date"] == "2025-05-21"
    assert march["summary"] == ("Thousands marched, [the report](https://example.org/report) "
                                "says.\n\nSecond paragraph.\n\n- one\n- two")
    assert march["sources"] == [{"url": "https://example.org/report"},
                                {"url": "https://example.org/photographer"}]
    assert march["tags"] == ["street-protests"]
    assert march["media"] == [{"url": "https://example.org/photos/march.jpg", "kind": "image",
                               "caption": "Marchers on Reforma", "credit": "A. Photographer",
                               "alt": "Marchers on Reforma"}]
    # The same layout and header as `timeline new event`.
    assert text.startswith("# One event of the timeline; docs/format.md describes every "
                           "field.\n")
    strike = yaml.safe_load((data / "2025" / "2025-05-24-academics-begin-a-hunger-strike.yaml"
                             ).read_text(encoding="utf-8"))
    assert strike["date"] == "2025-05-24T09:30/2025-06-02"
    assert strike["media"][0]["kind"] == "video"

    code, output = run("import", str(IMPORTS / "sheet.csv"), "--data", str(data),
                       "--type", "march", "--country", "MX")
    assert code == 0, output
    assert "read as timelinejs-sheet, 3 events" in output
    assert ("not mapped: the title slide ('Sheet chronology'): the folder has its own "
            "timeline.yaml") in output
    assert "not mapped: row 3: era 'The campaign era' (records have no eras)" in output
    assert "not imported: row 6 'A bad month': month 13 does not exist" in output
    assert "this event looks like a duplicate of" in output
    assert output.rstrip().endswith("imported 3 events: 3 valid, 0 to fix (above), "
                                    "1 likely duplicates, 1 rows not imported")
    evening = yaml.safe_load((data / "2025" / "2025-10-07-evening-march-to-the-embassy.yaml"
                              ).read_text(encoding="utf-8"))
    assert evening["date"] == "2025-10-07T18:30"
    assert "onerror" not in str(evening) and "evil" not in str(evening)
    assert evening["summary"] == "Led by unions; [report](https://example.org/oct7).\n\ncrowd"

    assert run("validate", str(data))[0] == 0
    report = load_dataset(data)
    app = create_app(report.dataset, AppSettings(warm=False))
    with serve_in_thread(app) as base:
        answer = requests.get(base + "/api/events", timeout=10).json()
        assert answer["count"] == 6
        assert [e["id"] for e in answer["events"]][:2] == [
            "2024-a-year-long-campaign", "2025-05-21-march-in-mexico-city"]
        page = requests.get(base + "/events/2025-05-21-march-in-mexico-city", timeout=10)
        assert page.status_code == 200 and "March in Mexico City" in page.text
        assert "<script>alert" not in page.text
        assert requests.get(base + "/", timeout=10).status_code == 200
