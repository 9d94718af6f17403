"""Pieces of pages shared by several pages: the shell (header, footer, links), safe
Markdown, ARIA helpers and the tracker's links. Functions that return Dash components;
no callbacks, no data loading.
"""
