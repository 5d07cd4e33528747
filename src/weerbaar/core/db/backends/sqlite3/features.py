from django.db.backends.sqlite3.base import Database
from django.db.backends.sqlite3.features import DatabaseFeatures as SQLiteDatabaseFeatures
from django.utils.functional import cached_property

from ...features import WeerbaarFeatures


class SQLiteCapabilities(WeerbaarFeatures):
    """What every SQLite connection can do, with or without SpatiaLite loaded."""

    supports_pragma_cache_size = True
    supports_online_backup = True

    @cached_property
    def supports_pragma_analysis_limit(self) -> bool:
        return Database.sqlite_version_info >= (3, 32)


class DatabaseFeatures(SQLiteCapabilities, SQLiteDatabaseFeatures):
    pass
