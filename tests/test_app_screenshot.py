"""The README's screenshot is made by docs/make_screenshot.py; this runs the same code."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.browser


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_screenshot_script_photographs_the_timeline(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_screenshot",
                                                  REPO / "docs" / "make_screenshot.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    out = script.make_screenshot(tmp_path / "screenshot.png")
    assert out.stat().st_size > 50_000  # a drawn page, not a blank one
    assert png_size(out) == (script.WIDTH, script.HEIGHT)


def test_committed_screenshot_is_a_desktop_png() -> None:
    width, height = png_size(REPO / "docs" / "screenshot.png")
    assert width >= 1200 and height >= 800
