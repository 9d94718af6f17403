"""Media on events: the validator's checks of local files (by content), the /media route
(no path reaches another file), the detail panel and the event page showing them."""

from __future__ import annotations

import shutil
import struct
import zlib
from datetime import date
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from conftest import REPO
from timeline.app import AppSettings, create_app
from timeline.app.pages.timeline.detail import event_detail
from timeline.query.filters import Filters
from timeline.validate.loader import load_dataset
from timeline.validate.mediafiles import MEDIA_MAX_BYTES, sniff_image

VALID = Path(__file__).parent / "data" / "valid"
MARCH = "2025-10-07-march-for-palestine-mexico-city"


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def test_images_are_known_by_their_first_bytes() -> None:
    assert sniff_image(png()) == "image/png"
    assert sniff_image(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "image/jpeg"
    assert sniff_image(b"GIF89a\x01\x00") == "image/gif"
    assert sniff_image(b"RIFF\x24\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff_image(b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1") == "image/avif"
    assert sniff_image(b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1avif") == "image/avif"
    for other in (b'<svg xmlns="http://www.w3.org/2000/svg">', b"<!doctype html><script>",
                  b"%PDF-1.7", b"\x00\x00\x00\x18ftypmp42", b""):
        assert sniff_image(other) is None


def folder_with(tmp_path: Path, media: str, files: dict[str, bytes]) -> Path:
    root = tmp_path / "data"
    shutil.copytree(VALID, root)
    (root / "media").mkdir()
    for name, content in files.items():
        (root / "media" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "media" / name).write_bytes(content)
    event = root / "2025" / "2025-05-21-march-in-mexico-city.yaml"
    event.write_text(event.read_text(encoding="utf-8") + "media:\n" + media, encoding="utf-8")
    return root


def messages_of(root: Path) -> list[str]:
    report = load_dataset(root, use_cache=False)
    return [p.as_text().split(": ", 1)[1] for p in report.problems]


def test_local_files_are_checked_on_disk_with_exact_messages(tmp_path: Path) -> None:
    big = png() + b"\x00" * (MEDIA_MAX_BYTES + 1)
    root = folder_with(tmp_path, (
        "  - {file: fine.png, kind: image, alt: A dot}\n"
        "  - {file: fake.png, kind: image, alt: Script}\n"
        "  - {file: big.png, kind: image, alt: Big}\n"
        "  - {file: gone.png, kind: image, alt: Gone}\n"),
        {"fine.png": png(), "fake.png": b"<svg onload='alert(1)'/>", "big.png": big})
    found = messages_of(root)
    assert found == [
        "media.1.file: the media file 'fake.png' is not a PNG, JPEG, GIF, WebP or AVIF image "
        "(judged by its content; SVG is not accepted, since it can carry script); convert it "
        "to one of those",
        f"media.2.file: the media file 'big.png' is {len(big):,} bytes, over the limit of "
        "2,000,000; make it smaller (scale it down or compress it)",
        f"media.3.file: the media file 'gone.png' does not exist; put it at {root}/media/"
        "gone.png or fix the path",
    ]
    # An event with a bad media file is left out, as with any other error.
    assert "2025-05-21-march-in-mexico-city" not in load_dataset(root).dataset.by_id


def test_media_items_read_into_the_model(tmp_path: Path) -> None:
    root = folder_with(tmp_path, (
        "  - file: maps/dot.png\n    kind: image\n    alt: {en: A dot, es: Un punto}\n"
        "    caption: The place\n    credit: Us\n"
        "  - {url: 'https://example.org/v', kind: video, caption: {es: Un video}}\n"),
        {"maps/dot.png": png()})
    report = load_dataset(root, use_cache=False)
    assert report.problems == []
    first, second = report.dataset.by_id["2025-05-21-march-in-mexico-city"].media
    assert (first.file, first.kind, dict(first.alt or {}), first.credit) == (
        "maps/dot.png", "image", {"en": "A dot", "es": "Un punto"}, "Us")
    assert (second.url, second.kind, dict(second.caption or {})) == (
        "https://example.org/v", "video", {"es": "Un video"})


@pytest.fixture(scope="module")
def client() -> FlaskClient:
    app = create_app(load_dataset(REPO / "events").dataset,
                     AppSettings(today=date(2025, 11, 1), warm=False))
    return app.server.test_client()


def test_media_route_serves_named_images_by_content_type(client: FlaskClient) -> None:
    answer = client.get("/media/maps/2025-10-07-march-start.png")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "image/png"
    assert answer.headers["Cache-Control"] == "public, max-age=86400"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.data == (REPO / "events/media/maps/2025-10-07-march-start.png").read_bytes()
    again = client.get("/media/maps/2025-10-07-march-start.png",
                       headers={"If-None-Match": answer.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize("path", [
    "/media/../timeline.yaml", "/media/%2e%2e/timeline.yaml", "/media/..%2ftimeline.yaml",
    "/media/maps/../../timeline.yaml", "/media//etc/passwd", "/media/%2Fetc%2Fpasswd",
    "/media/maps/", "/media/maps", "/media/maps/2025-10-07-march-start.png/..",
    "/media/2025/2025-10-07-march-for-palestine-mexico-city.yaml", "/media/",
    "/media/maps/2025-10-07-MARCH-start.png", "/media/maps/2025-10-07-march-start.png%00",
])
def test_no_path_reaches_another_file(client: FlaskClient, path: str) -> None:
    answer = client.get(path)
    # 404, or (for paths no route matches) the app's own HTML page, never a file
    assert answer.status_code == 404 or answer.headers["Content-Type"].startswith(
        "text/html"), path
    assert b"root:" not in answer.data and b"languages:" not in answer.data
    assert not answer.data.startswith(b"\x89PNG")


def test_detail_panel_shows_local_images_and_links_external_media(client: FlaskClient
                                                                 ) -> None:
    context = client.application.config["TIMELINE_CONTEXT"]
    event = context.dataset.event(MARCH)
    tree = event_detail(context, event, Filters(event=MARCH, lang="es"), "es")
    found: list[object] = []

    def walk(node: object) -> None:
        if isinstance(node, list | tuple):
            for child in node:
                walk(child)
            return
        found.append(node)
        walk(getattr(node, "children", None) or [])

    walk(tree)
    images = [n for n in found if type(n).__name__ == "Img"]
    assert len(images) == 1
    image = images[0]
    # assets/media.js turns data-src into a lazily loaded src (html.Img has no `loading`);
    # tests/test_app_downloads.py sees it happen in the browser.
    assert getattr(image, "data-src") == "/media/maps/2025-10-07-march-start.png"
    assert image.alt.startswith("Mapa de México")
    captions = [n for n in found if type(n).__name__ == "Figcaption"]
    assert "Natural Earth" in str(captions[0].children)
    links = [n for n in found if type(n).__name__ == "A" and "eluniversal" in str(
        getattr(n, "href", ""))]
    assert links and links[0].rel == "noopener noreferrer"
    assert "(documento)" in str(links[0].children) or any(
        "(documento)" in str(n) for n in found if isinstance(n, str))


def test_event_page_shows_the_media(client: FlaskClient) -> None:
    page = client.get(f"/events/{MARCH}").data.decode()
    assert '<img src="/media/maps/2025-10-07-march-start.png"' in page
    assert 'loading="lazy"' in page
    assert "https://www.eluniversal.com.mx/nacion/" in page


def test_exports_carry_media() -> None:
    import json

    from click.testing import CliRunner

    from timeline.cli import main

    result = CliRunner().invoke(main, ["export", "--format", "timelinejs", "--data",
                                       str(REPO / "events"), "--type", "march",
                                       "--base-url", "https://example.org"])
    assert result.exit_code == 0, result.output
    slide = next(s for s in json.loads(result.output)["events"] if s["unique_id"] == MARCH)
    assert slide["media"]["url"] == "https://example.org/media/maps/2025-10-07-march-start.png"
    assert slide["media"]["caption"].endswith("(this record's coordinates)")
    result = CliRunner().invoke(main, ["export", "--data", str(REPO / "events"), "--type",
                                       "march"])
    event = next(e for e in json.loads(result.output)["events"] if e["id"] == MARCH)
    assert event["media"][0]["file"] == "maps/2025-10-07-march-start.png"
    assert event["media"][1] == {
        "kind": "document",
        "url": "https://www.eluniversal.com.mx/nacion/estudiantes-y-sindicatos-propalestina-"
               "marchan-rumbo-a-embajada-de-eu-se-cumplen-dos-anos-de-la-guerra-en-gaza/",
        "caption": {"en": "El Universal's report on the march",
                    "es": "La crónica de la marcha de El Universal"},
        "credit": "El Universal"}
