"""KvK API shapes (basisprofiel, vestigingsprofiel) and the flat CSV partners exchange."""

from __future__ import annotations

from .geo import rd_to_wgs84
from .messiness import messy_address


def _datum(iso: str | None) -> str | None:
    return iso.replace("-", "") if iso else None


def _adres(address: dict, soort: str = "bezoekadres") -> dict:
    lon, lat = rd_to_wgs84(address["x"], address["y"])
    toevoeging = address["toevoeging"]
    volledig = f"{address['openbare_ruimte_naam']} {address['huisnummer']}{address['huisletter']}"
    if toevoeging:
        volledig += f" {toevoeging}"
    return {
        "type": soort,
        "indAfgeschermd": "Nee",
        "volledigAdres": f"{volledig} {address['postcode']} {address['woonplaats_naam']}",
        "straatnaam": address["openbare_ruimte_naam"],
        "huisnummer": address["huisnummer"],
        "huisletter": address["huisletter"] or None,
        "huisnummerToevoeging": toevoeging or None,
        "postcode": address["postcode"],
        "plaats": address["woonplaats_naam"],
        "land": "Nederland",
        "geoData": {
            "addresseerbaarObjectId": address["identificatie"],
            "nummerAanduidingId": address["nummeraanduiding_identificatie"],
            "gpsLatitude": round(float(lat), 6),
            "gpsLongitude": round(float(lon), 6),
            "rijksdriehoekX": address["x"],
            "rijksdriehoekY": address["y"],
            "rijksdriehoekZ": 0.0,
        },
    }


def _sbi(company: dict) -> list[dict]:
    return [
        {"sbiCode": code, "sbiOmschrijving": omschrijving, "indHoofdactiviteit": "Ja" if i == 0 else "Nee"}
        for i, (code, omschrijving) in enumerate(company["sbi"])
    ]


def basisprofiel(company: dict) -> dict:
    """KvK Basisprofiel API v1 shape, plus functionarissen (as in an uittreksel) and a fictief flag."""
    hoofd = next((v for v in company["vestigingen"] if v["hoofdvestiging"]), company["vestigingen"][0])
    eigenaar = {"rechtsvorm": company["rechtsvorm"], "uitgebreideRechtsvorm": company["rechtsvorm"]}
    if company["rsin"]:
        eigenaar["rsin"] = company["rsin"]
    return {
        "kvkNummer": company["kvkNummer"],
        "indNonMailing": "Ja",
        "naam": company["naam"],
        "formeleRegistratiedatum": _datum(company["registratiedatum"]),
        "materieleRegistratie": {
            "datumAanvang": _datum(company["registratiedatum"]),
            "datumEinde": _datum(company["datumEinde"]),
        },
        "totaalWerkzamePersonen": sum(v["totaalWerkzamePersonen"] for v in company["vestigingen"]),
        "statutaireNaam": company["naam"] if company["rsin"] else None,
        "handelsnamen": [{"naam": n, "volgorde": i} for i, n in enumerate(company["handelsnamen"], start=1)],
        "sbiActiviteiten": _sbi(company),
        "_embedded": {
            "hoofdvestiging": {
                "vestigingsnummer": hoofd["vestigingsnummer"],
                "kvkNummer": company["kvkNummer"],
                "eersteHandelsnaam": hoofd["eersteHandelsnaam"],
                "indHoofdvestiging": "Ja",
                "adressen": [_adres(hoofd["adres"])],
            },
            "eigenaar": eigenaar,
        },
        "functionarissen": [
            {
                "functie": f["functie"],
                "datumAanvang": _datum(f["datumAanvang"]),
                "persoon": {**f["persoon"], "fictief": True},
            }
            for f in company["functionarissen"]
        ],
        "fictief": True,
    }


def vestigingsprofiel(company: dict, vestiging: dict) -> dict:
    """KvK Vestigingsprofiel API v1 shape (one per establishment, ended ones included)."""
    profile = {
        "vestigingsnummer": vestiging["vestigingsnummer"],
        "kvkNummer": company["kvkNummer"],
        "rsin": company["rsin"] or None,
        "indNonMailing": "Ja",
        "formeleRegistratiedatum": _datum(vestiging["datumAanvang"]),
        "materieleRegistratie": {
            "datumAanvang": _datum(vestiging["datumAanvang"]),
            "datumEinde": _datum(vestiging["datumEinde"]),
        },
        "eersteHandelsnaam": vestiging["eersteHandelsnaam"],
        "indHoofdvestiging": "Ja" if vestiging["hoofdvestiging"] else "Nee",
        "indCommercieleVestiging": "Ja",
        "voltijdWerkzamePersonen": vestiging["voltijdWerkzamePersonen"],
        "totaalWerkzamePersonen": vestiging["totaalWerkzamePersonen"],
        "deeltijdWerkzamePersonen": vestiging["totaalWerkzamePersonen"]
        - vestiging["voltijdWerkzamePersonen"],
        "handelsnamen": [{"naam": n, "volgorde": i} for i, n in enumerate(company["handelsnamen"], start=1)],
        "adressen": [_adres(vestiging["adres"])],
        "sbiActiviteiten": _sbi(company),
        "fictief": True,
    }
    if vestiging.get("verhuisdVan"):
        profile["verhuisdVanVestigingsnummer"] = vestiging["verhuisdVan"]
    return profile


class _CsvRows:
    HEADER = (
        "kvk_nummer",
        "vestigingsnummer",
        "naam",
        "handelsnaam",
        "rechtsvorm",
        "rsin",
        "sbi_code",
        "sbi_omschrijving",
        "hoofdvestiging",
        "straat",
        "huisnummer",
        "huisletter",
        "toevoeging",
        "postcode",
        "plaats",
        "datum_aanvang",
        "datum_einde",
        "werkzame_personen",
        "fictief",
    )

    def rows(self, company: dict, rng):
        """One row per establishment; addresses carry the messiness of partner exports."""
        code, omschrijving = company["sbi"][0]
        for v in company["vestigingen"]:
            address = messy_address(v["adres"], rng)
            yield {
                "kvk_nummer": company["kvkNummer"],
                "vestigingsnummer": v["vestigingsnummer"],
                "naam": company["naam"],
                "handelsnaam": v["eersteHandelsnaam"],
                "rechtsvorm": company["rechtsvorm"],
                "rsin": company["rsin"],
                "sbi_code": code,
                "sbi_omschrijving": omschrijving,
                "hoofdvestiging": "ja" if v["hoofdvestiging"] else "nee",
                **address,
                "datum_aanvang": v["datumAanvang"],
                "datum_einde": v["datumEinde"],
                "werkzame_personen": v["totaalWerkzamePersonen"],
                "fictief": "ja",
            }


csv_rows = _CsvRows()
