"""Schemathesis against the published OpenAPI document (issue 17 item 7).

For every operation it generates requests from the document and sends them through the project's
own WSGI application (middleware, authentication, audit log: the whole stack, the test database),
authenticated with a token of an RIEC analyst that counts as a second factor and with a declared
purpose, so the shielded paths run too. A request fails the test when the answer is a 5xx, has a
status the document does not list, a content type it does not list, or a body that does not match
the documented schema. Examples per operation are bounded (EXAMPLES) and derandomised, so the run
is the same every time and stays well under a minute and a half on two shared cores.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from weerbaar.api.api import api
from weerbaar.core.access import Role
from weerbaar.wsgi import application

#: examples per operation: 31 operations x 12 ≈ 370 requests, about 30 s on two shared cores
EXAMPLES = 12

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())

pytestmark = [pytest.mark.api_contract, pytest.mark.django_db]


@pytest.fixture
def keep_test_connection():
    """The WSGI handler closes the database connection after each request (`close_old_connections`);
    on PostgreSQL that would end the test's transaction. Django's test client detaches it the same
    way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def headers(region, keep_test_connection):
    """A token of an RIEC analyst in the shipped region, issued by the platform itself with the
    second factor (no four-eyes proposal in a test), and the purpose its grants name."""
    from weerbaar.accounts.services import token_issue
    from weerbaar.core.context import system_context
    from weerbaar.core.testing import make_user

    user = make_user(Role.RIEC_ANALIST, "RIEC-ON", username="schemathesis")
    token = token_issue(ctx=system_context(source="schemathesis"), user=user, allows_shielded=True)
    return {"Authorization": f"Token {token}", "Doelbinding": "informatieplein"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_documented(case, headers):
    case.call_and_validate(app=application, headers=headers, checks=CHECKS)
