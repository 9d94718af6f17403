"""An unknown time zone name is always one clear message, never Pendulum's exception."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from browser_kit import write_dataset
from timeline.dates import (
    UnknownTimezone,
    clock_change,
    format_part,
    is_timezone,
    parse_bound,
    parse_date,
    parse_part,
)
from timeline.query.filters import date_bound

EVENT = """title: {{en: {title}, es: {title} (es)}}
date: '{date}'
timezone: {zone}
type: march
countries: [MX]
sources: [{{url: 'https://example.org'}}]
"""


def _folder(tmp_path: Path, settings_zone: str) -> Path:
    return write_dataset(tmp_path / "events", {
        "2025-05-21-a.yaml": EVENT.format(title="A", date="2025-05-21T10:00",
                                          zone="america/mexico_city"),
        "2025-05-21-b.yaml": EVENT.format(title="B", date="2025-05-21", zone="Mars/Olympus"),
        "2025-05-21-c.yaml": EVENT.format(title="C", date="2025-05-21", zone="Mexico City"),
        "2025-05-21-d.yaml": EVENT.format(title="D", date="2025-05-21",
                                          zone="America/Mexico_City"),
    }, settings=f"title: T\nlanguages: [en, es]\ntimezone: {settings_zone}\n", actors={},
        campaigns={}, year="2025")


def _timeline(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "timeline", *arguments],
                          capture_output=True, text=True, timeout=120, check=False)


def test_validate_names_file_line_field_and_close_zones(tmp_path: Path) -> None:
    root = _folder(tmp_path, "America/Mexico_Cty")
    done = _timeline("validate", "--no-cache", str(root))
    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout
    unknown = "is not a known IANA time zone"
    fix = "; use a name like America/Mexico_City or UTC"
    assert done.stdout.splitlines() == [
        f"{root}/2025/2025-05-21-a.yaml:3:1: timezone: 'america/mexico_city' {unknown} "
        f"(did you mean 'America/Mexico_City'?){fix}",
        f"{root}/2025/2025-05-21-b.yaml:3:1: timezone: 'Mars/Olympus' {unknown}{fix}",
        f"{root}/2025/2025-05-21-c.yaml:3:1: timezone: 'Mexico City' {unknown} "
        f"(did you mean 'America/Mexico_City'?){fix}",
        f"{root}/timeline.yaml:3:1: timezone: 'America/Mexico_Cty' {unknown} "
        f"(did you mean 'America/Mexico_City'?){fix}",
        # The settings' other fields still hold: Spanish titles are not reported.
        "checked 4 events, 0 actors, 0 campaigns: 4 problems",
    ]


def test_export_and_serve_data_with_an_unknown_zone_say_so(tmp_path: Path) -> None:
    root = _folder(tmp_path, "Europe/Londn")
    done = _timeline("export", "--format", "json", "--since", "2025-05", "--data", str(root))
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0
    assert "2025-05-21-d" in done.stdout  # the valid event, read in UTC


@pytest.mark.parametrize(("zone", "message"), [
    ("america/mexico_city", "'america/mexico_city' is not a known IANA time zone (did you "
     "mean 'America/Mexico_City'?); use a name like America/Mexico_City or UTC"),
    ("Europe/Londn", "'Europe/Londn' is not a known IANA time zone (did you mean "
     "'Europe/London'"),
    ("../../etc/passwd", "'../../etc/passwd' is not a known IANA time zone; use a name"),
    ("", "'' is not a known IANA time zone; use a name like"),
    ("x" * 5000, "'" + "x" * 100 + "…' is not a known IANA time zone"),
])
def test_the_app_bound_parser_names_the_zone_and_close_ones(zone: str, message: str) -> None:
    with pytest.raises(UnknownTimezone) as raised:
        date_bound("2025-05", zone)
    assert str(raised.value).startswith(message)
    assert date_bound("2025-05", "America/Mexico_City") is not None


@given(st.one_of(st.text(max_size=40), st.sampled_from(
    ["UTC", "America/Mexico_City", "Asia/Kolkata", "utc", "GMT+5", "Etc/GMT+99", "/etc/x",
     "America/", "a\x00b", "Europe/London "])))
def test_every_date_function_raises_only_unknown_timezone(zone: str) -> None:
    part = parse_part("2025-03-09T02:30")
    calls = [lambda: parse_date("2025-05-21T10:00", zone), lambda: parse_bound("2025", zone),
             lambda: clock_change(part, zone)]
    if zone:  # no zone at all is the dataset's, for words
        calls.append(lambda: format_part(part, "en", zone))
    for call in calls:
        if is_timezone(zone):
            call()
        else:
            with pytest.raises(UnknownTimezone):
                call()
