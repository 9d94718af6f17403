"""Make docs/screenshot.png: serve the bundled events/ and photograph the timeline.

    .venv/bin/python docs/make_screenshot.py [--out docs/screenshot.png] [--data events]

It uses Debian's headless Chromium, like the browser tests, and the same code path:
``tests/test_app_screenshot.py`` calls :func:`make_screenshot` into a temporary folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser_kit import (  # noqa: E402
    SCREENSHOT_QUERY,
    new_driver,
    save_screenshot,
    serve_in_thread,
)
from timeline.app import AppSettings, create_app  # noqa: E402
from timeline.validate.loader import load_dataset  # noqa: E402

WIDTH, HEIGHT = 1440, 1000


def make_screenshot(out: Path, data: Path = REPO / "events", query: str = SCREENSHOT_QUERY,
                    width: int = WIDTH, height: int = HEIGHT) -> Path:
    """Serve ``data``, open the timeline at ``query`` and save a PNG at ``out``."""
    report = load_dataset(data)
    if report.errors:
        raise SystemExit(f"{data}: {len(report.errors)} problems; run `timeline validate`")
    app = create_app(report.dataset, AppSettings())
    with serve_in_thread(app) as url:
        driver = new_driver(width, height)
        try:
            return save_screenshot(driver, f"{url}/{query}", out, width, height)
        finally:
            driver.quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot.png")
    parser.add_argument("--data", type=Path, default=REPO / "events")
    args = parser.parse_args(argv)
    path = make_screenshot(args.out, args.data)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
