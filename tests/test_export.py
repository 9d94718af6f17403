"""`timeline export` and `timeline schema`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner

from timeline.cli import main

VALID = Path(__file__).parent / "data" / "valid"
REPO = Path(__file__).parent.parent


def export(*args: str) -> dict:
    result = CliRunner().invoke(main, ["export", "--format", "json", "--data", str(VALID),
                                       *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_export_shape_and_normalised_dates() -> None:
    document = export()
    assert set(document) == {"events", "actors", "campaigns"}
    ids = [e["id"] for e in document["events"]]
    assert ids == ["2013-training-announced", "2024-04-uncertain-statement",
                   "2024-04-05-mexico-breaks-with-ecuador", "2025-05-21-march-in-mexico-city",
                   "2025-05-hunger-strike"]
    march = document["events"][3]
    assert march["path"].endswith("2025/2025-05-21-march-in-mexico-city.yaml")
    assert (march["date"], march["precision"], march["start"], march["end"]) == (
        "2025-05-21", "day", "2025-05-21T06:00:00Z", "2025-05-22T06:00:00Z")
    assert march["countries"] == [{"code": "MX", "name": "Mexico"}]
    assert march["actors"][0] == {"id": "ana-lopez", "name": "Ana López", "kind": "person"}
    ecuador = document["events"][2]
    assert ecuador["ongoing"] is True and ecuador["end"] is None
    assert ecuador["timezone"] == "America/Guayaquil"
    assert ecuador["start"] == "2024-04-05T05:00:00Z"
    training = document["events"][0]
    assert training["approximate"] is True and training["uncertain"] is False


def test_export_filters() -> None:
    assert [e["id"] for e in export("--country", "EC")["events"]] == [
        "2024-04-05-mexico-breaks-with-ecuador"]
    assert [e["id"] for e in export("--type", "march", "--type", "hunger-strike")["events"]] == [
        "2025-05-21-march-in-mexico-city", "2025-05-hunger-strike"]
    assert [e["id"] for e in export("--since", "2025", "--until", "2025-05-21")["events"]] == [
        "2024-04-05-mexico-breaks-with-ecuador", "2025-05-21-march-in-mexico-city",
        "2025-05-hunger-strike"]
    assert [e["id"] for e in export("--actor", "ana-lopez", "--campaign",
                                    "break-relations")["events"]] == [
        "2025-05-21-march-in-mexico-city"]


def test_export_bad_date_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["export", "--data", str(VALID), "--since", "yesterday"])
    assert result.exit_code == 2
    assert "--since" in result.output and "'yesterday'" in result.output


def test_export_refuses_to_write_inside_the_data_folder(tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "events"
    shutil.copytree(VALID, data)
    target = data / "2025" / "2025-05-21-march-in-mexico-city.yaml"
    before = target.read_bytes()
    result = CliRunner().invoke(main, ["export", "--data", str(data), "-o", str(target)])
    assert result.exit_code == 2
    assert target.read_bytes() == before
    out = tmp_path / "export.json"
    assert CliRunner().invoke(main, ["export", "--data", str(data), "-o", str(out)]
                              ).exit_code == 0
    assert json.loads(out.read_text())["events"]


def _schema(kind: str) -> dict:
    result = CliRunner().invoke(main, ["schema", "--kind", kind])
    assert result.exit_code == 0
    return json.loads(result.output)


def test_json_schema_is_valid_2020_12_and_accepts_the_sample_data() -> None:
    for kind, folder in (("event", None), ("actor", "actors"), ("campaign", "campaigns")):
        schema = _schema(kind)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        root = REPO / "events"
        files = (root / folder).glob("*.yaml") if folder else [
            p for p in root.glob("[0-9]*/*.yaml")]
        checked = 0
        for path in files:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            # YAML reads unquoted dates as dates; editors see the text.
            for key in ("date", "started"):
                if key in data and not isinstance(data[key], str | int):
                    data[key] = data[key].isoformat()
            for source in data.get("sources", []):
                if "date" in source and not isinstance(source["date"], str | int):
                    source["date"] = source["date"].isoformat()
            errors = list(validator.iter_errors(data))
            assert not errors, (path, errors[0].message)
            checked += 1
        assert checked


def test_json_schema_rejects_unknown_fields_and_bad_types() -> None:
    validator = jsonschema.Draft202012Validator(_schema("event"))
    bad = {"title": "x", "date": "2025", "type": "marhc", "countries": ["Mexico"],
           "sources": [], "typo": 1}
    messages = {e.validator for e in validator.iter_errors(bad)}
    assert {"additionalProperties", "enum", "minItems"} <= messages
