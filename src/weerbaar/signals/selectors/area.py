"""The area a municipality works in through signals: the municipalities of the signals and cases
its organisation reports, holds, is on the team of or had shared with it. It widens the area
scope of its shielded register reads (privacy.context.area_scope_sources)."""

from __future__ import annotations

from django.db.models import Q

from weerbaar.core.personal_data import platform_processing

from ..models import Signal


@platform_processing("the municipalities an organisation works in through signals")
def municipalities_worked_in(organisation_id: int) -> set[str]:
    involved = (
        Q(reporting_organisation_id=organisation_id)
        | Q(assigned_organisation_id=organisation_id)
        | Q(case__members__organisation_id=organisation_id)
        | Q(shares__organisation_id=organisation_id)
    )
    return {
        code
        for code in Signal.objects.filter(involved, municipality__isnull=False)
        .values_list("municipality__cbs_code", flat=True)
        .distinct()
        if code
    }
