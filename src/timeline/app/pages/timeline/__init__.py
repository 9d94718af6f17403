"""The timeline page ("/"): filters, the chart, the momentum chart, the list, the detail.

The URL query string is the page's only state: a shared link or the back button
restores exactly the view. One callback (``update``) answers every change, whatever
made it (a control, the URL, a click on the chart): it writes the URL or the controls,
and sends the chart as a partial update (traces and lane ticks), the count, and the
detail when the selection changed. A second, smaller answer (``follow``) brings the
momentum chart and the list's first page, so what the reader looks at is drawn
first. Views are computed once and cached on the server; the dataset never leaves it.

The page's modules: ``layout`` (the page for a URL), ``options`` (the dropdowns'
options), ``detail`` (the selected event in full), ``parts`` (pieces both the layout
and the callbacks build), ``answers`` (what each callback sends back),
``meta`` (the title and description of the document's head) and ``callbacks`` (thin
registration). Its JavaScript lives in ``assets/timeline.js``.
"""

from timeline.app.pages.timeline.callbacks import register
from timeline.app.pages.timeline.layout import layout
from timeline.app.pages.timeline.meta import meta

__all__ = ["layout", "meta", "register"]
