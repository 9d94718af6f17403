"""The production setup with a real gunicorn (``.[serve]``): the dataset is loaded once
in the master (``preload``), so a worker killed and replaced after the folder changed,
even with a broken file, serves exactly the data the others serve (issue 9)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from browser_kit import free_port, wait_until, write_dataset

BROKEN = "title: Broken\ndate: 2025-13-01\ntype: march\ncountries: [MX]\n"
NEW = ("title: A new march\ndate: 2025-05-30\ntype: march\ncountries: [MX]\n"
       "sources:\n- url: https://example.org/new\n")

pytest.importorskip("gunicorn")


def workers(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return {int(p) for p in children.read_text().split()} if children.exists() else set()


def count_shown(base: str) -> str:
    body = requests.get(base + "/", timeout=10).text
    start = body.index('id="timeline-count"')
    return body[body.index(">", start) + 1:body.index("<", start)]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_preloaded_workers_serve_the_same_data_after_a_restart(tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "data")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:timeline.app.gunicorn_conf",
         "-w", "2", "-b", f"127.0.0.1:{port}",
         f'timeline.app.wsgi:server(data="{folder}")'],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=tmp_path,
        env={**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / "cache")})
    try:
        def up() -> bool:
            try:
                return requests.get(base + "/", timeout=5).status_code == 200
            except requests.ConnectionError:
                return False

        wait_until(lambda: up() and len(workers(server.pid)) == 2, 60,
                   message="gunicorn serving with two workers")
        assert count_shown(base) == "6 of 6 events"
        # the folder changes under the running server: a broken file and a new record
        (folder / "2025" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
        (folder / "2025" / "2025-05-30-a-new-march.yaml").write_text(NEW, encoding="utf-8")
        before = workers(server.pid)
        victim = min(before)
        os.kill(victim, signal.SIGKILL)
        wait_until(lambda: len(workers(server.pid)) == 2 and victim not in workers(
            server.pid), 60, message="gunicorn replacing the killed worker")
        assert server.poll() is None  # the master and the new worker are up
        answers = {count_shown(base) for _ in range(12)}  # both workers answer
        assert answers == {"6 of 6 events"}
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    assert b"Worker failed to boot" not in server.stderr.read()  # type: ignore[union-attr]
