"""What `timeline validate` prints never carries a raw control character a user wrote."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from folder_kit import EVENT, events_folder
from timeline.errors import Problem, escape_controls

FORGED_NAME = "2025-05-21-x\n::error file=README.md,line=1::forged\x1b[2K.yaml"


def _validate(folder: Path, output: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline", "validate", "--no-cache",
                           "--format", output, str(folder)],
                          capture_output=True, text=True, check=False)


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    root = events_folder(tmp_path, {
        FORGED_NAME: EVENT.format(title="Forged"),
        "2025-05-21-key.yaml": EVENT.format(title="Key") + '"bad\\nkey\\u202e": 1\n',
    })
    return root


@pytest.mark.parametrize("output", ["text", "github", "json"])
def test_no_output_format_prints_a_raw_control_character(hostile_folder: Path,
                                                         output: str) -> None:
    result = _validate(hostile_folder, output)
    assert result.returncode == 1
    printed = result.stdout + result.stderr
    lines = printed.splitlines()
    if output == "github":
        # One annotation per problem, each on its own line, none forged.
        annotations = [line for line in lines if line.startswith("::")]
        assert len(annotations) == 2
        assert all(line.startswith(f"::error file={hostile_folder}/2025/2025-05-21-")
                   for line in annotations)
    elif output == "text":
        assert len(lines) == 3  # two problems and the summary
        assert not any(line.startswith("::") for line in lines)
    for char in ("\x1b", "\u202e", "\r"):
        assert char not in printed
    if output == "json":
        problems = json.loads(result.stdout)["problems"]
        assert any("\\n::error file=README.md" in p["path"] for p in problems)
        assert any(p["field"] == "bad\\nkey\\u202e" for p in problems)


def test_problems_escape_every_control_character_once() -> None:
    assert escape_controls("a\nb\r\x1b\x7f\x85\u2028\u202e\u2066ok é") == (
        "a\\nb\\r\\x1b\\x7f\\x85\\u2028\\u202e\\u2066ok é")
    problem = Problem("dir/x\ny.yaml", 1, 2, "key\n", "bad\tvalue", "code")
    assert problem.as_text() == "dir/x\\ny.yaml:1:2: key\\n: bad\\tvalue"
    assert problem.as_dict()["path"] == "dir/x\\ny.yaml"



@pytest.mark.parametrize("size", [2, 60])  # a small group, and one past the look-ups' size
def test_likely_duplicate_warnings_escape_both_paths(tmp_path: Path, size: int) -> None:
    # A file name with a control character is refused before the check, but the folder
    # a user names is in every path. The check writes its warnings through
    # Problem.escaped, escaping each path once: the later file's, and the earlier
    # one's inside the message.
    parent = tmp_path / "data\n::error file=README.md::forged\x1b[2K"
    parent.mkdir()
    events = {f"2025-05-21-march-{n}.yaml": EVENT.format(title=f"March in Mexico City {n}")
              for n in range(size)}
    result = _validate(events_folder(parent, events), "github")
    lines = result.stdout.splitlines()
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert len(warnings) == size * (size - 1) // 2
    assert len(lines) == len(warnings)  # no forged line (the summary is on stderr)
    shown = f"{tmp_path}/data\\n%3A%3Aerror file=README.md%3A%3Aforged\\x1b[2K/events/2025/"
    assert all(line.startswith(f"::warning file={shown}2025-05-21-march-")
               for line in warnings)
    assert all(f"duplicate of {shown}".replace("%3A", ":") in line for line in warnings)
    assert "\x1b" not in result.stdout
