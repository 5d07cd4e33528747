"""Knowledge items: shared by an editor, found through the one search engine by theme, tag and
text, each reader seeing only the access levels they are cleared for; the network directory."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.testing import make_user, persona_client
from weerbaar.kennis.selectors import knowledge_search
from weerbaar.kennis.services import item_create
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(region):
    from weerbaar.themes.starter import vocabularies_load

    vocabularies_load()
    almelo = ctx_of(make_user(Role.GEMEENTELIJK_ANALIST, "GM0141"))
    pilot = item_create(
        ctx=almelo,
        kind="pilot",
        title_nl="Pilot weerbaarheid Almelo",
        summary_nl="Lessen uit de weerbaarheidsscan van de gemeentelijke organisatie.",
        themes=["weerbaarheidsscans"],
        tags=["bzk"],
    )
    model = item_create(
        ctx=almelo,
        kind="modeldocument",
        title_nl="Modelconvenant vakantieparken",
        summary_nl="Een convenant voor het delen van informatie.",
        themes=["vakantieparken"],
        access_level=AccessLevel.OPENBAAR,
    )
    return pilot, model


def test_search_by_text_tag_and_theme(items):
    pilot, _model = items
    ctx = ctx_of(make_user(Role.RIEC_ANALIST, "RIEC-ON"))
    assert [i.pk for i in knowledge_search(ctx=ctx, query="weerbaarheidsscan").items] == [pilot.pk]
    assert [i.pk for i in knowledge_search(ctx=ctx, query="bzk").items] == [pilot.pk]
    by_theme = knowledge_search(ctx=ctx, filters={"theme": ["weerbare-samenleving-en-overheid"]})
    assert [i.pk for i in by_theme.items] == [pilot.pk]


def test_the_public_finds_only_public_items(items):
    pilot, model = items
    found = Client().get("/api/v1/kennis").json()
    assert [i["id"] for i in found] == [model.pk]
    assert Client().get(f"/api/v1/kennis/items/{pilot.pk}").status_code == 404


def test_only_editors_share_knowledge(region):
    with pytest.raises(PermissionDenied):
        item_create(
            ctx=ctx_of(make_user(Role.PUBLIEK)), kind="pilot", title_nl="x", summary_nl="x", themes=[]
        )


def test_the_network_directory_is_the_contact_directory_by_theme(starter):
    """Who works on cross-border crime: the directory's entries for that theme, no others."""
    client = persona_client(Client, Role.GEMEENTELIJK_ANALIST)
    response = client.get("/kennis/netwerk", {"thema": "grensoverschrijdende-ondermijning"})
    keys = {c.key for c in response.context["page"].contacts}
    assert "de-borken-ordnungsamt" in keys
    assert "pv-expertisecentrum-vakantieparken" not in keys
    assert persona_client(Client, Role.PUBLIEK).get("/kennis/netwerk").status_code == 403
