"""Importing factsheets from a file, as a service with the processing context.

The importer itself (`catalog.services.importer`) checks every row and writes through the factsheet
services. It also resolves the contact keys the file names against the contact directory; that
look-up is a hit / no-hit question about contact entries, logged here with the keys asked and
how many exist.
"""

from __future__ import annotations

from weerbaar.audit.recording import Action, audited
from weerbaar.contacts.selectors import contact_keys
from weerbaar.core.context import ProcessingContext

from .importer import ImportReport, factsheets_import, read_rows

CONTACT_COLUMNS = ("contact", "reviewer")


def factsheets_import_file(
    *, ctx: ProcessingContext, raw: bytes, filename: str, partial: bool = False
) -> ImportReport:
    """Check every row of a CSV or XLSX file, then write all (or with `partial` the good ones).
    Raises ImportFileError when the file as a whole cannot be read."""
    rows = read_rows(raw, filename)
    named = sorted({row[c].strip() for row in rows for c in CONTACT_COLUMNS if row.get(c, "").strip()})
    with audited(ctx, object_type="contact", action=Action.EXISTS) as record:
        report = factsheets_import(actor=ctx, raw=raw, filename=filename, partial=partial)
        if named:
            known = set(contact_keys().values())
            record.answered(question={"import": filename, "sleutels": named}, answer=len(known & set(named)))
    return report
