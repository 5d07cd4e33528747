"""Writes on organisations: an administrator corrects an organisation's name or kind."""

from __future__ import annotations

from django.db import transaction

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.access import Role
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import require

from .models import Organisation


@transaction.atomic
def organisation_update(
    *, ctx: ProcessingContext, organisation: Organisation, name: str, kind: str
) -> Organisation:
    """Rename an organisation or change its kind (administrators only); audited with the old
    and new values. The code stays: grants, boundaries and signals refer to it."""
    require(ctx.system or ctx.has_role(Role.BEHEERDER), "only administrators change organisations")
    before = {"name": organisation.name, "kind": organisation.kind}
    organisation.name, organisation.kind = name.strip(), kind
    organisation.full_clean()
    organisation.save(update_fields=["name", "kind"])
    audit_log(
        ctx=ctx,
        action=Action.UPDATE,
        object_type="organisations.organisation",
        object_id=organisation.code,
        detail={"before": before, "after": {"name": organisation.name, "kind": organisation.kind}},
    )
    return organisation
