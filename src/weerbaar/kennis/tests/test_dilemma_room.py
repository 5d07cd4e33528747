"""The closed room for integrity dilemmas: members read (an anonymous post without its author),
everyone else gets nothing through any path — page, API and search — and the FG still finds who
wrote it, audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from weerbaar.audit.models import AuditEntry
from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.kennis.models import DilemmaRoom
from weerbaar.kennis.selectors import dilemma_author_for_fg, knowledge_search
from weerbaar.kennis.services import case_publish, dilemma_close, dilemma_post
from weerbaar.privacy.testing import ctx_of
from weerbaar.themes.starter import vocabularies_load

pytestmark = pytest.mark.django_db

SECRET = "wethouder schoonzoon vergunning"


@pytest.fixture
def room(region):
    vocabularies_load()
    room = DilemmaRoom.objects.create(key="integriteit", name="Integriteitsdilemma's")
    author = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="schrijver")
    reader = make_user(Role.GEMEENTELIJK_ANALIST, "GM0153", username="lezer")
    outsider = make_user(Role.GEMEENTELIJK_ANALIST, "GM0141", username="buitenstaander")
    room.members.add(author, reader)
    post = dilemma_post(
        ctx=ctx_of(author),
        room="integriteit",
        title="Aanvraag uit de kring van een bestuurder",
        text=f"Een {SECRET} aanvraag: hoe houden we de behandeling zuiver?",
        anonymous=True,
    )
    return {"room": room, "author": author, "reader": reader, "outsider": outsider, "post": post}


def _client(user):
    client = Client()
    login_verified(client, user)
    return client


def test_a_member_reads_an_anonymous_post_without_its_author(room):
    """Page and API show the text to another member and name no author; the audit log records
    the disclosure with the author as data subject, so the FG can find it."""
    client = _client(room["reader"])
    html = client.get(f"/kennis/dilemmas/{room['post'].pk}").content.decode()
    assert SECRET in html
    assert "schrijver" not in html and "anoniem" in html
    api = client.get(f"/api/v1/kennis/dilemmas/{room['post'].pk}").json()
    assert api["auteur"] is None and SECRET in api["tekst"]
    assert "schrijver" not in str(api)
    assert AuditEntry.objects.filter(
        object_type="kennis.dilemma", object_id=str(room["post"].pk), data_subject_id=str(room["author"].pk)
    ).exists()


def test_a_member_finds_the_post_by_search(room):
    found = _client(room["reader"]).get("/api/v1/kennis/dilemmas/", {"q": "schoonzoon"}).json()
    assert [p["id"] for p in found] == [room["post"].pk]
    assert found[0]["auteur"] is None


@pytest.mark.parametrize("who", ["outsider", "public"])
def test_a_non_member_gets_404_through_every_path(room, who):
    """Room page, dilemma page, room search, API list, API detail, API search and posting: 404
    (as for a post that does not exist); the knowledge search finds nothing of the post."""
    user = room["outsider"] if who == "outsider" else make_user(Role.PUBLIEK, username="publiek")
    client = _client(user)
    pk = room["post"].pk
    for url in (
        "/kennis/dilemmas/",
        f"/kennis/dilemmas/{pk}",
        "/kennis/dilemmas/?q=schoonzoon",
        "/api/v1/kennis/dilemmas/",
        f"/api/v1/kennis/dilemmas/{pk}",
        "/api/v1/kennis/dilemmas/?q=schoonzoon",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert SECRET not in response.content.decode()
    posted = client.post(
        "/api/v1/kennis/dilemmas/",
        {"kamer": "integriteit", "tekst": "ik ook"},
        content_type="application/json",
    )
    assert posted.status_code == 404
    assert SECRET not in client.get("/api/v1/kennis", {"q": "schoonzoon"}).content.decode()
    if who == "outsider":
        assert SECRET not in client.get("/kennis/", {"q": "schoonzoon"}).content.decode()
    assert Client().get(f"/api/v1/kennis/dilemmas/{pk}").status_code == 401


def test_the_fg_finds_the_author_and_others_do_not(room):
    fg = ctx_of(make_user(Role.FG, "PV23"))
    assert dilemma_author_for_fg(ctx=fg, pk=room["post"].pk) == "schrijver"
    assert dilemma_author_for_fg(ctx=ctx_of(room["reader"]), pk=room["post"].pk) is None
    assert (
        AuditEntry.objects.filter(object_type="kennis.dilemma", detail__via="auteur voor de FG").count() == 1
    )


def test_a_closed_dilemma_becomes_an_anonymised_case_for_all_partners(room):
    """Only closed dilemmas, only by members, once; the case is found by every partner and
    carries the publisher's rewrite, not the post or its author."""
    member = ctx_of(room["reader"])
    with pytest.raises(ValidationError, match="gesloten"):
        case_publish(ctx=member, post=room["post"].pk, title="t", text="t")
    with pytest.raises(PermissionDenied):
        dilemma_close(ctx=ctx_of(room["outsider"]), pk=room["post"].pk)
    dilemma_close(ctx=ctx_of(room["author"]), pk=room["post"].pk)
    with pytest.raises(PermissionDenied):
        case_publish(ctx=ctx_of(room["outsider"]), post=room["post"].pk, title="t", text="t")
    case = case_publish(
        ctx=member,
        post=room["post"].pk,
        title="Een aanvraag uit de kring van een bestuurder",
        text="Een familielid van een bestuurder vraagt een vergunning aan.",
        lesson="Meld het vroeg en laat een ander behandelen.",
        themes=["integriteit"],
    )
    with pytest.raises(ValidationError, match="al"):
        case_publish(ctx=member, post=room["post"].pk, title="t", text="t")
    page = knowledge_search(ctx=ctx_of(room["outsider"]), query="familielid bestuurder")
    assert [c.pk for c in page.cases] == [case.pk]
    html = _client(room["outsider"]).get(f"/kennis/casussen/{case.pk}").content.decode()
    assert "familielid" in html and "schrijver" not in html and SECRET not in html
