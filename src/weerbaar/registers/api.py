"""Look-ups in the base registers under /api/v1/. Every endpoint calls a selector with the user,
so the answer holds what that user may see and shielded reads are logged."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from weerbaar.core.subjects import subject_kinds
from weerbaar.privacy.context import request_context

from . import identifiers
from .lookup import AddressQuery, parse_address
from .selectors import (
    NO_PURPOSE,
    adres_zoeken,
    onderneming_zoeken,
    openbare_ruimte_ophalen,
    openbare_ruimte_zoeken,
    perceel_zoeken,
    persoon_zoeken,
    shielded_refusal,
)

router = Router(tags=["basisregistraties"])


class NevenadresOut(Schema):
    nummeraanduidingIdentificatie: str
    openbareRuimteNaam: str
    huisnummer: int
    huisletter: str
    toevoeging: str
    postcode: str
    woonplaats: str


class AdresOut(NevenadresOut):
    identificatie: str
    soort: str
    gebruiksdoel: str
    status: str
    pandIdentificatie: str
    x: float
    y: float
    nevenadressen: list[NevenadresOut] = Field(
        description="verdere adressen (nummeraanduidingen) van dit object; het adres hierboven is het hoofdadres"
    )
    gevondenViaNevenadres: NevenadresOut | None = Field(
        None,
        description="het gezochte adres is een nevenadres van dit object (null: gevonden op het hoofdadres)",
    )


class VestigingOut(Schema):
    vestigingsnummer: str
    kvkNummer: str
    naam: str
    hoofdvestiging: bool
    adres: str
    datumEinde: date | None


class PersoonOut(Schema):
    identificatie: str
    voornamen: str
    voorvoegsel: str
    geslachtsnaam: str
    geboortedatum: date | None
    fictief: bool


class AdresResultaatOut(Schema):
    exact: bool = Field(
        description="false: geen exacte treffer, alle adressen met deze postcode en dit huisnummer"
    )
    adressen: list[AdresOut]
    vestigingen: list[VestigingOut]
    bewoners: list[PersoonOut] | None = Field(
        None,
        description="null: u mag personen niet inzien (nodig: tweede factor, grondslag, een verklaard doel in de header Doelbinding, en voor een gemeente: binnen het eigen gebied)",
    )


class AdresFilter(Schema):
    q: str = Field("", description="vrije invoer, bijvoorbeeld '7411 ab 12-2'")
    postcode: str = ""
    huisnummer: int | None = None
    huisletter: str = ""
    huisnummertoevoeging: str = ""


def _nummeraanduiding(n) -> dict:
    """The address fields of a nummeraanduiding (a nevenadres, or an object's hoofdadres)."""
    return {
        "nummeraanduidingIdentificatie": n.nummeraanduiding_identificatie,
        "openbareRuimteNaam": n.openbare_ruimte_naam,
        "huisnummer": n.huisnummer,
        "huisletter": n.huisletter,
        "toevoeging": n.toevoeging,
        "postcode": n.postcode,
        "woonplaats": n.woonplaats_naam,
    }


def _adres(a, result) -> dict:
    via = result.gevonden_via.get(a.identificatie)
    return {
        **_nummeraanduiding(a),  # the address fields: the hoofdadres of the object
        "identificatie": a.identificatie,
        "soort": a.soort,
        "gebruiksdoel": a.gebruiksdoel,
        "status": a.status,
        "pandIdentificatie": a.pand_identificatie,
        "x": a.geometrie.x,
        "y": a.geometrie.y,
        "nevenadressen": [_nummeraanduiding(n) for n in result.nevenadressen.get(a.identificatie, [])],
        "gevondenViaNevenadres": _nummeraanduiding(via) if via is not None else None,
    }


def _persoon(p) -> dict:
    return {
        "identificatie": p.bron_id,
        "voornamen": p.voornamen,
        "voorvoegsel": p.voorvoegsel,
        "geslachtsnaam": p.geslachtsnaam,
        "geboortedatum": p.geboortedatum,
        "fictief": p.fictief,
    }


def _vestiging(v) -> dict:
    adres = f"{v.straat} {v.huisnummer or ''}{v.huisletter}{('-' + v.toevoeging) if v.toevoeging else ''}, {v.postcode}"
    return {
        "vestigingsnummer": v.vestigingsnummer,
        "kvkNummer": v.kvk_nummer,
        "naam": v.eerste_handelsnaam or (v.onderneming.naam if v.onderneming else ""),
        "hoofdvestiging": v.hoofdvestiging,
        "adres": adres,
        "datumEinde": v.datum_einde,
    }


@router.get(
    "/adressen",
    response=AdresResultaatOut,
    summary="Adres zoeken op postcode en huisnummer (met of zonder toevoeging)",
)
def adressen(request: HttpRequest, filters: Query[AdresFilter]):
    query: str | AddressQuery | None = filters.q or None
    if query is None and filters.postcode and filters.huisnummer:
        query = parse_address(
            f"{filters.postcode} {filters.huisnummer} {filters.huisletter} "
            f"{filters.huisnummertoevoeging}".strip()
        )
    result = adres_zoeken(ctx=request_context(request), query=query or "")
    return {
        "exact": result.exact,
        "adressen": [_adres(a, result) for a in result.adressen],
        "vestigingen": [_vestiging(v) for v in result.vestigingen],
        "bewoners": None if result.bewoners is None else [_persoon(b.persoon) for b in result.bewoners],
    }


class RechtOut(Schema):
    soort: str
    aandeel: str
    persoon: PersoonOut | None
    rechtspersoon: str
    kvkNummer: str


class KadastraalObjectOut(Schema):
    identificatie: str
    kadastraleAanduiding: str
    soort: str
    grootte: int | None
    appartementsrechten: list[str]
    zakelijkGerechtigden: list[RechtOut] | None = Field(
        None,
        description="null: u mag eigenaren niet inzien (nodig: tweede factor, grondslag, een verklaard doel in de header Doelbinding, en voor een gemeente: binnen het eigen gebied)",
    )


@router.get(
    "/kadastrale-objecten/{aanduiding}",
    response=KadastraalObjectOut,
    summary="Perceel of appartementsrecht op kadastrale aanduiding (bijv. ZWL00 K 1234)",
)
def kadastraal_object(request: HttpRequest, aanduiding: str):
    result = perceel_zoeken(ctx=request_context(request), aanduiding=aanduiding)
    if result.object is None:
        raise Http404("Geen kadastraal object met deze aanduiding.")
    obj = result.object
    rechten = (
        None
        if result.rechten is None
        else [
            {
                "soort": r.soort,
                "aandeel": f"{r.aandeel_teller}/{r.aandeel_noemer}",
                "persoon": _persoon(r.persoon) if r.persoon else None,
                "rechtspersoon": r.rechtspersoon_naam,
                "kvkNummer": r.kvk_nummer,
            }
            for r in result.rechten
        ]
    )
    return {
        "identificatie": obj.identificatie,
        "kadastraleAanduiding": obj.kadastrale_aanduiding,
        "soort": obj.soort,
        "grootte": obj.grootte,
        "appartementsrechten": [a.kadastrale_aanduiding for a in result.appartementsrechten],
        "zakelijkGerechtigden": rechten,
    }


class FunctionarisOut(Schema):
    functie: str
    persoon: PersoonOut


class OndernemingOut(Schema):
    kvkNummer: str
    naam: str
    rechtsvorm: str
    rsin: str
    sbiCode: str
    vestigingen: list[VestigingOut]
    functionarissen: list[FunctionarisOut] | None = Field(
        None,
        description="null: u mag functionarissen niet inzien (nodig: tweede factor, grondslag, een verklaard doel in de header Doelbinding, en voor een gemeente: binnen het eigen gebied)",
    )


@router.get("/ondernemingen/{kvkNummer}", response=OndernemingOut, summary="Onderneming op KvK-nummer")
def onderneming(request: HttpRequest, kvkNummer: str):
    result = onderneming_zoeken(ctx=request_context(request), kvk_nummer=kvkNummer)
    if result.onderneming is None:
        raise Http404("Geen onderneming met dit KvK-nummer (of u mag deze niet inzien).")
    o = result.onderneming
    return {
        "kvkNummer": o.kvk_nummer,
        "naam": o.naam,
        "rechtsvorm": o.rechtsvorm,
        "rsin": o.rsin,
        "sbiCode": o.sbi_code,
        "vestigingen": [_vestiging(v) for v in result.vestigingen],
        "functionarissen": None
        if result.functionarissen is None
        else [{"functie": f.functie, "persoon": _persoon(f.persoon)} for f in result.functionarissen],
    }


class PersoonTrefferOut(Schema):
    persoon: PersoonOut
    score: float
    toelichting: str


class PersoonFilter(Schema):
    naam: str = Field(..., min_length=2, description="bijv. 'J. van der Berg' of 'Berg, van der'")
    geboortedatum: date | None = None
    pageSize: int = Field(20, ge=1, le=100)


@router.get(
    "/personen",
    response=list[PersoonTrefferOut],
    summary="Personen zoeken op naam (fuzzy, Nederlandse naamregels); afgeschermd",
)
def personen(request: HttpRequest, filters: Query[PersoonFilter]):
    # Persons are shielded as a whole: without clearance the API says so (401/403) instead of an
    # empty list; the selector still logs the refusal.
    ctx = request_context(request)
    refusal = shielded_refusal(ctx)
    hits = persoon_zoeken(
        ctx=ctx,
        naam=filters.naam,
        geboortedatum=filters.geboortedatum,
        limit=filters.pageSize,
    )
    if refusal == NO_PURPOSE:
        raise PermissionDenied(
            "Verklaar het doel van deze zoekvraag: zet de verwerkingsactiviteit in de header Doelbinding."
        )
    if refusal:
        raise PermissionDenied("Personen zijn afgeschermd: tweede factor en grondslag nodig.")
    return [
        {"persoon": _persoon(h.persoon), "score": round(h.score.score, 1), "toelichting": h.score.explanation}
        for h in hits
    ]


class OpenbareRuimteOut(Schema):
    identificatie: str = Field(description="BAG-identificatie van 16 cijfers, objecttype 30")
    naam: str
    type: str = Field(
        description="Weg, Water, Spoorbaan, Terrein, Kunstwerk, Landschappelijk gebied of Administratief gebied"
    )
    woonplaats: str = Field(description="naam van de woonplaats")
    woonplaatsIdentificatie: str | None = Field(
        None, description="woonplaatscode (4 cijfers); null als de woonplaats niet geladen is"
    )
    aantalAdressen: int = Field(description="aantal adressen (nummeraanduidingen) aan deze openbare ruimte")


class OpenbareRuimtePaginaOut(Schema):
    totaal: int = Field(description="aantal gevonden openbare ruimten, over alle pagina's")
    pagina: int
    paginaGrootte: int
    resultaten: list[OpenbareRuimteOut]


class OpenbareRuimteMutatieOut(Schema):
    tijdstip: datetime
    soort: str = Field(description="nieuw of gewijzigd")
    wijzigingen: dict[str, list[Any]] = Field(description="per veld [oude waarde, nieuwe waarde]")


class OpenbareRuimteDetailOut(OpenbareRuimteOut):
    historie: list[OpenbareRuimteMutatieOut] = Field(
        description="wat herimports van de BAG aan naam of woonplaats veranderden, oudste eerst"
    )


class OpenbareRuimteFilter(Schema):
    naam: str = Field(
        "",
        max_length=80,
        description="(deel van de) naam; hoofdletters, accenten, spaties en leestekens tellen niet mee",
    )
    woonplaats: str = Field("", max_length=80, description="naam of woonplaatscode (4 cijfers)")
    # bounded: the offset (pagina - 1) * paginaGrootte must fit the database's integer (schemathesis
    # found a 500 for pagina=2411881551035370074800128)
    pagina: int = Field(1, ge=1, le=100_000, description="paginanummer, vanaf 1 (hoogstens 100000)")
    paginaGrootte: int = Field(20, ge=1, le=100, description="aantal resultaten per pagina (1-100)")


def _openbare_ruimte(o) -> dict:
    return {
        "identificatie": o.identificatie,
        "naam": o.naam,
        "type": o.type,
        "woonplaats": o.woonplaats_naam,
        "woonplaatsIdentificatie": o.woonplaats.identificatie if o.woonplaats else None,
        "aantalAdressen": o.aantal_adressen,
    }


@router.get(
    "/openbare-ruimten",
    response=OpenbareRuimtePaginaOut,
    summary="Openbare ruimten (straten) zoeken op naam en woonplaats",
    description=(
        "BAG-openbare ruimten (objecttype 30), afgeleid uit de adressen. Zoeken is ongevoelig voor "
        "hoofdletters, accenten en spaties ('de ruyterlaan' vindt 'De Ruyterlaan'); een exacte naam "
        "komt eerst. Openbare gegevens: voor iedereen."
    ),
)
def openbare_ruimten(request: HttpRequest, filters: Query[OpenbareRuimteFilter]):
    page = openbare_ruimte_zoeken(
        ctx=request_context(request),
        naam=filters.naam,
        woonplaats=filters.woonplaats,
        offset=(filters.pagina - 1) * filters.paginaGrootte,
        limit=filters.paginaGrootte,
    )
    return {
        "totaal": page.totaal,
        "pagina": filters.pagina,
        "paginaGrootte": filters.paginaGrootte,
        "resultaten": [_openbare_ruimte(o) for o in page.openbare_ruimten],
    }


@router.get(
    "/openbare-ruimten/{identificatie}",
    response=OpenbareRuimteDetailOut,
    summary="Eén openbare ruimte op identificatie, met het aantal adressen en de historie",
)
def openbare_ruimte(request: HttpRequest, identificatie: str):
    if not identifiers.is_openbare_ruimte_id(identificatie):
        raise ValidationError(
            {
                "identificatie": ValidationError(
                    "geen openbare-ruimte-identificatie (16 cijfers, objecttype 30)"
                )
            }
        )
    result = openbare_ruimte_ophalen(ctx=request_context(request), identificatie=identificatie)
    if result.openbare_ruimte is None:
        raise Http404("Geen openbare ruimte met deze identificatie.")
    return {
        **_openbare_ruimte(result.openbare_ruimte),
        "historie": [
            {"tijdstip": m.tijdstip, "soort": m.soort, "wijzigingen": m.wijzigingen} for m in result.historie
        ],
    }


#: suggestions per answer: enough to choose from while typing, few enough to read out
SUGGESTIES = 10
#: shorter text is no search yet (and would read half a register)
SUGGESTIE_MINIMUM = 3


class SuggestieOut(Schema):
    soort: str = Field(description="de soort onderwerp (adres, onderneming, perceel, persoon)")
    kenmerk: str = Field(
        description="precies wat een onderwerp van deze soort als kenmerk opslaat: postcode en huisnummer "
        "('8011AB 12A-2'), KvK-nummer, kadastrale aanduiding of naam"
    )
    label: str = Field(description="hoe de suggestie in de lijst staat")
    naam: str = Field("", description="de naam die het formulier invult (onderneming, persoon)")
    geboortedatum: date | None = None


class SuggestieFilter(Schema):
    soort: str = Field(..., max_length=12, description="adres, onderneming, perceel of persoon")
    q: str = Field(
        "", max_length=200, description="wat de gebruiker typt; korter dan 3 tekens: geen zoekvraag"
    )


@router.get(
    "/registers/suggesties",
    response=list[SuggestieOut],
    summary="Suggesties bij het invoeren van een onderwerp (adres, onderneming, perceel, persoon)",
    description=(
        "Hoogstens 10 registerinschrijvingen die passen bij wat is getypt: adressen op straat en "
        "plaats of postcode en huisnummer, ondernemingen op naam of KvK-nummer, percelen op "
        "kadastrale aanduiding, personen op naam (afgeschermd: zonder tweede factor, grondslag en "
        "verklaard doel 401/403, en de weigering wordt gelogd)."
    ),
    openapi_extra={
        "responses": {403: {"description": "personen: geen tweede factor, grondslag of verklaard doel"}}
    },
)
def suggesties(request: HttpRequest, filters: Query[SuggestieFilter]):
    kind = subject_kinds.get(filters.soort)
    if kind is None:
        names = ", ".join(name for name, _kind in subject_kinds.items())
        raise ValidationError({"soort": ValidationError(f"onbekende soort; kies uit: {names}")})
    query = " ".join(filters.q.split())
    if len(query) < SUGGESTIE_MINIMUM:
        return []
    found = kind.suggest(request_context(request), query, limit=SUGGESTIES)
    return [
        {
            "soort": s.kind,
            "kenmerk": s.identifier,
            "label": s.label,
            "naam": s.name,
            "geboortedatum": s.birth_date,
        }
        for s in found[:SUGGESTIES]
    ]
