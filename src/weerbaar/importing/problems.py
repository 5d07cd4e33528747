"""What an import found wrong: one row and field, or the file as a whole, and the report of a run.

Messages are Dutch, as the people who fix the files read them, and always say where: the row
(as the file numbers it: a line of a CSV with the header as line 1, a spreadsheet row, a
feature id) and the field, then what is wrong with the value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

#: problems a report keeps; beyond these it counts them and says how many more there were
MAX_PROBLEMS = 200


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong: `row` 0 means the file as a whole."""

    row: int
    field: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}

    def __str__(self) -> str:
        where = f"rij {self.row}" if self.row else "bestand"
        return f"{where}, {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class FileError(Exception):
    """The whole file is unusable: unreadable, wrong CRS, a missing layer or columns.

    `code` names the kind for callers that show their own (translated) text, `params` its details:
    `unreadable`, `encoding`, `empty`, `columns` (params `missing`), `crs` (params `crs`), `layer`.
    """

    def __init__(self, message: str, field: str = "", *, code: str = "", **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
        self.params = params

    @property
    def problem(self) -> Problem:
        return Problem(0, self.field, self.message)


class RowError(Exception):
    """One row is wrong; `problems` lists (field, message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{f}: {m}" for f, m in problems))
        self.problems = problems


@dataclass
class Report:
    """Counts and problems of one import run.

    Keeps the first `limit` problems and counts every one (`total_problems`), so a file with a
    million bad rows reports the first ones and the total without holding them all.
    `refused` counts the rows that had at least one problem.
    """

    limit: int = MAX_PROBLEMS
    #: rows read (including the refused ones)
    rows: int = 0
    refused: int = 0
    problems: list[Problem] = field(default_factory=list)
    total_problems: int = 0
    #: the file-level problem that stopped the run, if any, and the exception (its code and params)
    file_error: Problem | None = None
    failure: FileError | None = None
    #: what the app counted while storing: {"nieuw": 3, "gewijzigd": 1, ...}
    counts: dict[str, int] = field(default_factory=dict)
    #: columns as the file names them (for column mapping and personal-data checks)
    columns: list[str] = field(default_factory=list)
    #: things worth knowing that refuse nothing (an encoding guessed, a geometry repaired)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.total_problems == 0

    def add(self, row: int, field: str, message: str) -> None:
        self.total_problems += 1
        if len(self.problems) < self.limit:
            self.problems.append(Problem(row, field, message))

    def add_row(self, row: int, problems: Iterable[tuple[str, str]]) -> None:
        """The problems of one refused row."""
        self.refused += 1
        for field_name, message in problems:
            self.add(row, field_name, message)

    def fail(self, error: FileError) -> None:
        """The file as a whole cannot be imported; its problem goes first."""
        self.file_error, self.failure = error.problem, error
        self.total_problems += 1
        self.problems.insert(0, error.problem)
        del self.problems[self.limit :]

    def count(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def as_list(self) -> list[dict[str, Any]]:
        """The problems as {"row", "field", "message"} dicts, and a last line saying how many more."""
        listed = [p.as_dict() for p in self.problems]
        more = self.total_problems - len(self.problems)
        if more > 0:
            listed.append({"row": 0, "field": "", "message": f"en nog {more} fouten"})
        return listed
