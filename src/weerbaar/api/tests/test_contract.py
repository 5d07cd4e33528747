"""The published contract (issue 17 item 7): refusals and enum values in the OpenAPI document, and
unknown parameters or values refused with a 400 that names them in the API's words."""

import pytest

from weerbaar.api.contract import api_cases
from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.matrix import ALL_PERSONAS
from weerbaar.core.testing import login_verified, make_user
from weerbaar.signals.models import InterventionType

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def spec():
    from weerbaar.api.api import api

    return api.get_openapi_schema()


def _operations(spec):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def _problem_statuses(operation) -> set[int]:
    return {
        int(status)
        for status, response in operation["responses"].items()
        if PROBLEM in response.get("content", {})
        and response["content"][PROBLEM]["schema"] == {"$ref": "#/components/schemas/Problem"}
    }


def test_problem_schema_is_published(spec):
    problem = spec["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "instance"} <= set(problem["required"])
    assert spec["components"]["schemas"]["InvalidParam"]["required"] == ["name", "code", "reason"]


def test_every_operation_documents_400_401_and_414_as_problem_json(spec):
    for path, method, operation in _operations(spec):
        assert {400, 401, 414} <= _problem_statuses(operation), (method, path)
        if "requestBody" in operation:
            assert 413 in _problem_statuses(operation), (method, path)


@pytest.mark.django_db
def test_an_over_long_address_is_the_documented_414(client, settings, region):
    """Found by schemathesis: the request-limit middleware answers before any view."""
    response = client.get("/api/v1/factsheets", {"q": "x" * (settings.WEERBAAR_MAX_URL_LENGTH + 1)})
    assert response.status_code == 414 and response["Content-Type"] == PROBLEM


def test_operations_with_a_path_parameter_document_404(spec):
    for path, method, operation in _operations(spec):
        if "{" in path:
            assert 404 in _problem_statuses(operation), (method, path)


def test_documented_refusals_follow_the_access_matrix(spec):
    """Whatever status the access matrix proves for some persona (tests/test_access_matrix.py) is
    documented; an endpoint open to everyone documents no 403."""
    by_route = {}
    from django.urls import reverse

    for case in api_cases():
        path = reverse(case.url_name, kwargs=case.kwargs)
        by_route.setdefault((case.method, case.url_name), (path, set()))[1].update(
            case.expected(p) for p in ALL_PERSONAS
        )
    documented = {}
    for path, method, operation in _operations(spec):
        documented[(method, path)] = _problem_statuses(operation) | {int(s) for s in operation["responses"]}
    checked = 0
    for (method, _name), (url, statuses) in by_route.items():
        template = next(
            (p for (m, p) in documented if m == method and _matches(p, url)),
            None,
        )
        if template is None:  # the OpenAPI document and the docs page themselves
            continue
        checked += 1
        assert statuses <= documented[(method, template)], (method, template, statuses)
    assert checked >= 25
    assert 403 not in _problem_statuses(spec["paths"]["/api/v1/organisaties"]["get"])
    assert 403 in _problem_statuses(spec["paths"]["/api/v1/logboek"]["get"])


def _matches(template: str, url: str) -> bool:
    parts, actual = template.strip("/").split("/"), url.split("?")[0].strip("/").split("/")
    return len(parts) == len(actual) and all(
        p == a or (p.startswith("{") and p.endswith("}")) for p, a in zip(parts, actual, strict=True)
    )


def _schema_of(spec, ref_or_schema):
    while "$ref" in ref_or_schema:
        ref_or_schema = spec["components"]["schemas"][ref_or_schema["$ref"].rsplit("/", 1)[1]]
    return ref_or_schema


def _body_field(spec, path, method, field):
    body = spec["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]
    return _schema_of(spec, _schema_of(spec, body)["properties"][field])


def _query_parameter(spec, path, name):
    parameter = next(p for p in spec["paths"][path]["get"]["parameters"] if p["name"] == name)
    return _schema_of(spec, parameter["schema"])


def _enum(spec, schema) -> set:
    schema = _schema_of(spec, schema)
    if "enum" in schema:
        return set(schema["enum"])
    for option in schema.get("anyOf", []) + schema.get("allOf", []):
        if found := _enum(spec, option):
            return found
    if "items" in schema:
        return _enum(spec, schema["items"])
    return set()


def test_enum_values_are_in_the_schema(spec):
    soort = _body_field(spec, "/api/v1/casussen/{id}/interventies", "post", "soort")
    assert _enum(spec, soort) == set(InterventionType.values)
    assert _enum(spec, _query_parameter(spec, "/api/v1/signalen", "bereik")) == {"all", "mine", "assigned"}
    assert _enum(spec, _query_parameter(spec, "/api/v1/factsheets", "toegangsniveau")) == set(
        AccessLevel.values
    )
    assert _enum(spec, _query_parameter(spec, "/api/v1/factsheets", "persoonsgegevens")) == {"ja", "nee"}
    assert "gemeente" in _enum(spec, _query_parameter(spec, "/api/v1/organisaties", "soort"))
    assert _enum(spec, _body_field(spec, "/api/v1/signalen", "post", "fenomeen"))


@pytest.mark.django_db
def test_an_unknown_query_parameter_is_400_naming_it(client, region):
    response = client.get("/api/v1/organisaties", {"soort": "gemeente", "sort": "naam", "limit": "5"})
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    params = response.json()["invalidParams"]
    assert {(p["name"], p["code"]) for p in params} == {("sort", "unknownParam"), ("limit", "unknownParam")}
    assert client.get("/api/v1/organisaties", {"soort": "gemeente"}).status_code == 200


@pytest.mark.django_db
def test_an_unknown_value_is_400_naming_the_parameter(client, region):
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"))
    response = client.get("/api/v1/signalen", {"bereik": "xyz"})
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert [p["name"] for p in response.json()["invalidParams"]] == ["bereik"]
    assert client.get("/api/v1/signalen", {"bereik": "mine"}).status_code == 200
    response = client.get("/api/v1/factsheets", {"toegangsniveau": "geheim"})
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["toegangsniveau"]


@pytest.mark.django_db
def test_a_page_number_past_any_page_is_400_not_a_server_error(client, region):
    """Found by schemathesis: the offset of a huge page number overflowed the database's integer."""
    response = client.get("/api/v1/openbare-ruimten", {"pagina": "2411881551035370074800128"})
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert [p["name"] for p in response.json()["invalidParams"]] == ["pagina"]
    assert client.get("/api/v1/openbare-ruimten", {"pagina": "100000"}).status_code == 200
