"""System checks: the audit keys never live next to the data, the witness is never a database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from . import keys


@register("security")
def audit_keys_away_from_the_data(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    data_folders = [str(settings.VAR_DIR), str(settings.MEDIA_ROOT), str(settings.STATIC_ROOT)]
    errors: list[CheckMessage] = [
        Error(
            f"{name} ({keys.key_files()[name]}) lies in the data folder or next to a database file.",
            hint="Keep the audit keys where a copy of the data does not reach (docs/operations.md).",
            id="audit.E001",
        )
        for name in keys.misplaced_keys(keys.key_files(), keys.database_files(), data_folders)
    ]
    witness = getattr(settings, "WEERBAAR_AUDIT_WITNESS_FILE", "")
    if witness and Path(witness).resolve() in {Path(f).resolve() for f in keys.database_files()}:
        errors.append(
            Error(
                f"WEERBAAR_AUDIT_WITNESS_FILE ({witness}) is a database file.",
                hint="The witness must live outside the audit database.",
                id="audit.E002",
            )
        )
    return errors
