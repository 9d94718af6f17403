"""How every response travels: compressed, and cached as long as it safely can be.

Text responses are compressed with zstd, brotli or gzip, whichever the client prefers
(Flask-Compress: it negotiates ``Accept-Encoding`` with its quality values, sets
``Vary``, gives each encoding its own ETag and answers conditional requests after
compressing; Dash offers the same library through its ``compress`` option).

Caching follows the address. Fingerprinted files (Dash's ``/_dash-component-suites/``
names carry a version and time stamp; ``/assets/...?m=<mtime>`` and
``/page-assets/...?v=<digest>`` carry one in the query, the partial Plotly bundle's
``/_timeline/static/<digest>/`` in the path) never change under their
address: ``Cache-Control: public, max-age=31536000, immutable``, and their compressed
bytes are kept (bounded) so the 4 MB chart library is not compressed again for every
reader. Everything else (pages, the sitemap, JSON) is ``no-cache`` with an ETag, so a
browser or proxy keeps it but asks each time, and gets ``304 Not Modified`` while it is
unchanged.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable

from dash.fingerprint import check_fingerprint
from flask import Flask, Request, Response, request
from flask_compress import Compress

from timeline.app.static import PREFIX as STATIC_SCRIPTS_PREFIX

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
COMPRESSED_CACHE_BYTES = 48 * 1024 * 1024  # per process: every asset in every encoding
BUFFERED_FILE_BYTES = 16 * 1024 * 1024  # larger files stay streamed from disk

_DASH_END_ID = re.compile(rb'"end_id":"[^"]*"')
_QUERY_FINGERPRINTS = {"/assets/": "m", "/page-assets/": "v", "/_favicon.ico": "v"}


def is_fingerprinted(path: str, args: dict[str, str] | None = None) -> bool:
    """True when the address itself changes whenever the file does."""
    if path.startswith("/_dash-component-suites/"):
        return check_fingerprint(path)[1]  # name.v<version>m<stamp>.ext
    if path.startswith(STATIC_SCRIPTS_PREFIX + "/"):
        return True  # /_timeline/static/<digest>/<name> (app/static.py); others are 404
    for prefix, key in _QUERY_FINGERPRINTS.items():
        if path.startswith(prefix) and (args or {}).get(key):
            return True
    return False


class CompressedCache:
    """A bounded, thread-safe LRU of compressed bytes, keyed by encoding and address.

    Flask-Compress offers every response to its cache; only fingerprinted addresses
    (whose bytes never change) are kept, the rest are refused.
    """

    def __init__(self, max_bytes: int = COMPRESSED_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def set(self, key: str, value: bytes) -> None:
        if "|fixed|" not in key or len(value) > self.max_bytes // 4:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = value
            self._size += len(value)
            while self._size > self.max_bytes and self._items:
                _, dropped = self._items.popitem(last=False)
                self._size -= len(dropped)


def _cache_key(req: Request) -> str:
    fixed = is_fingerprinted(req.path, dict(req.args))
    return f"|fixed|{req.full_path}" if fixed else f"|live|{req.full_path}"


def content_tag(body: bytes) -> str:
    """A strong validator of a response's content.

    Dash writes a fresh random ``end_id`` into every copy of its page (a token for
    background callbacks, which this app does not use); it is left out, so an
    unchanged page still matches the copy a browser holds.
    """
    return hashlib.sha1(_DASH_END_ID.sub(b'"end_id":""', body), usedforsecurity=False
                        ).hexdigest()


def cache_headers(response: Response, compressible: frozenset[str] = frozenset()
                  ) -> Response:
    """Cache-Control and ETag on a response, before it is compressed."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if is_fingerprinted(request.path, dict(request.args)):
        response.headers["Cache-Control"] = IMMUTABLE
    elif "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = REVALIDATE
    if (response.direct_passthrough and response.mimetype in compressible
            and (response.content_length or 0) <= BUFFERED_FILE_BYTES):
        # A text file from send_file: read it now (assets are small) so it is compressed
        # whole, with a length and gzip too, not as a stream; no byte ranges of it.
        response.direct_passthrough = False
        response.set_data(response.get_data())
        response.headers.pop("Accept-Ranges", None)
    if not response.is_streamed and not response.headers.get("ETag"):
        response.set_etag(content_tag(response.get_data()))
    response.make_conditional(request)  # in place: a 304 with no body when it matches
    return response


def install(server: Flask, cache_bytes: int = COMPRESSED_CACHE_BYTES) -> None:
    """Compression and cache headers on every response of ``server``."""
    make_cache: Callable[[], CompressedCache] = lambda: CompressedCache(cache_bytes)  # noqa: E731
    server.config.update(
        COMPRESS_ALGORITHM=["zstd", "br", "gzip"],
        COMPRESS_BR_LEVEL=5,
        COMPRESS_LEVEL=6,
        COMPRESS_MIN_SIZE=500,
        COMPRESS_CACHE_BACKEND=make_cache,
        COMPRESS_CACHE_KEY=_cache_key,
    )
    Compress(server)  # registers its after_request first, so it runs last
    compressible = frozenset(server.config["COMPRESS_MIMETYPES"])
    server.after_request(lambda response: cache_headers(response, compressible))
