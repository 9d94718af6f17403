"""Reading one record file safely, keeping the line of every key.

The file is composed into a node graph by libyaml's safe C parser when present
(never a constructor that can build objects), then walked here into plain data.
The walk is where the format's safety rules live: duplicate keys are errors
(YAML would keep the last value and lose data), anchors that are reused are
refused (no alias bombs), only core tags are allowed, nesting is bounded, and
dates and YAML 1.1 yes/no words stay as the text the user wrote.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from timeline import messages
from timeline.errors import Problem

try:  # the C parser is ten times faster; the pure one gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

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


@dataclass(slots=True)
class Parsed:
    """The plain data of a file and the (line, column) of each key or item in it."""

    data: object
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: FieldPath) -> tuple[int, int]:
        """Where ``path`` was written, or its nearest written parent."""
        while path:
            found = self.positions.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.positions.get((), (1, 1))


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def read_record(path: Path, display: str, max_bytes: int = DEFAULT_MAX_BYTES,
                content: bytes | None = None) -> Parsed | Problem:
    """Parse the file at ``path``; ``display`` names it in problems.

    ``content`` may be passed when the caller has already read the bytes.
    """
    if content is None:
        checked = check_file(path, display, max_bytes)
        if isinstance(checked, Problem):
            return checked
        content = path.read_bytes()
    return parse_bytes(content, display, max_bytes)


def check_file(path: Path, display: str, max_bytes: int) -> os.stat_result | Problem:
    """Refuse links, devices, pipes and oversized files before reading a byte."""
    try:
        info = path.lstat()
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
    parsed = Parsed(None)
    try:
        parsed.data = _walk(node, (), parsed.positions, set(), display, 0)
    except _Refused as refused:
        return refused.problem
    if not isinstance(parsed.data, dict):
        found = "list" if isinstance(parsed.data, list) else "single value"
        return _problem(display, node.start_mark.line + 1, node.start_mark.column + 1,
                        "file-not-mapping", found=found)
    parsed.positions.setdefault((), (1, 1))
    return parsed


def _walk(node: yaml.Node, path: FieldPath, positions: dict[FieldPath, tuple[int, int]],
          seen: set[int], display: str, depth: int) -> object:
    if depth > MAX_DEPTH:
        raise _Refused(_at(display, node, "yaml-depth", path, limit=MAX_DEPTH))
    if id(node) in seen:
        raise _Refused(_at(display, node, "yaml-alias", path))
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path, display)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _Refused(_at(display, node, "yaml-tag", path, tag=node.tag))
        items = []
        for index, item in enumerate(node.value):
            child = (*path, index)
            positions[child] = (item.start_mark.line + 1, item.start_mark.column + 1)
            items.append(_walk(item, child, positions, seen, display, depth + 1))
        return items
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _Refused(_at(display, node, "yaml-tag", path, tag=node.tag))
        result: dict[str, object] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (
                _STR, _INT, _BOOL, _NULL, _FLOAT, _TIMESTAMP
            ):
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _Refused(_at(display, key_node, "yaml-alias", path))
                raise _Refused(_at(display, key_node, "yaml-key", path))
            key = sys.intern(key_node.value)  # field names repeat in every record: share them
            line = key_node.start_mark.line + 1
            if key in result:
                raise _Refused(_at(display, key_node, "yaml-duplicate-key", (*path, key),
                                   key=key, first=first_line[key]))
            first_line[key] = line
            child = (*path, key)
            positions[child] = (line, key_node.start_mark.column + 1)
            result[key] = _walk(value_node, child, positions, seen, display, depth + 1)
        return result
    raise _Refused(_at(display, node, "yaml-tag", path, tag=node.tag))  # pragma: no cover


def _scalar(node: yaml.ScalarNode, path: FieldPath, display: str) -> object:
    tag, value = node.tag, node.value
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
    raise _Refused(_at(display, node, "yaml-tag", path, tag=tag))


@cache
def _constructor() -> yaml.constructor.SafeConstructor:
    """Only its number parsers are used: they read the node's text and keep no state."""
    return yaml.constructor.SafeConstructor()


def _at(display: str, node: yaml.Node, code: str, path: FieldPath, **values: object
        ) -> Problem:
    if isinstance(values.get("tag"), str):
        values["tag"] = str(values["tag"]).replace("tag:yaml.org,2002:", "!!")
    return messages.problem(display, node.start_mark.line + 1, node.start_mark.column + 1,
                            dotted(path), code, **values)


def _problem(display: str, line: int, column: int, code: str, **values: object) -> Problem:
    return messages.problem(display, line, column, "", code, **values)


def dotted(path: FieldPath) -> str:
    """``("sources", 0, "url")`` -> ``sources.0.url``: how problems name a field."""
    return ".".join(str(p) for p in path)
