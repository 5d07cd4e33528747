"""The processing context: built once per request, command or job, carrying clearance, purpose
and legal bases; a purpose without a grant is never trusted."""

import pytest
from django.test import RequestFactory

from weerbaar.core.access import Role
from weerbaar.core.context import Origin, system_context
from weerbaar.core.testing import make_user
from weerbaar.privacy.context import command_context, context_for_user, job_context, request_context
from weerbaar.privacy.purpose import SESSION_KEY

pytestmark = pytest.mark.django_db


class _Session(dict):
    pass


def _request(path, user, purpose=""):
    request = RequestFactory().get(path, REMOTE_ADDR="10.1.2.3")
    request.user = user
    request.session = _Session({SESSION_KEY: {"activity": purpose}} if purpose else {})
    return request


def test_a_request_context_names_actor_origin_purpose_and_legal_basis(region):
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")
    analist.is_verified = lambda: True
    ctx = request_context(_request("/api/v1/adressen", analist, "gebiedsanalyse"))
    assert ctx.actor == analist and ctx.organisation_code == "GM0193"
    assert ctx.roles == {Role.GEMEENTELIJK_ANALIST} and ctx.second_factor
    assert ctx.origin == Origin.API and ctx.source == "10.1.2.3" and len(ctx.trace_id) == 32
    assert ctx.purpose == "gebiedsanalyse" and ctx.legal_basis == "gemeentewet-172"
    assert ctx.legal_basis_for("informatieplein") == "riec-convenant"


def test_a_declared_purpose_without_a_grant_is_dropped(region):
    adviseur = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    adviseur.is_verified = lambda: True
    ctx = request_context(_request("/kaart/", adviseur, "signaalverrijking"))
    assert ctx.origin == Origin.PAGE and ctx.purpose == ""
    with pytest.raises(ValueError, match="no grant"):
        ctx.with_purpose("signaalverrijking")
    assert ctx.with_purpose("bibob-toets").purpose == "bibob-toets"


def test_the_request_context_is_built_once_and_rebuilt_after_the_second_factor(region):
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")
    request = _request("/signalen/", analist)
    first = request_context(request)
    assert request_context(request) is first and not first.clearance.shielded
    analist.is_verified = lambda: True
    analist._weerbaar_clearance = None
    del analist._weerbaar_clearance
    assert request_context(request).clearance.shielded


def test_purpose_among_prefers_the_declared_purpose_then_the_capabilitys_own(region):
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")
    ctx = context_for_user(analist, origin=Origin.PAGE, second_factor=True)
    assert ctx.purpose_among(["informatieplein", "gebiedsanalyse"]) == "gebiedsanalyse"
    assert ctx.purpose_among(["informatieplein"]) == ""
    assert ctx.with_purpose("signaalverrijking").purpose_among(["gebiedsanalyse"]) == "signaalverrijking"


def test_commands_and_jobs_have_their_own_origin(region):
    command = command_context(command="import_registers")
    assert command.system and command.origin == Origin.COMMAND and command.source == "import_registers"
    assert command.clearance.shielded and command.actor is None
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")
    job = job_context(user=analist, second_factor=True, purpose="signaalverrijking", job_id="7")
    assert job.origin == Origin.JOB and job.source == "job 7" and job.clearance.shielded
    assert job.purpose == "signaalverrijking"
    assert job_context(user=None, second_factor=False, purpose="", job_id="8").system
    assert system_context().with_origin(Origin.EXPORT).origin == Origin.EXPORT
