"""The "Suggest an event" form through HTTP: the real app's callbacks, no browser.

Each test posts to ``/_dash-update-component`` what the browser would, and reads what
the server answers: messages next to their fields, the file (byte for byte what
``timeline new event`` writes), GitHub's address that decodes back to the file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from browser_kit import ACTORS, SETTINGS, write_dataset
from callback_kit import answer, output_key, post_callback
from folder_kit import PNG
from timeline.app import AppSettings, create_app, router
from timeline.app.pages.suggest import ACTOR_OPTIONS, DEMAND_ROWS
from timeline.cli import main
from timeline.output.writer import MAX_GITHUB_URL, github_new_file_url
from timeline.validate.loader import load_dataset

TODAY = date(2025, 6, 1)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "events")


@pytest.fixture
def app(folder: Path) -> Any:
    return create_app(load_dataset(folder).dataset, AppSettings(today=TODAY, warm=False))


def check_key(app: Any) -> str:
    return next(k for k in app.callback_map if ".suggest-status.children" in k)


def post_check(app: Any, values: dict[str, Any], language: str = "en") -> dict[str, Any]:
    """What the check button's callback answers for these form values (by slot)."""
    key = check_key(app)
    callback = app.callback_map[key]
    state = []
    for item in callback["state"]:
        slot = item["id"].removeprefix("suggest-")
        if item["id"] == "suggest-lang":
            value: Any = language
        elif slot in ("countries", "actors", "actor-countries", "campaigns") or (
                slot.startswith("by-")):
            value = values.get(slot, [])
        else:
            value = values.get(slot, "")
        state.append({**item, "value": value})
    outputs = [{"id": o.split(".")[0], "property": o.split(".")[1]}
               for o in key.strip(".").split("...")]
    answer = app.server.test_client().post("/_dash-update-component", json={
        "output": key, "outputs": outputs,
        "inputs": [{"id": "suggest-check", "property": "n_clicks", "value": 1}],
        "state": state, "changedPropIds": ["suggest-check.n_clicks"]})
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return dict(answer.get_json()["response"])


def texts(node: Any) -> str:
    if isinstance(node, str | int | float):
        return str(node)
    if isinstance(node, list):
        return " ".join(texts(n) for n in node)
    if isinstance(node, dict):
        return texts(node.get("props", {}).get("children", ""))
    return ""


def message(response: dict[str, Any], slot: str) -> str:
    return texts(response[f"suggest-{slot}-msg"]["children"])


def links(node: Any) -> dict[str, str]:
    """id -> href of every link in a component tree (as JSON)."""
    found: dict[str, str] = {}
    if isinstance(node, list):
        for item in node:
            found.update(links(item))
    elif isinstance(node, dict):
        props = node.get("props", {})
        if "href" in props:
            found[props.get("id") or props["href"]] = props["href"]
        found.update(links(props.get("children")))
    return found


GOOD: dict[str, Any] = {
    "title-en": "Teachers march to the Senate", "date": "2025-06-05", "type": "march",
    "countries": ["MX"], "source-0-url": "https://example.org/news/teachers"}


def test_the_route_is_registered(app: Any) -> None:
    found = router.resolve("/suggest")
    assert found is not None and found[0].module == "timeline.app.pages.suggest"
    client = app.server.test_client()
    assert client.get("/suggest").status_code == 200
    assert client.get("/suggest?lang=es").status_code == 200


def test_the_page_is_served_in_each_language(app: Any) -> None:
    context = app.server.config["TIMELINE_CONTEXT"]
    pages = router.load_pages()
    for language, heading in (("en", "Suggest an event"), ("es", "Proponer un evento")):
        main_parts, _ = router.render(context, pages, "/suggest", f"?lang={language}")
        page = str(main_parts)
        assert heading in page and "suggest-check" in page
    header = str(router.render(context, pages, "/", "")[0][0])
    assert "/suggest" in header


def test_each_message_is_next_to_its_field(app: Any) -> None:
    response = post_check(app, {"title-en": "", "date": "21/05/2025", "type": "marh",
                                "countries": ["Mexico"], "source-0-url": "javascript:x",
                                "lat": "north", "tags": "Not A Tag", "demand-0": "nope",
                                "demand-1": "nope", "stance-1": "supports", "by-1": ["ana-lopez"]})
    assert "'nope' is not a demand reference" in message(response, "demand-1")
    assert message(response, "title-en") == "must not be empty; write some text"
    assert message(response, "date") == (
        "'21/05/2025' is not a valid date: write the year first (YYYY-MM-DD), not "
        "day/month/year; write e.g. 2025-05-21, 2025-05, 2013, 2025-05-21T14:30:00-06:00, "
        '"2013~" (approximate), "2024-04?" (uncertain), "2025-05-21/2025-06-02" (interval), '
        '"2024-04-06/.." (ongoing)')
    assert message(response, "type").startswith(
        "'marh' is not a valid event type (did you mean 'march'?); choose one of:")
    assert message(response, "countries") == (
        "'Mexico' is not an ISO 3166-1 alpha-2 country code (did you mean 'MX'?); use two "
        "capital letters, e.g. MX")
    assert message(response, "source-0-url") == (
        "'javascript:x' is not an http(s) link; write a full address starting with https://")
    assert message(response, "lat") == "must be a number, not the text 'north'"
    assert message(response, "tags").startswith("'Not A Tag' is not a valid id")
    assert message(response, "stance-0") == (
        "the required field 'stance' is missing; add it, e.g. `stance: supports`")
    assert message(response, "by-0").startswith("this stance does not say who holds it")
    assert message(response, "place") == ""
    status = texts(response["suggest-status"]["children"])
    assert status.startswith("10 problems: each is shown next to its field")
    assert response["suggest-result"]["hidden"] is True


def test_the_file_is_what_timeline_new_event_writes(app: Any, folder: Path,
                                                    tmp_path: Path) -> None:
    response = post_check(app, GOOD)
    assert texts(response["suggest-status"]["children"]).startswith("The file is ready")
    assert response["suggest-result"]["hidden"] is False
    text = response["suggest-file-text"]["children"]
    result = CliRunner().invoke(main, [
        "new", "event", "--title", GOOD["title-en"], "--date", GOOD["date"], "--type",
        "march", "--country", "MX", "--source", GOOD["source-0-url"], "--data", str(folder)])
    assert result.exit_code == 0, result.output
    written = Path(result.output.strip())
    assert written.read_bytes() == text.encode("utf-8")
    path = "events/2025/2025-06-05-teachers-march-to-the-senate.yaml"
    assert response["suggest-files"]["data"]["path"] == path
    assert path in texts(response["suggest-path"]["children"])


def test_every_field_reaches_the_file_and_the_file_is_valid(app: Any, folder: Path) -> None:
    values = {**GOOD, "title-es": "Maestros marchan al Senado", "actors": ["ana-lopez"],
              "campaigns": ["break-ties"], "demand-0": "break-ties/break",
              "stance-0": "supports", "by-0": ["teachers-union"], "place": "Senado",
              "place-country": "MX",
              "lat": "19.43", "lon": "-99.13", "summary-en": "They **marched**.",
              "source-0-title": "Teachers march", "source-0-publisher": "Example",
              "source-0-date": "2025-06-05", "source-0-language": "es",
              "source-0-archive_url": "https://web.archive.org/x",
              "source-2-url": "https://example.org/second", "tags": "protest, teachers"}
    response = post_check(app, values)
    text = response["suggest-file-text"]["children"]
    assert text == (
        "# One event of the timeline; docs/format.md describes every field.\n"
        "# `timeline validate` checks it, as the pull request's check will.\n"
        "title:\n  en: Teachers march to the Senate\n  es: Maestros marchan al Senado\n"
        "date: '2025-06-05'\ntype: march\ncountries:\n- MX\nactors:\n- ana-lopez\n"
        "- teachers-union\n"
        "campaigns:\n- break-ties\ndemands:\n- demand: break-ties/break\n  stance: supports\n"
        "  by:\n  - teachers-union\n"
        "location:\n  name: Senado\n  country: MX\n  lat: 19.43\n  lon: -99.13\n"
        "summary: They **marched**.\n"
        "sources:\n- url: https://example.org/news/teachers\n  title: Teachers march\n"
        "  publisher: Example\n  date: '2025-06-05'\n  language: es\n"
        "  archive_url: https://web.archive.org/x\n- url: https://example.org/second\n"
        "tags:\n- protest\n- teachers\n")
    target = folder / "2025" / "2025-06-05-teachers-march-to-the-senate.yaml"
    target.write_text(text, encoding="utf-8")
    report = load_dataset(folder, use_cache=False)
    assert not report.problems


def test_github_address_decodes_back_to_exactly_the_file(app: Any) -> None:
    response = post_check(app, {**GOOD, "summary-en": "Ñandú & 100% \"quoted\" #hash?"})
    text = response["suggest-file-text"]["children"]
    found = links(response["suggest-github"]["children"])
    url = found["suggest-github-link"]
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https", "github.com", "/example/campaign-data/new/main")
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["filename"] == ["events/2025/2025-06-05-teachers-march-to-the-senate.yaml"]
    assert query["value"] == [text]


def test_the_github_address_targets_the_branch_timeline_yaml_names(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "events",
                           settings={**SETTINGS, "branch": "data/incoming"})
    dataset = load_dataset(folder, use_cache=False).dataset
    assert dataset.settings.branch == "data/incoming"
    app = create_app(dataset, AppSettings(today=TODAY, warm=False))
    response = post_check(app, GOOD)
    parts = urlsplit(links(response["suggest-github"]["children"])["suggest-github-link"])
    assert parts.path == "/example/campaign-data/new/data/incoming"
    assert parse_qs(parts.query)["value"] == [response["suggest-file-text"]["children"]]


def test_a_bad_branch_in_timeline_yaml_is_named_with_the_fix(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "events", settings={**SETTINGS, "branch": "../main"})
    report = load_dataset(folder, use_cache=False)
    found = [(p.field, p.message) for p in report.problems if p.code == "bad-branch"]
    assert found == [("branch", "'../main' is not a git branch name; use letters, digits, "
                      "'-', '_', '.' and '/' (no '..', no part starting with '.', no '/' "
                      "at either end), e.g. main")]


def test_too_long_for_github_says_so_and_keeps_the_other_ways(app: Any) -> None:
    long_summary = "A long account of the march. " * 300  # ~8,700 characters
    response = post_check(app, {**GOOD, "summary-en": long_summary})
    assert response["suggest-result"]["hidden"] is False
    github = texts(response["suggest-github"]["children"])
    assert github.startswith("This file is too long to send to GitHub through a link")
    assert "suggest-github-link" not in links(response["suggest-github"]["children"])
    assert github_new_file_url("https://github.com/a/b", "x.yaml", "a" * MAX_GITHUB_URL) is None


def test_without_a_github_repository_the_file_is_downloaded_or_copied(tmp_path: Path) -> None:
    settings = {k: v for k, v in SETTINGS.items() if k != "repository"}
    folder = write_dataset(tmp_path / "data", settings=settings)
    app = create_app(load_dataset(folder).dataset, AppSettings(today=TODAY, warm=False))
    response = post_check(app, GOOD)
    assert texts(response["suggest-github"]["children"]).startswith(
        "This timeline names no GitHub repository")
    assert response["suggest-files"]["data"]["path"].startswith("data/2025/")


def test_a_new_actor_comes_with_its_own_file(app: Any, folder: Path) -> None:
    response = post_check(app, {**GOOD, "actor-name": "Sindicato Minero", "actor-kind":
                                "union", "actor-countries": ["MX"]})
    assert texts(response["suggest-status"]["children"]).startswith("The file is ready")
    assert "- sindicato-minero\n" in response["suggest-file-text"]["children"]
    actor_text = response["suggest-actor-text"]["children"]
    result = CliRunner().invoke(main, ["new", "actor", "--name", "Sindicato Minero", "--kind",
                                       "union", "--country", "MX", "--data", str(folder)])
    assert result.exit_code == 0, result.output
    assert Path(result.output.strip()).read_text(encoding="utf-8") == actor_text
    found = links(response["suggest-github"]["children"])
    actor_url = parse_qs(urlsplit(found["suggest-github-actor-link"]).query)
    assert actor_url["filename"] == ["events/actors/sindicato-minero.yaml"]
    assert actor_url["value"] == [actor_text]
    assert response["suggest-download-actor-button"]["hidden"] is False
    clash = post_check(app, {**GOOD, "actor-name": "Ana López", "actor-url": "ftp://x"})
    assert message(clash, "actor-name").startswith("the actor id 'ana-lopez' is used twice")
    assert message(clash, "actor-url").startswith("'ftp://x' is not an http(s) link")


def test_likely_duplicates_are_named_with_links(app: Any) -> None:
    response = post_check(app, {**GOOD, "title-en": "The march in Mexico City", "date":
                                "2025-05-21", "title-es": "Otra"})
    assert texts(response["suggest-status"]["children"]).startswith("The file is ready")
    duplicates = response["suggest-duplicates"]["children"]
    assert "This may be the same as an event already on the timeline" in texts(duplicates)
    assert "this event looks like a duplicate of" in texts(duplicates)
    hrefs = list(links(duplicates).values())
    assert hrefs == ["/events/2025-05-21-march-in-mexico-city"]
    spanish = post_check(app, {**GOOD, "title-en": "The march in Mexico City", "date":
                               "2025-05-21"}, language="es")
    assert list(links(spanish["suggest-duplicates"]["children"]).values()) == [
        "/events/2025-05-21-march-in-mexico-city?lang=es"]
    client = app.server.test_client()
    assert client.get("/events/2025-05-21-march-in-mexico-city").status_code == 200


def test_an_id_in_use_is_a_problem_of_the_title(app: Any) -> None:
    response = post_check(app, {**GOOD, "title-en": "March in Mexico City",
                                "date": "2025-05-21"})
    assert message(response, "title-en") == "" and message(response, "general").startswith(
        "the event id '2025-05-21-march-in-mexico-city' is used twice")


def test_hostile_requests_get_messages_never_errors(app: Any) -> None:
    response = post_check(app, {"title-en": 17, "date": ["2025"], "type": 7,
                                "countries": "MX", "actors": [7, None],
                                "source-0-url": "<script>alert(1)</script>"})
    assert message(response, "title-en") == "must not be empty; write some text"
    # an object where a form sends text is no request a browser makes: 400 (app/bounds.py)
    with pytest.raises(AssertionError, match="Bad callback request"):
        post_check(app, {"title-en": {"$gt": 1}})
    assert "is not an http(s) link" in message(response, "source-0-url")
    huge = post_check(app, {**GOOD, "summary-en": "x" * 50_000})
    assert texts(huge["suggest-status"]["children"]).startswith(
        "This is more text than an event can hold")
    assert huge["suggest-result"]["hidden"] is True


def test_spanish_words_and_the_same_validator_messages(app: Any) -> None:
    response = post_check(app, {**GOOD, "countries": ["XX"]}, language="es")
    assert texts(response["suggest-status"]["children"]).startswith(
        "1 problema: aparece junto a su campo")
    assert message(response, "countries").startswith(
        "'XX' is not an ISO 3166-1 alpha-2 country code")


def post_single(app: Any, output: str, inputs: list[dict[str, Any]],
                state: list[dict[str, Any]]) -> Any:
    answer = app.server.test_client().post("/_dash-update-component", json={
        "output": output, "outputs": {"id": output.split(".")[0],
                                      "property": output.split(".")[1]},
        "inputs": inputs, "state": state,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"]})
    assert answer.status_code in (200, 204), answer.get_data(as_text=True)
    return answer.get_json()["response"] if answer.status_code == 200 else None


@pytest.mark.parametrize(("typed", "language", "shown"), [
    ("2023-10~", "en", "Reads as: c. October 2023"),
    ("2024-04-06/..", "en", "Reads as: since 6 April 2024"),
    ("2024-04-06/..", "es", "Se leerá: desde el 6 de abril de 2024"),
    ("2025-06-02/2025-05-01", "en",
     "'2025-06-02/2025-05-01' ends (2025-05-01) before it starts (2025-06-02); swap the two "
     "dates"),
    ("May 2025", "en", "'May 2025' is not a valid date: month names are not understood"),
])
def test_the_date_reads_live(app: Any, typed: str, language: str, shown: str) -> None:
    response = post_single(app, "suggest-date-reads.children",
                           [{"id": "suggest-date", "property": "value", "value": typed}],
                           [{"id": "suggest-lang", "property": "data", "value": language}])
    assert response["suggest-date-reads"]["children"].startswith(shown)


def test_the_summary_preview_renders_as_the_app_does(app: Any) -> None:
    response = post_single(app, "suggest-summary-en-preview.children",
                           [{"id": "suggest-summary-en", "property": "value",
                             "value": "**Bold** <script>x</script> [a](javascript:x)"}], [])
    tree = response["suggest-summary-en-preview"]["children"]
    assert "Bold" in str(tree) and "Strong" in str(tree)
    assert "javascript" not in str(tree).replace("[a](javascript:x)", "")


def test_download_sends_back_the_checked_file(app: Any) -> None:
    files = {"path": "events/2025/x.yaml", "text": "title: X\n", "actor_path": None,
             "actor_text": None}
    response = post_single(app, "suggest-download.data",
                           [{"id": "suggest-download-button", "property": "n_clicks",
                             "value": 1}],
                           [{"id": "suggest-files", "property": "data", "value": files}])
    assert response["suggest-download"]["data"] == {
        "content": "title: X\n", "filename": "x.yaml", "type": "application/yaml"}


# ------------------------------------------------------------------ quotes and media




def test_a_quote_and_media_reach_the_file_as_timeline_new_event_writes_them(
        app: Any, folder: Path) -> None:
    (folder / "media" / "maps").mkdir(parents=True)
    (folder / "media" / "maps" / "route.png").write_bytes(PNG)
    response = post_check(app, {
        **GOOD, "campaigns": ["break-ties"], "demand-0": "break-ties/break",
        "stance-0": "supports", "by-0": ["teachers-union"], "quote-0-es": "Ni un paso atrás",
        "media-0-url": "https://example.org/video", "media-0-kind": "video",
        "media-0-caption-en": "Video report", "media-0-credit": "Example News",
        "media-1-file": "maps/route.png", "media-1-kind": "image",
        "media-1-alt-en": "Map of the route"})
    assert texts(response["suggest-status"]["children"]).startswith("The file is ready")
    text = response["suggest-file-text"]["children"]
    assert ("  by:\n  - teachers-union\n  quote:\n    es: Ni un paso atrás\nsources:" in text)
    assert text.endswith(
        "media:\n- url: https://example.org/video\n  kind: video\n  caption: Video report\n"
        "  credit: Example News\n- file: maps/route.png\n  kind: image\n"
        "  alt: Map of the route\n")
    answers = ["2025-06-05", GOOD["title-en"], "", "march", "MX", "", "break-ties",
               "break", "supports", "teachers-union", "", "Ni un paso atrás", "",
               "", "", "", "", GOOD["source-0-url"], "", "",
               "https://example.org/video", "video", "Video report", "Example News",
               "maps/route.png", "image", "Map of the route", "", "", ""]
    result = CliRunner().invoke(main, ["new", "event", "--data", str(folder)],
                                input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    written = Path(result.output.strip().splitlines()[-1].split(" ")[-1])
    assert written.read_bytes() == text.encode("utf-8")
    report = load_dataset(folder, use_cache=False)
    assert not report.problems, report.problems
    event = report.dataset.by_id[written.stem]
    assert event.demands[0].quote == {"es": "Ni un paso atrás"}
    assert [(m.url, m.file, m.kind) for m in event.media] == [
        ("https://example.org/video", None, "video"), (None, "maps/route.png", "image")]


def test_each_media_message_is_next_to_its_field(app: Any, folder: Path) -> None:
    # the files are looked for (as `timeline validate` does) once the record is valid
    response = post_check(app, {
        **GOOD, "media-1-file": "maps/missing.png", "media-1-kind": "image",
        "media-1-alt-en": "A map"})
    # named as in the repository, never where the server keeps its copy
    assert message(response, "media-1-file") == (
        "the media file 'maps/missing.png' does not exist; put it at "
        "events/media/maps/missing.png or fix the path")
    assert str(folder) not in json.dumps(response)
    response = post_check(app, {
        **GOOD, "media-0-file": "../secret.png", "media-0-kind": "image",
        "media-0-alt-en": "A map", "media-1-url": "javascript:alert(1)",
        "media-1-kind": "video"})
    assert message(response, "media-0-file").startswith(
        "'../secret.png' is not a path under media/")
    assert message(response, "media-1-url") == (
        "'javascript:alert(1)' is not an http(s) link; write a full address starting with "
        "https://")
    response = post_check(app, {
        **GOOD, "media-0-url": "https://example.org/p.jpg",
        "media-0-kind": "image", "media-0-caption-es": "Una foto"})
    assert message(response, "media-0-alt-en") == (
        "an image needs `alt`: a short description for people who cannot see it, e.g. "
        "alt: Marchers on Paseo de la Reforma")
    both = post_check(app, {**GOOD, "media-0-file": "a.png", "media-0-url":
                            "https://example.org/a.png", "media-0-kind": "image",
                            "media-0-alt-en": "A"})
    assert message(both, "media-0-file").startswith(
        "a media item has a local `file` (under the data folder's media/) or an http(s) "
        "`url`, exactly one of them; this one has both")


# ------------------------------------------------------------------ picking actors


def actor_options_answer(app: Any, output: str, values: dict[str, Any]) -> list[Any]:
    """The options the server computes for an actor picker, as the browser asks."""
    key = output_key(app, output)
    found = answer(post_callback(app.server.test_client(), app, key, values,
                                 [next(iter(values))]))
    return list(found[output.split(".")[0]]["options"])


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A registry of 3,000 actors besides the usual three."""
    actors = {**ACTORS, **{f"actor-{n:04d}": {"name": f"Collective number {n}",
                                              "kind": "organisation"}
                           for n in range(3000)}}
    folder = write_dataset(tmp_path_factory.mktemp("crowded") / "events", actors=actors)
    return create_app(load_dataset(folder, use_cache=False).dataset,
                      AppSettings(today=TODAY, warm=False))


def test_actor_pickers_offer_a_bounded_search_of_a_large_registry(crowded: Any) -> None:
    context = crowded.server.config["TIMELINE_CONTEXT"]
    main_parts, _ = router.render(context, router.load_pages(), "/suggest", "")
    page = str(main_parts)
    assert page.count("'value': 'actor-") == (1 + DEMAND_ROWS) * ACTOR_OPTIONS
    options = actor_options_answer(crowded, "suggest-actors.options", {
        "suggest-actors.search_value": "lopez", "suggest-actors.value": ["actor-2999"],
        "suggest-lang.data": "es"})
    # the chosen actor is kept; "lopez" finds "Ana López" (accents and case ignored)
    assert options == [{"label": "Collective number 2999 (actor-2999)",
                        "value": "actor-2999"},
                       {"label": "Ana López (ana-lopez)", "value": "ana-lopez"}]
    by_alias = actor_options_answer(crowded, "suggest-actors.options", {
        "suggest-actors.search_value": "snte", "suggest-lang.data": "es"})
    assert by_alias == [{"label": "Sindicato de Maestros (teachers-union)",
                         "value": "teachers-union"}]
    many = actor_options_answer(crowded, "suggest-actors.options", {
        "suggest-actors.search_value": "collective number 1"})
    assert len(many) == ACTOR_OPTIONS
    assert many[0]["value"] == "actor-0001"  # names starting with the text come first
    hostile = actor_options_answer(crowded, "suggest-actors.options", {
        "suggest-actors.search_value": "x" * 5000, "suggest-actors.value": "not-a-list"})
    assert hostile == []


def test_a_stance_holder_can_be_the_new_actor(app: Any, folder: Path) -> None:
    before = actor_options_answer(app, "suggest-by-0.options", {
        "suggest-by-0.search_value": "", "suggest-actor-name.value": ""})
    assert "sindicato-minero" not in [o["value"] for o in before]
    options = actor_options_answer(app, "suggest-by-0.options", {
        "suggest-actor-name.value": "Sindicato Minero", "suggest-by-0.search_value": "",
        "suggest-by-0.value": ["ana-lopez"]})
    assert options[:2] == [{"label": "Sindicato Minero (sindicato-minero, new)",
                            "value": "sindicato-minero"},
                           {"label": "Ana López (ana-lopez)", "value": "ana-lopez"}]
    response = post_check(app, {
        **GOOD, "actor-name": "Sindicato Minero", "actor-kind": "union",
        "campaigns": ["break-ties"], "demand-0": "break-ties/break", "stance-0": "supports",
        "by-0": ["sindicato-minero"]})
    assert texts(response["suggest-status"]["children"]).startswith("The file is ready")
    text = response["suggest-file-text"]["children"]
    assert "actors:\n- sindicato-minero\n" in text
    assert "  by:\n  - sindicato-minero\n" in text
    files = response["suggest-files"]["data"]
    for path, content in ((files["path"], files["text"]),
                          (files["actor_path"], files["actor_text"])):
        target = folder.parent / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    report = load_dataset(folder, use_cache=False)
    assert not report.problems, report.problems
