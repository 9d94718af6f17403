"""Pages served as plain HTML from the server, readable with no JavaScript.

A page for every event (``/events/<id>``: the address to share and the one search
engines index), ``/robots.txt`` and ``/sitemap.xml``. Jinja2 templates in
``templates/`` (autoescaping on) share one layout and one stylesheet in ``static/``;
every word comes from the locale catalogues. Flask routes on the Dash app's server
(:func:`register`), added by the app factory.

May import the core, ``dates``, ``i18n``, ``query`` and the rest of ``app`` except
``pages`` (the Dash pages); builds nothing at import time.
"""

from timeline.app.html.routes import register

__all__ = ["register"]
