"""Only the maintaining organisation edits a factsheet; every edit keeps a version."""

import dataclasses

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from weerbaar.catalog.models import Factsheet
from weerbaar.catalog.services import DistributionInput, FactsheetInput, factsheet_update
from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.privacy.context import command_context
from weerbaar.privacy.testing import ctx_of


def edit_input(factsheet: Factsheet, **changes) -> FactsheetInput:
    """The factsheet's current content as a FactsheetInput, with changes."""
    values = {
        f.name: getattr(factsheet, f.name)
        for f in dataclasses.fields(FactsheetInput)
        if f.name not in {"themes", "legal_bases", "distributions"}
    }
    values["themes"] = list(factsheet.themes.all())
    values["legal_bases"] = list(factsheet.legal_bases.all())
    values["distributions"] = [
        DistributionInput(kind=d.kind, format=d.format, title_nl=d.title_nl, url=d.url, layer=d.layer)
        for d in factsheet.distributions.all()
    ]
    return FactsheetInput(**{**values, **changes})


@pytest.mark.parametrize(
    ("role", "organisation", "allowed"),
    [
        (Role.PROVINCIAAL_ADVISEUR, "PV23", True),
        (Role.GEMEENTELIJK_ANALIST, "GM0193", False),
        (Role.RIEC_ANALIST, "RIEC-ON", False),
        (Role.BEHEERDER, "PV23", False),
        (Role.FG, "PV23", False),
    ],
)
def test_only_the_maintainer_edits(starter, role, organisation, allowed):
    """BAG is maintained by the province: only a provincial editor may change it, not even the administrator."""
    user = make_user(role, organisation)
    bag = Factsheet.objects.get(identifier="bag")
    if allowed:
        factsheet_update(ctx=ctx_of(user), factsheet=bag, data=edit_input(bag, title_nl="BAG — bijgewerkt"))
        assert Factsheet.objects.get(identifier="bag").title_nl == "BAG — bijgewerkt"
    else:
        with pytest.raises(PermissionDenied):
            factsheet_update(
                ctx=ctx_of(user), factsheet=bag, data=edit_input(bag, title_nl="niet toegestaan")
            )
        assert Factsheet.objects.get(identifier="bag").title_nl != "niet toegestaan"


def test_edit_page_refuses_another_organisation(starter):
    client = Client()
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"))
    assert client.get("/factsheets/bag/bewerken").status_code == 403
    assert client.post("/factsheets/bag/beoordeeld").status_code == 403


def test_an_edit_through_the_form_keeps_a_version_with_the_changed_fields(starter):
    client = Client()
    adviser = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    login_verified(client, adviser)
    form = client.get("/factsheets/bag/bewerken").context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["themes"] = [t.pk for t in data["themes"]]
    data["legal_bases"] = [b.pk for b in data["legal_bases"]]
    for key in ("owner", "publisher"):
        if key in data:
            data[key] = data[key].pk
    data.pop("identifier")
    data.update(
        {
            "title_nl": "BAG — met toelichting",
            "note": "titel verduidelijkt",
            "dist-TOTAL_FORMS": "0",
            "dist-INITIAL_FORMS": "0",
        }
    )
    response = client.post("/factsheets/bag/bewerken", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    bag = Factsheet.objects.get(identifier="bag")
    assert bag.version == 2
    latest = bag.versions.first()
    assert (
        latest.changed_by == adviser
        and "title_nl" in latest.changed_fields
        and "distributions" in latest.changed_fields
    )
    assert "titel verduidelijkt" in client.get("/factsheets/bag/versies").content.decode()


def test_form_validation_names_every_problem(starter):
    client = Client()
    login_verified(client, make_user(Role.PROVINCIAAL_ADVISEUR, "PV23"))
    response = client.post(
        "/factsheets/nieuw",
        {
            "identifier": "x",
            "access_level": "afgeschermd",
            "personal_data": "on",
            "dist-TOTAL_FORMS": "0",
            "dist-INITIAL_FORMS": "0",
        },
    )
    errors = response.context["form"].errors
    assert response.status_code == 200
    assert {
        "title_nl",
        "description_nl",
        "owner",
        "themes",
        "legal_bases",
        "personal_data_categories",
    } <= set(errors)


def test_stale_factsheets_are_flagged_to_their_maintainer(starter):
    """Not reviewed in 12 months: listed on the maintainer's own page and flagged in the list."""
    client = Client()
    login_verified(client, make_user(Role.PROVINCIAAL_ADVISEUR, "PV23"))
    Factsheet.objects.filter(identifier="provinciale-subsidies").update(reviewed_on="2020-01-01")
    mine = client.get("/factsheets/mijn")
    assert "provinciale-subsidies" in [f.identifier for f in mine.context["stale"]]
    assert "bag" not in [f.identifier for f in mine.context["stale"]]
    client.post("/factsheets/provinciale-subsidies/beoordeeld")
    assert "provinciale-subsidies" not in [
        f.identifier for f in client.get("/factsheets/mijn").context["stale"]
    ]


def test_stale_factsheets_are_mailed_to_the_maintainers_contact(starter, mailoutbox):
    from weerbaar.catalog.notifications import stale_notify

    Factsheet.objects.update(reviewed_on="2026-11-01")
    Factsheet.objects.filter(identifier__in=["provinciale-subsidies", "luchtfotos"]).update(
        reviewed_on="2024-01-01"
    )
    report = stale_notify(
        ctx=command_context(command="catalog_stale_report"), base_url="https://weerbaar.example"
    )
    assert report == [("PV23", ["geo-loket@provincie.example", "subsidies@provincie.example"], 2)]
    assert len(mailoutbox) == 1
    assert "https://weerbaar.example/factsheets/luchtfotos" in mailoutbox[0].body


def test_a_new_factsheet_through_the_form_belongs_to_the_own_organisation(starter):
    from weerbaar.organisations.models import Organisation
    from weerbaar.privacy.models import LegalBasis

    client = Client()
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"))
    theme = Factsheet.objects.get(identifier="bewoning-recreatiewoningen").themes.first()
    response = client.post(
        "/factsheets/nieuw",
        {
            "identifier": "camerabeelden-zwolle",
            "title_nl": "Camerabeelden openbare ruimte Zwolle",
            "description_nl": "Cameratoezicht op aangewezen plaatsen.",
            "owner": Organisation.objects.get(code="GM0193").pk,
            "themes": [theme.pk],
            "donl_theme": "Openbare_orde_en_veiligheid",
            "access_level": "afgeschermd",
            "personal_data": "on",
            "personal_data_categories": "beeldmateriaal",
            "legal_bases": [LegalBasis.objects.get(code="avg-6-1-e").pk],
            "access_procedure_nl": "Via de gemeente.",
            "frequency": "CONT",
            "spatial": "GM0193",
            "reviewed_on": "2026-11-01",
            "dist-TOTAL_FORMS": "1",
            "dist-INITIAL_FORMS": "0",
            "dist-0-kind": "viewer",
            "dist-0-format": "HTML",
            "dist-0-title_nl": "Overzicht camera's",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    created = Factsheet.objects.get(identifier="camerabeelden-zwolle")
    assert created.maintainer.code == "GM0193" and created.distributions.get().format == "HTML"
    assert created.versions.get().changed_by.username == "test-gemeentelijk_analist"
