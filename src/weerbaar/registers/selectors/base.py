"""What every register look-up shares: the purposes, the surname vocabulary, purpose binding
and area scope of shielded reads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.gis.geos import GEOSGeometry
from django.db.models import Q, QuerySet

from weerbaar.core.context import ProcessingContext
from weerbaar.core.personal_data import platform_processing
from weerbaar.core.policies import policy_for
from weerbaar.organisations.models import Area

from ..models import (
    RD,
    AdresseerbaarObject,
    Functionaris,
    ImportRun,
    KadastraalObject,
    Nevenadres,
    Onderneming,
    Persoon,
    PersoonAdres,
    Vestiging,
    ZakelijkRecht,
)

NAME_CANDIDATES = 3000
SIMILAR_SURNAMES = 12
#: the processing activities a register look-up serves when no purpose was declared
REGISTER_PURPOSES = ("signaalverrijking", "informatieplein", "gebiedsanalyse", "bibob-toets")
_VOCABULARY: dict[str, Any] = {"stamp": None, "keys": []}


@platform_processing("surname vocabulary of the fuzzy name search")
def surname_vocabulary() -> list[str]:
    """The distinct surname keys, cached per process until the next import changes them. An
    index of the platform's own: it names no person, and nobody sees it."""
    last = (
        ImportRun.objects.filter(status=ImportRun.Status.OK)
        .order_by("-id")
        .values_list("id", "sha256")
        .first()
    )
    stamp = (last, Persoon.objects.order_by("-pk").values_list("pk", flat=True).first())
    if _VOCABULARY["stamp"] != stamp:
        _VOCABULARY["keys"] = list(
            Persoon.objects.order_by().values_list("naam_sleutel", flat=True).distinct()
        )
        _VOCABULARY["stamp"] = stamp
    return _VOCABULARY["keys"]


def _visible(model: type[Any], ctx: ProcessingContext) -> QuerySet[Any]:
    return policy_for(model).visible(ctx)


# --- purpose binding and area scope of shielded reads (BIO, AVG art. 5: doelbinding) ----------------
NO_PURPOSE = "geen doel vastgelegd: verklaar eerst het doel (doelbinding)"
OUT_OF_AREA = "buiten het gebied van uw organisatie"


def shielded_refusal(ctx: ProcessingContext) -> str:
    """Why this context may not read shielded register data ('' when it may): it needs
    clearance and a declared purpose bound to a grant."""
    if not ctx.clearance.shielded:
        return ctx.clearance.reason
    if not ctx.purpose:
        return NO_PURPOSE
    return ""


def gemeente_of(bag_identificatie: str) -> str:
    """The CBS code of the municipality a BAG object belongs to (its identificatie starts with
    the gemeentecode): '0193010000000001' -> 'GM0193'."""
    return f"GM{bag_identificatie[:4]}"


def _keys_in_area(ctx: ProcessingContext, keys: Sequence[str]) -> list[str]:
    """The address keys (hoofd- and nevenadressen) that lie in the context's area."""
    if ctx.area_scope is None:
        return list(keys)
    found = dict(
        AdresseerbaarObject.objects.filter(adres_sleutel__in=keys).values_list(
            "adres_sleutel", "identificatie"
        )
    )
    found.update(
        Nevenadres.objects.filter(adres_sleutel__in=keys).values_list(
            "adres_sleutel", "adresseerbaar_object_identificatie"
        )
    )
    return [k for k in keys if k in found and ctx.in_area(gemeente_of(found[k]))]


def _area_geometry(ctx: ProcessingContext) -> Any:
    """The union of the municipalities of the context's area (None: the whole region)."""
    if ctx.area_scope is None:
        return None
    shapes = list(Area.objects.filter(code__in=ctx.area_scope).values_list("geometry", flat=True))
    if not shapes:
        return GEOSGeometry("MULTIPOLYGON EMPTY", srid=RD)
    union = shapes[0]
    for shape in shapes[1:]:
        union = union.union(shape)
    return union


def _parcels_in_area(ctx: ProcessingContext, aanduidingen: Sequence[str]) -> set[str]:
    if ctx.area_scope is None:
        return set(aanduidingen)
    area = _area_geometry(ctx)
    return set(
        KadastraalObject.objects.filter(kadastrale_aanduiding__in=aanduidingen)
        .filter(Q(geometrie__intersects=area) | Q(plaatscoordinaat__intersects=area))
        .values_list("kadastrale_aanduiding", flat=True)
    )


def _area_address_keys(ctx: ProcessingContext) -> QuerySet[Any]:
    """The address keys of the BAG objects in the context's area (a subquery)."""
    prefixes = Q()
    for code in ctx.area_scope or ():
        prefixes |= Q(identificatie__startswith=code.removeprefix("GM"))
    return AdresseerbaarObject.objects.filter(prefixes).values("adres_sleutel")


def _persons_in_area(ctx: ProcessingContext, persoon_ids: Sequence[int]) -> set[int]:
    """Persons tied to the context's area: registered at an address in it, holding a right on
    a parcel in it, or an officer of a company established in it."""
    if ctx.area_scope is None:
        return set(persoon_ids)
    ids = list(persoon_ids)
    keys = _area_address_keys(ctx)
    area = _area_geometry(ctx)
    found = set(
        PersoonAdres.objects.filter(persoon_id__in=ids, adres_sleutel__in=keys).values_list(
            "persoon_id", flat=True
        )
    )
    rest = [i for i in ids if i not in found]
    if rest:
        found |= set(
            ZakelijkRecht.objects.filter(persoon_id__in=rest)
            .filter(
                Q(kadastraal_object__geometrie__intersects=area)
                | Q(kadastraal_object__plaatscoordinaat__intersects=area)
            )
            .values_list("persoon_id", flat=True)
        )
    rest = [i for i in rest if i not in found]
    if rest:
        found |= set(
            Functionaris.objects.filter(
                persoon_id__in=rest, onderneming__vestigingen__adres_sleutel__in=keys
            ).values_list("persoon_id", flat=True)
        )
    return found


def _company_in_area(ctx: ProcessingContext, onderneming: Onderneming) -> bool:
    if ctx.area_scope is None:
        return True
    keys = list(Vestiging.objects.filter(onderneming=onderneming).values_list("adres_sleutel", flat=True))
    return bool(_keys_in_area(ctx, keys))


def _subject_of(recht: ZakelijkRecht) -> str:
    return recht.persoon.bron_id if recht.persoon else recht.kvk_nummer
