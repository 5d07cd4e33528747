"""The management pages: administrators manage users, grants and organisations through the
owning apps' services, with a message after each action; everyone else is refused."""

import pytest

from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.models import Grant

pytestmark = pytest.mark.django_db

PAGES = ["/beheer/gebruikers", "/beheer/grondslagen", "/beheer/organisaties", "/beheer/organisaties/GM0193"]


@pytest.fixture
def admin_client(client, region):
    login_verified(client, make_user(Role.BEHEERDER, "PV23", username="beheer-1"))
    return client


@pytest.mark.parametrize("role", [Role.GEMEENTELIJK_ANALIST, Role.RIEC_ANALIST, Role.FG, Role.PUBLIEK])
def test_non_administrators_are_refused_every_page_and_action(client, region, role):
    """Pages and actions answer 403 for any other role; nothing changes."""
    login_verified(client, make_user(role, "PV23" if role == Role.FG else "GM0193"))
    target = make_user(Role.PARTNER, "POLITIE-ON", username="doel")
    name = Organisation.objects.get(code="GM0193").name
    for url in PAGES:
        assert client.get(url).status_code == 403, url
    assert client.post(f"/beheer/gebruikers/{target.pk}/actief", {"active": "0"}).status_code == 403
    assert client.post("/beheer/organisaties/GM0193", {"name": "X", "kind": "gemeente"}).status_code == 403
    target.refresh_from_db()
    assert target.is_active and Organisation.objects.get(code="GM0193").name == name


def test_anonymous_visitors_are_sent_to_the_login(client, region):
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/inloggen" in response["Location"]


def test_administrator_creates_a_user_without_roles_with_a_message(admin_client):
    response = admin_client.post(
        "/beheer/gebruikers",
        {"username": "nieuw", "first_name": "Nina", "email": "n@example.org", "organisation": ""},
        follow=True,
    )
    user = User.objects.get(username="nieuw")
    assert user.role_codes == frozenset()
    assert "Gebruiker nieuw is aangemaakt" in response.content.decode()


def test_a_refused_form_shows_the_error_summary_linked_to_the_field(admin_client):
    html = admin_client.post("/beheer/gebruikers", {"username": "", "email": "geen-adres"}).content.decode()
    assert "Er is een probleem" in html and 'href="#id_username"' in html and 'href="#id_email"' in html


def test_administrator_deactivates_and_revokes_a_role_but_never_on_their_own_account(admin_client):
    target = make_user(Role.PARTNER, "POLITIE-ON", username="doel")
    response = admin_client.post(f"/beheer/gebruikers/{target.pk}/actief", {"active": "0"}, follow=True)
    target.refresh_from_db()
    assert not target.is_active and "is gedeactiveerd" in response.content.decode()
    response = admin_client.post(
        f"/beheer/gebruikers/{target.pk}/rol-intrekken", {"role": Role.PARTNER}, follow=True
    )
    assert not RoleAssignment.objects.filter(user=target).exists()
    assert "is ingetrokken" in response.content.decode()
    own = User.objects.get(username="beheer-1")
    assert admin_client.post(f"/beheer/gebruikers/{own.pk}/actief", {"active": "0"}).status_code == 403
    own.refresh_from_db()
    assert own.is_active


def test_administrator_ends_a_grant_and_edits_an_organisation(admin_client):
    grant = Grant.objects.filter(valid_until__isnull=True).first()
    assert grant is not None
    response = admin_client.post(f"/beheer/grondslagen/{grant.pk}/beeindigen", follow=True)
    grant.refresh_from_db()
    assert grant.valid_until is not None and "is beëindigd" in response.content.decode()
    response = admin_client.post(
        "/beheer/organisaties/GM0193",
        {"name": "Gemeente Zwolle (aangepast)", "kind": "gemeente"},
        follow=True,
    )
    assert Organisation.objects.get(code="GM0193").name == "Gemeente Zwolle (aangepast)"
    assert "is opgeslagen" in response.content.decode()
    refused = admin_client.post("/beheer/organisaties/GM0193", {"name": "", "kind": "onbekend"})
    assert "Er is een probleem" in refused.content.decode()


def test_the_navigation_links_management_for_administrators_only(client, region):
    login_verified(client, make_user(Role.BEHEERDER, "PV23"))
    assert 'href="/beheer/gebruikers"' in client.get("/").content.decode()
    client.logout()
    login_verified(client, make_user(Role.FG, "PV23"))
    assert 'href="/beheer/gebruikers"' not in client.get("/").content.decode()
