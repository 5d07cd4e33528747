"""The catalog's codes as URIs of the vocabularies DCAT-AP-DONL and the EU use."""

from __future__ import annotations

from weerbaar.core.access import AccessLevel

OWMS_TERMS = "http://standaarden.overheid.nl/owms/terms/"
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
TOOI = "https://identifier.overheid.nl/tooi/id/"

#: Top level of the Taxonomie Beleidsagenda (overheid:TaxonomieBeleidsagenda).
DONL_THEMES = (
    "Bestuur",
    "Cultuur_en_recreatie",
    "Economie",
    "Financien",
    "Huisvesting_(thema)",
    "Internationaal",
    "Landbouw_(thema)",
    "Migratie_en_integratie",
    "Natuur_en_milieu",
    "Onderwijs_en_wetenschap",
    "Openbare_orde_en_veiligheid",
    "Recht_(thema)",
    "Ruimte_en_infrastructuur",
    "Sociale_zekerheid",
    "Verkeer_(thema)",
    "Werk_(thema)",
    "Zorg_en_gezondheid",
)

ACCESS_RIGHTS = {
    AccessLevel.OPENBAAR: "PUBLIC",
    AccessLevel.INTERN: "RESTRICTED",
    AccessLevel.AFGESCHERMD: "NON_PUBLIC",
}

#: File types of the EU vocabulary; formats not in it (OGC API Features) are exported as text.
FILE_TYPES = frozenset(
    {
        "CSV",
        "JSON",
        "GEOJSON",
        "GML",
        "GPKG",
        "HTML",
        "PDF",
        "SHP",
        "XML",
        "XLSX",
        "ZIP",
        "WFS_SRVC",
        "WMS_SRVC",
        "WMTS_SRVC",
        "RDF_TURTLE",
        "JSON_LD",
    }
)
FORMATS = sorted(FILE_TYPES | {"OGC_API_FEATURES"})

LANGUAGES = {"nl": "NLD", "de": "DEU", "en": "ENG"}


def theme_uri(code: str) -> str:
    return OWMS_TERMS + code


def access_right_uri(level: str) -> str:
    return f"{EU_AUTHORITY}access-right/{ACCESS_RIGHTS[level]}"


def frequency_uri(code: str) -> str:
    return f"{EU_AUTHORITY}frequency/{code}"


def language_uri(code: str) -> str:
    return f"{EU_AUTHORITY}language/{LANGUAGES[code]}"


def file_type_uri(code: str) -> str | None:
    return f"{EU_AUTHORITY}file-type/{code}" if code in FILE_TYPES else None


def organisation_uri(code: str, kind: str, base: str) -> str:
    """TOOI identifiers for provinces and municipalities; the platform's own URI otherwise."""
    if kind == "provincie":
        return f"{TOOI}provincie/{code.lower()}"
    if kind == "gemeente":
        return f"{TOOI}gemeente/{code.lower()}"
    return f"{base.rstrip('/')}/organisaties/{code}"
