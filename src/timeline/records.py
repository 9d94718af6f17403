"""Checking one record file: safe parse, schema, and the rules that need only that file.

The result of a file depends only on its bytes, its place in the folder and the
dataset's settings, which is what lets :mod:`timeline.cache` keep it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Literal

from marshmallow import Schema, ValidationError
from marshmallow import fields as mfields

from timeline import messages
from timeline.errors import Problem
from timeline.model import Actor, Campaign, Event
from timeline.schema import EXAMPLES, NULL, REQUIRED, SLUG, UNKNOWN, Msg, Schemas
from timeline.yamlfile import DEFAULT_MAX_BYTES, FieldPath, Parsed, dotted, parse_bytes

Kind = Literal["event", "actor", "campaign"]
Record = Event | Actor | Campaign

# The fields whose positions cross-file checks need to point at.
_REFERENCE_FIELDS = frozenset({"actors", "campaigns", "demands", "decided_by", "title",
                               "date", "countries"})


@dataclass(slots=True)
class FileResult:
    """What one file turned out to be: a record, or the problems that stopped it."""

    kind: Kind
    path: str
    record: Record | None
    problems: list[Problem] = field(default_factory=list)
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: FieldPath) -> tuple[int, int]:
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def record_id(display: str) -> str:
    return PurePosixPath(display).stem


def check_record(content: bytes, display: str, kind: Kind, schemas: Schemas,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> FileResult:
    """Parse and validate one file's bytes; ``display`` is its path as shown to users."""
    parsed = parse_bytes(content, display, max_bytes)
    if isinstance(parsed, Problem):
        return FileResult(kind, display, None, [parsed])
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
    try:
        loaded = schema.load(data)
    except ValidationError as error:
        problems.extend(schema_problems(error.messages, data, parsed, schema, display))
        return FileResult(kind, display, None, problems, _reference_positions(parsed))
    if problems:
        return FileResult(kind, display, None, problems, _reference_positions(parsed))
    loaded.pop("id", None)
    model = {"event": Event, "actor": Actor, "campaign": Campaign}[kind]
    record = model(id=file_id, path=display, **loaded)
    return FileResult(kind, display, record, [], _reference_positions(parsed))


def _reference_positions(parsed: Parsed) -> dict[FieldPath, tuple[int, int]]:
    return {p: pos for p, pos in parsed.positions.items()
            if not p or p[0] in _REFERENCE_FIELDS}


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
        if message == REQUIRED:
            line, column = parsed.position(path[:-1])
            code, text = "missing-field", messages.render(
                "missing-field", name=name, example=EXAMPLES.get(name, f"{name}: ..."))
        elif message == UNKNOWN:
            line, column = parsed.position(path)
            allowed = _allowed(schema, path[:-1])
            code, text = "unknown-field", messages.render(
                "unknown-field", name=name, suggestion=messages.did_you_mean(name, allowed),
                allowed=", ".join(allowed))
        elif message == NULL or message.startswith("@type:"):
            line, column = parsed.position(path)
            value = _value_at(data, path)
            expected = message[len("@type:"):] if message != NULL else "a value"
            code, text = "wrong-type", messages.render(
                "wrong-type", expected=expected, found=_kind_of(value), value=value)
        else:
            line, column = parsed.position(path)
            code = message.code if isinstance(message, Msg) else "invalid"
            text = str(message)
        found.append(Problem(display, line, column, dotted(path), text, code))
    found.sort(key=lambda p: (p.line, p.column))
    return found


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
