"""Problems found while loading content, reported as ``path:line: message``."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One defect in a content file; ``line`` is 1-based (0 when it concerns the whole file)."""

    path: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        prefix = "" if self.is_error else "warning: "
        # A problem of the whole file (its name, its place) has no line to point at.
        where = f"{self.path}:{self.line}" if self.line > 0 else self.path
        return f"{where}: {prefix}{self.message}"


def error(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, message, Severity.ERROR)


def warning(path: str, line: int, message: str) -> Problem:
    return Problem(path, line, message, Severity.WARNING)
