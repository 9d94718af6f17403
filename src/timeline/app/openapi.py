"""The OpenAPI 3.1 document of the read-only API, served at ``/api/openapi.json``.

Built by a function (nothing at import time); ``tests/test_api.py`` validates it with
``openapi-spec-validator`` and checks real answers against its schemas.
"""

from __future__ import annotations

from typing import Any

from timeline.query.filters import LANES

_LIST_FILTERS = {
    "country": "ISO 3166-1 alpha-2 country code; repeat for several (any of them)",
    "actor": "actor id; repeat for several",
    "type": "event type id; repeat for several",
    "campaign": "campaign id; repeat for several",
    "tag": "tag; repeat for several",
    "demand": "<campaign-id>/<demand-id>: events linked to that demand; repeatable",
    "stance": "with demand: only links with this stance; repeatable",
}
_TEXT_FILTERS = {
    "q": "words that must all appear in the title, summary, actors, tags or place",
    "from": "only events that end after the start of this date (2024, 2025-05, 2025-05-21)",
    "to": "only events that start before the end of this date",
    "lang": "language of names and titles where one is chosen (en, es, ...)",
}


def _filter_parameters() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = [
        {"name": name, "in": "query", "required": False, "description": text,
         "schema": {"type": "array", "items": {"type": "string"}},
         "style": "form", "explode": True}
        for name, text in _LIST_FILTERS.items()]
    found += [{"name": name, "in": "query", "required": False, "description": text,
               "schema": {"type": "string", "maxLength": 200}}
              for name, text in _TEXT_FILTERS.items()]
    found.append({"name": "lanes", "in": "query", "required": False,
                  "description": "the timeline's rows; TimelineJS groups follow it",
                  "schema": {"type": "string", "enum": list(LANES)}})
    return found


def _paging(max_size: int, default: int) -> list[dict[str, Any]]:
    return [
        {"name": "page", "in": "query", "required": False, "description": "1 is the first",
         "schema": {"type": "integer", "minimum": 1, "default": 1}},
        {"name": "per_page", "in": "query", "required": False,
         "description": f"items per page, at most {max_size}",
         "schema": {"type": "integer", "minimum": 1, "maximum": max_size,
                    "default": default}},
    ]


def _page_schema(key: str, item: str) -> dict[str, Any]:
    return {"type": "object", "required": ["count", "page", "per_page", "next", key],
            "properties": {
                "count": {"type": "integer", "description": "items in the whole answer"},
                "page": {"type": "integer"}, "per_page": {"type": "integer"},
                "next": {"type": ["string", "null"], "format": "uri",
                         "description": "the next page's URL; null on the last page"},
                key: {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}}}}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "headers": {
        "ETag": {"$ref": "#/components/headers/ETag"},
        "Last-Modified": {"$ref": "#/components/headers/LastModified"}},
        "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}}


def _text(media_type: str, description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {media_type: {"schema": {"type": "string"}}}}


def openapi_document(title: str, server_url: str, *, page_size: int = 100,
                     max_page_size: int = 500, export_limit: int = 10_000,
                     calendar_limit: int = 2_000) -> dict[str, Any]:
    """The OpenAPI 3.1 description of the API and the downloads."""
    filters = [{"$ref": f"#/components/parameters/{p['name']}"} for p in _filter_parameters()]
    paging = _paging(max_page_size, page_size)
    localised = {"type": "object", "additionalProperties": {"type": "string"},
                 "description": "text by language code"}
    maybe_localised = {"oneOf": [localised, {"type": "null"}]}
    not_modified = {"description": "unchanged since the ETag or date the client sent"}
    downloads: dict[str, Any] = {}
    for path, media_type, what in (
            ("/export/events.csv", "text/csv", "CSV, one row per event"),
            ("/export/events.json", "application/json", "events, actors and campaigns"),
            ("/export/events.ics", "text/calendar", "iCalendar, one VEVENT per event"),
            ("/export/events.geojson", "application/geo+json", "GeoJSON points"),
            ("/export/events.timelinejs.json", "application/json", "TimelineJS3 JSON")):
        downloads[path] = {"get": {
            "summary": f"Download the view's events: {what}", "tags": ["downloads"],
            "parameters": filters,
            "responses": {"200": _text(media_type, what), "304": not_modified,
                          "413": _error("more than {} events match".format(
                              calendar_limit if path.endswith(".ics") else export_limit))}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": f"{title}: API", "version": "1",
                 "description": "Read-only access to the timeline's events, actors and "
                                "campaigns. The filter parameters are the timeline "
                                "page's own. Answers may be read cross-origin."},
        "servers": [{"url": server_url or "/"}],
        "paths": {
            "/api/events": {"get": {
                "summary": "The events of a view, in date order, a page at a time",
                "operationId": "listEvents", "tags": ["api"],
                "parameters": [*filters, *paging],
                "responses": {"200": _json(_page_schema("events", "Event"), "a page"),
                              "304": not_modified, "400": _error("bad page or per_page")}}},
            "/api/events/{id}": {"get": {
                "summary": "One event", "operationId": "getEvent", "tags": ["api"],
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {"200": _json({"$ref": "#/components/schemas/Event"}, "the event"),
                              "304": not_modified, "404": _error("no such event")}}},
            "/api/actors": {"get": {
                "summary": "Every actor, by id", "operationId": "listActors", "tags": ["api"],
                "parameters": paging,
                "responses": {"200": _json(_page_schema("actors", "Actor"), "a page"),
                              "304": not_modified, "400": _error("bad page or per_page")}}},
            "/api/campaigns": {"get": {
                "summary": "Every campaign, by id", "operationId": "listCampaigns",
                "tags": ["api"], "parameters": paging,
                "responses": {"200": _json(_page_schema("campaigns", "Campaign"), "a page"),
                              "304": not_modified, "400": _error("bad page or per_page")}}},
            "/feeds/events.atom": {"get": {
                "summary": "Atom feed of the view's 50 newest events", "tags": ["feeds"],
                "parameters": filters,
                "responses": {"200": _text("application/atom+xml", "the feed"),
                              "304": not_modified}}},
            "/feeds/campaigns/{id}.atom": {"get": {
                "summary": "Atom feed of a campaign's newest events", "tags": ["feeds"],
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {"200": _text("application/atom+xml", "the feed"),
                              "304": not_modified, "404": _error("no such campaign")}}},
            "/feeds/actors/{id}.atom": {"get": {
                "summary": "Atom feed of an actor's newest events", "tags": ["feeds"],
                "parameters": [{"name": "id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "responses": {"200": _text("application/atom+xml", "the feed"),
                              "304": not_modified, "404": _error("no such actor")}}},
            **downloads,
        },
        "components": {
            "parameters": {p["name"]: p for p in _filter_parameters()},
            "headers": {
                "ETag": {"description": "changes whenever the dataset does",
                         "schema": {"type": "string"}},
                "LastModified": {"description": "when the dataset last changed",
                                 "schema": {"type": "string"}}},
            "schemas": {
                "Error": {"type": "object", "required": ["error"],
                          "properties": {"error": {"type": "string"}}},
                "Event": {"type": "object",
                          "required": ["id", "title", "date", "precision", "start", "end",
                                       "type", "countries", "sources"],
                          "properties": {
                              "id": {"type": "string"}, "path": {"type": "string"},
                              "title": localised, "date": {"type": "string"},
                              "precision": {"type": "string"},
                              "approximate": {"type": "boolean"},
                              "uncertain": {"type": "boolean"},
                              "ongoing": {"type": "boolean"},
                              "timezone": {"type": "string"},
                              "start": {"type": "string", "format": "date-time"},
                              "end": {"type": ["string", "null"], "format": "date-time"},
                              "type": {"type": "string"},
                              "countries": {"type": "array", "items": {
                                  "type": "object", "properties": {
                                      "code": {"type": "string"},
                                      "name": {"type": ["string", "null"]}}}},
                              "actors": {"type": "array", "items": {"type": "object"}},
                              "campaigns": {"type": "array", "items": {"type": "string"}},
                              "demands": {"type": "array", "items": {"type": "object"}},
                              "location": {"type": ["object", "null"]},
                              "summary": maybe_localised,
                              "sources": {"type": "array", "items": {
                                  "type": "object", "required": ["url"],
                                  "properties": {"url": {"type": "string"}}}},
                              "tags": {"type": "array", "items": {"type": "string"}},
                              "media": {"type": "array", "items": {"type": "object"}}}},
                "Actor": {"type": "object", "required": ["id", "name", "kind"],
                          "properties": {"id": {"type": "string"}, "name": localised,
                                         "kind": {"type": "string"},
                                         "countries": {"type": "array",
                                                       "items": {"type": "string"}},
                                         "aliases": {"type": "array",
                                                     "items": {"type": "string"}},
                                         "url": {"type": ["string", "null"]},
                                         "description": maybe_localised}},
                "Campaign": {"type": "object", "required": ["id", "name", "demands"],
                             "properties": {"id": {"type": "string"}, "name": localised,
                                            "description": maybe_localised,
                                            "countries": {"type": "array",
                                                          "items": {"type": "string"}},
                                            "started": {"type": ["string", "null"]},
                                            "demands": {"type": "array",
                                                        "items": {"type": "object"}}}},
            },
        },
    }
