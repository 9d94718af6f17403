"""A cache of checked files, so that a warm load of a large dataset skips parsing.

Each file's result is kept with its size, modification time and a BLAKE2 digest of
its bytes. A file whose size and time are unchanged is trusted (as git's index
does); one whose time changed is read and hashed, and reused only when its bytes
are the same. The whole cache is dropped when the settings file, the package
version or the Python version changes. The cache lives outside the data folder
(``$TIMELINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/campaign-timeline``), so it never
shows up in a dataset's git status; a broken or unreadable cache is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from timeline import __version__
from timeline.records import FileResult

_FORMAT = 1


@dataclass(slots=True)
class Entry:
    size: int
    mtime_ns: int
    digest: bytes
    result: FileResult


@dataclass(slots=True)
class FileCache:
    """The cached results of one data folder; ``key`` ties it to settings and versions."""

    key: bytes
    entries: dict[str, Entry] = field(default_factory=dict)


def digest(content: bytes) -> bytes:
    return hashlib.blake2b(content, digest_size=16).digest()


def default_cache_dir() -> Path:
    explicit = os.environ.get("TIMELINE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "campaign-timeline"


def cache_key(settings_bytes: bytes, max_bytes: int) -> bytes:
    identity = (f"{_FORMAT}|{__version__}|{sys.version_info[:2]}|{max_bytes}|"
                f"{_code_stamp()}|").encode()
    return digest(identity + settings_bytes)


@cache
def _code_stamp() -> str:
    """Sizes and times of the package's own modules: a changed checker drops the cache."""
    package = Path(__file__).parent
    stamps = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns)
                    for p in package.glob("*.py"))
    return digest(repr(stamps).encode()).hex()


def cache_file(cache_dir: Path, folder: Path) -> Path:
    name = hashlib.blake2b(str(folder.resolve()).encode(), digest_size=10).hexdigest()
    return cache_dir / f"{name}.pickle"


def read_cache(path: Path, key: bytes) -> FileCache:
    """The cache at ``path`` if it is intact and made for ``key``; else an empty one."""
    try:
        with path.open("rb") as handle:
            cached = pickle.load(handle)  # noqa: S301 - the user's own cache folder
    except Exception:  # a missing, truncated or foreign file is just a cold cache
        return FileCache(key)
    if not isinstance(cached, FileCache) or cached.key != key:
        return FileCache(key)
    return cached


def write_cache(path: Path, cache: FileCache) -> None:
    """Replace the cache file atomically; a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(cache, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        return
