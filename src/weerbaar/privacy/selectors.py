from typing import Any

from django.db.models import QuerySet

from weerbaar.core.access import PARTNER_ROLES
from weerbaar.core.clearance import roles_of
from weerbaar.core.policies import policy_for

from .models import Grant, ProcessingActivity


def may_read_register(user: Any) -> bool:
    """The processing register (activities, grants between partners) is for the partners' staff."""
    return bool(user.is_authenticated and roles_of(user) & PARTNER_ROLES)


def processing_activity_list(*, user: Any) -> QuerySet[ProcessingActivity]:
    return policy_for(ProcessingActivity).visible(
        user,
        ProcessingActivity.objects.select_related("legal_basis").prefetch_related("grants__organisation"),
    )


def grant_list(*, user: Any) -> QuerySet[Grant]:
    return policy_for(Grant).visible(
        user, Grant.objects.select_related("organisation", "processing_activity")
    )


def organisation_holds_basis(*, organisation_id: int, legal_basis_code: str, moment: Any = None) -> bool:
    """Whether `organisation_id` holds an active grant (any role) for a processing activity that
    rests on `legal_basis_code`: e.g. whether a subscriber may receive the personal data of a
    decision shared on that basis."""
    from django.utils import timezone

    return (
        Grant.objects.active(moment or timezone.now())
        .filter(organisation_id=organisation_id, processing_activity__legal_basis__code=legal_basis_code)
        .exists()
    )
