"""Fictitious Handelsregister (KvK) entries: companies, establishments and their officers."""

from __future__ import annotations

import datetime as dt

import numpy as np

from ..identifiers import rsin_check_digit
from .names import NamePicker
from .persons import address_summary

# (SBI code, omschrijving, name template) per setting; {n} is a surname, {p} a place.
SBI = {
    "thuis": (
        ("6201", "Ontwikkelen, produceren en uitgeven van software", "{n} IT Solutions"),
        ("7022", "Organisatie-adviesbureaus", "{n} Advies"),
        ("4120", "Algemene burgerlijke en utiliteitsbouw", "Bouwbedrijf {n}"),
        ("4332", "Bouwtimmeren", "Timmerbedrijf {n}"),
        ("4391", "Dakdekken en bouwen van dakconstructies", "Dakdekkersbedrijf {n}"),
        ("8559", "Overig onderwijs", "Bijles {n}"),
        ("9602", "Haarverzorging", "Kapsalon {v}"),
        ("7410", "Industrieel ontwerp en vormgeving", "Studio {v}"),
        ("9003", "Schrijven en overige scheppende kunst", "Atelier {v}"),
        ("4932", "Taxivervoer", "Taxi {n}"),
        ("8121", "Algemene reiniging van gebouwen", "Schoonmaakbedrijf {n}"),
        ("4791", "Detailhandel via internet", "{v}'s Webshop"),
        ("6820", "Verhuur van overig onroerend goed", "{n} Vastgoed"),
        ("8690", "Overige gezondheidszorg", "Praktijk {n}"),
    ),
    "holding": (
        ("6420", "Financiële holdings", "{n} Holding"),
        ("6820", "Verhuur van overig onroerend goed", "{n} Beheer"),
    ),
    "winkel": (
        ("4711", "Supermarkten", "Supermarkt {p}"),
        ("5610", "Restaurants", "Restaurant De {g}"),
        ("5630", "Cafés", "Café De {g}"),
        ("4771", "Winkels in kleding", "Mode {v}"),
        ("4778", "Winkels in overige artikelen", "{n} Cadeau"),
        ("9602", "Haarverzorging", "Kapsalon {v}"),
        ("4726", "Winkels in tabaksproducten", "Tabak & Lectuur {n}"),
        ("5621", "Eventcatering", "Snackbar {p}"),
        ("4773", "Apotheken", "Apotheek {p}"),
        ("9604", "Sauna's, solaria, baden e.d.", "Beautysalon {v}"),
    ),
    "bedrijf": (
        ("4941", "Goederenvervoer over de weg", "Transportbedrijf {n}"),
        ("2562", "Algemene metaalbewerking", "Metaalbewerking {n}"),
        ("4673", "Groothandel in hout en bouwmaterialen", "{n} Bouwmaterialen"),
        ("4520", "Onderhoud en reparatie van auto's", "Autobedrijf {n}"),
        ("4511", "Handel in personenauto's", "Autohandel {n}"),
        ("5210", "Opslag", "Opslag {p}"),
        ("7810", "Arbeidsbemiddeling", "{g} Uitzendgroep"),
        ("4321", "Elektrotechnische bouwinstallatie", "{n} Installatietechniek"),
        ("1071", "Vervaardiging van brood en vers banketbakkerswerk", "Bakkerij {n}"),
        ("3811", "Inzameling van niet-gevaarlijk afval", "Recycling {p}"),
        ("4690", "Niet-gespecialiseerde groothandel", "{g} Trading"),
        ("2011", "Vervaardiging van industriële gassen", "{g} Chemie"),
    ),
    "boerderij": (
        ("0141", "Fokken en houden van melkvee", "Melkveebedrijf {n}"),
        ("0146", "Fokken en houden van varkens", "Varkenshouderij {n}"),
        ("0147", "Fokken en houden van pluimvee", "Pluimveebedrijf {n}"),
        ("0111", "Teelt van granen, peulvruchten en oliehoudende zaden", "Akkerbouwbedrijf {n}"),
        ("0113", "Teelt van groenten en wortel- en knolgewassen", "Tuinderij {n}"),
        ("0161", "Dienstverlening voor de akker- en tuinbouw", "Loonbedrijf {n}"),
    ),
    "park": (("5530", "Kampeerterreinen", "{a} Exploitatie"),),
    "chalet": (
        ("6420", "Financiële holdings", "{n} Holding"),
        ("4941", "Goederenvervoer over de weg", "{g} Logistics"),
        ("7810", "Arbeidsbemiddeling", "{g} Personeelsdiensten"),
        ("6820", "Verhuur van overig onroerend goed", "{g} Vastgoed"),
    ),
    "woonboot": (("5040", "Binnenvaart", "Scheepvaartbedrijf {n}"),),
    "vve": (("9499", "Overige ideële organisaties", "Vereniging van Eigenaars {s}"),),
}
GENERIC = (
    "Zwaan",
    "Gouden Leeuw",
    "Kroon",
    "Noord",
    "Twentse",
    "Sallandse",
    "Vecht",
    "IJssel",
    "Hanze",
    "Regge",
    "Dinkel",
    "Eik",
    "Esch",
    "Oost",
    "Delta",
    "Prima",
    "Nova",
    "Optima",
    "Euro",
    "Veluwe",
)
RECHTSVORMEN = {
    "thuis": (("Eenmanszaak", 0.9), ("Vennootschap onder firma", 0.1)),
    "holding": (("Besloten Vennootschap", 1.0),),
    "winkel": (("Eenmanszaak", 0.5), ("Besloten Vennootschap", 0.4), ("Vennootschap onder firma", 0.1)),
    "bedrijf": (
        ("Besloten Vennootschap", 0.75),
        ("Eenmanszaak", 0.1),
        ("Vennootschap onder firma", 0.08),
        ("Naamloze Vennootschap", 0.02),
        ("Coöperatie", 0.05),
    ),
    "boerderij": (("Maatschap", 0.45), ("Vennootschap onder firma", 0.3), ("Eenmanszaak", 0.25)),
    "park": (("Besloten Vennootschap", 1.0),),
    "chalet": (("Besloten Vennootschap", 0.8), ("Eenmanszaak", 0.2)),
    "woonboot": (("Eenmanszaak", 0.6), ("Besloten Vennootschap", 0.4)),
    "vve": (("Vereniging van eigenaars", 1.0),),
}
RECHTSPERSONEN = {
    "Besloten Vennootschap",
    "Naamloze Vennootschap",
    "Coöperatie",
    "Stichting",
    "Vereniging van eigenaars",
    "Vereniging",
}
SUFFIX = {
    "Besloten Vennootschap": " B.V.",
    "Naamloze Vennootschap": " N.V.",
    "Coöperatie": " U.A.",
    "Vennootschap onder firma": " V.O.F.",
}


class KvkNumbers:
    """Unique, deterministic, shuffled-looking KvK-, vestigings- and RSIN-nummers."""

    def __init__(self) -> None:
        self.kvk = self.vestiging = self.rsin = 0

    def next_kvk(self) -> str:
        self.kvk += 1
        return f"{10_000_000 + (self.kvk * 7_919_993) % 90_000_000:08d}"

    def next_vestiging(self) -> str:
        self.vestiging += 1
        return f"0000{10_000_000 + (self.vestiging * 3_333_331) % 90_000_000:08d}"

    def next_rsin(self) -> str:
        while True:
            self.rsin += 1
            body = f"{10_000_000 + (self.rsin * 5_555_557) % 90_000_000:08d}"
            digit = rsin_check_digit(body)
            if digit is not None:
                return f"{body}{digit}"


def _date(rng, low_year: int, high_year: int = 2025) -> dt.date:
    return dt.date(int(rng.integers(low_year, high_year + 1)), 1, 1) + dt.timedelta(
        days=int(rng.integers(0, 365))
    )


class CompanyFactory:
    def __init__(self, numbers: KvkNumbers, rng: np.random.Generator):
        self.numbers, self.rng, self.names = numbers, rng, NamePicker(rng)

    def create(
        self, setting: str, address: dict, officers: list[dict], *, plaats: str = "", label: str = ""
    ) -> dict:
        """One company with its hoofdvestiging at address; officers are person dicts."""
        rng = self.rng
        code, omschrijving, template = SBI[setting][int(rng.integers(len(SBI[setting])))]
        vormen, weights = zip(*RECHTSVORMEN[setting], strict=False)
        rechtsvorm = vormen[int(rng.choice(len(vormen), p=weights))]
        surname = officers[0]["geslachtsnaam"] if officers else self.names.surname()[1]
        voornaam = officers[0]["voornamen"].split(" ")[0] if officers else "Anne"
        naam = template.format(
            n=surname,
            v=voornaam,
            p=plaats or address["woonplaats_naam"],
            g=GENERIC[int(rng.integers(len(GENERIC)))],
            a=label,
            s=label,
        )
        statutair = naam + SUFFIX.get(rechtsvorm, "")
        start = _date(rng, 1975 if setting in ("boerderij", "bedrijf") else 1995)
        functie = {"Eenmanszaak": "Eigenaar", "Vennootschap onder firma": "Vennoot", "Maatschap": "Maat"}.get(
            rechtsvorm, "Bestuurder"
        )
        company = {
            "kvkNummer": self.numbers.next_kvk(),
            "rsin": self.numbers.next_rsin() if rechtsvorm in RECHTSPERSONEN else "",
            "naam": statutair if rechtsvorm in RECHTSPERSONEN else naam,
            "handelsnamen": [naam],
            "rechtsvorm": rechtsvorm,
            "sbi": [(code, omschrijving)],
            "registratiedatum": start.isoformat(),
            "datumEinde": None,
            "setting": setting,
            "fictief": True,
            "functionarissen": [
                {"functie": functie, "persoon": _person_ref(p), "datumAanvang": start.isoformat()}
                for p in officers
            ],
            "vestigingen": [],
        }
        self.add_vestiging(company, address, hoofd=True, start=start)
        return company

    def add_vestiging(
        self,
        company: dict,
        address: dict,
        *,
        hoofd: bool,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> dict:
        rng = self.rng
        werkzaam = int(
            rng.choice([1, 2, 3, 5, 8, 15, 40, 120], p=[0.45, 0.15, 0.1, 0.1, 0.08, 0.07, 0.04, 0.01])
        )
        vestiging = {
            "vestigingsnummer": self.numbers.next_vestiging(),
            "hoofdvestiging": hoofd,
            "adres": address_summary(address),
            "eersteHandelsnaam": company["handelsnamen"][0],
            "datumAanvang": (start or _date(rng, 2000)).isoformat(),
            "datumEinde": end.isoformat() if end else None,
            "totaalWerkzamePersonen": werkzaam,
            "voltijdWerkzamePersonen": max(werkzaam // 2, 1 if werkzaam else 0),
        }
        company["vestigingen"].append(vestiging)
        return vestiging

    def move(self, company: dict, new_address: dict) -> None:
        """The company moved: the old vestiging ends, a new one starts at new_address."""
        old = company["vestigingen"][-1]
        moved = dt.date.fromisoformat(old["datumAanvang"]) + dt.timedelta(
            days=int(self.rng.integers(200, 3000))
        )
        moved = min(moved, dt.date(2025, 12, 1))
        old["datumEinde"] = moved.isoformat()
        old["hoofdvestiging"] = False
        new = self.add_vestiging(company, new_address, hoofd=True, start=moved + dt.timedelta(days=1))
        new["verhuisdVan"] = old["vestigingsnummer"]


def _person_ref(person: dict) -> dict:
    keys = ("persoon_id", "voornamen", "voorvoegsel", "geslachtsnaam", "geboortedatum")
    return {k: person[k] for k in keys}
