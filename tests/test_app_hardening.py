"""The app against hostile data and requests, over HTTP (issue 9): an escaped title and
a nonce-only script policy, no version numbers, 404 for unknown paths and links that
stay on the site, bounded and validated callback requests (400, 413), languages that
never reach a path or a cache key; and the timeline page's callbacks driven by posting
to ``/_dash-update-component`` as the browser does."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import platform
import re
from datetime import date
from pathlib import Path
from typing import Any

import dash
import plotly
import pytest
from flask.testing import FlaskClient

from browser_kit import SETTINGS, write_dataset
from callback_kit import answer, callback_body, output_key, post_callback
from timeline.app import AppSettings, bounds, create_app
from timeline.app.components import shell
from timeline.app.security import content_security_policy
from timeline.query.filters import MAX_QUERY_LENGTH, MAX_VALUES
from timeline.validate.loader import load_dataset

HOSTILE_TITLE = "</title><script>window.pwned = 1</script><title>"
UPDATE = ("timeline-url.search", "timeline-detail.children")


@pytest.fixture
def app(tmp_path: Path) -> dash.Dash:
    settings = {**SETTINGS, "title": {"en": HOSTILE_TITLE, "es": "Título"}}
    report = load_dataset(write_dataset(tmp_path / "data", settings=settings))
    assert report.errors == []
    return create_app(report.dataset, AppSettings(today=date(2025, 6, 1)))


@pytest.fixture
def client(app: dash.Dash) -> FlaskClient:
    return app.server.test_client()


def update(client: FlaskClient, app: dash.Dash, values: dict[str, Any],
           changed: str) -> dict[str, dict[str, Any]]:
    controls = {"timeline-lanes.value": "type", "timeline-url.search": ""}
    return answer(post_callback(client, app, output_key(app, *UPDATE),
                                {**controls, **values}, [changed]))


# ------------------------------------------------------------------ the index HTML


def test_the_title_is_escaped_and_only_dashs_inline_scripts_may_run(
        client: FlaskClient) -> None:
    response = client.get("/")
    body = response.get_data(as_text=True)
    assert "<script>window.pwned" not in body
    assert "<title>&lt;/title&gt;&lt;script&gt;window.pwned = 1&lt;/script&gt;" in body
    policy = response.headers["Content-Security-Policy"]
    script_src = next(p for p in policy.split("; ") if p.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    allowed = set(re.findall(r"'(sha256-[\w+/=]+)'", script_src))
    assert script_src == "script-src 'self' " + "".join(
        f"'{h}' " for h in sorted(allowed)) + "'unsafe-eval'"
    # no inline script runs with the page; Dash's own (its clientside registrations)
    # run when static/boot.js starts Dash, from the page's plan, allowed by their hashes
    assert not [text for attributes, text in re.findall(
        r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", body, re.DOTALL)
        if "application/json" not in attributes]
    plan = json.loads(re.search(r'<script id="dash-boot" type="application/json">(.*?)'
                                r"</script>", body, re.DOTALL)[1])
    inline = [item["inline"] for item in plan["scripts"] if "inline" in item]
    assert len(inline) >= 1 and not [text for text in inline if "pwned" in text]
    assert {"sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
            for text in inline} == allowed
    # the same page, the same policy (pages stay cacheable); other responses (callbacks,
    # assets) allow no inline script at all
    assert client.get("/").headers["Content-Security-Policy"] == policy
    assert client.get("/assets/timeline.css").headers["Content-Security-Policy"] == (
        content_security_policy())


def test_no_version_numbers_are_announced(client: FlaskClient) -> None:
    response = client.get("/relations")
    body = response.get_data(as_text=True)
    for version in (dash.__version__, dash.__version__.replace(".", "_"),
                    plotly.__version__, platform.python_version()):
        assert version not in body
    assert "python_version" not in body and "dash_version" not in body
    # the opaque fingerprints still serve the scripts (listed for static/boot.js)
    scripts = re.findall(r'"src":"(/_dash-component-suites/[^"]+)"', body)
    assert scripts and all(client.get(src).status_code == 200 for src in scripts[:3])


# ------------------------------------------------------------------ paths and links


@pytest.mark.parametrize("path", ["/nope", "//evil.example/x", "/campaigns", "/actors/",
                                  "/relations/x", "/%2F%2Fevil.example"])
def test_unknown_paths_answer_404_with_the_not_found_page(client: FlaskClient,
                                                          path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert 'id="react-entry-point"' in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/", "/relations", "/campaigns/break-ties",
                                  "/actors/ana-lopez", "/?country=MX&lang=es"])
def test_known_paths_answer_200(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 200


def test_plain_flask_routes_are_left_alone(app: dash.Dash) -> None:
    app.server.add_url_rule("/robots.txt", "robots", lambda: "User-agent: *\n")
    client = app.server.test_client()
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    assert client.get("/assets/nothing-here.js").status_code == 404


@pytest.mark.parametrize(("pathname", "wanted"), [
    ("//evil.example/x", "/evil.example/x?lang=es"),
    ("/\\evil.example", "/%5Cevil.example?lang=es"),
    ("///", "/?lang=es"),
    ("", "/?lang=es"),
    ("/relations", "/relations?lang=es"),
])
def test_language_links_stay_on_the_site(pathname: str, wanted: str) -> None:
    href = shell.language_href(pathname, "", "es")
    assert href == wanted and href.startswith("/") and not href.startswith("//")


# ------------------------------------------------------------------ request bodies


def test_a_body_over_the_limit_is_refused_with_413(client: FlaskClient, app: dash.Dash,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    limit = AppSettings().max_request_bytes
    assert app.server.config["MAX_CONTENT_LENGTH"] == limit
    huge = json.dumps({"output": "x", "inputs": [], "pad": "x" * limit})
    with caplog.at_level(logging.WARNING, "timeline.app"):
        response = client.post("/_dash-update-component", data=huge,
                               content_type="application/json")
    assert response.status_code == 413
    assert [r.getMessage() for r in caplog.records] == [
        f"413 POST /_dash-update-component: body over {limit} bytes"]


def _malformed(app: dash.Dash) -> dict[str, bytes]:
    key = output_key(app, *UPDATE)
    good = callback_body(app, key, {"timeline-lanes.value": "type"},
                         ["timeline-country.value"])

    def changed(edits: dict[tuple[str, int], Any], trigger: str = "") -> bytes:
        body = json.loads(json.dumps(good))
        if trigger:
            body["changedPropIds"] = [trigger]
        for (section, number), value in edits.items():
            body[section][number]["value"] = value
        return json.dumps(body).encode()

    country = next(i for i, d in enumerate(good["inputs"]) if d["id"] == "timeline-country")
    window = next(i for i, d in enumerate(good["inputs"]) if d["id"] == "timeline-window")
    clicks = next(i for i, d in enumerate(good["inputs"]) if d["id"] == "timeline-reset")
    return {
        "not JSON": b"{output:",
        "deep nesting": b"[" * 100_000 + b"]" * 100_000,
        "moderately deep store": changed({("state", 0): json.loads("[" * 50 + "]" * 50)}),
        "a list": b"[]",
        "unknown output": json.dumps({**good, "output": "nothing.children"}).encode(),
        "missing inputs": json.dumps({**good, "inputs": good["inputs"][:3]}).encode(),
        "another component": json.dumps({**good, "inputs": [
            {**d, "id": "elsewhere"} for d in good["inputs"]]}).encode(),
        "a dict for a country": changed({("inputs", country): {"MX": 1}}),
        "a text for clicks": changed({("inputs", clicks): "many"}),
        "NaN": changed({("inputs", clicks): float("nan")}),
        "zoom beyond every number": changed({("inputs", window): {"range": [0, 1e300]}}),
        "zoom beyond every date": changed({("inputs", window): {"range": [0, 5e15]},
                                           ("state", 0): {"key": "lang=en"}},
                                          "timeline-window.data"),
        "zoom of objects": changed({("inputs", window): {"range": [{}, []]}},
                                   "timeline-window.data"),
        "zoom of one date": changed({("inputs", window): {"range": [1]}},
                                    "timeline-window.data"),
        "outputs of numbers": json.dumps({**good, "outputs": 7}).encode(),
    }


def test_malformed_callback_requests_answer_400_with_one_log_line(
        client: FlaskClient, app: dash.Dash, caplog: pytest.LogCaptureFixture) -> None:
    cases = _malformed(app)
    for name, body in cases.items():
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            response = client.post("/_dash-update-component", data=body,
                                   content_type="application/json")
        assert response.status_code == 400, name
        assert len(caplog.records) == 1, (name, caplog.records)
        assert caplog.records[0].exc_info is None and "\n" not in caplog.records[0].msg


def test_the_zoom_window_must_be_a_request_a_browser_could_send(
        client: FlaskClient, app: dash.Dash) -> None:
    """A zoom to the edge of what Plotly can show is not an error: nothing to draw."""
    key = output_key(app, *UPDATE)
    for window in ({"range": ["0001-01-01", "9999-12-31"]}, {"range": [-1e14, 1e14]},
                   {"range": ["-0500-01-01", "2020-01-01"]}, {"reset": True}):
        response = post_callback(client, app, key, {
            "timeline-window.data": window, "timeline-view.data": {"key": "lang=en"}},
            ["timeline-window.data"])
        assert response.status_code in (200, 204), window


def test_every_value_is_bounded_as_the_url_bounds_it() -> None:
    assert bounds.bounded_value("value", ["MX"] * 300_000) == ["MX"]
    many = bounds.bounded_value("value", [f"v{n}" for n in range(10_000)])
    assert len(many) == MAX_VALUES
    assert bounds.bounded_value("value", "x" * 100_000) == "x" * bounds.MAX_TEXT_VALUE
    assert bounds.bounded_value("value", ["x" * 1000]) == ["x" * MAX_QUERY_LENGTH]
    assert bounds.bounded_value("search_value", "y" * 10_000) == "y" * MAX_QUERY_LENGTH
    assert len(bounds.bounded_value("search", "?" + "q=a&" * 50_000)) == bounds.MAX_URL_LENGTH
    assert len(bounds.bounded_value("data", {"key": list(range(5000))})["key"]) == MAX_VALUES
    with pytest.raises(bounds.BadCallbackRequest):
        bounds.bounded_value("n_clicks", -1)
    with pytest.raises(bounds.BadCallbackRequest):
        bounds.bounded_value("value", [["nested"]])


def test_a_huge_repeated_filter_answers_as_the_short_one(client: FlaskClient,
                                                         app: dash.Dash) -> None:
    """Issue 9: ``country`` repeated 300,000 times held a worker for 20 s; cut to the
    URL's bounds it is the same request as ``country=MX`` (under the body limit, the
    most a client can send is about 40,000 repetitions)."""
    short = update(client, app, {"timeline-country.value": ["MX"]}, "timeline-country.value")
    repeated = update(client, app, {"timeline-country.value": ["MX"] * 40_000},
                      "timeline-country.value")
    assert repeated == short
    assert short["timeline-url"] == {"search": "?country=MX"}
    assert short["timeline-count"] == {"children": "5 of 6 events"}


# ------------------------------------------------------------------ languages


def test_a_language_is_one_of_the_datasets_and_never_grows_a_cache(
        client: FlaskClient, app: dash.Dash) -> None:
    from timeline.dates import display
    from timeline.i18n import catalogue

    client.get("/relations")
    key = output_key(app, "relations-url.search", "relations-map.figure")
    post_callback(client, app, key, {"relations-language.data": "es"},
                  ["relations-url.search"])
    before = (catalogue._read.cache_info().currsize, display._calendar.cache_info().currsize)
    for language in ("/etc/passwd", "../../../etc/hostname", "x" * 150, "de", "en\n"):
        response = post_callback(client, app, key, {"relations-language.data": language,
                                                    "relations-url.search": "?lang=es"},
                                 ["relations-url.search"])
        assert response.status_code == 200, language
        assert "relations-heading" in answer(response)
    assert catalogue.catalogue("/etc/passwd") == {} and catalogue.catalogue("../en") == {}
    assert (catalogue._read.cache_info().currsize,
            display._calendar.cache_info().currsize) == before


# ------------------------------------------------------------------ the timeline page


def test_the_timeline_callbacks_over_http(client: FlaskClient, app: dash.Dash) -> None:
    """Controls write the URL, the URL sets the controls, reset clears, the follow-up
    brings the list, "more" appends rows; each output by its name."""
    chosen = update(client, app, {"timeline-country.value": ["MX"],
                                  "timeline-search.value": "  Zócalo  "},
                    "timeline-country.value")
    assert chosen["timeline-url"]["search"] == "?country=MX&q=Z%C3%B3calo"
    view = chosen["timeline-view"]["data"]
    back = update(client, app, {"timeline-url.search": "?type=march&lang=es"},
                  "timeline-url.search")
    assert back["timeline-type"] == {"value": ["march"]}
    assert "timeline-url" not in back  # the URL led: it is not written back
    assert back["timeline-count"]["children"].startswith("1 de 6")
    cleared = update(client, app, {"timeline-url.search": "?type=march",
                                   "timeline-type.value": ["march"]}, "timeline-reset.n_clicks")
    assert cleared["timeline-url"] == {"search": ""}
    assert cleared["timeline-type"] == {"value": []}
    follow = answer(post_callback(
        client, app, output_key(app, "timeline-momentum.figure"),
        {"timeline-view.data": view, "timeline-url.search": "?country=MX&q=Z%C3%B3calo"},
        ["timeline-view.data"]))
    assert follow["timeline-more"] == {"hidden": True}
    assert len(follow["timeline-rows"]["children"]) == 1
    more = post_callback(client, app, output_key(app, "timeline-rows.children@"),
                         {"timeline-more.n_clicks": 1, "timeline-url.search": "",
                          "timeline-shown.data": {"key": "lang=en", "shown": 0}},
                         ["timeline-more.n_clicks"])
    assert answer(more)["timeline-more"] == {"hidden": True}
