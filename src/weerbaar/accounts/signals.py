"""Every change made in the Django admin goes into the hash-chained audit log too.

Django writes its own `LogEntry` (an ordinary, editable table) after each admin change; this
receiver copies it into the audit log, so a change of any record, setting or register entry made
through the admin is as tamper-evident as the rest.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.models import LogEntry
from django.db.models.signals import post_save

from .services.users import admin_change_record


def admin_change_logged(sender: type[LogEntry], instance: LogEntry, created: bool, **kwargs: Any) -> None:
    if created:
        admin_change_record(entry=instance)


def connect() -> None:
    post_save.connect(admin_change_logged, sender=LogEntry, dispatch_uid="weerbaar-admin-audit")
