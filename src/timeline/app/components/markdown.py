"""Event summaries as Markdown, rendered server-side into Dash components, safely.

A summary is written by contributors and reviewed by pull request, but the page must
stay safe whatever a record holds: markdown-it-py parses with raw HTML disabled, and
the token stream is turned into Dash ``html`` components from an allow-list. Raw HTML
arrives as plain text (escaped by React), links keep only ``http(s)`` targets, images
become their alternative text (no third-party fetches), and anything unknown is
dropped. Nothing here uses ``dangerously_allow_html``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from dash import html
from dash.development.base_component import Component
from markdown_it import MarkdownIt
from markdown_it.token import Token

from timeline.links import safe_href

Child = Component | str

# Summary headings sit inside an event's detail panel, under its h2 title.
_BLOCK_TAGS: dict[str, Callable[[list[Any]], Component]] = {
    "p": html.P, "ul": html.Ul, "ol": html.Ol, "li": html.Li, "blockquote": html.Blockquote,
    "h1": html.H3, "h2": html.H3, "h3": html.H4, "h4": html.H5, "h5": html.H6, "h6": html.H6,
}
_INLINE_TAGS: dict[str, Callable[[list[Any]], Component]] = {"em": html.Em, "strong": html.Strong}


@cache
def markdown_parser() -> MarkdownIt:
    """The project's one Markdown setting: CommonMark with raw HTML off (shared with the
    server-rendered pages, :mod:`timeline.app.html.markup`)."""
    return MarkdownIt("commonmark", {"html": False})


def render_markdown(text: str | None, class_name: str = "markdown") -> html.Div:
    """The Markdown ``text`` as a ``Div`` of safe Dash components."""
    if not text:
        return html.Div(className=class_name)
    tokens = markdown_parser().parse(text)
    return html.Div(_blocks(tokens), className=class_name)


def _blocks(tokens: Sequence[Token]) -> list[Child]:
    """Build the block tree with a stack of (tag, children) frames."""
    root: list[Child] = []
    stack: list[tuple[str, list[Child], bool]] = []

    def current() -> list[Child]:
        return stack[-1][1] if stack else root

    for token in tokens:
        if token.nesting == 1:
            stack.append((token.tag, [], token.hidden))
        elif token.nesting == -1:
            if not stack:
                continue
            tag, children, hidden = stack.pop()
            if hidden or tag not in _BLOCK_TAGS:
                current().extend(children)  # tight list items hide their paragraphs
            else:
                current().append(_BLOCK_TAGS[tag](children))
        elif token.type == "inline":
            current().extend(_inline(token.children or []))
        elif token.type in ("code_block", "fence"):
            current().append(html.Pre(html.Code(token.content)))
        elif token.type == "hr":
            current().append(html.Hr())
        # html_block and any other token type: dropped
    while stack:  # unbalanced input cannot happen with markdown-it, but never lose text
        _, children, _ = stack.pop()
        current().extend(children)
    return root


def _inline(tokens: Sequence[Token]) -> list[Child]:
    root: list[Child] = []
    stack: list[tuple[str, list[Child], str | None]] = []

    def current() -> list[Child]:
        return stack[-1][1] if stack else root

    for token in tokens:
        if token.type == "text":
            current().append(token.content)
        elif token.type in ("softbreak",):
            current().append(" ")
        elif token.type == "hardbreak":
            current().append(html.Br())
        elif token.type == "code_inline":
            current().append(html.Code(token.content))
        elif token.type == "image":
            alt = "".join(c.content for c in token.children or [] if c.type == "text")
            if alt:
                current().append(alt)
        elif token.type == "link_open":
            href = token.attrs.get("href")
            stack.append(("a", [], safe_href(href)))
        elif token.nesting == 1:
            stack.append((token.tag, [], None))
        elif token.nesting == -1:
            if not stack:
                continue
            tag, children, href = stack.pop()
            if tag == "a":
                if href:
                    current().append(html.A(children, href=href, target="_blank",
                                            rel="noopener noreferrer nofollow"))
                else:
                    current().extend(children)
            elif tag in _INLINE_TAGS:
                current().append(_INLINE_TAGS[tag](children))
            else:
                current().extend(children)
        # html_inline and anything else: dropped
    while stack:
        _, children, _ = stack.pop()
        current().extend(children)
    return root
