"""Checking one record file: safe parse, schema, and the rules that need only that file.

The result of a file depends only on its bytes, its place in the folder and the
dataset's settings, which is what lets :mod:`timeline.validate.cache` keep it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Literal

from marshmallow import Schema, ValidationError
from marshmallow import fields as mfields

from timeline.dates import DateSpan, clock_change
from timeline.errors import Problem
from timeline.model import Actor, Campaign, Event
from timeline.validate import messages
from timeline.validate.schema import EXAMPLES, NULL, REQUIRED, SLUG, UNKNOWN, Msg, Schemas
from timeline.validate.yamlfile import DEFAULT_MAX_BYTES, FieldPath, Parsed, dotted, parse_bytes

Kind = Literal["event", "actor", "campaign"]
_DEMAND_REF = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*")
Record = Event | Actor | Campaign

# The top-level fields whose positions cross-file checks point at, besides references.
_CHECKED_FIELDS = ("title", "date", "countries")


@dataclass(slots=True)
class FileResult:
    """What one file turned out to be: a record, or the problems that stopped it."""

    kind: Kind
    path: str
    record: Record | None
    problems: list[Problem] = field(default_factory=list)
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    # (where, kind of record referred to, id) for every id the file names.
    references: list[tuple[FieldPath, str, str]] = field(default_factory=list)

    def position(self, path: FieldPath) -> tuple[int, int]:
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def record_id(display: str) -> str:
    """The file name without its extension (``PurePosixPath.stem``, without the cost)."""
    name = display.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def check_record(content: bytes, display: str, kind: Kind, schemas: Schemas,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> FileResult:
    """Parse and validate one file's bytes; ``display`` is its path as shown to users."""
    parsed = parse_bytes(content, display, max_bytes)
    if isinstance(parsed, Problem):
        return FileResult(kind, display, None, [parsed])
    return check_parsed(parsed, display, kind, schemas)


def check_parsed(parsed: Parsed, display: str, kind: Kind, schemas: Schemas) -> FileResult:
    """Validate one parsed file: its name, its id and its schema."""
    problems: list[Problem] = []
    file_id = record_id(display)
    example = {"event": "2025-05-21-march-in-mexico-city.yaml",
               "actor": "claudia-sheinbaum.yaml",
               "campaign": "mexico-break-relations-with-israel.yaml"}[kind]
    if not SLUG.fullmatch(file_id):
        problems.append(messages.problem(display, 1, 1, "", "file-name",
                                         name=PurePosixPath(display).name, example=example))
    data = parsed.data
    assert isinstance(data, dict)
    written_id = data.get("id")
    if isinstance(written_id, str) and SLUG.fullmatch(written_id) and written_id != file_id:
        line, column = parsed.position(("id",))
        problems.append(messages.problem(display, line, column, "id", "id-mismatch",
                                         value=written_id, expected=file_id))
    schema = schemas.for_kind(kind)
    references = _references(kind, data)
    positions = _reference_positions(parsed, references)
    try:
        loaded = schemas.load(kind, data)
    except ValidationError as error:
        problems.extend(schema_problems(error.messages, data, parsed, schema, display))
        return FileResult(kind, display, None, messages.capped(problems), positions,
                          references)
    if problems:
        return FileResult(kind, display, None, problems, positions, references)
    loaded.pop("id", None)
    model = {"event": Event, "actor": Actor, "campaign": Campaign}[kind]
    record = model(id=file_id, path=display, **loaded)
    warnings = _clock_warnings(record.date, parsed, display) if isinstance(record, Event) else []
    return FileResult(kind, display, record, warnings, positions, references)


def _clock_warnings(span: DateSpan, parsed: Parsed, display: str) -> list[Problem]:
    """A warning for each local time of ``span`` that the clocks skipped or repeated."""
    found = []
    for part in (span.lower, span.upper):
        change = clock_change(part, span.timezone) if part is not None else None
        if change is None:
            continue
        hours, minutes = divmod(change.shift_minutes, 60)
        shift = " ".join(filter(None, (
            f"{hours} hour{'s' if hours > 1 else ''}" if hours else "",
            f"{minutes} minutes" if minutes else "")))
        line, column = parsed.position(("date",))
        found.append(messages.problem(
            display, line, column, "date",
            "local-time-skipped" if change.skipped else "local-time-repeated", "warning",
            value=span.text, time=change.time, zone=span.timezone, shift=f"by {shift}",
            first=change.first, second=change.second))
    return found


def _references(kind: Kind, data: dict[str, Any]) -> list[tuple[FieldPath, str, str]]:
    """The ids a file names, read from the raw data so that invalid files are checked too.

    Values that are not well-formed ids are left to the schema, which reports them.
    """
    found: list[tuple[FieldPath, str, str]] = []

    def items(name: str) -> list[tuple[int, Any]]:
        value = data.get(name)
        return list(enumerate(value)) if isinstance(value, list) else []

    if kind == "event":
        for index, value in items("actors"):
            if isinstance(value, str) and SLUG.fullmatch(value):
                found.append((("actors", index), "actor", value))
        for index, value in items("campaigns"):
            if isinstance(value, str) and SLUG.fullmatch(value):
                found.append((("campaigns", index), "campaign", value))
        named = {value for _, value in items("actors")}
        for index, link in items("demands"):
            value = link.get("demand") if isinstance(link, dict) else None
            if isinstance(value, str) and _DEMAND_REF.fullmatch(value):
                found.append((("demands", index, "demand"), "demand", value))
            holders = link.get("by") if isinstance(link, dict) else None
            # A holder among the actors is checked there; one outside them is checked
            # here too, so a misspelt id is named as unknown, not only as missing.
            for position, value in enumerate(holders if isinstance(holders, list) else ()):
                if isinstance(value, str) and SLUG.fullmatch(value) and value not in named:
                    found.append((("demands", index, "by", position), "actor", value))
        for index, item in items("media"):  # the file is checked on disk, across files
            value = item.get("file") if isinstance(item, dict) else None
            if isinstance(value, str):
                found.append((("media", index, "file"), "media", value))
    elif kind == "campaign":
        for index, demand in items("demands"):
            value = demand.get("decided_by") if isinstance(demand, dict) else None
            if isinstance(value, str) and SLUG.fullmatch(value):
                found.append((("demands", index, "decided_by"), "event", value))
    return found


def _reference_positions(parsed: Parsed, references: list[tuple[FieldPath, str, str]]
                         ) -> dict[FieldPath, tuple[int, int]]:
    """Where each reference and each checked field was written.

    That is all cross-file checks ask :meth:`FileResult.position` for; keeping only
    these, not every key and item of the file, keeps a large dataset's results (and
    its cache) small.
    """
    wanted = [(), *((name,) for name in _CHECKED_FIELDS), *(where for where, _, _ in references)]
    return {path: parsed.position(path) for path in wanted}


# ------------------------------------------------------------- error flattening


def _flatten(errors: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(errors, dict):
        for key, value in errors.items():
            yield from _flatten(value, path if key == "_schema" else (*path, key))
    elif isinstance(errors, list):
        for item in errors:
            if isinstance(item, dict | list):
                yield from _flatten(item, path)
            else:
                yield path, item
    else:
        yield path, str(errors)


def schema_problems(errors: Any, data: dict[str, Any], parsed: Parsed, schema: Schema,
              display: str) -> list[Problem]:
    found: list[Problem] = []
    for path, message in _flatten(errors):
        name = str(path[-1]) if path else ""
        if message == REQUIRED and name == "by" and path[:1] == ("demands",):
            # The format before stances had holders: explain the change, not just the key.
            line, column = parsed.position(path[:-1])
            code, text = "stance-without-by", messages.render(
                "stance-without-by", example=_holders_example(data))
        elif message == REQUIRED:
            line, column = parsed.position(path[:-1])
            code, text = "missing-field", messages.render(
                "missing-field", name=name, example=EXAMPLES.get(name, f"{name}: ..."))
        elif message == UNKNOWN:
            line, column = parsed.position(path)
            allowed = _allowed(schema, path[:-1])
            code, text = "unknown-field", messages.render(
                "unknown-field", name=name, suggestion=messages.did_you_mean(name, allowed),
                allowed=", ".join(allowed))
        elif message == NULL:
            line, column = parsed.position(path)
            example = EXAMPLES.get(name)
            fix = f"write a value (e.g. `{example}`) or remove the line" if example else (
                "write a value or remove the line")
            code, text = "empty-value", messages.render("empty-value", fix=fix)
        elif message.startswith("@type:"):
            line, column = parsed.position(path)
            value = _value_at(data, path)
            example = EXAMPLES.get(name)
            code, text = "wrong-type", messages.render(
                "wrong-type", expected=message[len("@type:"):], found=_kind_of(value),
                value=value, fix=f"; write it like `{example}`" if example else "")
        else:
            line, column = parsed.position(path)
            code = message.code if isinstance(message, Msg) else "invalid"
            text = str(message)
        found.append(Problem(display, line, column, dotted(path), text, code))
    found.sort(key=lambda p: (p.line, p.column))
    return found


def _holders_example(data: dict[str, Any]) -> str:
    """The event's own actors as the example of ``by``, else a made-up id."""
    actors = data.get("actors")
    named = [a for a in actors if isinstance(a, str)] if isinstance(actors, list) else []
    return ", ".join(named[:3]) or "actor-id"


def _allowed(schema: Schema, path: FieldPath) -> list[str]:
    current: Schema | None = schema
    for part in path:
        if isinstance(part, int) or current is None:
            continue
        field_ = current.fields.get(part)
        while isinstance(field_, mfields.List):
            field_ = field_.inner
        current = field_.schema if isinstance(field_, mfields.Nested) else None
    return list(current.fields) if current is not None else []


def _value_at(data: Any, path: FieldPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _kind_of(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, int | float):
        return "the number"
    if isinstance(value, str):
        return "the text"
    if isinstance(value, list):
        return "the list"
    if isinstance(value, dict):
        return "the mapping"
    return type(value).__name__
