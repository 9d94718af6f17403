"""JSON Schema (2020-12) generated from the marshmallow schemas, for editors.

The schema is derived, never written by hand, so it cannot drift from what the
validator accepts; the validator stays the authority (it also checks references
across files, which a JSON Schema cannot).
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema
from marshmallow import fields as mfields

from timeline.i18n.countries import _codes
from timeline.model import Settings
from timeline.validate import schema as s
from timeline.validate.summary import MAX_SUMMARY_CHARACTERS

DESCRIPTIONS: dict[str, str] = {
    "id": "Optional; the id is the file name without .yaml and must match it.",
    "title": "The title: text, or a mapping of language code to text ({en: ..., es: ...}).",
    "date": "EDTF levels 0-1: 2025-05-21, 2025-05, 2013, \"2013~\" approximate, "
            "\"2024-04?\" uncertain, \"2024%\" both, \"2025-05-21/2025-06-02\" interval, "
            "\"2024-04-06/..\" ongoing, 2025-05-21T14:30:00-06:00 a time.",
    "timezone": "IANA time zone name for dates without an offset; default: the dataset's.",
    "type": "The kind of event.",
    "countries": "ISO 3166-1 alpha-2 codes; relation types name exactly two, the actor first.",
    "actors": "Actor ids: file names in actors/ without .yaml.",
    "campaigns": "Campaign ids: file names in campaigns/ without .yaml.",
    "demands": "The stances taken in this event on campaign demands, each with who holds it.",
    "location": "Where it happened.",
    "summary": "Markdown text, or a mapping of language code to Markdown.",
    "sources": "At least one source; url is required and must be http(s).",
    "tags": "Free keywords as slugs.",
    "name": "The name: text, or a mapping of language code to text.",
    "kind": "What kind of actor.",
    "aliases": "Other names the actor is known by (searchable).",
    "url": "An http(s) link.",
    "archive_url": "An archived copy (e.g. web.archive.org), http(s).",
    "started": "When the campaign started, in the date syntax.",
    "languages": "The dataset's languages, default first, e.g. [en, es].",
    "repository": "The dataset's git repository (http(s)), for 'edit this event' links.",
    "publisher": "Who published the source.",
    "language": "The language the source is written in (en, es, ...).",
    "lat": "Latitude, -90 to 90.",
    "lon": "Longitude, -180 to 180.",
    "status": "Where the demand stands.",
    "decided_by": "The id of the event that decided the demand.",
    "stance": "What the actors in `by` do about the demand: supports, conditional (supports "
              "with conditions), declines (publicly declines to take a position), rejects, "
              "partly-meets or meets.",
    "by": "The ids of the event's actors who hold this stance (each also in `actors`).",
    "quote": "The words said: text, or a mapping of language code to text.",
    "demand": "<campaign-id>/<demand-id>",
    "media": "Pictures, video, sound or documents: a local image `file` (under the data "
             "folder's media/) or an http(s) `url`, each with a kind.",
}

# Where a field means something else in another kind of record, keyed by schema.
CONTEXT_DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("CampaignSchema", "demands"): "The campaign's demands, each with an id, text and status.",
    ("DemandSchema", "id"): "The demand's id, unique in the campaign; events refer to it as "
                            "<campaign-id>/<demand-id>.",
    ("DemandSchema", "text"): "The demand: text, or a mapping of language code to text.",
    ("ActorSchema", "countries"): "ISO 3166-1 alpha-2 codes of the actor's countries.",
    ("CampaignSchema", "countries"): "ISO 3166-1 alpha-2 codes of the campaign's countries.",
    ("LocationSchema", "country"): "ISO 3166-1 alpha-2 code of the place.",
    ("SourceSchema", "title"): "The source's title, as published.",
    ("SourceSchema", "date"): "When the source was published, in the date syntax.",
    ("LocationSchema", "name"): "The place's name.",
    ("SettingsSchema", "title"): "The dataset's title: text or a language map.",
    ("SettingsSchema", "description"): "The dataset's description: text or a language map.",
    ("SettingsSchema", "timezone"): "IANA time zone for dates without an offset; default UTC.",
    ("ActorSchema", "description"): "Who the actor is: text or a language map.",
    ("CampaignSchema", "description"): "What the campaign is about: text or a language map.",
    ("MediaSchema", "kind"): "image, video, audio or document; a local file is an image.",
    ("MediaSchema", "file"): "A PNG, JPEG, GIF, WebP or AVIF image under the data folder's "
                             "media/ (at most 2 MB), e.g. maps/route.png.",
    ("MediaSchema", "url"): "An http(s) link to the picture, video, sound or document.",
    ("MediaSchema", "caption"): "What it shows: text or a language map.",
    ("MediaSchema", "credit"): "Who made it, and its licence.",
    ("MediaSchema", "alt"): "For images (required): a short description for people who "
                            "cannot see it; text or a language map.",
}

_SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"


def _local_text(longest: int | None = None) -> dict[str, Any]:
    text: dict[str, Any] = {"type": "string", "minLength": 1}
    if longest is not None:
        text["maxLength"] = longest
    return {"oneOf": [
        text,
        {"type": "object", "minProperties": 1,
         "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$"},
         "additionalProperties": dict(text)},
    ]}


def _field(field: mfields.Field) -> dict[str, Any]:
    if isinstance(field, s.SummaryField):  # lines and nesting are the validator's
        return _local_text(MAX_SUMMARY_CHARACTERS)
    if isinstance(field, s.LocalTextField):
        return _local_text()
    if isinstance(field, s.Text):
        return {"type": "string", "minLength": 1}
    if isinstance(field, s.Slug):
        return {"type": "string", "pattern": _SLUG}
    if isinstance(field, s.Choice):
        return {"enum": list(field.choices)}
    if isinstance(field, s.Country):
        return {"enum": sorted(_codes())}
    if isinstance(field, s.Url):
        return {"type": "string", "format": "uri", "pattern": "^https?://"}
    if isinstance(field, s.MediaPath):
        return {"type": "string", "pattern": "^" + s.MEDIA_PATH.pattern + "$"}
    if isinstance(field, s.Branch):
        return {"type": "string", "pattern": "^" + s.BRANCH.pattern + "$"}
    if isinstance(field, s.Timezone):
        return {"type": "string"}
    if isinstance(field, s.Date):
        return {"type": ["string", "integer"]}
    if isinstance(field, s.Language):
        return {"type": "string", "pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$"}
    if isinstance(field, s.Coordinate):
        return {"type": "number", "minimum": -field.limit, "maximum": field.limit}
    if isinstance(field, mfields.List):
        result: dict[str, Any] = {"type": "array", "items": _field(field.inner)}
        if field.required:
            result["minItems"] = 1
        return result
    if isinstance(field, mfields.Nested):
        return _object(field.schema)
    if isinstance(field, mfields.String):
        return {"type": "string"}
    return {}


def _object(schema: Schema) -> dict[str, Any]:
    properties = {}
    context = type(schema).__name__
    for name, field in schema.fields.items():
        fragment = _field(field)
        description = CONTEXT_DESCRIPTIONS.get((context, name), DESCRIPTIONS.get(name))
        if description:
            fragment = {"description": description, **fragment}
        properties[name] = fragment
    required = [name for name, field in schema.fields.items() if field.required]
    result: dict[str, Any] = {"type": "object", "properties": properties,
                              "additionalProperties": False}
    if required:
        result["required"] = required
    return result


def record_json_schema(kind: str, settings: Settings | None = None) -> dict[str, Any]:
    """The JSON Schema of one kind of record file."""
    schemas = s.build_schemas(settings or Settings(languages=("en", "es")))
    body = _object(schemas.for_kind(kind))
    if kind == "settings":
        body["properties"]["title"] = _local_text()
        body["properties"]["description"] = _local_text()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://campaign-timeline.invalid/schema/{kind}.schema.json",
        "title": f"campaign-timeline {kind} record",
        **body,
    }
