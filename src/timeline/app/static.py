"""Scripts the app serves from the package under fingerprinted names (``static/``).

``plotly-partial.min.js`` is Plotly with only the trace types the figure builders use
(built by ``tools/static-js/build.sh``), and ``plotly-basic.min.js`` the same without
WebGL and maps; ``regenerator-runtime.min.js`` is the one part
of Babel's polyfill Dash's scripts need in a current browser; ``dash-start.js`` (written
by hand) starts Dash's renderer, which Dash does in an inline script; ``charts.js``
(by hand) draws the charts of a page before (or without) Dash; ``boot.js`` (by hand)
starts Dash when the reader reaches for the page. Each is served at
``/_timeline/static/<digest>/<name>``: the digest changes whenever the file does, so
browsers may keep it for a year.
"""

from __future__ import annotations

import hashlib
from importlib import resources

from flask import Flask, Response, abort

PREFIX = "/_timeline/static"
SCRIPTS = ("plotly-partial.min.js", "plotly-basic.min.js", "regenerator-runtime.min.js",
           "dash-start.js", "charts.js", "boot.js")
# The trace types of plotly-basic.min.js (tools/static-js/entry-basic.js): a page served
# without Dash whose charts need only these loads it instead of the whole partial one.
BASIC_TRACES = ("scatter", "bar", "heatmap")
YEAR = 365 * 24 * 3600


class StaticScripts:
    """The package's scripts, read once per app, and their fingerprinted URLs."""

    def __init__(self) -> None:
        folder = resources.files("timeline.app").joinpath("static")
        self._bodies = {name: folder.joinpath(name).read_bytes() for name in SCRIPTS}
        self._digests = {name: hashlib.sha256(body).hexdigest()[:16]
                         for name, body in self._bodies.items()}

    def url(self, name: str) -> str:
        return f"{PREFIX}/{self._digests[name]}/{name}"

    def register(self, server: Flask) -> None:
        def script(digest: str, name: str) -> Response:
            if name not in self._bodies or digest != self._digests[name]:
                abort(404)
            response = Response(self._bodies[name], mimetype="text/javascript")
            response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
            return response

        server.add_url_rule(f"{PREFIX}/<digest>/<name>", "timeline_static_script", script)
