"""Clearance: the shielded level needs a shielded role, a verified second factor, an organisation
and an active grant for that organisation and role — each missing piece is named in the reason."""

import datetime as dt

import pytest
from django.utils import timezone

from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.clearance import clearance_for, forget_clearance, roles_of
from weerbaar.core.context import PUBLIC
from weerbaar.core.testing import make_user
from weerbaar.privacy.clearance import clearance_of
from weerbaar.privacy.models import Grant

pytestmark = pytest.mark.django_db


def test_anonymous_and_inactive_users_see_open_data_only(region):
    assert clearance_of(None, second_factor=True) == PUBLIC
    user = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")
    user.is_active = False
    assert clearance_of(user, second_factor=True) == PUBLIC
    assert roles_of(user) == frozenset()


def test_a_public_role_sees_open_data_only(region):
    clearance = clearance_of(make_user(Role.PUBLIEK), second_factor=True)
    assert clearance.levels == {AccessLevel.OPENBAAR} and "public role" in clearance.reason


def test_a_partner_without_second_factor_sees_intern_but_not_shielded(region):
    clearance = clearance_of(make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"), second_factor=False)
    assert clearance.levels == {AccessLevel.OPENBAAR, AccessLevel.INTERN}
    assert not clearance.shielded and "second factor not verified" in clearance.reason


def test_shielded_needs_a_grant_for_the_organisation_and_role(region):
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")
    cleared = clearance_of(analist, second_factor=True)
    assert cleared.shielded and cleared.activities == {"signaalverrijking", "gebiedsanalyse"}
    Grant.objects.filter(organisation__code="GM0193").update(
        valid_until=timezone.now() - dt.timedelta(days=1)
    )
    expired = clearance_of(analist, second_factor=True)
    assert not expired.shielded and "no legal basis recorded" in expired.reason


def test_fg_and_administrator_never_hold_shielded_roles(region):
    """Separation of duties: supervising and managing need no personal data."""
    for role in (Role.FG, Role.BEHEERDER):
        clearance = clearance_of(make_user(role, "PV23"), second_factor=True)
        assert AccessLevel.INTERN in clearance.levels and not clearance.shielded
        assert "no role for shielded data" in clearance.reason


def test_a_shielded_role_without_organisation_is_not_cleared(region):
    clearance = clearance_of(make_user(Role.RIEC_ANALIST, None), second_factor=True)
    assert not clearance.shielded and "no organisation" in clearance.reason


def test_clearance_for_a_user_is_cached_per_request_until_forgotten(region):
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")
    assert not clearance_for(analist).shielded  # no second factor yet
    analist.is_verified = lambda: True
    assert not clearance_for(analist).shielded  # cached for this request
    forget_clearance(analist)
    assert clearance_for(analist).shielded
