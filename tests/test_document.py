"""Every page's HTML as the server sends it, read without a browser: the first screen
rendered on the server, the head (title, description, previews, canonical, languages),
the scripts (partial Plotly, no polyfill), and the layout Dash fetches."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from dash import dcc, html

from browser_kit import EVENTS, write_dataset
from conftest import REPO
from timeline.app import create_app
from timeline.app.components.static_html import to_html
from timeline.figures import shared
from timeline.figures.shared import event_table
from timeline.validate.loader import load_dataset

MARCH = "2025-05-21-march-in-mexico-city"
ECUADOR = "2024-04-05-mexico-breaks-relations-with-ecuador"


@pytest.fixture
def client(tmp_path: Path) -> Any:
    app = create_app(load_dataset(write_dataset(tmp_path / "data")).dataset)
    return app.server.test_client()


class Page(HTMLParser):
    """The parts of a document the tests read: head tags, the server's copy of the
    page (its text and ids), and every script."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.metas: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.scripts: list[str] = []
        self.title = ""
        self.lang = ""
        self.copy_text: list[str] = []
        self.copy_ids: list[str] = []
        self._in_title = False
        self._in_script = False
        self._depth = 0  # inside #server-page: the element depth
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = found.get("lang", "")
        if tag == "title":
            self._in_title = True
        if tag == "meta" and "content" in found:
            self.metas[found.get("name") or found.get("property", "")] = found["content"]
        if tag == "link":
            self.links.append(found)
        if tag == "script" and "src" in found:
            self.scripts.append(found["src"])
        self._in_script = tag == "script"
        if self._depth or found.get("id") == "server-page":
            if tag not in ("input", "col", "br", "img", "meta", "link", "hr"):
                self._depth += 1
            if "id" in found:
                self.copy_ids.append(found["id"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "script":
            self._in_script = False
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._depth and not self._in_script:
            self.copy_text.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.copy_text).split())

    def link(self, rel: str, hreflang: str | None = None) -> list[str]:
        return [link["href"] for link in self.links if link.get("rel") == rel
                and (hreflang is None or link.get("hreflang") == hreflang)]


def page(client: Any, path: str, status: int = 200) -> Page:
    answer = client.get(path)
    assert answer.status_code == status
    return Page(answer.get_data(as_text=True))


def test_the_timeline_arrives_readable(client: Any) -> None:
    found = page(client, "/")
    text = found.text()
    assert "Browser test timeline" in text and "6 of 6 events" in text
    # the list's first rows, in the list's order, linked to their detail
    assert text.index("Training programme in Chiapas") < text.index("March in Mexico City")
    assert {"timeline-count", "timeline-rows", "timeline-graph", "main"} <= set(found.copy_ids)
    assert found.title == "Browser test timeline"
    assert found.metas["description"].startswith("6 of 6 events. Six events written")
    assert found.lang == "en"


def test_an_event_link_arrives_with_its_detail_and_preview(client: Any) -> None:
    found = page(client, f"/?event={MARCH}&lang=es")
    text = found.text()
    assert "Marcha en la Ciudad de México" in text and "Fuentes" in text
    assert found.lang == "es"
    assert found.title == "Marcha en la Ciudad de México · Cronología de prueba del navegador"
    assert found.metas["og:title"] == found.title == found.metas["twitter:title"]
    assert found.metas["description"] == (
        "21 de mayo de 2025 · Marcha. Miles marcharon al Zócalo.")
    assert found.metas["og:description"] == found.metas["description"]
    assert found.metas["og:locale"] == "es"
    canonical = found.link("canonical")
    assert canonical == [f"http://localhost/?event={MARCH}&lang=es"] or canonical == [
        f"http://localhost/events/{MARCH}?lang=es"]  # once the event pages exist
    assert found.link("alternate", "en") == [f"http://localhost/?event={MARCH}&lang=en"]
    assert found.link("alternate", "x-default") == [f"http://localhost/?event={MARCH}"]


def test_a_filtered_timeline_says_its_filters_and_count(client: Any) -> None:
    found = page(client, "/?country=EC&type=relations-broken&from=2024")
    assert found.title == ("Countries: Ecuador; Event types: Relations broken; From: 2024 · "
                           "Browser test timeline")
    assert found.metas["description"] == (
        "1 of 6 events. Countries: Ecuador; Event types: Relations broken; From: 2024.")
    assert found.link("canonical") == [
        "http://localhost/?country=EC&type=relations-broken&from=2024"]


def test_tracker_pages_arrive_with_their_content(client: Any) -> None:
    found = page(client, "/campaigns/break-ties")
    assert found.title == "Break ties · Browser test timeline"
    assert "Break relations" in found.text()
    assert found.link("canonical") == ["http://localhost/campaigns/break-ties"]
    actor = page(client, "/actors/teachers-union?lang=es")
    assert actor.title.startswith("Sindicato de Maestros")
    assert actor.link("alternate", "en") == ["http://localhost/actors/teachers-union?lang=en"]


def test_an_unknown_page_is_not_indexed(client: Any) -> None:
    found = page(client, "/no/such/page", status=404)  # and answered 404 (issue 9)
    assert "Page not found" in found.text() and found.metas["robots"] == "noindex"


def test_record_text_is_escaped_everywhere(tmp_path: Path) -> None:
    hostile = '<script>window.pwned=1</script>"><img src=x onerror=alert(1)>'
    events = {**EVENTS, MARCH: {**EVENTS[MARCH], "title": {"en": hostile, "es": hostile}}}
    app = create_app(load_dataset(write_dataset(tmp_path / "data", events)).dataset)
    body = app.server.test_client().get(f"/?event={MARCH}").get_data(as_text=True)
    assert "<script>window.pwned" not in body and "<img src=x" not in body
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in body
    found = Page(body)
    assert found.title.startswith(hostile) and found.metas["og:title"].startswith(hostile)
    assert "<script>window.pwned = 1" not in body  # the summary's, shown as text
    # the server's copy of the page holds no script that runs: only its charts' JSON
    copy = body.split('<div id="server-page"', 1)[1].split('<div id="react-entry-point"')[0]
    blocks = re.findall(r"<script[^>]*>", copy)
    assert blocks and all(tag == '<script type="application/json" class="chart-figure">'
                          for tag in blocks)
    assert len(blocks) == len(ChartData(body).blocks)  # none ended early by the title
    assert not re.search(r"<[^>]*\son\w+=", copy)


def test_the_converter_escapes_and_drops_what_is_not_data() -> None:
    tree = html.Div([
        html.A("a < b", href="javascript:alert(1)", title='say "hi"'),
        html.A("ok", href="/?a=1&b=2", **{"aria-label": "x<y"}),
        dcc.Link("link", href="https://example.org/x"),
        html.P("x", style={"color": "red;} body{display:none", "--type": "#123456",
                           "marginTop": 4}),
        dcc.Graph(id="g", style={"height": "300px"}),
        dcc.Store(id="s", data={"secret": "<b>"}),
        html.Details("more", open=True), html.Button("b", hidden=False, n_clicks=3),
    ])
    assert to_html(tree) == (
        '<div><a title="say &quot;hi&quot;">a &lt; b</a>'
        '<a href="/?a=1&amp;b=2" aria-label="x&lt;y">ok</a>'
        '<a href="https://example.org/x">link</a>'
        '<p style="--type: #123456; margin-top: 4px">x</p>'
        '<div id="g" style="height: 300px" class="dash-graph graph-pending"></div>'
        "<details open>more</details><button>b</button></div>")


def test_dash_starts_when_the_reader_reaches_for_the_page(client: Any) -> None:
    """No script of Dash's runs with the page: boot.js loads them, in Dash's order, from
    the page's JSON plan (partial Plotly for dcc.Graph, no polyfill, no DataTable)."""
    answer = client.get("/")
    body = answer.get_data(as_text=True)
    found = Page(body)
    # only the app's two small deferred scripts run with the page
    assert [src.rsplit("/", 1)[1] for src in found.scripts] == ["charts.js", "boot.js"]
    tags = re.findall(r"<script[^>]*\bsrc=[^>]*>", body)
    assert tags and all(" defer" in tag for tag in tags), tags
    assert "new DashRenderer" not in body and "_dash-config" in body
    plan = json.loads(re.search(r'<script id="dash-boot" type="application/json">(.*?)'
                                r"</script>", body, re.DOTALL)[1])
    sources = [item["src"] for item in plan["scripts"] if "src" in item]
    assert sources[0].endswith("/regenerator-runtime.min.js")
    assert any("react@" in src for src in sources)
    assert any("dash_renderer" in src for src in sources)
    assert any(src.startswith("/assets/handover.js") for src in sources)
    assert not any("polyfill" in src or "plotly.min.js" in src or "dash_table" in src
                   for src in sources)
    # react before react-dom before Dash's renderer before its components, as Dash lists
    order = [next(i for i, src in enumerate(sources) if key in src)
             for key in ("react@", "react-dom@", "dash_renderer", "dash_core_components")]
    assert order == sorted(order)
    assert plan["start"].endswith("/dash-start.js")
    # Dash's inline clientside registrations come after its scripts, allowed by hash
    inline = [item["inline"] for item in plan["scripts"] if "inline" in item]
    policy = answer.headers["Content-Security-Policy"]
    for text in inline:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    # the chunks of the page's dcc components, which they load themselves, next to dcc
    assert sorted(url.rsplit("/", 1)[1] for url in plan["prefetch"]) == [
        "async-dropdown.js", "async-graph.js"]
    assert all(client.get(url).status_code == 200 for url in plan["prefetch"])
    assert plan["plotly"].endswith("/plotly-partial.min.js")
    for url in (plan["plotly"], plan["start"], *sources[:1]):
        script = client.get(url)
        assert script.status_code == 200 and script.mimetype == "text/javascript"
    bundle = client.get(plan["plotly"])
    assert "immutable" in bundle.headers["Cache-Control"]
    assert len(bundle.get_data()) < 2_000_000  # the full bundle is 4.8 MB
    wrong = plan["plotly"].replace("/_timeline/static/", "/_timeline/static/0")
    assert client.get(wrong).status_code == 404
    other = plan["plotly"].rsplit("/", 1)[0] + "/plotly.min.js"
    assert client.get(other).status_code == 404
    # the charts are in the page for charts.js to draw before Dash
    assert len(ChartData(body).blocks) == 2


def test_the_bundle_has_every_trace_type_the_figures_draw() -> None:
    """tools/static-js/entry.js registers what the figure builders emit (the bundle is
    built from it by tools/static-js/build.sh)."""
    entry = (REPO / "tools" / "static-js" / "entry.js").read_text()
    registered = set(re.findall(r'require\("plotly\.js/lib/(\w+)"\)', entry))
    emitted = set()
    for path in (REPO / "src" / "timeline" / "figures").glob("*.py"):
        source = path.read_text()
        emitted |= set(re.findall(r'"type": "(scatter\w*|bar|heatmap|choropleth\w*)"', source))
        emitted |= {name.lower() for name in re.findall(
            r"go\.(Scatter\w*|Bar|Heatmap|Choropleth\w*)\(", source)}
    assert emitted and emitted <= registered, emitted - registered
    bundle = (REPO / "src" / "timeline" / "app" / "static" / "plotly-partial.min.js")
    assert bundle.stat().st_size < 2_000_000


def test_the_layout_dash_fetches_holds_the_page_it_is_fetched_from(client: Any) -> None:
    layout = client.get("/_dash-layout",
                        headers={"Referer": f"http://localhost/?event={ECUADOR}"}).get_json()
    text = json.dumps(layout)
    assert "Mexico breaks relations with Ecuador" in text and "timeline-count" in text
    route = next(c for c in layout["props"]["children"] if c["props"].get("id") ==
                 "shell-route")
    assert route["props"]["data"] == '["/",""]'  # what the browser computes: no re-render
    # from elsewhere, or without a Referer: the shell, and the router renders the page
    for headers in ({"Referer": "http://elsewhere.example/campaigns/break-ties"}, {}):
        shell = json.dumps(client.get("/_dash-layout", headers=headers).get_json())
        assert "timeline-count" not in shell and "Loading" in shell


def test_the_timeline_opens_where_the_events_are(tmp_path: Path) -> None:
    """Thirty events in 2022-2025 and one in 1952: the chart opens on 2022-2025."""
    report = load_dataset(REPO / "events")
    events = sorted(report.dataset.events, key=lambda e: e.date.start)
    table = event_table(events, events[-1].date.start.date())
    positions = list(range(len(events)))
    low, high = shared.focus(table, positions) or (0.0, 0.0)
    first, last = shared.extent(table, positions) or (0.0, 0.0)
    assert first < low < high <= last
    assert high - low < (last - first) / 2
    inside = [p for p in positions if low <= table.start[p] <= high]
    assert len(inside) >= 0.8 * len(positions)
    # spread evenly, there is nothing to focus on
    assert shared.focus(table, positions[:3]) is None


def test_few_events_in_view_are_labelled_without_overlap(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled timeline labels some marks with their titles, never two over each
    other or over another mark (at the narrowest desktop plot), and a crowded view has
    marks and hovers only."""
    from timeline.app.context import build_context
    from timeline.figures import timeline as figures
    from timeline.query.filters import Filters

    context = build_context(load_dataset(REPO / "events").dataset)
    figure = context.timeline(Filters(), "en")
    labels = [t for t in figure["data"] if t.get("name") == "labels"]
    assert len(labels) == 1 and labels[0]["text"]
    low, high = figure["layout"]["xaxis"]["range"]
    scale = figures.LABEL_PLOT_PX / (high - low)
    boxes: dict[int, list[tuple[float, float]]] = {}
    for x, y, text in zip(labels[0]["x"], labels[0]["y"], labels[0]["text"], strict=True):
        left = (x - low) * scale + 9
        boxes.setdefault(round(y), []).append(
            (left, left + (len(text) - 1) * figures.LABEL_CHAR_PX))
    for spans in boxes.values():
        spans.sort()
        assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))
    crowded = build_context(load_dataset(REPO / "events").dataset)
    view = crowded.view(Filters(), "en")
    many = figures.TimelineView(view.positions, view.lanes, view.window, view.full)
    text = crowded.texts("en")[0]
    marks = [t for t in figures.timeline_traces(crowded.table, many, text)
             if t.get("mode") == "markers"]
    assert figures.label_traces(crowded.table, many, text, marks)  # 31 events: labelled
    monkeypatch.setattr(figures, "LABEL_LIMIT", 5)  # more events in view than this
    assert figures.label_traces(crowded.table, many, text, marks) == []


def test_the_public_base_url_makes_the_absolute_addresses(tmp_path: Path) -> None:
    from timeline.app import AppSettings

    app = create_app(load_dataset(write_dataset(tmp_path / "data")).dataset,
                     AppSettings(base_url="https://timeline.example.org"))
    found = Page(app.server.test_client().get("/relations?lang=es").get_data(as_text=True))
    assert found.link("canonical") == ["https://timeline.example.org/relations?lang=es"]
    assert found.metas["og:url"] == "https://timeline.example.org/relations?lang=es"


# ------------------------------------------------------------------ pages without Dash

class ChartData(HTMLParser):
    """The JSON data blocks of a page's charts (script.chart-figure), as written."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._open = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open = tag == "script" and ("class", "chart-figure") in attrs

    def handle_endtag(self, tag: str) -> None:
        self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.blocks.append(data)


@pytest.mark.parametrize("path", ["/campaigns/break-ties", "/campaigns/break-ties/changes",
                                  "/actors/teachers-union"])
def test_pages_without_callbacks_are_served_without_dash(client: Any, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    text = answer.get_data(as_text=True)
    found = Page(text)
    # the page itself, readable, with its head; none of Dash's scripts or config
    assert "site-main" in text and found.title and found.metas["og:title"]
    assert "_dash-config" not in text and "react-entry-point" not in text
    assert not [src for src in found.scripts if "_dash-component-suites" in src
                or "/assets/" in src]
    charts = [src for src in found.scripts if src.endswith("/charts.js")]
    assert len(charts) == 1 and client.get(charts[0]).status_code == 200
    # no inline script is allowed on it at all
    policy = answer.headers["Content-Security-Policy"]
    assert "'sha256-" not in policy and "'unsafe-inline'" not in policy.split(
        "script-src", 1)[1].split(";", 1)[0]
    # every chart's figure is in the page as JSON data, drawn by charts.js
    blocks = ChartData(text).blocks
    assert len(blocks) == text.count('class="dash-graph')
    for block in blocks:
        chart = json.loads(block)
        assert chart["figure"]["data"] and chart["config"]["responsive"] is True


def test_the_same_pages_reached_inside_the_app_are_drawn_by_dash(client: Any) -> None:
    """Navigating from the timeline renders the page through the router's callback."""
    layout = client.get("/_dash-layout",
                        headers={"Referer": "http://localhost/actors/teachers-union"})
    text = json.dumps(layout.get_json())
    assert "actor-timeline" in text and "Teachers" in text
    assert "_dash-config" in client.get("/").get_data(as_text=True)


def test_a_chart_s_data_cannot_end_its_block(tmp_path: Path) -> None:
    """Record text that looks like markup stays text inside the chart's JSON data."""
    hostile = "</script><script>window.pwned=1</script><!--"
    events = {key: dict(value) for key, value in EVENTS.items()}
    march = events["2025-05-21-march-in-mexico-city"]
    march["title"] = {"en": hostile, "es": hostile}
    app = create_app(load_dataset(write_dataset(tmp_path / "data", events)).dataset)
    text = app.server.test_client().get("/actors/teachers-union").get_data(as_text=True)
    assert "<script>window.pwned" not in text and "<!--" not in text
    blocks = ChartData(text).blocks
    # the title reached the chart (its hover text), and parses back as text
    assert blocks and any("window.pwned=1" in json.dumps(json.loads(b), ensure_ascii=False)
                          for b in blocks)


def test_the_basic_bundle_matches_its_entry() -> None:
    """static.BASIC_TRACES (what charts.js may draw with the basic bundle) is what
    tools/static-js/entry-basic.js registers, and that bundle is the smaller one."""
    from timeline.app.static import BASIC_TRACES

    entry = (REPO / "tools" / "static-js" / "entry-basic.js").read_text()
    assert set(re.findall(r'require\("plotly\.js/lib/(\w+)"\)', entry)) - {"core"} == set(
        BASIC_TRACES)
    static = REPO / "src" / "timeline" / "app" / "static"
    assert (static / "plotly-basic.min.js").stat().st_size < 0.75 * (
        static / "plotly-partial.min.js").stat().st_size


def test_a_picture_waiting_for_dash_loads_lazily_in_html() -> None:
    """html.Img keeps its src in data-src for assets/media.js; the server's HTML gives
    it back as src with loading="lazy" (and drops it when it is not a safe URL)."""
    assert to_html(html.Img(className="media-image", alt="map",
                            **{"data-src": "/media/maps/x.png"})) == (
        '<img alt="map" class="media-image" src="/media/maps/x.png" loading="lazy">')
    assert "src=" not in to_html(html.Img(**{"data-src": "javascript:alert(1)"}))
