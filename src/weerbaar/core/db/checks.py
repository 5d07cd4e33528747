"""A database configured with a stock Django engine has none of Weerbaar's flags: say so at start-up,
not halfway through an import."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core import checks
from django.db.utils import load_backend

from .features import WeerbaarFeatures


@checks.register(checks.Tags.compatibility)
def check_database_backends(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return backend_errors(settings.DATABASES)


def backend_errors(databases: Mapping[str, Mapping[str, Any]]) -> list[checks.CheckMessage]:
    """An error for each database whose ENGINE lacks Weerbaar's capability flags."""
    errors: list[checks.CheckMessage] = []
    for alias, database in databases.items():
        engine = database.get("ENGINE") or "django.db.backends.dummy"
        wrapper = load_backend(engine).DatabaseWrapper
        if not issubclass(wrapper.features_class, WeerbaarFeatures):
            errors.append(
                checks.Error(
                    f"DATABASES[{alias!r}] uses {engine}, which has none of Weerbaar's capability flags.",
                    hint="Use weerbaar.core.db.backends.spatialite, .postgis or .sqlite3 (see settings/base.py).",
                    id="core.E001",
                )
            )
    return errors
