"""CSV that spreadsheets cannot turn into formulas (OWASP: CSV injection).

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is taken as a formula by
Excel and LibreOffice (`=HYPERLINK("http://evil.example","klik")`); it gets a leading apostrophe,
which the spreadsheet shows as text. Every CSV and XLSX export of the platform writes its cells
through `safe_cell` / `safe_row`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value, with an apostrophe before text a spreadsheet would read as a formula.
    Numbers stay numbers (a negative number is not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[str], rows: Iterable[Iterable[Any]], *, delimiter: str = ",") -> Iterator[str]:
    """Safe CSV text line by line, for a streaming response."""
    writer = csv.writer(_Echo(), delimiter=delimiter)
    yield writer.writerow(safe_row(header))
    for row in rows:
        yield writer.writerow(safe_row(row))
