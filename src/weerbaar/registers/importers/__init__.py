"""The registers' importer plugins (built on weerbaar.importing); see base.py for what they add."""

from .base import BaseImporter, ColumnarImporter, FileError, RowError, importers, register

__all__ = ["BaseImporter", "ColumnarImporter", "FileError", "RowError", "importers", "register"]
