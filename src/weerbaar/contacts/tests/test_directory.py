"""The contact directory: logged-in partners only; each person keeps their own entry fresh."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from weerbaar.contacts.models import Contact
from weerbaar.contacts.services import contact_confirm, contact_update
from weerbaar.core.access import Role
from weerbaar.core.policies import policy_for
from weerbaar.core.testing import login_verified, make_user, persona_client
from weerbaar.privacy.context import command_context
from weerbaar.privacy.testing import ctx_of


def test_search_who_to_call_about_holiday_parks_in_twente(starter):
    client = persona_client(Client, Role.GEMEENTELIJK_ANALIST)
    page = client.get("/contactpersonen", {"q": "wie bel ik over vakantieparken in Twente"}).context["page"]
    keys = [c.key for c in page.contacts]
    assert keys[0] == "pv-adviseur-ondermijning-twente"
    assert "pv-expertisecentrum-vakantieparken" in keys[:4]
    assert keys.index("gm-hardenberg-vakantieparken") > keys.index("pv-expertisecentrum-vakantieparken")


def test_filter_by_region_and_theme(starter):
    client = persona_client(Client, Role.RIEC_ANALIST)
    page = client.get(
        "/contactpersonen", {"region": "twente", "theme": "grensoverschrijdende-ondermijning"}
    ).context["page"]
    assert {c.key for c in page.contacts} == {
        "gm-enschede-ondermijning",
        "de-borken-ordnungsamt",
        "de-bentheim-gewerbe",
    }


@pytest.mark.parametrize(("persona", "status"), [("anoniem", 302), (Role.PUBLIEK, 403), (Role.PARTNER, 200)])
def test_directory_is_for_logged_in_partners(starter, persona, status):
    assert persona_client(Client, persona).get("/contactpersonen").status_code == status


def test_the_person_keeps_their_entry_and_others_cannot(starter):
    contact = Contact.objects.get(key="gm-zwolle-ondermijning")
    person = make_user(Role.PARTNER, "POLITIE-ON", username="persoon")
    contact.person = person
    contact.save()
    contact_update(ctx=ctx_of(person), contact=contact, phone="06-99999099")
    assert Contact.objects.get(pk=contact.pk).reviewed_on == dt.date.today()
    colleague = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="collega")
    contact_confirm(ctx=ctx_of(colleague), contact=contact)
    outsider = make_user(Role.RIEC_ANALIST, "RIEC-ON", username="buiten")
    with pytest.raises(PermissionDenied):
        contact_update(ctx=ctx_of(outsider), contact=contact, phone="06-99999098")


def test_edit_page_saves_and_confirms(starter):
    client = Client()
    login_verified(client, make_user(Role.PROVINCIAAL_ADVISEUR, "PV23"))
    contact = Contact.objects.get(key="pv-subsidies")
    form = client.get("/contactpersonen/pv-subsidies/bewerken").context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, [])}
    data["themes"] = [t.pk for t in contact.themes.all()]
    data["deputy"] = contact.deputy.pk
    data.pop("languages", None)
    data.pop("person", None)
    data["availability_nl"] = "ma–do 9.00–12.00"
    response = client.post("/contactpersonen/pv-subsidies/bewerken", data)
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.availability_nl == "ma–do 9.00–12.00" and contact.reviewed_on == dt.date.today()


def test_an_entry_not_confirmed_for_a_year_is_marked(starter):
    client = persona_client(Client, Role.RIEC_ANALIST)
    Contact.objects.filter(key="pv-subsidies").update(reviewed_on="2024-05-01")
    html = client.get("/contactpersonen/pv-subsidies").content.decode()
    assert "niet bevestigd sinds" in html


def test_reading_the_directory_is_logged(starter):
    from weerbaar.audit.models import AuditEntry

    persona_client(Client, Role.RIEC_ANALIST).get("/api/v1/contactpersonen/pv-subsidies")
    entry = AuditEntry.objects.using("audit").order_by("-id").first()
    assert (entry.object_type, entry.object_id, entry.action) == ("contact", "pv-subsidies", "view")


def test_an_editor_links_the_entry_to_a_colleague_who_then_keeps_it(starter):
    contact = Contact.objects.get(key="gm-zwolle-bibob")
    editor = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="redacteur")
    colleague = make_user(Role.PARTNER, "GM0193", username="bibob-collega")
    contact_update(ctx=ctx_of(editor), contact=contact, person=colleague)
    assert policy_for(Contact).can_change(colleague, Contact.objects.get(pk=contact.pk))
    with pytest.raises(ValueError):
        contact_update(
            ctx=ctx_of(editor),
            contact=contact,
            person=make_user(Role.PARTNER, "POLITIE-ON", username="elders"),
        )


def test_stale_entries_are_asked_to_confirm(starter, mailoutbox):
    from weerbaar.contacts.services import contacts_stale_notify

    Contact.objects.update(reviewed_on=dt.date.today())
    Contact.objects.filter(key="pv-subsidies").update(reviewed_on="2024-01-01")
    ctx = command_context(command="catalog_stale_report")
    assert contacts_stale_notify(ctx=ctx, base_url="https://weerbaar.example") == ["pv-subsidies"]
    assert mailoutbox[0].to == ["subsidies@provincie.example"]
    assert "/contactpersonen/pv-subsidies" in mailoutbox[0].body


def _logged(client, path, params) -> list[tuple]:
    """What one request wrote to the audit log (without the channel it came through)."""
    from weerbaar.audit.models import AuditEntry

    log = AuditEntry.objects.using("audit")
    last = log.order_by("-id").values_list("id", flat=True).first() or 0
    assert client.get(path, params).status_code == 200
    return list(
        log.filter(id__gt=last)
        .order_by("id")
        .values_list("action", "object_type", "object_id", "data_subject_id", "result", "detail")
    )


def test_the_page_and_the_api_log_the_same_search(starter):
    """Both call contacts.selectors.contact_search: the question with the number of entries found,
    and one entry per contact shown (so the FG finds who saw which entry)."""
    client = persona_client(Client, Role.RIEC_ANALIST)
    question = {"q": "vakantieparken Twente", "region": ["twente"]}
    page = _logged(client, "/contactpersonen", question)
    api = _logged(client, "/api/v1/contactpersonen", {"q": question["q"], "regio": ["twente"]})
    assert page == api
    count, *shown = page
    assert count[0] == "count" and count[5] == {
        "vraag": {"q": "vakantieparken Twente", "region": ["twente"]},
        "antwoord": len(shown),
    }
    keys = [entry[3] for entry in shown]
    assert "pv-adviseur-ondermijning-twente" in keys and all(entry[0] == "search" for entry in shown)


def test_the_directory_shows_role_organisation_and_mailbox(starter):
    """A search result card names the role, its organisation, the functional mailbox and phone."""
    html = (
        persona_client(Client, Role.PARTNER).get("/contactpersonen", {"q": "subsidieloket"}).content.decode()
    )
    assert "Subsidieloket provincie — team Subsidies" in html and "Provincie Overijssel" in html
    assert "subsidies@provincie.example" in html and "+31 20 000 0006" in html
    assert 'href="/contactpersonen/pv-subsidies"' in html
