"""The platform's computed indicators (indicators.registry), stored as values per municipality."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.organisations.models import Organisation

from ..models import Indicator, IndicatorValue, Refresh
from ..published import values_changed
from ..registry import computed


@transaction.atomic
def platform_indicators_compute(
    *, ctx: ProcessingContext, start: dt.date, end: dt.date, owner: Organisation
) -> dict[str, int]:
    """Compute every registered indicator for the period and replace its values for that period.
    Only the platform computes (`ctx.system`); returns the number of values per indicator."""
    require(ctx.system and policy_for(Indicator).can_create(ctx), "only the platform computes indicators")
    stored: dict[str, int] = {}
    for key, spec in computed.items():
        indicator, _created = Indicator.objects.update_or_create(
            key=key,
            defaults={
                "name_nl": spec.name_nl,
                "name_de": spec.name_de,
                "name_en": spec.name_en,
                "definition": spec.definition,
                "definition_de": spec.definition_de,
                "definition_en": spec.definition_en,
                "unit": spec.unit,
                "source": "Weerbaar (signalen)",
                "owner": owner,
                "refresh": Refresh.DOORLOPEND,
                "theme": spec.theme,
                "access_level": spec.access_level,
                "computed": True,
            },
        )
        values = spec.values(ctx, start, end)
        IndicatorValue.objects.filter(indicator=indicator, period_start=start, period_end=end).delete()
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                indicator=indicator,
                area_code=code,
                period_start=start,
                period_end=end,
                value=Decimal(str(value)),
                is_count=spec.is_count,
            )
            for code, value in sorted(values.items())
        )
        values_changed(indicator_ids=[indicator.pk])  # a bulk write: no post_save to do it
        stored[key] = len(values)
    audit_log(
        ctx=ctx,
        action=Action.CREATE,
        object_type="indicators.indicatorvalue",
        object_id=f"{start.isoformat()}/{end.isoformat()}",
        detail=stored,
    )
    return stored
