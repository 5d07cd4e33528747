"""The park register through the one way in: the public sees outline and name only; partners see
the figures and the counts the registers give; owner names only for a shielded context, audited."""

from __future__ import annotations

import pytest

from weerbaar.audit.models import AuditEntry
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.parken import selectors
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.django_db


def test_public_sees_the_park_but_no_figures(park):
    """An anonymous visitor finds the (openbaar) park, but its profile carries no figures."""
    profile = selectors.park_profile(ctx=ctx_of(None), pk=park.pk)
    assert profile is not None and not profile.figures
    assert profile.explanation is None and profile.registers is None and profile.assessment is None


def test_partner_without_clearance_gets_counts_not_names(park, ground, region):
    """A partner without a second factor sees counts of owners, residents and companies, no names;
    the counts are logged as counts, and no entry names the owner."""
    user = make_user(Role.GEMEENTELIJK_ANALIST, "GM0175")
    profile = selectors.park_profile(ctx=ctx_of(user, second_factor=False), pk=park.pk)
    assert profile is not None and profile.figures
    pic = profile.registers
    assert (pic.addresses, pic.parcels, pic.companies, pic.residents) == (1, 1, 1, 1)
    assert (pic.holders, pic.natural_persons, pic.legal_persons) == (1, 1, 0)
    assert pic.owners is None
    entries = AuditEntry.objects.filter(actor=user.username)
    assert entries.filter(action="count", object_type="registers.zakelijkrecht").exists()
    assert entries.filter(action="count", object_type="registers.persoon").exists()
    assert not entries.filter(data_subject_id="P-PARK-1").exists()


def test_cleared_analyst_sees_owner_names_and_each_is_audited(park, ground, analyst):
    """With shielded clearance and a declared purpose the owners' names come through, and the
    disclosure of that person is in the audit log."""
    ctx = ctx_of(analyst, second_factor=True, purpose="gebiedsanalyse")
    profile = selectors.park_profile(ctx=ctx, pk=park.pk)
    owners = profile.registers.owners
    assert owners is not None
    [recht] = owners["OMN00 A 1234"]
    assert recht.persoon.geslachtsnaam == "Wolters"
    assert AuditEntry.objects.filter(
        actor=analyst.username, data_subject_id="P-PARK-1", object_type="registers.zakelijkrecht"
    ).exists()


def test_typology_filter_is_for_partners_only(park, adviser):
    """The typology filter narrows the list for partners; the public list ignores it (no figures)."""
    assert selectors.park_list(ctx=ctx_of(adviser), typology="vitaal") == []
    assert [p.code for p in selectors.park_list(ctx=ctx_of(None), typology="vitaal")] == ["de-eikenhorst"]
