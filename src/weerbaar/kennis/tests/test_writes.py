"""The writes of the knowledge network through services and pages: an editor shares and changes a
knowledge item (the search index follows), the author closes a dilemma (no reactions after), and
a partner drafts a case that only its own organisation sees until it is published."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from weerbaar.core.testing import login_verified
from weerbaar.kennis.models import CaseStatus, DilemmaCase, DilemmaPost, KnowledgeItem
from weerbaar.kennis.selectors import case_get, knowledge_search
from weerbaar.kennis.services import (
    case_draft,
    case_draft_publish,
    case_update,
    dilemma_close,
    dilemma_post,
    item_create,
    item_update,
)
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    login_verified(client, user)
    return client


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _found(user, query):
    return [i.pk for i in knowledge_search(ctx=ctx_of(user), query=query).items]


ITEM = {
    "kind": "instrument",
    "title_nl": "Checklist bestuurlijke weerbaarheid",
    "summary_nl": "Vragen voor een gesprek over signalen van ondermijning.",
    "themes": ["weerbaarheidsscans"],
    "tags": ["checklist"],
}


# --- knowledge items -----------------------------------------------------------------------------


def test_an_editor_changes_an_item_and_search_finds_the_new_text_only(people):
    """Another editor of the owner changes it; the index holds the new title, not the old one."""
    item = item_create(ctx=ctx_of(people["almelo"]), **ITEM)
    assert _found(people["enschede"], "bestuurlijke") == [item.pk]
    item_update(
        ctx=ctx_of(people["almelo2"]), pk=item.pk, **(ITEM | {"title_nl": "Gespreksleidraad wethouders"})
    )
    assert _found(people["enschede"], "gespreksleidraad") == [item.pk]
    assert _found(people["enschede"], "bestuurlijke") == []


def test_an_item_of_another_organisation_is_not_changed(people):
    item = item_create(ctx=ctx_of(people["almelo"]), **ITEM)
    for who in ("enschede", "fg"):
        with pytest.raises(PermissionDenied):
            item_update(ctx=ctx_of(people[who]), pk=item.pk, **(ITEM | {"title_nl": "Overgenomen"}))
    assert KnowledgeItem.objects.get(pk=item.pk).title_nl == ITEM["title_nl"]


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"kind": "recept"}, "kind"),
        ({"themes": ["bestaat-niet"]}, "themes"),
        ({"title_nl": ""}, "title_nl"),
        ({"access_level": "geheim"}, "access_level"),
        ({"title_fr": "Liste"}, "title_fr"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(people, bad, field):
    """Item, its themes and its search entry stay as they were."""
    item = item_create(ctx=ctx_of(people["almelo"]), **ITEM)
    with pytest.raises(ValidationError) as refused:
        item_update(ctx=ctx_of(people["almelo"]), pk=item.pk, **(ITEM | {"summary_nl": "nieuw"} | bad))
    assert field in refused.value.message_dict
    stored = KnowledgeItem.objects.get(pk=item.pk)
    assert (stored.title_nl, stored.summary_nl, stored.kind) == (
        ITEM["title_nl"],
        ITEM["summary_nl"],
        "instrument",
    )
    assert [t.code for t in stored.themes.all()] == ["weerbaarheidsscans"]
    assert _found(people["enschede"], "checklist bestuurlijke") == [item.pk]


def test_an_unknown_theme_on_create_stores_nothing(people):
    with pytest.raises(ValidationError) as refused:
        item_create(ctx=ctx_of(people["almelo"]), **(ITEM | {"themes": ["bestaat-niet"]}))
    assert "themes" in refused.value.message_dict
    assert not KnowledgeItem.objects.exists()


def test_the_share_page_creates_an_item_with_a_message(people):
    client = _client(people["almelo"])
    assert client.get("/kennis/nieuw").status_code == 200
    response = client.post(
        "/kennis/nieuw",
        {
            "kind": "pilot",
            "title_nl": "Pilot Dalfsen",
            "summary_nl": "Wat de pilot opleverde.",
            "themes": ["weerbaarheidsscans"],
            "tags": "bzk, pilot",
            "access_level": "intern",
        },
        follow=True,
    )
    item = KnowledgeItem.objects.get(title_nl="Pilot Dalfsen")
    assert response.redirect_chain[-1][0] == f"/kennis/{item.pk}"
    assert item.tags == ["bzk", "pilot"] and item.owner.code == "GM0141"
    assert "Het kennisitem is gedeeld." in response.content.decode()
    assert _found(people["enschede"], "dalfsen") == [item.pk]


def test_a_refused_form_links_each_error_to_its_field(people):
    response = _client(people["almelo"]).post("/kennis/nieuw", {"kind": "pilot", "summary_nl": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is een probleem" in html
    assert 'href="#id_title_nl"' in html and 'href="#id_themes"' in html
    assert not KnowledgeItem.objects.exists()


def test_only_editors_of_the_owner_get_the_edit_page(people):
    item = item_create(ctx=ctx_of(people["almelo"]), **ITEM)
    assert _client(people["enschede"]).get(f"/kennis/{item.pk}/bewerken").status_code == 403
    assert _client(people["fg"]).get("/kennis/nieuw").status_code == 403
    client = _client(people["almelo2"])
    assert f"/kennis/{item.pk}/bewerken" in client.get(f"/kennis/{item.pk}").content.decode()
    data = ITEM | {"title_nl": "Nieuwe titel", "tags": "a, b", "access_level": "intern"}
    response = client.post(f"/kennis/{item.pk}/bewerken", data)
    assert response.status_code == 302
    assert _messages(response) == ["Het kennisitem is gewijzigd."]
    assert KnowledgeItem.objects.get(pk=item.pk).title_nl == "Nieuwe titel"


# --- closing a dilemma ---------------------------------------------------------------------------


def test_the_author_closes_and_no_reaction_is_accepted_after(people, dilemma):
    """Another member may not close it; after the author closed it the service refuses a reply,
    naming the dilemma, and the page says it is closed and offers no reply form."""
    with pytest.raises(PermissionDenied):
        dilemma_close(ctx=ctx_of(people["enschede"]), pk=dilemma.pk)
    member = _client(people["enschede"])
    assert "Dilemma sluiten" not in member.get(f"/kennis/dilemmas/{dilemma.pk}").content.decode()
    assert member.post(f"/kennis/dilemmas/{dilemma.pk}/sluiten").status_code == 403

    author = _client(people["almelo"])
    assert "Dilemma sluiten" in author.get(f"/kennis/dilemmas/{dilemma.pk}").content.decode()
    response = author.post(f"/kennis/dilemmas/{dilemma.pk}/sluiten")
    assert _messages(response) == ["Het dilemma is gesloten; er kan niet meer op worden gereageerd."]
    with pytest.raises(ValidationError) as refused:
        dilemma_post(ctx=ctx_of(people["enschede"]), room="integriteit", text="Nee.", parent=dilemma.pk)
    assert "parent" in refused.value.message_dict
    html = member.get(f"/kennis/dilemmas/{dilemma.pk}").content.decode()
    assert "Dit dilemma is gesloten" in html and "Uw reactie" not in html
    posted = member.post(f"/kennis/dilemmas/{dilemma.pk}", {"text": "Toch nog iets."})
    assert "gesloten" in posted.content.decode()
    assert DilemmaPost.objects.filter(parent=dilemma).count() == 0
    with pytest.raises(ValidationError, match="al gesloten"):
        dilemma_close(ctx=ctx_of(people["almelo"]), pk=dilemma.pk)


def test_a_non_member_cannot_close_through_the_page(people, dilemma):
    response = _client(people["almelo2"]).post(f"/kennis/dilemmas/{dilemma.pk}/sluiten")
    assert response.status_code == 404
    assert DilemmaPost.objects.get(pk=dilemma.pk).status == "open"


# --- cases ---------------------------------------------------------------------------------------

CASE = {
    "title": "Ondernemer biedt hulp aan",
    "text": "Een ondernemer biedt gratis hulp bij een evenement.",
    "themes": ["integriteit"],
}


def test_a_draft_is_for_its_own_organisation_until_published(people):
    """Not on another partner's page nor in search while a draft; both after publishing."""
    draft = case_draft(ctx=ctx_of(people["almelo"]), **CASE)
    assert draft.status == CaseStatus.CONCEPT and draft.published_on is None
    assert case_get(ctx=ctx_of(people["almelo2"]), pk=draft.pk) is not None
    other = _client(people["enschede"])
    assert other.get(f"/kennis/casussen/{draft.pk}").status_code == 404
    assert knowledge_search(ctx=ctx_of(people["enschede"]), query="ondernemer hulp").cases == []
    assert other.post(f"/kennis/casussen/{draft.pk}/publiceren").status_code == 404
    with pytest.raises(PermissionDenied):
        case_draft_publish(ctx=ctx_of(people["enschede"]), pk=draft.pk)

    case_update(ctx=ctx_of(people["almelo2"]), pk=draft.pk, **(CASE | {"lesson": "Vraag het na."}))
    response = _client(people["almelo"]).post(f"/kennis/casussen/{draft.pk}/publiceren")
    assert _messages(response) == ["De casus is gepubliceerd voor alle partners."]
    assert other.get(f"/kennis/casussen/{draft.pk}").status_code == 200
    found = knowledge_search(ctx=ctx_of(people["enschede"]), query="ondernemer hulp").cases
    assert [c.pk for c in found] == [draft.pk]
    with pytest.raises(PermissionDenied):
        case_update(ctx=ctx_of(people["almelo"]), pk=draft.pk, **(CASE | {"title": "Later"}))
    with pytest.raises(ValidationError, match="al gepubliceerd"):
        case_draft_publish(ctx=ctx_of(people["almelo"]), pk=draft.pk)


@pytest.mark.parametrize(("bad", "field"), [({"title": ""}, "title"), ({"themes": ["geen"]}, "themes")])
def test_a_bad_case_names_the_field_and_changes_nothing(people, bad, field):
    draft = case_draft(ctx=ctx_of(people["almelo"]), **CASE)
    with pytest.raises(ValidationError) as refused:
        case_update(ctx=ctx_of(people["almelo"]), pk=draft.pk, **(CASE | {"text": "Nieuw."} | bad))
    assert field in refused.value.message_dict
    stored = DilemmaCase.objects.get(pk=draft.pk)
    assert (stored.title, stored.text) == (CASE["title"], CASE["text"])
    with pytest.raises(ValidationError):
        case_draft(ctx=ctx_of(people["almelo"]), **(CASE | bad))
    assert DilemmaCase.objects.count() == 1


def test_only_editors_draft_and_an_open_dilemma_is_no_case(people, dilemma):
    with pytest.raises(PermissionDenied):
        case_draft(ctx=ctx_of(people["fg"]), **CASE)
    with pytest.raises(ValidationError) as refused:
        case_draft(ctx=ctx_of(people["enschede"]), post=dilemma.pk, **CASE)
    assert "post" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        case_draft(ctx=ctx_of(people["almelo2"]), post=dilemma.pk, **CASE)
    assert not DilemmaCase.objects.exists()


def test_the_case_pages_draft_edit_and_publish(people, dilemma):
    """From a closed dilemma: the page offers the case, the draft has no author and is published."""
    dilemma_close(ctx=ctx_of(people["almelo"]), pk=dilemma.pk)
    client = _client(people["enschede"])
    assert (
        f"/kennis/casussen/nieuw?dilemma={dilemma.pk}"
        in client.get(f"/kennis/dilemmas/{dilemma.pk}").content.decode()
    )
    response = client.post(
        f"/kennis/casussen/nieuw?dilemma={dilemma.pk}",
        {
            "title": "Een cadeau van een leverancier",
            "text": "Een medewerker krijgt een cadeau.",
            "themes": ["integriteit"],
        },
    )
    case = DilemmaCase.objects.get()
    assert response["Location"] == f"/kennis/casussen/{case.pk}"
    assert case.source_id == dilemma.pk and case.status == CaseStatus.CONCEPT
    assert "Een cadeau van een leverancier" in client.get("/kennis/").content.decode()
    refused = client.post(f"/kennis/casussen/{case.pk}/bewerken", {"title": "", "text": "x"})
    assert 'href="#id_title"' in refused.content.decode()
    client.post(f"/kennis/casussen/{case.pk}/bewerken", {"title": "Een cadeau", "text": "Aangepast."})
    client.post(f"/kennis/casussen/{case.pk}/publiceren")
    case.refresh_from_db()
    assert (case.title, case.status) == ("Een cadeau", CaseStatus.PUBLISHED)
    assert "almelo" not in client.get(f"/kennis/casussen/{case.pk}").content.decode()
