"""Look-ups in the registers: the one way other apps read them.

Each takes the processing context, returns only what that context may see, and writes the audit
log for every part that is personal data (through `weerbaar.audit.recording.audited`): what it
shows, what it refuses, and the hit / no-hit answers it gives to contexts that may not see the
data itself. Other apps never query the registers' personal-data tables themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.gis.geos import GEOSGeometry, Point
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from rapidfuzz import fuzz, process

from weerbaar.audit.recording import Action, audited
from weerbaar.core.access import Role
from weerbaar.core.context import ProcessingContext
from weerbaar.core.personal_data import platform_processing
from weerbaar.core.policies import policy_for
from weerbaar.core.spatial import bbox_filter
from weerbaar.organisations.models import Area

from . import identifiers
from .lookup import AddressQuery, NameScore, NameScorer, parse_address, parse_name
from .models import (
    RD,
    AdresseerbaarObject,
    Functionaris,
    ImportRun,
    KadastraalObject,
    Mutatie,
    Nevenadres,
    Onderneming,
    OpenbareRuimte,
    Persoon,
    PersoonAdres,
    Vestiging,
    Woonplaats,
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


@dataclass
class AdresResultaat:
    adressen: list[AdresseerbaarObject]
    exact: bool
    vestigingen: list[Vestiging] = field(default_factory=list)
    #: None when the context may not see persons at all (not the same as "nobody lives here")
    bewoners: list[PersoonAdres] | None = None
    #: object identificatie -> its nevenadressen
    nevenadressen: dict[str, list[Nevenadres]] = field(default_factory=dict)
    #: object identificatie -> the nevenadres the query found it by (absent: by its hoofdadres)
    gevonden_via: dict[str, Nevenadres] = field(default_factory=dict)

    def sleutels(self) -> list[str]:
        """The address keys of every object found: hoofdadressen and nevenadressen."""
        return [a.adres_sleutel for a in self.adressen] + [
            n.adres_sleutel for found in self.nevenadressen.values() for n in found
        ]


def adres_zoeken(
    *, ctx: ProcessingContext, query: str | AddressQuery, met_personen: bool = True
) -> AdresResultaat:
    """By postcode + huisnummer (+ letter/toevoeging), tolerant of spacing and case.

    An exact key hit returns that one address; otherwise every address with that postcode and
    huisnummer (e.g. when the toevoeging was left out), marked exact=False. A nevenadres counts
    as an address of its object: the object is returned with `gevonden_via` naming the
    nevenadres, and every object returned comes with its nevenadressen. Residents come only for
    a shielded context; a logged-in context without clearance gets a logged refusal.
    `met_personen=False` (e.g. only to label an address) reads no establishments or residents.
    """
    parsed = parse_address(query) if isinstance(query, str) else query
    if parsed is None:
        return AdresResultaat([], False)
    qs = _visible(AdresseerbaarObject, ctx)
    neven_qs = _visible(Nevenadres, ctx)
    adressen: list[AdresseerbaarObject] = []
    via: list[Nevenadres] = []
    for key in parsed.candidate_keys():
        adressen = list(qs.filter(adres_sleutel=key))
        via = [] if adressen else list(neven_qs.filter(adres_sleutel=key))
        if adressen or via:
            break
    exact = bool(adressen or via)
    if not exact:
        adressen = list(
            qs.filter(postcode_huisnummer=parsed.postcode_huisnummer).order_by("huisletter", "toevoeging")
        )
        via = list(
            neven_qs.filter(postcode_huisnummer=parsed.postcode_huisnummer).order_by(
                "huisletter", "toevoeging"
            )
        )
    gevonden_via = {n.adresseerbaar_object_identificatie: n for n in via}
    found = {a.identificatie for a in adressen}
    adressen += qs.filter(identificatie__in=[i for i in gevonden_via if i not in found]).order_by(
        "identificatie"
    )
    nevenadressen: dict[str, list[Nevenadres]] = {}
    for neven in neven_qs.filter(
        adresseerbaar_object_identificatie__in=[a.identificatie for a in adressen]
    ).order_by("postcode", "huisnummer", "huisletter", "toevoeging"):
        nevenadressen.setdefault(neven.adresseerbaar_object_identificatie, []).append(neven)
    result = AdresResultaat(adressen, exact, nevenadressen=nevenadressen, gevonden_via=gevonden_via)
    if not met_personen:
        return result
    keys = result.sleutels()  # companies and residents at any address of the objects found
    result.vestigingen = list(
        _visible(Vestiging, ctx).filter(adres_sleutel__in=keys).select_related("onderneming")
    )
    if keys:
        result.bewoners = bewoners(ctx=ctx, adres_sleutels=keys)
    return result


def bewoners(*, ctx: ProcessingContext, adres_sleutels: Sequence[str]) -> list[PersoonAdres] | None:
    """The persons registered at these addresses, for a shielded context (one audit entry per
    person); None otherwise, with the refusal logged for a logged-in context (anonymous reads
    are open-data look-ups and are not logged)."""
    keys = list(adres_sleutels)
    with audited(ctx, object_type="registers.persoon") as record:
        if refusal := shielded_refusal(ctx):
            if ctx.is_authenticated:
                record.refused(reason=refusal, detail={"via": "adres", "adres": keys})
            return None
        allowed = _keys_in_area(ctx, keys)
        if len(allowed) < len(keys):
            record.refused(
                reason=OUT_OF_AREA, detail={"via": "adres", "adres": sorted(set(keys) - set(allowed))}
            )
            if not allowed:
                return None
        found = list(_visible(PersoonAdres, ctx).filter(adres_sleutel__in=allowed).select_related("persoon"))
        for resident in found:
            bron_id = resident.persoon.bron_id
            record.disclosed(object_id=bron_id, subject_id=bron_id, detail={"via": "adres", "adres": keys})
        return found


def bewoners_aanwezig(*, ctx: ProcessingContext, adres_sleutels: Sequence[str]) -> bool:
    """Hit / no hit: is anyone registered at these addresses? Asked for contexts that may not
    see the persons; the question and the answer are logged."""
    keys = list(adres_sleutels)
    with audited(ctx, object_type="registers.persoon", purposes=REGISTER_PURPOSES) as record:
        hit = PersoonAdres.objects.filter(adres_sleutel__in=keys).exists()
        record.answered(question={"bewoners op adres": keys}, answer=hit)
        return hit


@dataclass
class PerceelResultaat:
    object: KadastraalObject | None
    appartementsrechten: list[KadastraalObject] = field(default_factory=list)
    #: zakelijk gerechtigden with NAW; None when the context may not see them
    rechten: list[ZakelijkRecht] | None = None


def perceel_zoeken(*, ctx: ProcessingContext, aanduiding: str) -> PerceelResultaat:
    """By kadastrale aanduiding ('ZWL00 K 1234', 'zwl00-k-1234', 'ZWL00 K 1234 A3')."""
    normalised = identifiers.normalise_kadastrale_aanduiding(aanduiding)
    obj = _visible(KadastraalObject, ctx).filter(kadastrale_aanduiding=normalised).first()
    if obj is None:
        return PerceelResultaat(None)
    result = PerceelResultaat(obj)
    if obj.soort == KadastraalObject.Soort.PERCEEL:
        result.appartementsrechten = list(
            _visible(KadastraalObject, ctx).filter(grondperceel_identificatie=obj.identificatie)
        )
    # None when refused (no clearance, no declared purpose, outside the area), [] when nobody
    result.rechten = eigenaren(ctx=ctx, aanduidingen=[obj.kadastrale_aanduiding]).get(
        obj.kadastrale_aanduiding
    )
    return result


def eigenaren(*, ctx: ProcessingContext, aanduidingen: Iterable[str]) -> dict[str, list[ZakelijkRecht]]:
    """The zakelijk gerechtigden (with NAW) of these kadastrale objecten, by aanduiding, for a
    shielded context: one audit entry per right shown. Without clearance: empty, and a refusal
    logged per object for a logged-in context."""
    wanted = list(dict.fromkeys(aanduidingen))
    with audited(ctx, object_type="registers.zakelijkrecht") as record:
        if refusal := shielded_refusal(ctx):
            if ctx.is_authenticated:
                for aanduiding in wanted:
                    record.refused(reason=refusal, object_id=aanduiding)
            return {}
        in_area = _parcels_in_area(ctx, wanted)
        for aanduiding in wanted:
            if aanduiding not in in_area:
                record.refused(reason=OUT_OF_AREA, object_id=aanduiding)
        wanted = [a for a in wanted if a in in_area]
        result: dict[str, list[ZakelijkRecht]] = {a: [] for a in wanted}
        rights = (
            _visible(ZakelijkRecht, ctx)
            .filter(kadastraal_object__kadastrale_aanduiding__in=wanted)
            .select_related("persoon", "kadastraal_object")
            .order_by("kadastraal_object_id", "id")
        )
        for recht in rights:
            aanduiding = recht.kadastraal_object.kadastrale_aanduiding
            result[aanduiding].append(recht)
            record.disclosed(object_id=aanduiding, subject_id=_subject_of(recht))
        return result


def eigenaren_aanwezig(*, ctx: ProcessingContext, kadastraal_object: KadastraalObject) -> bool:
    """Hit / no hit: does the BRK record rights holders for this object? Logged with the answer."""
    with audited(ctx, object_type="registers.zakelijkrecht", purposes=REGISTER_PURPOSES) as record:
        hit = ZakelijkRecht.objects.filter(kadastraal_object=kadastraal_object).exists()
        record.answered(
            question={"eigenaren van": kadastraal_object.kadastrale_aanduiding},
            answer=hit,
            object_id=kadastraal_object.kadastrale_aanduiding,
        )
        return hit


@dataclass
class OndernemingResultaat:
    onderneming: Onderneming | None
    vestigingen: list[Vestiging] = field(default_factory=list)
    functionarissen: list[Functionaris] | None = None


def onderneming_zoeken(
    *, ctx: ProcessingContext, kvk_nummer: str, met_personen: bool = True
) -> OndernemingResultaat:
    """By KvK-nummer (8 digits; spaces ignored). KvK data is intern, functionarissen shielded;
    `met_personen=False` (e.g. only to name a company) reads no functionarissen."""
    kvk = "".join((kvk_nummer or "").split())
    if not identifiers.is_kvk_nummer(kvk):
        return OndernemingResultaat(None)
    onderneming = _visible(Onderneming, ctx).filter(kvk_nummer=kvk).first()
    if onderneming is None:
        return OndernemingResultaat(None)
    result = OndernemingResultaat(onderneming, list(_visible(Vestiging, ctx).filter(onderneming=onderneming)))
    if not ctx.clearance.shielded or not met_personen:
        return result
    with audited(ctx, object_type="registers.functionaris") as record:
        if refusal := shielded_refusal(ctx) or ("" if _company_in_area(ctx, onderneming) else OUT_OF_AREA):
            record.refused(reason=refusal, object_id=kvk)
        else:
            result.functionarissen = list(
                _visible(Functionaris, ctx).filter(onderneming=onderneming).select_related("persoon")
            )
            record.disclosed_each([f.persoon.bron_id for f in result.functionarissen], object_id=kvk)
    return result


def functionarissen_aanwezig(*, ctx: ProcessingContext, onderneming: Onderneming) -> bool:
    """Hit / no hit: does the Handelsregister name officers for this company? Logged with the answer."""
    with audited(ctx, object_type="registers.functionaris", purposes=REGISTER_PURPOSES) as record:
        hit = Functionaris.objects.filter(onderneming=onderneming).exists()
        record.answered(
            question={"functionarissen van": onderneming.kvk_nummer},
            answer=hit,
            object_id=onderneming.kvk_nummer,
        )
        return hit


def _candidate_querysets(qs, query, similar: list[str]):
    """Candidate rows, most likely first: the exact surname key before similar ones, and a
    matching start of the first name before a matching initial. Each is an index range scan."""
    prefixes: list[str] = []
    first = query.folded_voornamen[0] if query.voornamen else ""
    if first and not query.only_initials:
        prefixes.append(first[:3])
    if first:
        prefixes.append(first[:1])
    for key in similar:
        for prefix in prefixes or [""]:
            if not prefix:
                yield qs.filter(naam_sleutel=key)
                continue
            # a prefix as a key range: an index range scan on (naam_sleutel, voornaam_sleutel)
            upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
            yield qs.filter(naam_sleutel=key, voornaam_sleutel__gte=prefix, voornaam_sleutel__lt=upper)


@dataclass
class PersoonTreffer:
    persoon: Persoon
    score: NameScore


def persoon_zoeken(
    *,
    ctx: ProcessingContext,
    naam: str,
    geboortedatum: dt.date | None = None,
    limit: int = 20,
    minimum: float = 70.0,
) -> list[PersoonTreffer]:
    """Fuzzy by name with Dutch rules: 'van der Berg' ~ 'Berg, van der', diacritics, initials.

    Shielded: without clearance the result is empty and the refusal is logged.
    """
    with audited(ctx, object_type="registers.persoon", action=Action.SEARCH) as record:
        if refusal := shielded_refusal(ctx):
            record.refused(reason=refusal, detail={"zoekvraag": naam})
            return []
        query = parse_name(naam)
        if not query.key:
            return []
        hits = _ranked_persons(ctx, naam, query, geboortedatum, limit, minimum)
        record.disclosed(
            subject_id=hits[0].persoon.bron_id if len(hits) == 1 else "",
            detail={"zoekvraag": naam, "resultaten": [h.persoon.bron_id for h in hits]},
        )
        return hits


def _ranked_persons(
    ctx: ProcessingContext,
    naam: str,
    query: Any,
    geboortedatum: dt.date | None,
    limit: int,
    minimum: float,
) -> list[PersoonTreffer]:
    qs = _visible(Persoon, ctx)
    if geboortedatum:
        qs = qs.filter(geboortedatum=geboortedatum)
    similar = [query.key] + [
        key
        for key, _score, _i in process.extract(
            query.key, surname_vocabulary(), scorer=fuzz.ratio, limit=SIMILAR_SURNAMES, score_cutoff=60
        )
        if key != query.key
    ]
    fields = ("pk", "voornamen", "naam_sleutel", "voorvoegsel", "geslachtsnaam")
    candidates: list[tuple[int, str, str, str, str]] = []
    seen: set[int] = set()
    for part in _candidate_querysets(qs, query, similar):
        for candidate in part.values_list(*fields)[: NAME_CANDIDATES - len(candidates)]:
            if candidate[0] not in seen:
                seen.add(candidate[0])
                candidates.append(candidate)
        if len(candidates) >= NAME_CANDIDATES:
            break
    scorer = NameScorer(query)
    wanted = (query.voorvoegsel, query.geslachtsnaam.lower())
    scored = [
        # ties are broken by the literal voorvoegsel and spelling (diacritics) the user typed
        (
            scorer(voornamen or "", sleutel),
            -((voorvoegsel or "").lower() == wanted[0]) - (geslachtsnaam.lower() == wanted[1]),
            pk,
        )
        for pk, voornamen, sleutel, voorvoegsel, geslachtsnaam in candidates
    ]
    ranked = sorted((s for s in scored if s[0].score >= minimum), key=lambda s: (-s[0].score, s[1], s[2]))
    if ctx.area_scope is not None:  # only persons registered in the context's area
        in_area = _persons_in_area(ctx, [pk for _s, _t, pk in ranked])
        ranked = [r for r in ranked if r[2] in in_area]
    best = [(score, pk) for score, _tie, pk in ranked[:limit]]
    people = Persoon.objects.in_bulk([pk for _s, pk in best])
    return [PersoonTreffer(people[pk], score) for score, pk in best]


def persoon_aanwezig(*, ctx: ProcessingContext, naam: str, geboortedatum: dt.date | None = None) -> bool:
    """Hit / no hit: is there a person with this surname (and date of birth) in the registers?
    For contexts that may not see persons; the question and the answer are logged."""
    query = parse_name(naam)
    with audited(ctx, object_type="registers.persoon", purposes=REGISTER_PURPOSES) as record:
        qs = Persoon.objects.filter(naam_sleutel=query.key)
        if geboortedatum:
            qs = qs.filter(geboortedatum=geboortedatum)
        hit = bool(query.key) and qs.exists()
        record.answered(
            question={"naam": naam, "geboortedatum": geboortedatum.isoformat() if geboortedatum else ""},
            answer=hit,
        )
        return hit


@dataclass
class PersoonVerbanden:
    """What the registers tie to one person: the companies they serve and the objects they hold."""

    functies: list[Functionaris]
    rechten: list[ZakelijkRecht]


def persoon_verbanden(*, ctx: ProcessingContext, persoon: Persoon, limit: int = 5) -> PersoonVerbanden:
    """The functions at companies and the rights on kadastrale objecten of a person the context
    found; shielded, logged per entry shown."""
    with audited(ctx, object_type="registers.persoon") as record:
        refusal = shielded_refusal(ctx) or ("" if _persons_in_area(ctx, [persoon.pk]) else OUT_OF_AREA)
        if refusal:
            record.refused(reason=refusal, object_id=persoon.bron_id)
            return PersoonVerbanden([], [])
        functies = list(
            _visible(Functionaris, ctx).filter(persoon=persoon).select_related("onderneming")[:limit]
        )
        rechten = list(
            _visible(ZakelijkRecht, ctx).filter(persoon=persoon).select_related("kadastraal_object")[:limit]
        )
        for functie in functies:
            record.disclosed(
                object_type="registers.functionaris",
                object_id=functie.onderneming.kvk_nummer,
                subject_id=persoon.bron_id,
            )
        for recht in rechten:
            record.disclosed(
                object_type="registers.zakelijkrecht",
                object_id=recht.kadastraal_object.kadastrale_aanduiding,
                subject_id=persoon.bron_id,
            )
        return PersoonVerbanden(functies, rechten)


@dataclass
class OpenbareRuimtePagina:
    totaal: int
    openbare_ruimten: list[OpenbareRuimte]


def openbare_ruimte_zoeken(
    *, ctx: ProcessingContext, naam: str = "", woonplaats: str = "", offset: int = 0, limit: int = 20
) -> OpenbareRuimtePagina:
    """Streets (and other openbare ruimten) by name and woonplaats, one page of them.

    Tolerant of case, diacritics, spacing and punctuation ('de ruyter laan' finds 'De
    Ruyterlaan'); a part of the name is enough, an exact name ranks before a beginning and a
    beginning before the rest. `woonplaats` is a name or a 4-digit woonplaatscode. BAG is open
    data: no audit entry.
    """
    qs = _visible(OpenbareRuimte, ctx).select_related("woonplaats")
    key = identifiers.name_search_key(naam)
    if key:
        qs = qs.filter(naam_sleutel__contains=key)
    plaats = (woonplaats or "").strip()
    if plaats.isdigit():
        qs = qs.filter(woonplaats__identificatie=plaats)
    elif plaats:
        qs = qs.filter(woonplaats_sleutel=identifiers.name_search_key(plaats))
    if key:
        rank = Case(
            When(naam_sleutel=key, then=Value(0)),
            When(naam_sleutel__startswith=key, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        qs = qs.annotate(_rang=rank).order_by("_rang", "naam_sleutel", "woonplaats_sleutel", "identificatie")
    else:
        qs = qs.order_by("naam_sleutel", "woonplaats_sleutel", "identificatie")
    return OpenbareRuimtePagina(qs.count(), list(qs[offset : offset + limit]))


@dataclass
class OpenbareRuimteResultaat:
    openbare_ruimte: OpenbareRuimte | None
    #: what re-imports changed (names, woonplaats), oldest first
    historie: list[Mutatie] = field(default_factory=list)


def openbare_ruimte_ophalen(*, ctx: ProcessingContext, identificatie: str) -> OpenbareRuimteResultaat:
    """One openbare ruimte by its 16-digit identificatie, with its history; None when not visible."""
    ident = "".join((identificatie or "").split())
    found = _visible(OpenbareRuimte, ctx).select_related("woonplaats").filter(identificatie=ident).first()
    if found is None:
        return OpenbareRuimteResultaat(None)
    history = _visible(Mutatie, ctx).filter(register=OpenbareRuimte._meta.label_lower, identificatie=ident)
    return OpenbareRuimteResultaat(found, list(history.order_by("id")))


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


# --- the look-up page, the viewer's search and the intake's autocomplete ---------------------

_NUMBER_RE = re.compile(r"^(?P<nr>\d{1,5})(?:\s*-?\s*(?P<letter>[A-Za-z]))?$")


@dataclass(frozen=True)
class StraatVraag:
    """'Rietweg 12 Almelo', 'Rietweg Almelo', 'Rietweg 12, Almelo': street, number, place."""

    straat: str
    huisnummer: int | None = None
    huisletter: str = ""
    plaats: str = ""


def straat_vragen(text: str) -> list[StraatVraag]:
    """The readings of a typed address without postcode, most likely first. A number splits
    street and place; without one every split of the words into street + place is a reading
    (the place read from the end), and the whole text as a street in any place comes last."""
    words = [w for w in re.split(r"[\s,]+", text or "") if w]
    for i, word in enumerate(words):
        match = _NUMBER_RE.match(word)
        if match and i > 0:
            letter = match["letter"] or ""
            rest = words[i + 1 :]
            if not letter and rest and len(rest[0]) == 1 and rest[0].isalpha():
                letter, rest = rest[0], rest[1:]
            return [StraatVraag(" ".join(words[:i]), int(match["nr"]), letter.upper(), " ".join(rest))]
    readings = [
        StraatVraag(" ".join(words[:i]), plaats=" ".join(words[i:])) for i in range(len(words) - 1, 0, -1)
    ]
    return readings + ([StraatVraag(" ".join(words))] if words else [])


def adressen_op_straat(
    *, ctx: ProcessingContext, vraag: StraatVraag | str, limit: int = 20
) -> list[AdresseerbaarObject]:
    """Addresses by street name (a beginning is enough), number and place (a woonplaats name).

    A typed text is tried reading by reading (`straat_vragen`); the first that finds addresses
    answers. BAG is open data: no audit entry (residents come only through `bewoners`)."""
    vragen = straat_vragen(vraag) if isinstance(vraag, str) else [vraag]
    for v in vragen:
        key = identifiers.name_search_key(v.straat)
        if len(key) < 3:
            continue
        streets = _visible(OpenbareRuimte, ctx).filter(naam_sleutel__startswith=key)
        if v.plaats:
            streets = streets.filter(woonplaats_sleutel=identifiers.name_search_key(v.plaats))
        ids = list(streets.values_list("identificatie", flat=True)[:50])
        if not ids:
            continue
        qs = _visible(AdresseerbaarObject, ctx).filter(openbare_ruimte_identificatie__in=ids)
        if v.huisnummer is not None:
            qs = qs.filter(huisnummer=v.huisnummer)
        if v.huisletter:
            qs = qs.filter(huisletter__iexact=v.huisletter)
        found = list(
            qs.order_by("openbare_ruimte_naam", "woonplaats_naam", "huisnummer", "huisletter", "toevoeging")[
                :limit
            ]
        )
        if found:
            return found
    return []


def woonplaatsen_zoeken(*, ctx: ProcessingContext, naam: str, limit: int = 10) -> list[Woonplaats]:
    """Woonplaatsen whose name begins with `naam` (case and diacritics folded). Open data."""
    text = (naam or "").strip()
    if len(text) < 2:
        return []
    return list(_visible(Woonplaats, ctx).filter(naam__istartswith=text).order_by("naam")[:limit])


def ondernemingen_op_naam(*, ctx: ProcessingContext, naam: str, limit: int = 20) -> list[Onderneming]:
    """Companies by (part of) their name, a beginning ranked first; a KvK-nummer finds that one.
    KvK data is intern (the policy decides who sees it); officers are not read here."""
    compact = "".join((naam or "").split())
    qs = _visible(Onderneming, ctx)
    if identifiers.is_kvk_nummer(compact):
        return list(qs.filter(kvk_nummer=compact))
    key = identifiers.strip_diacritics(" ".join((naam or "").split())).lower()
    if len(key) < 2:
        return []
    rank = Case(
        When(naam_sleutel__startswith=key, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return list(qs.filter(naam_sleutel__contains=key).annotate(_rang=rank).order_by("_rang", "naam")[:limit])


def personen_voor_toezicht(
    *, ctx: ProcessingContext, naam: str, geboortedatum: dt.date | None = None, limit: int = 50
) -> list[Persoon]:
    """For the privacy officer (FG) only: the register persons a name (and date of birth) may
    be, so the FG finds every log entry about them by their ids. Not a look-up for any other
    role (refused, logged); the FG's look-up is itself logged, under the supervision of the log,
    with the name asked and the persons found."""
    with audited(
        ctx, object_type="registers.persoon", action=Action.SEARCH, purposes=("toezicht-logboek",)
    ) as record:
        if not (ctx.has_role(Role.FG) and ctx.second_factor):
            record.refused(reason="FG with a verified second factor only", detail={"zoekvraag": naam})
            raise PermissionDenied("Alleen de FG zoekt personen op voor het toezicht op het logboek.")
        query = parse_name(naam)
        if not query.key:
            return []
        people = Persoon.objects.filter(naam_sleutel=query.key)
        if geboortedatum:
            people = people.filter(geboortedatum=geboortedatum)
        found = list(people.order_by("geslachtsnaam", "voornamen", "bron_id")[:limit])
        if query.voornamen:  # 'Jan de Vries': the given name or initial must fit too
            initial = query.initials[:1]
            found = [p for p in found if (p.voornamen or "").upper().startswith(initial)] or found
        if found:
            record.disclosed_each([p.bron_id for p in found], detail={"zoekvraag": naam})
        else:
            record.disclosed(detail={"zoekvraag": naam, "resultaten": []})
        return found


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
