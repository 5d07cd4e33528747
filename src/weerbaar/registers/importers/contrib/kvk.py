"""Handelsregister: KvK API JSON (basisprofiel, vestigingsprofiel; NDJSON) and flat CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from weerbaar.core.access import AccessLevel
from weerbaar.importing.readers.ndjson import first_keys, ndjson_rows
from weerbaar.importing.readers.text import decimal, delimited_rows, head_line

from ... import identifiers
from ...fastinsert import insert_rows
from ...models import Functionaris, Onderneming, Persoon, Vestiging
from ...mutations import upsert
from ..base import BaseImporter, RowError, point_wkb, register
from .common import parse_date, person_values, upsert_persons


def _company(
    kvk: str,
    naam: str,
    rechtsvorm: str,
    rsin: str,
    sbi_code: str,
    sbi_omschrijving: str,
    registratiedatum: Any,
    datum_einde: Any,
    fictief: bool,
    problems: list,
) -> dict[str, Any]:
    if not identifiers.is_kvk_nummer(kvk):
        problems.append(("kvkNummer", f"{kvk!r} is geen KvK-nummer van 8 cijfers"))
    if rsin and not identifiers.is_rsin(rsin):
        problems.append(("rsin", f"{rsin!r} haalt de elfproef niet"))
    if not naam:
        problems.append(("naam", "ontbreekt"))
    return {
        "kvk_nummer": kvk,
        "naam": naam,
        "naam_sleutel": identifiers.strip_diacritics(naam).lower(),
        "rechtsvorm": rechtsvorm,
        "rsin": rsin,
        "sbi_code": sbi_code,
        "sbi_omschrijving": sbi_omschrijving,
        "registratiedatum": parse_date(registratiedatum, "registratiedatum", problems),
        "datum_einde": parse_date(datum_einde, "datum_einde", problems),
        "fictief": fictief,
    }


def _vestiging_address(adres: dict, problems: list) -> dict[str, Any]:
    postcode = identifiers.normalise_postcode(adres.get("postcode"))
    if postcode and not identifiers.is_postcode(postcode):
        problems.append(("postcode", f"{adres.get('postcode')!r} is geen geldige postcode"))
    huisnummer = adres.get("huisnummer")
    try:
        huisnummer = int(huisnummer) if huisnummer not in (None, "") else None
    except ValueError:
        problems.append(("huisnummer", f"{huisnummer!r} is geen getal"))
        huisnummer = None
    letter = str(adres.get("huisletter") or "").strip().upper()[:1]
    toevoeging = str(adres.get("huisnummerToevoeging") or adres.get("toevoeging") or "").strip().upper()
    return {
        "straat": str(adres.get("straatnaam") or adres.get("straat") or ""),
        "huisnummer": huisnummer,
        "huisletter": letter,
        "toevoeging": toevoeging[:6],
        "postcode": postcode,
        "plaats": str(adres.get("plaats") or ""),
        "adres_sleutel": identifiers.address_key(postcode, huisnummer, letter, toevoeging),
        "postcode_huisnummer": f"{postcode}|{huisnummer}",
    }


@register("kvk-basisprofiel")
class BasisprofielImporter(BaseImporter):
    label = "KvK basisprofielen (API JSON, NDJSON)"
    also_stores = (Persoon, Functionaris)
    model = Onderneming
    key_field = "kvk_nummer"

    def matches(self, path: Path) -> bool:
        keys = first_keys(path)
        return "kvkNummer" in keys and "vestigingsnummer" not in keys

    def rows(self, path: Path):
        return ndjson_rows(path)

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        problems: list[tuple[str, str]] = []
        eigenaar = (raw.get("_embedded") or {}).get("eigenaar") or {}
        sbi = next(iter(raw.get("sbiActiviteiten") or []), {})
        company = _company(
            str(raw.get("kvkNummer") or ""),
            str(raw.get("naam") or ""),
            str(eigenaar.get("rechtsvorm") or ""),
            str(eigenaar.get("rsin") or ""),
            str(sbi.get("sbiCode") or ""),
            str(sbi.get("sbiOmschrijving") or ""),
            raw.get("formeleRegistratiedatum"),
            (raw.get("materieleRegistratie") or {}).get("datumEinde"),
            bool(raw.get("fictief")),
            problems,
        )
        officers = []
        for n, f in enumerate(raw.get("functionarissen") or []):
            p = f.get("persoon") or {}
            person = person_values(
                str(p.get("persoon_id") or p.get("identificatie") or ""),
                p.get("voornamen", ""),
                p.get("voorvoegsel", ""),
                p.get("geslachtsnaam", ""),
                p.get("geboortedatum"),
                problems,
                fictief=bool(p.get("fictief")),
                prefix=f"functionarissen[{n}].persoon.",
            )
            officers.append(
                {
                    "functie": str(f.get("functie") or ""),
                    "persoon": person,
                    "datum_aanvang": parse_date(
                        f.get("datumAanvang"), f"functionarissen[{n}].datumAanvang", problems
                    ),
                }
            )
        if problems:
            raise RowError(problems)
        return {"company": company, "officers": officers}

    def key(self, cleaned):
        return cleaned["company"]["kvk_nummer"]

    def store(self, batch, run, *, record_new):
        result = upsert(
            Onderneming,
            "kvk_nummer",
            [c["company"] for c in batch],
            run,
            access_level=AccessLevel.INTERN,
            record_new=record_new,
        )
        persons = upsert_persons(
            [o["persoon"] for c in batch for o in c["officers"]], run, record_new=record_new
        )
        companies = Onderneming.objects.only("pk", "kvk_nummer", "naam").in_bulk(
            [c["company"]["kvk_nummer"] for c in batch], field_name="kvk_nummer"
        )
        Functionaris.objects.filter(onderneming__in=companies.values()).delete()
        insert_rows(
            Functionaris,
            [
                {
                    "onderneming": companies[c["company"]["kvk_nummer"]],
                    "persoon": persons[o["persoon"]["bron_id"]],
                    "functie": o["functie"],
                    "datum_aanvang": o["datum_aanvang"],
                    "access_level": AccessLevel.AFGESCHERMD,
                }
                for c in batch
                for o in c["officers"]
            ],
        )
        orphans = list(Vestiging.objects.filter(kvk_nummer__in=list(companies), onderneming__isnull=True))
        for vestiging in orphans:
            vestiging.onderneming = companies[vestiging.kvk_nummer]
        Vestiging.objects.bulk_update(orphans, ["onderneming"], batch_size=500)
        return result


@register("kvk-vestigingsprofiel")
class VestigingsprofielImporter(BaseImporter):
    label = "KvK vestigingsprofielen (API JSON, NDJSON)"
    model = Vestiging
    key_field = "vestigingsnummer"

    def matches(self, path: Path) -> bool:
        return "vestigingsnummer" in first_keys(path)

    def rows(self, path: Path):
        return ndjson_rows(path)

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        problems: list[tuple[str, str]] = []
        nummer = str(raw.get("vestigingsnummer") or "")
        if not identifiers.is_vestigingsnummer(nummer):
            problems.append(("vestigingsnummer", f"{nummer!r} is geen vestigingsnummer van 12 cijfers"))
        kvk = str(raw.get("kvkNummer") or "")
        if not identifiers.is_kvk_nummer(kvk):
            problems.append(("kvkNummer", f"{kvk!r} is geen KvK-nummer van 8 cijfers"))
        adres = next(iter(raw.get("adressen") or []), {})
        values = _vestiging_address(adres, problems)
        geo = adres.get("geoData") or {}
        registratie = raw.get("materieleRegistratie") or {}
        values.update(
            vestigingsnummer=nummer,
            kvk_nummer=kvk,
            eerste_handelsnaam=str(raw.get("eersteHandelsnaam") or ""),
            hoofdvestiging=raw.get("indHoofdvestiging") == "Ja",
            adresseerbaar_object_identificatie=str(geo.get("addresseerbaarObjectId") or ""),
            datum_aanvang=parse_date(
                registratie.get("datumAanvang"), "materieleRegistratie.datumAanvang", problems
            ),
            datum_einde=parse_date(
                registratie.get("datumEinde"), "materieleRegistratie.datumEinde", problems
            ),
            werkzame_personen=raw.get("totaalWerkzamePersonen"),
            geometrie=point_wkb(geo["rijksdriehoekX"], geo["rijksdriehoekY"])
            if geo.get("rijksdriehoekX")
            else None,
        )
        if problems:
            raise RowError(problems)
        return values

    def store(self, batch, run, *, record_new):
        companies = Onderneming.objects.only("pk", "kvk_nummer", "naam").in_bulk(
            {v["kvk_nummer"] for v in batch}, field_name="kvk_nummer"
        )
        for values in batch:
            values["onderneming"] = companies.get(values["kvk_nummer"])
        return upsert(
            Vestiging, "vestigingsnummer", batch, run, access_level=AccessLevel.INTERN, record_new=record_new
        )


@register("kvk-csv")
class KvkCsvImporter(BaseImporter):
    """One row per vestiging with the company columns repeated, as partners exchange it."""

    label = "KvK vestigingen (CSV)"
    also_stores = (Onderneming,)
    model = Vestiging
    key_field = "vestigingsnummer"
    required = frozenset({"kvk_nummer", "vestigingsnummer", "naam", "postcode", "huisnummer"})

    def matches(self, path: Path) -> bool:
        if path.suffix.lower() != ".csv":
            return False
        head = head_line(path)
        return "kvk_nummer" in head and "vestigingsnummer" in head

    def rows(self, path: Path):
        return delimited_rows(path, self.required)

    def clean(self, raw: dict[str, Any]) -> dict[str, Any]:
        problems: list[tuple[str, str]] = []
        company = _company(
            raw.get("kvk_nummer", ""),
            raw.get("naam", ""),
            raw.get("rechtsvorm", ""),
            raw.get("rsin", ""),
            raw.get("sbi_code", ""),
            raw.get("sbi_omschrijving", ""),
            None,
            None,
            raw.get("fictief", "").lower() in {"ja", "true", "1"},
            problems,
        )
        nummer = raw.get("vestigingsnummer", "")
        if not identifiers.is_vestigingsnummer(nummer):
            problems.append(("vestigingsnummer", f"{nummer!r} is geen vestigingsnummer van 12 cijfers"))
        values = _vestiging_address(raw, problems)
        werkzaam = raw.get("werkzame_personen")
        try:
            werkzaam = int(decimal(werkzaam)) if werkzaam else None
        except ValueError:
            problems.append(("werkzame_personen", f"{werkzaam!r} is geen getal"))
        values.update(
            vestigingsnummer=nummer,
            kvk_nummer=company["kvk_nummer"],
            eerste_handelsnaam=raw.get("handelsnaam", ""),
            hoofdvestiging=raw.get("hoofdvestiging") == "ja",
            datum_aanvang=parse_date(raw.get("datum_aanvang"), "datum_aanvang", problems),
            datum_einde=parse_date(raw.get("datum_einde"), "datum_einde", problems),
            werkzame_personen=werkzaam,
        )
        if problems:
            raise RowError(problems)
        return {"company": company, "vestiging": values}

    def key(self, cleaned):
        return cleaned["vestiging"]["vestigingsnummer"]

    def store(self, batch, run, *, record_new):
        known = set(
            Onderneming.objects.filter(
                kvk_nummer__in={c["company"]["kvk_nummer"] for c in batch}
            ).values_list("kvk_nummer", flat=True)
        )
        fresh = list(
            {
                c["company"]["kvk_nummer"]: c["company"]
                for c in batch
                if c["company"]["kvk_nummer"] not in known
            }.values()
        )
        upsert(Onderneming, "kvk_nummer", fresh, run, access_level=AccessLevel.INTERN, record_new=record_new)
        companies = Onderneming.objects.only("pk", "kvk_nummer", "naam").in_bulk(
            {c["company"]["kvk_nummer"] for c in batch}, field_name="kvk_nummer"
        )
        rows = [{**c["vestiging"], "onderneming": companies[c["company"]["kvk_nummer"]]} for c in batch]
        return upsert(
            Vestiging, "vestigingsnummer", rows, run, access_level=AccessLevel.INTERN, record_new=record_new
        )
