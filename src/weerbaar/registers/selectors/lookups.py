"""Look-ups by address, parcel, company, person and public space: what a context may see of each,
and hit / no-hit answers for what it may not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, IntegerField, Value, When
from rapidfuzz import fuzz, process

from weerbaar.audit.recording import Action, audited
from weerbaar.core.context import ProcessingContext

from .. import identifiers
from ..lookup import AddressQuery, NameScore, NameScorer, parse_address, parse_name
from ..models import (
    AdresseerbaarObject,
    Functionaris,
    KadastraalObject,
    Mutatie,
    Nevenadres,
    Onderneming,
    OpenbareRuimte,
    Persoon,
    PersoonAdres,
    Vestiging,
    ZakelijkRecht,
)
from .base import (
    NAME_CANDIDATES,
    OUT_OF_AREA,
    REGISTER_PURPOSES,
    SIMILAR_SURNAMES,
    _company_in_area,
    _keys_in_area,
    _parcels_in_area,
    _persons_in_area,
    _subject_of,
    _visible,
    shielded_refusal,
    surname_vocabulary,
)


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
