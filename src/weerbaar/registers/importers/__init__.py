"""Importer plugins for the formats a province really receives; see base.py for the contract."""

from .base import BaseImporter, FileError, RowError, importer_for, importers, register

__all__ = ["BaseImporter", "FileError", "RowError", "importer_for", "importers", "register"]
