"""Who reads and changes partner datasets: only the holding organisation's partners, within
their clearance for the dataset's access level. Everyone else may at most ask hit / no-hit
(`services.questions.hit_question_ask`), which discloses no record."""

from __future__ import annotations

from typing import Any

from django.db import models

from weerbaar.core.access import EDITOR_ROLES
from weerbaar.core.clearance import clearance_for
from weerbaar.core.policies import BasePolicy, Viewer, is_partner, organisation_id_of, register_policy

from .models import PartnerDataset


@register_policy(PartnerDataset)
class PartnerDatasetPolicy(BasePolicy):
    def visible(self, ctx: Viewer, queryset: models.QuerySet | None = None) -> models.QuerySet:
        qs = queryset if queryset is not None else PartnerDataset.objects.all()
        org = organisation_id_of(ctx)
        if org is None or not is_partner(ctx):
            return qs.none()
        return qs.filter(organisation_id=org, access_level__in=clearance_for(ctx).levels)

    def can_view(self, ctx: Viewer, obj: Any) -> bool:
        return (
            is_partner(ctx)
            and obj.organisation_id == organisation_id_of(ctx)
            and obj.access_level in clearance_for(ctx).levels
        )

    def can_create(self, ctx: Viewer) -> bool:
        return ctx.has_role(*EDITOR_ROLES) and organisation_id_of(ctx) is not None

    def can_change(self, ctx: Viewer, obj: Any) -> bool:
        return self.can_view(ctx, obj) and ctx.has_role(*EDITOR_ROLES)

    def can_ask(self, ctx: Viewer) -> bool:
        """Any logged-in partner may ask whether a subject is in a dataset."""
        return is_partner(ctx)
