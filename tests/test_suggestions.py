"""Suggestions for bad values, and the cap on one file's problems."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from folder_kit import events_folder
from timeline.i18n.countries import suggest_country
from timeline.validate import messages
from timeline.validate.loader import load_dataset

WORDS = st.text(alphabet="abcde-/_", min_size=0, max_size=12)


@settings(max_examples=300, deadline=None)
@given(value=WORDS.filter(bool), choices=st.lists(WORDS, max_size=30))
def test_did_you_mean_answers_as_difflib_does(value: str, choices: list[str]) -> None:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    if not close:
        lowered = {o.casefold(): o for o in choices}
        close = [lowered[value.casefold()]] if value.casefold() in lowered else []
    expected = f" (did you mean {close[0]!r}?)" if close else ""
    assert messages.did_you_mean(value, choices) == expected


@pytest.mark.parametrize(("value", "code"), [
    ("Mexico", "MX"), ("mexico", "MX"), ("México", "MX"), ("Mexco", "MX"), ("MEX", "MX"),
    ("mx", "MX"), ("Isreal", "IL"), ("Israel", "IL"), ("España", "ES"), ("Brasil", "BR"),
    ("Estados Unidos", "US"), ("Palestine", "PS"), ("UK", "GB"), ("Chiapas", "MX"),
    ("Viet Nam", "VN"), ("Russia", "RU"),
    ("Korea", None),  # two countries: no guess
    ("xx", None), ("Republic of", None), ("a" * 10_000, None), ("", None),
])
def test_country_suggestions(value: str, code: str | None) -> None:
    assert suggest_country(value) == code


def test_one_files_problems_are_capped_with_a_count(tmp_path: Path) -> None:
    codes = ", ".join(f"Q{n}" for n in range(250))
    actors = ", ".join(f"nobody-{n}" for n in range(30))
    root = events_folder(tmp_path, {"2025-05-21-bad.yaml": (
        "title: {en: Bad}\ndate: 2025-05-21\ntype: march\n"
        f"countries: [{codes}]\nactors: [{actors}]\n"
        "sources: [{url: 'https://example.org/a'}]\n")})
    report = load_dataset(root, use_cache=False)
    assert len(report.problems) == messages.MAX_PROBLEMS_PER_FILE + 1
    assert report.problems[0].message == (
        "'Q0' is not an ISO 3166-1 alpha-2 country code; use two capital letters, e.g. MX")
    last = report.problems[-1]
    assert last.as_text().split(":", 3)[3] == (
        " and 180 more problems in this file, not shown; fix the ones above and run "
        "`timeline validate` again")
    assert (last.code, last.severity, last.line) == ("too-many-problems", "error", 4)


def test_capping_keeps_each_file_in_order() -> None:
    def problem(path: str, line: int, severity: str = "error") -> object:
        return messages.problem(path, line, 1, "", "file-empty", severity)

    listed = [problem("a", n) for n in range(1, 5)] + [problem("b", 1, "warning"),
                                                       problem("b", 2, "warning"),
                                                       problem("b", 3, "warning")]
    shown = messages.capped(listed, limit=2)  # type: ignore[arg-type]
    assert [(p.path, p.line, p.code, p.severity) for p in shown] == [
        ("a", 1, "file-empty", "error"), ("a", 2, "file-empty", "error"),
        ("a", 3, "too-many-problems", "error"),
        ("b", 1, "file-empty", "warning"), ("b", 2, "file-empty", "warning"),
        ("b", 3, "too-many-problems", "warning")]
    assert shown[2].message.startswith("and 2 more problems")


def test_validate_counts_the_problems_not_shown(tmp_path: Path) -> None:
    import subprocess
    import sys

    codes = ", ".join(f"Q{n}" for n in range(150))
    root = events_folder(tmp_path, {"2025-05-21-bad.yaml": (
        "title: {en: Bad}\ndate: 2025-05-21\ntype: march\n"
        f"countries: [{codes}]\nsources: [{{url: 'https://example.org/a'}}]\n")})
    result = subprocess.run([sys.executable, "-m", "timeline", "validate", "--no-cache",
                             str(root)], capture_output=True, text=True, check=False)
    lines = result.stdout.splitlines()
    assert len(lines) == messages.MAX_PROBLEMS_PER_FILE + 2
    assert lines[-2].endswith(": and 50 more problems in this file, not shown; fix the ones "
                              "above and run `timeline validate` again")
    assert lines[-1] == "checked 1 events, 0 actors, 0 campaigns: 150 problems"
