"""The app without a browser: the factory, routing, links, the WSGI entry and `serve`."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import dash
import pytest
from click.testing import CliRunner
from dash import html

from browser_kit import load, write_dataset
from conftest import REPO
from timeline.app import AppSettings, create_app, router, wsgi
from timeline.app.components import shell
from timeline.app.context import build_context
from timeline.cli import main
from timeline.errors import DatasetError
from timeline.i18n.cldr import format_number
from timeline.model import Dataset
from timeline.query.filters import Filters
from timeline.query.labels import contribute_url, edit_url, lane_label
from timeline.validate.loader import load_dataset

BROKEN = "title: Broken\ndate: 2025-13-01\ntype: march\ncountries: [MX]\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "data")


@pytest.fixture
def dataset(folder: Path) -> Dataset:
    return load(folder)


def texts(node: Any) -> str:
    """All the text of a component tree."""
    if isinstance(node, str | int | float):
        return str(node)
    if isinstance(node, list | tuple):
        return " ".join(texts(n) for n in node)
    children = getattr(node, "children", None)
    return texts(children) if children is not None else ""


# ------------------------------------------------------------------ the factory


def test_each_app_has_its_own_context_and_callbacks(dataset: Dataset) -> None:
    sample = load_dataset(REPO / "events").dataset
    first = create_app(dataset, AppSettings(today=date(2025, 6, 1)))
    second = create_app(sample)
    assert first is not second and first.server is not second.server
    assert first.server.config["TIMELINE_CONTEXT"].dataset is dataset
    assert second.server.config["TIMELINE_CONTEXT"].dataset is sample
    assert first.callback_map and set(first.callback_map) == set(second.callback_map)
    assert first.config.serve_locally and first.config.suppress_callback_exceptions
    assert first.title == "Browser test timeline"


def test_importing_the_app_package_builds_nothing() -> None:
    import importlib

    from timeline.app import context, router
    from timeline.app.pages import timeline as timeline_page

    for module in (timeline_page, router, context, shell):
        importlib.reload(module)
        assert not [v for v in vars(module).values() if isinstance(v, dash.Dash)]
    assert not dash.page_registry  # no global page registry (no use_pages)


def test_http_responses(dataset: Dataset) -> None:
    client = create_app(dataset).server.test_client()
    index = client.get("/?country=MX")
    assert index.status_code == 200
    policy = index.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy
    assert index.headers["X-Content-Type-Options"] == "nosniff"
    body = index.get_data(as_text=True)
    # every script and stylesheet the page loads comes from the app itself
    fetched = re.findall(r'<script[^>]* src="([^"]*)"', body) + re.findall(
        r'<link rel="(?:stylesheet|preload|icon)"[^>]* href="([^"]*)"', body)
    assert fetched and all(url.startswith("/") for url in fetched), fetched
    assert "cdn." not in body
    assert "/assets/timeline.css" in body and "/assets/keyboard.js" in body
    assert "/assets/a11y.js" in body
    layout = client.get("/_dash-layout").get_json()
    assert "url" in json.dumps(layout)
    assert client.get("/assets/timeline.css").status_code == 200
    assert client.get("/anything/else").status_code == 404  # the router shows not-found


def test_serve_locally_even_in_debug(dataset: Dataset) -> None:
    app = create_app(dataset, AppSettings(debug=True))
    assert app.config.serve_locally
    assert app.scripts.config.serve_locally and app.css.config.serve_locally


# ------------------------------------------------------------------ routing


@pytest.mark.parametrize(("path", "module", "ident"), [
    ("/", "timeline.app.pages.timeline", None),
    ("", "timeline.app.pages.timeline", None),
    ("//", "timeline.app.pages.timeline", None),
    ("/campaigns/break-ties", "timeline.app.pages.campaign", "break-ties"),
    ("/actors/ana%20l%C3%B3pez", "timeline.app.pages.actor", "ana lópez"),
    ("/relations", "timeline.app.pages.relations", None),
    ("/relations/", "timeline.app.pages.relations", None),
])
def test_routes(path: str, module: str, ident: str | None) -> None:
    found = router.resolve(path)
    assert found is not None
    assert (found[0].module, found[1]) == (module, ident)


@pytest.mark.parametrize("path", ["/nope", "/campaigns", "/campaigns/a/b", "/relations/x",
                                  "/actors/", "/../etc/passwd"])
def test_unknown_paths(path: str) -> None:
    assert router.resolve(path) is None


def test_render_unknown_path_and_id_is_a_not_found_page(dataset: Dataset) -> None:
    context = build_context(dataset)
    pages = router.load_pages()
    assert "timeline.app.pages.timeline" in pages
    frame, meta = router.render(context, pages, "/nowhere", "?lang=es")
    assert meta == {"title": "Página no encontrada · Cronología de prueba del navegador",
                    "lang": "es", "description": "Seis eventos escritos por las pruebas del "
                    "navegador.", "found": ""}
    assert "Página no encontrada" in texts(frame)
    frame, meta = router.render(context, pages, "/", "?lang=zz&country=MX")
    assert meta["lang"] == "en" and "5 of 6 events" in texts(frame)


# ------------------------------------------------------------------ links


def test_links_the_tracker_pages_reuse() -> None:
    assert shell.filter_href(actor=["ana-lopez"], lang="es") == "/?actor=ana-lopez&lang=es"
    assert shell.filter_href(country="MX", type=["march", "sit-in"]) == (
        "/?country=MX&type=march&type=sit-in")
    assert shell.filter_href(**{"from": "2024", "to": "2025-05"}) == "/?from=2024&to=2025-05"
    assert shell.filter_href() == "/"
    with pytest.raises(TypeError):
        shell.filter_href(colour="red")
    assert shell.event_link("2025-05-21-x", "es") == "/?event=2025-05-21-x&lang=es"
    assert shell.actor_href("ana lópez", "en") == "/actors/ana%20l%C3%B3pez?lang=en"
    assert shell.campaign_href("break-ties") == "/campaigns/break-ties"
    assert shell.relations_href("es", country="IL", date="2025-06-01") == (
        "/relations?country=IL&date=2025-06-01&lang=es")
    assert shell.timeline_href(Filters(q="a b")) == "/?q=a+b"
    assert shell.language_href("/relations", "?country=IL&lang=en", "es") == (
        "/relations?country=IL&lang=es")


def test_every_helper_link_is_read_back_by_the_timeline(dataset: Dataset) -> None:
    context = build_context(dataset)
    href = shell.filter_href(country=["MX"], actor=["teachers-union"], lang="es")
    view = context.filters(href.split("?", 1)[1])
    assert view == Filters(country=("MX",), actor=("teachers-union",), lang="es")


def test_context_words(dataset: Dataset) -> None:
    context = build_context(dataset)
    assert context.language("es") == "es" and context.language("fr") == "en"
    assert context.language(None) == "en"
    assert format_number(1234567, "en") == "1,234,567"
    assert format_number(1234567, "es") == "1.234.567"
    march = dataset.by_id["2025-05-21-march-in-mexico-city"]
    assert edit_url(context.dataset, march) == (
        "https://github.com/example/campaign-data/blob/HEAD/data/2025/"
        "2025-05-21-march-in-mexico-city.yaml")
    assert contribute_url(context.dataset) == (
        "https://github.com/example/campaign-data/blob/HEAD/CONTRIBUTING.md")
    assert lane_label(context.dataset, "country", "es")("MX") == "México"
    header = shell.header(context, "es", "/", "?country=MX")
    assert isinstance(header, html.Header)
    assert "Cronología" in texts(header) and "Relaciones" in texts(header)


def test_no_repository_no_edit_links(tmp_path: Path) -> None:
    from browser_kit import SETTINGS

    settings = {k: v for k, v in SETTINGS.items() if k != "repository"}
    dataset = load_dataset(write_dataset(tmp_path / "data", settings=settings)).dataset
    context = build_context(dataset)
    assert edit_url(context.dataset, dataset.events[0]) is None
    assert contribute_url(context.dataset) is None


# ------------------------------------------------------------------ WSGI and serve


def test_wsgi_factory(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = wsgi.server(data=str(folder))
    assert server.test_client().get("/").status_code == 200
    monkeypatch.setenv("TIMELINE_DATA", str(folder))
    assert wsgi.server().config["TIMELINE_CONTEXT"].dataset.folder == str(folder)


def test_wsgi_refuses_invalid_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    folder = write_dataset(tmp_path / "data", extra_files={"2025/broken.yaml": BROKEN})
    with pytest.raises(DatasetError):
        wsgi.server(data=str(folder))
    assert "refusing to serve invalid data" in capsys.readouterr().err
    assert wsgi.server(data=str(folder), allow_invalid=True).config[
        "TIMELINE_CONTEXT"].dataset.left_out == 1
    monkeypatch.setenv("TIMELINE_ALLOW_INVALID", "1")
    assert wsgi.server(data=str(folder)) is not None


def test_serve_refuses_invalid_data(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "data", extra_files={"2025/broken.yaml": BROKEN})
    result = CliRunner().invoke(main, ["serve", "--data", str(folder)])
    assert result.exit_code == 1
    assert "broken.yaml:2:1: date: '2025-13-01' is not a valid date" in result.output
    assert "refusing to serve invalid data" in result.output


class Started(Exception):
    """Raised instead of starting the server, carrying what it was asked."""


def test_serve_starts_the_app(folder: Path, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --debug: waitress, the production server; with it, Dash's own."""
    import waitress

    def production(app: Any, **options: Any) -> None:
        raise Started(options, app)

    def development(self: dash.Dash, **options: Any) -> None:
        raise Started(options, self)

    monkeypatch.setattr(waitress, "serve", production)
    monkeypatch.setattr(dash.Dash, "run", development)
    monkeypatch.delenv("TIMELINE_BASE_URL", raising=False)
    result = CliRunner().invoke(main, ["serve", "--data", str(folder), "--port", "8999"])
    assert isinstance(result.exception, Started)
    options, server = result.exception.args
    assert options == {"host": "127.0.0.1", "port": 8999, "threads": 8}
    assert server.config["TIMELINE_CONTEXT"].settings.base_url is None
    assert "serving 6 events at http://127.0.0.1:8999/" in result.output
    broken = write_dataset(tmp_path / "broken", extra_files={"2025/broken.yaml": BROKEN})
    result = CliRunner().invoke(main, ["serve", "--data", str(broken), "--allow-invalid",
                                       "--debug"])
    options, app = result.exception.args
    assert options["debug"] is True
    assert "serving 6 events, 1 records left out" in result.output
    assert app.server.config["TIMELINE_CONTEXT"].dataset.left_out == 1


def test_serve_takes_the_public_base_url(folder: Path, monkeypatch: pytest.MonkeyPatch
                                         ) -> None:
    import waitress

    def production(app: Any, **options: Any) -> None:
        raise Started(options, app)

    monkeypatch.setattr(waitress, "serve", production)
    result = CliRunner().invoke(main, ["serve", "--data", str(folder), "--base-url",
                                       "https://timeline.example.org/"])
    assert result.exception.args[1].config["TIMELINE_CONTEXT"].settings.base_url == \
        "https://timeline.example.org"
    monkeypatch.setenv("TIMELINE_BASE_URL", "http://mirror.example.org")
    result = CliRunner().invoke(main, ["serve", "--data", str(folder)])
    assert result.exception.args[1].config["TIMELINE_CONTEXT"].settings.base_url == \
        "http://mirror.example.org"
    result = CliRunner().invoke(main, ["serve", "--data", str(folder), "--base-url",
                                       "timeline.example.org"])
    assert result.exit_code == 2
    assert ("Invalid value for --base-url: 'timeline.example.org' is not an absolute "
            "http(s) URL; write it like https://timeline.example.org") in result.output
    assert wsgi.server(data=str(folder)).config["TIMELINE_CONTEXT"].settings.base_url == \
        "http://mirror.example.org"


def test_default_quick_start_serves_events(monkeypatch: pytest.MonkeyPatch) -> None:
    """`timeline serve` with no options serves events/ at 127.0.0.1:8050."""
    import waitress

    def production(app: Any, **options: Any) -> None:
        raise Started(options, app)

    monkeypatch.setattr(waitress, "serve", production)
    monkeypatch.chdir(REPO)
    result = CliRunner().invoke(main, ["serve"])
    options, server = result.exception.args
    assert options == {"host": "127.0.0.1", "port": 8050, "threads": 8}
    assert server.config["TIMELINE_CONTEXT"].dataset.folder == "events"


def test_very_many_actors_or_tags_get_options_that_follow_the_search(tmp_path: Path) -> None:
    from browser_kit import EVENTS

    many = 301  # more than timeline_page.MAX_STATIC_OPTIONS
    march = dict(EVENTS["2025-05-21-march-in-mexico-city"])
    march["tags"] = [f"tag-{n:03d}" for n in range(many)]
    march["actors"] = [f"person-{n:03d}" for n in range(many)]
    march["demands"] = [{**march["demands"][0], "by": ["person-000"]}]
    actors = {f"actors/person-{n:03d}.yaml": f"name: Person {n:03d}\nkind: person\n"
              for n in range(many)}
    folder = write_dataset(tmp_path / "data", {**EVENTS, "2025-05-21-march-in-mexico-city":
                                               march}, extra_files=actors)
    report = load_dataset(folder, use_cache=False)
    assert report.errors == []
    app = create_app(report.dataset, AppSettings(today=date(2025, 6, 1)))
    client = app.server.test_client()
    for name, search, wanted in (("actor", "Person 123", "person-123"),
                                 ("tag", "tag-250", "tag-250")):
        assert f"timeline-{name}.options" in app.callback_map
        answer = client.post("/_dash-update-component", json={
            "output": f"timeline-{name}.options",
            "outputs": {"id": f"timeline-{name}", "property": "options"},
            "inputs": [{"id": f"timeline-{name}", "property": "search_value",
                        "value": search}],
            "state": [{"id": f"timeline-{name}", "property": "value", "value": []},
                      {"id": "timeline-url", "property": "search", "value": ""}],
            "changedPropIds": [f"timeline-{name}.search_value"],
        })
        assert answer.status_code == 200, answer.get_data(as_text=True)
        options = answer.get_json()["response"][f"timeline-{name}"]["options"]
        assert [o["value"] for o in options] == [wanted]
