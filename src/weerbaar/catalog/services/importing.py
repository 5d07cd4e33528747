"""Importing factsheets from a file, as a service with the processing context.

The importer itself (`catalog.services.importer`, a plugin on `weerbaar.importing`) checks every
row and writes through the factsheet services. The contact entries a file names are asked of the
contacts app's selector, which logs every entry it returns.
"""

from __future__ import annotations

from weerbaar.core.context import ProcessingContext

from .importer import ImportReport, factsheets_import


def factsheets_import_file(
    *, ctx: ProcessingContext, raw: bytes, filename: str, partial: bool = False
) -> ImportReport:
    """Check every row of a CSV or XLSX file, then write all (or with `partial` the good ones).
    Raises ImportFileError when the file as a whole cannot be read."""
    return factsheets_import(ctx=ctx, raw=raw, filename=filename, partial=partial)
