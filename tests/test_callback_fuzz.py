"""Every callback of every page against arbitrary values (hypothesis, issue 9): whatever
a client posts, the answer is 200, 204 (nothing to do) or 400 (malformed), never an
exception, and never larger than a bounded size."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import dash
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from browser_kit import write_dataset
from callback_kit import callback_body
from timeline.app import AppSettings, create_app
from timeline.validate.loader import load_dataset

MAX_ANSWER_BYTES = 2_000_000  # the biggest legitimate answer here is a few hundred kB

PLAUSIBLE = st.sampled_from([
    "MX", "IL", "march", "ana-lopez", "break-ties", "protest", "es", "en", "type",
    "country", "?country=MX&lang=es", "?event=2025-05-21-march-in-mexico-city", "2025",
    "2025-05", "1985/..", "/relations", "/actors/ana-lopez", "//evil.example/x",
    "../../etc/passwd", "\x00", "ñandú", "9" * 400])
SCALARS = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=300)
           | PLAUSIBLE)
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=12)
                      | st.dictionaries(st.text(max_size=12) | PLAUSIBLE, inner,
                                        max_size=6), max_leaves=40)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> dash.Dash:
    folder = write_dataset(tmp_path_factory.mktemp("fuzz") / "data")
    app = create_app(load_dataset(folder).dataset, AppSettings(today=date(2025, 6, 1)))
    app.server.testing = True  # an exception in a callback reaches the test
    return app


def test_every_callback_survives_any_values(app: dash.Dash) -> None:
    client = app.server.test_client()
    keys = sorted(app.callback_map)

    @settings(max_examples=150, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(key=st.sampled_from(keys), data=st.data())
    def check(key: str, data: st.DataObject) -> None:
        spec = app.callback_map[key]
        names = [f"{d['id']}.{d['property']}" for d in [*spec["inputs"],
                                                         *spec.get("state", [])]]
        values: dict[str, Any] = {name: data.draw(VALUES, label=name) for name in names}
        changed = data.draw(st.lists(st.sampled_from(names), max_size=2), label="changed") \
            if names else []
        body = json.dumps(callback_body(app, key, values, changed), allow_nan=True)
        answer = client.post("/_dash-update-component", data=body,
                             content_type="application/json")
        assert answer.status_code in (200, 204, 400), (key, answer.status_code)
        assert len(answer.get_data()) <= MAX_ANSWER_BYTES

    check()


def test_forged_bodies_answer_400(app: dash.Dash) -> None:
    client = app.server.test_client()

    @settings(max_examples=60, deadline=None)
    @given(body=VALUES)
    def check(body: Any) -> None:
        answer = client.post("/_dash-update-component", data=json.dumps(body),
                             content_type="application/json")
        assert answer.status_code == 400

    check()


def test_the_fuzzed_app_is_the_real_one(app: dash.Dash) -> None:
    """The fuzz reaches every page's callbacks, not a subset."""
    outputs = " ".join(app.callback_map)
    for page in ("timeline-", "relations-", "shell-page"):
        assert page in outputs
