"""What keeps the served pages safe: a Content-Security-Policy that allows only the
inline scripts Dash itself wrote (by their SHA-256 hashes), an index HTML with every
text escaped and no version numbers, and the response headers.

Hashes rather than a nonce: Dash's inline scripts (the renderer's start-up, its
clientside registrations) are the same on every response, so a page stays cacheable
(the ETag of ``delivery`` and 304 answers keep working; a nonce would change every
copy, and a cached copy's nonce would not match a revalidated header).

Dash writes its index HTML from pieces (``interpolate_index``'s arguments, Dash's
documented hook); :func:`hardened` changes only those pieces, so whatever lays the
document out (Dash, or ``app/document.py``) keeps these rules.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from flask import Response, g, has_request_context, request

# Inline scripts run only when their hash is listed ('unsafe-inline' is gone): Dash's
# renderer start-up and its inline clientside registrations are, nothing a record or a
# request wrote can be. 'unsafe-eval' stays because Plotly's WebGL traces (scattergl,
# the timeline's marks when more than 1,000 are drawn) compile their shaders' drawing code with
# the Function constructor (regl); without it the chart stays empty.
_POLICY = (
    "default-src 'self'",
    "script-src 'self' {hashes}'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'self'",
    "form-action 'self'",
)

# Keys of Dash's page config that only announce versions (the renderer needs none of
# them outside debug mode's version check, which stays off).
_VERSION_KEYS = ("dash_version", "python_version", "plotly_version", "dash_version_url",
                 "ddk_version", "plotly_cloud_installed")
# Dash's script URLs carry the package version in a cache-busting fingerprint
# ("react@18.v4_4_1m1796160214.3.1.min.js"); Dash accepts any word there.
_FINGERPRINT = re.compile(r"\.v([\w-]+?)m([0-9a-fA-F]+)\.")
_VERSION_QUERY = re.compile(r"\?v=[0-9][\w.+-]*")


_INLINE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.DOTALL)


def content_security_policy(hashes: Iterable[str] = ()) -> str:
    """The policy of a response; ``hashes`` are those of the inline scripts it allows."""
    allowed = "".join(f"'{h}' " for h in sorted(set(hashes)))
    return "; ".join(_POLICY).replace("{hashes}", allowed)


def script_hashes(html_text: str) -> set[str]:
    """The CSP hashes ("sha256-...") of every inline script in ``html_text`` that a
    browser would run (JSON data blocks are never run, so they need none)."""
    found = set()
    for attributes, body in _INLINE.findall(html_text):
        if "application/json" in attributes:
            continue
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        found.add("sha256-" + base64.b64encode(digest).decode("ascii"))
    return found


def _version_word(version: str) -> str:
    """A stable, opaque replacement for a version in a fingerprint."""
    return hashlib.sha256(version.encode()).hexdigest()[:10]


def unversioned(text: str) -> str:
    """``text`` with Dash's version fingerprints replaced by opaque ones.

    The fingerprint still changes with each release (so caches stay right) but no
    longer says which release it is."""
    text = _FINGERPRINT.sub(lambda m: f".v{_version_word(m[1])}m{m[2]}.", text)
    return _VERSION_QUERY.sub(lambda m: f"?v={_version_word(m[0])}", text)


def config_without_versions(config: str) -> str:
    """Dash's ``<script id="_dash-config">`` without the versions it announces."""
    start, end = config.index(">") + 1, config.rindex("</script>")
    data = json.loads(config[start:end])
    for key in _VERSION_KEYS:
        data.pop(key, None)
    body = json.dumps(data, separators=(",", ":")).replace("<", "\\u003c").replace(
        ">", "\\u003e").replace("&", "\\u0026")
    return f'<script id="_dash-config" type="application/json">{body}</script>'


def hardened_parts(parts: dict[str, Any]) -> dict[str, Any]:
    """Dash's pieces of the index HTML (``interpolate_index``'s arguments) with the title
    escaped and no version numbers; records the hashes of its inline scripts for this
    response's policy. Only Dash's own pieces are hashed, never the finished page, so
    nothing a record or a request wrote into the page can be allowed to run."""
    parts = dict(parts)
    # Dash writes the title raw; a dataset's title is text, never markup.
    parts["title"] = html.escape(str(parts.get("title", "")), quote=True)
    if parts.get("config"):
        parts["config"] = config_without_versions(parts["config"])
    for name in ("scripts", "renderer", "css", "favicon"):
        parts[name] = unversioned(str(parts.get(name, "")))
    if has_request_context():  # the header allows exactly Dash's own inline scripts
        hashes = g.setdefault("csp_hashes", set())
        hashes.update(script_hashes(parts["scripts"] + parts["renderer"]))
    return parts


def not_inline(html_text: str) -> None:
    """The inline scripts in ``html_text`` are no longer on this response's page (the
    document serves them as files): its policy stops allowing them."""
    if has_request_context():
        hashes = g.get("csp_hashes")
        if hashes:
            hashes.difference_update(script_hashes(html_text))


def hardened(render: Callable[..., str]) -> Callable[..., str]:
    """An ``interpolate_index`` that renders ``hardened_parts`` with ``render`` (Dash's
    own, or the app's document)."""
    def interpolate_index(**parts: Any) -> str:
        return render(**hardened_parts(parts))

    return interpolate_index


def add_security_headers(response: Response) -> Response:
    """The policy (allowing the inline scripts of this response's page, if any)."""
    hashes = g.get("csp_hashes", ()) if has_request_context() else ()
    response.headers.setdefault("Content-Security-Policy", content_security_policy(hashes))
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    # Werkzeug's development server would announce "Werkzeug/x Python/y"; waitress
    # and gunicorn name themselves without a version, so they are left alone.
    if has_request_context() and str(
            request.environ.get("SERVER_SOFTWARE", "")).startswith("Werkzeug"):
        response.headers["Server"] = "timeline"
    return response
