"""One module per page: each owns its layout and its thin callbacks, and its component
ids carry the page's prefix. The router (:mod:`timeline.app.router`) maps paths to them.
"""
