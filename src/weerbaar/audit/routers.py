"""The audit log lives on its own connection ("audit") so it survives a rolled-back request."""

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
            return db == AUDIT_DB
        return db != AUDIT_DB
