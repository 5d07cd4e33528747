"""What lies in an area: the viewer's selection, counts for the holiday parks, farm locations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.gis.geos import GEOSGeometry, Point
from django.db.models import QuerySet

from weerbaar.audit.recording import audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.spatial import bbox_filter

from ..models import (
    AdresseerbaarObject,
    KadastraalObject,
    PersoonAdres,
    Vestiging,
    ZakelijkRecht,
)
from .base import (
    REGISTER_PURPOSES,
    _keys_in_area,
    _visible,
    gemeente_of,
    shielded_refusal,
)

# --- for the viewer: what lies in an area ------------------------------------------------------
# (the shielded viewer's area selection and its CSV export; the geo app checks the purpose and
# writes the selection's audit entry around these reads)

#: the columns of each kind of row an area look-up returns
GEBIED_ADRES = (
    "identificatie",
    "openbare_ruimte_naam",
    "huisnummer",
    "huisletter",
    "toevoeging",
    "postcode",
    "woonplaats_naam",
    "gebruiksdoel",
)
GEBIED_PERCEEL = ("identificatie", "kadastrale_aanduiding", "kadastrale_gemeente_naam", "grootte")
GEBIED_VESTIGING = (
    "vestigingsnummer",
    "kvk_nummer",
    "eerste_handelsnaam",
    "postcode",
    "huisnummer",
    "plaats",
)


@dataclass
class GebiedInhoud:
    """The addresses, parcels and company branches inside an area, as rows of plain values."""

    adressen: list[dict[str, Any]]
    percelen: list[dict[str, Any]]
    vestigingen: list[dict[str, Any]]
    #: one of the lists had more than `limit` rows and was cut off there
    afgekapt: bool


def _in_gebied(model: type[Any], ctx: ProcessingContext, gebied: GEOSGeometry) -> QuerySet[Any]:
    """The rows of `model` the context may see whose geometry meets `gebied` (RD New), selected
    through the spatial index first."""
    qs = bbox_filter(_visible(model, ctx), "geometrie", gebied.extent)
    return qs.filter(geometrie__intersects=gebied)


def gebied_inhoud(*, ctx: ProcessingContext, gebied: GEOSGeometry, limit: int) -> GebiedInhoud:
    """What lies in `gebied` (a polygon in RD New): addresses (BAG), parcels (BRK) and company
    branches (KvK, intern), each list sorted and at most `limit` rows. No personal data: the
    caller's audit entry names the area and the counts."""

    def first(qs: QuerySet[Any], order: Sequence[str], columns: Sequence[str]) -> list[dict[str, Any]]:
        return list(qs.order_by(*order).values(*columns)[: limit + 1])

    adressen = first(
        _in_gebied(AdresseerbaarObject, ctx, gebied),
        ("postcode", "huisnummer", "huisletter", "toevoeging"),
        GEBIED_ADRES,
    )
    percelen = first(
        _in_gebied(KadastraalObject, ctx, gebied).filter(soort=KadastraalObject.Soort.PERCEEL),
        ("kadastrale_aanduiding",),
        GEBIED_PERCEEL,
    )
    vestigingen = first(_in_gebied(Vestiging, ctx, gebied), ("kvk_nummer",), GEBIED_VESTIGING)
    afgekapt = any(len(rows) > limit for rows in (adressen, percelen, vestigingen))
    return GebiedInhoud(adressen[:limit], percelen[:limit], vestigingen[:limit], afgekapt)


# --- for the holiday-park register: counts and structure, no names ----------------------------


@dataclass(frozen=True)
class EigendomTelling:
    """Who holds rights on a set of parcels, counted: distinct holders, of which natural persons
    and legal persons, and the parcels with at least one holder."""

    rechthebbenden: int
    natuurlijke_personen: int
    rechtspersonen: int
    percelen_met_recht: int


def eigendom_telling(*, ctx: ProcessingContext, aanduidingen: Iterable[str]) -> EigendomTelling:
    """The ownership structure of these kadastrale objecten as counts, for analysts without
    shielded clearance as well: no name leaves this function; the question and the count are logged."""
    wanted = list(dict.fromkeys(aanduidingen))
    with audited(ctx, object_type="registers.zakelijkrecht", purposes=REGISTER_PURPOSES) as record:
        rights = list(
            ZakelijkRecht.objects.filter(kadastraal_object__kadastrale_aanduiding__in=wanted).values_list(
                "kadastraal_object_id", "persoon_id", "kvk_nummer", "rechtspersoon_naam"
            )
        )
        personen = {p for _, p, _, _ in rights if p is not None}
        rechtspersonen = {kvk or naam for _, p, kvk, naam in rights if p is None}
        telling = EigendomTelling(
            rechthebbenden=len(personen) + len(rechtspersonen),
            natuurlijke_personen=len(personen),
            rechtspersonen=len(rechtspersonen),
            percelen_met_recht=len({o for o, _, _, _ in rights}),
        )
        record.answered(
            question={"rechthebbenden van": wanted[:50], "percelen": len(wanted)},
            answer=telling.rechthebbenden,
        )
        return telling


def bewoners_aantal(*, ctx: ProcessingContext, adres_sleutels: Sequence[str]) -> int:
    """How many persons are registered at these addresses (a count, no names); logged with the answer."""
    keys = list(adres_sleutels)
    with audited(ctx, object_type="registers.persoon", purposes=REGISTER_PURPOSES) as record:
        aantal = PersoonAdres.objects.filter(adres_sleutel__in=keys).values("persoon_id").distinct().count()
        record.answered(question={"bewoners op adressen": keys[:50], "adressen": len(keys)}, answer=aantal)
        return aantal


# --- for the rural area: agricultural establishments (vacant farm buildings, issue 14) ---------


@dataclass(frozen=True)
class AgrarischeVestiging:
    """A KvK establishment of an agricultural company (SBI 01*), where it is and whether it ended.
    `bewoners_aanwezig` is None when the context may not ask about residents."""

    vestigingsnummer: str
    adres_sleutel: str
    adres: str
    punt: Point | None
    gemeente_code: str
    sbi_code: str
    sbi_omschrijving: str
    #: the establishment's end date, else the company's (None: active)
    datum_einde: dt.date | None
    gebruiksdoel: str
    bewoners_aanwezig: bool | None


def agrarische_vestigingen(*, ctx: ProcessingContext, limit: int = 20000) -> list[AgrarischeVestiging]:
    """Establishments of companies with an agricultural SBI code (01*), ended or active, with
    their point and BAG use (from the address, when the establishment has no point) and whether
    anyone is registered there. The residence answer is shielded: it is given to the platform
    and to a cleared context with a declared purpose (within its area), and logged as one count
    answer; otherwise it is None and the refusal is logged."""
    rows = list(
        _visible(Vestiging, ctx)
        .filter(onderneming__sbi_code__startswith="01")
        .select_related("onderneming")
        .order_by("vestigingsnummer")[:limit]
    )
    keys = sorted({v.adres_sleutel for v in rows if v.adres_sleutel})
    bag = {
        a.adres_sleutel: a
        for a in _visible(AdresseerbaarObject, ctx)
        .filter(adres_sleutel__in=keys)
        .only("adres_sleutel", "identificatie", "geometrie", "gebruiksdoel")
    }
    bewoond: set[str] | None = None
    if keys:
        with audited(ctx, object_type="registers.persoon", purposes=REGISTER_PURPOSES) as record:
            refusal = "" if ctx.system else shielded_refusal(ctx)
            if refusal:
                if ctx.is_authenticated:
                    record.refused(
                        reason=refusal, detail={"via": "agrarische vestigingen", "adressen": len(keys)}
                    )
            else:
                allowed = keys if ctx.system else _keys_in_area(ctx, keys)
                bewoond = set(
                    PersoonAdres.objects.filter(adres_sleutel__in=allowed)
                    .values_list("adres_sleutel", flat=True)
                    .distinct()
                )
                record.answered(
                    question={"bewoners op agrarische adressen": len(allowed)}, answer=len(bewoond)
                )
                keys = allowed
    asked = set(keys)
    found = []
    for v in rows:
        address = bag.get(v.adres_sleutel)
        identificatie = v.adresseerbaar_object_identificatie or (address.identificatie if address else "")
        number = f"{v.huisnummer or ''}{v.huisletter}{'-' + v.toevoeging if v.toevoeging else ''}"
        found.append(
            AgrarischeVestiging(
                vestigingsnummer=v.vestigingsnummer,
                adres_sleutel=v.adres_sleutel,
                adres=f"{v.straat} {number}, {v.plaats}".strip(", "),
                punt=v.geometrie or (address.geometrie if address else None),
                gemeente_code=gemeente_of(identificatie) if identificatie else "",
                sbi_code=v.onderneming.sbi_code,
                sbi_omschrijving=v.onderneming.sbi_omschrijving,
                datum_einde=v.datum_einde or v.onderneming.datum_einde,
                gebruiksdoel=address.gebruiksdoel if address else "",
                bewoners_aanwezig=(
                    v.adres_sleutel in bewoond if bewoond is not None and v.adres_sleutel in asked else None
                ),
            )
        )
    return found
