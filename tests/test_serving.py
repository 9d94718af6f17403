"""`timeline serve` as a reader's browser meets it: the production server (waitress) in
its own process, real HTTP, compressed bytes, cache headers and conditional requests."""

from __future__ import annotations

import gzip
import http.client
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import brotli
import pytest
from backports import zstd  # Flask-Compress's own zstd on Python < 3.14

from browser_kit import free_port, write_dataset

MARCH = "2025-05-21-march-in-mexico-city"
START_SECONDS = 60.0
IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes


@dataclass
class Server:
    host: str
    port: int
    process: subprocess.Popen[str]

    def get(self, path: str, headers: dict[str, str] | None = None,
            method: str = "GET") -> Reply:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            body = response.read()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()},
                         body)
        finally:
            connection.close()


def decoded(reply: Reply) -> bytes:
    encoding = reply.headers.get("content-encoding", "")
    if encoding == "gzip":
        return gzip.decompress(reply.body)
    if encoding == "br":
        return bytes(brotli.decompress(reply.body))
    if encoding == "zstd":
        return bytes(zstd.decompress(reply.body))
    assert encoding == "", encoding
    return reply.body


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``timeline serve`` on a free port, as a user starts it; stopped after the module."""
    root = tmp_path_factory.mktemp("serve")
    folder = write_dataset(root / "data")
    port = free_port()
    env = {**os.environ, "TIMELINE_CACHE_DIR": str(root / "cache")}
    env.pop("TIMELINE_BASE_URL", None)
    log = (root / "server.log").open("w+", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "timeline", "serve", "--data", str(folder), "--port",
         str(port)], stdout=log, stderr=subprocess.STDOUT, text=True, env=env)
    running = Server("127.0.0.1", port, process)
    deadline = time.monotonic() + START_SECONDS
    try:
        while True:
            if process.poll() is not None:
                log.seek(0)
                pytest.fail(f"timeline serve exited with {process.returncode}:\n{log.read()}")
            try:
                if running.get("/robots.txt").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"timeline serve did not answer in {START_SECONDS} s:\n"
                            f"{log.read()}")
            time.sleep(0.1)  # polling for the port to open, not waiting a fixed time
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.seek(0)
        running_log = log.read()
        log.close()
        assert "development server" not in running_log.lower()
        assert "Traceback" not in running_log


def test_serve_runs_the_production_server(server: Server) -> None:
    reply = server.get("/")
    assert reply.status == 200
    assert reply.headers["server"] == "waitress"
    assert b"_dash-config" in decoded(reply)
    page = server.get(f"/events/{MARCH}")
    assert page.status == 200 and b"<h1>March in Mexico City</h1>" in page.body


@pytest.mark.parametrize("encoding", ["gzip", "br", "zstd"])
def test_text_is_compressed_as_the_client_accepts(server: Server, encoding: str) -> None:
    plain = server.get(f"/events/{MARCH}")
    assert "content-encoding" not in plain.headers
    packed = server.get(f"/events/{MARCH}", {"Accept-Encoding": encoding})
    assert packed.headers["content-encoding"] == encoding
    assert "accept-encoding" in packed.headers["vary"].lower()
    assert int(packed.headers["content-length"]) == len(packed.body) < len(plain.body) / 2
    assert decoded(packed) == plain.body


def test_the_preferred_encoding_wins(server: Server) -> None:
    reply = server.get("/", {"Accept-Encoding": "gzip;q=0.5, br;q=1.0"})
    assert reply.headers["content-encoding"] == "br"
    reply = server.get("/", {"Accept-Encoding": "gzip, deflate"})  # an old client
    assert reply.headers["content-encoding"] == "gzip"
    reply = server.get("/", {"Accept-Encoding": "identity"})
    assert "content-encoding" not in reply.headers


def test_fingerprinted_assets_are_immutable_and_compressed(server: Server) -> None:
    index = decoded(server.get("/", {"Accept-Encoding": "br"})).decode()
    # Dash's scripts, listed in the page for static/boot.js
    suites = re.findall(r'"src":"(/_dash-component-suites/[^"]+\.js)"', index)
    assets = re.findall(r'href="(/assets/[^"]+\.css\?m=[^"]+)"', index)
    assert suites and assets
    for path in [suites[0], assets[0]]:
        plain = server.get(path)
        packed = server.get(path, {"Accept-Encoding": "gzip, br"})
        assert plain.status == packed.status == 200
        assert plain.headers["cache-control"] == IMMUTABLE
        assert packed.headers["cache-control"] == IMMUTABLE
        assert packed.headers["content-encoding"] == "br"
        assert len(packed.body) < len(plain.body) and decoded(packed) == plain.body
        again = server.get(path, {"Accept-Encoding": "gzip, br"})  # from the kept bytes
        assert again.body == packed.body
    # the same file without its fingerprint is revalidated instead
    bare = server.get(assets[0].split("?")[0])
    assert bare.headers["cache-control"] == "no-cache" and bare.headers["etag"]


@pytest.mark.parametrize("path", ["/", f"/events/{MARCH}", "/sitemap.xml", "/robots.txt",
                                  "/_dash-layout"])
@pytest.mark.parametrize("encoding", ["", "gzip"])
def test_pages_revalidate_with_etags(server: Server, path: str, encoding: str) -> None:
    asked = {"Accept-Encoding": encoding} if encoding else {}
    first = server.get(path, asked)
    assert first.status == 200
    assert first.headers["cache-control"] == "no-cache"
    etag = first.headers["etag"]
    again = server.get(path, {**asked, "If-None-Match": etag})
    assert again.status == 304 and again.body == b""
    assert again.headers["etag"] == etag
    changed = server.get(path, {**asked, "If-None-Match": '"something-else"'})
    assert changed.status == 200 and changed.headers["etag"] == etag


def test_small_and_binary_responses_are_left_alone(server: Server) -> None:
    robots = server.get("/robots.txt", {"Accept-Encoding": "gzip"})
    assert "content-encoding" not in robots.headers  # too small to gain anything
    assert robots.body.startswith(b"User-agent: *")
    missing = server.get("/events/no-such-event", {"Accept-Encoding": "gzip"})
    assert missing.status == 404
    assert b"No such event" in decoded(missing)


def test_head_requests(server: Server) -> None:
    head = server.get(f"/events/{MARCH}", method="HEAD")
    assert head.status == 200 and head.body == b"" and head.headers["etag"]


def test_serve_says_when_the_port_is_taken(server: Server, tmp_path: Path) -> None:
    folder = write_dataset(tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "timeline", "serve", "--data", str(folder), "--port",
         str(server.port)], capture_output=True, text=True, timeout=60,
        env={**os.environ, "TIMELINE_CACHE_DIR": str(tmp_path / "cache")})
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{server.port}" in result.stderr
    assert "choose another --port or --host" in result.stderr
    assert "Traceback" not in result.stderr
