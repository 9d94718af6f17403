"""The one check of a link: an absolute http(s) address with a host.

The validator refuses other links in records, and the app shows only links that pass,
so a ``javascript:`` or protocol-relative address never becomes an ``href``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# ``\s`` matches exactly what str.isspace() accepts; a loop over characters cost a
# tenth of the validation time of a large dataset.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")
# The common shape of a link: lower-case scheme, an ASCII host name, maybe a port.
_PLAIN_HTTP_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]*)?(?:[/?#][^\s\x00-\x1f]*)?")


def is_http_url(value: str) -> bool:
    """An absolute http(s) address with a host and no spaces or control characters."""
    text = value.strip()
    # The common shape is decided without urlsplit's cost; it implies the full check.
    return bool(_PLAIN_HTTP_URL.fullmatch(text)) or is_http_url_in_full(text)


def is_http_url_in_full(text: str) -> bool:
    """:func:`is_http_url` by the standard library's reading of the address."""
    if not text or _SPACE_OR_CONTROL.search(text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and bool(parts.hostname)


def safe_href(url: object) -> str | None:
    """``url`` (trimmed) if it passes :func:`is_http_url`, else None: what a page may link."""
    if not isinstance(url, str) or not is_http_url(url):
        return None
    return url.strip()
