"""The compiled schemas load exactly what marshmallow loads, or leave the record to it.

Each test compares the compiled form with ``Schema.load`` itself on real files:
the bundled dataset, the valid and broken fixtures, and thousands of mutations of
them (each field removed, replaced by a value of every other shape, or joined by an
unknown one). Whenever the compiled form returns a value, ``Schema.load`` must
return an equal one with its keys in the same order; when it gives up, the loader
falls back to ``Schema.load``, so the two can never disagree on a problem.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from marshmallow import (
    Schema,
    ValidationError,
    fields,
    post_load,
    pre_load,
    validates,
    validates_schema,
)

from timeline.validate.compiled import GiveUp, compile_schema
from timeline.validate.loader import load_dataset
from timeline.validate.record import Kind
from timeline.validate.schema import Schemas, build_schemas
from timeline.validate.yamlfile import Parsed, parse_bytes

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "events", ROOT / "tests" / "data" / "valid", ROOT / "tests" / "data" / "broken"]
ODD_VALUES: list[Any] = [None, "", " ", 0, -1, 1.5, 1000, True, [], [None], ["XX"], {},
                         {"en": ""}, {"xx": "text"}, "not-a-slug value", "2025-13-45",
                         "javascript:alert(1)", "MX", "2025-05-21", ["MX", "MX"]]


def _records(folder: Path) -> Iterator[tuple[Kind, str, dict[str, Any]]]:
    for path in sorted(folder.rglob("*.y*ml")):
        if path.name in ("timeline.yaml", "timeline.yml"):
            continue
        relative = path.relative_to(folder).as_posix()
        kind: Kind = ("actor" if relative.startswith("actors/") else
                      "campaign" if relative.startswith("campaigns/") else "event")
        parsed = parse_bytes(path.read_bytes(), relative)
        if not isinstance(parsed, Parsed):
            continue  # a file the YAML layer refuses never reaches a schema
        yield kind, relative, parsed.data


def _schemas(folder: Path) -> Schemas:
    return build_schemas(load_dataset(folder, use_cache=False).dataset.settings)


def _outcome(load: Any, data: Any) -> tuple[str, Any]:
    try:
        return "loaded", load(data)
    except (GiveUp, ValidationError) as error:
        return "refused", error


def _assert_agree(schemas: Schemas, kind: Kind, data: Any, where: str) -> bool:
    """Compare the compiled load with marshmallow's; True when the compiled one loaded."""
    compiled = schemas.compiled[kind]
    assert compiled is not None
    fast, fast_value = _outcome(compiled, copy.deepcopy(data))
    full, full_value = _outcome(schemas.for_kind(kind).load, copy.deepcopy(data))
    if fast == "loaded":
        assert full == "loaded", f"{where}: compiled accepted what marshmallow refuses"
        assert fast_value == full_value, where
        if isinstance(full_value, dict):
            assert list(fast_value) == list(full_value), where
        return True
    return False


def _mutations(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[str, Any]]:
    """Copies of ``data`` with one thing changed, each with a description."""
    if isinstance(data, dict):
        extra = copy.deepcopy(data)
        extra["colour"] = "red"
        yield f"{path}+colour", extra
        for key in list(data):
            removed = copy.deepcopy(data)
            del removed[key]
            yield f"{path}-{key}", removed
            for odd in ODD_VALUES:
                changed = copy.deepcopy(data)
                changed[key] = copy.deepcopy(odd)
                yield f"{(*path, key)}={odd!r}", changed
            for where, inner in _mutations(data[key], (*path, key)):
                changed = copy.deepcopy(data)
                changed[key] = inner
                yield where, changed
    elif isinstance(data, list):
        for index, item in enumerate(data):
            for where, inner in _mutations(item, (*path, index)):
                changed = copy.deepcopy(data)
                changed[index] = inner
                yield where, changed
            for odd in ODD_VALUES[:8]:
                changed = copy.deepcopy(data)
                changed[index] = copy.deepcopy(odd)
                yield f"{(*path, index)}={odd!r}", changed


def test_every_kind_of_record_is_compiled() -> None:
    schemas = _schemas(ROOT / "events")
    assert all(schemas.compiled[kind] is not None for kind in ("event", "actor", "campaign"))


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_files_load_the_same(folder: Path) -> None:
    schemas = _schemas(folder)
    compiled = 0
    for kind, relative, data in _records(folder):
        compiled += _assert_agree(schemas, kind, data, relative)
    if folder.name != "broken":
        # Every valid record goes through the compiled schema, not the fallback.
        assert compiled == sum(1 for _ in _records(folder))


def test_mutated_records_load_the_same() -> None:
    folder = ROOT / "tests" / "data" / "valid"
    schemas = _schemas(folder)
    tried = accepted = 0
    for kind, relative, data in _records(folder):
        for where, mutated in _mutations(data):
            tried += 1
            accepted += _assert_agree(schemas, kind, mutated, f"{relative} {where}")
    # Both outcomes were exercised: some mutations stay valid, most do not.
    assert tried > 2000
    assert 0 < accepted < tried


def test_bundled_dataset_mutations_agree() -> None:
    folder = ROOT / "events"
    schemas = _schemas(folder)
    for kind, relative, data in list(_records(folder))[::4]:
        for where, mutated in _mutations(data):
            _assert_agree(schemas, kind, mutated, f"{relative} {where}")


class _Plain(Schema):
    name = fields.String(required=True)


def _unsupported_schemas() -> list[Schema]:
    class PreLoad(_Plain):
        @pre_load
        def _strip(self, data: Any, **kwargs: Any) -> Any:
            return data

    class FieldHook(_Plain):
        @validates("name")
        def _check(self, value: Any, **kwargs: Any) -> None:
            return None

    class PassOriginal(_Plain):
        @post_load(pass_original=True)
        def _make(self, data: Any, original: Any, **kwargs: Any) -> Any:
            return data

    class WholeCollection(_Plain):
        @validates_schema(pass_collection=True)
        def _check(self, data: Any, **kwargs: Any) -> None:
            return None

    class DataKey(Schema):
        name = fields.String(data_key="Name")

    class Default(Schema):
        name = fields.String(load_default="x")

    class Many(Schema):
        items = fields.Nested(_Plain, many=True)

    class Dicts(Schema):
        values = fields.Dict()

    return [PreLoad(), FieldHook(), PassOriginal(), WholeCollection(), DataKey(), Default(),
            Many(), Dicts(), _Plain(unknown="exclude"), _Plain(partial=True),
            _Plain(many=True)]


@pytest.mark.parametrize("schema", _unsupported_schemas(), ids=lambda s: type(s).__name__)
def test_features_it_does_not_reproduce_are_left_to_marshmallow(schema: Schema) -> None:
    assert compile_schema(schema) is None


def test_a_plain_schema_compiles_and_refuses_unknown_and_missing_fields() -> None:
    compiled = compile_schema(_Plain())
    assert compiled is not None
    assert compiled({"name": "x"}) == {"name": "x"}
    for bad in ({}, {"name": "x", "other": 1}, {"name": None}, ["name"]):
        with pytest.raises((GiveUp, ValidationError)):
            compiled(bad)


LINKS = [
    "https://example.org", "http://example.org/", "https://a.example/x?y=1#z",
    "https://www.elpais.example/2024/a-b", "https://x:8080/p", "https://x:/p", "http://-",
    "https://a..b", "https://.", "HTTPS://EXAMPLE.ORG", "https://user@host/", "https://[::1]/",
    "https://[::1", "https://www.página12.example/x", "https:///path", "https://", "http:/x",
    "https://a b", "https://a/\x7f", "https://a/\u00a0b", "ftp://example.org",
    "javascript:alert(1)", "//example.org", "example.org", "https://a/b c", "https://a\tb",
    "https://ex ample.org", "https://a.example/%20", "https://a/?q=ä", "mailto:x@y.z",
    "https://a.example:99999/", "https://a.example#frag", "https://a.example?q",
]


def test_the_common_link_shape_is_a_shortcut_for_the_full_check() -> None:
    from timeline.links import _PLAIN_HTTP_URL, is_http_url, is_http_url_in_full

    shortcut = 0
    for link in LINKS:
        assert is_http_url(link) == is_http_url_in_full(link.strip()), link
        shortcut += bool(_PLAIN_HTTP_URL.fullmatch(link))
        # Whenever the shortcut says yes, the full check says yes too.
        assert not _PLAIN_HTTP_URL.fullmatch(link) or is_http_url_in_full(link), link
    assert 5 < shortcut < len(LINKS)
