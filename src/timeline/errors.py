"""The exceptions and the problem record every layer reports through.

Core code never prints or exits: it returns or raises these, and the CLI and the
app decide how to show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


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


class DatasetError(TimelineError):
    """The dataset has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problems")


class WriteRefused(TimelineError):
    """A writer was asked to replace a file it did not create."""
