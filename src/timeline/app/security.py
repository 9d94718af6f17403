"""What keeps the served pages safe: a Content-Security-Policy that allows no inline
script at all, an index HTML with every text escaped and no version numbers, and the
response headers.

No page has an inline script to allow: Dash's renderer start-up is served as a file
(``app/document.py``), and every clientside callback is a ``ClientsideFunction`` whose
code is in ``assets/`` (Dash writes a callback given as a string into the page as an
inline script; none is). The policy is therefore the same on every response, with
neither hashes nor a nonce, and a page stays cacheable (the ETag of ``delivery`` and
304 answers). ``tests/test_app_csp.py`` checks that no page carries an inline script.

Dash writes its index HTML from pieces (``interpolate_index``'s arguments, Dash's
documented hook); :func:`hardened` changes only those pieces, so whatever lays the
document out (Dash, or ``app/document.py``) keeps these rules.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Callable
from typing import Any

from flask import Response, has_request_context, request

# No inline script runs ('unsafe-inline' is gone, and no hash or nonce allows one):
# nothing a record or a request wrote into a page can run. 'unsafe-eval' stays because
# Plotly's WebGL traces (scattergl, the timeline's marks when more than 300 are drawn)
# compile their shaders' drawing code with the Function constructor (regl); without it
# the chart stays empty.
_POLICY = (
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval'",
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


_POLICY_HEADER = "; ".join(_POLICY)


def content_security_policy() -> str:
    """The policy of every response (the same for all: pages stay cacheable)."""
    return _POLICY_HEADER


def inline_scripts(html_text: str) -> list[str]:
    """The inline scripts in ``html_text`` that a browser would run (JSON data blocks
    never run); the policy refuses them all, so a page of the app has none."""
    return [body for attributes, body in _INLINE.findall(html_text)
            if "application/json" not in attributes]


def _version_word(version: str) -> str:
    """A stable, opaque replacement for a version in a fingerprint."""
    return hashlib.sha256(version.encode()).hexdigest()[:10]


def unversioned(text: str) -> str:
    """``text`` with Dash's version fingerprints replaced by opaque ones.

    The fingerprint still changes with each release (so caches stay right) but no
    longer says which release it is."""
    text = _FINGERPRINT.sub(lambda m: f".v{_version_word(m[1])}m{m[2]}.", text)
    return _VERSION_QUERY.sub(lambda m: f"?v={_version_word(m[0])}", text)


# JSON inside <script> must never close the element or open a comment: these
# characters are written as JSON escapes, which parse back to the same text.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: Any, encoder: type[json.JSONEncoder] | None = None) -> str:
    """``data`` as JSON that is safe as the text of a ``<script>`` data block."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), cls=encoder)
    return text.translate(_SCRIPT_SAFE)


def config_without_versions(config: str) -> str:
    """Dash's ``<script id="_dash-config">`` without the versions it announces."""
    start, end = config.index(">") + 1, config.rindex("</script>")
    data = json.loads(config[start:end])
    for key in _VERSION_KEYS:
        data.pop(key, None)
    body = script_json(data)
    return f'<script id="_dash-config" type="application/json">{body}</script>'


def hardened_parts(parts: dict[str, Any]) -> dict[str, Any]:
    """Dash's pieces of the index HTML (``interpolate_index``'s arguments) with the title
    escaped and no version numbers."""
    parts = dict(parts)
    # Dash writes the title raw; a dataset's title is text, never markup.
    parts["title"] = html.escape(str(parts.get("title", "")), quote=True)
    if parts.get("config"):
        parts["config"] = config_without_versions(parts["config"])
    for name in ("scripts", "renderer", "css", "favicon"):
        parts[name] = unversioned(str(parts.get(name, "")))
    return parts


def hardened(render: Callable[..., str]) -> Callable[..., str]:
    """An ``interpolate_index`` that renders ``hardened_parts`` with ``render`` (Dash's
    own, or the app's document)."""
    def interpolate_index(**parts: Any) -> str:
        return render(**hardened_parts(parts))

    return interpolate_index


def add_security_headers(response: Response) -> Response:
    """The policy and the other security headers of every response."""
    response.headers.setdefault("Content-Security-Policy", content_security_policy())
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    # Werkzeug's development server would announce "Werkzeug/x Python/y"; waitress
    # and gunicorn name themselves without a version, so they are left alone.
    if has_request_context() and str(
            request.environ.get("SERVER_SOFTWARE", "")).startswith("Werkzeug"):
        response.headers["Server"] = "timeline"
    return response
