"""Draw a small locator map (PNG) for an event: its place as a dot on the country outlines.

Used once to make the sample data's ``events/media/maps/*.png``; rerun it to redraw one:

    .venv/bin/pip install Pillow    # only for this script; the project does not need it
    .venv/bin/python docs/tools/draw_locator_map.py \\
        events/2025/2025-10-07-march-for-palestine-mexico-city.yaml \\
        events/media/maps/2025-10-07-march-start.png

The outlines are the Natural Earth 1:110m countries (public domain) that the app already
ships for its relations map (``src/timeline/app/assets/topojson/``); the dot is the
record's own ``location`` (lat, lon). Nothing is fetched from the internet.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageDraw

TOPOJSON = Path(__file__).resolve().parents[2] / "src/timeline/app/assets/topojson/world_110m.json"
WIDTH, HEIGHT = 640, 420
SPAN_LON = 44.0  # degrees of longitude shown around the place


def decoded_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    scale_x, scale_y = topology["transform"]["scale"]
    move_x, move_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(points)
    return arcs


def rings(geometry: dict[str, Any], arcs: list[list[tuple[float, float]]]
          ) -> list[list[tuple[float, float]]]:
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    found = []
    for polygon in polygons:
        for ring in polygon:
            points: list[tuple[float, float]] = []
            for index in ring:
                arc = arcs[index] if index >= 0 else arcs[~index][::-1]
                points.extend(arc[1:] if points else arc)
            found.append(points)
    return found


def draw(event_file: Path, output: Path) -> None:
    record = yaml.safe_load(event_file.read_text(encoding="utf-8"))
    lat, lon = float(record["location"]["lat"]), float(record["location"]["lon"])
    topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    arcs = decoded_arcs(topology)
    span_lat = SPAN_LON * HEIGHT / WIDTH
    west, north = lon - SPAN_LON / 2, lat + span_lat / 2

    def pixel(point: tuple[float, float]) -> tuple[float, float]:
        return ((point[0] - west) / SPAN_LON * WIDTH, (north - point[1]) / span_lat * HEIGHT)

    image = Image.new("RGB", (WIDTH, HEIGHT), (214, 230, 242))  # sea
    pen = ImageDraw.Draw(image)
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        for ring in rings(geometry, arcs):
            pen.polygon([pixel(p) for p in ring], fill=(245, 243, 236), outline=(120, 120, 120))
    x, y = pixel((lon, lat))
    pen.ellipse((x - 7, y - 7, x + 7, y + 7), fill=(196, 30, 58), outline=(255, 255, 255),
                width=2)
    pen.rectangle((0, HEIGHT - 22, WIDTH, HEIGHT), fill=(255, 255, 255))
    pen.text((8, HEIGHT - 17), f"{lat:.4f}, {lon:.4f}  ·  outlines: Natural Earth (public "
             "domain)", fill=(40, 40, 40))
    output.parent.mkdir(parents=True, exist_ok=True)
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=16).save(output, optimize=True)


if __name__ == "__main__":
    draw(Path(sys.argv[1]), Path(sys.argv[2]))
