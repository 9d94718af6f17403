"""The exceptions and the problem record every layer reports through.

Core code never prints or exits: it returns or raises these, and the CLI and the
app decide how to show them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Characters that could rewrite a log line if printed raw: C0 and C1 controls (a newline
# in a file name could start a forged "::error" line in a CI log), DEL, the Unicode line
# and paragraph separators and the bidirectional overrides.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """``text`` with every control character written as an escape (``\\n``, ``\\x1b``)."""
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(_escape_one, text)


def _escape_one(match: re.Match[str]) -> str:
    char = match.group()
    return repr(char)[1:-1] if ord(char) < 0x100 else f"\\u{ord(char):04x}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    line: int
    column: int
    field: str
    message: str
    code: str
    severity: Severity = "error"
    # How many problems, not shown, this one stands for ("and N more", messages.capped).
    hidden: int = 0

    def __post_init__(self) -> None:
        # The one place every output format (text, GitHub annotations, JSON) gets its
        # text from: a file name or a key a user wrote is never printed raw.
        for name in ("path", "field", "message"):
            value = getattr(self, name)
            escaped = escape_controls(value)
            if escaped is not value:
                object.__setattr__(self, name, escaped)

    @classmethod
    def escaped(cls, path: str, line: int, column: int, field: str, message: str, code: str,
                severity: Severity = "error") -> Problem:
        """A problem whose ``path``, ``field`` and ``message`` have already been through
        :func:`escape_controls` (each once, for many problems: the likely-duplicate
        check writes hundreds of thousands that share them), so they are not searched
        again."""
        problem = object.__new__(cls)
        setattr_ = object.__setattr__
        setattr_(problem, "path", path)
        setattr_(problem, "line", line)
        setattr_(problem, "column", column)
        setattr_(problem, "field", field)
        setattr_(problem, "message", message)
        setattr_(problem, "code", code)
        setattr_(problem, "severity", severity)
        setattr_(problem, "hidden", 0)
        return problem

    def as_text(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        field = f" {self.field}:" if self.field else ""
        tag = " warning:" if self.severity == "warning" else ""
        return f"{where}:{tag}{field} {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }


class TimelineError(Exception):
    """Base of every error a user can cause; the CLI turns these into messages."""


class DateSyntaxError(TimelineError, ValueError):
    """A date that does not follow the record syntax; the message says how to write it."""


class DateOrderError(DateSyntaxError):
    """An interval whose end comes before its start."""

    def __init__(self, start: str, end: str) -> None:
        self.start, self.end = start, end
        super().__init__(f"the interval ends ({end}) before it starts ({start})")


class UnknownTimezone(TimelineError, ValueError):
    """A time zone name that is not an IANA zone; the message names close ones."""

    def __init__(self, name: object, close: tuple[str, ...] = ()) -> None:
        self.name, self.close = name, close
        self.suggestion = suggestion = (
            " (did you mean " + " or ".join(repr(z) for z in close) + "?)" if close else "")
        shown = name[:100] + "…" if isinstance(name, str) and len(name) > 100 else name
        super().__init__(f"{shown!r} is not a known IANA time zone{suggestion}; use a name "
                         "like America/Mexico_City or UTC")


class DatasetError(TimelineError):
    """The dataset has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problems")


class WriteRefused(TimelineError):
    """A writer was asked to replace a file it did not create."""
