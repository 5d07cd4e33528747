"""Partners add actions to the draft and take them out again, through services and pages; the
next published version's diff shows them as added or removed. The province keeps every action;
a partner adds actions its own organisation owns and removes only those it owns alone."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from weerbaar.agenda.models import Action
from weerbaar.agenda.selectors import agenda_overview, versions_compare
from weerbaar.agenda.services import action_create, action_remove, agenda_publish
from weerbaar.audit.models import AuditEntry
from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.django_db

NEW = {
    "theme": "operationele-samenwerking",
    "title_nl": "Gezamenlijke controles in Almelo",
    "owners": ["GM0141"],
}


@pytest.fixture
def people(agenda):
    return {
        "almelo": make_user(Role.GEMEENTELIJK_ANALIST, "GM0141", username="almelo"),
        "enschede": make_user(Role.GEMEENTELIJK_ANALIST, "GM0153", username="enschede"),
        "province": make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username="provincie"),
        "fg": make_user(Role.FG, "PV23", username="fg"),
    }


def _client(user):
    client = Client()
    login_verified(client, user)
    return client


def test_an_added_and_a_removed_action_show_in_the_next_versions_diff(people):
    almelo = ctx_of(people["almelo"])
    action_create(ctx=almelo, key="controles-almelo", **NEW)
    action_create(ctx=almelo, key="alleen-almelo", **(NEW | {"title_nl": "Tijdelijk"}))
    agenda_publish(ctx=ctx_of(people["province"]), reason="Nieuwe acties van Almelo")
    action_remove(ctx=almelo, key="alleen-almelo", reason="Opgegaan in de controles")
    pending = agenda_overview(ctx=almelo).pending
    assert [a["key"] for a in pending.removed] == ["alleen-almelo"]
    agenda_publish(ctx=ctx_of(people["province"]), reason="Actie vervallen")
    one_two = versions_compare(ctx=almelo, old=1, new=2).diff
    assert sorted(a["key"] for a in one_two.added) == ["alleen-almelo", "controles-almelo"]
    two_three = versions_compare(ctx=almelo, old=2, new=3).diff
    assert [a["key"] for a in two_three.removed] == ["alleen-almelo"] and not two_three.added
    assert AuditEntry.objects.filter(
        object_id="alleen-almelo", detail__reden="Opgegaan in de controles"
    ).exists()


def test_a_partner_adds_only_actions_its_own_organisation_owns(people):
    with pytest.raises(ValidationError) as refused:
        action_create(ctx=ctx_of(people["enschede"]), key="voor-almelo", **NEW)
    assert "owners" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        action_create(ctx=ctx_of(people["fg"]), key="van-de-fg", **(NEW | {"owners": ["PV23"]}))
    assert not Action.objects.filter(key__in=["voor-almelo", "van-de-fg"]).exists()


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"theme": "geen-thema"}, "theme"),
        ({"owners": ["GM0141", "GM9999"]}, "owners"),
        ({"owners": []}, "owners"),
        ({"key": "dataviewer"}, "key"),
        ({"key": "nieuw"}, "key"),
        ({"title_nl": ""}, "title_nl"),
        ({"colour": "rood"}, "colour"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(people, bad, field):
    before = set(Action.objects.values_list("key", flat=True))
    data = {"key": "controles-almelo", **NEW, **bad}
    with pytest.raises(ValidationError) as refused:
        action_create(ctx=ctx_of(people["almelo"]), **data)
    assert field in refused.value.message_dict
    assert set(Action.objects.values_list("key", flat=True)) == before


def test_only_the_province_or_the_only_owner_removes(people):
    """Almelo removes what it owns alone, not an action it shares, nor one of another partner."""
    almelo = ctx_of(people["almelo"])
    action_create(ctx=almelo, key="gedeeld", **(NEW | {"owners": ["GM0141", "GM0153"]}))
    action_create(ctx=almelo, key="van-almelo", **NEW)
    for key in ("gedeeld", "dataviewer"):
        with pytest.raises(PermissionDenied):
            action_remove(ctx=almelo, key=key)
    with pytest.raises(PermissionDenied):
        action_remove(ctx=ctx_of(people["enschede"]), key="van-almelo")
    action_remove(ctx=almelo, key="van-almelo")
    action_remove(ctx=ctx_of(people["province"]), key="gedeeld")
    assert not Action.objects.filter(key__in=["gedeeld", "van-almelo"]).exists()
    assert Action.objects.filter(key="dataviewer").exists()


def test_the_pages_add_and_remove_an_action_with_a_message(people):
    client = _client(people["almelo"])
    assert "/agenda/acties/nieuw" in client.get("/agenda/").content.decode()
    form = client.get("/agenda/acties/nieuw")
    assert form.status_code == 200 and 'value="GM0141" selected' in form.content.decode()
    response = client.post(
        "/agenda/acties/nieuw",
        {"theme": NEW["theme"], "title_nl": NEW["title_nl"], "owners": ["GM0141"], "status": "verkend"},
    )
    assert response["Location"] == "/agenda/acties/gezamenlijke-controles-in-almelo"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "De actie staat in het concept tot de volgende versie."
    ]
    page = client.get("/agenda/").content.decode()
    assert "1 toegevoegd" in page and NEW["title_nl"] in page

    action_page = client.get("/agenda/acties/gezamenlijke-controles-in-almelo").content.decode()
    assert "/agenda/acties/gezamenlijke-controles-in-almelo/verwijderen" in action_page
    refused = client.post("/agenda/acties/gezamenlijke-controles-in-almelo/verwijderen", {"reason": ""})
    assert 'href="#id_reason"' in refused.content.decode()
    assert Action.objects.filter(key="gezamenlijke-controles-in-almelo").exists()
    removed = client.post("/agenda/acties/gezamenlijke-controles-in-almelo/verwijderen", {"reason": "Dubbel"})
    assert removed["Location"] == "/agenda/"
    assert not Action.objects.filter(key="gezamenlijke-controles-in-almelo").exists()


def test_a_refused_page_form_links_the_error_to_its_field(people):
    """Owners without the own organisation: the service's refusal lands on the owners field."""
    response = _client(people["almelo"]).post(
        "/agenda/acties/nieuw",
        {"theme": NEW["theme"], "title_nl": "Voor een ander", "owners": ["GM0153"], "status": "verkend"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'href="#id_owners"' in html
    assert "uw eigen organisatie hoort bij de eigenaars" in html
    assert not Action.objects.filter(key="voor-een-ander").exists()


def test_who_may_not_remove_gets_403_and_no_button(people):
    enschede = _client(people["enschede"])
    assert "/verwijderen" not in enschede.get("/agenda/acties/dataviewer").content.decode()
    assert enschede.get("/agenda/acties/dataviewer/verwijderen").status_code == 403
    assert enschede.post("/agenda/acties/dataviewer/verwijderen", {"reason": "weg"}).status_code == 403
    assert _client(people["fg"]).get("/agenda/acties/nieuw").status_code == 403
    assert Action.objects.filter(key="dataviewer").exists()
