"""Writes to the processing register and the grants."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.access import Role
from weerbaar.core.context import Origin, ProcessingContext, system_context
from weerbaar.organisations.models import Organisation

from .models import Grant, LegalBasis, ProcessingActivity

STARTER_REGISTER = Path(__file__).parent / "starter" / "verwerkingsregister.yaml"


class GrantError(ValueError):
    """A grant row that cannot be stored; the message names the row."""


@transaction.atomic
def register_load(*, path: Path = STARTER_REGISTER) -> tuple[int, int]:
    """Load legal bases and processing activities; updates in place by code."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    for row in spec["legal_bases"]:
        LegalBasis.objects.update_or_create(
            code=row["code"], defaults={k: v for k, v in row.items() if k != "code"}
        )
    for row in spec["activities"]:
        values = {k: v for k, v in row.items() if k not in {"code", "legal_basis"}}
        values["legal_basis"] = LegalBasis.objects.get(code=row["legal_basis"])
        ProcessingActivity.objects.update_or_create(code=row["code"], defaults=values)
    return len(spec["legal_bases"]), len(spec["activities"])


@transaction.atomic
def grants_load(*, rows: list[dict[str, Any]]) -> int:
    """Record grants from region data (the platform itself, loading a region's manifest): by
    organisation code or for every organisation of a kind. Audited as one change.

    All rows are checked first; then the new grants go in as one insert and the known ones are
    renewed as one update (a region has a few dozen, and every test that loads a region loads them)."""
    now = timezone.now()
    activities = {a.code: a for a in ProcessingActivity.objects.all()}
    organisations = list(Organisation.objects.all())
    wanted: dict[tuple[int, str, int], tuple[Organisation, str, ProcessingActivity, str]] = {}
    for index, row in enumerate(rows, start=1):
        if row.get("role") not in Role.values:
            raise GrantError(f"grant {index}: unknown role {row.get('role')!r}")
        activity = activities.get(row.get("activity"))
        if activity is None:
            raise GrantError(
                f"grant {index}: unknown processing activity {row.get('activity')!r} "
                "(run load_privacy_register first)"
            )
        if row.get("organisation"):
            matching = [o for o in organisations if o.code == row["organisation"]]
        else:
            matching = [o for o in organisations if o.kind == row.get("organisation_kind")]
        if not matching:
            raise GrantError(f"grant {index}: no organisation matches {row}")
        for organisation in matching:
            key = (organisation.pk, row["role"], activity.pk)
            wanted[key] = (organisation, row["role"], activity, row.get("reference", ""))
    existing = {
        (g.organisation_id, g.role, g.processing_activity_id): g
        for g in Grant.objects.filter(organisation__in=[o for o, *_ in wanted.values()])
    }
    new, renewed = [], []
    for key, (organisation, role, activity, reference) in wanted.items():
        grant = existing.get(key)
        if grant is None:
            new.append(
                Grant(
                    organisation=organisation,
                    role=role,
                    processing_activity=activity,
                    valid_from=now,
                    valid_until=None,
                    reference=reference,
                )
            )
        else:
            grant.valid_from, grant.valid_until, grant.reference = now, None, reference
            renewed.append(grant)
    Grant.objects.bulk_create(new)
    Grant.objects.bulk_update(renewed, ["valid_from", "valid_until", "reference"])
    recorded = [f"{o.code}/{role}/{a.code}" for o, role, a, _ in wanted.values()]
    audit_log(
        ctx=system_context(origin=Origin.COMMAND, source="load_region"),
        action=Action.UPDATE,
        object_type="privacy.grant",
        detail={"event": "grants loaded from region data", "grants": recorded},
    )
    return len(wanted)


@transaction.atomic
def grant_record(
    *, ctx: ProcessingContext, organisation_code: str, role: str, activity: str, reference: str
) -> Grant:
    """Record one grant. Called for an approved four-eyes proposal (accounts.services.proposals)
    or by the platform itself; never by one person alone."""
    organisation = Organisation.objects.get(code=organisation_code)
    grant, _created = Grant.objects.update_or_create(
        organisation=organisation,
        role=role,
        processing_activity=ProcessingActivity.objects.get(code=activity),
        defaults={"valid_from": timezone.now(), "valid_until": None, "reference": reference},
    )
    audit_log(
        ctx=ctx,
        action=Action.CREATE,
        object_type="privacy.grant",
        object_id=str(grant.pk),
        detail={
            "organisation": organisation_code,
            "role": role,
            "activity": activity,
            "reference": reference,
        },
    )
    return grant


def grant_end(*, ctx: ProcessingContext, grant: Grant) -> None:
    """End a grant now (reducing access needs no second person); audited."""
    grant.valid_until = timezone.now()
    grant.save(update_fields=["valid_until"])
    audit_log(
        ctx=ctx,
        action=Action.UPDATE,
        object_type="privacy.grant",
        object_id=str(grant.pk),
        detail={"event": "ended", "grant": str(grant)},
    )
