"""The record format as marshmallow schemas: one per kind of file.

Schemas are built by :func:`build_schemas` for one dataset's settings (its
languages and time zone), so nothing is built at import time and nothing global is
configured. Unknown fields are errors. Each field raises a :class:`Msg`, a string
that carries its message code; marshmallow's own messages are replaced by markers
(``@required``, ``@unknown``, ``@type:...``) that :mod:`timeline.validate` turns
into full sentences, because only it knows the bad value and the line.
Cross-field rules run after every field is valid.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from marshmallow import (
    RAISE,
    Schema,
    ValidationError,
    fields,
    post_load,
    validates_schema,
)

from timeline.dates import (
    DateSpan,
    DateSyntaxError,
    WrittenDate,
    parse_written,
    place_date,
    zone_named,
)
from timeline.errors import DateOrderError, UnknownTimezone
from timeline.i18n.countries import is_country, suggest_country
from timeline.links import is_http_url
from timeline.model import DemandLink, Location, Media, Settings, Source
from timeline.validate import messages
from timeline.validate.compiled import Compiled, GiveUp, compile_schema
from timeline.validate.summary import summary_problem
from timeline.vocab import (
    ACTOR_KINDS,
    DEMAND_STATUSES,
    EVENT_TYPE_IDS,
    MEDIA_KINDS,
    RELATION_TYPE_IDS,
    STANCES,
)

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")
_MAX_REMEMBERED_DATES = 200_000

REQUIRED = "@required"
UNKNOWN = "@unknown"
NULL = "@null"


class Msg(str):
    """A message that remembers its code."""

    code: str

    def __new__(cls, code: str, **values: object) -> Msg:
        text = super().__new__(cls, messages.render(code, **values))
        text.code = code
        return text


def _type(expected: str) -> dict[str, Any]:
    marker = f"@type:{expected}"
    return {"required": REQUIRED, "null": NULL, "invalid": marker, "type": marker}


# ------------------------------------------------------------------ fields


class Text(fields.Field):
    """Plain, non-empty text."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(error_messages=_type("text"), **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.make_error("invalid")
        text = str(value).strip()
        if not text:
            raise ValidationError(Msg("empty-value", fix="write some text or remove the field"))
        return text


class LocalTextField(fields.Field):
    """Text, or a mapping of language code to text (``{en: ..., es: ...}``)."""

    def __init__(self, languages: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(error_messages=_type("text or a mapping of language to text"),
                         **kwargs)
        self.languages = languages

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> dict[str, str]:
        if isinstance(value, str):
            if not value.strip():
                raise ValidationError(Msg("empty-value", fix="write some text"))
            return {self.languages[0]: value.strip()}
        if not isinstance(value, dict) or not value:
            raise self.make_error("invalid")
        result: dict[str, str] = {}
        errors: dict[str, list[str]] = {}
        for language, text in value.items():
            if language not in self.languages:
                errors[language] = [Msg("unknown-language", value=language,
                                        languages=", ".join(self.languages))]
            elif not isinstance(text, str) or not text.strip():
                errors[language] = [Msg("empty-value", fix=f"write the {language} text")]
            else:
                result[language] = text.strip()
        if errors:
            raise ValidationError(errors)
        return result


class SummaryField(LocalTextField):
    """An event's summary: local text whose Markdown stays within the summary limits."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> dict[str, str]:
        result = super()._deserialize(value, attr, data, **kwargs)
        errors: dict[str, list[str]] = {}
        for language, text in result.items():
            found = summary_problem(text)
            if found is not None:
                code, values = found
                errors[language] = [Msg(code, **values)]
        if errors:
            if isinstance(value, str):  # written as plain text: the field itself is wrong
                raise ValidationError(next(iter(errors.values())))
            raise ValidationError(errors)
        return result


class Slug(fields.Field):
    def __init__(self, example: str = "2025-05-21-march-in-mexico-city", **kwargs: Any) -> None:
        super().__init__(error_messages=_type("an id"), **kwargs)
        self.example = example

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        if not SLUG.fullmatch(value):
            raise ValidationError(Msg("bad-slug", value=value, example=self.example))
        return value


class Choice(fields.Field):
    def __init__(self, choices: tuple[str, ...], what: str, **kwargs: Any) -> None:
        super().__init__(error_messages=_type(f"one {what}"), **kwargs)
        self.choices = choices
        self.what = what

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        if value not in self.choices:
            raise ValidationError(Msg(
                "invalid-choice", value=value, what=self.what,
                suggestion=messages.did_you_mean(value, self.choices),
                choices=messages.choices_text(self.choices)))
        return str(value)


class Country(fields.Field):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(error_messages=_type("a country code"), **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        if is_country(value):
            return str(value)
        guess = suggest_country(value) if isinstance(value, str) else None
        suggestion = f" (did you mean {guess!r}?)" if guess else ""
        raise ValidationError(Msg("unknown-country", value=value, suggestion=suggestion))


class Url(fields.Field):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(error_messages=_type("a link"), **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        if not is_http_url(value):
            raise ValidationError(Msg("bad-url", value=value))
        return value.strip()


MEDIA_PATH = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,99}(/[A-Za-z0-9_][A-Za-z0-9._-]{0,99}){0,7}")


class MediaPath(fields.Field):
    """A path under the data folder's ``media/``: no ``..``, no absolute path, no oddities."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(error_messages=_type("a path"), **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        if not MEDIA_PATH.fullmatch(value) or ".." in value:
            raise ValidationError(Msg("media-path", value=value))
        return value


# A git branch name as `git check-ref-format --branch` accepts it, kept to the plain
# characters a branch is named with (it goes into a GitHub address).
BRANCH = re.compile(r"(?![-./])(?!.*/[.])(?!.*\.\.)(?!.*//)(?!.*\.lock(?:/|$))"
                    r"[A-Za-z0-9._/-]{1,200}(?<![./])")


class Branch(fields.Field):
    """A git branch name, e.g. ``main`` or ``data/incoming``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(error_messages=_type("a branch name"), **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        if not BRANCH.fullmatch(value):
            raise ValidationError(Msg("bad-branch", value=value))
        return value


class Timezone(fields.Field):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(error_messages=_type("a time zone name"), **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        try:
            zone_named(value)
        except UnknownTimezone as unknown:
            raise ValidationError(Msg("unknown-timezone", value=value,
                                      suggestion=unknown.suggestion)) from None
        return value


class Date(fields.Field):
    """A record date: checked here, placed in its time zone once the zone is known.

    A dataset writes the same date many times (an event's and its sources'), so each
    valid text is checked once per field and its (immutable) result shared.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(error_messages=_type("a date"), **kwargs)
        self._checked: dict[tuple[type, Any], WrittenDate] = {}

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        key = (type(value), value)  # True and 1 are equal, but not the same date
        try:
            return self._checked[key]
        except (KeyError, TypeError):
            pass
        written = self._check(value)
        if len(self._checked) < _MAX_REMEMBERED_DATES:
            try:
                self._checked[key] = written
            except TypeError:  # unhashable: a list or mapping, which _check refused
                pass
        return written

    def _check(self, value: Any) -> WrittenDate:
        try:
            written = parse_written(value)
            if written.upper is not None:
                place_date(written)  # in UTC; the event's zone is checked once known
            return written
        except DateOrderError as error:
            raise ValidationError(Msg("date-order", value=value, start=error.start,
                                      end=error.end)) from None
        except DateSyntaxError as error:
            raise ValidationError(Msg("date-syntax", value=value, reason=str(error))) from None


class Language(fields.Field):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(error_messages=_type("a language code"), **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        if isinstance(value, str) and LANGUAGE.fullmatch(value):
            return value
        raise ValidationError(Msg("bad-language", value=value))


class Coordinate(fields.Field):
    def __init__(self, name: str, limit: float, **kwargs: Any) -> None:
        super().__init__(error_messages=_type("a number"), **kwargs)
        self.name, self.limit = name, limit

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.make_error("invalid")
        if not -self.limit <= value <= self.limit:
            raise ValidationError(Msg("coordinate-range", value=value, name=self.name,
                                      low=-self.limit, high=self.limit))
        return float(value)


def _list(inner: fields.Field, required: bool = False, fix: str = "", **kwargs: Any
          ) -> fields.List:
    validate = None
    if required:
        def at_least_one(value: list[Any]) -> None:
            if not value:
                raise ValidationError(Msg("empty-list", fix=fix))
        validate = at_least_one
    return fields.List(inner, required=required, validate=validate,
                       error_messages=_type("a list"), **kwargs)


def _nested(schema: type[Schema] | Schema, many: bool = False, **kwargs: Any) -> fields.Field:
    marker = _type("a list of mappings" if many else "a mapping")
    if many:
        return fields.List(fields.Nested(schema, error_messages=_type("a mapping")),
                           error_messages=marker, **kwargs)
    return fields.Nested(schema, error_messages=marker, **kwargs)


class _Base(Schema):
    class Meta:
        unknown = RAISE

    error_messages = {"unknown": UNKNOWN, "type": "@type:a mapping"}  # noqa: RUF012


# ------------------------------------------------------------------ schemas


@dataclass(frozen=True, slots=True)
class Schemas:
    """The schemas of one dataset, built for its languages and time zone."""

    settings: Schema
    event: Schema
    actor: Schema
    campaign: Schema
    compiled: Mapping[str, Compiled | None] = field(default_factory=dict)

    def for_kind(self, kind: str) -> Schema:
        return {"event": self.event, "actor": self.actor, "campaign": self.campaign,
                "settings": self.settings}[kind]

    def load(self, kind: str, data: Any) -> Any:
        """``for_kind(kind).load(data)``, through the compiled schema when it can vouch.

        Raises ``ValidationError`` with every problem, as ``Schema.load`` does.
        """
        compiled = self.compiled.get(kind)
        if compiled is not None:
            try:
                return compiled(data)
            except (GiveUp, ValidationError):
                pass  # the full load below finds and words every problem
        return self.for_kind(kind).load(data)

    @classmethod
    def of(cls, settings: Schema, event: Schema, actor: Schema, campaign: Schema
           ) -> Schemas:
        """The schemas, each with its compiled form (see :mod:`timeline.validate.compiled`)."""
        kinds = {"event": event, "actor": actor, "campaign": campaign}
        return cls(settings, event, actor, campaign,
                   {kind: compile_schema(schema) for kind, schema in kinds.items()})


def settings_schema() -> Schema:
    class SettingsSchema(_Base):
        title = fields.Raw(required=True, error_messages=_type("text"))
        description = fields.Raw(error_messages=_type("text"))
        languages = _list(Language(), required=True,
                          fix="list the dataset's languages, default first: [en, es]")
        timezone = Timezone()
        repository = Url()
        branch = Branch()

        @post_load
        def _make(self, data: dict[str, Any], **kwargs: Any) -> Settings:
            languages = tuple(dict.fromkeys(data["languages"]))
            local = LocalTextField(languages)
            errors: dict[str, Any] = {}
            values: dict[str, Any] = {}
            for name in ("title", "description"):
                if name in data and data[name] is not None:
                    try:
                        values[name] = local.deserialize(data[name])
                    except ValidationError as error:
                        errors[name] = error.messages
            if errors:
                raise ValidationError(errors)
            return Settings(title=values["title"], description=values.get("description"),
                            languages=languages, timezone=data.get("timezone", "UTC"),
                            repository=data.get("repository"),
                            branch=data.get("branch", "main"))

    return SettingsSchema()


def build_schemas(settings: Settings) -> Schemas:
    """The event, actor and campaign schemas for a dataset with these settings."""
    languages = settings.languages
    place = _date_placer()

    class SourceSchema(_Base):
        url = Url(required=True)
        title = Text()
        publisher = Text()
        date = Date()
        language = Language()
        archive_url = Url()

        @post_load
        def _make(self, data: dict[str, Any], **kwargs: Any) -> Source:
            if "date" in data:
                data["date"] = data["date"].text
            return Source(**data)

    class LocationSchema(_Base):
        name = Text()
        country = Country()
        lat = Coordinate("latitude", 90)
        lon = Coordinate("longitude", 180)

        @post_load
        def _make(self, data: dict[str, Any], **kwargs: Any) -> Location:
            return Location(**data)

    class DemandLinkSchema(_Base):
        demand = fields.String(required=True, error_messages=_type("a demand reference"))
        stance = Choice(STANCES, "stance", required=True)
        # Required, but its absence (the format before stances had holders) gets its
        # own message: see ``stance-without-by`` in record.schema_problems.
        by = _list(Slug(example="claudia-sheinbaum"), required=True,
                   fix="name who holds the stance, e.g. by: [claudia-sheinbaum]")
        quote = LocalTextField(languages)

        @validates_schema
        def _reference(self, data: dict[str, Any], **kwargs: Any) -> None:
            campaign, _, demand = data["demand"].partition("/")
            if not SLUG.fullmatch(campaign) or not SLUG.fullmatch(demand):
                raise ValidationError(
                    Msg("demand-ref", value=data["demand"],
                        example="mexico-break-relations-with-israel/break-relations"),
                    field_name="demand")

        @post_load
        def _make(self, data: dict[str, Any], **kwargs: Any) -> DemandLink:
            data["by"] = tuple(data["by"])
            return DemandLink(**data)

    class MediaSchema(_Base):
        file = MediaPath()
        url = Url()
        kind = Choice(MEDIA_KINDS, "media kind", required=True)
        caption = LocalTextField(languages)
        credit = Text()
        alt = LocalTextField(languages)

        @validates_schema
        def _one_source(self, data: dict[str, Any], **kwargs: Any) -> None:
            has_file, has_url = "file" in data, "url" in data
            if has_file == has_url:
                found = "both" if has_file else "neither"
                raise ValidationError(Msg("media-source", found=found), field_name="file")
            if has_file and data.get("kind", "image") != "image":
                raise ValidationError(Msg("media-local-kind", value=data["kind"]),
                                      field_name="kind")
            if data.get("kind") == "image" and "alt" not in data:
                raise ValidationError(Msg("media-alt"), field_name="alt")

        @post_load
        def _make(self, data: dict[str, Any], **kwargs: Any) -> Media:
            return Media(**data)

    class EventSchema(_Base):
        id = Slug()
        title = LocalTextField(languages, required=True)
        date = Date(required=True)
        timezone = Timezone()
        type = Choice(EVENT_TYPE_IDS, "event type", required=True)
        countries = _list(Country(), required=True,
                          fix="name the country where it happened, e.g. [MX]")
        actors = _list(Slug(example="claudia-sheinbaum"))
        campaigns = _list(Slug(example="mexico-break-relations-with-israel"))
        demands = _nested(DemandLinkSchema, many=True)
        location = _nested(LocationSchema)
        summary = SummaryField(languages)
        sources = _nested(SourceSchema, many=True, required=True,
                          validate=_non_empty("cite at least one source: - url: https://..."))
        tags = _list(Slug(example="hunger-strike"))
        media = _nested(MediaSchema, many=True)

        # Runs even when other fields failed, so one run reports this too.
        @validates_schema(skip_on_field_errors=False)
        def _countries(self, data: dict[str, Any], **kwargs: Any) -> None:
            countries = data.get("countries")
            if countries is None:
                return
            seen: set[str] = set()
            for index, code in enumerate(countries):
                if code in seen:
                    raise ValidationError({"countries": {index: [
                        Msg("duplicate-country", value=code)]}})
                seen.add(code)
            if data.get("type") in RELATION_TYPE_IDS and len(countries) != 2:
                raise ValidationError(
                    Msg("relation-countries", type=data["type"], count=len(countries),
                        value="[" + ", ".join(countries) + "]"), field_name="countries")

        # A cross-field rule: runs once every field is valid.
        @validates_schema
        def _holders(self, data: dict[str, Any], **kwargs: Any) -> None:
            named = data.get("actors", ())
            errors: dict[int, Any] = {}
            for index, link in enumerate(data.get("demands", ())):
                strangers = {position: [Msg("stance-holder-not-actor", value=actor,
                                            actors=", ".join(named) or "(none)")]
                             for position, actor in enumerate(link.by) if actor not in named}
                if strangers:
                    errors[index] = {"by": strangers}
            if errors:
                raise ValidationError({"demands": errors})

        @post_load
        def _make(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
            zone = data.get("timezone") or settings.timezone
            try:
                data["date"] = place(data["date"], zone)
            except DateOrderError as error:  # in UTC the order was right: the zone decides
                raise ValidationError(Msg("date-order-zone", value=data["date"].text,
                                          start=error.start, end=error.end, zone=zone),
                                      field_name="date") from None
            except DateSyntaxError as error:
                raise ValidationError(Msg("date-syntax", value=data["date"].text,
                                          reason=str(error)), field_name="date") from None
            for name in ("countries", "actors", "campaigns", "demands", "sources", "tags",
                         "media"):
                if name in data:
                    data[name] = tuple(data[name])
            return data

    class ActorSchema(_Base):
        id = Slug(example="claudia-sheinbaum")
        name = LocalTextField(languages, required=True)
        kind = Choice(ACTOR_KINDS, "actor kind")
        countries = _list(Country())
        aliases = _list(Text())
        url = Url()
        description = LocalTextField(languages)

        @post_load
        def _make(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
            for name in ("countries", "aliases"):
                if name in data:
                    data[name] = tuple(data[name])
            return data

    class DemandSchema(_Base):
        id = Slug(example="break-relations", required=True)
        text = LocalTextField(languages, required=True)
        status = Choice(DEMAND_STATUSES, "demand status")
        decided_by = Slug()

    class CampaignSchema(_Base):
        id = Slug(example="mexico-break-relations-with-israel")
        name = LocalTextField(languages, required=True)
        description = LocalTextField(languages)
        countries = _list(Country())
        started = Date()
        demands = _nested(DemandSchema, many=True)

        @validates_schema(skip_on_field_errors=False)
        def _unique_demands(self, data: dict[str, Any], **kwargs: Any) -> None:
            seen: set[str] = set()
            for index, demand in enumerate(data.get("demands", [])):
                if "id" not in demand:
                    continue
                if demand["id"] in seen:
                    raise ValidationError({"demands": {index: {"id": [
                        Msg("duplicate-demand", value=demand["id"])]}}})
                seen.add(demand["id"])

        @post_load
        def _make(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
            from timeline.model import Demand

            if "started" in data:
                try:
                    data["started"] = place(data["started"], settings.timezone)
                except DateSyntaxError as error:
                    raise ValidationError(Msg("date-syntax", value=data["started"].text,
                                              reason=str(error)), field_name="started") from None
            data["demands"] = tuple(Demand(**d) for d in data.get("demands", []))
            if "countries" in data:
                data["countries"] = tuple(data["countries"])
            return data

    return Schemas.of(settings_schema(), EventSchema(), ActorSchema(), CampaignSchema())


def _date_placer() -> Callable[[WrittenDate, str], DateSpan]:
    """:func:`place_date`, remembering each date's span for the schemas' lifetime.

    Many records share a date; placing one in its zone (Pendulum's time-zone rules)
    is a tenth of an event's schema time, and the shared span saves memory too.
    """
    placed: dict[tuple[str, str], DateSpan] = {}

    def place(written: WrittenDate, zone: str) -> DateSpan:
        key = (written.text, zone)  # the text determines the rest of a written date
        span = placed.get(key)
        if span is None:
            span = placed[key] = place_date(written, zone)
        return span
    return place


def _non_empty(fix: str) -> Any:
    def check(value: list[Any]) -> None:
        if not value:
            raise ValidationError(Msg("empty-list", fix=fix))
    return check


# Examples shown when a required field is missing, keyed by field name.
EXAMPLES: dict[str, str] = {
    "title": "title: {en: March in Mexico City, es: Marcha en la Ciudad de México}",
    "date": "date: 2025-05-21",
    "type": "type: march",
    "countries": "countries: [MX]",
    "sources": "sources: [{url: https://example.org/article}]",
    "url": "url: https://example.org/article",
    "name": "name: Claudia Sheinbaum",
    "languages": "languages: [en, es]",
    "id": "id: break-relations",
    "text": "text: {en: Break relations, es: Romper relaciones}",
    "demand": "demand: mexico-break-relations-with-israel/break-relations",
    "stance": "stance: supports",
    "by": "by: [claudia-sheinbaum]",
}
