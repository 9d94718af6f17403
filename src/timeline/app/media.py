"""``/media/<path>``: the local images events name, served from the data folder.

Only a file that a valid event names in ``media`` is served (the set is fixed when the
app starts), so no request can reach any other file: a path with ``..``, an absolute
path, a file no record names or one that is no longer an image all answer 404. The
type sent is the one found in the file's content (:func:`sniff_image`), never guessed
from the name, and ``nosniff`` stops the browser from guessing another.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from dash import Dash
from flask import Response, request

from timeline.app.context import AppContext
from timeline.validate.mediafiles import check_file, media_path

MEDIA_CACHE_CONTROL = "public, max-age=86400"


def named_files(context: AppContext) -> frozenset[str]:
    return frozenset(item.file for event in context.dataset.events for item in event.media
                     if item.file)


def register(app: Dash, context: AppContext) -> None:
    named = named_files(context)
    folder = context.dataset.folder or "."

    @app.server.get("/media/<path:name>")
    def media_file(name: str) -> Response:
        if name not in named:
            return Response("no such media file\n", status=404, content_type="text/plain")
        path = media_path(folder, name)
        root = Path(folder, "media").resolve()
        try:
            inside = path.resolve().is_relative_to(root)
        except OSError:
            inside = False
        media_type, problem = check_file(path) if inside else (None, "media-missing")
        if media_type is None or problem:
            return Response("no such media file\n", status=404, content_type="text/plain")
        response = Response(path.read_bytes(), content_type=media_type)
        response.headers["Cache-Control"] = MEDIA_CACHE_CONTROL
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Disposition"] = "inline"
        info = path.stat()
        response.set_etag(f"{info.st_size:x}-{info.st_mtime_ns:x}")
        response.last_modified = datetime.fromtimestamp(int(info.st_mtime), UTC)
        response.make_conditional(request)
        return response
