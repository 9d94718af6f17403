"""A page's Dash layout as static HTML, for the first screen the server sends.

The router renders every page as a tree of Dash components; :func:`to_html` writes the
same tree as HTML, so the reader sees the page (title, count, list, an event's detail)
before any script has run, and a search engine or a link preview reads it too. Dash
then renders the same tree in the browser and takes over.

Everything is escaped: text with ``html.escape``, attribute values quoted and escaped,
and only attributes known to be plain data are written (no ``on...`` handlers, no
``javascript:`` links: ``href``/``src`` values that are not http(s), relative or
fragment links are dropped). Components that draw in the browser (charts, dropdowns,
sliders) become placeholders of their final size, so nothing moves when they draw.

With ``charts=True`` (a page served without Dash, see ``app/document.py``) each chart's
placeholder also carries its figure and config as a JSON data block
(``<script type="application/json" class="chart-figure">``, never run, with ``<``,
``>`` and ``&`` escaped so no text in it can end the block), which
``static/charts.js`` draws with Plotly.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable, Mapping
from typing import Any

from dash.development.base_component import Component
from plotly.utils import PlotlyJSONEncoder

from timeline.app.security import script_json

__all__ = ["text_of", "to_html"]

# Elements that have no closing tag.
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"})
# Dash's names for props whose HTML attribute is spelled differently.
_ATTRIBUTE_NAMES = {
    "className": "class", "htmlFor": "for", "tabIndex": "tabindex", "hrefLang": "hreflang",
    "colSpan": "colspan", "rowSpan": "rowspan", "dateTime": "datetime",
    "maxLength": "maxlength", "autoComplete": "autocomplete", "accessKey": "accesskey",
    "contentEditable": "contenteditable", "referrerPolicy": "referrerpolicy",
}
# Plain-data attributes written as they are (after renaming); anything else is left out.
_ALLOWED = frozenset({
    "id", "class", "style", "title", "lang", "dir", "role", "hidden", "tabindex", "for",
    "href", "target", "rel", "hreflang", "scope", "colspan", "rowspan", "datetime",
    "open", "type", "value", "placeholder", "maxlength", "autocomplete", "name", "alt",
    "src", "width", "height", "loading", "cite", "start", "reversed", "disabled",
    "checked", "readonly", "download", "referrerpolicy", "span",
})
_BOOLEAN = frozenset({"hidden", "open", "disabled", "checked", "readonly", "reversed"})
_SAFE_URL = re.compile(r"^(?:https?://|mailto:|/|\?|#|\.{0,2}/)|^[^:/?#]*(?:[/?#]|$)",
                       re.IGNORECASE)
# Dash html tags whose element name is not their lower-cased type.
_TAGS = {"ObjectEl": "object", "MapEl": "map"}


def to_html(node: Any, *, charts: bool = False) -> str:
    """``node`` (a component, a string, a number, a list of them or None) as HTML;
    with ``charts``, each chart's placeholder carries its figure (see above)."""
    parts: list[str] = []
    _write(node, parts, charts)
    return "".join(parts)


def _write(node: Any, out: list[str], charts: bool = False) -> None:
    if node is None or isinstance(node, bool):
        return
    if isinstance(node, str):
        out.append(_html.escape(node, quote=False))
    elif isinstance(node, int | float):
        out.append(_html.escape(str(node)))
    elif isinstance(node, Component):
        _component(node, out, charts)
    elif isinstance(node, Iterable):
        for child in node:
            _write(child, out, charts)


def figure_data(props: Mapping[str, Any]) -> str:
    """A dcc.Graph's figure and config as JSON safe inside a <script> data block."""
    config = dict(props.get("config") or {})
    if props.get("responsive"):
        config["responsive"] = True
    return script_json({"figure": props.get("figure") or {}, "config": config},
                       PlotlyJSONEncoder)


def _props(component: Component) -> dict[str, Any]:
    return {name: value for name, value in component.to_plotly_json()["props"].items()
            if value is not None}


def _component(component: Component, out: list[str], charts: bool) -> None:
    kind, namespace = component._type, component._namespace
    props = _props(component)
    if namespace == "dash_html_components":
        _element(_TAGS.get(kind, kind.lower()), props, props.get("children"), out, charts)
    elif namespace == "dash_core_components":
        _core(kind, props, out, charts)
    else:
        _write(props.get("children"), out, charts)


def _element(tag: str, props: Mapping[str, Any], children: Any, out: list[str],
             charts: bool = False) -> None:
    if tag == "img" and "data-src" in props and "src" not in props:
        # Dash's html.Img has no `loading`, so its picture waits in data-src for
        # assets/media.js; in HTML the browser loads it lazily by itself.
        props = {**props, "src": props["data-src"], "loading": "lazy"}
        props.pop("data-src")
    out.append(f"<{tag}{_attributes(props)}>")
    if tag in _VOID:
        return
    _write(children, out, charts)
    out.append(f"</{tag}>")


def _attributes(props: Mapping[str, Any]) -> str:
    written: list[str] = []
    for prop, value in props.items():
        name = _ATTRIBUTE_NAMES.get(prop, prop)
        if value is None:
            continue
        if not (name in _ALLOWED or name.startswith(("aria-", "data-"))):
            continue
        if name == "style":
            value = _style(value)
            if not value:
                continue
        elif name in ("href", "src"):
            value = str(value)
            if not _SAFE_URL.match(value.strip()):
                continue
        if name in _BOOLEAN:
            if value:
                written.append(f" {name}")
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        written.append(f' {name}="{_html.escape(str(value), quote=True)}"')
    return "".join(written)


def _style(style: Any) -> str:
    if not isinstance(style, Mapping):
        return ""
    declarations = []
    for key, value in style.items():
        name = key if key.startswith("--") else re.sub(r"[A-Z]", lambda m: "-" + m[0].lower(),
                                                       key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = f"{value}px"
        text = str(value)
        if not re.fullmatch(r"[-\w]+", name) or re.search(r"[;{}<>\\]|url\(", text, re.I):
            continue  # nothing that could close the declaration or fetch anything
        declarations.append(f"{name}: {text}")
    return "; ".join(declarations)


def _core(kind: str, props: dict[str, Any], out: list[str], charts: bool) -> None:
    """dcc components: what the reader sees before Dash draws them."""
    if kind in ("Location", "Store", "Interval", "Download"):
        return
    if kind == "Link":
        attributes: dict[str, Any] = {k: props[k] for k in ("id", "href", "title", "target",
                                                            "className")
                      if k in props}
        attributes.update({k: v for k, v in props.items() if k.startswith(("aria-", "data-"))})
        _element("a", attributes, props.get("children"), out, charts)
    elif kind == "Graph":
        out.append("<div" + _attributes({
            "id": props.get("id"), "style": props.get("style"),
            "className": " ".join(filter(None, ["dash-graph", "graph-pending",
                                                props.get("className")]))}) + ">")
        if charts:
            out.append('<script type="application/json" class="chart-figure">'
                       f"{figure_data(props)}</script>")
        out.append("</div>")
    elif kind == "Input":
        attributes = {k: props[k] for k in ("id", "type", "value", "placeholder", "className",
                                            "maxLength", "autoComplete", "name")
                      if k in props}
        attributes.setdefault("type", "text")
        _element("input", attributes, None, out)
    elif kind == "Dropdown":
        chosen = props.get("value") or []
        chosen = chosen if isinstance(chosen, list) else [chosen]
        labels = {str(o.get("value")): o.get("label") for o in props.get("options") or []
                  if isinstance(o, Mapping)}
        text = ", ".join(str(labels.get(str(v), v)) for v in chosen) or props.get(
            "placeholder", "")
        classes = " ".join(filter(None, ["dropdown-pending", props.get("className")]))
        out.append(f"<div{_attributes({'id': props.get('id'), 'className': classes})}>")
        out.append(f'<span class="dropdown-pending-text">{_html.escape(str(text))}</span>')
        out.append("</div>")
    elif kind == "RadioItems":
        wrapper = {"id": props.get("id"), "className": props.get("className")}
        out.append(f"<div{_attributes(wrapper)}>")
        for option in props.get("options") or []:
            value = option.get("value") if isinstance(option, Mapping) else option
            label = option.get("label") if isinstance(option, Mapping) else option
            out.append('<label class="dash-options-list-option">')
            # a real radio button: chosen before Dash starts, it is chosen in Dash's
            # page too (static/boot.js); a group of its own, not Dash's (same page)
            _element("input", {"type": "radio", "value": value,
                               "name": f"server-{props.get('id')}",
                               "checked": value == props.get("value")}, None, out)
            _write(label, out, charts)
            out.append("</label>")
        out.append("</div>")
    elif kind in ("Slider", "RangeSlider"):
        _element("div", {"id": props.get("id"), "className": "slider-pending",
                         "style": {"height": "44px"}}, None, out)
    else:
        _write(props.get("children"), out, charts)


def text_of(node: Any) -> str:
    """The text a reader would read in ``node`` (its strings, in order)."""
    if isinstance(node, str):
        return node
    if isinstance(node, int | float) and not isinstance(node, bool):
        return str(node)
    if isinstance(node, list | tuple):
        return "".join(text_of(child) for child in node)
    if isinstance(node, Component):
        return text_of(getattr(node, "children", None))
    return ""
