"""Reading one record file safely, able to tell the line of every key.

The file is composed into a node graph by libyaml's safe C parser when present
(never a constructor that can build objects), then walked here into plain data;
the nodes are kept to look up where any part was written (:meth:`Parsed.position`).
The walk is where the format's safety rules live: duplicate keys are errors
(YAML would keep the last value and lose data), anchors that are reused are
refused (no alias bombs), only core tags are allowed, nesting is bounded, and
dates and YAML 1.1 yes/no words stay as the text the user wrote.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from timeline.errors import Problem
from timeline.validate import messages

try:  # the C parser is ten times faster; the pure one gives the same nodes
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

DEFAULT_MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32

FieldPath = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_KEY_TAGS = frozenset((_STR, _INT, _BOOL, _NULL, _FLOAT, _TIMESTAMP))
_MERGE = "tag:yaml.org,2002:merge"
# Fields that hold a date: YAML would read an unquoted 0777 as octal, 0x7DD as hex and
# 1_999 as 1999, so their numbers reach the date syntax as written.
AS_WRITTEN = frozenset({"date", "started"})
# The tag of a plain (unquoted) scalar until :func:`_plain_tag` resolves it.
_PLAIN = "!timeline/plain"


class _Loader(_SafeLoader):
    """The safe loader, leaving plain scalars' tags to the walk.

    The parser asks the resolver about every node, a call into Python each time;
    answering from the node's kind alone saves a third of the parse, and the walk
    resolves only the plain scalars it reads, with the same table
    (:func:`_plain_tag`). Explicit tags never reach the resolver.
    """

    def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None  # no path resolvers

    def ascend_resolver(self) -> None:
        return None


_IMPLICIT = _SafeLoader.yaml_implicit_resolvers


def _plain_tag(value: str) -> str:
    """The tag YAML's safe resolver gives a plain scalar (``BaseResolver.resolve``)."""
    for tag, pattern in _IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return _STR


@dataclass(slots=True)
class Parsed:
    """The plain data of a file, and its YAML nodes to tell where each part was written.

    Positions are looked up on demand: a valid record only ever asks for a few, so
    the walk does not record the line of every key.
    """

    data: object
    root: yaml.Node | None = None

    def position(self, path: FieldPath) -> tuple[int, int]:
        """(line, column) where ``path`` was written, or its nearest written parent.

        A key's position is that of the key; a list item's, that of the item.
        """
        found, node = (1, 1), self.root
        for part in path:
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == part:
                        found, node = _mark(key_node), value_node
                        break
                else:
                    break
            elif (isinstance(node, yaml.SequenceNode) and isinstance(part, int)
                  and 0 <= part < len(node.value)):
                node = node.value[part]
                found = _mark(node)
            else:
                break
        return found


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Refused(Exception):
    """A node the format refuses; ``path`` fills in as it travels up the walk."""

    def __init__(self, node: yaml.Node, code: str, path: list[str | int] | None = None,
                 at: yaml.Mark | None = None, **values: Any) -> None:
        self.node, self.code, self.values = node, code, values
        self.path: list[str | int] = path or []
        self.mark = at or node.start_mark  # where to point the user

    def problem(self, display: str) -> Problem:
        values = dict(self.values)
        if isinstance(values.get("tag"), str):
            values["tag"] = str(values["tag"]).replace("tag:yaml.org,2002:", "!!")
        line, column = self.mark.line + 1, self.mark.column + 1
        return messages.problem(display, line, column, dotted(tuple(self.path)), self.code,
                                **values)


def read_record(path: str | os.PathLike[str], display: str,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Parsed | Problem:
    """Read and parse the file at ``path``; ``display`` names it in problems."""
    read = read_file(path, display, max_bytes)
    if isinstance(read, Problem):
        return read
    return parse_bytes(read[1], display, max_bytes)


_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def read_file(path: str | os.PathLike[str], display: str, max_bytes: int = DEFAULT_MAX_BYTES
              ) -> tuple[os.stat_result, bytes] | Problem:
    """The bytes of the regular file at ``path`` (and its ``lstat``), or why not.

    Links, devices, pipes and oversized files are refused before a byte is read. The
    file is opened without following a link or waiting on a pipe, and must still be
    the file that was checked, so one swapped in meanwhile is refused too.
    """
    checked = check_file(path, display, max_bytes)
    if isinstance(checked, Problem):
        return checked
    try:
        handle = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        return _problem(display, 1, 1, "file-unreadable", detail=error.strerror or str(error))
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or (info.st_dev, info.st_ino) != (
                checked.st_dev, checked.st_ino):
            return _problem(display, 1, 1, "file-not-regular", what="a special file")
        parts, size = [], 0
        while size <= max_bytes:  # until the end, or just past the limit
            part = os.read(handle, max(checked.st_size + 1 - size, 8192))
            if not part:
                break
            parts.append(part)
            size += len(part)
    except OSError as error:
        return _problem(display, 1, 1, "file-unreadable", detail=error.strerror or str(error))
    finally:
        os.close(handle)
    return checked, parts[0] if len(parts) == 1 else b"".join(parts)


def check_file(path: str | os.PathLike[str], display: str, max_bytes: int
               ) -> os.stat_result | Problem:
    """Refuse links, devices, pipes and oversized files before reading a byte."""
    try:
        info = os.lstat(path)
    except OSError as error:
        return _problem(display, 1, 1, "file-unreadable", detail=error.strerror or str(error))
    if stat.S_ISLNK(info.st_mode):
        return _problem(display, 1, 1, "file-not-regular", what="a symbolic link")
    if not stat.S_ISREG(info.st_mode):
        return _problem(display, 1, 1, "file-not-regular", what="a special file")
    if info.st_size > max_bytes:
        return _problem(display, 1, 1, "file-too-large", size=info.st_size, limit=max_bytes)
    return info


def parse_bytes(content: bytes, display: str, max_bytes: int = DEFAULT_MAX_BYTES
                ) -> Parsed | Problem:
    if len(content) > max_bytes:
        return _problem(display, 1, 1, "file-too-large", size=len(content), limit=max_bytes)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        column = error.start - (content.rfind(b"\n", 0, error.start) + 1) + 1
        return _problem(display, line, column, "file-encoding",
                        detail=f"byte {content[error.start:error.start + 1]!r}")
    if "\x00" in text:
        return _problem(display, 1, 1, "file-encoding", detail="it contains NUL bytes")
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return _problem(display, 1, 1, "file-empty")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(filter(None, [error.context, error.problem]))
        return _problem(display, line, column, "yaml-syntax", detail=detail)
    except yaml.YAMLError as error:  # e.g. a second document, reader errors
        return _problem(display, 1, 1, "yaml-syntax", detail=str(error).splitlines()[0])
    except RecursionError:
        return _problem(display, 1, 1, "yaml-depth", limit=MAX_DEPTH)
    if node is None:
        return _problem(display, 1, 1, "file-empty")
    try:
        data = _walk(node, set(), 0)
    except _Refused as refused:
        return refused.problem(display)
    if not isinstance(data, dict):
        found = "list" if isinstance(data, list) else "single value"
        return _problem(display, node.start_mark.line + 1, node.start_mark.column + 1,
                        "file-not-mapping", found=found)
    return Parsed(data, node)


def _walk(node: yaml.Node, seen: set[int], depth: int) -> object:
    """The plain data of ``node``; raises :class:`_Refused` for what the format refuses."""
    if depth > MAX_DEPTH:
        raise _Refused(node, "yaml-depth", limit=MAX_DEPTH)
    if id(node) in seen:
        raise _Refused(node, "yaml-alias")
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _Refused(node, "yaml-tag", tag=node.tag)
        items = []
        for index, item in enumerate(node.value):
            if id(item) in seen:
                # An alias's node is its anchor's, marks and all: point just after
                # the item before it (or the list's start) instead, where it was written.
                at = node.value[index - 1].end_mark if index else node.start_mark
                raise _Refused(item, "yaml-alias", [index], at=at)
            try:
                items.append(_walk(item, seen, depth + 1))
            except _Refused as refused:
                refused.path.insert(0, index)
                raise
        return items
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _Refused(node, "yaml-tag", tag=node.tag)
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key_tag = key_node.tag
            if key_tag == _PLAIN:
                key_tag = _plain_tag(key_node.value)
            if key_node.__class__ is not yaml.ScalarNode or key_tag not in _KEY_TAGS:
                if key_tag == _MERGE:
                    raise _Refused(key_node, "yaml-alias")
                raise _Refused(key_node, "yaml-key")
            key = sys.intern(key_node.value)  # field names repeat in every record: share them
            if key in result:
                first = next(k for k, _ in node.value if k.value == key)
                raise _Refused(key_node, "yaml-duplicate-key", [key], key=key,
                               first=first.start_mark.line + 1)
            if id(value_node) in seen:  # an alias: point at its key, not at the anchor
                raise _Refused(value_node, "yaml-alias", [key], at=key_node.start_mark)
            try:
                if key in AS_WRITTEN and value_node.__class__ is yaml.ScalarNode:
                    result[key] = _as_written(value_node)
                else:
                    result[key] = _walk(value_node, seen, depth + 1)
            except _Refused as refused:
                refused.path.insert(0, key)
                raise
        return result
    raise _Refused(node, "yaml-tag", tag=node.tag)  # pragma: no cover


def _as_written(node: yaml.ScalarNode) -> object:
    """A date field's scalar: an unquoted number keeps its text (``0777`` is not 511)."""
    if node.tag == _PLAIN and _plain_tag(node.value) in (_INT, _FLOAT):
        return node.value
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> object:
    tag, value = node.tag, node.value
    if tag == _PLAIN:
        tag = _plain_tag(value)
    if tag == _STR or tag == _TIMESTAMP:
        return value  # dates stay as written; the date field parses them
    if tag in (_INT, _FLOAT):
        constructor = _constructor()
        build = constructor.construct_yaml_int if tag == _INT else constructor.construct_yaml_float
        try:
            return build(node)
        except (ValueError, yaml.YAMLError):
            return value
    if tag == _BOOL:
        lowered = value.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        return value  # YAML 1.1 yes/no/on/off: keep the text (NO is Norway)
    if tag == _NULL:
        return None
    raise _Refused(node, "yaml-tag", tag=tag)


@cache
def _constructor() -> yaml.constructor.SafeConstructor:
    """Only its number parsers are used: they read the node's text and keep no state."""
    return yaml.constructor.SafeConstructor()


def _problem(display: str, line: int, column: int, code: str, **values: Any) -> Problem:
    return messages.problem(display, line, column, "", code, **values)


def dotted(path: FieldPath) -> str:
    """``("sources", 0, "url")`` -> ``sources.0.url``: how problems name a field."""
    return ".".join(str(p) for p in path)
