"""Every export format, read back with a real reader of that format."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import geojson
import icalendar
import pytest
from click.testing import CliRunner

from timeline.cli import main

VALID = Path(__file__).parent / "data" / "valid"

TIMED = """title: {en: "=HYPERLINK(\\"http://evil.example\\") rally", es: Mitin}
date: "2025-05-22T18:30"
timezone: America/Mexico_City
type: march
countries: [MX]
location: {name: "Ángel de la Independencia", lat: 19.427, lon: -99.1677}
summary:
  en: "A rally. <script>alert(1)</script> [bad](javascript:alert(1)) [good](https://example.org/good)"
sources: [{url: "https://example.org/rally", title: "Rally report"}]
"""


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formats") / "events"
    shutil.copytree(VALID, root)
    (root / "2025" / "2025-05-22-rally.yaml").write_text(TIMED, encoding="utf-8")
    return root


def export(data: Path, fmt: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--data", str(data),
                                       "--base-url", "https://example.org/app/", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_csv_reads_back_with_the_csv_module_and_a_spreadsheet_style_read(
        data: Path, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    result = CliRunner().invoke(main, ["export", "--format", "csv", "--data", str(data),
                                       "-o", str(target)])
    assert result.exit_code == 0, result.output
    raw = target.read_bytes()
    # Excel and LibreOffice take a file as UTF-8 when it starts with the BOM.
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw and raw.count(b"\r\n") == raw.count(b"\n")
    text = raw.decode("utf-8-sig")
    # A spreadsheet-style read: sniff the dialect and header from a sample, as import
    # dialogs do, then read every row with it.
    sample = text[:4096]
    dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    assert dialect.delimiter == "," and csv.Sniffer().has_header(sample)
    rows = list(csv.DictReader(io.StringIO(text, newline=""), dialect=dialect))
    assert [r["id"] for r in rows] == [
        "2013-training-announced", "2024-04-uncertain-statement",
        "2024-04-05-mexico-breaks-with-ecuador", "2025-05-21-march-in-mexico-city",
        "2025-05-hunger-strike", "2025-05-22-rally"]
    march = rows[3]
    assert march["title_es"] == "Marcha en la Ciudad de México"
    assert march["place"] == "Zócalo" and march["lat"] == "19.4326"
    assert march["lon"] == "-99.1332"  # numbers are not guarded
    assert march["actors"] == "ana-lopez; teachers-union"
    assert march["tags"] == "march; solidarity"
    assert (march["start"], march["end"], march["precision"]) == (
        "2025-05-21T06:00:00Z", "2025-05-22T06:00:00Z", "day")
    assert march["first_source"] == "https://example.org/report"
    assert march["source_count"] == "1"
    assert march["link"] == "/events/2025-05-21-march-in-mexico-city"
    assert rows[0]["approximate"] == "true" and rows[0]["countries"] == "MX; IL"
    assert rows[2]["end"] == "" and rows[2]["date"] == "2024-04-05/.."
    # A title that a spreadsheet would run as a formula is written as text.
    assert rows[5]["title_en"].startswith("'=HYPERLINK(")


def test_ics_reads_back_with_icalendar(data: Path) -> None:
    calendar = icalendar.Calendar.from_ical(export(data, "ics"))
    items = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(items) == 6
    march = items["2025-05-21-march-in-mexico-city@campaign-timeline"]
    assert march.decoded("dtstart") == date(2025, 5, 21)  # an all-day event
    assert march.decoded("dtend") == date(2025, 5, 22)
    assert str(march["url"]) == "https://example.org/app/events/2025-05-21-march-in-mexico-city"
    assert str(march["location"]) == "Zócalo"
    assert "Thousands marched" in str(march["description"])
    assert "Report: https://example.org/report" in str(march["description"])
    month = items["2024-04-uncertain-statement@campaign-timeline"]
    assert (month.decoded("dtstart"), month.decoded("dtend")) == (date(2024, 4, 1),
                                                                  date(2024, 5, 1))
    year = items["2013-training-announced@campaign-timeline"]
    assert (year.decoded("dtstart"), year.decoded("dtend")) == (date(2013, 1, 1),
                                                                date(2014, 1, 1))
    strike = items["2025-05-hunger-strike@campaign-timeline"]
    assert (strike.decoded("dtstart"), strike.decoded("dtend")) == (date(2025, 5, 21),
                                                                    date(2025, 6, 3))
    ongoing = items["2024-04-05-mexico-breaks-with-ecuador@campaign-timeline"]
    assert ongoing.decoded("dtstart") == date(2024, 4, 5) and "dtend" not in ongoing
    assert "Ongoing" in str(ongoing["description"])
    rally = items["2025-05-22-rally@campaign-timeline"]
    start = rally.decoded("dtstart")
    assert isinstance(start, datetime)
    assert start == datetime(2025, 5, 22, 18, 30, tzinfo=ZoneInfo("America/Mexico_City"))
    assert rally["dtstart"].params["TZID"] == "America/Mexico_City"
    zones = [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")]
    assert zones == ["America/Mexico_City"]


def test_atom_reads_back_with_feedparser_newest_first(data: Path) -> None:
    parsed = feedparser.parse(export(data, "atom"))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.link for e in parsed.entries][:3] == [
        "https://example.org/app/events/2025-05-22-rally",
        "https://example.org/app/events/2025-05-hunger-strike",  # same start: by id
        "https://example.org/app/events/2025-05-21-march-in-mexico-city"]
    starts = [e.published for e in parsed.entries]
    assert starts == sorted(starts, reverse=True) and len(starts) == 6
    assert parsed.feed.title == "Test timeline"
    assert parsed.feed.links[1].href == "https://example.org/app/feeds/events.atom"
    spanish = feedparser.parse(export(data, "atom", "--lang", "es"))
    assert spanish.feed.language == "es"
    assert spanish.entries[2].title == "Marcha en la Ciudad de México"


def test_geojson_is_valid_rfc7946(data: Path) -> None:
    document = geojson.loads(export(data, "geojson"))
    assert document.is_valid, document.errors()
    assert document["type"] == "FeatureCollection"
    features = {f["id"]: f for f in document["features"]}
    assert set(features) == {"2025-05-21-march-in-mexico-city", "2025-05-22-rally"}
    march = features["2025-05-21-march-in-mexico-city"]
    assert march["geometry"]["coordinates"] == [-99.1332, 19.4326]  # longitude first
    assert march["properties"]["title"] == "March in Mexico City"
    assert march["properties"]["link"].endswith("/events/2025-05-21-march-in-mexico-city")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs.extend(v or "" for k, v in attrs if k == "href")
        assert not any(k.startswith("on") for k, _ in attrs)


def test_timelinejs_has_the_shape_timelinejs3_reads_and_no_active_html(data: Path) -> None:
    document = json.loads(export(data, "timelinejs"))
    assert document["title"]["text"]["headline"] == "Test timeline"
    slides = {s["unique_id"]: s for s in document["events"]}
    strike = slides["2025-05-hunger-strike"]
    assert strike["start_date"] == {"year": 2025, "month": 5, "day": 21}
    assert strike["end_date"] == {"year": 2025, "month": 6, "day": 2}
    assert strike["group"] == "Hunger strike"
    assert slides["2013-training-announced"]["start_date"] == {"year": 2013}
    rally = slides["2025-05-22-rally"]
    assert rally["start_date"] == {"year": 2025, "month": 5, "day": 22, "hour": 18,
                                   "minute": 30}
    parser = _Tags()
    parser.feed(rally["text"]["text"])
    assert "script" not in parser.tags
    assert parser.hrefs == ["https://example.org/good", "https://example.org/rally"]
    assert "&lt;script&gt;" in rally["text"]["text"]
    assert "&lt;" not in slides["2025-05-21-march-in-mexico-city"]["text"]["headline"]
    spanish = json.loads(export(data, "timelinejs", "--lang", "es"))
    assert spanish["events"][0]["display_date"] == "hacia 2013"


def test_export_refuses_a_bad_base_url_and_an_unknown_language(data: Path) -> None:
    for args, hint in ((["--base-url", "javascript:alert(1)"], "--base-url"),
                       (["--lang", "fr"], "--lang")):
        result = CliRunner().invoke(main, ["export", "--format", "csv", "--data", str(data),
                                           *args])
        assert result.exit_code == 2 and hint in result.output


def test_readme_lists_every_csv_column() -> None:
    from timeline.output.tabular import COLUMNS

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for name, meaning in COLUMNS:
        assert f"| `{name}` | {meaning} |" in readme
