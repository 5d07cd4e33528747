"""Separation of duties (BIO, issue 17): no administrator gives itself or anyone access alone,
role changes are in the hash-chained log, the FG and the administrator need the second factor,
and demo accounts are dead whenever demo mode is off."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import override_settings

from weerbaar.accounts.demo import demo_accounts_load
from weerbaar.accounts.models import ApiToken, Proposal, User
from weerbaar.accounts.services import proposal_create, proposal_decide, token_issue
from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import Role
from weerbaar.core.context import system_context
from weerbaar.core.testing import login_verified, make_user
from weerbaar.privacy.models import Grant
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(region):
    beheerder = make_user(Role.BEHEERDER, "PV23", username="beheerder")
    tweede = make_user(Role.BEHEERDER, "PV23", username="tweede-beheerder")
    fg = make_user(Role.FG, "PV23", username="fg")
    nieuw = make_user(None, "GM0141", username="nieuwe-analist")
    return beheerder, tweede, fg, nieuw


def test_a_role_takes_effect_only_after_a_second_person_approves(people):
    beheerder, tweede, _fg, nieuw = people
    proposal = proposal_create(
        ctx=ctx_of(beheerder, second_factor=True),
        kind="role",
        subject=nieuw,
        payload={"role": Role.GEMEENTELIJK_ANALIST},
        reason="aanstelling 2026-12",
    )
    assert User.objects.get(pk=nieuw.pk).role_codes == frozenset()
    with pytest.raises(PermissionDenied, match="own proposal"):
        proposal_decide(ctx=ctx_of(beheerder, second_factor=True), proposal=proposal, approve=True)
    proposal_decide(ctx=ctx_of(tweede, second_factor=True), proposal=proposal, approve=True)
    assert User.objects.get(pk=nieuw.pk).role_codes == {Role.GEMEENTELIJK_ANALIST}
    entries = AuditEntry.objects.using(AUDIT_DB)
    assert entries.filter(
        object_type="accounts.proposal", object_id=str(proposal.pk), result="refused"
    ).exists()
    granted = entries.filter(object_type="user", object_id=str(nieuw.pk), action="update").latest("id")
    assert granted.detail["role"] == Role.GEMEENTELIJK_ANALIST and granted.actor == "tweede-beheerder"


def test_nobody_proposes_or_decides_their_own_access(people):
    beheerder, _tweede, fg, _nieuw = people
    with pytest.raises(ValidationError, match="eigen toegang"):
        proposal_create(
            ctx=ctx_of(beheerder, second_factor=True),
            kind="role",
            subject=beheerder,
            payload={"role": Role.RIEC_ANALIST},
            reason="ik wil meekijken",
        )
    about_fg = proposal_create(
        ctx=ctx_of(beheerder, second_factor=True),
        kind="role",
        subject=fg,
        payload={"role": Role.PROVINCIAAL_ADVISEUR},
        reason="tweede rol",
    )
    with pytest.raises(PermissionDenied, match="own access"):
        proposal_decide(ctx=ctx_of(fg, second_factor=True), proposal=about_fg, approve=True)
    assert Role.PROVINCIAAL_ADVISEUR not in User.objects.get(pk=fg.pk).role_codes


def test_proposing_and_deciding_need_the_second_factor_and_the_right_role(people):
    beheerder, _tweede, fg, nieuw = people
    with pytest.raises(PermissionDenied, match="second factor"):
        proposal_create(
            ctx=ctx_of(beheerder, second_factor=False),
            kind="role",
            subject=nieuw,
            payload={"role": Role.PARTNER},
            reason="x",
        )
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="analist")
    with pytest.raises(PermissionDenied):
        proposal_create(
            ctx=ctx_of(analist, second_factor=True),
            kind="role",
            subject=nieuw,
            payload={"role": Role.PARTNER},
            reason="x",
        )
    proposal = proposal_create(
        ctx=ctx_of(beheerder, second_factor=True),
        kind="role",
        subject=nieuw,
        payload={"role": Role.PARTNER},
        reason="x",
    )
    with pytest.raises(PermissionDenied, match="second factor"):
        proposal_decide(ctx=ctx_of(fg, second_factor=False), proposal=proposal, approve=True)
    proposal_decide(ctx=ctx_of(fg, second_factor=True), proposal=proposal, approve=False, note="geen besluit")
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.REJECTED
    assert User.objects.get(pk=nieuw.pk).role_codes == frozenset()


def test_a_shielded_token_is_issued_only_by_approval_and_shown_once(people):
    beheerder, tweede, _fg, nieuw = people
    proposal = proposal_create(
        ctx=ctx_of(beheerder, second_factor=True),
        kind="shielded-token",
        subject=nieuw,
        payload={"label": "koppeling politie"},
        reason="convenant 2026",
    )
    assert not ApiToken.objects.filter(user=nieuw).exists()
    decision = proposal_decide(ctx=ctx_of(tweede, second_factor=True), proposal=proposal, approve=True)
    token = ApiToken.objects.get(user=nieuw)
    assert token.allows_shielded and decision.secret.startswith(token.prefix)
    assert decision.secret not in str(Proposal.objects.get(pk=proposal.pk).payload)
    with pytest.raises(PermissionDenied):
        token_issue(ctx=ctx_of(beheerder, second_factor=True), user=beheerder, allows_shielded=True)


def test_a_grant_needs_four_eyes_too(people):
    beheerder, _tweede, fg, _nieuw = people
    payload = {"organisation": "GM0141", "role": Role.GEMEENTELIJK_ANALIST, "activity": "bibob-toets"}
    proposal = proposal_create(
        ctx=ctx_of(fg, second_factor=True), kind="grant", subject=None, payload=payload, reason="raadsbesluit"
    )
    assert not Grant.objects.filter(
        organisation__code="GM0141", processing_activity__code="bibob-toets"
    ).exists()
    proposal_decide(ctx=ctx_of(beheerder, second_factor=True), proposal=proposal, approve=True)
    grant = Grant.objects.get(organisation__code="GM0141", processing_activity__code="bibob-toets")
    assert (
        AuditEntry.objects.using(AUDIT_DB)
        .filter(object_type="privacy.grant", object_id=str(grant.pk))
        .exists()
    )


def test_the_admin_cannot_give_roles_or_change_its_own_account(client, people):
    """The admin's role inline is read-only, `is_demo` is not a field, and the own account is not editable."""
    beheerder, _tweede, _fg, nieuw = people
    login_verified(client, beheerder)
    page = client.get(f"/beheer/accounts/user/{nieuw.pk}/change/").content.decode()
    assert 'name="role_assignments-0-role"' not in page and 'name="is_demo"' not in page
    client.post(
        f"/beheer/accounts/user/{nieuw.pk}/change/",
        {
            "username": "nieuwe-analist",
            "is_active": "on",
            "is_demo": "on",
            "role_assignments-TOTAL_FORMS": "1",
            "role_assignments-INITIAL_FORMS": "0",
            "role_assignments-0-role": Role.RIEC_ANALIST,
        },
    )
    nieuw.refresh_from_db()
    assert not nieuw.is_demo and nieuw.role_codes == frozenset()
    own = client.get(f"/beheer/accounts/user/{beheerder.pk}/change/").content.decode()
    assert 'name="username"' not in own and 'name="is_active"' not in own  # shown, not editable


def test_the_admin_and_the_fg_need_a_verified_second_factor(client, people):
    beheerder, _tweede, fg, _nieuw = people
    client.force_login(beheerder)
    response = client.get("/beheer/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/tweede-factor")
    client.force_login(fg)
    assert client.get("/fg/logboek").status_code == 302
    assert client.get("/fg/logboek.csv").status_code == 302
    assert client.get("/api/v1/logboek").status_code == 403
    login_verified(client, fg)
    assert client.get("/fg/logboek").status_code == 200


@override_settings(WEERBAAR_DEMO=True)
def test_demo_tokens_and_sessions_die_when_demo_mode_is_off(client, region):
    demo_accounts_load()
    demo = User.objects.get(username="demo-gemeente")
    token = token_issue(ctx=system_context(), user=demo, allows_shielded=True)
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    assert client.get("/api/v1/ik", **auth).status_code == 200
    with override_settings(WEERBAAR_DEMO=False):
        assert client.get("/api/v1/ik", **auth).status_code == 401
    client.force_login(demo)
    assert client.get("/api/v1/ik").status_code == 200
    with override_settings(WEERBAAR_DEMO=False):
        assert client.get("/api/v1/ik").status_code == 401  # the session's user is refused


def test_issue_token_refuses_a_shielded_token_for_a_real_account(people):
    with pytest.raises(CommandError, match="two people"):
        call_command("issue_token", "nieuwe-analist", "--shielded")


def test_the_proposal_pages_propose_approve_and_show_a_token_once(client, people):
    """Through the pages: one administrator proposes, the FG approves, the token is shown once."""
    beheerder, _tweede, fg, nieuw = people
    login_verified(client, beheerder)
    response = client.post(
        "/accounts/beheer/voorstellen",
        {"kind": "shielded-token", "subject": nieuw.pk, "label": "koppeling", "reason": "convenant"},
        follow=True,
    )
    assert "staat klaar voor het besluit van een tweede persoon" in response.content.decode()
    proposal = Proposal.objects.get()
    page = client.get("/accounts/beheer/voorstellen").content.decode()
    assert "Intrekken" in page and "Goedkeuren" not in page  # one's own proposal: only withdraw
    login_verified(client, fg)
    response = client.post(f"/accounts/beheer/voorstellen/{proposal.pk}/besluit", {"decision": "approve"})
    html = response.content.decode()
    token = ApiToken.objects.get(user=nieuw)
    assert "Token eenmalig getoond" in html and token.prefix in html
    again = client.get("/accounts/beheer/voorstellen").content.decode()
    assert token.prefix not in again and "goedgekeurd" in again


def test_the_proposal_form_names_what_is_wrong(client, people):
    beheerder, _tweede, _fg, _nieuw = people
    login_verified(client, beheerder)
    html = client.post(
        "/accounts/beheer/voorstellen",
        {"kind": "role", "subject": beheerder.pk, "role": "partner", "reason": "x"},
    ).content.decode()
    assert Proposal.objects.count() == 0
    assert "Selecteer een geldige keuze" in html or "eigen toegang" in html


def test_every_admin_change_is_in_the_hash_chained_log(client, people):
    """Django's own admin log is an editable table; each change is copied into the audit chain."""
    beheerder, _tweede, _fg, nieuw = people
    login_verified(client, beheerder)
    client.post(
        f"/beheer/accounts/user/{nieuw.pk}/change/",
        {
            "username": "nieuwe-analist",
            "email": "nieuw@example.org",
            "is_active": "on",
            "role_assignments-TOTAL_FORMS": "0",
            "role_assignments-INITIAL_FORMS": "0",
        },
    )
    entry = AuditEntry.objects.using(AUDIT_DB).filter(object_type="admin.accounts.user").latest("id")
    assert entry.actor == "beheerder" and entry.object_id == str(nieuw.pk)
    assert "e-mail" in str(entry.detail["change"]).lower() or "email" in str(entry.detail["change"]).lower()
    grants_page = client.get("/beheer/privacy/grant/add/")
    assert grants_page.status_code == 403  # grants come from four-eyes proposals only
