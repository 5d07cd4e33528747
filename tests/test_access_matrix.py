"""Every URL and API endpoint × every role: allowed or refused exactly as the apps declare.

The cases come from each app's `access_matrix.py`. A URL without a case fails
`test_every_url_has_a_case`, so nothing new reaches users without an access decision.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from weerbaar.core.matrix import ALL_PERSONAS, Case, matrix_cases
from weerbaar.core.testing import persona_client

#: URL namespaces whose access is decided as a whole by one case (the admin's own site permission)
WHOLE_NAMESPACES = {"admin"}


def _url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            names.add(
                f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>"
            )
    return names


CASES = matrix_cases()


def test_every_url_has_a_case():
    declared = {case.url_name for case in CASES}
    missing = sorted(name for name in _url_names() - declared if name.split(":")[0] not in WHOLE_NAMESPACES)
    assert not missing, f"URLs without an entry in an access_matrix.py: {missing}"


def test_no_case_names_a_url_that_does_not_exist():
    assert not {case.url_name for case in CASES} - _url_names()


def _answer(case: Case, persona: str) -> str | None:
    """What is wrong with `persona`'s answer to `case`, or None."""
    client = persona_client(Client, persona)
    url = reverse(case.url_name, kwargs=case.kwargs)
    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in case.headers.items()}
    if case.api and case.method in ("post", "put", "patch", "delete"):
        # an API body is JSON (a form-encoded body would be refused as 400 before any access check)
        response = getattr(client, case.method)(url, case.data, content_type="application/json", **extra)
    else:
        response = getattr(client, case.method)(url, case.data, **extra)
    expected = case.expected(persona)
    if response.status_code != expected:
        return f"{persona} {case.method.upper()} {url}: {response.status_code}, expected {expected}"
    if case.api and expected in (401, 403) and response["Content-Type"] != "application/problem+json":
        return f"{persona} {case.method.upper()} {url}: {expected} as {response['Content-Type']}, not problem+json"
    return None


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method}-{c.url_name}")
def test_access(case: Case, region):
    """Every persona in turn, each in a savepoint rolled back afterwards: what one persona's
    request changed (a user, a session, a refused form) is gone before the next one asks. One
    test per URL, not per URL and persona, so the region is loaded once per URL."""
    wrong = []
    for persona in sorted(ALL_PERSONAS):
        with transaction.atomic():
            wrong.append(_answer(case, persona))
            transaction.set_rollback(True)
    wrong = [w for w in wrong if w]
    assert not wrong, "\n".join(wrong)
