from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema

from weerbaar.core.access import PARTNER_ROLES
from weerbaar.core.clearance import roles_of

from .selectors import processing_activity_list

router = Router(tags=["verwerkingsregister"])


class ActivityOut(Schema):
    code: str
    naam: str
    doel: str
    grondslag: str
    bewaartermijn: str


@router.get("/verwerkingsactiviteiten", response=list[ActivityOut], summary="Het verwerkingsregister")
def verwerkingsactiviteiten(request: HttpRequest):
    if not roles_of(request.user) & PARTNER_ROLES:
        raise PermissionDenied
    return [
        {
            "code": a.code,
            "naam": a.name,
            "doel": a.purpose,
            "grondslag": a.legal_basis.code,
            "bewaartermijn": a.retention,
        }
        for a in processing_activity_list(user=request.user)
    ]
