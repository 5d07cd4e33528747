"""Look-ups in the registers. Each takes the acting user, returns only what that user may see,
and writes the audit log for every shielded part it returns (or refuses)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, IntegerField, Value, When
from rapidfuzz import fuzz, process

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.clearance import clearance_for
from weerbaar.core.policies import policy_for

from . import identifiers
from .lookup import AddressQuery, NameScore, NameScorer, parse_address, parse_name
from .models import (
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
    ZakelijkRecht,
)

NAME_CANDIDATES = 3000
SIMILAR_SURNAMES = 12
_VOCABULARY: dict[str, Any] = {"stamp": None, "keys": []}


def surname_vocabulary() -> list[str]:
    """The distinct surname keys, cached per process until the next import changes them."""
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


def _visible(model, user):
    return policy_for(model).visible(user)


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@dataclass
class AdresResultaat:
    adressen: list[AdresseerbaarObject]
    exact: bool
    vestigingen: list[Vestiging] = field(default_factory=list)
    #: None when the user may not see persons at all (not the same as "nobody lives here")
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


def adres_zoeken(*, user: Any, query: str | AddressQuery, request: Any = None) -> AdresResultaat:
    """By postcode + huisnummer (+ letter/toevoeging), tolerant of spacing and case.

    An exact key hit returns that one address; otherwise every address with that postcode and
    huisnummer (e.g. when the toevoeging was left out), marked exact=False. A nevenadres counts
    as an address of its object: the object is returned with `gevonden_via` naming the
    nevenadres, and every object returned comes with its nevenadressen.
    """
    parsed = parse_address(query) if isinstance(query, str) else query
    if parsed is None:
        return AdresResultaat([], False)
    qs = _visible(AdresseerbaarObject, user)
    neven_qs = _visible(Nevenadres, user)
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
    keys = result.sleutels()  # companies and residents at any address of the objects found
    result.vestigingen = list(
        _visible(Vestiging, user).filter(adres_sleutel__in=keys).select_related("onderneming")
    )
    if clearance_for(user).shielded and keys:
        result.bewoners = list(
            _visible(PersoonAdres, user).filter(adres_sleutel__in=keys).select_related("persoon")
        )
        for bewoner in result.bewoners:
            audit_log(
                actor=user,
                action=Action.VIEW,
                object_type="registers.persoon",
                object_id=bewoner.persoon.bron_id,
                data_subject_id=bewoner.persoon.bron_id,
                request=request,
                detail={"via": "adres", "adres": keys},
            )
    elif keys and _authenticated(user):  # a partner without clearance; anonymous reads are open data
        audit_log(
            actor=user,
            action=Action.VIEW,
            result=Result.REFUSED,
            object_type="registers.persoon",
            request=request,
            detail={"via": "adres", "adres": keys, "reden": clearance_for(user).reason},
        )
    return result


@dataclass
class PerceelResultaat:
    object: KadastraalObject | None
    appartementsrechten: list[KadastraalObject] = field(default_factory=list)
    #: zakelijk gerechtigden with NAW; None when the user may not see them
    rechten: list[ZakelijkRecht] | None = None


def perceel_zoeken(*, user: Any, aanduiding: str, request: Any = None) -> PerceelResultaat:
    """By kadastrale aanduiding ('ZWL00 K 1234', 'zwl00-k-1234', 'ZWL00 K 1234 A3')."""
    normalised = identifiers.normalise_kadastrale_aanduiding(aanduiding)
    obj = _visible(KadastraalObject, user).filter(kadastrale_aanduiding=normalised).first()
    if obj is None:
        return PerceelResultaat(None)
    result = PerceelResultaat(obj)
    if obj.soort == KadastraalObject.Soort.PERCEEL:
        result.appartementsrechten = list(
            _visible(KadastraalObject, user).filter(grondperceel_identificatie=obj.identificatie)
        )
    if clearance_for(user).shielded:
        result.rechten = list(
            _visible(ZakelijkRecht, user).filter(kadastraal_object=obj).select_related("persoon")
        )
        for recht in result.rechten:
            audit_log(
                actor=user,
                action=Action.VIEW,
                object_type="registers.zakelijkrecht",
                object_id=obj.kadastrale_aanduiding,
                request=request,
                data_subject_id=recht.persoon.bron_id if recht.persoon else recht.kvk_nummer,
            )
    elif _authenticated(user):
        audit_log(
            actor=user,
            action=Action.VIEW,
            result=Result.REFUSED,
            object_type="registers.zakelijkrecht",
            object_id=obj.kadastrale_aanduiding,
            request=request,
            detail={"reden": clearance_for(user).reason},
        )
    return result


@dataclass
class OndernemingResultaat:
    onderneming: Onderneming | None
    vestigingen: list[Vestiging] = field(default_factory=list)
    functionarissen: list[Functionaris] | None = None


def onderneming_zoeken(*, user: Any, kvk_nummer: str, request: Any = None) -> OndernemingResultaat:
    """By KvK-nummer (8 digits; spaces ignored). KvK data is intern, functionarissen shielded."""
    kvk = "".join((kvk_nummer or "").split())
    if not identifiers.is_kvk_nummer(kvk):
        return OndernemingResultaat(None)
    onderneming = _visible(Onderneming, user).filter(kvk_nummer=kvk).first()
    if onderneming is None:
        return OndernemingResultaat(None)
    result = OndernemingResultaat(
        onderneming, list(_visible(Vestiging, user).filter(onderneming=onderneming))
    )
    if clearance_for(user).shielded:
        result.functionarissen = list(
            _visible(Functionaris, user).filter(onderneming=onderneming).select_related("persoon")
        )
        for functionaris in result.functionarissen:
            audit_log(
                actor=user,
                action=Action.VIEW,
                object_type="registers.functionaris",
                object_id=kvk,
                data_subject_id=functionaris.persoon.bron_id,
                request=request,
            )
    return result


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
    user: Any,
    naam: str,
    geboortedatum: dt.date | None = None,
    limit: int = 20,
    minimum: float = 70.0,
    request: Any = None,
) -> list[PersoonTreffer]:
    """Fuzzy by name with Dutch rules: 'van der Berg' ~ 'Berg, van der', diacritics, initials.

    Shielded: without clearance the result is empty and the refusal is logged.
    """
    if not clearance_for(user).shielded:
        audit_log(
            actor=user,
            action=Action.SEARCH,
            result=Result.REFUSED,
            object_type="registers.persoon",
            request=request,
            detail={"reden": clearance_for(user).reason},
        )
        return []
    query = parse_name(naam)
    if not query.key:
        return []
    qs = _visible(Persoon, user)
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
            -((voorvoegsel or "").lower() == wanted[0]) - (naam.lower() == wanted[1]),
            pk,
        )
        for pk, voornamen, sleutel, voorvoegsel, naam in candidates
    ]
    ranked = sorted((s for s in scored if s[0].score >= minimum), key=lambda s: (-s[0].score, s[1], s[2]))
    scored = [(score, pk) for score, _tie, pk in ranked[:limit]]
    people = Persoon.objects.in_bulk([pk for _s, pk in scored])
    hits = [PersoonTreffer(people[pk], score) for score, pk in scored]
    audit_log(
        actor=user,
        action=Action.SEARCH,
        object_type="registers.persoon",
        request=request,
        data_subject_id=hits[0].persoon.bron_id if len(hits) == 1 else "",
        detail={"zoekvraag": naam, "resultaten": [h.persoon.bron_id for h in hits]},
    )
    return hits


@dataclass
class OpenbareRuimtePagina:
    totaal: int
    openbare_ruimten: list[OpenbareRuimte]


def openbare_ruimte_zoeken(
    *, user: Any, naam: str = "", woonplaats: str = "", offset: int = 0, limit: int = 20
) -> OpenbareRuimtePagina:
    """Streets (and other openbare ruimten) by name and woonplaats, one page of them.

    Tolerant of case, diacritics, spacing and punctuation ('de ruyter laan' finds 'De
    Ruyterlaan'); a part of the name is enough, an exact name ranks before a beginning and a
    beginning before the rest. `woonplaats` is a name or a 4-digit woonplaatscode. BAG is open
    data: no audit entry.
    """
    qs = _visible(OpenbareRuimte, user).select_related("woonplaats")
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


def openbare_ruimte_ophalen(*, user: Any, identificatie: str) -> OpenbareRuimteResultaat:
    """One openbare ruimte by its 16-digit identificatie, with its history; None when not visible."""
    ident = "".join((identificatie or "").split())
    found = _visible(OpenbareRuimte, user).select_related("woonplaats").filter(identificatie=ident).first()
    if found is None:
        return OpenbareRuimteResultaat(None)
    history = _visible(Mutatie, user).filter(register=OpenbareRuimte._meta.label_lower, identificatie=ident)
    return OpenbareRuimteResultaat(found, list(history.order_by("id")))
