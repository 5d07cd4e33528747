"""NL API Design Rules: /api/v1, API-Version, OpenAPI without login, problem+json, no slash redirects."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from weerbaar.accounts.services.proposals import proposal_create, proposal_decide
from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def test_openapi_document_is_public_and_version_3(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")
    assert response["API-Version"] == "1.0.0"


def test_openapi_paths_are_kebab_case_and_query_parameters_camel_case(client):
    """Lint the published contract, not the code: what partners see must follow the rules."""
    spec = client.get("/api/v1/openapi.json").json()
    for path, operations in spec["paths"].items():
        for segment in path.strip("/").split("/"):
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*|\{[a-zA-Z]+\}", segment), path
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    assert re.fullmatch(r"[a-z][a-zA-Z0-9]*", parameter["name"]), (path, parameter["name"])


def test_every_api_response_carries_api_version(client, region):
    for path in ("/api/v1/organisaties", "/api/v1/bestaat-niet", "/api/v1/logboek"):
        assert client.get(path)["API-Version"] == "1.0.0", path


def test_trailing_slash_is_404_not_a_redirect(client, region):
    assert client.get("/api/v1/organisaties").status_code == 200
    response = client.get("/api/v1/organisaties/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_unknown_resource_is_problem_json_404(client, region):
    response = client.get("/api/v1/organisaties/GM9999")
    assert response.status_code == 404
    body = response.json()
    assert response["Content-Type"] == PROBLEM
    assert body["status"] == 404 and body["title"] and "GM9999" in body["detail"]


def test_anonymous_on_protected_endpoint_is_401_problem(client):
    response = client.get("/api/v1/logboek")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 401


def test_logged_in_without_the_role_is_403_problem(client, region):
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"))
    response = client.get("/api/v1/logboek")
    assert response.status_code == 403 and response["Content-Type"] == PROBLEM


def test_invalid_input_is_400_listing_every_field_error_at_once(client, region):
    login_verified(client, make_user(Role.FG, "PV23"))
    response = client.get("/api/v1/logboek", {"vanaf": "gisteren", "pageSize": "0"})
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert {"vanaf", "pageSize"} <= names


def test_token_from_issue_token_authenticates_and_can_be_revoked(client, region):
    make_user(Role.FG, "PV23", username="script-fg")
    out = io.StringIO()
    call_command("issue_token", "script-fg", stdout=out, stderr=io.StringIO())
    token = out.getvalue().strip()
    header = {"HTTP_AUTHORIZATION": f"Token {token}"}
    me = client.get("/api/v1/ik", **header)
    assert me.status_code == 200 and me.json()["gebruikersnaam"] == "script-fg"
    # a plain token is one factor, and the FG reads the log only with a verified second factor
    assert client.get("/api/v1/logboek", **header).status_code == 403

    call_command("revoke_token", "script-fg", stdout=io.StringIO())
    response = client.get("/api/v1/ik", **header)
    assert response.status_code == 401 and response["Content-Type"] == PROBLEM


def test_a_wrong_token_is_401_even_on_public_endpoints(client, region):
    response = client.get("/api/v1/organisaties", HTTP_AUTHORIZATION="Token verzonnen")
    assert response.status_code == 401


def test_public_reference_data(client, region):
    gemeenten = client.get("/api/v1/gebieden", {"soort": "gemeente"}).json()
    assert len(gemeenten) == 25
    zwolle = client.get(reverse("api:organisatie", kwargs={"code": "GM0193"})).json()
    assert zwolle == {
        "code": "GM0193",
        "naam": "Gemeente Zwolle",
        "soort": "gemeente",
        "land": "NL",
        "cbsCode": "GM0193",
    }


def test_only_a_token_issued_as_second_factor_reaches_shielded_data(client, region):
    """A plain token is one factor; a token that counts as the second factor is given by two
    administrators (a proposal and its approval), never by one command."""
    koppeling = make_user(Role.RIEC_ANALIST, "RIEC-ON", username="koppeling")
    out = io.StringIO()
    call_command("issue_token", "koppeling", stdout=out, stderr=io.StringIO())
    tokens = {False: out.getvalue().strip()}
    with pytest.raises(CommandError, match="two people"):
        call_command("issue_token", "koppeling", "--shielded", stdout=io.StringIO(), stderr=io.StringIO())
    proposal = proposal_create(
        ctx=ctx_of(make_user(Role.BEHEERDER, "PV23", username="beheerder"), second_factor=True),
        kind="shielded-token",
        subject=koppeling,
        payload={"label": "koppeling"},
        reason="convenant",
    )
    second = make_user(Role.BEHEERDER, "PV23", username="tweede-beheerder")
    tokens[True] = proposal_decide(
        ctx=ctx_of(second, second_factor=True), proposal=proposal, approve=True
    ).secret
    plain = client.get("/api/v1/ik", HTTP_AUTHORIZATION=f"Token {tokens[False]}").json()
    assert plain["tweedeFactorGeverifieerd"] is False and "afgeschermd" not in plain["toegangsniveaus"]
    strong = client.get("/api/v1/ik", HTTP_AUTHORIZATION=f"Token {tokens[True]}").json()
    assert strong["tweedeFactorGeverifieerd"] is True and "afgeschermd" in strong["toegangsniveaus"]
