"""Dutch name and street-name distributions for fictitious people, companies and streets.

Surnames follow a Zipf-like weight over a list that mixes the national top names with the
Saxon (Twente, Salland) names that dominate Overijssel. Nothing here is a real person.
"""

from __future__ import annotations

import numpy as np


def _names(text: str) -> tuple[str, ...]:
    """A '|'-separated list, kept compact so the data does not dwarf the code."""
    return tuple(text.split("|"))


SURNAMES = _names(
    "de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|"
    "Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|"
    "Smits|de Graaf|van der Meer|Nijhuis|Kamphuis|Wissink|Lammertink|Scholten|Kuipers|"
    "ter Horst|Assink|Pierik|Wolters|Hofman|Brinkman|Oude Luttikhuis|Klein Gunnewiek|"
    "Haverkate|Morsink|Oosterhof|Nijenhuis|Vos|Heerink|Groothuis|Bruggink|Veldhuis|Jansink|"
    "Leferink|Brinkhuis|Hesselink|Olthof|Reinders|Schuurman|Rouwenhorst|Holtkamp|Elferink|"
    "Wesselink|Geerdink|Tijhuis|Kleinjan|Pots|Smelt|van der Linden|Kok|Jacobs|de Haan|"
    "Vermeulen|van den Heuvel|van der Veen|van den Broek|de Bruijn|de Bruin|van der Heijden|"
    "Schouten|van Beek|Willems|van Vliet|van de Ven|Hoekstra|Maas|Verhoeven|Koster|van Dam|"
    "van der Wal|Prins|Blom|Huisman|Peeters|de Jonge|Kuiper|van Veen|Post|Veenstra|Kramer|"
    "van den Brink|van Wijk|Postma|Martens|Vink|de Ruiter|Timmermans|Groen|Gerritsen|Jonker|"
    "van Loon|Boer|van der Velde|Willemsen|de Lange|de Vos|Bosch|van Dongen|Schipper|"
    "de Koning|van der Laan|Koning|Evers|van der Velden|Driessen|van Doorn|Hermans|"
    "van den Bosch|van der Meulen|Bosman|Wolbers|Slagman|Ekkelenkamp|Beltman|Velthuis|"
    "Hulsman|Stegeman|ten Brinke|Lubbers|Mensink|Hoogeveen|Nijland|Spijkerman|Bouwhuis|"
    "Gerritsen|Zwiers|Bolks|Wiggers|Kroeze|Stoffers|Kolkman|Slot|Nieuwenhuis|Plasman|"
    "Boerrigter|Eshuis|Dijkhuis|Voortman|Wijnbergen|Hulshof|Oude Vrielink|Yılmaz|Kaya|Demir|"
    "Şahin|El Amrani|Bouzid|Nguyen|Kowalski|Nowak|Müller|Schmidt|Dönmez|Çelik|Özdemir|Aydın|"
    "Hoek|Bekkers|Leusink"
)

MALE_FIRST = _names(
    "Jan|Johannes|Gerrit|Hendrik|Willem|Cornelis|Bernard|Gerard|Antonius|Albertus|Hendrikus|"
    "Bernardus|Theodorus|Petrus|Jacobus|Martinus|Freek|Pieter|Dirk|Henk|Gert|Harm|Herman|Jos|"
    "Marco|Erik|Dennis|Martijn|Bas|Tim|Jeroen|Ruben|Thijs|Daan|Sem|Lucas|Levi|Finn|Noah|"
    "Jesse|Bram|Stijn|Luuk|Mees|Teun|Wessel|Sven|Niels|Koen|Rik|Mehmet|Mohamed|Ahmet|Piotr|"
    "Tomasz|Minh|André|René|José"
)
FEMALE_FIRST = _names(
    "Maria|Johanna|Hendrika|Geertruida|Anna|Wilhelmina|Aleida|Berendina|Gerda|Anneke|Ineke|"
    "Marian|Petra|Monique|Sandra|Linda|Ilse|Marloes|Femke|Anouk|Lotte|Sanne|Iris|Eva|Lisa|"
    "Fleur|Emma|Julia|Tess|Sophie|Zoë|Noor|Saar|Fenna|Lieke|Mirthe|Esmee|Nienke|Janneke|"
    "Fatma|Ayşe|Fatima|Agnieszka|Anna-Lena|Mariëlle|Daniëlle|Chantal|Renée"
)

STREET_STEMS = _names(
    "Eiken|Beuken|Berken|Linden|Essen|Wilgen|Populieren|Kastanje|Lijsterbes|Meidoorn|"
    "Hazelaar|Vlier|Rozen|Tulpen|Narcissen|Seringen|Anjer|Lelie|Merel|Lijster|Kievit|Spreeuw|"
    "Zwaluw|Reiger|Vink|Grutto|Buizerd|Uilen|Smeden|Bakkers|Molenaars|Kuipers|Wevers|"
    "Timmermans|Schippers|Vissers|Rembrandt|Vermeer|Van Gogh|Mondriaan|Thorbecke|Multatuli|"
    "Vondel|Bilderdijk|Tesselschade|Jan Steen|Frans Hals|Kennedy|Churchill|Roosevelt|"
    "Burgemeester van der Kolk|Burgemeester Schuttelaar|Pastoor Hagemann|Dokter Ariëns|"
    "Sint Jozef|Sint Nicolaas|Prins Hendrik|Koningin Wilhelmina|Prinses Margriet|Oranje|"
    "Nassau|Esch|Kamp|Brink|Marke|Hof|Kerk|Molen|School|Stations|Haven|Dijk|Veen|Maten|Broek|"
    "Horst|Hoek|Kolk|Veld|Zand|Heide"
)
STREET_SUFFIXES = _names(
    "straat|laan|weg|hof|plein|singel|pad|dreef|kamp|erf|es|veld|gaarde|steeg|kade|markt|park|horst"
)
RURAL_ROADS = _names(
    "Oude {p}weg|{p}seweg|{p}sestraat|Hoge {p}weg|Lage {p}weg|{p}erdijk|Kanaalweg|Molendijk|"
    "Veenweg|Esweg|Heuvelweg|Broekweg|Zandweg|Kerkpad|Buitenweg|Marsweg|Haarweg|Boslaan|"
    "Veldweg|Schoolweg|Dwarsweg|Rietweg"
)
BUSINESS_STREETS = _names(
    "Industrieweg|Nijverheidsweg|Ambachtsweg|Handelsweg|Transportweg|Energieweg|"
    "Techniekstraat|Innovatielaan|Logistiekweg|Metaalweg|Houtweg|Chemieweg|Expeditiestraat|"
    "Productieweg|Marconistraat|Edisonstraat|Faradaystraat|Pascalstraat|Ohmstraat|"
    "Voltastraat|Keppelerdijk|Havenstraat|Kanaaldijk"
)
PARK_NAMES = _names(
    "De Eese|Het Lemelerveld|De Sallandse Heuvelrug|Het Hulsbeek|De Reggestreek|"
    "De Vechtoever|Het Wezenland|De Witte Berg|Het Zwanenmeer|De Dennenhorst|De Boshoek|"
    "Het Varsenerveld|De Molenhof|De Kleine Belties|Het Hunzebos|De Hoge Veluwe|De Paasberg|"
    "Het Lutterzand|Het Springendal|De Haarlerberg|De Luttenberg|Het Rheezerveld|"
    "De Lemelerberg|Het Meuleman|De Bergvennen|De Zandstuve|Het Kuiperberg|De Holterberg|"
    "De Elsenerbroek|De Noetselerberg"
)
PARK_KINDS = _names("Vakantiepark|Recreatiepark|Camping|Bungalowpark|Chaletpark")


class NamePicker:
    """Draws Dutch names with realistic frequencies from a numpy Generator."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self._surname_p = zipf_weights(len(SURNAMES), 0.9)
        self._male_p = zipf_weights(len(MALE_FIRST), 0.6)
        self._female_p = zipf_weights(len(FEMALE_FIRST), 0.6)

    def surname(self) -> tuple[str, str]:
        """(voorvoegsel, geslachtsnaam), e.g. ('van der', 'Meer')."""
        full = SURNAMES[self.rng.choice(len(SURNAMES), p=self._surname_p)]
        return split_surname(full)

    def first_names(self, geslacht: str) -> str:
        """One to three voornamen, the first the roepnaam."""
        names, p = (MALE_FIRST, self._male_p) if geslacht == "M" else (FEMALE_FIRST, self._female_p)
        count = int(self.rng.choice([1, 2, 3], p=[0.35, 0.45, 0.2]))
        picks = self.rng.choice(len(names), size=count, replace=False, p=p)
        return " ".join(names[i] for i in picks)

    def urban_street(self) -> str:
        stem = STREET_STEMS[self.rng.integers(len(STREET_STEMS))]
        suffix = STREET_SUFFIXES[self.rng.integers(len(STREET_SUFFIXES))]
        return stem + suffix

    def rural_road(self, place: str) -> str:
        pattern = RURAL_ROADS[self.rng.integers(len(RURAL_ROADS))]
        return pattern.format(p=place.split(" ")[0].split("-")[0])

    def business_street(self) -> str:
        return BUSINESS_STREETS[self.rng.integers(len(BUSINESS_STREETS))]

    def park_name(self) -> str:
        kind = PARK_KINDS[self.rng.integers(len(PARK_KINDS))]
        return f"{kind} {PARK_NAMES[self.rng.integers(len(PARK_NAMES))]}"


def split_surname(full: str) -> tuple[str, str]:
    """'van der Meer' -> ('van der', 'Meer'); 'Oude Luttikhuis' stays whole (not a voorvoegsel)."""
    parts = full.split(" ")
    prefix: list[str] = []
    for part in parts[:-1]:
        if part in {"van", "der", "den", "de", "ter", "ten", "te", "het", "'t"}:
            prefix.append(part)
        else:
            break
    return " ".join(prefix), " ".join(parts[len(prefix) :])


def zipf_weights(n: int, exponent: float) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    return weights / weights.sum()


def spelling_variant(street: str, rng: np.random.Generator) -> str:
    """A realistic mis-spelling/abbreviation of a street name, as found in partner data."""
    variants = [
        ("Burgemeester ", "Burg. "),
        ("Sint ", "St. "),
        ("Koningin ", "Kon. "),
        ("Prinses ", "Pr. "),
        ("Pastoor ", "Past. "),
        ("Dokter ", "Dr. "),
        ("straat", "str."),
        ("weg", "wg"),
        ("laan", "ln"),
        ("ë", "e"),
        ("ij", "y"),
    ]
    applicable = [v for v in variants if v[0] in street]
    if applicable:
        old, new = applicable[rng.integers(len(applicable))]
        return street.replace(old, new, 1)
    return street.upper() if rng.random() < 0.5 else street.lower()
