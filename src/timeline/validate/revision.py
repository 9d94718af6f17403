"""A data folder as it was at a git revision, copied into a temporary folder.

``timeline diff`` compares two states of the data, and in a pull request's check the
revisions come from someone else's branch. So nothing of the repository is run: the
files are read as raw blobs (``git ls-tree`` and ``git cat-file``, which apply no
filter, hook or attribute), only regular files are written, under names checked to
stay inside the target, and git runs with hooks and the fsmonitor switched off. A
revision that looks like an option is refused.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath

from timeline.errors import TimelineError

# More bytes than any data folder holds: a revision that is not data is refused early.
MAX_REVISION_BYTES = 512 * 1024 * 1024
_SAFE_GIT = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null",
             "-c", "protocol.allow=never")


class RevisionError(TimelineError):
    """A revision that cannot be read: not a repository, unknown, or without the folder."""


def _git(repository: Path, *arguments: str, stdin: bytes | None = None) -> bytes:
    # The user's own (system and global) configuration stays: CI marks the checkout a
    # safe.directory there. Nothing in any configuration runs for ls-tree and cat-file,
    # and the options above switch off what could.
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(["git", *_SAFE_GIT, *arguments], cwd=repository, input=stdin,
                              capture_output=True, env=environment, timeout=120, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed: install it, or compare two data folders "
                            "(timeline diff OLD_FOLDER NEW_FOLDER)") from None
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git {arguments[0]} took more than two minutes; "
                            "compare two data folders instead") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(detail[-1] if detail else f"git {arguments[0]} failed")
    return done.stdout


def repository_root(start: Path) -> Path:
    """The top folder of the git work tree that holds ``start``."""
    try:
        top = _git(start, "rev-parse", "--show-toplevel").decode("utf-8").strip()
    except RevisionError:
        raise RevisionError(f"{start} is not inside a git repository; give two data folders "
                            "or run the command inside the repository") from None
    return Path(top)


def resolve_commit(repository: Path, revision: str) -> str:
    """The commit id ``revision`` names, or a clear error (never an option to git)."""
    if not revision or revision.startswith("-") or any(c in revision for c in "\0\n\r"):
        raise RevisionError(f"{revision!r} is not a git revision; give a branch, tag or "
                            "commit such as main or HEAD~1")
    try:
        found = _git(repository, "rev-parse", "--verify", "--quiet", "--end-of-options",
                     f"{revision}^{{commit}}")
    except RevisionError:
        raise RevisionError(f"{revision!r} is neither a data folder nor a revision of the "
                            f"git repository at {repository}; give a branch, tag, commit "
                            "or folder") from None
    return found.decode("ascii").strip()


def export_folder(repository: Path, revision: str, folder: str, target: Path) -> Path:
    """Copy ``folder`` (relative to the repository's top) as of ``revision`` into
    ``target`` and return the copy's path."""
    commit = resolve_commit(repository, revision)
    inside = PurePosixPath(folder.replace(os.sep, "/")).as_posix().strip("/") or "."
    listing = _git(repository, "ls-tree", "-r", "-z", "--full-tree", commit, "--",
                   inside if inside != "." else ".")
    entries = []
    for line in listing.split(b"\0"):
        if not line:
            continue
        meta, _, raw_name = line.partition(b"\t")
        mode, kind, blob = meta.decode("ascii").split()
        if kind == "blob" and mode in ("100644", "100755"):  # regular files only
            entries.append((blob, raw_name.decode("utf-8", "surrogateescape")))
    if not entries:
        raise RevisionError(f"the revision {revision!r} has no folder {inside!r}; "
                            "pass the data folder with --data")
    root = target.resolve()
    prefix = "" if inside == "." else inside + "/"
    wanted = [(blob, name) for blob, name in entries if _safe(name, prefix) is not None]
    contents = _blobs(repository, [blob for blob, _ in wanted])
    total = 0
    for (_, file_name), content in zip(wanted, contents, strict=True):
        total += len(content)
        if total > MAX_REVISION_BYTES:
            raise RevisionError(f"the folder {inside!r} at {revision!r} holds more than "
                                f"{MAX_REVISION_BYTES} bytes; that is not a data folder")
        relative = _safe(file_name, prefix)
        assert relative is not None
        path = root.joinpath(*relative.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def _safe(name: str, prefix: str) -> PurePosixPath | None:
    """The file's path inside the copied folder, or None when it would leave it."""
    relative = PurePosixPath(name[len(prefix):] if name.startswith(prefix) else name)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        return None
    return relative


def _blobs(repository: Path, ids: list[str]) -> list[bytes]:
    """The raw contents of blobs, read by one ``git cat-file --batch``."""
    if not ids:
        return []
    output = _git(repository, "cat-file", "--batch", stdin="".join(
        f"{blob}\n" for blob in ids).encode("ascii"))
    contents, position = [], 0
    for _ in ids:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        size = int(header[2])
        contents.append(output[end + 1:end + 1 + size])
        position = end + 1 + size + 1
    return contents
