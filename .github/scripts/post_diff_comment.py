#!/usr/bin/env python3
"""Post `timeline diff`'s report as ONE comment on a pull request, and edit that same
comment on every later push.

Run by .github/workflows/diff-comment.yml (see CONTRIBUTING.md, "The summary comment
on a pull request"). Standard library only, so the job installs nothing:

    python3 .github/scripts/post_diff_comment.py --report pr-diff/diff.md --head-sha SHA

It reads GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name) and GITHUB_API_URL (the REST
API's address, https://api.github.com on github.com; Actions sets it). The pull
request is found through the API by the head commit that ran (never read from the
report, which a fork controls); the comment is the first one by ``--bot`` whose body
starts with the marker. The report is only ever read as text, clipped to fit a comment.
Exit status: 0 when the comment is posted (or there is no open pull request with that
head), 1 when the API answers an error or cannot be reached, 2 for a bad invocation.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

MARKER = "<!-- timeline-diff -->"
LIMIT = 60_000  # characters of the report; GitHub refuses comments over 65,536
CUT_NOTE = "\n\n… (cut: run `timeline diff` locally for the rest)\n"
BOT = "github-actions[bot]"
PER_PAGE = 100
MAX_PAGES = 30  # 3,000 open pull requests or comments: far more than a timeline has
TIMEOUT = 30  # seconds per request


class GitHubError(Exception):
    """The API answered an error, or could not be reached; the message says which."""


def comment_body(report: str, limit: int = LIMIT, marker: str = MARKER) -> str:
    """The marker line, then the report, clipped to ``limit`` characters with a note."""
    if len(report) > limit:
        report = report[:limit] + CUT_NOTE
    return f"{marker}\n{report}"


class GitHub:
    """The few calls of GitHub's REST API this script makes."""

    def __init__(self, api_url: str, repository: str, token: str) -> None:
        self.api_url = api_url.rstrip("/")
        self.repository = repository
        self.token = token

    def request(self, method: str, path: str, body: dict[str, Any] | None = None,
                query: dict[str, Any] | None = None) -> Any:
        url = f"{self.api_url}/repos/{self.repository}/{path}"
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(url, data=data, method=method, headers={
            "Accept": "application/vnd.github+json",
            "Authorization": f"Bearer {self.token}",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "campaign-timeline-diff-comment",
            **({"Content-Type": "application/json"} if data is not None else {}),
        })
        shown = f"{method} {urllib.parse.urlsplit(url).path}"
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            raise GitHubError(f"GitHub's API refused {shown}: {error.code} {error.reason}"
                              f"{_api_message(error)}{_hint(error.code)}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise GitHubError(f"could not reach GitHub's API at {self.api_url} ({shown}): "
                              f"{reason}") from None
        try:
            return json.loads(text) if text.strip() else None
        except json.JSONDecodeError:
            raise GitHubError(f"GitHub's API answered {shown} with something that is not "
                              "JSON") from None

    def pages(self, path: str, query: dict[str, Any] | None = None) -> Any:
        """Every item of a paginated list (until a short page), page by page."""
        for page in range(1, MAX_PAGES + 1):
            items = self.request("GET", path, query={**(query or {}), "per_page": PER_PAGE,
                                                     "page": page})
            if not isinstance(items, list):
                raise GitHubError(f"GitHub's API answered GET {path} with no list")
            yield from items
            if len(items) < PER_PAGE:
                return

    def pull_request_of(self, head_sha: str) -> int | None:
        """The number of the open pull request whose head is ``head_sha``."""
        for pull in self.pages("pulls", {"state": "open"}):
            if isinstance(pull, dict) and pull.get("head", {}).get("sha") == head_sha:
                return int(pull["number"])
        return None

    def our_comment(self, number: int, marker: str, bot: str) -> int | None:
        for comment in self.pages(f"issues/{number}/comments"):
            if (isinstance(comment, dict) and (comment.get("user") or {}).get("login") == bot
                    and str(comment.get("body", "")).startswith(marker)):
                return int(comment["id"])
        return None


def _api_message(error: urllib.error.HTTPError) -> str:
    try:
        found = json.loads(error.read().decode("utf-8", "replace"))
    except (ValueError, OSError):
        return ""
    message = found.get("message") if isinstance(found, dict) else None
    return f" ({str(message)[:300]})" if message else ""


def _hint(code: int) -> str:
    if code in (401, 403):
        return ("; the workflow's token needs `pull-requests: write` (see the permissions "
                "in .github/workflows/diff-comment.yml)")
    if code == 404:
        return "; check GITHUB_REPOSITORY and GITHUB_API_URL"
    return ""


def post(github: GitHub, head_sha: str, body: str, marker: str = MARKER,
         bot: str = BOT) -> str:
    """Create or update the one comment; say what was done."""
    number = github.pull_request_of(head_sha)
    if number is None:
        return f"no open pull request has head {head_sha}; nothing to comment on"
    existing = github.our_comment(number, marker, bot)
    if existing is None:
        made = github.request("POST", f"issues/{number}/comments", {"body": body})
        return f"commented on pull request #{number} (comment {made.get('id')})"
    github.request("PATCH", f"issues/comments/{existing}", {"body": body})
    return f"updated comment {existing} on pull request #{number}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--report", required=True, help="the report's file (Markdown)")
    parser.add_argument("--head-sha", required=True, help="the pull request's head commit")
    parser.add_argument("--marker", default=MARKER)
    parser.add_argument("--limit", type=int, default=LIMIT)
    parser.add_argument("--bot", default=BOT, help="the login that owns the comment")
    options = parser.parse_args(argv)
    missing = [name for name in ("GITHUB_TOKEN", "GITHUB_REPOSITORY")
               if not os.environ.get(name)]
    if missing:
        print(f"error: {' and '.join(missing)} must be set (Actions sets GITHUB_REPOSITORY; "
              "pass the token as env: GITHUB_TOKEN: ${{ github.token }})", file=sys.stderr)
        return 2
    try:
        with open(options.report, encoding="utf-8", errors="replace") as handle:
            report = handle.read(options.limit + 1)  # no more than is ever posted
    except OSError as error:
        print(f"error: cannot read the report {options.report}: {error.strerror}",
              file=sys.stderr)
        return 2
    github = GitHub(os.environ.get("GITHUB_API_URL") or "https://api.github.com",
                    os.environ["GITHUB_REPOSITORY"], os.environ["GITHUB_TOKEN"])
    try:
        print(post(github, options.head_sha, comment_body(report, options.limit,
                                                          options.marker),
                   options.marker, options.bot))
    except GitHubError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
