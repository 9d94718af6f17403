"""The server-rendered pages without a browser: an event's page, not-found, previews,
JSON-LD, robots.txt and the sitemap, through Flask's test client on real data files."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from browser_kit import EVENTS, HOSTILE_SUMMARY, write_dataset
from timeline.app import AppSettings, create_app
from timeline.app.html import seo
from timeline.app.html.links import BaseUrlError, normalise_base_url
from timeline.app.html.markup import markdown_html, plain_text, shorten
from timeline.dates import machine_date, parse_date
from timeline.validate.loader import load_dataset

MARCH = "2025-05-21-march-in-mexico-city"
HOSTILE = "2025-05-25-hostile-record"
HOSTILE_TITLE = 'Rally </script><script>window.pwned = 1</script> & "quotes" <b>bold</b>'
HOSTILE_EVENT = {
    "title": {"en": HOSTILE_TITLE, "es": "Mitin </script><script>window.pwned = 3</script>"},
    "date": "2025-05-25", "type": "march", "countries": ["MX"], "actors": ["ana-lopez"],
    "demands": [{"demand": "break-ties/break", "stance": "rejects", "by": ["ana-lopez"],
                 "quote": {"en": "Never </q><script>window.pwned = 4</script>"}}],
    "summary": {"en": "<iframe src='https://evil.example'></iframe> Hello "
                      "[click](javascript:alert(1)) [ok](https://example.org/ok) "
                      "![pic](https://tracker.example/pixel.png) </script>",
                "es": "Hola"},
    "sources": [{"url": "https://news.example.org/<script>", "title": "<script>x</script>"}],
}
SITE = "http://localhost"


class Page(HTMLParser):
    """The parts of an HTML page the tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []  # <link>
        self.anchors: list[tuple[str, str]] = []  # (href, text)
        self.scripts: list[tuple[str, str]] = []  # (type, text)
        self.tags: list[str] = []
        self.html_lang = ""
        self.title = ""
        self.h1 = ""
        self._open: list[str] = []
        self._anchor: list[Any] | None = None
        self._script: list[str] | None = None
        self.text_parts: list[str] = []
        self.feed(text)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        self._open.append(tag)
        if tag == "html":
            self.html_lang = values.get("lang", "")
        elif tag == "meta":
            key = values.get("property") or values.get("name")
            if key:
                self.meta[key] = values.get("content", "")
        elif tag == "link":
            self.links.append(values)
        elif tag == "a":
            self._anchor = [values.get("href", ""), []]
        elif tag == "script":
            self._script = [values.get("type", "")]

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()
        if tag == "a" and self._anchor is not None:
            self.anchors.append((self._anchor[0], " ".join("".join(self._anchor[1]).split())))
            self._anchor = None
        elif tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1:])))
            self._script = None

    def handle_data(self, data: str) -> None:
        current = self._open[-1] if self._open else ""
        if self._script is not None:
            self._script.append(data)
            return
        if current == "title":
            self.title += data
        if "h1" in self._open:
            self.h1 += data
        if self._anchor is not None:
            self._anchor[1].append(data)
        if current not in ("style",):
            self.text_parts.append(data)

    def href(self, text: str) -> str:
        return next(h for h, t in self.anchors if t == text)

    def json_ld(self) -> dict[str, Any]:
        blocks = [text for kind, text in self.scripts if kind == "application/ld+json"]
        assert len(blocks) == 1
        data: dict[str, Any] = json.loads(blocks[0])
        return data


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_dataset(tmp_path_factory.mktemp("pages") / "data",
                         {**EVENTS, HOSTILE: HOSTILE_EVENT})


@pytest.fixture(scope="module")
def client(folder: Path) -> FlaskClient:
    report = load_dataset(folder, use_cache=False)
    assert report.errors == []
    app = create_app(report.dataset, AppSettings(today=date(2025, 6, 1), warm=False))
    return app.server.test_client()


def get(client: FlaskClient, path: str, status: int = 200) -> Page:
    response = client.get(path)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/html"
    return Page(response.get_data(as_text=True))


# ------------------------------------------------------------------ an event's page


def test_the_page_of_an_event_shows_it_all_without_script(client: FlaskClient) -> None:
    page = get(client, f"/events/{MARCH}")
    assert page.h1 == "March in Mexico City"
    assert page.title == "March in Mexico City · Browser test timeline"
    text = page.text
    assert "21 May 2025 (written 2025-05-21)" in text
    assert "Type March" in text and "Countries Mexico" in text
    assert "Place Zócalo, Mexico ( map )" in text
    assert page.href("Ana López") == "/actors/ana-lopez"
    assert page.href("Teachers' Union") == "/actors/teachers-union"
    assert page.href("Break ties") == "/campaigns/break-ties"
    assert "Break relations — Ana López , Teachers' Union : supports it" in text
    assert page.href("March") == "/?type=march"
    assert page.href("protest") == "/?tag=protest"
    # the summary's Markdown as HTML: bold kept, the list kept, raw HTML as text
    assert "<strong>Thousands</strong>" in client.get(f"/events/{MARCH}").get_data(
        as_text=True)
    assert "<script>window.pwned = 1</script>" in text  # shown as text, never run
    assert page.href("Report") == "https://example.org/report"
    assert "bad link" in text and not any(h.startswith("javascript") for h, _ in page.anchors)
    # sources with their archived copy
    assert page.href("Report on the-march") == "https://news.example.org/the-march"
    assert page.href("archived copy") == "https://web.archive.org/web/2025/the-march"
    assert "Example News, 21 May 2025" in text and "Diario Ejemplo, 22 May 2025" in text
    # the way on: the timeline with it open, its neighbours in time, its file
    assert page.href("See it on the timeline") == f"/?event={MARCH}"
    assert page.href("Hunger strike at the Senate") == \
        "/events/2025-05-hunger-strike-at-the-senate"
    assert page.href(HOSTILE_TITLE) == f"/events/{HOSTILE}"
    assert "Previous event" in text and "Next event" in text
    assert page.href("Edit this event") == ("https://github.com/example/campaign-data/blob/"
                                            f"HEAD/data/2025/{MARCH}.yaml")
    feeds = [link["href"] for link in page.links if link.get("type") == "application/atom+xml"]
    assert feeds == ["/feeds/events.atom"]
    # no JavaScript: the only script is the JSON-LD data block; a stylesheet of our own
    assert [kind for kind, _ in page.scripts] == ["application/ld+json"]
    sheet = next(link["href"] for link in page.links if link.get("rel") == "stylesheet")
    assert sheet.startswith("/page-assets/pages.css?v=")
    css = client.get(sheet)
    assert css.status_code == 200 and css.mimetype == "text/css"
    assert css.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/page-assets/../routes.py").status_code == 404


def test_first_and_last_events_have_one_neighbour(client: FlaskClient) -> None:
    first = get(client, "/events/2013-training-programme-in-chiapas")
    assert "Previous event" not in first.text and "Next event" in first.text
    assert first.href("Boycott campaign begins") == "/events/2023-10-01-boycott-campaign"
    assert "c. 2013 (written 2013~)" in first.text
    last = get(client, f"/events/{HOSTILE}")
    assert "Previous event" in last.text and "Next event" not in last.text


def test_every_interface_language(client: FlaskClient) -> None:
    page = get(client, f"/events/{MARCH}?lang=es")
    assert page.html_lang == "es"
    assert page.h1 == "Marcha en la Ciudad de México"
    assert "21 de mayo de 2025 (escrito 2025-05-21)" in page.text
    assert "Break relations" not in page.text
    assert "Romper relaciones — Ana López , Sindicato de Maestros : la apoya" in page.text
    assert page.href("Ana López") == "/actors/ana-lopez?lang=es"
    assert page.href("Verlo en la cronología") == f"/?event={MARCH}&lang=es"
    assert page.href("English") == f"/events/{MARCH}"
    assert page.href("Español") == f"/events/{MARCH}?lang=es"
    assert page.meta["description"] == "Miles marcharon al Zócalo."
    # a language the dataset does not offer: the first language, and its address
    other = get(client, f"/events/{MARCH}?lang=fr")
    assert other.html_lang == "en" and other.h1 == "March in Mexico City"
    canonical = next(link["href"] for link in other.links if link.get("rel") == "canonical")
    assert canonical == f"{SITE}/events/{MARCH}"


def test_canonical_address_alternates_and_link_previews(client: FlaskClient) -> None:
    page = get(client, f"/events/{MARCH}?lang=es&utm_source=chat")
    rels = {(link["rel"], link.get("hreflang", "")): link["href"] for link in page.links}
    assert rels[("canonical", "")] == f"{SITE}/events/{MARCH}?lang=es"
    assert rels[("alternate", "en")] == f"{SITE}/events/{MARCH}"
    assert rels[("alternate", "es")] == f"{SITE}/events/{MARCH}?lang=es"
    assert rels[("alternate", "x-default")] == f"{SITE}/events/{MARCH}"
    english = get(client, f"/events/{MARCH}")
    meta = english.meta
    assert meta["og:title"] == meta["twitter:title"] == "March in Mexico City"
    assert meta["og:site_name"] == "Browser test timeline"
    assert meta["og:type"] == "article"
    assert meta["og:url"] == f"{SITE}/events/{MARCH}"
    assert meta["twitter:card"] == "summary" and "og:image" not in meta  # no media yet
    # the summary as plain text: no Markdown, no tags, the hostile parts as words
    description = meta["description"]
    assert description == meta["og:description"] == meta["twitter:description"]
    # (markdown-it refuses a javascript: link when parsing: it stays as written, as text)
    assert description.startswith("Thousands marched to the Zócalo. Report [bad link]"
                                   "(javascript:alert(1)) <script>window.pwned = 1</script>")
    assert "**" not in description and "](https://" not in description
    assert len(description) <= 200
    # an event with no summary is described by its date, type and countries
    strike = get(client, "/events/2025-05-hunger-strike-at-the-senate").meta
    assert strike["description"] == "May 2025 · Hunger strike · Mexico"


def test_the_base_url_setting_makes_every_absolute_address(folder: Path) -> None:
    dataset = load_dataset(folder).dataset
    app = create_app(dataset, AppSettings(warm=False,
                                          base_url="https://timeline.example.org"))
    client = app.server.test_client()
    page = get(client, f"/events/{MARCH}")
    assert page.meta["og:url"] == f"https://timeline.example.org/events/{MARCH}"
    assert page.json_ld()["url"] == f"https://timeline.example.org/events/{MARCH}"
    robots = client.get("/robots.txt", headers={"Host": "evil.example"})
    assert "Sitemap: https://timeline.example.org/sitemap.xml" in robots.get_data(
        as_text=True)
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    assert "http://localhost" not in sitemap and "https://timeline.example.org/" in sitemap


@pytest.mark.parametrize(("given", "expected"), [
    ("https://example.org/", "https://example.org"),
    (" http://example.org/timeline/ ", "http://example.org/timeline"),
])
def test_base_url_is_normalised(given: str, expected: str) -> None:
    assert normalise_base_url(given) == expected


@pytest.mark.parametrize(("given", "message"), [
    ("example.org", "'example.org' is not an absolute http(s) URL; write it like "
                    "https://timeline.example.org"),
    ("javascript:alert(1)", "is not an absolute http(s) URL"),
    ("https://example.org/?a=1", "has a query or fragment"),
])
def test_bad_base_urls_are_refused(given: str, message: str) -> None:
    with pytest.raises(BaseUrlError, match=message.replace("(", r"\(").replace(")", r"\)")
                       .replace("?", r"\?").replace(".", r"\.")):
        normalise_base_url(given)


# ------------------------------------------------------------------ hostile records


def test_hostile_record_text_cannot_break_out(client: FlaskClient) -> None:
    raw = client.get(f"/events/{HOSTILE}").get_data(as_text=True)
    assert "<script>window.pwned" not in raw and "<iframe" not in raw
    assert "<b>bold</b>" not in raw and "<script>x</script>" not in raw
    assert raw.count("<script") == 1 and raw.count("</script>") == 1  # the JSON-LD block
    assert "tracker.example" not in raw and 'href="javascript' not in raw.lower()
    page = Page(raw)
    assert page.h1 == HOSTILE_TITLE  # shown as the text it is
    assert page.meta["og:title"] == HOSTILE_TITLE
    assert page.json_ld()["name"] == HOSTILE_TITLE  # the data survives, escaped
    assert page.href("ok") == "https://example.org/ok"
    assert ("Break relations — Ana López : rejects it "
            "Never </q><script>window.pwned = 4</script>") in page.text
    assert "click" in page.text and "pic" in page.text  # unsafe link and image: their text
    assert "https://news.example.org/<script>" in [h for h, _ in page.anchors]
    spanish = Page(client.get(f"/events/{HOSTILE}?lang=es").get_data(as_text=True))
    assert spanish.json_ld()["name"] == "Mitin </script><script>window.pwned = 3</script>"


def test_markdown_html_keeps_formatting_and_drops_anything_that_runs() -> None:
    html = str(markdown_html("# Big\n\nSome *em*, **strong**, `<code>`.\n\n- a\n- b\n\n"
                             "[x](https://example.org/x \"t\") [y](/relative) "
                             "[z](JAVASCRIPT:alert(1)) <b onclick=x>raw</b>"))
    assert html.startswith("<h2>Big</h2>")
    assert "<em>em</em>" in html and "<strong>strong</strong>" in html
    assert "<code>&lt;code&gt;</code>" in html and "<li>a</li>" in html
    assert '<a href="https://example.org/x" rel="noopener noreferrer nofollow">x</a>' in html
    assert " y " in html and 'href="/relative"' not in html
    assert "[z](JAVASCRIPT:alert(1))" in html and 'href="JAVASCRIPT' not in html
    assert "&lt;b onclick=x&gt;raw&lt;/b&gt;" in html and "<b" not in html
    assert plain_text(HOSTILE_SUMMARY).startswith(
        "Thousands marched to the Zócalo. Report [bad link](javascript:alert(1)) <script>")
    assert shorten("word " * 100, 30) == "word word word word word…"
    assert shorten("short") == "short"


# ------------------------------------------------------------------ not found


def test_an_unknown_event_is_a_helpful_404(client: FlaskClient) -> None:
    page = get(client, "/events/2025-05-21-march-in-mexico", 404)
    assert page.h1 == "No such event"
    assert ("There is no event with the id “2025-05-21-march-in-mexico” in this timeline"
            in page.text)
    assert page.href("March in Mexico City") == f"/events/{MARCH}"  # a close id
    assert page.href("Search the timeline for these words") == "/?q=march+in+mexico"
    assert page.href("Go to the timeline") == "/"
    assert page.meta["robots"] == "noindex"
    spanish = get(client, "/events/nothing-like-it?lang=es", 404)
    assert spanish.h1 == "No existe ese evento" and spanish.html_lang == "es"
    assert "Eventos con un identificador parecido" not in spanish.text


def test_a_trailing_slash_leads_to_the_page(client: FlaskClient) -> None:
    response = client.get(f"/events/{MARCH}/?lang=es")
    assert response.status_code == 308
    assert response.headers["Location"] == f"/events/{MARCH}?lang=es"


@pytest.mark.parametrize("path", [
    "/events/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/events/a/b", "/events/..%2F..%2Fetc",
    "/events/" + "x" * 5000, "/events/%00", "/events/%E2%80%AE",
])
def test_strange_event_addresses_answer_404_safely(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    raw = response.get_data(as_text=True)
    assert "<script>alert" not in raw and "Traceback" not in raw
    assert len(raw) < 20_000


# ------------------------------------------------------------------ JSON-LD


def test_json_ld_is_a_schema_org_event_matching_the_record(client: FlaskClient) -> None:
    data = get(client, f"/events/{MARCH}").json_ld()
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == "March in Mexico City" and data["inLanguage"] == "en"
    assert data["url"] == data["@id"] == f"{SITE}/events/{MARCH}"
    assert data["startDate"] == "2025-05-21" and "endDate" not in data
    assert data["description"].startswith("Thousands marched to the Zócalo.")
    assert data["location"] == {
        "@type": "Place", "name": "Zócalo",
        "address": {"@type": "PostalAddress", "addressCountry": "MX"},
        "geo": {"@type": "GeoCoordinates", "latitude": 19.43, "longitude": -99.13}}
    assert data["actor"] == [
        {"@type": "Person", "name": "Ana López", "url": f"{SITE}/actors/ana-lopez"},
        {"@type": "Organization", "name": "Teachers' Union",
         "url": f"{SITE}/actors/teachers-union"}]
    assert [work["url"] for work in data["subjectOf"]] == [
        "https://news.example.org/the-march", "https://news.example.org/the-crowd"]
    assert data["subjectOf"][0]["publisher"] == {"@type": "Organization",
                                                 "name": "Example News"}
    assert data["keywords"] == "protest"
    interval = get(client, "/events/2024-04-10-sit-in-in-quito?lang=es").json_ld()
    assert (interval["startDate"], interval["endDate"]) == ("2024-04-10", "2024-04-20")
    assert interval["location"]["name"] == "Ecuador" and interval["inLanguage"] == "es"


def test_json_script_text_cannot_close_the_script() -> None:
    text = str(seo.json_script_text({"a": "</script><!-- \u2028 &"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- \u2028 &"}


@pytest.mark.parametrize(("written", "zone", "expected"), [
    ("2025", "UTC", "2025"), ("195X", "UTC", "1950"), ("2024-22", "UTC", "2024-06"),
    ("2025-05", "UTC", "2025-05"), ("2025-05-21~", "UTC", "2025-05-21"),
    ("2025-05-21T10:30", "America/Mexico_City", "2025-05-21T16:30Z"),
    ("2025-05-21T10:30+02:00", "America/Mexico_City", "2025-05-21T08:30Z"),
])
def test_machine_dates(written: str, zone: str, expected: str) -> None:
    span = parse_date(written, zone)
    assert machine_date(span.lower, zone) == expected


# ------------------------------------------------------------------ robots and sitemap


def test_robots_txt_is_text_and_names_the_sitemap(client: FlaskClient) -> None:
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == (
        f"User-agent: *\nAllow: /\n\nSitemap: {SITE}/sitemap.xml\n")


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_the_sitemap_lists_every_page_in_every_language(client: FlaskClient,
                                                        folder: Path) -> None:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = ElementTree.fromstring(response.get_data())
    assert root.tag == f"{SITEMAP}urlset"
    locations = [url.findtext(f"{SITEMAP}loc") for url in root]
    dataset = load_dataset(folder).dataset
    paths = (["/", "/relations", "/map"] + [f"/events/{e.id}" for e in dataset.events]
             + [f"/actors/{a}" for a in dataset.actors]
             + [f"/campaigns/{c}" for c in dataset.campaigns]
             + [f"/campaigns/{c}/changes" for c in dataset.campaigns])
    expected = {SITE + p for p in paths} | {f"{SITE}{p}?lang=es" for p in paths}
    assert len(locations) == len(expected) == 2 * (3 + 7 + 3 + 1 + 1)
    assert set(locations) == expected
    first = root[0]
    alternates = {link.get("hreflang"): link.get("href")
                  for link in first.findall(f"{XHTML}link")}
    assert alternates == {"en": f"{SITE}/", "es": f"{SITE}/?lang=es", "x-default": f"{SITE}/"}
    # every listed page answers (the Dash pages with the app, the event pages in full)
    for location in locations:
        assert location is not None
        assert client.get(location.removeprefix(SITE)).status_code == 200
    assert client.get("/sitemaps/0.xml").status_code == 404  # one file: no parts


def test_a_large_site_gets_a_sitemap_index(folder: Path) -> None:
    dataset = load_dataset(folder).dataset
    languages = ("en", "es")
    assert seo.sitemap_parts(dataset, languages) == 1
    assert seo.sitemap_parts(dataset, languages, limit=4) == 8  # 30 addresses
    index = ElementTree.fromstring(seo.sitemap_index_xml("https://x.org", 8))
    assert [s.findtext(f"{SITEMAP}loc") for s in index] == [
        f"https://x.org/sitemaps/{n}.xml" for n in range(8)]
    parts = [ElementTree.fromstring(seo.sitemap_xml("https://x.org", dataset, languages,
                                                    part, limit=4)) for part in range(8)]
    listed = [url.findtext(f"{SITEMAP}loc") for part in parts for url in part]
    whole = ElementTree.fromstring(seo.sitemap_xml("https://x.org", dataset, languages))
    assert listed == [url.findtext(f"{SITEMAP}loc") for url in whole]
    assert [len(part) for part in parts] == [4, 4, 4, 4, 4, 4, 4, 2]


# ------------------------------------------------------------------ the timeline's link


def test_the_timeline_detail_links_to_the_event_page(folder: Path) -> None:
    from dash import html

    from timeline.app.context import build_context
    from timeline.app.pages.timeline.detail import detail
    from timeline.query.filters import Filters

    context = build_context(load_dataset(folder).dataset, AppSettings(warm=False))

    def permalinks(language: str) -> list[html.A]:
        found: list[html.A] = []

        def walk(node: Any) -> None:
            if isinstance(node, html.A) and getattr(node, "className", "") == "detail-permalink":
                found.append(node)
            children = getattr(node, "children", None)
            for child in children if isinstance(children, list) else [children]:
                if child is not None and not isinstance(child, str):
                    walk(child)

        lang = "" if language == "en" else language
        for part in detail(context, Filters(event=MARCH, lang=lang), language):
            walk(part)
        return found

    [english] = permalinks("en")
    assert (english.children, english.href) == ("Permanent link", f"/events/{MARCH}")
    [spanish] = permalinks("es")
    assert (spanish.children, spanish.href) == ("Enlace permanente",
                                                f"/events/{MARCH}?lang=es")
    assert spanish.className == "detail-permalink"  # no spa-link: a whole page load


def test_close_ids_look_only_near_the_asked_id_in_a_large_dataset() -> None:
    from timeline.app.html.pages import close_ids

    words = ["march", "strike", "statement", "rally", "vote", "boycott", "letter"]
    ids = sorted(f"{2000 + n % 25}-{n % 12 + 1:02d}-{n % 28 + 1:02d}-{words[n % 7]}-in-"
                 f"city-{n:05d}" for n in range(30_000))
    wanted = ids[12_345]
    day, rest = wanted[:11], wanted[11:]
    assert wanted in close_ids(day + rest.replace("-in-", "-on-"), ids)  # a word
    assert wanted in close_ids(day + rest[1:], ids)  # a letter missing
    assert wanted in close_ids(day + "x" + rest[1:], ids)  # sorts far from it
    assert close_ids("1990-nothing-like-it", ids) == []


# ------------------------------------------------------------------ media (issue 11)


def test_an_event_with_a_picture_of_its_own_shows_it_and_previews_with_it() -> None:
    from conftest import REPO

    app = create_app(load_dataset(REPO / "events").dataset, AppSettings(warm=False))
    client = app.server.test_client()
    march = "2025-10-07-march-for-palestine-mexico-city"
    page = get(client, f"/events/{march}?lang=es")
    picture = f"{SITE}/media/maps/2025-10-07-march-start.png"
    alt = ("Mapa de México y Centroamérica con un punto rojo en la Ciudad de México, donde "
           "empezó la marcha")
    assert page.meta["og:image"] == page.meta["twitter:image"] == picture
    assert page.meta["og:image:alt"] == page.meta["twitter:image:alt"] == alt
    assert page.meta["twitter:card"] == "summary_large_image"
    assert page.json_ld()["image"] == [picture]
    raw = client.get(f"/events/{march}?lang=es").get_data(as_text=True)
    assert (f'<img src="/media/maps/2025-10-07-march-start.png" alt="{alt}" '
            'loading="lazy">') in raw
    assert "Dónde empezó la marcha" in page.text and "Map: campaign-timeline" in page.text
    assert page.href("La crónica de la marcha de El Universal").startswith(
        "https://www.eluniversal.com.mx/")  # a link, never fetched by the page
    image = client.get("/media/maps/2025-10-07-march-start.png")
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert "Content-Encoding" not in image.headers  # a picture is already compressed
