"""Event summaries as HTML text for the server-rendered pages, and as plain text.

The same parser and the same rules as the Dash detail (:mod:`timeline.app.components.
markdown`): raw HTML is off, so anything that looks like a tag arrives as escaped text;
links keep only absolute ``http(s)`` targets (any other link becomes its text); images
become their alternative text, so a page never fetches from a third party; headings sit
below the page's own. The token stream is cleaned, then markdown-it's renderer, which
escapes every text and attribute, writes the HTML.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it.token import Token
from markupsafe import Markup

from timeline.app.components.markdown import (
    MAX_RENDERED_CHARACTERS,
    markdown_parser,
    safe_href,
)

# The page's title is its h1: a summary's headings start at h2, like the page's sections,
# so the outline never skips a level.
_HEADINGS = {"h1": "h2", "h2": "h2"}
_LINK_REL = "noopener noreferrer nofollow"
_SPACES = re.compile(r"\s+")


def markdown_html(text: str | None) -> Markup:
    """``text`` (Markdown) as safe HTML, ready to place in a template unescaped."""
    if not text:
        return Markup("")
    parser = markdown_parser()
    # As the Dash detail: at most this much text is read, so a page opens in bounded time.
    tokens = _clean_blocks(parser.parse(text[:MAX_RENDERED_CHARACTERS]))
    return Markup(parser.renderer.render(tokens, parser.options, {}))


def plain_text(text: str | None) -> str:
    """The words of ``text`` (Markdown) without any markup, on one line."""
    if not text:
        return ""
    words: list[str] = []
    for token in markdown_parser().parse(text[:MAX_RENDERED_CHARACTERS]):
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    words.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    words.append(" ")
                elif child.type == "image":
                    words.append(_alt(child))
            words.append(" ")
        elif token.type in ("code_block", "fence"):
            words.append(f" {token.content} ")
    return _SPACES.sub(" ", "".join(words)).strip()


def shorten(text: str, limit: int = 200) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def _alt(image: Token) -> str:
    return "".join(c.content for c in image.children or [] if c.type == "text")


def _clean_blocks(tokens: Sequence[Token]) -> list[Token]:
    cleaned: list[Token] = []
    for token in tokens:
        if token.type == "html_block":  # never produced with html off; dropped regardless
            continue
        if token.tag in _HEADINGS and token.type in ("heading_open", "heading_close"):
            token.tag = _HEADINGS[token.tag]
        if token.type == "inline":
            token.children = _clean_inline(token.children or [])
        cleaned.append(token)
    return cleaned


def _clean_inline(tokens: Sequence[Token]) -> list[Token]:
    """Drop unsafe links (keeping their text), images (keeping their alt text), raw HTML."""
    cleaned: list[Token] = []
    dropped_links = 0  # CommonMark links do not nest, but count anyway
    for token in tokens:
        if token.type == "html_inline":
            continue
        if token.type == "image":
            alt = _alt(token)
            if alt:
                text = Token("text", "", 0)
                text.content = alt
                cleaned.append(text)
            continue
        if token.type == "link_open":
            href = token.attrs.get("href")
            safe = safe_href(str(href) if href is not None else None)
            if safe is None:
                dropped_links += 1
                continue
            token.attrs = {"href": safe, "rel": _LINK_REL}
        elif token.type == "link_close" and dropped_links:
            dropped_links -= 1
            continue
        cleaned.append(token)
    return cleaned
