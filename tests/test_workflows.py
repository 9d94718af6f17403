"""The pull-request workflows, run here: diff.yml's shell steps in a real git repository
with a merge commit, and the comment script of diff-comment.yml against a local fake of
GitHub's REST API (an http.server on 127.0.0.1 that records every request). Nothing
here contacts any other address."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from browser_kit import free_port, write_dataset

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
SCRIPT = ROOT / ".github" / "scripts" / "post_diff_comment.py"
MARKER = "<!-- timeline-diff -->"
REPO = "example/campaign-data"
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


# ------------------------------------------------------------------ a fake GitHub API


@dataclass
class FakeGitHub:
    """Open pull requests and issue comments of one repository, and every request."""

    pulls: list[dict[str, Any]] = field(default_factory=list)
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    requests: list[dict[str, Any]] = field(default_factory=list)
    fail: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)
    next_id: int = 1000

    def answer(self, method: str, path: str, query: dict[str, list[str]],
               body: Any) -> tuple[int, Any]:
        prefix = f"/repos/{REPO}/"
        if (method, path) in self.fail:
            code, message = self.fail[(method, path)]
            return code, {"message": message}
        if not path.startswith(prefix):
            return 404, {"message": "Not Found"}
        rest = path[len(prefix):]
        page = int(query.get("page", ["1"])[0])
        size = int(query.get("per_page", ["30"])[0])
        if method == "GET" and rest == "pulls":
            return 200, self.pulls[(page - 1) * size:page * size]
        found = re.fullmatch(r"issues/(\d+)/comments", rest)
        if found and method == "GET":
            items = self.comments.get(int(found[1]), [])
            return 200, items[(page - 1) * size:page * size]
        if found and method == "POST":
            self.next_id += 1
            comment = {"id": self.next_id, "body": body["body"],
                       "user": {"login": "github-actions[bot]"}}
            self.comments.setdefault(int(found[1]), []).append(comment)
            return 201, comment
        found = re.fullmatch(r"issues/comments/(\d+)", rest)
        if found and method == "PATCH":
            for items in self.comments.values():
                for comment in items:
                    if comment["id"] == int(found[1]):
                        comment["body"] = body["body"]
                        return 200, comment
        return 404, {"message": "Not Found"}

    def made(self, method: str) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["method"] == method]


@pytest.fixture
def github() -> Iterator[tuple[FakeGitHub, str]]:
    fake = FakeGitHub()

    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            fake.requests.append({"method": self.command, "path": parts.path,
                                  "query": parse_qs(parts.query), "body": body,
                                  "authorization": self.headers.get("Authorization"),
                                  "accept": self.headers.get("Accept")})
            code, answer = fake.answer(self.command, parts.path, parse_qs(parts.query), body)
            data = json.dumps(answer).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = _serve

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def script_env(api: str, **extra: str) -> dict[str, str]:
    """The environment Actions gives the step, pointed at the fake; no proxy, so
    nothing leaves 127.0.0.1."""
    env = {k: v for k, v in os.environ.items()
           if k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    return {**env, "GITHUB_TOKEN": "test-token", "GITHUB_REPOSITORY": REPO,
            "GITHUB_API_URL": api, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1",
            **extra}


def post(api: str, report: Path, head: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "--report", str(report),
                           "--head-sha", head], env=script_env(api, **env),
                          capture_output=True, text=True, timeout=60, check=False)


def open_pulls(count: int, head_of: dict[int, str]) -> list[dict[str, Any]]:
    return [{"number": n, "head": {"sha": head_of.get(n, f"{n:040x}")}}
            for n in range(1, count + 1)]


# ------------------------------------------------------------------ the comment script


def test_the_first_push_comments_and_the_next_edits_the_same_comment(
        github: tuple[FakeGitHub, str], tmp_path: Path) -> None:
    fake, api = github
    head = "a" * 40
    fake.pulls = open_pulls(150, {120: head})  # on the second page of the list
    # someone else's comment starting with the marker is never touched
    fake.comments[120] = [{"id": 5, "body": MARKER + " mine", "user": {"login": "someone"}}]
    report = tmp_path / "diff.md"
    report.write_text("## What this pull request changes\n\n**Events:** 1 added\n",
                      encoding="utf-8")

    first = post(api, report, head)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "commented on pull request #120 (comment 1001)"
    (created,) = fake.made("POST")
    assert created["path"] == f"/repos/{REPO}/issues/120/comments"
    assert created["body"] == {"body": MARKER + "\n" + report.read_text(encoding="utf-8")}
    assert {r["authorization"] for r in fake.requests} == {"Bearer test-token"}
    assert {r["accept"] for r in fake.requests} == {"application/vnd.github+json"}
    pages = [r["query"]["page"] for r in fake.requests if r["path"].endswith("/pulls")]
    assert pages == [["1"], ["2"]]

    report.write_text("## What this pull request changes\n\n**Events:** 2 added\n",
                      encoding="utf-8")
    second = post(api, report, head)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "updated comment 1001 on pull request #120"
    (patched,) = fake.made("PATCH")
    assert patched["path"] == f"/repos/{REPO}/issues/comments/1001"
    assert len(fake.made("POST")) == 1
    assert [c["body"] for c in fake.comments[120]] == [
        MARKER + " mine", MARKER + "\n## What this pull request changes\n\n"
        "**Events:** 2 added\n"]


def test_a_long_report_is_clipped_with_a_note(github: tuple[FakeGitHub, str],
                                              tmp_path: Path) -> None:
    fake, api = github
    fake.pulls = open_pulls(3, {2: "b" * 40})
    report = tmp_path / "diff.md"
    report.write_text("x" * 70_000, encoding="utf-8")
    done = post(api, report, "b" * 40)
    assert done.returncode == 0, done.stderr
    body = fake.made("POST")[0]["body"]["body"]
    note = "\n\n… (cut: run `timeline diff` locally for the rest)\n"
    assert body == MARKER + "\n" + "x" * 60_000 + note
    assert len(body) < 65_536


def test_an_api_error_is_named_and_fails_the_step(github: tuple[FakeGitHub, str],
                                                  tmp_path: Path) -> None:
    fake, api = github
    fake.pulls = open_pulls(1, {1: "c" * 40})
    fake.fail[("POST", f"/repos/{REPO}/issues/1/comments")] = (
        403, "Resource not accessible by integration")
    report = tmp_path / "diff.md"
    report.write_text("report", encoding="utf-8")
    done = post(api, report, "c" * 40)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"error: GitHub's API refused POST /repos/{REPO}/issues/1/comments: 403 Forbidden "
        "(Resource not accessible by integration); the workflow's token needs "
        "`pull-requests: write` (see the permissions in .github/workflows/diff-comment.yml)")
    assert "Traceback" not in done.stderr
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    unreachable = post(closed, report, "c" * 40)
    assert unreachable.returncode == 1
    assert unreachable.stderr.startswith(
        f"error: could not reach GitHub's API at {closed} (GET /repos/{REPO}/pulls): ")


def test_no_open_pull_request_and_a_bad_invocation(github: tuple[FakeGitHub, str],
                                                   tmp_path: Path) -> None:
    fake, api = github
    fake.pulls = open_pulls(2, {})
    report = tmp_path / "diff.md"
    report.write_text("report", encoding="utf-8")
    done = post(api, report, "d" * 40)
    assert done.returncode == 0
    assert done.stdout.strip() == (
        f"no open pull request has head {'d' * 40}; nothing to comment on")
    assert not fake.made("POST") and not fake.made("PATCH")
    no_token = post(api, report, "d" * 40, GITHUB_TOKEN="")
    assert no_token.returncode == 2
    assert no_token.stderr.startswith("error: GITHUB_TOKEN must be set")
    missing = post(api, tmp_path / "nothing.md", "d" * 40)
    assert missing.returncode == 2
    assert missing.stderr.startswith(f"error: cannot read the report {tmp_path}/nothing.md")


# ------------------------------------------------------------------ the workflows' steps


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads `on` as True
    return dict(data)


def git(folder: Path, *arguments: str) -> str:
    return subprocess.run(["git", *arguments], cwd=folder, env={**os.environ, **GIT_ENV},
                          check=True, capture_output=True, text=True).stdout.strip()


def run_step(step: dict[str, Any], workspace: Path, env: dict[str, str]
             ) -> subprocess.CompletedProcess[str]:
    """A `run:` step as Actions runs it: bash -e, in its working directory."""
    assert "${{" not in step["run"], "expressions belong in env:, never in the script"
    folder = workspace / step.get("working-directory", ".")
    return subprocess.run(["bash", "--noprofile", "--norc", "-e", "-c", step["run"]],
                          cwd=folder, env=env, capture_output=True, text=True, timeout=120,
                          check=False)


def test_the_workflows_steps_on_a_real_pull_request_merge(
        github: tuple[FakeGitHub, str], tmp_path: Path) -> None:
    workspace = tmp_path / "workspace"
    data = workspace / "data"
    data.mkdir(parents=True)
    git(data, "init", "-q", "-b", "main")
    write_dataset(data / "events")
    git(data, "add", "-A")
    git(data, "commit", "-q", "-m", "base")
    git(data, "checkout", "-q", "-b", "contribution")
    (data / "events" / "2025" / "2025-06-03-a-new-sit-in.yaml").write_text(
        "title: A new sit-in\ndate: 2025-06-03\ntype: sit-in\ncountries: [MX]\n"
        "sources:\n- url: https://example.org/sit-in\n", encoding="utf-8")
    git(data, "add", "-A")
    git(data, "commit", "-q", "-m", "a contribution")
    head = git(data, "rev-parse", "HEAD")
    git(data, "checkout", "-q", "main")
    git(data, "merge", "-q", "--no-ff", "-m", "merge", "contribution")  # GitHub's merge

    # diff.yml: every `run:` step, as written; the install step is this test's own
    # installation of timeline (its `timeline` is first on PATH).
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}"
           f"{os.environ.get('PATH', '')}"}
    steps = [s for s in next(iter(workflow("diff.yml")["jobs"].values()))["steps"]
             if "run" in s]
    assert [s["run"] for s in steps][0] == "pip install ./tool"
    for step in steps[1:]:
        done = run_step(step, workspace, env)
        assert done.returncode == 0, done.stderr
    report = (workspace / "pr-diff" / "diff.md").read_text(encoding="utf-8")
    assert "**Events:** 1 added · **Actors:** no change · **Campaigns:** no change" in report
    assert "- **Added** `2025-06-03-a-new-sit-in`: `A new sit-in`" in report

    # diff-comment.yml: its `run:` step, with the script of this checkout, against the fake.
    fake, api = github
    fake.pulls = open_pulls(4, {3: head})
    shutil.copytree(SCRIPT.parent, workspace / ".github" / "scripts")
    job = next(iter(workflow("diff-comment.yml")["jobs"].values()))
    (step,) = [s for s in job["steps"] if "run" in s]
    values = {"${{ github.token }}": "test-token",
              "${{ github.event.workflow_run.head_sha }}": head}
    step_env = {name: values[value] for name, value in step["env"].items()}
    for _push in (1, 2):
        done = run_step(step, workspace, script_env(api, **step_env))
        assert done.returncode == 0, done.stderr
    assert [c["body"] for c in fake.comments[3]] == [MARKER + "\n" + report]
    assert len(fake.made("POST")) == 1 and len(fake.made("PATCH")) == 1


def test_the_comment_workflow_is_minimal_and_runs_only_the_default_branchs_script() -> None:
    comment = workflow("diff-comment.yml")
    assert comment["permissions"] == {"contents": "read", "pull-requests": "write",
                                      "actions": "read"}
    (job,) = comment["jobs"].values()
    (checkout,) = [s for s in job["steps"] if "checkout" in str(s.get("uses", ""))]
    assert "ref" not in checkout["with"]  # workflow_run: the default branch
    assert checkout["with"]["sparse-checkout"] == ".github/scripts"
    assert checkout["with"]["persist-credentials"] is False
    (step,) = [s for s in job["steps"] if "run" in s]
    assert step["run"] == ("python3 .github/scripts/post_diff_comment.py --report "
                           "pr-diff/diff.md --head-sha \"$HEAD_SHA\"")
    source = SCRIPT.read_text(encoding="utf-8")
    imports = set(re.findall(r"^(?:import|from) (\w+)", source, flags=re.MULTILINE))
    assert imports <= {"__future__", "argparse", "json", "os", "sys", "urllib", "typing"}
