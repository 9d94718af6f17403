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
