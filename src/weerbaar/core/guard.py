"""The test-time guard: a query on a personal-data table outside a processing scope fails.

Installed on every database connection for the whole test suite (the root `conftest.py`). Test
code itself may query personal-data tables directly (to arrange data and check what was
stored); every other query must come from inside `audited(...)` or `platform_processing(...)`.
Which code issued a query is read from the call stack: the innermost frame of the project's own
code decides (Django and library frames are skipped).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .personal_data import current_scope, personal_data_tables

PACKAGE_ROOT = str(Path(__file__).resolve().parents[1])  # .../src/weerbaar
#: modules whose frames are test code: tests, conftest files and the apps' test helpers
TEST_CODE = re.compile(r"(/tests/|/conftest\.py$|/testing\.py$)")
#: the data layer itself (a model's save, a manager): its caller decides, not the model
TRANSPARENT = re.compile(r"/(models|managers|querysets)\.py$")


class UnauditedRead(AssertionError):
    """A personal-data table was queried outside an audited read or the platform's own processing."""


@dataclass(frozen=True)
class Violation:
    tables: tuple[str, ...]
    location: str
    sql: str

    def __str__(self) -> str:
        return (
            f"{', '.join(self.tables)} queried outside an audited read at {self.location}: "
            f"use weerbaar.audit.recording.audited in a selector or service ({self.sql[:160]})"
        )


class PersonalDataGuard:
    """A database execute wrapper (`connection.execute_wrappers`)."""

    def __init__(self, tables: frozenset[str] | None = None) -> None:
        self._tables = tables
        self._pattern: re.Pattern[str] | None = None
        self.violations: list[Violation] = []

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            tables = self._tables if self._tables is not None else personal_data_tables()
            names = "|".join(sorted(map(re.escape, tables))) or r"(?!x)x"
            self._pattern = re.compile(rf"\b({names})\b")
        return self._pattern

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if not current_scope():
            tables = tuple(sorted(set(self.pattern.findall(sql))))
            if tables:
                location = caller_location()
                if location is not None:
                    violation = Violation(tables, location, sql)
                    self.violations.append(violation)
                    raise UnauditedRead(str(violation))
        return execute(sql, params, many, context)


def caller_location(frame: Any = None) -> str | None:
    """'path:line' of the innermost project frame that is not test code; None when the query
    comes from test code (or from no project code at all, e.g. Django's test set-up)."""
    frame = frame or sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(PACKAGE_ROOT) or "/tests/" in filename or filename.endswith("conftest.py"):
            if TEST_CODE.search(filename) or "/migrations/" in filename:
                return None
            if (
                filename.startswith(PACKAGE_ROOT)
                and not filename.endswith("/core/guard.py")
                and not TRANSPARENT.search(filename)
            ):
                return f"{filename[len(PACKAGE_ROOT) - len('weerbaar') :]}:{frame.f_lineno}"
        frame = frame.f_back
    return None
