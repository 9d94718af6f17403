"""A schema compiled for valid records: the same field checks, without the bookkeeping.

marshmallow's ``Schema.load`` spends most of an event's time around our fields
rather than in them: an error store, hook look-ups and partial-loading options for
every field of every record. In a large dataset nearly every record is valid, so
:func:`compile_schema` turns a schema into nested functions that call the very same
field methods (``_deserialize`` and the validators), schema validators and
``post_load`` hooks, in the order ``Schema.load`` calls them, and stop at the first
sign of trouble (:class:`GiveUp`, or any ``ValidationError``). The caller then runs
``schema.load``, which stays the one authority on invalid records and reports all
their problems.

Only the marshmallow features our schemas use are compiled; a schema using any
other one (``pre_load``, ``@validates``, ``data_key``, partial loading, ...)
is not compiled at all, so it can never be loaded differently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import RAISE, Schema, fields
from marshmallow.utils import missing

Compiled = Callable[[Any], Any]


class GiveUp(Exception):
    """The compiled schema cannot vouch for this value; ``Schema.load`` decides."""


class Unsupported(Exception):
    """The schema uses a marshmallow feature the compiler does not reproduce."""


_HOOK_KINDS = ("pre_load", "post_load", "validates", "validates_schema", "pre_dump",
               "post_dump")


def compile_schema(schema: Schema) -> Compiled | None:
    """A function that loads valid data exactly as ``schema.load`` does, or None.

    The function raises :class:`GiveUp` or ``ValidationError`` for anything else.
    """
    try:
        return _schema(schema)
    except Unsupported:
        return None


def _schema(schema: Schema) -> Compiled:
    if schema.many or schema.partial or schema.unknown != RAISE:
        raise Unsupported("many, partial or a lenient unknown option")
    hooks = schema._hooks  # noqa: SLF001 - the documented way to find decorated hooks
    if set(hooks) - set(_HOOK_KINDS) or hooks.get("pre_load") or hooks.get("validates"):
        raise Unsupported("pre_load or field validator hooks")
    validators = [_hook(schema, name, kwargs, "skip_on_field_errors", "pass_original",
                        many=many) for name, many, kwargs in hooks.get("validates_schema", [])]
    processors = [_hook(schema, name, kwargs, "pass_original", many=many)
                  for name, many, kwargs in hooks.get("post_load", [])]
    plan = []
    for name, field in schema.load_fields.items():
        if field.data_key not in (None, name) or field.attribute not in (None, name):
            raise Unsupported(f"{name}: data_key or attribute")
        plan.append((name, field.required, _field(field)))
    unknown_option = schema.unknown

    def load(data: Any) -> Any:
        if type(data) is not dict:
            raise GiveUp
        result: dict[str, Any] = {}
        for name, required, convert in plan:
            value = data.get(name, missing)
            if value is missing:
                if required:
                    raise GiveUp
                continue
            result[name] = convert(value, name, data)
        if len(data) != len(result):
            raise GiveUp  # a key no field reads: unknown
        for validate in validators:
            validate(result, partial=None, many=False, unknown=unknown_option)
        for process in processors:
            result = process(result, many=False, partial=None, unknown=unknown_option)
        return result
    return load


def _hook(schema: Schema, name: str, kwargs: dict[str, Any], *allowed: str,
          many: bool = False) -> Callable[..., Any]:
    """The bound hook ``name``, if it takes the data alone (not the original, not many)."""
    if many or kwargs.get("pass_original") or set(kwargs) - set(allowed):
        raise Unsupported(f"{name}: pass_original, pass_collection or other options")
    return getattr(schema, name)


FieldPlan = Callable[[Any, str | None, Any], Any]


def _field(field: fields.Field) -> FieldPlan:
    if field.pre_load or field.post_load:
        raise Unsupported("field-level pre_load or post_load")
    if field.load_default is not missing:
        raise Unsupported("load_default")
    if type(field) is fields.List:
        convert = _list(field)
    elif type(field) is fields.Nested:
        convert = _nested(field)
    elif isinstance(field, fields.List | fields.Nested | fields.Tuple | fields.Dict
                    | fields.Pluck | fields.Method | fields.Function | fields.Constant):
        raise Unsupported(f"{type(field).__name__} fields")
    else:
        convert = field._deserialize  # noqa: SLF001 - what Field.deserialize calls
    checks = list(field.validators)
    allow_none = field.allow_none

    def load(value: Any, name: str | None, parent: Any) -> Any:
        if value is None:
            if allow_none:
                return None
            raise GiveUp  # "null" is an error marshmallow words
        output = convert(value, name, parent)
        for check in checks:
            if check(output) is False:
                raise GiveUp
        return output
    return load


def _list(field: fields.List) -> Callable[[Any, str | None, Any], list[Any]]:
    inner = _field(field.inner)

    def load(value: Any, name: str | None, parent: Any) -> list[Any]:
        if type(value) is not list:
            raise GiveUp
        return [inner(item, None, None) for item in value]  # as List passes them
    return load


def _nested(field: fields.Nested) -> Callable[[Any, str | None, Any], Any]:
    if field.many or field.only or field.exclude or field.unknown not in (None, RAISE):
        raise Unsupported("nested options")
    compiled = _schema(field.schema)

    def load(value: Any, name: str | None, parent: Any) -> Any:
        return compiled(value)
    return load
