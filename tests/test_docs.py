"""Tests that keep the contributor documentation true.

As datasette checks its docs against its settings table, these compare what
CONTRIBUTING.md, docs/format.md, docs/schema/ and README.md say with what the package
does: generated schemas, vocabularies, message codes, date normalisation, the pasted
validator output and the quick start. When one fails, fix the document (or regenerate
the schemas with `sh docs/schema/generate.sh`), not the test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from timeline.cli import main
from timeline.dates import format_span, iso, parse_date
from timeline.i18n.catalogue import type_label, vocab_label
from timeline.validate.loader import load_dataset
from timeline.validate.messages import MESSAGES
from timeline.validate.yamlfile import parse_bytes
from timeline.vocab import (
    ACTOR_KINDS,
    DEMAND_STATUSES,
    EVENT_TYPES,
    STANCES,
)

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "events"
SCHEMA_DIR = ROOT / "docs" / "schema"
KINDS = ("event", "actor", "campaign", "settings")


# ------------------------------------------------------------------ markdown helpers


def read(relative: str) -> str:
    return (ROOT / relative).read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The body under ``heading`` (a whole heading line) up to the next heading of its level."""
    level = heading.split(" ", 1)[0]
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines))
                if re.match(rf"#{{1,{len(level)}}} ", lines[i])), len(lines))
    return "\n".join(lines[start:end])


def fenced_blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{re.escape(language)}\n(.*?)^```$", text, re.M | re.S)


def block_after(text: str, marker: str) -> str:
    """The first fenced block after ``<!-- marker -->``."""
    found = re.search(rf"<!-- {re.escape(marker)} -->\n```[a-z]*\n(.*?)^```$", text,
                      re.M | re.S)
    assert found, f"no fenced block after <!-- {marker} -->"
    return found.group(1)


def table(text: str) -> list[dict[str, str]]:
    """The rows of the first Markdown table in ``text``, keyed by header, backticks removed."""
    lines = [line for line in text.splitlines() if line.startswith("|")]
    assert len(lines) >= 2, "no table found"

    def cells(line: str) -> list[str]:
        return [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]

    header = cells(lines[0])
    return [dict(zip(header, cells(line), strict=True)) for line in lines[2:]]


def tables(text: str) -> list[list[dict[str, str]]]:
    """Every Markdown table in ``text``, in order."""
    found: list[list[dict[str, str]]] = []
    current: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append(table("\n".join(current)))
            current = []
    return found


def console_env(tmp_path: Path) -> dict[str, str]:
    """The environment a contributor has after installing: ``timeline`` on PATH."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["TIMELINE_CACHE_DIR"] = str(tmp_path / "cache")
    assert shutil.which("timeline", path=env["PATH"]), "the timeline command is not installed"
    return env


# ------------------------------------------------------------------ generated schemas


@pytest.mark.parametrize("kind", KINDS)
def test_schema_file_is_the_generated_schema(kind: str) -> None:
    result = CliRunner().invoke(main, ["schema", "--kind", kind])
    assert result.exit_code == 0, result.output
    written = (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert written == result.output, (
        f"docs/schema/{kind}.schema.json is out of date: run sh docs/schema/generate.sh")
    Draft202012Validator.check_schema(json.loads(written))


def _kind_of(relative: str) -> str:
    if relative in ("timeline.yaml", "timeline.yml"):
        return "settings"
    if relative.startswith("actors/") and relative.count("/") == 1:
        return "actor"
    if relative.startswith("campaigns/") and relative.count("/") == 1:
        return "campaign"
    return "event"


def _records() -> list[tuple[str, str]]:
    found = sorted(p.relative_to(EVENTS).as_posix() for p in EVENTS.rglob("*")
                   if p.suffix in (".yaml", ".yml") and p.is_file())
    return [(relative, _kind_of(relative)) for relative in found]


def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text()))


def _load_yaml(content: bytes, name: str) -> object:
    """The data as the validator reads it (dates stay text), as an editor sees it."""
    parsed = parse_bytes(content, name)
    assert not hasattr(parsed, "code"), parsed
    return parsed.data  # type: ignore[union-attr]


def test_every_kind_of_record_is_in_the_sample_data() -> None:
    kinds = {kind for _, kind in _records()}
    assert kinds == set(KINDS)


@pytest.mark.parametrize(("relative", "kind"), _records(), ids=[r for r, _ in _records()])
def test_sample_record_matches_its_json_schema(relative: str, kind: str) -> None:
    data = _load_yaml((EVENTS / relative).read_bytes(), relative)
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
              for e in _validator(kind).iter_errors(data)]
    assert errors == []


def test_event_schema_rejects_what_the_validator_rejects() -> None:
    data = _load_yaml(b"title: x\ndate: 2025-05-21\ntipe: march\ncountries: [Mexico]\n",
                      "bad.yaml")
    messages = sorted(e.message for e in _validator("event").iter_errors(data))
    assert any("'sources' is a required property" in m for m in messages)
    assert any("'type' is a required property" in m for m in messages)
    assert any("'tipe'" in m for m in messages)
    assert any("'Mexico' is not one of" in m for m in messages)


# ------------------------------------------------------------------ docs/format.md


def format_md() -> str:
    return read("docs/format.md")


def test_format_lists_every_event_type_with_its_labels_and_cameo_code() -> None:
    rows = table(section(format_md(), "### Event types"))
    documented = {r["id"]: (r["English"], r["Spanish"], r["CAMEO"], r["relation"])
                  for r in rows}
    expected = {t.id: (type_label(t.id, "en"), type_label(t.id, "es"), t.cameo or "—",
                       "yes" if t.relation else "—") for t in EVENT_TYPES}
    assert documented == expected
    assert [r["id"] for r in rows] == [t.id for t in EVENT_TYPES]


def test_format_lists_every_actor_kind() -> None:
    rows = table(section(format_md(), "### Actor kinds"))
    assert [r["id"] for r in rows] == list(ACTOR_KINDS)
    for row in rows:
        assert (row["English"], row["Spanish"]) == (
            vocab_label("actor_kind", row["id"], "en"), vocab_label("actor_kind", row["id"], "es"))


def test_format_lists_every_demand_status_and_stance() -> None:
    statuses = table(section(format_md(), "### Demand statuses"))
    stances = table(section(format_md(), "### Stances"))
    assert [r["id"] for r in statuses] == list(DEMAND_STATUSES)
    assert [r["id"] for r in stances] == list(STANCES)


def test_format_lists_every_message_code_and_no_other() -> None:
    rows = table(section(format_md(), "### Validator messages"))
    codes = [r["code"] for r in rows]
    assert sorted(codes) == sorted(MESSAGES), (
        f"missing: {sorted(set(MESSAGES) - set(codes))}, "
        f"stale: {sorted(set(codes) - set(MESSAGES))}")
    assert len(codes) == len(set(codes))


def _flags(text: str) -> tuple[str, ...]:
    return () if text == "—" else tuple(part.strip() for part in text.split(","))


def test_format_date_examples_are_what_the_parser_computes() -> None:
    text = section(format_md(), "### How a date is normalised")
    normalised, zones = tables(text)
    assert len(normalised) >= 20
    for row in normalised:
        span = parse_date(row["written"], "America/Mexico_City")
        flags = tuple(name for name in ("approximate", "uncertain", "ongoing")
                      if getattr(span, name))
        assert (row["precision"], _flags(row["flags"]), row["start"], row["end"]) == (
            span.precision, flags, iso(span.start), iso(span.end) or "null"), row
        assert (row["English"], row["Spanish"]) == (
            format_span(span, "en"), format_span(span, "es")), row
    for row in zones:
        span = parse_date(row["written"], row["zone"])
        assert (row["start"], row["end"]) == (iso(span.start), iso(span.end)), row


def test_format_date_table_covers_every_form() -> None:
    text = section(format_md(), "### How a date is normalised")
    written = {r["written"] for r in tables(text)[0]}
    precisions = {parse_date(w).precision for w in written}
    assert precisions == {"century", "decade", "year", "season", "month", "day", "minute"}
    for form in ("~", "?", "%", "/..", "X", "Z", "-06:00"):
        assert any(form in w for w in written), form
    assert any("/" in w and not w.endswith("..") for w in written)


def test_format_export_example_has_the_keys_of_the_real_export(tmp_path: Path) -> None:
    example = json.loads(fenced_blocks(section(format_md(), "## `timeline export`"),
                                       "json")[0])
    env = console_env(tmp_path)
    done = subprocess.run(["timeline", "export", "--data", str(EVENTS)], env=env,
                          capture_output=True, text=True, check=True, timeout=120)
    real = json.loads(done.stdout)
    assert example.keys() == real.keys()
    for part in ("events", "actors", "campaigns"):
        assert list(example[part][0]) == list(real[part][0]), part


# ------------------------------------------------------------------ CONTRIBUTING.md


def contributing() -> str:
    return read("CONTRIBUTING.md")


def test_contributing_error_demo_prints_what_it_shows(tmp_path: Path) -> None:
    text = contributing()
    script = block_after(text, "demo:script")
    shown = block_after(text, "demo:output")
    work = tmp_path / "work"
    work.mkdir()
    env = console_env(tmp_path)
    done = subprocess.run(["bash", "-c", script], cwd=work, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stdout == shown
    github = subprocess.run(["timeline", "validate", "--format", "github", "broken-demo"],
                            cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert github.returncode == 1
    excerpt = block_after(text, "demo:github").splitlines()
    assert excerpt and all(line in github.stdout.splitlines() for line in excerpt)


def test_contributing_new_event_example_writes_what_it_shows(tmp_path: Path) -> None:
    text = contributing()
    shutil.copytree(EVENTS, tmp_path / "events")
    env = console_env(tmp_path)
    done = subprocess.run(["bash", "-c", block_after(text, "new:command")], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == block_after(text, "new:output")
    written = tmp_path / done.stdout.strip()
    assert written.read_text(encoding="utf-8") == block_after(text, "new:file")
    again = subprocess.run(["bash", "-c", block_after(text, "new:command")], cwd=tmp_path,
                           env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_contributing_template_is_a_valid_event(tmp_path: Path) -> None:
    template = block_after(contributing(), "template:event")
    assert template.startswith(
        "# yaml-language-server: $schema=../../docs/schema/event.schema.json\n")
    folder = tmp_path / "events"
    shutil.copytree(EVENTS, folder)
    target = folder / "2025" / "2025-06-05-unions-march-to-the-senate.yaml"
    target.write_text(template, encoding="utf-8")
    report = load_dataset(folder, use_cache=False)
    assert [p.as_text() for p in report.errors] == []
    assert "2025-06-05-unions-march-to-the-senate" in report.dataset.by_id
    data = _load_yaml(template.encode(), target.name)
    assert list(_validator("event").iter_errors(data)) == []


def test_contributing_schema_line_points_at_the_schema_from_a_year_folder() -> None:
    line = block_after(contributing(), "template:event").splitlines()[0]
    relative = line.split("$schema=", 1)[1]
    assert (EVENTS / "2025" / relative).resolve() == (SCHEMA_DIR / "event.schema.json")
    for kind in ("actor", "campaign"):
        assert (EVENTS / f"{kind}s" / f"../../docs/schema/{kind}.schema.json").resolve() == (
            SCHEMA_DIR / f"{kind}.schema.json")


# ------------------------------------------------------------------ README and CI


def readme_commands() -> list[str]:
    blocks = fenced_blocks(section(read("README.md"), "## Quick start"), "sh")
    return [block.strip() for block in blocks]


def test_readme_quick_start_is_exactly_two_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    for command in commands:
        assert len(command.splitlines()) == 1, command
    assert "pytest" in commands[1] and ".[test]" in commands[1]


def _without_quiet(command: str) -> str:
    """The command with pip's -q/--quiet removed: CI may hush pip, nothing else."""
    return re.sub(r"(pip install)((?: -q| --quiet)+)", r"\1", command)


def test_ci_runs_the_readme_test_command_last() -> None:
    lines = [line.strip() for line in read(".ci/run").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert _without_quiet(lines[-1]) == readme_commands()[1]


def test_contributing_gives_the_readme_test_command() -> None:
    blocks = fenced_blocks(section(contributing(), "## Running the tests"), "sh")
    assert [b.strip() for b in blocks] == [readme_commands()[1]]


def test_pre_commit_hook_runs_the_validator_on_yaml_changes() -> None:
    hooks = yaml.safe_load(read(".pre-commit-hooks.yaml"))
    (hook,) = hooks
    assert hook["id"] == "timeline-validate"
    assert hook["entry"] == "timeline validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    for name in ("events/2025/x.yaml", "events/actors/y.yml", "events/timeline.yaml"):
        assert pattern.search(name), name
    for name in ("README.md", "src/timeline/cli.py", "notes.yaml.bak"):
        assert not pattern.search(name), name
    assert "validate" in main.commands  # type: ignore[attr-defined]
    assert "timeline-validate" in contributing()


def test_workflow_validates_and_tests_on_pull_requests() -> None:
    workflow = yaml.safe_load(read(".github/workflows/validate.yml"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1: on = True
    assert {"pull_request", "push"} <= set(triggers)
    (job,) = workflow["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    runs = [step.get("run", "") for step in job["steps"]]
    assert any("pip install" in r and "-e '.[test]'" in r for r in runs)
    assert any("timeline validate --format github events" in r for r in runs)
    assert any("chromium chromium-driver" in r for r in runs)
    assert runs[-1].strip() == "pytest"
