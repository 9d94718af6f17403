"""What an event's summary may hold: bounded length, lines and Markdown nesting.

A summary is a few paragraphs of Markdown. One of 170,000 list items or of emphasis
nested thousands deep is valid Markdown under the file size limit, yet takes seconds
to render on every request and overflows the browser's stack; these limits refuse it
with a message. (The app's renderer bounds what it builds too, for any text.)
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

MAX_SUMMARY_CHARACTERS = 10_000
MAX_SUMMARY_LINES = 200
MAX_SUMMARY_DEPTH = 8
# Nesting needs markup characters (or, for lists, indented lines); text with few of
# them is not parsed at all, which keeps the check free for ordinary summaries.
_NESTING_MARKS = ("*", "_", "[", ">", "\n ", "\n\t")
_CONTAINERS = frozenset({"bullet_list_open", "ordered_list_open", "blockquote_open"})


def summary_problem(text: str) -> tuple[str, dict[str, int]] | None:
    """The message code and values of what is wrong with ``text``, or None."""
    if len(text) > MAX_SUMMARY_CHARACTERS:
        return "summary-too-long", {"size": len(text), "limit": MAX_SUMMARY_CHARACTERS}
    lines = text.count("\n") + 1
    if lines > MAX_SUMMARY_LINES:
        return "summary-too-many-lines", {"count": lines, "limit": MAX_SUMMARY_LINES}
    if sum(text.count(mark) for mark in _NESTING_MARKS) >= MAX_SUMMARY_DEPTH:
        depth = markdown_depth(text)
        if depth > MAX_SUMMARY_DEPTH:
            return "summary-too-deep", {"depth": depth, "limit": MAX_SUMMARY_DEPTH}
    return None


def markdown_depth(text: str) -> int:
    """How deep the Markdown of ``text`` nests: lists and quotes inside each other, then
    emphasis and links inside those and inside each other (plain text is 0)."""
    deepest = containers = 0
    for token in _parser().parse(text):
        if token.type in _CONTAINERS:
            containers += 1
        elif token.type.replace("_close", "_open") in _CONTAINERS and token.nesting == -1:
            containers -= 1
        elif token.type == "inline":
            inline = depth = 0
            for child in token.children or ():
                depth += child.nesting
                inline = max(inline, depth)
            deepest = max(deepest, containers + inline)
        deepest = max(deepest, containers)
    return deepest


@cache
def _parser() -> MarkdownIt:
    """CommonMark with raw HTML off, as the app renders summaries (imported here: few
    summaries need it, and checking the others should not load it)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})
