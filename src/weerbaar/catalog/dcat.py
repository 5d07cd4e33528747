"""Export the catalog as DCAT-AP-DONL (RDF: Turtle, JSON-LD) and as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils import translation
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from . import vocab
from .models import Factsheet

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
OVERHEID = Namespace(vocab.OWMS_TERMS)
DCATAP = Namespace("http://data.europa.eu/r5r/")
ADMS = Namespace("http://www.w3.org/ns/adms#")

#: Properties every exported dataset has (DCAT-AP-DONL mandatory set, see docs/conventions).
MANDATORY = (
    DCTERMS.identifier,
    DCTERMS.title,
    DCTERMS.description,
    DCTERMS.language,
    DCAT.theme,
    DCTERMS.modified,
    OVERHEID.authority,
    DCTERMS.publisher,
    DCAT.contactPoint,
)


def _languages(factsheet: Factsheet) -> list[str]:
    return [code for code in ("nl", "de", "en") if getattr(factsheet, f"title_{code}")]


def catalog_graph(factsheets: Iterable[Factsheet], *, base: str) -> Graph:
    """One dcat:Catalog with a dcat:Dataset per factsheet. `base` is the platform's own URL."""
    base = base.rstrip("/") + "/"
    graph = Graph()
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("overheid", OVERHEID),
        ("dcatap", DCATAP),
        ("adms", ADMS),
    ):
        graph.bind(prefix, namespace)
    catalog = URIRef(base + "catalogus")
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, Literal("Weerbaar — factsheets informatiebronnen", lang="nl")))
    organisations: dict[str, URIRef] = {}

    def organisation(org) -> URIRef:
        if org.code not in organisations:
            uri = URIRef(vocab.organisation_uri(org.code, org.kind, base))
            graph.add((uri, RDF.type, FOAF.Agent))
            graph.add((uri, FOAF.name, Literal(org.name, lang="nl")))
            organisations[org.code] = uri
        return organisations[org.code]

    for factsheet in factsheets:
        dataset = URIRef(f"{base}catalogus/{factsheet.identifier}")
        graph.add((catalog, DCAT.dataset, dataset))
        graph.add((dataset, RDF.type, DCAT.Dataset))
        graph.add((dataset, DCTERMS.identifier, Literal(str(dataset), datatype=XSD.anyURI)))
        for code in _languages(factsheet):
            graph.add((dataset, DCTERMS.language, URIRef(vocab.language_uri(code))))
            graph.add((dataset, DCTERMS.title, Literal(getattr(factsheet, f"title_{code}"), lang=code)))
            text = getattr(factsheet, f"description_{code}")
            if text:
                graph.add((dataset, DCTERMS.description, Literal(text, lang=code)))
        graph.add((dataset, DCAT.theme, URIRef(vocab.theme_uri(factsheet.donl_theme))))
        for theme in factsheet.themes.all():
            graph.add((dataset, DCAT.keyword, Literal(theme.name_nl, lang="nl")))
        for keyword in factsheet.keywords:
            graph.add((dataset, DCAT.keyword, Literal(keyword, lang="nl")))
        graph.add(
            (dataset, DCTERMS.modified, Literal(factsheet.modified_at.date().isoformat(), datatype=XSD.date))
        )
        graph.add((dataset, OVERHEID.authority, organisation(factsheet.owner)))
        graph.add((dataset, DCTERMS.publisher, organisation(factsheet.publisher or factsheet.owner)))
        graph.add((dataset, DCTERMS.accessRights, URIRef(vocab.access_right_uri(factsheet.access_level))))
        graph.add((dataset, DCTERMS.accrualPeriodicity, URIRef(vocab.frequency_uri(factsheet.frequency))))
        graph.add((dataset, DCTERMS.spatial, Literal(factsheet.spatial)))
        graph.add((dataset, ADMS.version, Literal(str(factsheet.version))))
        with translation.override("nl"):  # the literal is tagged Dutch, whatever the request's language
            for basis in factsheet.legal_bases.all():
                graph.add((dataset, OVERHEID.grondslag, Literal(str(basis), lang="nl")))
        if factsheet.temporal_start or factsheet.temporal_end:
            period = BNode()
            graph.add((dataset, DCTERMS.temporal, period))
            graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
            if factsheet.temporal_start:
                graph.add(
                    (period, DCAT.startDate, Literal(factsheet.temporal_start.isoformat(), datatype=XSD.date))
                )
            if factsheet.temporal_end:
                graph.add(
                    (period, DCAT.endDate, Literal(factsheet.temporal_end.isoformat(), datatype=XSD.date))
                )
        contact = factsheet.contact
        point = BNode()
        graph.add((dataset, DCAT.contactPoint, point))
        graph.add((point, RDF.type, VCARD.Organization))
        if contact is not None:
            graph.add((point, VCARD.fn, Literal(contact.role_nl, lang="nl")))
            graph.add((point, VCARD.hasEmail, URIRef(f"mailto:{contact.email}")))
        else:
            graph.add((point, VCARD.fn, Literal(factsheet.maintainer.name, lang="nl")))
        for position, distribution in enumerate(factsheet.distributions.all()):
            node = URIRef(f"{base}catalogus/{factsheet.identifier}#distributie-{position + 1}")
            graph.add((dataset, DCAT.distribution, node))
            graph.add((node, RDF.type, DCAT.Distribution))
            graph.add((node, DCTERMS.title, Literal(distribution.title_nl, lang="nl")))
            file_type = vocab.file_type_uri(distribution.format)
            graph.add(
                (node, DCTERMS.format, URIRef(file_type) if file_type else Literal(distribution.format))
            )
            if distribution.url:
                graph.add((node, DCAT.accessURL, URIRef(distribution.url)))
            elif distribution.layer:
                graph.add((node, DCAT.accessURL, URIRef(f"{base}viewer#{distribution.layer}")))
            graph.add((node, DCTERMS.accessRights, URIRef(vocab.access_right_uri(factsheet.access_level))))
    return graph


def catalog_turtle(factsheets: Iterable[Factsheet], *, base: str) -> str:
    return catalog_graph(factsheets, base=base).serialize(format="turtle")


def catalog_jsonld(factsheets: Iterable[Factsheet], *, base: str) -> str:
    return catalog_graph(factsheets, base=base).serialize(format="json-ld", auto_compact=True)


#: CSV columns; the importer reads the same columns back.
CSV_COLUMNS = (
    "identifier",
    "title_nl",
    "title_de",
    "title_en",
    "description_nl",
    "description_de",
    "description_en",
    "owner",
    "publisher",
    "maintainer",
    "themes",
    "donl_theme",
    "keywords",
    "access_level",
    "personal_data",
    "personal_data_categories",
    "legal_bases",
    "access_procedure_nl",
    "access_procedure_de",
    "access_procedure_en",
    "contact",
    "frequency",
    "spatial",
    "temporal_start",
    "temporal_end",
    "reviewed_on",
    "reviewer",
    "formats",
)


def factsheet_row(factsheet: Factsheet) -> dict[str, str]:
    join = "|".join
    return {
        "identifier": factsheet.identifier,
        "title_nl": factsheet.title_nl,
        "title_de": factsheet.title_de,
        "title_en": factsheet.title_en,
        "description_nl": factsheet.description_nl,
        "description_de": factsheet.description_de,
        "description_en": factsheet.description_en,
        "owner": factsheet.owner.code,
        "publisher": factsheet.publisher.code if factsheet.publisher else "",
        "maintainer": factsheet.maintainer.code,
        "themes": join(sorted(t.code for t in factsheet.themes.all())),
        "donl_theme": factsheet.donl_theme,
        "keywords": join(factsheet.keywords),
        "access_level": factsheet.access_level,
        "personal_data": "ja" if factsheet.personal_data else "nee",
        "personal_data_categories": join(factsheet.personal_data_categories),
        "legal_bases": join(sorted(b.code for b in factsheet.legal_bases.all())),
        "access_procedure_nl": factsheet.access_procedure_nl,
        "access_procedure_de": factsheet.access_procedure_de,
        "access_procedure_en": factsheet.access_procedure_en,
        "contact": factsheet.contact.key if factsheet.contact else "",
        "frequency": factsheet.frequency,
        "spatial": factsheet.spatial,
        "temporal_start": factsheet.temporal_start.isoformat() if factsheet.temporal_start else "",
        "temporal_end": factsheet.temporal_end.isoformat() if factsheet.temporal_end else "",
        "reviewed_on": factsheet.reviewed_on.isoformat(),
        "reviewer": factsheet.reviewer.key if factsheet.reviewer else "",
        "formats": join(d.format for d in factsheet.distributions.all()),
    }


def catalog_csv(factsheets: Iterable[Factsheet]) -> str:
    """Semicolon-separated UTF-8 with BOM, as Dutch spreadsheet users expect."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, delimiter=";")
    writer.writeheader()
    for factsheet in factsheets:
        writer.writerow(factsheet_row(factsheet))
    return buffer.getvalue()
