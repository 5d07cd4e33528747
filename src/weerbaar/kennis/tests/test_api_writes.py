"""The knowledge network's writes under /api/v1: an editor shares and changes an item, the author
closes a dilemma; bad input is 400 naming the field with nothing stored, another organisation's
item 403, a dilemma of a room the caller is not in 404, as on the pages."""

import pytest
from django.test import Client

from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.kennis.models import DilemmaPost, KnowledgeItem

from .test_writes import _found

pytestmark = pytest.mark.django_db

BODY = {
    "soort": "instrument",
    "titel": "Checklist bestuurlijke weerbaarheid",
    "samenvatting": "Vragen voor een gesprek over signalen van ondermijning.",
    "themas": ["weerbaarheidsscans"],
    "trefwoorden": ["checklist"],
}


def _api(user) -> Client:
    client = Client()
    login_verified(client, user)
    return client


def _post(client, url, body=None):
    return client.post(f"/api/v1{url}", body or {}, content_type="application/json")


def test_an_editor_shares_and_changes_an_item_through_the_api(people):
    client = _api(people["almelo"])
    response = _post(client, "/kennis/items", BODY)
    assert response.status_code == 201, response.content
    item = response.json()
    assert (
        item["titel"] == BODY["titel"]
        and item["eigenaar"] == "GM0141"
        and item["themas"] == ["weerbaarheidsscans"]
    )
    assert _found(people["enschede"], "weerbaarheid") == [item["id"]]

    changed = client.put(
        f"/api/v1/kennis/items/{item['id']}",
        {**BODY, "titel": "Gesprekskaart integriteit"},
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["titel"] == "Gesprekskaart integriteit"
    assert _found(people["enschede"], "gesprekskaart") == [item["id"]]


def test_bad_input_is_400_naming_the_field_and_stores_nothing(people):
    response = _post(_api(people["almelo"]), "/kennis/items", {**BODY, "themas": ["bestaat-niet"]})
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert "themes" in response.content.decode() or "themas" in response.content.decode()
    assert not KnowledgeItem.objects.exists()


def test_another_organisation_may_not_change_the_item_and_the_public_may_not_share(people):
    item = _post(_api(people["almelo"]), "/kennis/items", BODY).json()
    other = _api(people["enschede"]).put(
        f"/api/v1/kennis/items/{item['id']}",
        {**BODY, "titel": "Overgenomen"},
        content_type="application/json",
    )
    assert other.status_code == 403
    assert KnowledgeItem.objects.get(pk=item["id"]).title_nl == BODY["titel"]
    public = _post(_api(make_user(Role.PUBLIEK, username="publiek")), "/kennis/items", BODY)
    assert public.status_code == 403
    assert _post(Client(), "/kennis/items", BODY).status_code == 401


def test_the_author_closes_a_dilemma_through_the_api_and_a_non_member_gets_404(people, dilemma):
    assert _post(_api(people["almelo2"]), f"/kennis/dilemmas/{dilemma.pk}/sluiten").status_code == 404
    assert _post(_api(people["enschede"]), f"/kennis/dilemmas/{dilemma.pk}/sluiten").status_code == 403
    closed = _post(_api(people["almelo"]), f"/kennis/dilemmas/{dilemma.pk}/sluiten")
    assert closed.status_code == 200 and closed.json()["status"] == "gesloten"
    assert DilemmaPost.objects.get(pk=dilemma.pk).status == "gesloten"
    again = _post(_api(people["almelo"]), f"/kennis/dilemmas/{dilemma.pk}/sluiten")
    assert again.status_code == 400 and "al gesloten" in again.content.decode()
