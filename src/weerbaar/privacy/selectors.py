from typing import Any

from django.db.models import QuerySet

from weerbaar.core.policies import policy_for

from .models import Grant, ProcessingActivity


def processing_activity_list(*, user: Any) -> QuerySet[ProcessingActivity]:
    return policy_for(ProcessingActivity).visible(
        user,
        ProcessingActivity.objects.select_related("legal_basis").prefetch_related("grants__organisation"),
    )


def grant_list(*, user: Any) -> QuerySet[Grant]:
    return policy_for(Grant).visible(
        user, Grant.objects.select_related("organisation", "processing_activity")
    )
