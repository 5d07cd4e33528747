"""The FG finds a person in the log by name (issue 16 item 9): the registers say which ids the
name may be, through an audited selector only the FG may use, and the log is searched by them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from weerbaar.audit.models import Action, AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.audit.services import audit_log
from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.privacy.testing import ctx_of
from weerbaar.registers import selectors
from weerbaar.registers.models import Persoon


@pytest.fixture
def people(db):
    for bron_id, voornamen, naam, born in (
        ("P000002970", "Jan", "Vries", dt.date(1970, 5, 1)),
        ("P000000011", "Jan", "Vries", dt.date(1988, 2, 3)),
        ("P000000099", "Eva", "Jansen", dt.date(1990, 1, 1)),
    ):
        Persoon.objects.create(
            bron_id=bron_id,
            voornamen=voornamen,
            voorvoegsel="de" if naam == "Vries" else "",
            geslachtsnaam=naam,
            geboortedatum=born,
            naam_sleutel=naam.lower(),
            access_level=AccessLevel.AFGESCHERMD,
        )


def test_the_fg_finds_the_entries_about_a_person_by_name(client, region, people):
    analyst = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="analist")
    for subject, obj in (
        ("P000002970", "ZWL00 K 1"),
        ("P000000011", "ZWL00 K 2"),
        ("P000000099", "ZWL00 K 3"),
    ):
        audit_log(
            actor=analyst, action=Action.VIEW, object_type="perceel", object_id=obj, data_subject_id=subject
        )
    login_verified(client, make_user(Role.FG, "PV23", username="fg"))
    page = client.get(reverse("audit:search"), {"person_name": "Jan de Vries"}).content.decode()
    assert "ZWL00 K 1" in page and "ZWL00 K 2" in page and "ZWL00 K 3" not in page
    assert "P000002970" in page  # the persons the name may be are named for the FG
    page = client.get(
        reverse("audit:search"), {"person_name": "Jan de Vries", "person_birth_date": "1970-05-01"}
    ).content.decode()
    assert "ZWL00 K 1" in page and "ZWL00 K 2" not in page
    page = client.get(reverse("audit:search"), {"person_name": "Niemand Bekend"}).content.decode()
    assert "Geen persoon met deze naam" in page and "ZWL00 K" not in page
    # the FG's look-up of the name is itself in the log, with the name and the persons found
    lookup = AuditEntry.objects.using(AUDIT_DB).filter(
        actor="fg", object_type="registers.persoon", action=Action.SEARCH, result="allowed"
    )
    assert {e.data_subject_id for e in lookup} >= {"P000002970", "P000000011"}
    assert all(e.detail.get("zoekvraag") for e in lookup)


def test_nobody_but_the_fg_resolves_names_for_the_log(region, people):
    analyst = make_user(Role.RIEC_ANALIST, "RIEC-ON", username="riec")
    with pytest.raises(PermissionDenied):
        selectors.personen_voor_toezicht(ctx=ctx_of(analyst, purpose="informatieplein"), naam="Jan de Vries")
    refused = AuditEntry.objects.using(AUDIT_DB).get(actor="riec", result="refused")
    assert refused.object_type == "registers.persoon" and refused.detail["zoekvraag"] == "Jan de Vries"
