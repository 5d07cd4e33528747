"""The first (or a named) sheet of an XLSX workbook, row by row, through openpyxl in read-only mode."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from ..problems import FileError
from . import Source, open_binary


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class XlsxReader:
    """Rows of one sheet as dicts keyed by its header row, numbered as the spreadsheet numbers them.

    The header is the first row that is not empty (rows above it are skipped); empty rows are
    skipped without renumbering the rest; empty cells come as "". Values keep their type
    (numbers, dates as `datetime`); text is stripped. Opening checks the `required` columns.
    """

    def __init__(
        self,
        source: Source,
        *,
        required: Collection[str] = (),
        sheet: str | None = None,
        lower: bool = True,
    ) -> None:
        self.source, self.sheet, self.lower = source, sheet, lower
        self.warnings: list[str] = []
        self.encoding = self.delimiter = ""
        header: tuple[Any, ...] = ()
        for number, values in self._values():
            if not all(_blank(v) for v in values):
                header, self.header_row = values, number
                break
        else:
            raise FileError("het werkblad is leeg", code="empty")
        self.columns = [str(h if h is not None else "").strip() for h in header]
        self.header = [h.lower() for h in self.columns] if lower else self.columns
        missing = set(required) - {h.lower() for h in self.columns}
        if missing:
            raise FileError(
                f"kolommen ontbreken: {', '.join(sorted(missing))}", code="columns", missing=sorted(missing)
            )

    def _values(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        from openpyxl import load_workbook  # a second or so to import; only when a workbook comes

        with open_binary(self.source) as fh:
            try:
                workbook = load_workbook(fh, read_only=True, data_only=True)
            except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
                raise FileError(
                    f"geen leesbaar XLSX-bestand ({exc.__class__.__name__})",
                    code="unreadable",
                    error=exc.__class__.__name__,
                ) from exc
            try:
                if self.sheet is None:
                    worksheet = workbook.worksheets[0]
                elif self.sheet in workbook.sheetnames:
                    worksheet = workbook[self.sheet]
                else:
                    raise FileError(
                        f"werkblad {self.sheet!r} ontbreekt (wel: {', '.join(workbook.sheetnames)})",
                        code="layer",
                    )
                # read-only sheets fill in missing rows, so the count is the spreadsheet's row number
                yield from enumerate(worksheet.iter_rows(values_only=True), start=1)
            finally:
                workbook.close()

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        header = self.header
        for number, values in self._values():
            if number <= self.header_row or all(_blank(v) for v in values):
                continue
            yield (
                number,
                {
                    h: "" if v is None else v.strip() if isinstance(v, str) else v
                    for h, v in zip(header, values, strict=False)
                    if h
                },
            )


def xlsx_rows(
    source: Source, required: Collection[str] = (), **options: Any
) -> Iterator[tuple[int, dict[str, Any]]]:
    """`XlsxReader(source, required=required, **options)` as a generator."""
    yield from XlsxReader(source, required=required, **options)
