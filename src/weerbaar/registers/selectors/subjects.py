"""For the subject kinds (weerbaar.registers.subjects): freshness, location, the network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.gis.geos import Point
from django.db import connection

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext

from ..lookup import parse_name
from ..models import (
    AdresseerbaarObject,
    Functionaris,
    ImportRun,
    KadastraalObject,
    Onderneming,
    Persoon,
    PersoonAdres,
    Vestiging,
    ZakelijkRecht,
)
from .base import (
    REGISTER_PURPOSES,
    _subject_of,
    _visible,
)

# --- for the subject kinds (weerbaar.registers.subjects): freshness, location, the network ------


def laatste_import(*, ctx: ProcessingContext, register: str = "") -> ImportRun | None:
    """The last successful import (of one register when `register` is its importers' prefix:
    'bag', 'brk', 'kvk', 'personen'), for how fresh what the registers say is. Names nobody."""
    return (
        ImportRun.objects.filter(importer__startswith=register, status=ImportRun.Status.OK)
        .order_by("-gestart")
        .first()
    )


def adressen_binnen(*, ctx: ProcessingContext, punt: Point, straal: float) -> int:
    """The number of BAG addresses within `straal` m of `punt` (RD New); BAG is open data.

    On SpatiaLite the R-tree is asked for the square around the point first (GeoDjango's dwithin
    there scans the table); PostGIS uses its GiST index itself."""
    qs = _visible(AdresseerbaarObject, ctx).filter(geometrie__dwithin=(punt, straal))
    if connection.features.dwithin_uses_spatial_index or not connection.features.spatial_index_is_rtree:
        return qs.count()
    table = AdresseerbaarObject._meta.db_table
    x, y = punt.x, punt.y
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {table} WHERE ROWID IN (SELECT ROWID FROM SpatialIndex "  # noqa: S608
            "WHERE f_table_name = %s AND f_geometry_column = 'geometrie' "
            "AND search_frame = BuildMbr(%s, %s, %s, %s, 28992)) "
            "AND PtDistWithin(geometrie, MakePoint(%s, %s, 28992), %s)",
            [table, x - straal, y - straal, x + straal, y + straal, x, y, straal],
        )
        return int(cursor.fetchone()[0])


def ligging(
    *, ctx: ProcessingContext, adres_sleutel: str = "", kadastrale_aanduiding: str = ""
) -> Point | None:
    """Where an address lies (its BAG object, else the first with its postcode and huisnummer) or
    a kadastraal object (its plaatscoordinaat, else a point on its surface). Open data."""
    if adres_sleutel:
        qs = _visible(AdresseerbaarObject, ctx)
        found = qs.filter(adres_sleutel=adres_sleutel).first() or (
            qs.filter(postcode_huisnummer="|".join(adres_sleutel.split("|")[:2])).first()
        )
        return found.geometrie if found is not None else None
    parcel = _visible(KadastraalObject, ctx).filter(kadastrale_aanduiding=kadastrale_aanduiding).first()
    if parcel is None:
        return None
    return parcel.plaatscoordinaat or (parcel.geometrie.point_on_surface if parcel.geometrie else None)


@dataclass
class Buren:
    """What the registers tie to one address, company, parcel or person, for the network view:
    at most `limit` of each tie. Ties to persons only for a shielded context, one audit entry per
    person shown; a logged-in context without clearance gets a logged refusal."""

    vestigingen: list[Vestiging] = field(default_factory=list)
    #: persons registered at the address (or: the addresses of the person)
    bewoners: list[PersoonAdres] = field(default_factory=list)
    functionarissen: list[Functionaris] = field(default_factory=list)
    rechten: list[ZakelijkRecht] = field(default_factory=list)


def _ties(
    ctx: ProcessingContext,
    *,
    object_type: str,
    object_id: str,
    rows: Callable[[], Iterable[Any]],
    subject: Callable[[Any], str],
) -> list[Any]:
    with audited(ctx, object_type=object_type, purposes=REGISTER_PURPOSES) as record:
        if not ctx.clearance.shielded:
            if ctx.is_authenticated:
                record.refused(object_id=object_id, detail={"via": "netwerk"})
            return []
        found = list(rows())
        for row in found:
            record.disclosed(object_id=object_id, subject_id=subject(row), detail={"via": "netwerk"})
        return found


def adres_buren(*, ctx: ProcessingContext, adres_sleutel: str, limit: int) -> Buren:
    """The companies established and the persons registered at one address key."""
    residents = _visible(PersoonAdres, ctx).filter(adres_sleutel=adres_sleutel).select_related("persoon")
    return Buren(
        vestigingen=list(_visible(Vestiging, ctx).filter(adres_sleutel=adres_sleutel)[:limit]),
        bewoners=_ties(
            ctx,
            object_type="registers.persoon",
            object_id=adres_sleutel,
            rows=lambda: residents[:limit],
            subject=lambda r: r.persoon.bron_id,
        ),
    )


def onderneming_buren(*, ctx: ProcessingContext, kvk_nummer: str, limit: int) -> Buren:
    """The establishments (their addresses) and the functionarissen of one company."""
    onderneming = _visible(Onderneming, ctx).filter(kvk_nummer=kvk_nummer).first()
    if onderneming is None:
        return Buren()
    officers = _visible(Functionaris, ctx).filter(onderneming=onderneming).select_related("persoon")
    return Buren(
        vestigingen=list(_visible(Vestiging, ctx).filter(onderneming=onderneming)[:limit]),
        functionarissen=_ties(
            ctx,
            object_type="registers.functionaris",
            object_id=kvk_nummer,
            rows=lambda: officers[:limit],
            subject=lambda f: f.persoon.bron_id,
        ),
    )


def perceel_buren(*, ctx: ProcessingContext, kadastrale_aanduiding: str, limit: int) -> Buren:
    """The zakelijk gerechtigden (persons or companies) of one kadastraal object."""
    rights = (
        _visible(ZakelijkRecht, ctx)
        .filter(kadastraal_object__kadastrale_aanduiding=kadastrale_aanduiding)
        .select_related("persoon")
    )
    return Buren(
        rechten=_ties(
            ctx,
            object_type="registers.zakelijkrecht",
            object_id=kadastrale_aanduiding,
            rows=lambda: rights[:limit],
            subject=_subject_of,
        )
    )


def persoon_buren(*, ctx: ProcessingContext, bron_id: str, limit: int) -> Buren:
    """The functions, rights and addresses of one register person (by `bron_id`)."""
    with audited(ctx, object_type="registers.persoon", purposes=REGISTER_PURPOSES) as record:
        if not ctx.clearance.shielded:
            if ctx.is_authenticated:
                record.refused(object_id=bron_id, detail={"via": "netwerk"})
            return Buren()
        buren = Buren(
            functionarissen=list(
                _visible(Functionaris, ctx)
                .filter(persoon__bron_id=bron_id)
                .select_related("onderneming")[:limit]
            ),
            rechten=list(
                _visible(ZakelijkRecht, ctx)
                .filter(persoon__bron_id=bron_id)
                .select_related("kadastraal_object")[:limit]
            ),
            bewoners=list(_visible(PersoonAdres, ctx).filter(persoon__bron_id=bron_id)[:limit]),
        )
        for functie in buren.functionarissen:
            record.disclosed(
                object_type="registers.functionaris",
                object_id=functie.onderneming.kvk_nummer,
                subject_id=bron_id,
            )
        for recht in buren.rechten:
            record.disclosed(
                object_type="registers.zakelijkrecht",
                object_id=recht.kadastraal_object.kadastrale_aanduiding,
                subject_id=bron_id,
            )
        for adres in buren.bewoners:
            record.disclosed(object_id=adres.adres_sleutel, subject_id=bron_id, detail={"via": "netwerk"})
        return buren


def personen_met_naam(
    *, ctx: ProcessingContext, naam: str, geboortedatum: dt.date | None = None, limit: int
) -> list[Persoon]:
    """The persons with the surname key of `naam` (and born on `geboortedatum`): who a person named
    elsewhere (in a signal) may be. Shielded: refused and logged otherwise; logged per person shown."""
    query = parse_name(naam)
    with audited(
        ctx, object_type="registers.persoon", action=Action.SEARCH, purposes=REGISTER_PURPOSES
    ) as record:
        if not ctx.clearance.shielded:
            if ctx.is_authenticated:
                record.refused(detail={"zoekvraag": naam})
            return []
        if not query.key:
            return []
        people = _visible(Persoon, ctx).filter(naam_sleutel=query.key)
        if geboortedatum:
            people = people.filter(geboortedatum=geboortedatum)
        found = list(people[:limit])
        record.disclosed_each([p.bron_id for p in found], detail={"zoekvraag": naam})
        return found
