"""Downloads, feeds and the JSON API through Flask's test client, read back with real
parsers, and the OpenAPI document checked by openapi-spec-validator."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import feedparser
import geojson
import icalendar
import jsonschema
import pytest
from flask.testing import FlaskClient
from openapi_spec_validator import validate as validate_openapi

from timeline.app import AppSettings, create_app
from timeline.validate.loader import load_dataset

VALID = Path(__file__).parent / "data" / "valid"
ALL_IDS = ["2013-training-announced", "2024-04-uncertain-statement",
           "2024-04-05-mexico-breaks-with-ecuador", "2025-05-21-march-in-mexico-city",
           "2025-05-hunger-strike"]


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    app = create_app(load_dataset(VALID).dataset,
                     AppSettings(today=date(2025, 6, 1), warm=False, export_limit=4,
                                 calendar_limit=3))
    return app.server.test_client()


def test_every_download_has_its_type_name_cors_and_parses_back(client: FlaskClient) -> None:
    answer = client.get("/export/events.csv?type=march&type=hunger-strike")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/csv; charset=utf-8")
    assert answer.headers["Content-Disposition"] == 'attachment; filename="events.csv"'
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    rows = list(csv.DictReader(io.StringIO(answer.data.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == ["2025-05-21-march-in-mexico-city",
                                       "2025-05-hunger-strike"]
    assert rows[0]["link"] == "http://localhost/events/2025-05-21-march-in-mexico-city"

    answer = client.get("/export/events.json?country=EC")
    assert answer.headers["Content-Type"].startswith("application/json")
    assert [e["id"] for e in answer.get_json()["events"]] == [
        "2024-04-05-mexico-breaks-with-ecuador"]

    answer = client.get("/export/events.ics?q=march")
    assert answer.headers["Content-Type"].startswith("text/calendar")
    assert answer.headers["Content-Disposition"] == 'attachment; filename="events.ics"'
    calendar = icalendar.Calendar.from_ical(answer.data)
    assert [str(e["uid"]) for e in calendar.walk("VEVENT")] == [
        "2025-05-21-march-in-mexico-city@campaign-timeline"]

    answer = client.get("/export/events.geojson?from=2024")
    assert answer.headers["Content-Type"].startswith("application/geo+json")
    assert geojson.loads(answer.data.decode()).is_valid

    answer = client.get("/export/events.timelinejs.json?lanes=country&lang=es&type=march")
    assert answer.headers["Content-Disposition"] == (
        'attachment; filename="events.timelinejs.json"')
    slide = json.loads(answer.data)["events"][0]
    assert slide["group"] == "México"  # the lane, in the reader's language
    assert slide["text"]["headline"] == "Marcha en la Ciudad de México"


def test_a_download_is_bounded(client: FlaskClient) -> None:
    answer = client.get("/export/events.csv")  # 5 events, the limit here is 4
    assert answer.status_code == 413
    assert answer.get_json()["error"].startswith(
        "5 events match; this download holds at most 4. Narrow the filters")
    assert client.get("/export/events.csv?from=2024").status_code == 200
    assert client.get("/export/events.ics?from=2024").status_code == 413  # 4 > 3
    assert client.get("/export/events.ics?from=2025").status_code == 200


def test_revalidation_answers_304(client: FlaskClient) -> None:
    first = client.get("/api/events?type=march")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag.startswith('"') and modified.endswith("GMT")
    assert client.get("/api/events?type=march",
                      headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/feeds/events.atom",
                      headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get("/export/events.csv?type=march",
                      headers={"If-None-Match": '"other"'}).status_code == 200


def test_feeds_parse_back_and_pages_announce_them(client: FlaskClient) -> None:
    answer = client.get("/feeds/events.atom?country=MX&lang=es")
    assert answer.headers["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(answer.data)
    assert not parsed.bozo
    assert parsed.entries[0].link == "http://localhost/events/2025-05-hunger-strike"
    assert parsed.entries[0].title == "Académicos en huelga de hambre"
    assert parsed.feed.links[0].href == "http://localhost/?country=MX&lang=es"
    campaign = feedparser.parse(client.get("/feeds/campaigns/break-relations.atom").data)
    assert [e.link.rsplit("/", 1)[1] for e in campaign.entries] == [
        "2025-05-hunger-strike", "2025-05-21-march-in-mexico-city"]
    assert campaign.feed.title.endswith("Break relations")
    actor = feedparser.parse(client.get("/feeds/actors/ana-lopez.atom").data)
    assert len(actor.entries) == 2
    assert client.get("/feeds/actors/nobody.atom").status_code == 404
    assert client.get("/feeds/campaigns/%3Cx%3E.atom").get_json() == {
        "error": "no campaign '<x>'"}
    home = client.get("/").data.decode()
    assert ('<link rel="alternate" type="application/atom+xml" title="Test timeline" '
            'href="/feeds/events.atom">') in home
    page = client.get("/campaigns/break-relations").data.decode()
    assert 'href="/feeds/campaigns/break-relations.atom"' in page
    assert 'href="/feeds/actors/ana-lopez.atom"' in client.get("/actors/ana-lopez").data.decode()


def test_api_pages_follow_next_to_the_end(client: FlaskClient) -> None:
    seen: list[str] = []
    url: str | None = "/api/events?per_page=2"
    pages = 0
    while url:
        answer = client.get(url)
        assert answer.status_code == 200
        body = answer.get_json()
        assert body["count"] == 5 and body["per_page"] == 2
        seen += [e["id"] for e in body["events"]]
        url = body["next"]
        if url:
            assert answer.headers["Link"] == f'<{url}>; rel="next"'
        pages += 1
    assert seen == ALL_IDS and pages == 3
    filtered = client.get("/api/events?actor=ana-lopez").get_json()
    assert [e["id"] for e in filtered["events"]] == [
        "2024-04-05-mexico-breaks-with-ecuador", "2025-05-21-march-in-mexico-city"]
    assert filtered["next"] is None
    for bad in ("page=0", "per_page=501", "page=x", "per_page=-1"):
        answer = client.get(f"/api/events?{bad}")
        assert answer.status_code == 400 and "per_page" in answer.get_json()["error"]


def test_api_items(client: FlaskClient) -> None:
    event = client.get("/api/events/2025-05-21-march-in-mexico-city").get_json()
    assert event["title"]["es"] == "Marcha en la Ciudad de México"
    missing = client.get("/api/events/nope")
    assert missing.status_code == 404 and missing.get_json() == {"error": "no event 'nope'"}
    assert [a["id"] for a in client.get("/api/actors").get_json()["actors"]] == [
        "ana-lopez", "teachers-union"]
    campaigns = client.get("/api/campaigns").get_json()
    assert [c["id"] for c in campaigns["campaigns"]] == ["break-relations"]
    assert client.get("/api/actors").headers["Access-Control-Allow-Origin"] == "*"


def _check(document: dict[str, Any], schema_name: str, instance: Any) -> None:
    schema = {**document, "$ref": f"#/components/schemas/{schema_name}"}
    jsonschema.Draft202012Validator(schema).validate(instance)


def test_openapi_document_is_valid_and_describes_real_answers(client: FlaskClient) -> None:
    document = client.get("/api/openapi.json").get_json()
    validate_openapi(document)  # raises on any error in the OpenAPI 3.1 document
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "http://localhost"}]
    for path in ("/api/events", "/api/events/{id}", "/api/actors", "/api/campaigns",
                 "/feeds/events.atom", "/export/events.csv"):
        assert path in document["paths"]
    page = client.get("/api/events").get_json()
    for event in page["events"]:
        _check(document, "Event", event)
    for actor in client.get("/api/actors").get_json()["actors"]:
        _check(document, "Actor", actor)
    for campaign in client.get("/api/campaigns").get_json()["campaigns"]:
        _check(document, "Campaign", campaign)
    listed = {p["name"] for p in document["paths"]["/api/events"]["get"]["parameters"]
              if "name" in p} | {
        ref["$ref"].rsplit("/", 1)[1]
        for ref in document["paths"]["/api/events"]["get"]["parameters"] if "$ref" in ref}
    assert {"country", "actor", "type", "campaign", "tag", "q", "from", "to", "lang",
            "demand", "stance", "page", "per_page"} <= listed


def test_campaign_and_actor_pages_link_their_feeds() -> None:
    from timeline.app.api import feed_href

    assert feed_href("campaigns", "break-relations", "es") == (
        "/feeds/campaigns/break-relations.atom?lang=es")
    app = create_app(load_dataset(VALID).dataset, AppSettings(today=date(2025, 6, 1),
                                                              warm=False))
    context = app.server.config["TIMELINE_CONTEXT"]
    from timeline.app.pages import actor, campaign

    for module, ident, href in (
            (campaign, "break-relations", "/feeds/campaigns/break-relations.atom?lang=en"),
            (actor, "ana-lopez", "/feeds/actors/ana-lopez.atom?lang=en")):
        page = str(module.layout(context, ident, "", "en").to_plotly_json())
        assert href in page and "Follow (Atom feed)" in page
        client = app.server.test_client()
        assert not feedparser.parse(client.get(href).data).bozo
