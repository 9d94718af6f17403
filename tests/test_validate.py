"""`timeline validate`: every problem in one run, exact messages, formats, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from folder_kit import EVENT, events_folder
from timeline.cli import main
from timeline.validate.loader import load_dataset

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent


def run(*args: str, cwd: Path = REPO) -> tuple[int, str]:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    return result.exit_code, result.output


def test_valid_folder_is_clean() -> None:
    code, out = run("validate", "tests/data/valid")
    assert code == 0
    assert out == "checked 5 events, 2 actors, 1 campaigns: 0 problems\n"


def test_bundled_dataset_is_clean_and_strict() -> None:
    code, out = run("validate", "--strict", "events")
    assert code == 0, out
    assert out.startswith("checked ") and out.endswith(": 0 problems\n")


@pytest.fixture(scope="module")
def broken() -> dict[str, tuple[int, str]]:
    """The broken folder validated once per output format, for every message case."""
    return {output: run("validate", "--format", output, "tests/data/broken")
            for output in ("text", "github", "json")}


def test_broken_folder_reports_every_problem_exactly(broken: dict[str, tuple[int, str]]
                                                     ) -> None:
    code, out = broken["text"]
    assert code == 1
    assert out == (DATA / "broken.expected").read_text(encoding="utf-8")


def test_every_message_kind_appears_in_the_broken_folder() -> None:
    report = load_dataset(DATA / "broken", use_cache=False)
    codes = {p.code for p in report.problems}
    assert codes >= {
        "unknown-field", "missing-field", "wrong-type", "date-syntax", "date-order",
        "unknown-timezone", "unknown-country", "unknown-actor", "unknown-campaign",
        "unknown-demand", "unknown-event", "duplicate-id", "id-mismatch", "file-name",
        "relation-countries", "bad-url", "coordinate-range", "yaml-duplicate-key",
        "yaml-tag", "yaml-alias", "yaml-syntax", "file-not-mapping", "file-empty",
        "file-encoding", "unknown-language", "invalid-choice", "bad-slug", "empty-list",
        "duplicate-demand", "likely-duplicate", "empty-value", "stance-without-by",
        "stance-holder-not-actor", "media-source", "media-alt", "media-local-kind",
        "media-path", "media-missing", "media-not-image",
    }


@pytest.mark.parametrize(
    ("fragment", "line"),
    [
        ("2025-05-21-unknown-field.yaml:5:1: sourcs: unknown field 'sourcs' (did you mean "
         "'sources'?)", 5),
        ("2025-05-21-bad-dates.yaml:5:13: countries.0: 'Mexico' is not an ISO 3166-1 alpha-2 "
         "country code (did you mean 'MX'?); use two capital letters, e.g. MX", 5),
        ("2025-05-21-references.yaml:5:10: actors.0: 'claudia-sheinbaun' is not a known actor "
         "(did you mean 'claudia-sheinbaum'?)", 5),
        ("2025-05-21-duplicate-keys.yaml:3:1: title: the key 'title' appears twice in one "
         "mapping (first on line 1)", 3),
        ("2025-05-21-relation.yaml:4:1: countries: a 'relations-broken' event names exactly two "
         "countries", 4),
        ("2025-05-21-python-tag.yaml:1:8: title: the tag '!!python/object/apply:os.system' is "
         "not allowed", 1),
        ("2025-06-02-date-order.yaml:2:1: date: '2025-06-02/2025-05-21' ends (2025-05-21) before "
         "it starts (2025-06-02); swap the two dates", 2),
        # The format before stances had holders: the message explains the change and the fix.
        ("2025-05-21-old-stance.yaml:8:5: demands.0.by: this stance does not say who holds it: "
         "a stance belongs to the actors who took it, not to the event; add "
         "`by: [claudia-sheinbaum]` listing those of the event's actors who took it, and give "
         "an actor who took another stance (or declined to take one) an entry of its own", 8),
        ("2025-05-21-stance-holders.yaml:9:29: demands.0.by.1: 'andres-manuel-lopez-obrador' "
         "holds this stance but is not among the event's actors (claudia-sheinbaum); add it to "
         "`actors` or fix the id", 9),
    ],
)
def test_important_messages_name_file_line_field_and_fix(
        broken: dict[str, tuple[int, str]], fragment: str, line: int) -> None:
    _, out = broken["text"]
    assert fragment in out


def test_one_run_reports_field_and_reference_problems_together(
        broken: dict[str, tuple[int, str]]) -> None:
    _, out = broken["text"]
    lines = [line for line in out.splitlines() if "2025-05-21-two-kinds.yaml" in line]
    assert [line.split(": ", 2)[1] for line in lines] == ["date", "countries.0", "actors.0"]
    assert lines[0].endswith("date: must not be empty; write a value (e.g. `date: 2025-05-21`) "
                             "or remove the line")


def test_duplicate_id_names_both_files(broken: dict[str, tuple[int, str]]) -> None:
    _, out = broken["text"]
    assert ("other/2024-04-05-march.yaml:1:1: the event id '2024-04-05-march' is used twice: "
            "here and in tests/data/broken/2024/2024-04-05-march.yaml") in out


def test_github_format_prints_annotations(broken: dict[str, tuple[int, str]]) -> None:
    code, out = broken["github"]
    assert code == 1
    assert ("::error file=tests/data/broken/2025/2025-05-21-relation.yaml,line=4,col=1,"
            "title=countries::a 'relations-broken' event names") in out
    assert "::warning file=tests/data/broken/other/2024-04-05-march-copy.yaml" in out


def test_json_format(broken: dict[str, tuple[int, str]]) -> None:
    code, out = broken["json"]
    assert code == 1
    document = json.loads(out)
    first = document["problems"][0]
    assert set(first) == {"path", "line", "column", "field", "code", "severity", "message"}
    assert document["errors"] == len([p for p in document["problems"]
                                      if p["severity"] == "error"])


def test_likely_duplicates_warn_unless_strict(tmp_path: Path) -> None:
    root = events_folder(tmp_path, {"2025-05-21-a.yaml": EVENT.format(title="March in Mexico City"),
                              "2025-05-21-b.yaml": EVENT.format(title="March in México City")})
    code, out = run("validate", str(root), cwd=tmp_path)
    assert code == 0
    assert "warning: title: this event looks like a duplicate of" in out
    assert out.endswith(": 0 problems, 1 warnings\n")
    code, out = run("validate", "--strict", str(root), cwd=tmp_path)
    assert code == 1
    assert out.endswith(": 1 problems\n")


def test_distinct_events_on_one_day_are_not_duplicates(tmp_path: Path) -> None:
    root = events_folder(tmp_path, {"2025-05-21-a.yaml": EVENT.format(title="March in Mexico City"),
                              "2025-05-21-b.yaml": EVENT.format(title="Hunger strike begins")})
    assert run("validate", "--strict", str(root), cwd=tmp_path)[0] == 0


def test_huge_values_are_quoted_short_and_compared_cheaply(tmp_path: Path) -> None:
    # A file may hold up to 1 MiB: two near-equal 200,000-character titles on one day,
    # and a country list of 20,000 items.
    long_title = "abcdefghij " * 20_000
    root = events_folder(tmp_path, {
        "2025-05-21-a.yaml": EVENT.format(title=long_title),
        "2025-05-21-b.yaml": EVENT.format(title=long_title + "x"),
        "2025-05-21-c.yaml": EVENT.format(title="C").replace(
            "countries: [MX]", "countries: {" + ", ".join(f"k{i}: v" for i in range(20_000))
            + "}"),
    })
    code, out = run("validate", str(root), cwd=tmp_path)
    assert code == 1
    lines = out.splitlines()
    assert any("looks like a duplicate" in line for line in lines)
    assert any("countries: must be a list, not the mapping" in line for line in lines)
    # Each problem quotes the start of the value only.
    assert all(len(line) < 600 for line in lines), max(len(line) for line in lines)
    assert "…" in out


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    code, out = run("validate", str(tmp_path / "missing"))
    assert code == 2
    assert "no such data folder" in out
    assert run("validate", "--format", "xml", "tests/data/valid")[0] == 2


def test_missing_settings_file_is_a_problem(tmp_path: Path) -> None:
    root = tmp_path / "data"
    (root / "2025").mkdir(parents=True)
    (root / "2025" / "2025-05-21-a.yaml").write_text(EVENT.format(title="A"))
    code, out = run("validate", str(root), cwd=tmp_path)
    assert code == 1
    assert "there is no timeline.yaml in the data folder" in out


# ------------------------------------------------------------------ hostile files


def _validate_subprocess(folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process: no traceback, no hang, no side effect."""
    return subprocess.run(
        [sys.executable, "-m", "timeline", "validate", *extra, str(folder)],
        capture_output=True, text=True, timeout=60, cwd=folder.parent,
        env={**os.environ, "TIMELINE_CACHE_DIR": str(folder.parent / "cache")},
    )


HOSTILE: list[tuple[bytes, str]] = [
        (b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
         b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
         "reused through an alias or merge key"),
        (b"title: " + b"[" * 5000 + b"]" * 5000 + b"\n", "not well-formed YAML"),
        (b"t:\n" + b"".join(b"  " * i + b"- \n" for i in range(1, 60)), "nested deeper than 32"),
        (b"title: !!python/object/apply:os.system ['touch PWNED']\n", "the tag"),
        (b"title: !!python/name:os.system\n", "the tag"),
        (b"base: &b {title: x}\nother:\n  <<: *b\n", "reused through an alias or merge key"),
        (b"\xff\xfe\x00t\x00i", "not valid UTF-8"),
        (b"title: a\x00b\n", "NUL bytes"),
        (b"", "the file is empty"),
        (b"just text\n", "holds a single value"),
        (b"---\ntitle: a\n---\ntitle: b\n", "not well-formed YAML"),
        (b"? [complex, key]\n: value\n", "a key must be plain text"),
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Every hostile file in one folder, validated by one process of the real command."""
    tmp_path = tmp_path_factory.mktemp("hostile")
    root = events_folder(tmp_path, {})
    for number, (content, _) in enumerate(HOSTILE):
        (root / "2025" / f"2025-05-21-hostile-{number}.yaml").write_bytes(content)
    return tmp_path, _validate_subprocess(root)


@pytest.mark.parametrize("number", range(len(HOSTILE)))
def test_hostile_files_get_a_problem_line_never_a_traceback(
        hostile: tuple[Path, subprocess.CompletedProcess[str]], number: int) -> None:
    tmp_path, result = hostile
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stdout.splitlines()
             if f"2025-05-21-hostile-{number}.yaml:" in line]
    assert lines, result.stdout
    assert any(HOSTILE[number][1] in line for line in lines), lines
    assert not (tmp_path / "PWNED").exists()


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    root = events_folder(tmp_path, {})
    (root / "2025" / "2025-05-21-big.yaml").write_bytes(b"title: " + b"x" * 2_000_000 + b"\n")
    result = _validate_subprocess(root)
    assert result.returncode == 1
    assert ("2025-05-21-big.yaml:1:1: the file is 2000008 bytes, over the limit of 1048576 "
            "bytes") in result.stdout
    result = _validate_subprocess(root, "--max-bytes", "3000000")
    assert "over the limit" not in result.stdout


def test_links_and_special_files_are_not_followed(tmp_path: Path) -> None:
    root = events_folder(tmp_path, {})
    (root / "2025" / "2025-05-21-link.yaml").symlink_to("/etc/passwd")
    (root / "linked-folder").symlink_to(tmp_path)
    os.mkfifo(root / "2025" / "2025-05-21-pipe.yaml")  # reading a pipe would hang
    result = _validate_subprocess(root)
    assert result.returncode == 1
    assert "2025-05-21-link.yaml:1:1: a symbolic link is not read, for safety" in result.stdout
    assert "linked-folder:1:1: a symbolic link to a folder is not read" in result.stdout
    assert "2025-05-21-pipe.yaml:1:1: a special file is not read, for safety" in result.stdout


def test_norway_is_not_false(tmp_path: Path) -> None:
    """YAML 1.1 reads NO as false; records keep it as the country code it is."""
    root = events_folder(tmp_path, {"2025-05-21-oslo.yaml": EVENT.replace("[MX]", "[NO]").format(
        title="Oslo")})
    report = load_dataset(root, use_cache=False)
    assert not report.problems
    assert report.dataset.events[0].countries == ("NO",)


def test_validate_never_writes_into_the_data_folder(tmp_path: Path) -> None:
    root = events_folder(tmp_path, {"2025-05-21-a.yaml": EVENT.format(title="A")})
    before = sorted((p, p.stat().st_mtime_ns) for p in root.rglob("*"))
    _validate_subprocess(root)
    assert sorted((p, p.stat().st_mtime_ns) for p in root.rglob("*")) == before
