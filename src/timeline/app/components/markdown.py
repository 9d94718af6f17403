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


# What one summary may build, whatever a record holds (the validator refuses
# summaries past its own, smaller limits; these hold for any text): the text read,
# the components made and how deep they nest. Past them the rest is plain text or cut,
# so a page opens in bounded time and the browser never runs out of stack.
MAX_RENDERED_CHARACTERS = 12_000
MAX_COMPONENTS = 2_000
MAX_DEPTH = 12


class _Budget:
    """The components one rendering may still make."""

    __slots__ = ("left",)

    def __init__(self) -> None:
        self.left = MAX_COMPONENTS

    def take(self) -> bool:
        self.left -= 1
        return self.left >= 0


def render_markdown(text: str | None, class_name: str = "markdown") -> html.Div:
    """The Markdown ``text`` as a ``Div`` of safe Dash components, bounded in size."""
    if not text:
        return html.Div(className=class_name)
    clipped = len(text) > MAX_RENDERED_CHARACTERS
    tokens = markdown_parser().parse(text[:MAX_RENDERED_CHARACTERS])
    children = _blocks(tokens, _Budget())
    if clipped:
        children.append("…")
    return html.Div(children, className=class_name)


def _blocks(tokens: Sequence[Token], budget: _Budget) -> list[Child]:
    """Build the block tree with a stack of (tag, children) frames.

    Past :data:`MAX_DEPTH` open blocks, or once the budget is spent, a block's
    contents join its parent's instead of making a component of their own.
    """
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
            if (hidden or tag not in _BLOCK_TAGS or len(stack) >= MAX_DEPTH
                    or not budget.take()):
                current().extend(children)  # tight list items hide their paragraphs
            else:
                current().append(_BLOCK_TAGS[tag](children))
        elif token.type == "inline":
            current().extend(_inline(token.children or [], budget, MAX_DEPTH - len(stack)))
        elif token.type in ("code_block", "fence"):
            current().append(html.Pre(html.Code(token.content)) if budget.take()
                             else token.content)
        elif token.type == "hr" and budget.take():
            current().append(html.Hr())
        # html_block and any other token type: dropped
    while stack:  # unbalanced input cannot happen with markdown-it, but never lose text
        _, children, _ = stack.pop()
        current().extend(children)
    return root


def _inline(tokens: Sequence[Token], budget: _Budget, depth: int) -> list[Child]:
    """The inline components, at most ``depth`` deep, as far as the budget goes."""
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
            current().append(html.Br() if budget.take() else " ")
        elif token.type == "code_inline":
            current().append(html.Code(token.content) if budget.take() else token.content)
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
            if len(stack) >= depth or not budget.take():
                current().extend(children)  # too deep or too many: the text alone
            elif tag == "a":
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
