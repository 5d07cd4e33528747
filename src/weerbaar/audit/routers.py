"""The audit log lives on its own connection ("audit") so it survives a rolled-back request.

On SpatiaLite that connection is a separate database file; on PostgreSQL it is a second
connection to the same database, so the audit tables are migrated with the default database.
"""

from django.conf import settings

AUDIT_DB = "audit"
AUDIT_APP = "audit"


class AuditRouter:
    def db_for_read(self, model, **hints):
        return AUDIT_DB if model._meta.app_label == AUDIT_APP else None

    def db_for_write(self, model, **hints):
        return AUDIT_DB if model._meta.app_label == AUDIT_APP else None

    def allow_relation(self, obj1, obj2, **hints):
        if AUDIT_APP in {obj1._meta.app_label, obj2._meta.app_label}:
            return obj1._meta.app_label == obj2._meta.app_label
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if app_label == AUDIT_APP:
            return db == AUDIT_DB or (db == "default" and shares_default_database())
        return db != AUDIT_DB


def shares_default_database() -> bool:
    return getattr(settings, "WEERBAAR_AUDIT_SHARES_DEFAULT_DB", False)
