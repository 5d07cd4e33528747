"""The DCAT export parses back with rdflib and has DCAT-AP-DONL's mandatory fields."""

import csv
import io
import json

import pytest
from django.test import Client
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from weerbaar.catalog.dcat import MANDATORY, OVERHEID
from weerbaar.catalog.models import Factsheet
from weerbaar.core.access import Role
from weerbaar.core.testing import persona_client

ACCESS = "http://publications.europa.eu/resource/authority/access-right/"


def _graph(client, path, fmt):
    response = client.get(path)
    assert response.status_code == 200
    graph = Graph()
    graph.parse(data=response.content.decode(), format=fmt)
    return graph


@pytest.mark.parametrize(
    ("path", "fmt"), [("/factsheets/export.ttl", "turtle"), ("/factsheets/export.jsonld", "json-ld")]
)
def test_every_dataset_has_the_mandatory_fields(starter, path, fmt):
    graph = _graph(persona_client(Client, Role.RIEC_ANALIST), path, fmt)
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(datasets) == Factsheet.objects.count()
    for dataset in datasets:
        missing = [str(p) for p in MANDATORY if graph.value(dataset, p) is None]
        assert not missing, f"{dataset}: {missing}"
        assert str(graph.value(dataset, DCAT.theme)).startswith("http://standaarden.overheid.nl/owms/terms/")
        point = graph.value(dataset, DCAT.contactPoint)
        assert graph.value(point, URIRef("http://www.w3.org/2006/vcard/ns#fn")) is not None


def test_access_rights_and_legal_basis_are_exported(starter):
    graph = _graph(persona_client(Client, Role.RIEC_ANALIST), "/factsheets/export.ttl", "turtle")
    brp = URIRef("http://testserver/catalogus/brp")
    assert str(graph.value(brp, DCTERMS.accessRights)) == ACCESS + "NON_PUBLIC"
    assert "Wet basisregistratie personen" in str(graph.value(brp, OVERHEID.grondslag))
    # the basis is named once (the label of every page), never "Wet … (Wet …)"
    for label in map(str, graph.objects(None, OVERHEID.grondslag)):
        title, _, article = label.partition(" (")
        assert article.removesuffix(")") != title, label


def test_the_legal_basis_literal_is_dutch_whatever_the_request_language(starter):
    client = persona_client(Client, Role.RIEC_ANALIST)
    client.cookies["weerbaar_language"] = "de"
    graph = _graph(client, "/factsheets/export.ttl", "turtle")
    brp = URIRef("http://testserver/catalogus/brp")
    assert "Wet basisregistratie personen" in str(graph.value(brp, OVERHEID.grondslag))
    assert {str(o) for o in graph.objects(brp, DCTERMS.language)} >= {
        "http://publications.europa.eu/resource/authority/language/NLD"
    }
    bag = URIRef("http://testserver/catalogus/bag")
    assert str(graph.value(bag, OVERHEID.authority)) == "http://testserver/organisaties/GEMEENTEN"
    assert len(list(graph.objects(bag, DCAT.distribution))) == 3


def test_the_public_export_holds_only_open_factsheets(starter):
    graph = _graph(Client(), "/factsheets/export.ttl", "turtle")
    rights = {str(o) for o in graph.objects(None, DCTERMS.accessRights)}
    assert rights == {ACCESS + "PUBLIC"}


def test_csv_export_is_semicolon_separated_and_reimportable(starter):
    response = persona_client(Client, Role.PROVINCIAAL_ADVISEUR).get("/factsheets/export.csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == Factsheet.objects.count()
    bag = next(r for r in rows if r["identifier"] == "bag")
    assert bag["owner"] == "GEMEENTEN" and bag["formats"] == "JSON|GPKG|OGC_API_FEATURES"


def test_jsonld_is_json(starter):
    body = Client().get("/factsheets/export.jsonld").content
    assert json.loads(body)
