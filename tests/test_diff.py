"""`timeline diff` on a real git repository made in a temporary folder."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from browser_kit import write_dataset
from timeline.cli import main
from timeline.dates import parse_date
from timeline.query.dataset_diff import date_meaning

ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
       "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
       "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def git(repository: Path, *arguments: str) -> str:
    done = subprocess.run(["git", *arguments], cwd=repository, env=ENV, check=True,
                          capture_output=True, text=True)
    return done.stdout


def edit(path: Path, **changes: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with two commits: ``base`` (the test dataset) and ``head``."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    events = write_dataset(root / "events")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "tag", "base")
    edit(events / "2024" / "2024-04-05-mexico-breaks-relations-with-ecuador.yaml",
         date="2024-04-05~")
    (events / "2025" / "2025-05-hunger-strike-at-the-senate.yaml").unlink()
    march = events / "2025" / "2025-05-21-march-in-mexico-city.yaml"
    edit(march, countries=["MX", "PS"], tags=["protest", "zocalo"])
    edit(events / "actors" / "ana-lopez.yaml", name={"en": "Ana López Ruiz"})
    (events / "2025" / "2025-06-01-bolivia-breaks-with-israel.yaml").write_text(
        "title: Bolivia breaks relations with Israel\ndate: 2025-06-01\n"
        "type: relations-broken\ncountries: [BO, IL]\nsources:\n"
        "- url: https://example.org/bolivia\n", encoding="utf-8")
    (events / "2025" / "2025-06-02-union-supports-the-break.yaml").write_text(
        "title: A union supports the break\ndate: 2025-06-02\ntype: statement\n"
        "countries: [MX]\nactors: [teachers-union]\ncampaigns: [break-ties]\n"
        "demands:\n- demand: break-ties/break\n  stance: supports\n  by: [teachers-union]\n"
        "sources:\n- url: https://example.org/union\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "head")
    git(root, "tag", "head")
    monkeypatch.chdir(root)
    return root


def run(*arguments: str) -> Any:
    return CliRunner().invoke(main, ["diff", *arguments, "--today", "2025-06-10"])


def test_two_revisions_field_by_field_and_the_tracker(repository: Path) -> None:
    result = run("base", "head")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("### What changes from `base` to `head`\n\n"
                          "**Events:** 2 added, 1 removed, 2 changed · "
                          "**Actors:** 1 changed · **Campaigns:** no change\n")
    assert ("- **Changed** `2024-04-05-mexico-breaks-relations-with-ecuador`: "
            "`Mexico breaks relations with Ecuador` "
            "(`events/2024/2024-04-05-mexico-breaks-relations-with-ecuador.yaml`)\n"
            "  - `date`: `2024-04-05` → `2024-04-05~`: now approximate; "
            "reads 'c. 5 April 2024' (was '5 April 2024')\n") in out
    assert "  - `countries`: added `PS`\n" in out
    assert "  - `tags`: added `zocalo`\n" in out
    assert ("- **Removed** `2025-05-hunger-strike-at-the-senate`: "
            "`Hunger strike at the Senate`") in out
    assert "- **Added** `2025-06-01-bolivia-breaks-with-israel`" in out
    assert "  - `date`: `2025-06-01`: reads '1 June 2025'\n" in out
    assert ("  - `name`: `en` `Ana López` → `Ana López Ruiz`; `es` removed (was `Ana López`)"
            "\n") in out
    assert "#### On the tracker, as of 2025-06-10\n" in out
    assert "- Demand `break-ties/break`, `supports`: 1 → 2 events\n" in out
    assert ("- Relations `BO`–`IL`: unknown → broken "
            "(decided by `2025-06-01-bolivia-breaks-with-israel`)\n") in out


def test_before_the_day_the_relation_does_not_change(repository: Path) -> None:
    result = CliRunner().invoke(main, ["diff", "base", "head", "--today", "2025-05-01"])
    assert result.exit_code == 0, result.output
    assert "Relations `BO`" not in result.output


def test_head_defaults_to_the_working_tree(repository: Path) -> None:
    edit(repository / "events" / "2013" / "2013-training-programme-in-chiapas.yaml",
         type="agreement")
    result = run("head")
    assert result.exit_code == 0, result.output
    assert "### What changes from `head` to `events (working tree)`" in result.output
    assert "  - `type`: `security-cooperation` → `agreement`\n" in result.output
    assert "**Events:** 1 changed" in result.output


def test_two_folders_and_json(tmp_path: Path) -> None:
    old = write_dataset(tmp_path / "old")
    new = write_dataset(tmp_path / "new")
    edit(new / "2024" / "2024-04-10-sit-in-in-quito.yaml", date="2024-04-10/..")
    result = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "json",
                                       "--today", "2025-06-10"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["today"] == "2025-06-10"
    [record] = data["records"]
    assert record["path"] == f"{new}/2024/2024-04-10-sit-in-in-quito.yaml"
    assert record["fields"] == [{
        "field": "date", "old": "2024-04-10/2024-04-20", "new": "2024-04-10/..",
        "meaning": ["now ongoing",
                    "reads 'since 10 April 2024' (was '10 April 2024 – 20 April 2024')"]}]


def test_date_meanings() -> None:
    assert date_meaning(parse_date("2024-04"), parse_date("2024-04-05?")) == (
        "now uncertain", "now to the day (was to the month)", "starts later",
        "ends earlier", "reads '5 April 2024?' (was 'April 2024')")
    assert date_meaning(parse_date("2013~"), parse_date("2013")) == (
        "no longer approximate", "reads '2013' (was 'c. 2013')")


def test_nothing_of_the_repository_is_run(repository: Path, tmp_path: Path) -> None:
    """A filter or hook the repository configures never runs: blobs are read raw."""
    marker = tmp_path / "pwned"
    (repository / ".gitattributes").write_text("*.yaml filter=evil\n", encoding="utf-8")
    os.symlink("/etc/passwd", repository / "events" / "2013" / "link.yaml")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "attributes and a link")
    # Configured only now: the test's own git commands above would run them.
    git(repository, "config", "filter.evil.smudge", f"touch {marker}; cat")
    git(repository, "config", "core.fsmonitor", f"touch {marker}; true")
    result = run("base", "HEAD")
    assert result.exit_code == 0, result.output
    assert not marker.exists()
    assert "link" not in result.output and "root:" not in result.output


@pytest.mark.parametrize(("revision", "message"), [
    ("--output=/tmp/x", "'--output=/tmp/x' is not a git revision"),
    ("no-such-branch", "'no-such-branch' is neither a data folder nor a revision"),
])
def test_bad_revisions_are_named(repository: Path, revision: str, message: str) -> None:
    result = CliRunner().invoke(main, ["diff", "--today", "2025-06-10", "--", revision])
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_dataset(tmp_path / "events")
    monkeypatch.chdir(tmp_path)
    result = run("HEAD~1")
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.output


def test_a_revision_without_the_folder(repository: Path) -> None:
    result = CliRunner().invoke(main, ["diff", "base", "--data", "other",
                                       "--today", "2025-06-10"])
    assert result.exit_code == 2
    assert "no folder 'other'" in result.output or "no such data folder" in result.output


# ------------------------------------------------------------------ the GitHub workflows

WORKFLOWS = Path(__file__).resolve().parent.parent / ".github" / "workflows"


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads `on` as True
    return dict(data)


def test_the_diff_workflow_runs_the_base_code_on_the_pull_requests_data() -> None:
    diff = workflow("diff.yml")
    assert set(diff["on"]) == {"pull_request"}  # never pull_request_target
    assert diff["permissions"] == {"contents": "read"}
    (job,) = diff["jobs"].values()
    checkouts = [s for s in job["steps"] if str(s.get("uses", "")).startswith(
        "actions/checkout")]
    assert [c["with"]["path"] for c in checkouts] == ["tool", "data"]
    assert checkouts[0]["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert all(c["with"]["persist-credentials"] is False for c in checkouts)
    runs = [s.get("run", "") for s in job["steps"]]
    assert "pip install ./tool" in runs
    assert any("timeline diff HEAD^1 HEAD --data events --format markdown" in r for r in runs)


def test_the_comment_workflow_only_posts_text() -> None:
    comment = workflow("diff-comment.yml")
    assert comment["on"] == {"workflow_run": {"workflows": ["diff"], "types": ["completed"]}}
    (job,) = comment["jobs"].values()
    script = "\n".join(s.get("run", "") for s in job["steps"])
    for forbidden in ("pip ", "timeline diff ", "bash pr-diff", "source ", "${{"):
        assert forbidden not in script
    env = next(s["env"] for s in job["steps"] if "env" in s)
    assert env["HEAD_SHA"] == "${{ github.event.workflow_run.head_sha }}"
    # what the script does is tested against a fake GitHub API in tests/test_workflows.py


def test_the_workflows_command_on_a_merge_commit(repository: Path) -> None:
    git(repository, "checkout", "-q", "-b", "contribution", "base")
    (repository / "events" / "2025" / "2025-06-03-a-new-sit-in.yaml").write_text(
        "title: A new sit-in\ndate: 2025-06-03\ntype: sit-in\ncountries: [MX]\n"
        "sources:\n- url: https://example.org/sit-in\n", encoding="utf-8")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "a contribution")
    git(repository, "checkout", "-q", "main")
    git(repository, "merge", "-q", "--no-ff", "-m", "merge", "contribution")
    result = CliRunner().invoke(main, ["diff", "HEAD^1", "HEAD", "--data", "events",
                                       "--format", "markdown", "--today", "2025-06-10"])
    assert result.exit_code == 0, result.output
    assert "**Events:** 1 added · **Actors:** no change · **Campaigns:** no change" in (
        result.output)
    assert "- **Added** `2025-06-03-a-new-sit-in`: `A new sit-in`" in result.output
