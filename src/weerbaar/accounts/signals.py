"""Every change made in the Django admin goes into the hash-chained audit log too.

Django writes its own `LogEntry` (an ordinary, editable table) after each admin change; this
receiver copies it into the audit log, so a change of any record, setting or register entry made
through the admin is as tamper-evident as the rest.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin.models import LogEntry
from django.db.models.signals import post_save

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.context import Origin
from weerbaar.privacy.context import context_for_user

ACTIONS = {1: Action.CREATE, 2: Action.UPDATE, 3: Action.DELETE}


def admin_change_logged(sender: type[LogEntry], instance: LogEntry, created: bool, **kwargs: Any) -> None:
    if not created:
        return
    ctx = context_for_user(instance.user, origin=Origin.PAGE, second_factor=True, source="admin")
    audit_log(
        ctx=ctx,
        action=ACTIONS.get(instance.action_flag, Action.UPDATE),
        object_type=f"admin.{instance.content_type.app_label}.{instance.content_type.model}"
        if instance.content_type
        else "admin",
        object_id=str(instance.object_id or ""),
        detail={"object": instance.object_repr, "change": instance.get_change_message()},
    )


def connect() -> None:
    post_save.connect(admin_change_logged, sender=LogEntry, dispatch_uid="weerbaar-admin-audit")
