"""Answers -> Plotly figures: one pure builder per figure, shared by every page that shows it.

Values in, a ``go.Figure`` (or its parts) out. It may import the core, ``dates``,
``i18n`` and ``query``; never Dash, and it does no I/O.
"""
