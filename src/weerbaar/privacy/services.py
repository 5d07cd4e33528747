"""Writes to the processing register and the grants."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone

from weerbaar.core.access import Role
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
    """Record grants from region data: by organisation code or for every organisation of a kind."""
    stored = 0
    now = timezone.now()
    for index, row in enumerate(rows, start=1):
        if row.get("role") not in Role.values:
            raise GrantError(f"grant {index}: unknown role {row.get('role')!r}")
        try:
            activity = ProcessingActivity.objects.get(code=row.get("activity"))
        except ProcessingActivity.DoesNotExist:
            raise GrantError(
                f"grant {index}: unknown processing activity {row.get('activity')!r} "
                "(run load_privacy_register first)"
            ) from None
        if row.get("organisation"):
            organisations = Organisation.objects.filter(code=row["organisation"])
        else:
            organisations = Organisation.objects.filter(kind=row.get("organisation_kind"))
        if not organisations.exists():
            raise GrantError(f"grant {index}: no organisation matches {row}")
        for organisation in organisations:
            Grant.objects.update_or_create(
                organisation=organisation,
                role=row["role"],
                processing_activity=activity,
                defaults={"valid_from": now, "valid_until": None, "reference": row.get("reference", "")},
            )
            stored += 1
    return stored
