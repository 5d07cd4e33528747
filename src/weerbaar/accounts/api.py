from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema

from weerbaar.core.access import AccessLevel
from weerbaar.core.clearance import clearance_for

router = Router(tags=["account"])


class MeOut(Schema):
    gebruikersnaam: str
    organisatie: str | None
    rollen: list[str]
    toegangsniveaus: list[AccessLevel]
    tweedeFactorGeverifieerd: bool


@router.get("/ik", response=MeOut, summary="Wie ben ik, voor welke organisatie, met welke toegang")
def ik(request: HttpRequest):
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    clearance = clearance_for(user)
    return {
        "gebruikersnaam": user.username,
        "organisatie": user.organisation.code if user.organisation else None,
        "rollen": sorted(user.role_codes),
        "toegangsniveaus": sorted(clearance.levels),
        "tweedeFactorGeverifieerd": bool(getattr(user, "is_verified", lambda: False)()),
    }
