"""`timeline new`: valid files, printed paths, and never an overwrite."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from folder_kit import PNG, copy_valid
from timeline.cli import main
from timeline.validate.loader import load_dataset


def test_new_event_writes_a_valid_file_and_prints_its_path(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    result = CliRunner().invoke(main, [
        "new", "event", "--title", "Sit-in at the Foreign Ministry (SRE)", "--date",
        "2025-06-03", "--type", "sit-in", "--country", "MX", "--actor", "ana-lopez",
        "--source", "https://example.org/sit-in", "--data", str(data)])
    assert result.exit_code == 0, result.output
    path = data / "2025" / "2025-06-03-sit-in-at-the-foreign-ministry-sre.yaml"
    assert result.output.strip() == str(path)
    report = load_dataset(data, use_cache=False)
    assert not report.problems
    event = report.dataset.by_id["2025-06-03-sit-in-at-the-foreign-ministry-sre"]
    assert event.actors == ("ana-lopez",) and event.type == "sit-in"


def test_new_event_refuses_to_overwrite(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    existing = data / "2025" / "2025-05-21-march-in-mexico-city.yaml"
    before = existing.read_bytes()
    result = CliRunner().invoke(main, [
        "new", "event", "--title", "March in Mexico City", "--date", "2025-05-21", "--type",
        "march", "--country", "MX", "--source", "https://example.org", "--data", str(data)])
    assert result.exit_code == 2
    assert "already exists; it was left as it is" in result.output
    assert existing.read_bytes() == before


def test_new_event_checks_its_input(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    result = CliRunner().invoke(main, [
        "new", "event", "--title", "X", "--date", "21/05/2025", "--type", "march",
        "--country", "MX", "--source", "https://example.org", "--data", str(data)])
    assert result.exit_code == 2
    assert "write the year first (YYYY-MM-DD)" in result.output
    result = CliRunner().invoke(main, [
        "new", "event", "--title", "X", "--date", "2025-05-21", "--type", "march",
        "--country", "Mexico", "--actor", "nobody", "--source", "javascript:alert(1)",
        "--data", str(data)])
    assert result.exit_code == 2
    assert "'Mexico' is not an ISO 3166-1 alpha-2 country code (did you mean 'MX'?)" in (
        result.output)
    assert "is not an http(s) link" in result.output
    assert not list((data / "2025").glob("2025-05-21-x*"))


def test_new_event_without_a_terminal_names_what_is_missing(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", "event", "--data", str(copy_valid(tmp_path))],
                                input="")
    assert result.exit_code == 2
    assert "Date is required (pass it as an option)" in result.output


def test_new_actor(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    result = CliRunner().invoke(main, ["new", "actor", "--name", "Juan Ramón de la Fuente",
                                       "--kind", "person", "--country", "MX", "--data",
                                       str(data)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("actors/juan-ramon-de-la-fuente.yaml")
    report = load_dataset(data, use_cache=False)
    assert report.dataset.actors["juan-ramon-de-la-fuente"].name == {
        "en": "Juan Ramón de la Fuente"}
    again = CliRunner().invoke(main, ["new", "actor", "--name", "Juan Ramón de la Fuente",
                                      "--kind", "person", "--data", str(data)])
    assert again.exit_code == 2 and "already exists" in again.output


# ------------------------------------------------------------------ questions, one by one


def test_each_answer_is_checked_when_given_and_asked_again(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    (data / "media" / "maps").mkdir(parents=True)
    (data / "media" / "maps" / "route.png").write_bytes(PNG)
    (data / "media" / "maps" / "fake.png").write_text("<svg onload=alert(1)>")
    answers = [
        "21/05/2025", "2025-06~",                    # date: refused, then approximate
        "Sit-in at the Foreign Ministry", "Plantón en la cancillería",
        "sitin", "sit-in",                           # type: did you mean
        "Mexico", "MX",                              # countries: did you mean 'MX'?
        "ana-lpez", "ana-lopez",                     # actors: did you mean
        "break-relatons", "break-relations",         # campaigns: did you mean
        "brake", "break", "backs", "supports",       # one demand with its stance,
        "teachers-union",                            # held by an actor added to the actors,
        "", "Ni un paso atrás",                      # a quote in Spanish only
        "",                                          # no more demands
        "Mexico City", "Mexcio", "MX", "91, 0", "19.43, -99.13",
        "Teachers **sat in**.",
        "ftp://example.org", "https://example.org/sit-in", "https://example.org/2", "",
        "Sit_In", "sit-in",
        "maps/missing.png", "../etc/passwd", "maps/fake.png", "maps/route.png",  # media
        "video", "image",                            # a local file is only an image
        "Map of the sit-in", "", "Map: contributors, CC0",
        "javascript:alert(1)", "https://example.org/video", "film", "video",
        "Video report", "Example News",
        "",                                          # no more media
    ]
    result = CliRunner().invoke(main, ["new", "event", "--data", str(data)],
                                input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert ("date: '21/05/2025' is not a valid date: write the year first (YYYY-MM-DD), "
            "not day/month/year") in out
    assert "reads as: c. June 2025" in out
    assert "type: 'sitin' is not a valid event type (did you mean 'sit-in'?)" in out
    assert ("countries.0: 'Mexico' is not an ISO 3166-1 alpha-2 country code (did you mean "
            "'MX'?); use two capital letters, e.g. MX") in out
    assert "actors.0: 'ana-lpez' is not a known actor (did you mean 'ana-lopez'?)" in out
    assert ("campaigns.0: 'break-relatons' is not a known campaign (did you mean "
            "'break-relations'?)") in out
    assert ("demands.0.demand: 'brake' is not a demand of campaign 'break-relations' (did "
            "you mean 'break'?)") in out
    assert "demands.0.stance: 'backs' is not a valid stance" in out
    assert "location.country: 'Mexcio' is not an ISO 3166-1 alpha-2 country code" in out
    assert "location.lat: 91.0 is out of range; latitude goes from -90 to 90" in out
    assert "sources.0.url: 'ftp://example.org' is not an http(s) link" in out
    assert "tags.0: 'Sit_In' is not a valid id" in out
    expected = data / "media" / "maps" / "missing.png"
    assert (f"media.0.file: the media file 'maps/missing.png' does not exist; put it at "
            f"{expected} or fix the path") in out
    assert "media.0.file: '../etc/passwd' is not a path under media/" in out
    assert ("media.0.file: the media file 'maps/fake.png' is not a PNG, JPEG, GIF, WebP or "
            "AVIF image") in out
    assert ("media.0.kind: a local file can only be an image (kind: image); link a 'video' "
            "with `url:` instead") in out
    assert "media.1.url: 'javascript:alert(1)' is not an http(s) link" in out
    assert "media.1.kind: 'film' is not a valid media kind" in out
    path = data / "2025" / "2025-06-sit-in-at-the-foreign-ministry.yaml"
    assert out.strip().splitlines()[-1].endswith(str(path))
    report = load_dataset(data, use_cache=False)
    assert not report.errors, report.errors
    event = report.dataset.by_id[path.stem]
    assert event.title == {"en": "Sit-in at the Foreign Ministry",
                           "es": "Plantón en la cancillería"}
    assert event.actors == ("ana-lopez", "teachers-union")
    assert event.campaigns == ("break-relations",)
    assert [(d.demand, d.stance, d.by) for d in event.demands] == [
        ("break-relations/break", "supports", ("teachers-union",))]
    assert event.location is not None and event.location.lat == 19.43
    assert event.summary == {"en": "Teachers **sat in**."}
    assert [s.url for s in event.sources] == ["https://example.org/sit-in",
                                              "https://example.org/2"]
    assert event.tags == ("sit-in",)
    assert event.demands[0].quote == {"es": "Ni un paso atrás"}
    text = path.read_text(encoding="utf-8")
    assert "  by:\n  - teachers-union\n  quote:\n    es: Ni un paso atrás\nlocation:" in text
    assert text.endswith(
        "media:\n- file: maps/route.png\n  kind: image\n  alt: Map of the sit-in\n"
        "  credit: 'Map: contributors, CC0'\n"
        "- url: https://example.org/video\n  kind: video\n  caption: Video report\n"
        "  credit: Example News\n")


def test_optional_questions_are_skipped_with_enter_and_options_are_kept(
        tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    result = CliRunner().invoke(main, [
        "new", "event", "--data", str(data), "--title", "Teachers strike", "--type",
        "strike", "--country", "Mexico"], input="\n".join(
            ["2025-07-01", "", "MX", "", "", "", "", "", "", "https://example.org", "", ""])
        + "\n")
    assert result.exit_code == 0, result.output
    assert "'Mexico' is not an ISO 3166-1 alpha-2 country code (did you mean 'MX'?)" in (
        result.output)
    written = data / "2025" / "2025-07-01-teachers-strike.yaml"
    assert written.read_text(encoding="utf-8") == (
        "# One event of the timeline; docs/format.md describes every field.\n"
        "# `timeline validate` checks it, as the pull request's check will.\n"
        "title: Teachers strike\ndate: '2025-07-01'\ntype: strike\ncountries:\n- MX\n"
        "sources:\n- url: https://example.org\n")


def test_an_id_in_use_and_a_likely_duplicate_are_said_before_writing(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    existing = data / "2025" / "2025-05-21-march-in-mexico-city.yaml"
    before = existing.read_bytes()
    answers = ["2025-05-21", "March in Mexico City", "March in Mexico City again", "",
               "march", "MX", "", "", "", "", "", "", "https://example.org", "", ""]
    result = CliRunner().invoke(main, ["new", "event", "--data", str(data)],
                                input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert ("the event id '2025-05-21-march-in-mexico-city' is used twice: here and in "
            f"{existing}") in result.output
    assert ("warning: this event looks like a duplicate of "
            f"{existing} (same date, shared countries, similar title "
            "'March in Mexico City')") in result.output
    assert existing.read_bytes() == before
    assert (data / "2025" / "2025-05-21-march-in-mexico-city-again.yaml").exists()


def test_questions_run_on_a_real_standard_input(tmp_path: Path) -> None:
    import subprocess
    import sys

    data = copy_valid(tmp_path)
    answers = "2024~\nBoycott of a fair\n\nboycott\nMX\n\n\n\n\n\n\nhttps://example.org\n\n\n"
    done = subprocess.run([sys.executable, "-m", "timeline", "new", "event", "--data",
                           str(data)], input=answers, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "reads as: c. 2024" in done.stdout
    assert (data / "2024" / "2024-boycott-of-a-fair.yaml").is_file()


def test_new_event_writes_stances_with_their_holders(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    result = CliRunner().invoke(main, [
        "new", "event", "--title", "Union statement", "--date", "2025-06-04", "--type",
        "statement", "--country", "MX", "--actor", "ana-lopez",
        "--stance", "break-relations/break:supports:teachers-union",
        "--stance", "break-relations/break:declines:ana-lopez",
        "--source", "https://example.org/statement", "--data", str(data)])
    assert result.exit_code == 0, result.output
    report = load_dataset(data, use_cache=False)
    assert not report.problems
    event = report.dataset.by_id["2025-06-04-union-statement"]
    assert event.actors == ("ana-lopez", "teachers-union")  # a holder is one of the actors
    assert [(d.demand, d.stance, d.by) for d in event.demands] == [
        ("break-relations/break", "supports", ("teachers-union",)),
        ("break-relations/break", "declines", ("ana-lopez",))]


def test_new_event_explains_a_malformed_stance(tmp_path: Path) -> None:
    data = copy_valid(tmp_path)
    result = CliRunner().invoke(main, [
        "new", "event", "--title", "X", "--date", "2025-06-04", "--type", "statement",
        "--country", "MX", "--stance", "break-relations/break:supports",
        "--source", "https://example.org", "--data", str(data)])
    assert result.exit_code == 2
    assert ("--stance 'break-relations/break:supports': write "
            "<campaign-id>/<demand-id>:<stance>:<actor-id>[,...]") in result.output
    assert not (data / "2025" / "2025-06-04-x.yaml").exists()
