"""Every value a callback receives, validated and bounded in one place.

A callback request (``POST /_dash-update-component``) is read, checked and cut down by
:func:`bounded_callback_request` before Dash sees it, so every callback of every page
gets values no larger than a URL could carry: lists keep at most ``MAX_VALUES`` distinct
values of at most ``MAX_QUERY_LENGTH`` characters, as :meth:`Filters.from_query` keeps a
repeated URL key; a location's query string keeps the same 20,000 characters it reads;
a text box's value at most ``MAX_TEXT_VALUE`` (the pages' filters cut theirs to
``MAX_QUERY_LENGTH`` when they read it, through ``Filters.from_query``); numbers are
finite; nesting is shallow. Anything else (not JSON, too deep, the wrong type for a
property, an output no callback has, inputs that do not match the callback's) is a
:class:`BadCallbackRequest`, answered 400 with one line in the log.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from timeline.query.filters import MAX_QUERY_LENGTH, MAX_VALUES

MAX_URL_LENGTH = 20_000  # a location's search or path, as Filters.from_query reads it
MAX_TEXT_VALUE = 65_536  # a text box's value (a form's summary); filters cut theirs to
# MAX_QUERY_LENGTH when they read it, as from a URL
MAX_DEPTH = 8  # nesting of a store's data, a click's points
MAX_KEYS = 64  # keys of one object
MAX_NUMBER = 2**53  # integers beyond this are not exact in the browser either
MAX_CLICKS = 2**31


class BadCallbackRequest(ValueError):
    """A callback request no page of the app could have sent."""


def _text(value: Any, limit: int, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadCallbackRequest(f"{where}: expected text, got {type(value).__name__}")
    return value[:limit]


def _number(value: Any, where: str) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadCallbackRequest(f"{where}: expected a number, got {type(value).__name__}")
    if isinstance(value, float) and not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise BadCallbackRequest(f"{where}: number out of range")
    return value


def _scalar(value: Any, where: str, limit: int = MAX_QUERY_LENGTH) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value[:limit]
    return _number(value, where)


def _control_value(value: Any, where: str) -> Any:
    """A control's ``value``: one scalar, or a list of them kept as a URL keeps a
    repeated key (at most MAX_VALUES, duplicates dropped, each text cut)."""
    if isinstance(value, list):
        kept: dict[Any, None] = {}
        for item in value:
            if len(kept) >= MAX_VALUES:
                break
            kept[_scalar(item, where)] = None
        return list(kept)
    return _scalar(value, where, MAX_TEXT_VALUE)


def _json(value: Any, where: str, depth: int = 0) -> Any:
    """Any other property (a store's data, a click, children): shallow, bounded JSON."""
    if depth > MAX_DEPTH:
        raise BadCallbackRequest(f"{where}: nested too deeply")
    if isinstance(value, str):
        return value[:MAX_URL_LENGTH]
    if isinstance(value, list):
        return [_json(item, where, depth + 1) for item in value[:MAX_VALUES]]
    if isinstance(value, dict):
        if len(value) > MAX_KEYS:
            raise BadCallbackRequest(f"{where}: too many keys")
        return {str(k)[:MAX_QUERY_LENGTH]: _json(v, where, depth + 1)
                for k, v in value.items()}
    return _scalar(value, where)


def _clicks(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < MAX_CLICKS:
        raise BadCallbackRequest(f"{where}: expected a click count")
    return value


def bounded_value(prop: str, value: Any, where: str = "value") -> Any:
    """One property's value, validated and bounded by what the property is."""
    if prop in ("search", "pathname", "hash", "href"):
        return _text(value, MAX_URL_LENGTH, where)
    if prop in ("search_value", "id"):
        return _text(value, MAX_QUERY_LENGTH, where)
    if prop == "value":
        return _control_value(value, where)
    if prop in ("n_clicks", "n_submit", "n_blur"):
        return _clicks(value, where)
    if prop.endswith("_timestamp"):
        return None if value is None else _number(value, where)
    return _json(value, where)


def _dependency(item: Any, where: str) -> dict[str, Any]:
    if not isinstance(item, dict) or not isinstance(item.get("property"), str) or \
            not isinstance(item.get("id"), str | dict):
        raise BadCallbackRequest(f"{where}: expected {{id, property, value}}")
    prop = item["property"][:MAX_QUERY_LENGTH]
    ident = item["id"] if isinstance(item["id"], str) else _json(item["id"], where, 1)
    bounded = {"id": ident, "property": prop}
    if "value" in item:
        bounded["value"] = bounded_value(prop, item["value"], f"{where}.{prop}")
    return bounded


def _dependencies(items: Any, declared: list[dict[str, Any]], where: str
                  ) -> list[Any]:
    if items is None:
        items = []
    if not isinstance(items, list) or len(items) != len(declared):
        raise BadCallbackRequest(f"{where}: expected {len(declared)} values")
    out: list[Any] = []
    for number, (item, wanted) in enumerate(zip(items, declared, strict=True)):
        place = f"{where}[{number}]"
        if isinstance(item, list):  # a pattern-matching (ALL, ALLSMALLER) input
            out.append([_dependency(one, place) for one in item[:MAX_VALUES]])
            continue
        found = _dependency(item, place)
        if isinstance(wanted.get("id"), str) and not wanted["id"].startswith("{") and (
                found["id"], found["property"]) != (wanted["id"], wanted["property"]):
            raise BadCallbackRequest(f"{place}: not an input of this callback")
        out.append(found)
    return out


def bounded_callback_request(raw: bytes,
                             callbacks: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The body of a callback request, checked against ``callbacks`` (Dash's callback
    map) and with every value bounded; :class:`BadCallbackRequest` if it is malformed."""
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadCallbackRequest("not JSON (or nested too deeply)") from None
    if not isinstance(body, dict):
        raise BadCallbackRequest("expected a JSON object")
    output = body.get("output")
    if not isinstance(output, str) or output not in callbacks:
        raise BadCallbackRequest("unknown output")
    callback = callbacks[output]
    if callback.get("callback") is None:  # a clientside callback: the browser runs it
        raise BadCallbackRequest("not a server callback")
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        raise BadCallbackRequest("changedPropIds: expected a list of texts")
    outputs = body.get("outputs")
    if not isinstance(outputs, dict | list):
        raise BadCallbackRequest("outputs: expected an object or a list")
    bounded = {key: _json(value, key, 2) for key, value in body.items()
               if isinstance(key, str) and key not in ("inputs", "state")}
    bounded["inputs"] = _dependencies(body.get("inputs"), callback.get("inputs", []),
                                      "inputs")
    bounded["state"] = _dependencies(body.get("state"), callback.get("state", []), "state")
    bounded["outputs"] = _json(outputs, "outputs", 2)
    bounded["changedPropIds"] = changed[:MAX_VALUES]
    return bounded
