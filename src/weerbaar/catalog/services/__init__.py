"""Writes of the catalog: factsheets (`factsheets.py`) and their import from a file
(`importing.py`)."""

from .factsheets import (
    DistributionInput,
    FactsheetInput,
    factsheet_create,
    factsheet_mark_reviewed,
    factsheet_snapshot,
    factsheet_update,
)

__all__ = [
    "DistributionInput",
    "FactsheetInput",
    "factsheet_create",
    "factsheet_mark_reviewed",
    "factsheet_snapshot",
    "factsheet_update",
]
