"""The validator bounds what an event's summary may hold, with the limit in the message."""

from __future__ import annotations

from pathlib import Path

import pytest

from folder_kit import events_folder
from timeline.validate.loader import load_dataset
from timeline.validate.summary import (
    MAX_SUMMARY_CHARACTERS,
    MAX_SUMMARY_DEPTH,
    MAX_SUMMARY_LINES,
    markdown_depth,
)


def _summary_problem(tmp_path: Path, summary: str) -> list[str]:
    record = ("title: {en: Summary}\ndate: 2025-05-21\ntype: march\ncountries: [MX]\n"
              f"summary: {summary}\nsources: [{{url: 'https://example.org/a'}}]\n")
    root = events_folder(tmp_path, {"2025-05-21-summary.yaml": record})
    return [p.as_text().split(": ", 1)[1] for p in load_dataset(root, use_cache=False).problems]


def test_a_summary_of_170000_list_items_is_refused(tmp_path: Path) -> None:
    text = "\\n".join(["- a"] * 170_000)  # YAML escapes: one line of the file
    assert _summary_problem(tmp_path, f'"{text}"') == [
        "summary: the summary is 679,999 characters long, over the limit of 10,000; a "
        "summary is a few paragraphs: shorten it and link the full text from `sources`"]


def test_too_many_lines(tmp_path: Path) -> None:
    text = "\\n".join(["- a"] * (MAX_SUMMARY_LINES + 1))
    assert _summary_problem(tmp_path, f'{{en: "{text}"}}') == [
        "summary.en: the summary has 201 lines, over the limit of 200; a summary is a few "
        "paragraphs: shorten it, or join short list items into sentences"]


@pytest.mark.parametrize(("text", "depth"), [
    ("plain words", 0), ("*a*", 1), ("**a *b* c**", 2), ("> a", 1),
    ("- a\n  - b\n    - c", 3), ("> - *a [b **c**](https://x.org)*", 5),
    ("*a " * 9 + "b" + "*" * 9, 9), ("> " * 30 + "x", 20),  # markdown-it stops at 20
])
def test_markdown_depth(text: str, depth: int) -> None:
    assert markdown_depth(text) == depth


def test_limits_allow_an_ordinary_summary(tmp_path: Path) -> None:
    ordinary = ("Hours after the **raid**, the *Secretaría* said [so](https://x.org).\\n\\n"
                "- one\\n  - two *and **three***\\n- four")
    assert markdown_depth(ordinary.replace("\\n", "\n")) <= MAX_SUMMARY_DEPTH
    assert len(ordinary) < MAX_SUMMARY_CHARACTERS
    assert _summary_problem(tmp_path, f'"{ordinary}"') == []
