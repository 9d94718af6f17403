"""The YAML layer's own shortcuts agree with PyYAML's safe loader."""

from __future__ import annotations

import yaml

from timeline.validate.yamlfile import Parsed, _plain_tag, parse_bytes

# Plain scalars of every kind YAML 1.1's resolver tells apart, and near misses.
SCALARS = [
    "", "~", "null", "Null", "NULL", "nul", "yes", "Yes", "YES", "no", "No", "NO", "on",
    "Off", "y", "n", "true", "True", "TRUE", "tRUE", "false", "0", "-1", "+1", "1_000",
    "0x1F", "0o17", "017", "0b101", "1:30", "190:20:30", "1.5", "-.5", "1e3", "1.5e3",
    "6.8523015e+5", ".inf", "-.Inf", ".NaN", ".nan", "2025", "2025-05-21",
    "2025-05-21T14:30:00-06:00", "2025-05-21 14:30:00", "2025-5-21", "2025-05",
    "2013~", "2024-04?", "2024-04-06/..", "<<", "=", "MX", "Mexico City", "0.", "._",
    "+", ".", "1.2.3", "12e", "0xZZ", "yes please", "no.", "~x",
]


def test_plain_scalars_get_the_safe_loaders_tags() -> None:
    for value in SCALARS:
        document = f"key: {value}\n" if value else "key:\n"
        node = yaml.compose(document, Loader=yaml.SafeLoader)
        expected = node.value[0][1].tag
        assert _plain_tag(value) == expected, value


def test_values_are_read_as_the_safe_loader_reads_them_except_dates_and_yes_no() -> None:
    for value in SCALARS:
        document = f"key: {value}\n" if value else "key:\n"
        parsed = parse_bytes(document.encode(), "x.yaml")
        try:
            theirs = yaml.safe_load(document)["key"]
        except yaml.YAMLError:  # "<<" and "=" as values: tags with no safe meaning
            assert not isinstance(parsed, Parsed) and parsed.code == "yaml-tag", value
            continue
        assert isinstance(parsed, Parsed), value
        ours = parsed.data["key"]  # type: ignore[index]
        if isinstance(theirs, bool) and value.lower() not in ("true", "false"):
            assert ours == value  # yes/no/on/off stay text (NO is Norway)
        elif type(theirs).__name__ in ("date", "datetime"):
            assert ours == value  # dates stay as written, for the date field
        elif theirs != theirs:  # NaN
            assert ours != ours
        else:
            assert ours == theirs and type(ours) is type(theirs), value


def test_positions_are_found_on_demand() -> None:
    parsed = parse_bytes(b"title: A\nsources:\n  - url: https://a.example\n"
                         b"    title: B\n  - {url: 'https://b.example'}\n", "x.yaml")
    assert isinstance(parsed, Parsed)
    assert parsed.position(()) == (1, 1)
    assert parsed.position(("title",)) == (1, 1)
    assert parsed.position(("sources",)) == (2, 1)
    assert parsed.position(("sources", 0)) == (3, 5)
    assert parsed.position(("sources", 0, "title")) == (4, 5)
    assert parsed.position(("sources", 1, "url")) == (5, 6)
    # A path that was not written points at its nearest written parent.
    assert parsed.position(("sources", 1, "publisher")) == (5, 5)
    assert parsed.position(("sources", 7)) == (2, 1)
    assert parsed.position(("missing", "deeper")) == (1, 1)


def test_an_alias_is_reported_where_it_was_written_not_at_its_anchor() -> None:
    cases = [
        (b"title: &t A\nsummary: *t\n", (2, 1), "summary"),
        (b"tags: &t [a]\nsources:\n  - url: https://a.example\n  - *t\n", (4, 3), "sources.1"),
        (b"a: &a [x]\nb: [*a]\n", (2, 4), "b.0"),
        (b"base: &b {title: x}\nother:\n  <<: *b\n", (3, 3), "other"),
    ]
    for content, (line, column), field in cases:
        problem = parse_bytes(content, "x.yaml")
        assert not isinstance(problem, Parsed)
        assert problem.code == "yaml-alias", content
        assert (problem.line, problem.column, problem.field) == (line, column, field), content
