"""Posting callback requests as Dash's renderer does, from the app's own callback map,
so that tests drive every page's callbacks over HTTP without a browser."""

from __future__ import annotations

import json
from typing import Any

import dash


def output_key(app: dash.Dash, *parts: str) -> str:
    """The callback-map key whose outputs include every ``id.property`` in ``parts``."""
    found = [key for key in app.callback_map if all(part in key for part in parts)]
    assert len(found) == 1, (parts, found)
    return found[0]


def _outputs(key: str) -> list[dict[str, str]] | dict[str, str]:
    names = [n for n in key.strip(".").split("...") if n] if key.startswith("..") else [key]
    outputs = []
    for name in names:
        ident, prop = name.rsplit(".", 1)
        outputs.append({"id": ident.split("@")[0], "property": prop.split("@")[0]})
    return outputs if key.startswith("..") else outputs[0]


def callback_body(app: dash.Dash, key: str, values: dict[str, Any],
                  changed: list[str]) -> dict[str, Any]:
    """The JSON body of a request to the callback ``key``; ``values`` by "id.property"
    (None for any not given)."""
    spec = app.callback_map[key]

    def filled(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**item, "value": values.get(f"{item['id']}.{item['property']}")}
                for item in items]

    return {"output": key, "outputs": _outputs(key), "inputs": filled(spec["inputs"]),
            "state": filled(spec.get("state", [])), "changedPropIds": changed}


def post_callback(client: Any, app: dash.Dash, key: str, values: dict[str, Any],
                  changed: list[str]) -> Any:
    return client.post("/_dash-update-component",
                       data=json.dumps(callback_body(app, key, values, changed)),
                       content_type="application/json")


def answer(response: Any) -> dict[str, dict[str, Any]]:
    """A 200 answer's outputs, by component id ({} when Dash sent 204: nothing to do)."""
    assert response.status_code in (200, 204), response.get_data(as_text=True)[:500]
    if response.status_code == 204:
        return {}
    return dict(response.get_json()["response"])
