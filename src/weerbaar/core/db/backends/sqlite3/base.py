"""Plain SQLite (the audit log's own file on SpatiaLite set-ups) with Weerbaar's flags."""

from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper

from .features import DatabaseFeatures


class DatabaseWrapper(SQLiteDatabaseWrapper):
    features_class = DatabaseFeatures
