"""Summaries as Markdown: formatting kept, anything that could run or fetch dropped."""

from __future__ import annotations

from typing import Any

import pytest
from dash import html
from dash.development.base_component import Component

from timeline.app.components.markdown import (
    MAX_COMPONENTS,
    MAX_DEPTH,
    MAX_RENDERED_CHARACTERS,
    render_markdown,
)
from timeline.links import safe_href


def walk(node: Any) -> list[Any]:
    """Every component and string in a rendered tree, depth first."""
    found = [node]
    children = getattr(node, "children", None) if isinstance(node, Component) else None
    if isinstance(children, list | tuple):
        for child in children:
            found += walk(child)
    elif children is not None:
        found += walk(children)
    return found


def components(node: Any) -> list[Component]:
    return [n for n in walk(node) if isinstance(n, Component)]


def text(node: Any) -> str:
    return "".join(n for n in walk(node) if isinstance(n, str))


def links(node: Any) -> list[html.A]:
    return [n for n in components(node) if isinstance(n, html.A)]


def test_formatting_becomes_components() -> None:
    tree = render_markdown("# Title\n\nSome *em* and **strong** and `code`.\n\n- one\n- two"
                           "\n\n1. first\n\n> quoted\n\n    block\n\n---")
    kinds = [type(n).__name__ for n in components(tree)]
    assert kinds[0] == "Div"
    for kind in ("H3", "P", "Em", "Strong", "Code", "Ul", "Li", "Ol", "Blockquote", "Pre",
                 "Hr"):
        assert kind in kinds, kind
    # tight list items hold their text directly, not a paragraph
    items = [n for n in components(tree) if isinstance(n, html.Li)]
    assert [item.children for item in items[:2]] == [["one"], ["two"]]


def test_http_links_open_safely() -> None:
    tree = render_markdown("See [the report](https://example.org/a?b=1) and "
                           "[this](http://example.org).")
    found = links(tree)
    assert [(a.children, a.href) for a in found] == [
        (["the report"], "https://example.org/a?b=1"), (["this"], "http://example.org")]
    assert all(a.rel == "noopener noreferrer nofollow" and a.target == "_blank"
               for a in found)


@pytest.mark.parametrize("target", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "javascript&colon;alert(1)",
    "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd",
    "/relative/path", "//example.org/protocol-relative", "mailto:a@example.org",
    "ftp://example.org/file", "#fragment", "https://",
])
def test_other_links_keep_their_text_only(target: str) -> None:
    tree = render_markdown(f"Click [here]({target}) now.")
    assert links(tree) == []
    assert "here" in text(tree)


def test_raw_html_is_text_never_markup() -> None:
    source = ('<script>alert(1)</script>\n\nHello <b>bold</b> '
              '<img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>\n\n'
              '<iframe src="https://example.org"></iframe>')
    tree = render_markdown(source)
    kinds = {type(n).__name__ for n in components(tree)}
    assert kinds <= {"Div", "P"}
    assert "<script>alert(1)</script>" in text(tree)
    assert "<b>bold</b>" in text(tree)
    assert links(tree) == []


def test_images_become_their_alternative_text() -> None:
    tree = render_markdown("![a chart of arrests](https://tracker.example/pixel.png) and "
                           "![](https://tracker.example/empty.png)")
    assert {type(n).__name__ for n in components(tree)} == {"Div", "P"}
    assert "a chart of arrests" in text(tree) and "tracker.example" not in text(tree)


def test_autolinks_and_reference_links_follow_the_same_rule() -> None:
    tree = render_markdown("<https://example.org/auto> <javascript:alert(1)>\n\n"
                           "[ref][1] [bad][2]\n\n[1]: https://example.org/ref\n"
                           "[2]: javascript:alert(1)")
    assert [a.href for a in links(tree)] == ["https://example.org/auto",
                                             "https://example.org/ref"]


def test_empty_and_plain_text() -> None:
    assert render_markdown(None).children is None
    assert render_markdown("").children is None
    assert text(render_markdown("just words")) == "just words"


def test_safe_href() -> None:
    assert safe_href(" https://example.org ") == "https://example.org"
    assert safe_href("HTTPS://EXAMPLE.ORG/x") == "HTTPS://EXAMPLE.ORG/x"
    for bad in (None, "", "javascript:x", "https:///path", "http//x", "http://[::1"):
        assert safe_href(bad) is None, bad


# What a summary may become: plain HTML components with plain properties only. An
# html.Iframe, html.Script or html.Img, a dcc.Markdown (which can allow raw HTML), or a
# property such as ``style`` or an event handler would all fail the test.
SAFE_COMPONENTS = (html.Div, html.P, html.H3, html.H4, html.Strong, html.Em, html.Code,
                   html.Pre, html.A, html.Ul, html.Ol, html.Li, html.Blockquote, html.Br,
                   html.Hr)
SAFE_PROPS = {"children", "className", "href", "rel", "target"}


def test_nothing_allows_raw_html() -> None:
    written = ('**a** [b](https://example.org) <div onclick="steal()">c</div>\n\n'
               "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
               '<iframe src="https://evil.example"></iframe>')
    tree = render_markdown(written)
    for node in components(tree):
        assert type(node) in SAFE_COMPONENTS, type(node).__name__
        assert set(node.to_plotly_json()["props"]) <= SAFE_PROPS, node
    # HTML written in a summary shows as the characters written, never as elements.
    shown = text(tree)
    for raw in ('<div onclick="steal()">c</div>', "<script>alert(1)</script>",
                "<img src=x onerror=alert(2)>", '<iframe src="https://evil.example">'):
        assert raw in shown, raw
    assert [type(n).__name__ for n in components(tree)].count("A") == 1


# ------------------------------------------------------------------ bounds

def _depth(component: object) -> int:
    children = getattr(component, "children", None)
    if isinstance(children, list):
        return 1 + max((_depth(c) for c in children), default=0)
    if children is not None and not isinstance(children, str):
        return 1 + _depth(children)
    return 1


def _count(component: object) -> int:
    children = getattr(component, "children", None)
    if isinstance(children, list):
        return 1 + sum(_count(c) for c in children if not isinstance(c, str))
    if children is not None and not isinstance(children, str):
        return 1 + _count(children)
    return 1


def _text(component: object) -> str:
    children = getattr(component, "children", None)
    if isinstance(component, str):
        return component
    if isinstance(children, list):
        return "".join(_text(c) for c in children)
    return _text(children) if children is not None else ""


@pytest.mark.parametrize("text", [
    "- a\n" * 170_000,                                   # 170,000 list items
    "*a " * 5_000 + "b" + "*" * 5_000,                   # emphasis 5,000 deep
    "*a _b " * 2_000 + "c" + "_* " * 2_000,
    "> " * 5_000 + "x",                                  # quotes
    "".join("  " * i + "- x\n" for i in range(2_000)),   # lists in lists
    "[a](https://x.org) " * 40_000,                      # links
    "[" * 50_000 + "a" + "]" * 50_000,
])
def test_any_summary_renders_bounded_in_size_and_depth(text: str) -> None:
    rendered = render_markdown(text)
    assert _depth(rendered) <= MAX_DEPTH + 3  # the Div, and an inline tag's text
    assert _count(rendered) <= MAX_COMPONENTS + 1


def test_bounded_rendering_keeps_the_words() -> None:
    deep = "*a " * 30 + "b" + "*" * 30
    rendered = render_markdown(deep)
    assert _text(rendered).replace(" ", "") == "a" * 30 + "b"
    assert _depth(rendered) <= MAX_DEPTH + 3
    many = render_markdown("- a\n" * 2_500)  # more items than components allowed
    assert _text(many) == "a" * 2_500
    assert _count(many) <= MAX_COMPONENTS + 1
    long = render_markdown("word " * 10_000)
    assert _text(long).endswith("…") and len(_text(long)) <= MAX_RENDERED_CHARACTERS + 1
