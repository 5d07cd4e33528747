"""Reads of the region and its organisations (public reference data)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from weerbaar.core.policies import policy_for

from .models import Area, AreaKind, Organisation, Region


@dataclass(frozen=True)
class RegionSummary:
    region: Region
    municipality_count: int


def region_summary() -> RegionSummary | None:
    region = Region.objects.order_by("pk").first()
    if region is None:
        return None
    count = Area.objects.filter(region=region, kind=AreaKind.GEMEENTE).count()
    return RegionSummary(region=region, municipality_count=count)


def organisation_list(*, user: Any, kind: str | None = None) -> QuerySet[Organisation]:
    qs = policy_for(Organisation).visible(user, Organisation.objects.select_related("region"))
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def organisation_get(*, user: Any, code: str) -> Organisation | None:
    return organisation_list(user=user).filter(code=code).first()


def area_list(*, user: Any, kind: str | None = None) -> QuerySet[Area]:
    qs = policy_for(Area).visible(user, Area.objects.all())
    if kind:
        qs = qs.filter(kind=kind)
    return qs
