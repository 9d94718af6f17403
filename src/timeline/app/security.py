"""What keeps the served pages safe: the Content-Security-Policy with a nonce per
response, an index HTML with every text escaped and no version numbers, and the
response headers.

Dash writes its index HTML itself; :class:`HardenedDash` changes only what goes into
it (``interpolate_index``, Dash's documented hook), so any later change to how the
index is laid out keeps these rules.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import secrets
from typing import Any

from dash import Dash
from flask import Response, g, has_request_context, request

# Inline scripts run only with this response's nonce ('unsafe-inline' is gone): Dash's
# renderer start-up and its inline clientside registrations get it, nothing a record or
# a request wrote can. 'unsafe-eval' stays because Plotly's WebGL traces (scattergl,
# used by the timeline's marks and density) compile their shaders' drawing code with
# the Function constructor (regl); without it the chart stays empty.
_POLICY = (
    "default-src 'self'",
    "script-src 'self' {nonce}'unsafe-eval'",
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
_INLINE_SCRIPT = "<script>"


def content_security_policy(nonce: str | None = None) -> str:
    """The policy of a response; ``nonce`` is the one its inline scripts carry."""
    allowed = f"'nonce-{nonce}' " if nonce else ""
    return "; ".join(_POLICY).replace("{nonce}", allowed)


def request_nonce() -> str:
    """This response's nonce, made once per request (shared by header and HTML)."""
    nonce = g.get("csp_nonce")
    if nonce is None:
        nonce = g.csp_nonce = secrets.token_urlsafe(18)
    return str(nonce)


def _version_word(version: str) -> str:
    """A stable, opaque replacement for a version in a fingerprint."""
    return hashlib.sha256(version.encode()).hexdigest()[:10]


def unversioned(text: str) -> str:
    """``text`` with Dash's version fingerprints replaced by opaque ones.

    The fingerprint still changes with each release (so caches stay right) but no
    longer says which release it is."""
    text = _FINGERPRINT.sub(lambda m: f".v{_version_word(m[1])}m{m[2]}.", text)
    return _VERSION_QUERY.sub(lambda m: f"?v={_version_word(m[0])}", text)


def config_without_versions(config: str, nonce: str) -> str:
    """Dash's ``<script id="_dash-config">`` without the versions it announces."""
    start, end = config.index(">") + 1, config.rindex("</script>")
    data = json.loads(config[start:end])
    for key in _VERSION_KEYS:
        data.pop(key, None)
    body = json.dumps(data, separators=(",", ":")).replace("<", "\\u003c").replace(
        ">", "\\u003e").replace("&", "\\u0026")
    return (f'<script id="_dash-config" type="application/json" nonce="{nonce}">'
            f"{body}</script>")


def with_nonce(scripts: str, nonce: str) -> str:
    """Dash's own inline ``<script>`` tags (clientside registrations, the renderer's
    start-up) with the response's nonce."""
    scripts = scripts.replace(_INLINE_SCRIPT, f'<script nonce="{nonce}">')
    return scripts.replace('<script id="_dash-renderer" ',
                           f'<script id="_dash-renderer" nonce="{nonce}" ')


class HardenedDash(Dash):
    """Dash, with the index HTML escaped, nonced and free of version numbers."""

    def interpolate_index(self, metas: Any = "", title: Any = "", css: Any = "",
                          config: Any = "", scripts: Any = "", app_entry: Any = "",
                          favicon: Any = "", renderer: Any = "") -> Any:
        kwargs: dict[str, Any] = {
            "metas": metas, "title": title, "css": css, "config": config,
            "scripts": scripts, "app_entry": app_entry, "favicon": favicon,
            "renderer": renderer}
        nonce = request_nonce() if has_request_context() else secrets.token_urlsafe(18)
        # Dash writes the title raw; a dataset's title is text, never markup.
        kwargs["title"] = html.escape(str(kwargs.get("title", "")), quote=True)
        if kwargs.get("config"):
            kwargs["config"] = config_without_versions(kwargs["config"], nonce)
        for name in ("scripts", "renderer"):
            kwargs[name] = with_nonce(unversioned(kwargs.get(name, "")), nonce)
        for name in ("css", "favicon"):
            kwargs[name] = unversioned(kwargs.get(name, ""))
        return super().interpolate_index(**kwargs)


def add_security_headers(response: Response) -> Response:
    """The policy (with this response's nonce, if its HTML used one) and friends."""
    nonce = g.get("csp_nonce") if has_request_context() else None
    response.headers.setdefault("Content-Security-Policy", content_security_policy(nonce))
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    # Flask's development server would announce "Werkzeug/x Python/y"; gunicorn says
    # only "gunicorn" and adds its own header, so it is left alone.
    if has_request_context() and not str(
            request.environ.get("SERVER_SOFTWARE", "")).startswith("gunicorn"):
        response.headers["Server"] = "timeline"
    return response
