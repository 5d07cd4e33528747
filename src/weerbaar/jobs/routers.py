"""Jobs live on their own connection ("jobs") so progress is visible while a job's own
transaction is still open.

A job writes its progress while its work is inside one long transaction on the default
connection (an import is stored whole or not at all). On PostgreSQL "jobs" is a second
connection to the same database, so progress commits at once and every web worker sees it;
the tables are migrated with the default database. On SpatiaLite the default database is
locked for writing by that transaction, so the jobs table is a separate file
(var/jobs.sqlite3) with its own lock.
"""

from django.conf import settings

JOBS_DB = "jobs"
JOBS_APP = "jobs"


class JobsRouter:
    def db_for_read(self, model, **hints):
        return JOBS_DB if model._meta.app_label == JOBS_APP else None

    def db_for_write(self, model, **hints):
        return JOBS_DB if model._meta.app_label == JOBS_APP else None

    def allow_relation(self, obj1, obj2, **hints):
        if JOBS_APP in {obj1._meta.app_label, obj2._meta.app_label}:
            return obj1._meta.app_label == obj2._meta.app_label
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if app_label == JOBS_APP:
            return db == JOBS_DB or (db == "default" and shares_default_database())
        return False if db == JOBS_DB else None


def shares_default_database() -> bool:
    return getattr(settings, "WEERBAAR_JOBS_SHARES_DEFAULT_DB", False)
