"""The production entry points: waitress for ``timeline serve``, and a WSGI app factory
for gunicorn (or any WSGI server).

    gunicorn -c python:timeline.app.gunicorn_conf -w 4 -b 0.0.0.0:8000 \
        'timeline.app.wsgi:server(data="events")'

With those settings (``preload_app``) the master loads the dataset once, through the
loader's cache, before forking the workers; each keeps no state between requests, so
any number of workers or machines can serve it behind a load balancer. The folder
comes from ``data=``, else ``$TIMELINE_DATA``, else ``events``. Invalid data stops the
start (the validator's report is in the error) unless ``allow_invalid=True`` or
``$TIMELINE_ALLOW_INVALID=1``, which serves the valid
records with a notice of how many were left out. The site's public address for
canonical links and the sitemap comes from ``base_url=`` or ``$TIMELINE_BASE_URL``.
"""

from __future__ import annotations

import os
import sys

from flask import Flask

from timeline.app import create_app
from timeline.app.context import AppSettings
from timeline.app.html.links import normalise_base_url
from timeline.errors import DatasetError
from timeline.validate.loader import load_dataset


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def server(data: str | None = None, allow_invalid: bool | None = None,
           base_url: str | None = None) -> Flask:
    """Load the dataset and return the Flask server of its app."""
    folder = data or os.environ.get("TIMELINE_DATA") or "events"
    address = base_url or os.environ.get("TIMELINE_BASE_URL") or None
    allow = _truthy(os.environ.get("TIMELINE_ALLOW_INVALID")) if allow_invalid is None \
        else allow_invalid
    report = load_dataset(folder)
    if report.errors and not allow:
        for problem in report.errors:  # the operator reads the server's log
            print(problem.as_text(), file=sys.stderr)
        print(f"{folder}: {len(report.errors)} problems; refusing to serve invalid data "
              "(fix them, or set TIMELINE_ALLOW_INVALID=1 to serve the valid records)",
              file=sys.stderr)
        raise DatasetError(report.errors)
    settings = AppSettings(base_url=normalise_base_url(address) if address else None)
    return create_app(report.dataset, settings).server


def run_production(app: Flask, host: str, port: int, threads: int = 8) -> None:
    """Serve ``app`` with waitress until interrupted: a production WSGI server, pure
    Python on any system, that buffers slow clients so a thread never waits on one."""
    import waitress

    waitress.serve(app, host=host, port=port, threads=threads)
